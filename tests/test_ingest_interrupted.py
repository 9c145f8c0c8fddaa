"""A Ctrl-C during ``ingest`` loses no count: a first one is held back while a transaction is committed and its
outcomes passed on; even one that gets through (a second Ctrl-C, raised at once) leaves every file of a
committed transaction in the report, and the command prints them all. The message counts what the store kept;
running the command again records the rest, once. (A real process interrupted by SIGINT, its count checked
against the store: tests/test_store_ingest_jobs.py.)"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import click
import pytest
from sqlalchemy import func, select

from conftest import CliRunner
from iso9001assess.store import IngestInterrupted, IngestOutcome, Store
from iso9001assess.store.interrupts import interrupts_held
from iso9001assess.store.schema import assessments
from iso9001assess.store.store import FILES_PER_TRANSACTION
from store_support import programme_files


def _committed(url: str) -> int:
    with Store(url) as store, store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(assessments)).scalar_one())


def test_a_ctrl_c_inside_the_block_is_raised_when_it_ends() -> None:
    reached_the_end = False
    with pytest.raises(KeyboardInterrupt), interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        reached_the_end = True  # the signal was held back: the block goes on
    assert reached_the_end
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_second_ctrl_c_inside_the_block_is_raised_at_once() -> None:
    reached_the_end = False
    with pytest.raises(KeyboardInterrupt), interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)
        reached_the_end = True
    assert not reached_the_end
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_report_of_an_interrupted_ingest_holds_every_committed_file(
    store_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    programme_files(folder, 15)  # 30 files: one transaction of 20, then 10
    seen: list[IngestOutcome] = []

    def interrupted_at_the_third(outcome: IngestOutcome) -> None:
        seen.append(outcome)
        if len(seen) == 3:  # as a second Ctrl-C while the first transaction's outcomes are passed on
            raise KeyboardInterrupt

    with Store(store_url) as store, pytest.raises(IngestInterrupted) as caught:
        store.ingest(folder, on_outcome=interrupted_at_the_third)
    assert len(seen) == 3
    assert len(caught.value.report.outcomes) == FILES_PER_TRANSACTION == _committed(store_url)
    assert caught.value.report.outcomes[:3] == seen


@pytest.mark.usefixtures("in_english")
def test_the_command_prints_and_counts_every_committed_file_then_a_rerun_records_the_rest(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "answers"
    programme_files(folder, 15)  # 30 files
    db = tmp_path / "p.db"
    url = f"sqlite:///{db}"
    echo = click.echo
    lines = 0

    def interrupted_at_the_fifth_line(text: Any = None, **kwargs: Any) -> None:
        nonlocal lines
        if not kwargs.get("err"):
            lines += 1
            if lines == 5:  # as a second Ctrl-C while the first transaction's outcomes are printed
                raise KeyboardInterrupt
        echo(text, **kwargs)

    monkeypatch.setattr(click, "echo", interrupted_at_the_fifth_line)
    run = run_cli("ingest", "--db", db, "--jobs", "1", folder)
    monkeypatch.setattr(click, "echo", echo)
    assert run.code == 130, run.err
    assert "Traceback" not in run.err
    recorded = [line for line in run.out.splitlines() if ": recorded (" in line]
    # 4 printed before the interruption, the 5th (cut short by it) and the other 15 of the transaction after it.
    assert len(recorded) == FILES_PER_TRANSACTION == _committed(url)
    assert len(set(recorded)) == len(recorded)
    assert (
        f"interrupted: {FILES_PER_TRANSACTION} file(s) were recorded before the interruption; running the same "
        "command again records the rest (files already recorded are not recorded twice)"
    ) in run.err
    again = run_cli("ingest", "--db", db, "--jobs", "1", folder)
    assert again.code == 0, again.err
    assert "10 added, 0 corrected, 20 unchanged, 0 bad file(s)" in again.out
    assert _committed(url) == 30
