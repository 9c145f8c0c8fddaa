"""Incremental batch and follow-up pairing: a re-run renders exactly the reports whose inputs changed (their
bytes equal a fresh run's), and a follow-up's report shows its progress, its baseline found among the inputs
or in the programme store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pypdf import PdfReader

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"
BASE: dict[str, Any] = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text("utf-8"))
PROGRESS_HEADING = "Progress since the baseline"


def write(path: Path, *, name: str, rating: int, kind: str = "baseline", date: str = "2026-05-10") -> Path:
    document = json.loads(json.dumps(BASE, default=str))
    document["enterprise"].update(name=name)
    document["enterprise"].pop("credit_code")
    document["assessment"].update(kind=kind, date=date)
    document["answers"]["4.1-01"] = rating
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    return path


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_changing_one_of_thirty_files_re_renders_exactly_its_report(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    for number in range(30):
        write(folder / f"e{number:02d}.yaml", name=f"企业{number:02d}", rating=number % 5)
    out = tmp_path / "out"
    options: dict[str, Any] = {"formats": ["pdf"], "jobs": 2, "checklist": MINI, "portfolio_formats": []}
    first = qa.batch(folder, out, **options)
    assert (first.written, first.kept) == (30, 0)
    before = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}

    write(folder / "e07.yaml", name="企业07", rating=4)  # 2 before: a corrected rating
    again = qa.batch(folder, out, **options)
    assert (again.written, again.kept) == (1, 29)
    after = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    assert [name for name in sorted(after) if after[name] != before[name]] == ["e07.pdf"]

    fresh = qa.batch(folder / "e07.yaml", tmp_path / "fresh", **options)
    assert fresh.written == 1
    assert (out / "e07.pdf").read_bytes() == (tmp_path / "fresh" / "e07.pdf").read_bytes()

    # Another language is another recipe: every report is rendered again.
    english = qa.batch(folder, out, **{**options, "lang": "en"})
    assert (english.written, english.kept) == (30, 0)


def test_a_follow_up_is_paired_with_its_baseline_among_the_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    write(folder / "acme-2026-05.yaml", name="甲公司", rating=1)
    write(folder / "acme-2026-11.yaml", name="甲公司", rating=4, kind="follow-up", date="2026-11-02")
    write(folder / "other-2026-11.yaml", name="乙公司", rating=3, kind="follow-up", date="2026-11-02")
    out = tmp_path / "out"
    report = qa.batch(folder, out, formats=["pdf"], jobs=1, checklist=MINI, portfolio_formats=[], lang="en")
    assert report.ok and report.written == 3
    assert PROGRESS_HEADING in pdf_text(out / "acme-2026-11.pdf")
    assert PROGRESS_HEADING not in pdf_text(out / "acme-2026-05.pdf")
    assert PROGRESS_HEADING not in pdf_text(out / "other-2026-11.pdf")  # no baseline anywhere
    # A corrected baseline changes the follow-up's report too (its progress section), nothing else.
    write(folder / "acme-2026-05.yaml", name="甲公司", rating=0)
    again = qa.batch(folder, out, formats=["pdf"], jobs=1, checklist=MINI, portfolio_formats=[], lang="en")
    assert (again.written, again.kept) == (2, 1)


def test_batch_db_records_and_finds_the_baseline_in_the_store(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.delenv("ISO9001ASSESS_DB", raising=False)
    db = tmp_path / "programme.db"
    plugin = Path(__file__).parent / "fixtures" / "plugins" / "fixture_checklists.py"
    spring = write(tmp_path / "spring" / "acme.yaml", name="甲公司", rating=1)
    first = run_cli(
        "--plugin", plugin, "batch", spring.parent, "-o", tmp_path / "out1", "--db", db, "--lang", "en"
    )
    assert first.code == 0, first.err
    assert f"{db}: 1 added, 0 corrected, 0 unchanged, bad files: 0" in first.out
    autumn = write(
        tmp_path / "autumn" / "acme.yaml", name="甲公司", rating=4, kind="follow-up", date="2026-11-02"
    )
    second = run_cli(
        "--plugin", plugin, "batch", autumn.parent, "-o", tmp_path / "out2", "--db", db, "--lang", "en"
    )
    assert second.code == 0, second.err
    # The baseline was not among this batch's inputs: the store gave it, so the report shows progress.
    assert PROGRESS_HEADING in pdf_text(tmp_path / "out2" / "acme.pdf")
    with Store(db) as store:
        (enterprise,) = store.enterprises()
        assert enterprise.stage == "followed-up" and enterprise.plan_issued_on is not None
        assert [a.kind for a in store.assessments(enterprise)] == ["baseline", "follow-up"]
    # Without the store, the same follow-up has nothing to compare against.
    alone = run_cli("--plugin", plugin, "batch", autumn.parent, "-o", tmp_path / "out3", "--lang", "en")
    assert alone.code == 0 and PROGRESS_HEADING not in pdf_text(tmp_path / "out3" / "acme.pdf")


def test_report_finds_a_follow_ups_baseline_beside_it_or_in_the_store(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.delenv("ISO9001ASSESS_DB", raising=False)
    plugin = Path(__file__).parent / "fixtures" / "plugins" / "fixture_checklists.py"
    write(tmp_path / "together" / "spring.yaml", name="甲公司", rating=1)
    follow_up = write(
        tmp_path / "together" / "autumn.yaml", name="甲公司", rating=4, kind="follow-up", date="2026-11-02"
    )
    beside = run_cli("--plugin", plugin, "report", follow_up, "-o", tmp_path / "beside.pdf", "--lang", "en")
    assert beside.code == 0, beside.err
    assert PROGRESS_HEADING in pdf_text(tmp_path / "beside.pdf")

    alone = write(
        tmp_path / "alone" / "autumn.yaml", name="甲公司", rating=4, kind="follow-up", date="2026-11-02"
    )
    without = run_cli("--plugin", plugin, "report", alone, "-o", tmp_path / "without.pdf", "--lang", "en")
    assert without.code == 0 and PROGRESS_HEADING not in pdf_text(tmp_path / "without.pdf")
    db = tmp_path / "programme.db"
    assert (
        run_cli("--plugin", plugin, "ingest", "--db", db, "-q", tmp_path / "together" / "spring.yaml").code
        == 0
    )
    stored = run_cli(
        "--plugin", plugin, "report", alone, "-o", tmp_path / "stored.pdf", "--db", db, "--lang", "en"
    )
    assert stored.code == 0, stored.err
    assert PROGRESS_HEADING in pdf_text(tmp_path / "stored.pdf")
