"""A follow-up with no baseline before it (none at all, or a year typo that dates it first) is warned of at
ingest and not counted as followed up by progress, which says how many could not be paired; the totals and
the acceptance table agree."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CliRunner
from store_support import credit_code, write_answers


def _ingested(run_cli: CliRunner, tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "in"
    # 1: a pair in order (counted); 2: a follow-up alone; 3: a follow-up dated a year before its baseline.
    write_answers(folder / "a-base.yaml", name="甲电子有限公司", code=credit_code(1), date="2026-04-01")
    write_answers(
        folder / "a-follow.yaml",
        name="甲电子有限公司",
        code=credit_code(1),
        kind="follow-up",
        date="2026-06-01",
    )
    write_answers(
        folder / "b-follow.yaml",
        name="乙机械有限公司",
        code=credit_code(2),
        kind="follow-up",
        date="2026-06-01",
    )
    write_answers(folder / "c-base.yaml", name="丙食品有限公司", code=credit_code(3), date="2026-04-01")
    write_answers(
        folder / "c-follow.yaml",
        name="丙食品有限公司",
        code=credit_code(3),
        kind="follow-up",
        date="2025-06-01",
    )
    database = tmp_path / "programme.db"
    made = run_cli("ingest", "--db", database, folder)
    assert made.code == 0, made.err
    return database, made.err


def test_ingest_warns_of_a_follow_up_without_an_earlier_baseline(run_cli: CliRunner, tmp_path: Path) -> None:
    _database, said = _ingested(run_cli, tmp_path)
    assert (
        "b-follow.yaml：乙机械有限公司 的跟踪评估（2026-06-01）之前没有基线评估；进展报告不把它计为已完成跟踪评估"
        in said
    )
    assert (
        "c-follow.yaml：丙食品有限公司 的跟踪评估日期 2025-06-01 早于其基线评估（2026-04-01），请检查日期"
        in said
    )
    assert "甲电子有限公司" not in said  # its pair is in order
    again = run_cli("ingest", "--db", _database, tmp_path / "in")  # nothing new recorded: nothing said again
    assert again.code == 0 and "跟踪评估" not in again.err


def test_progress_counts_only_paired_follow_ups_and_says_how_many_are_not(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    database, _said = _ingested(run_cli, tmp_path)
    out = tmp_path / "p.json"
    made = run_cli(
        "progress",
        "--programme",
        "gd-2022-qms",
        "--db",
        database,
        "--as-of",
        "2026-07-01",
        "-o",
        out,
        "--json",
    )
    assert made.code == 0, made.err
    figures = json.loads(made.out)["figures"]
    assert figures["totals"]["enrolled"] == 3
    assert figures["totals"]["followed_up"] == 1  # 甲 only
    assert figures["unpaired_follow_ups"] == 2  # 乙 (no baseline), 丙 (dated before its baseline)
    # The acceptance table agrees: one enterprise has a follow-up paired with its baseline.
    paired = [entry["name"] for entry in figures["acceptance"] if entry["follow_up_date"] is not None]
    assert paired == ["甲电子有限公司"]
    reasons = {entry["name"]: [r["code"] for r in entry["reasons"]] for entry in figures["acceptance"]}
    assert reasons["乙机械有限公司"] == ["no_baseline"]
    assert (
        "2 家企业的跟踪评估之前没有基线评估（尚无基线评估，或基线评估日期晚于跟踪评估），未计入已完成跟踪评估"
        in made.err
    )


def test_the_progress_pdf_says_how_many_follow_ups_are_not_paired(run_cli: CliRunner, tmp_path: Path) -> None:
    from pypdf import PdfReader

    database, _said = _ingested(run_cli, tmp_path)
    out = tmp_path / "p.pdf"
    made = run_cli(
        "progress", "--programme", "gd-2022-qms", "--db", database, "--as-of", "2026-07-01", "-o", out
    )
    assert made.code == 0, made.err
    text = "".join((page.extract_text() or "") for page in PdfReader(out).pages).replace("\n", "")
    assert "另有 2 家企业的跟踪评估之前没有基线评估" in text
