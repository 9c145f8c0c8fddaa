"""A follow-up's report made from the store (``report --db``, ``batch --db``) fills the plan chapter's owner and
due-date columns with what the store tracks, and says the status of an action that is not simply open (a
reopened one above all): PDF (text read back) and Word. Without the store the columns stay blank, to fill in."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(92)
MOVED_DUE = dt.date(2026, 9, 30)


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def tracked(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A store with a baseline, a follow-up, the follow-up's top action (reopened: marked done, its finding
    persists) given an owner and a moved due date, and its last action (reopened too, in the compact table).
    Returns the store, the follow-up file, the top action's id and the last one's."""
    db = tmp_path / "programme.db"
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    follow_path = write_answers(tmp_path / "f.yaml", code=CODE, kind="follow-up", date="2026-07-10")
    follow_up = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(follow_path))
    top, last = follow_up.actions[0].item_id, follow_up.actions[-1].item_id
    assert len(follow_up.actions) > 10  # the last action is in the compact table of further actions
    with Store(db) as store:
        store.ingest(baseline_path)
        store.update_action(
            CODE, top, status="done", owner="王经理", due_on=MOVED_DUE, on=dt.date(2026, 6, 15)
        )
        store.update_action(CODE, last, status="done", on=dt.date(2026, 6, 15))
        store.ingest(follow_path)
        assert {a.item_id: a.status for a in store.actions(CODE)}[top] == "reopened"
    return db, follow_path, top, last


def test_the_pdf_plan_shows_owner_due_date_and_reopened(
    run_cli: CliRunner, tmp_path: Path, tracked: tuple[Path, Path, str, str]
) -> None:
    db, follow_up, top, last = tracked
    out = tmp_path / "f.pdf"
    done = run_cli("report", follow_up, "--db", db, "-o", out)
    assert done.code == 0, done.err
    text = _pdf_text(out)
    plan = text[text.index("责任人、完成日期和状态为项目数据库截至 2026-07-10 的跟踪情况") :]
    # The top action's row: its id, its owner and its moved due date on one line (the table's first row).
    row = next(line for line in plan.splitlines() if f" {top} " in f" {line} ")
    assert "王经理" in row and MOVED_DUE.isoformat() in row
    # "重新打开" (reopened) is said under the id of both reopened actions, the top one and the compact table's.
    assert plan.count("重新打开") >= 2
    lines = plan.splitlines()
    at = next(i for i, line in enumerate(lines) if f" {last} " in f" {line} " and i > lines.index(row))
    assert "重新打开" in "".join(lines[at : at + 3])
    # No other action has an owner: the name is said once in the chapter's table.
    assert plan.split("跟踪评估以来的进展")[0].count("王经理") == 1

    # Without the store: the same chapter with blank columns and no status.
    plain = tmp_path / "plain.pdf"
    assert run_cli("report", follow_up, "-o", plain).code == 0
    plain_text = _pdf_text(plain)
    assert "王经理" not in plain_text and MOVED_DUE.isoformat() not in plain_text
    assert "跟踪情况" not in plain_text


def test_batch_with_the_store_fills_the_plan_too(
    run_cli: CliRunner, tmp_path: Path, tracked: tuple[Path, Path, str, str]
) -> None:
    import shutil

    db, follow_up, top, _last = tracked
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(follow_up, folder / "f.yaml")
    out = tmp_path / "out"
    done = run_cli(
        "batch", folder, "-o", out, "--db", db, "--formats", "pdf", "--portfolio-formats", "", "--jobs", "1",
        "--lang", "en",
    )  # fmt: skip
    assert done.code == 0, done.err
    text = _pdf_text(out / "f.pdf")
    assert "Owner, due date and status are those the programme store tracks on 2026-07-10" in text
    row = next(line for line in text.splitlines() if f" {top} " in f" {line} " and "王经理" in line)
    assert MOVED_DUE.isoformat() in row
    assert "Reopened" in text


def test_the_word_plan_shows_owner_due_date_and_reopened(
    run_cli: CliRunner, tmp_path: Path, tracked: tuple[Path, Path, str, str]
) -> None:
    from docx import Document

    db, follow_up, top, _last = tracked
    assert run_cli("report", follow_up, "--db", db, "--lang", "en", "-o", tmp_path / "f.docx").code == 0
    document = Document(str(tmp_path / "f.docx"))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    (row,) = [r for r in rows if len(r) == 7 and r[2].startswith(top)]
    assert row[5:] == ["王经理", MOVED_DUE.isoformat()]
    assert "Reopened" in row[2]
