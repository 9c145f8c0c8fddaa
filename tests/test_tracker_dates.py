"""A programme entered after the fact: ``plan --issued-on DATE`` dates the plan's handing over (the stage and the
staged report's "plans issued" count it on that date), and ``ingest --on DATE`` dates a tracker's status changes.
The date of a plan cannot come before its assessment's; the earliest date given is kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl

from conftest import CliRunner
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(95)
PROGRAMME = Path(__file__).resolve().parent.parent / "programmes" / "gd-2022-qms.yaml"
STATUS, FIRST = "I", 5


def _plans_issued(run_cli: CliRunner, db: Path, tmp_path: Path, as_of: str) -> int:
    out = tmp_path / f"progress-{as_of}.json"
    done = run_cli("progress", "--db", db, "--programme", PROGRAMME, "--as-of", as_of, "-o", out)
    assert done.code == 0, done.err
    figures = json.loads(out.read_text("utf-8"))
    return int(figures["figures"]["totals"]["plans_issued"])


def test_a_back_dated_plan_and_tracker(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    answers = write_answers(tmp_path / "acme.yaml", code=CODE, date="2022-05-10")
    assert run_cli("ingest", "--db", db, answers).code == 0
    plan = tmp_path / "plan.xlsx"
    # Before the baseline it comes from: a usage error (exit 2), nothing written, the plan not issued.
    early = run_cli("plan", CODE, "--db", db, "--issued-on", "2022-05-01", "--lang", "en", "-o", plan)
    assert early.code == 2 and not plan.exists()
    assert (
        "a plan cannot be handed over before the assessment it comes from: 2022-05-01 is before the "
        "baseline of 2022-05-10" in early.err
    )
    issued = run_cli("plan", CODE, "--db", db, "--issued-on", "2022-06-01", "-o", plan)
    assert issued.code == 0, issued.err
    with Store(db) as store:
        record = store.enterprise(CODE)
        assert (record.stage, record.plan_issued_on) == ("plan-issued", dt.date(2022, 6, 1))
    # The staged report of 2022-06-20 counts the plan; one of 2022-05-31 does not.
    assert _plans_issued(run_cli, db, tmp_path, "2022-06-20") == 1
    assert _plans_issued(run_cli, db, tmp_path, "2022-05-31") == 0
    # Issued again later: it was issued on 2022-06-01 and stays so; given an earlier date, that one is kept.
    assert run_cli("plan", CODE, "--db", db, "--issued-on", "2022-07-01", "-o", plan).code == 0
    with Store(db) as store:
        assert store.enterprise(CODE).plan_issued_on == dt.date(2022, 6, 1)
    assert run_cli("plan", CODE, "--db", db, "--issued-on", "2022-05-20", "-o", plan).code == 0
    with Store(db) as store:
        assert store.enterprise(CODE).plan_issued_on == dt.date(2022, 5, 20)

    # The tracker comes back in July 2022: its status change is dated so.
    workbook = openpyxl.load_workbook(plan)
    workbook["Plan"][f"{STATUS}{FIRST}"] = "已完成"
    workbook.save(tmp_path / "filled.xlsx")
    applied = run_cli("ingest", "--db", db, "--on", "2022-07-15", tmp_path / "filled.xlsx")
    assert applied.code == 0, applied.err
    with Store(db) as store:
        top = store.actions(CODE, as_of=dt.date(2022, 7, 15))[0]
    assert (top.status, top.status_on) == ("done", dt.date(2022, 7, 15))
    assert [(e.status, e.on) for e in top.events] == [
        ("open", dt.date(2022, 5, 10)),
        ("done", dt.date(2022, 7, 15)),
    ]
    # A date that is not one is a usage error.
    assert run_cli("ingest", "--db", db, "--on", "15/07/2022", tmp_path / "filled.xlsx").code == 2
