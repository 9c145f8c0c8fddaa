"""The public face of the package: what ``import iso9001assess`` costs and offers, and what results promise."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

import iso9001assess as qa
from fixture_paths import MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess.models import Checklist, Result

DOCS_API = Path(__file__).parent.parent / "docs" / "api.md"

# What docs/api.md promises at the top level of the package.
PROMISED = [
    "Answers",
    "Checklist",
    "ExportOptions",
    "Exporter",
    "InvalidInputError",
    "Iso9001AssessError",
    "NotFoundError",
    "Overlay",
    "Problem",
    "Result",
    "ScoringStrategy",
    "__version__",
    "export",
    "get_exporter",
    "get_strategy",
    "hookimpl",
    "load_answers",
    "load_checklist",
    "score",
]


def test_import_loads_neither_reportlab_nor_openpyxl() -> None:
    code = (
        "import sys, iso9001assess\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'openpyxl', 'jsonschema')))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


def test_scoring_through_the_api_loads_no_report_library() -> None:
    code = (
        "import sys, iso9001assess as qa\n"
        f"c = qa.load_checklist({str(MINI_CHECKLIST)!r})\n"
        f"qa.score(c, qa.load_answers({str(MINI_ANSWERS)!r}, c))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'openpyxl')))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


def test_all_holds_what_the_docs_promise() -> None:
    assert len(qa.__all__) == len(set(qa.__all__))
    assert set(PROMISED) <= set(qa.__all__)
    for name in qa.__all__:
        assert hasattr(qa, name), name


def test_every_public_name_is_documented() -> None:
    documented = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)", DOCS_API.read_text(encoding="utf-8")))
    undocumented = [name for name in qa.__all__ if name not in documented and name != "__version__"]
    assert undocumented == [], f"add these to docs/api.md: {undocumented}"


# -- results ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def result() -> Result:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    return qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist))


def test_results_are_frozen(result: Result) -> None:
    with pytest.raises(ValidationError, match="frozen"):
        result.strategy = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        result.overall.score = 100.0  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        result.items[0].score = 1.0  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        result.sections[0].score = 1.0  # type: ignore[misc]
    assert isinstance(result.items, tuple) and isinstance(result.actions, tuple)


def test_results_round_trip_through_json(result: Result) -> None:
    text = result.model_dump_json()
    assert Result.model_validate_json(text) == result
    data = json.loads(text)
    assert data["checklist"] == {
        "id": "mini",
        "version": "1.0",
        "sha256": qa.load_checklist(MINI_CHECKLIST).sha256,
        "title": {"zh": "小型检查表", "en": "Mini checklist"},
        "standard": "ISO 9001:2015",
    }
    assert (data["strategy"], data["overall"]["score"], data["lab"]["score"]) == ("weighted", 56.25, 100.0)
    assert (data["overall"]["readiness"], data["overall"]["completeness"]) == ("not-ready", 1.0)
    assert (data["lab"]["verdict"], data["lab"]["completeness"]) == ("incomplete", 0.5)
    assert data["actions"][0]["id"] == data["actions"][0]["item_id"] == "4.3-01"
    assert data["assessment"]["date"] == "2026-05-10"


def test_the_bundled_checklist_scores_and_round_trips(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        from generate import generate_answers
    finally:
        sys.path.pop(0)
    checklist = qa.load_checklist("iso9001-2015")
    for path in generate_answers(checklist, 5, tmp_path, seed=7) + generate_answers(
        checklist, 2, tmp_path / "json", seed=8, fmt="json"
    ):
        scored = qa.score(checklist, qa.load_answers(path))
        assert Result.model_validate_json(scored.model_dump_json()) == scored
        assert len(scored.items) == sum(1 for _ in checklist.iter_items())


def test_sha256_is_the_hash_of_the_canonical_checklist() -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    canonical = json.dumps(
        checklist.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert checklist.sha256 == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_sha256_is_stable_across_processes_and_loads() -> None:
    code = f"import iso9001assess as qa; print(qa.load_checklist({str(MINI_CHECKLIST)!r}).sha256)"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    assert runs == {qa.load_checklist(MINI_CHECKLIST).sha256}
    assert re.fullmatch(r"[0-9a-f]{64}", runs.pop())


def test_sha256_changes_when_the_checklist_changes(tmp_path: Path) -> None:
    original = MINI_CHECKLIST.read_text(encoding="utf-8")
    base = qa.load_checklist(MINI_CHECKLIST).sha256
    variants = {
        "weight": original.replace("weight: 3", "weight: 4"),
        "text": original.replace("Is the scope documented?", "Is the scope written down?"),
        "version": original.replace('version: "1.0"', 'version: "1.1"'),
        "critical": original.replace(
            "            critical: true\n            weight: 2", "            weight: 2"
        ),
    }
    hashes = set()
    for name, text in variants.items():
        assert text != original, name
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        hashes.add(qa.load_checklist(path).sha256)
    assert base not in hashes and len(hashes) == len(variants)
    # Formatting and comments are not the checklist: the same content hashes the same.
    reformatted = tmp_path / "reformatted.yaml"
    reformatted.write_text(
        "# a comment\n" + original.replace("  - {value: 0,", "  -   {value: 0,"), encoding="utf-8"
    )
    assert qa.load_checklist(reformatted).sha256 == base


def test_a_json_checklist_hashes_like_its_yaml_twin(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    twin = tmp_path / "mini.json"
    twin.write_text(checklist.model_dump_json(), encoding="utf-8")
    assert qa.load_checklist(twin).sha256 == checklist.sha256
    assert isinstance(qa.load_checklist(twin), Checklist)


# -- the API flow ----------------------------------------------------------------------------------------------
def test_score_takes_a_strategy_by_name_or_object(result: Result) -> None:
    from iso9001assess.scoring import FlatUnweightedStrategy

    checklist = qa.load_checklist(MINI_CHECKLIST)
    answers = qa.load_answers(MINI_ANSWERS, checklist)
    by_name = qa.score(checklist, answers, "flat-unweighted")
    by_object = qa.score(checklist, answers, FlatUnweightedStrategy())
    assert by_name == by_object
    assert by_name.overall.score == 50.0  # mean(0.75, 0.25, 0.5): weights ignored
    assert isinstance(qa.get_strategy("weighted"), qa.ScoringStrategy)
    with pytest.raises(
        qa.NotFoundError, match="unknown scoring strategy 'wieghted' \\(did you mean 'weighted'\\?\\)"
    ):
        qa.score(checklist, answers, "wieghted")


def test_answers_that_do_not_fit_are_refused_by_score() -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    answers = qa.Answers.model_validate(
        {"schema_version": 1, "checklist": "mini", "enterprise": {"name": "x"}, "answers": {"4.1-01": 7}}
    )
    with pytest.raises(qa.InvalidInputError) as caught:
        qa.score(checklist, answers)
    assert [p.message for p in caught.value.problems] == ["rating 7 is not on the scale 0–4"]


def test_export_json_writes_the_result_whole(result: Result, tmp_path: Path) -> None:
    target = qa.export(result, tmp_path / "out" / "acme.json")
    assert target == tmp_path / "out" / "acme.json"
    assert Result.model_validate_json(target.read_text(encoding="utf-8")) == result
    assert [p.name for p in target.parent.iterdir()] == ["acme.json"]  # no temporary file left behind
    with pytest.raises(qa.NotFoundError):
        qa.export(result, tmp_path / "acme.unknown-suffix")
    assert not (tmp_path / "acme.unknown-suffix").exists()


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_export_bytes_are_the_bytes_export_writes(result: Result, fmt: str, tmp_path: Path) -> None:
    written = qa.export(result, tmp_path / f"report.{fmt}", lang="en")
    in_memory = qa.export_bytes(result, fmt, lang="en")
    assert in_memory == written.read_bytes()
    assert in_memory.startswith(b"%PDF-" if fmt == "pdf" else b"{")
    assert list(tmp_path.iterdir()) == [written]  # export_bytes wrote no file of its own


def test_export_bytes_names_the_formats_there_are_for_an_unknown_one(result: Result) -> None:
    with pytest.raises(
        qa.NotFoundError, match=r"unknown export format 'docs' \(did you mean 'docx'\?\); available: .*pdf"
    ):
        qa.export_bytes(result, "docs")
