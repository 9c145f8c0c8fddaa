"""benchmarks/generate.py: realistic answer files that load, score, and come out the same for the same seed."""

from __future__ import annotations

import sys
from pathlib import Path

import iso9001assess as qa
from fixture_paths import MINI_CHECKLIST

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import generate_answers, main

sys.path.pop(0)


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    first = generate_answers(checklist, 20, tmp_path / "a", seed=3)
    second = generate_answers(checklist, 20, tmp_path / "b", seed=3)
    other = generate_answers(checklist, 20, tmp_path / "c", seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_generated_files_are_valid_and_varied(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    results = [
        qa.score(checklist, qa.load_answers(p, checklist))
        for p in generate_answers(checklist, 60, tmp_path, seed=1)
    ]
    statuses = {item.status for r in results for item in r.items}
    assert statuses == {"answered", "unanswered", "not-applicable"}
    assert {r.enterprise.has_lab for r in results} == {True, False}
    assert len({r.overall.score for r in results}) > 20  # enterprises differ
    assert all(r.enterprise.credit_code is not None for r in results)  # every code passed its checksum


def test_the_command_line(tmp_path: Path) -> None:
    main(
        [
            "--checklist",
            str(MINI_CHECKLIST),
            "-n",
            "3",
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--seed",
            "2",
        ]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "enterprise-0001.json",
        "enterprise-0002.json",
        "enterprise-0003.json",
    ]
