"""Several ``ingest`` processes writing one store at once (two on an SQLite file, four on PostgreSQL), each
given every file of the programme in another order: every assessment is recorded exactly once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from iso9001assess.store import Store
from iso9001assess.store.schema import assessments
from store_support import programme_files

ENTERPRISES = 100  # a baseline and a follow-up each: 200 files for every process


def test_concurrent_writers_lose_nothing_and_duplicate_nothing(store_url: str, tmp_path: Path) -> None:
    files = [str(path) for path in programme_files(tmp_path / "answers", ENTERPRISES)]
    writers = 2 if store_url.startswith("sqlite") else 4
    with Store(store_url):
        pass  # the schema exists before the race, as in a running programme (first-use races: below)
    processes = []
    for index in range(writers):
        shift = index * len(files) // writers
        order = (
            files[shift:] + files[:shift] if index % 2 == 0 else list(reversed(files[shift:] + files[:shift]))
        )
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "iso9001assess", "ingest", "--db", store_url, "--lang", "en", *order],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outputs = [process.communicate(timeout=600) for process in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    recorded = [line for out, _ in outputs for line in out.splitlines() if ": recorded (" in line]
    unchanged = [line for out, _ in outputs for line in out.splitlines() if ": already recorded" in line]
    assert len(recorded) == len(files)  # each file added by exactly one of the writers
    assert len(unchanged) == len(files) * (writers - 1)
    with Store(store_url) as store:
        register = store.enterprises()
        assert len(register) == ENTERPRISES
        assert all(e.stage == "followed-up" and e.assessments == 2 for e in register)
        with store.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(assessments)).scalar_one()
        assert total == len(files)


def test_writers_opening_a_new_store_at_once_migrate_it_once(store_url: str, tmp_path: Path) -> None:
    files = [str(path) for path in programme_files(tmp_path / "answers", 5)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "iso9001assess", "ingest", "--db", store_url, "-q", *files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    with Store(store_url) as store:
        assert len(store.enterprises()) == 5
