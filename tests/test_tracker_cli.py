"""The tracker on the command line: ``plan ENTERPRISE``, ``batch --formats plan`` with and without a store,
``ingest`` of a filled tracker, and the round trip through LibreOffice (the dropdowns and the protection kept)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(81)
FIRST = 5


def _ingested(run_cli: CliRunner, tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "programme.db"
    answers = write_answers(tmp_path / "in" / "acme.yaml", code=CODE, date="2026-04-16")
    assert run_cli("ingest", "--db", db, answers).code == 0
    return db, answers


def test_plan_writes_the_tracker_by_credit_code_or_unique_name(run_cli: CliRunner, tmp_path: Path) -> None:
    db, answers = _ingested(run_cli, tmp_path)
    with Store(db) as store:
        assert store.enterprise(CODE).plan_issued_on is None
    by_code = run_cli("plan", CODE, "--db", db, "--lang", "en", "-o", tmp_path / "a.xlsx")
    assert by_code.code == 0, by_code.err
    by_name = run_cli(
        "plan", "广州禾川智控电子有限公司", "--db", db, "--lang", "en", "-o", tmp_path / "b.xlsx"
    )
    assert by_name.code == 0, by_name.err
    # The same enterprise, the same workbook, byte for byte.
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with Store(db) as store:  # writing the tracker hands the plan over
        enterprise = store.enterprise(CODE)
        assert (enterprise.stage, enterprise.plan_issued_on) == ("plan-issued", dt.date.today())
    result = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(answers))
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["Plan"]
    assert sheet["A1"].value == "Improvement plan tracker — 广州禾川智控电子有限公司"
    assert sheet[f"A{FIRST}"].value == result.actions[0].id


@pytest.mark.usefixtures("in_english")
def test_plan_names_the_candidates_when_the_enterprise_is_not_one(run_cli: CliRunner, tmp_path: Path) -> None:
    db, _ = _ingested(run_cli, tmp_path)
    twin = write_answers(
        tmp_path / "in" / "twin.yaml", code=credit_code(82), city="深圳市", date="2026-04-17"
    )
    assert run_cli("ingest", "--db", db, twin).code == 0
    # Two enterprises share the name: both are listed with their codes and cities, nothing is written.
    shared = run_cli("plan", "广州禾川智控电子有限公司", "--db", db, "-o", tmp_path / "x.xlsx")
    assert shared.code == 2 and not (tmp_path / "x.xlsx").exists()
    assert "广州禾川智控电子有限公司 (" + CODE + ", 广州市)" in shared.err
    assert "广州禾川智控电子有限公司 (" + credit_code(82) + ", 深圳市)" in shared.err
    partial = run_cli("plan", "禾川", "--db", db, "-o", tmp_path / "x.xlsx")
    assert partial.code == 2 and "unknown enterprise '禾川'" in partial.err and CODE in partial.err
    unknown = run_cli("plan", "nobody", "--db", db, "-o", tmp_path / "x.xlsx")
    assert unknown.code == 2 and "available: none" in unknown.err


def test_batch_without_a_store_writes_trackers_the_store_accepts(run_cli: CliRunner, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "in" / "acme.yaml", code=CODE, date="2026-04-16")
    out = tmp_path / "out"
    batch = run_cli(
        "batch", tmp_path / "in", "-o", out, "--formats", "plan", "--portfolio-formats", "", "--jobs", "1"
    )
    assert batch.code == 0, batch.err
    tracker = out / "acme.plan.xlsx"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "acme.plan.xlsx",
        "summary.csv",
    ]
    workbook = openpyxl.load_workbook(tracker)
    # Without a store the binding names no assessment id nor revision; the ids are the item ids.
    binding = {row[0]: row[1] for row in workbook["_binding"].iter_rows(max_col=2, values_only=True)}
    assert (binding["assessment_id"], binding["revision"]) == (None, None)
    sheet = workbook["Plan"]
    sheet[f"I{FIRST}"] = "已完成"
    sheet[f"H{FIRST}"] = "生产部 王工"
    workbook.save(tmp_path / "filled.xlsx")
    db = tmp_path / "programme.db"
    # Before its answers are recorded, the store does not know the enterprise.
    early = run_cli("ingest", "--db", db, "--lang", "en", tmp_path / "filled.xlsx")
    assert early.code == 1 and "is not in this programme store; ingest its answers first" in early.err
    both = run_cli("ingest", "--db", db, "--lang", "en", answers, tmp_path / "filled.xlsx")
    assert both.code == 0, both.err
    assert "filled.xlsx: action tracker applied, 1 action updated" in both.out
    with Store(db) as store:
        top = {action.item_id: action for action in store.actions(CODE)}[sheet[f"A{FIRST}"].value]
        assert (top.status, top.owner) == ("done", "生产部 王工")
    again = run_cli("ingest", "--db", db, "--lang", "en", tmp_path / "filled.xlsx")
    assert again.code == 0 and "nothing changed" in again.out
    # Given where answers are expected, a tracker is named for what it is.
    scored = run_cli("score", "--lang", "en", tmp_path / "filled.xlsx")
    assert scored.code == 1
    assert scored.err.strip() == (
        f"{tmp_path / 'filled.xlsx'}: this is an action tracker workbook, not answers; bring it back with: "
        "iso9001assess ingest FILE"
    )


def test_batch_with_a_store_writes_the_trackers_from_it(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    write_answers(tmp_path / "in" / "base.yaml", code=CODE, date="2026-04-16")
    write_answers(tmp_path / "in" / "follow.yaml", code=CODE, kind="follow-up", date="2026-10-20")
    out = tmp_path / "out"
    batch = run_cli(
        "batch",
        tmp_path / "in",
        "-o",
        out,
        "--formats",
        "plan",
        "--db",
        db,
        "--portfolio-formats",
        "",
        "--jobs",
        "1",
    )
    assert batch.code == 0, batch.err
    # One tracker per enterprise, next to its latest assessment, bound to it in the store.
    assert not (out / "base.plan.xlsx").exists()
    binding = {
        row[0]: row[1]
        for row in openpyxl.load_workbook(out / "follow.plan.xlsx")["_binding"].iter_rows(
            max_col=2, values_only=True
        )
    }
    with Store(db) as store:
        latest = store.latest(CODE)
        assert latest is not None and binding["assessment_id"] == str(latest.id)
        assert (binding["assessment_kind"], binding["revision"]) == ("follow-up", "1")
        assert store.enterprise(CODE).stage == "followed-up"


def test_the_plan_exporter_is_chosen_by_its_file_ending(tmp_path: Path) -> None:
    assert qa.api.exporter_for_path("acme.plan.xlsx") == "plan"
    assert qa.api.exporter_for_path("acme.xlsx") == "xlsx"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_tracker_saved_by_libreoffice_comes_back(run_cli: CliRunner, tmp_path: Path) -> None:
    db, _ = _ingested(run_cli, tmp_path)
    assert run_cli("plan", CODE, "--db", db, "-o", tmp_path / "plan.xlsx").code == 0
    workbook = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    sheet = workbook["Plan"]
    sheet[f"I{FIRST}"] = "进行中"
    sheet[f"G{FIRST}"] = dt.datetime(2026, 7, 31)
    sheet[f"J{FIRST + 1}"] = "作业指导书 WI-07 第 3 版"
    workbook.save(tmp_path / "filled.xlsx")
    converted = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(converted),
            str(tmp_path / "filled.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = converted / "filled.xlsx"
    # LibreOffice keeps the dropdown, the date validation, the sheet protection and the hidden binding.
    back = openpyxl.load_workbook(saved)
    plan = back["Plan"]
    validations = {v.type: v for v in plan.data_validations.dataValidation}
    assert validations["list"].formula1 == '"未开始,进行中,已完成,已验证关闭,重新打开"'
    assert str(validations["list"].sqref).startswith(f"I{FIRST}:I")
    assert validations["date"].type == "date" and str(validations["date"].sqref).startswith(f"G{FIRST}:G")
    assert plan.protection.sheet
    assert plan[f"I{FIRST}"].protection.locked is False and plan[f"A{FIRST}"].protection.locked is True
    assert back["_binding"].sheet_state in ("hidden", "veryHidden")
    ingest = run_cli("ingest", "--db", db, "--lang", "en", saved)
    assert ingest.code == 0, ingest.err
    assert "2 actions updated" in ingest.out
    with Store(db) as store:
        actions = {action.item_id: action for action in store.actions(CODE)}
        first, second = actions[plan[f"A{FIRST}"].value], actions[plan[f"A{FIRST + 1}"].value]
        assert (first.status, first.due_on) == ("in-progress", dt.date(2026, 7, 31))
        assert second.evidence == "作业指导书 WI-07 第 3 版"
