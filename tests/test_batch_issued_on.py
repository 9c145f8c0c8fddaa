"""``batch --db --issued-on DATE``: the plans a batch hands over (a baseline's report or tracker written) are
dated DATE, not the day it runs, under the rules of ``plan --issued-on``: not before the baseline (every such
baseline named, nothing marked, no tracker written, exit 2), the earliest date given kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.store import Store
from store_support import credit_code, write_answers

ACME, BETA = credit_code(71), credit_code(72)


def _issued(db: Path) -> dict[str, tuple[str, dt.date | None]]:
    with Store(db) as store:
        return {
            code: (store.enterprise(code).stage, store.enterprise(code).plan_issued_on)
            for code in (ACME, BETA)
        }


def _batch(run_cli: CliRunner, folder: Path, out: Path, db: Path, *args: str) -> tuple[int, str]:
    done = run_cli(
        "batch", folder, "-o", out, "--db", db, "--portfolio-formats", "", "--jobs", "1", "--lang", "en", *args,
    )  # fmt: skip
    return done.code, done.err


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_answers(folder / "acme.yaml", name="甲有限公司", code=ACME, date="2022-05-10")
    write_answers(folder / "beta.yaml", name="乙有限公司", code=BETA, date="2022-05-25")
    return folder


def test_the_plans_of_a_batch_are_issued_on_the_date_given(
    run_cli: CliRunner, answers: Path, tmp_path: Path
) -> None:
    db, out = tmp_path / "programme.db", tmp_path / "out"
    # 2022-05-20 is after acme's baseline (05-10) but before beta's (05-25): beta is named, nothing is issued.
    code, err = _batch(run_cli, answers, out, db, "--formats", "plan", "--issued-on", "2022-05-20")
    assert code == 2
    assert (
        "beta (乙有限公司): a plan cannot be handed over before the assessment it comes from: 2022-05-20 is "
        "before the baseline of 2022-05-25\n" in err
    )
    assert "acme (" not in err
    assert "2022-05-20 is before 1 baseline(s) listed above (the latest of 2022-05-25)" in err
    assert "Traceback" not in err
    assert not list(out.glob("*.plan.xlsx"))
    assert _issued(db) == {ACME: ("baseline", None), BETA: ("baseline", None)}  # recorded, not issued

    code, err = _batch(run_cli, answers, out, db, "--formats", "plan", "--issued-on", "2022-06-01")
    assert code == 0, err
    assert sorted(path.name for path in out.glob("*.plan.xlsx")) == ["acme.plan.xlsx", "beta.plan.xlsx"]
    june = dt.date(2022, 6, 1)
    assert _issued(db) == {ACME: ("plan-issued", june), BETA: ("plan-issued", june)}
    # A later date does not move it; an earlier one (on or after each baseline) does.
    assert _batch(run_cli, answers, out, db, "--formats", "plan", "--issued-on", "2022-07-01")[0] == 0
    assert _issued(db) == {ACME: ("plan-issued", june), BETA: ("plan-issued", june)}
    assert _batch(run_cli, answers, out, db, "--formats", "plan", "--issued-on", "2022-05-25")[0] == 0
    may = dt.date(2022, 5, 25)
    assert _issued(db) == {ACME: ("plan-issued", may), BETA: ("plan-issued", may)}


def test_a_pdf_report_hands_the_plan_over_on_the_date_given(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_answers(folder / "acme.yaml", name="甲有限公司", code=ACME, date="2022-05-10")
    db = tmp_path / "programme.db"
    code, err = _batch(run_cli, folder, tmp_path / "out", db, "--formats", "pdf", "--issued-on", "2022-05-10")
    assert code == 0, err
    with Store(db) as store:
        record = store.enterprise(ACME)
    # The day of the baseline itself: allowed.
    assert (record.stage, record.plan_issued_on) == ("plan-issued", dt.date(2022, 5, 10))


def test_issued_on_where_no_plan_is_handed_over_is_a_usage_error(
    run_cli: CliRunner, answers: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    without_store = run_cli("batch", answers, "-o", out, "--issued-on", "2022-06-01", "--lang", "en")
    assert without_store.code == 2
    assert "--issued-on needs --db and the pdf or plan format (--formats)" in without_store.err
    db = tmp_path / "programme.db"
    code, err = _batch(run_cli, answers, out, db, "--formats", "json", "--issued-on", "2022-06-01")
    assert code == 2 and "--issued-on needs --db and the pdf or plan format (--formats)" in err
    assert not db.exists() and not out.exists()  # refused before anything ran
