"""The plan's state where it matters: a follow-up's report made with ``report --db`` shows how many actions are
verified, reopened, still open, done and overdue (PDF and Markdown, zh and en); ``enterprises`` shows the open
and overdue counts in both languages."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(91)
BASELINE_DAY = dt.date(2026, 4, 16)
FOLLOW_UP_DAY = dt.date(2026, 7, 10)


@pytest.fixture
def followed_up(tmp_path: Path) -> tuple[Path, Path, dict[str, int]]:
    """A store with a baseline, progress on four actions and a follow-up; the counts the report must show."""
    db = tmp_path / "programme.db"
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date=BASELINE_DAY.isoformat())
    baseline = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline_path))
    top = max(level.value for level in baseline.scale)
    fixed_done, fixed_started, done_persisting, later_done = (a.id for a in baseline.actions[:4])
    follow_up = write_answers(
        tmp_path / "f.yaml",
        code=CODE,
        kind="follow-up",
        date=FOLLOW_UP_DAY.isoformat(),
        ratings={fixed_done: top, fixed_started: top},
    )
    with Store(db) as store:
        store.ingest(baseline_path)
        store.update_action(CODE, fixed_done, status="done", on=dt.date(2026, 6, 1))
        store.update_action(CODE, fixed_started, status="in-progress", on=dt.date(2026, 6, 1))
        store.update_action(CODE, done_persisting, status="done", on=dt.date(2026, 6, 15))
        store.ingest(follow_up)
        store.update_action(CODE, later_done, status="done", on=dt.date(2026, 7, 20))
    # By hand: the follow-up verifies the two fixed actions and reopens the one marked done whose finding
    # persists; the fourth is marked done after it; every other action is still open. Overdue: the pending
    # ones (still open or reopened) due before the follow-up's date (baseline date + timeframe).
    pending = [a for a in baseline.actions if a.id not in (fixed_done, fixed_started, later_done)]
    overdue = [
        a
        for a in pending
        if a.timeframe_days is not None and BASELINE_DAY + dt.timedelta(days=a.timeframe_days) < FOLLOW_UP_DAY
    ]
    total = len(baseline.actions)
    counts = {
        "total": total,
        "verified": 2,
        "reopened": 1,
        "done": 1,
        "open": total - 4,
        "overdue": len(overdue),
    }
    # The fixture shows both overdue actions and pending ones not yet due.
    assert 0 < counts["overdue"] < counts["open"] + counts["reopened"]
    return db, follow_up, counts


def test_the_follow_ups_report_shows_the_plans_state(
    run_cli: CliRunner, tmp_path: Path, followed_up: tuple[Path, Path, dict[str, int]]
) -> None:
    db, follow_up, n = followed_up
    assert run_cli("report", follow_up, "--db", db, "--lang", "en", "-o", tmp_path / "f.md").code == 0
    text = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert "### State of the plan (programme store; overdue as of 2026-07-10)" in text
    assert (
        f"Of {n['total']} actions: verified 2, reopened 1, still open {n['open']}, done awaiting verification 1; "
        f"overdue (past their due date and not done): {n['overdue']}." in text
    )
    assert run_cli("report", follow_up, "--db", db, "--lang", "zh", "-o", tmp_path / "f.pdf").code == 0
    pdf = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "f.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout.replace("\n", "")
    assert "改进计划执行情况（项目数据库；逾期按 2026-07-10 计）" in pdf
    assert (
        f"共 {n['total']} 项措施：已验证关闭 2 项，重新打开 1 项，仍未完成 {n['open']} 项，已完成待验证 1 项；"
        f"逾期（已过完成日期且未完成）{n['overdue']} 项。" in pdf
    )


def test_without_the_store_or_before_the_follow_up_is_recorded_no_state_is_shown(
    run_cli: CliRunner, tmp_path: Path, followed_up: tuple[Path, Path, dict[str, int]]
) -> None:
    db, follow_up, _ = followed_up
    assert run_cli("report", follow_up, "--lang", "en", "-o", tmp_path / "plain.md").code == 0
    assert "State of the plan" not in (tmp_path / "plain.md").read_text(encoding="utf-8")
    # A later follow-up not recorded yet: the store's state is not its to show.
    later = write_answers(tmp_path / "later" / "f2.yaml", code=CODE, kind="follow-up", date="2027-03-01")
    assert run_cli("report", later, "--db", db, "--lang", "en", "-o", tmp_path / "later.md").code == 0
    assert "State of the plan" not in (tmp_path / "later.md").read_text(encoding="utf-8")


def test_enterprises_shows_open_and_overdue_in_words(
    run_cli: CliRunner, followed_up: tuple[Path, Path, dict[str, int]]
) -> None:
    db, _, n = followed_up
    with Store(db) as store:
        record = store.enterprise(CODE)
    # Pending as of today: still open + reopened; overdue: all of them whose due date has passed.
    assert record.actions_open == n["open"] + n["reopened"]
    for lang, words in (("en", ["Open actions", "Overdue"]), ("zh", ["未完成措施", "逾期措施"])):
        listing = run_cli("enterprises", "--db", db, "--lang", lang)
        header, row = listing.out.splitlines()[:2]
        assert header.split("\t")[-2:] == words
        assert row.split("\t")[-2:] == [str(record.actions_open), str(record.actions_overdue)]


def test_the_word_report_shows_the_plans_state(
    run_cli: CliRunner, tmp_path: Path, followed_up: tuple[Path, Path, dict[str, int]]
) -> None:
    from docx import Document

    db, follow_up, n = followed_up
    assert run_cli("report", follow_up, "--db", db, "--lang", "en", "-o", tmp_path / "f.docx").code == 0
    paragraphs = [p.text for p in Document(str(tmp_path / "f.docx")).paragraphs]
    title = paragraphs.index("State of the plan (programme store; overdue as of 2026-07-10)")
    assert paragraphs[title + 1] == (
        f"Of {n['total']} actions: verified 2, reopened 1, still open {n['open']}, done awaiting verification 1; "
        f"overdue (past their due date and not done): {n['overdue']}."
    )
    # It closes the progress chapter, after the progress since the baseline.
    assert paragraphs.index("6. Progress since the baseline") < title
    assert run_cli("report", follow_up, "--lang", "en", "-o", tmp_path / "plain.docx").code == 0
    plain = [p.text for p in Document(str(tmp_path / "plain.docx")).paragraphs]
    assert not any(text.startswith("State of the plan") for text in plain)


def test_batch_with_a_store_shows_the_plans_state_and_renders_again_when_it_changes(
    run_cli: CliRunner, tmp_path: Path, followed_up: tuple[Path, Path, dict[str, int]]
) -> None:
    import json
    import shutil

    db, follow_up, n = followed_up
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(tmp_path / "b.yaml", folder / "b.yaml")
    shutil.copy(follow_up, folder / "f.yaml")
    out = tmp_path / "out"

    def run_batch() -> dict[str, int]:
        done = run_cli(
            "batch", folder, "-o", out, "--db", db, "--formats", "md", "--portfolio-formats", "", "--lang", "en",
            "--json", "--jobs", "1",
        )  # fmt: skip
        assert done.code == 0, done.err
        document = json.loads(done.out)
        return {"written": document["written"], "kept": document["kept"]}

    def counts_line() -> str:
        text = (out / "f.md").read_text(encoding="utf-8")
        assert "### State of the plan (programme store; overdue as of 2026-07-10)" in text
        return next(line for line in text.splitlines() if line.startswith(f"Of {n['total']} actions"))

    assert run_batch() == {"written": 2, "kept": 0}
    assert counts_line() == (
        f"Of {n['total']} actions: verified 2, reopened 1, still open {n['open']}, done awaiting verification 1; "
        f"overdue (past their due date and not done): {n['overdue']}."
    )
    assert "State of the plan" not in (out / "b.md").read_text(encoding="utf-8")  # a baseline shows none
    assert run_batch() == {"written": 0, "kept": 2}  # nothing changed: both kept
    # The consultant marks one more action done: no answers file changed, yet the follow-up's report is stale.
    with Store(db) as store:
        still_open = next(a for a in store.actions(CODE) if a.status == "open")
        store.update_action(CODE, still_open.item_id, status="done", on=dt.date(2026, 8, 1))
    assert run_batch() == {"written": 1, "kept": 1}
    assert counts_line().startswith(
        f"Of {n['total']} actions: verified 2, reopened 1, still open {n['open'] - 1}, "
        "done awaiting verification 2;"
    )
