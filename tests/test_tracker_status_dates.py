"""The date a tracker's status changes are recorded with joins each action's history, so it must fit it: not
before the assessment the tracker follows (history would go back before what opened the actions), not before
the plan was handed over (a staged report would count actions tracked on a plan not yet issued). Such a tracker
is refused whole, located and exit 1, nothing written. Dated long after that assessment (most often a tracker
entered after the fact without --on, dated today), it is recorded with a warning that says the date used and
how to give --on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from conftest import CliRunner
from iso9001assess import InvalidInputError
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(96)
STATUS, FIRST = "I", 5


def _filled(
    run_cli: CliRunner, db: Path, tmp_path: Path, issued_on: str, cell: str = STATUS, value: str = "已完成"
) -> Path:
    """A store with the 2022-04-13 baseline of CODE, its plan handed over on ``issued_on``, and the tracker
    come back with its first action's ``cell`` filled with ``value`` (by default: done)."""
    answers = write_answers(tmp_path / "acme.yaml", code=CODE, date="2022-04-13")
    assert run_cli("ingest", "--db", db, answers).code == 0
    plan = tmp_path / "plan.xlsx"
    done = run_cli("plan", CODE, "--db", db, "--issued-on", issued_on, "-o", plan)
    assert done.code == 0, done.err
    workbook = openpyxl.load_workbook(plan)
    workbook["Plan"][f"{cell}{FIRST}"] = value
    workbook.save(tmp_path / "filled.xlsx")
    return tmp_path / "filled.xlsx"


def _history(db: Path) -> list[tuple[str, dt.date]]:
    with Store(db) as store:
        top = store.actions(CODE)[0]
    return [(event.status, event.on) for event in top.events]


def test_a_tracker_dated_before_its_assessment_or_its_plan_is_refused(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "programme.db"
    filled = _filled(run_cli, db, tmp_path, issued_on="2022-04-20")
    opened = _history(db)
    assert opened == [("open", dt.date(2022, 4, 13))]

    # Before the baseline that opened the actions.
    early = run_cli("ingest", "--db", db, "--on", "2021-01-01", "--lang", "en", filled)
    assert early.code == 1
    assert (
        f"{filled}:Plan!A2: the status changes would be dated 2021-01-01, before the baseline of 2022-04-13 "
        "this tracker follows" in early.err
    )
    assert "ingest --on YYYY-MM-DD" in early.err and "Traceback" not in early.err
    # After the baseline but before the plan was handed over (2022-04-20).
    unissued = run_cli("ingest", "--db", db, "--on", "2022-04-18", "--lang", "en", filled)
    assert unissued.code == 1
    assert (
        f"{filled}:Plan!A2: the status changes would be dated 2022-04-18, before the plan was handed over "
        "(2022-04-20)" in unissued.err
    )
    assert "plan ENTERPRISE --issued-on YYYY-MM-DD" in unissued.err
    assert "before the baseline" not in unissued.err  # only what is wrong is said
    # In Chinese too, from the catalogue.
    said_zh = run_cli("ingest", "--db", db, "--on", "2021-01-01", filled)
    assert (
        said_zh.code == 1
        and "状态变更的日期将是 2021-01-01，早于本跟踪表所依据的2022-04-13 的基线评估" in said_zh.err
    )
    # Nothing was written by any of them.
    assert _history(db) == opened

    # On the day the plan was handed over it is accepted, and dated so, without a warning.
    accepted = run_cli("ingest", "--db", db, "--on", "2022-04-20", "--lang", "en", filled)
    assert accepted.code == 0, accepted.err
    assert "warning" not in accepted.err
    assert _history(db) == [("open", dt.date(2022, 4, 13)), ("done", dt.date(2022, 4, 20))]


def test_a_tracker_that_changes_no_status_is_not_judged_by_its_date(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "programme.db"
    filled = _filled(run_cli, db, tmp_path, issued_on="2022-04-20", cell="H", value="王经理")  # an owner
    # No status change to date: --on does not matter (an owner is not part of the dated history).
    done = run_cli("ingest", "--db", db, "--on", "2021-01-01", "--lang", "en", filled)
    assert done.code == 0, done.err
    with Store(db) as store:
        assert store.actions(CODE)[0].owner == "王经理"


def test_a_tracker_dated_long_after_its_assessment_warns(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    filled = _filled(run_cli, db, tmp_path, issued_on="2022-04-20")
    # --on given, 2023-01-01: 263 days after the baseline of 2022-04-13 (17 + 31 + 30 + 31 + 31 + 30 + 31 + 30
    # + 31 days to 2022-12-31, plus 1): recorded, with a warning to check the date.
    late = run_cli("ingest", "--db", db, "--on", "2023-01-01", "--lang", "en", filled)
    assert late.code == 0, late.err
    assert (
        f"warning: {filled}: its status changes are dated 2023-01-01 (--on), 263 days after the baseline of "
        "2022-04-13 this tracker follows; check that this is the day the tracker came back" in late.err
    )
    assert _history(db)[-1] == ("done", dt.date(2023, 1, 1))


def test_a_tracker_without_on_says_it_is_dated_today(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    filled = _filled(run_cli, db, tmp_path, issued_on="2022-04-20")
    today = dt.date.today()
    days = (today - dt.date(2022, 4, 13)).days  # this test runs after 2022-10-10: more than 180 days
    quiet = run_cli("ingest", "--db", db, "-q", filled)  # the warning is said even with -q, on stderr
    assert quiet.code == 0, quiet.err
    assert (
        f"警告：{filled}：其状态变更按今天（{today.isoformat()}）记录，在本跟踪表所依据的2022-04-13 的基线评估之后 "
        f"{days} 天；补录以往的跟踪表时，请给出交回的日期：iso9001assess ingest --on YYYY-MM-DD 文件"
        in quiet.err
    )
    assert _history(db)[-1] == ("done", today)


def test_the_api_refuses_and_tells_the_same(store_url: str, tmp_path: Path, run_cli: CliRunner) -> None:
    answers = write_answers(tmp_path / "acme.yaml", code=CODE, date="2022-04-13")
    with Store(store_url) as store:
        store.ingest(answers)
        store.write_tracker(CODE, tmp_path / "plan.xlsx")  # written, not handed over: no issue date
        workbook = openpyxl.load_workbook(tmp_path / "plan.xlsx")
        workbook["Plan"][f"{STATUS}{FIRST}"] = "进行中"
        workbook.save(tmp_path / "filled.xlsx")
        with pytest.raises(InvalidInputError) as refused:
            store.apply_tracker(tmp_path / "filled.xlsx", on=dt.date(2022, 4, 12))
        (problem,) = refused.value.problems
        assert problem.location == "Plan!A2" and "before the baseline of 2022-04-13" in str(problem)
        assert [event.status for event in store.actions(CODE)[0].events] == ["open"]
        outcome = store.apply_tracker(tmp_path / "filled.xlsx", on=dt.date(2022, 5, 13))
    # 2022-04-13 to 2022-05-13: 30 days.
    assert (outcome.changed, outcome.status_changes, outcome.days_after) == (1, 1, 30)
    assert (outcome.assessment_kind, outcome.assessment_date) == ("baseline", dt.date(2022, 4, 13))


def test_a_backfill_dates_the_baselines_plan_after_the_follow_up(run_cli: CliRunner, tmp_path: Path) -> None:
    """The trial's backfill: `plan` run without --issued-on (dated today), so the tracker of 2022-08-15 is refused
    (its plan was handed over after it, says the store); the follow-up of 2022-10-18 comes in; the baseline's
    plan can still be dated when it was handed over, between the baseline and the follow-up."""
    db = tmp_path / "programme.db"
    answers = write_answers(tmp_path / "acme.yaml", code=CODE, date="2022-04-13")
    assert run_cli("ingest", "--db", db, answers).code == 0
    plan = tmp_path / "plan.xlsx"
    assert run_cli("plan", CODE, "--db", db, "-o", plan).code == 0  # handed over today, says the store
    workbook = openpyxl.load_workbook(plan)
    workbook["Plan"][f"{STATUS}{FIRST}"] = "已完成"
    workbook.save(tmp_path / "filled.xlsx")
    refused = run_cli("ingest", "--db", db, "--on", "2022-08-15", "--lang", "en", tmp_path / "filled.xlsx")
    assert refused.code == 1
    assert f"before the plan was handed over ({dt.date.today().isoformat()})" in refused.err

    follow_up = write_answers(tmp_path / "acme-2.yaml", code=CODE, kind="follow-up", date="2022-10-18")
    assert run_cli("ingest", "--db", db, follow_up).code == 0
    # Before the baseline that opened the plan: still refused, naming the baseline (not the follow-up).
    early = run_cli("plan", CODE, "--db", db, "--issued-on", "2022-04-01", "--lang", "en", "-o", plan)
    assert early.code == 2
    assert "2022-04-01 is before the baseline of 2022-04-13" in early.err
    # Between the baseline and the follow-up: the baseline's plan, handed over on 2022-05-01.
    backfilled = run_cli("plan", CODE, "--db", db, "--issued-on", "2022-05-01", "-o", plan)
    assert backfilled.code == 0, backfilled.err
    with Store(db) as store:
        record = store.enterprise(CODE)
        assert (record.stage, record.plan_issued_on) == ("followed-up", dt.date(2022, 5, 1))
        first = store.first_plan(CODE)
        assert first is not None and (first.kind, first.date) == ("baseline", dt.date(2022, 4, 13))
