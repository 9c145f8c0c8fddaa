"""The set-wise write path (store/setwise.py) against the per-file one: the same files in the same
transactions give the same rows in every table, ids included, and the same outcomes, on SQLite and
PostgreSQL. Each case puts in one transaction what the set-wise path must work out in memory (a file
depending on an earlier one of the same transaction) or hand to the per-file path (a correction, an
enterprise without a credit code, a baseline after its follow-ups)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select, text

import iso9001assess as qa
from conftest import POSTGRES_ENV, new_postgres_database
from iso9001assess.programme.record import ScoredFile
from iso9001assess.programme.worker import score_for_store
from iso9001assess.store import writing
from iso9001assess.store.driver import Driver
from iso9001assess.store.schema import metadata

ROOT = Path(__file__).resolve().parent.parent
FIRST_STAMP = dt.datetime(2026, 11, 30, 22, 15, 7, 123456)


@pytest.fixture
def per_file_url(store_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty store beside ``store_url``, on the same database server, for the per-file path."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'per-file.db'}"
        return
    with new_postgres_database(os.environ[POSTGRES_ENV]) as url:
        yield url


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Baselines and follow-ups of four enterprises (the benchmark's programme: plans of tens of actions)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_store import programme
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    answers = tmp_path_factory.mktemp("set-wise") / "answers"
    programme(qa.load_checklist("iso9001-2015"), 4, answers)
    return answers


def _scored(path: Path) -> ScoredFile:
    return score_for_store(path, "weighted", None)


def _file(folder: Path, number: int, kind: str) -> ScoredFile:
    return _scored(folder / f"e{number:04d}-{kind}.yaml")


def _variant(
    folder: Path, number: int, kind: str, name: str, change: Callable[[dict[str, Any]], None]
) -> ScoredFile:
    data = yaml.safe_load((folder / f"e{number:04d}-{kind}.yaml").read_text("utf-8"))
    change(data)
    target = folder.parent / "variants" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), "utf-8")
    return _scored(target)


def _record(
    url: str, transactions: list[list[ScoredFile]], set_wise: bool, monkeypatch: Any
) -> tuple[Any, ...]:
    """Record each transaction's files with a fixed clock; the outcomes and every table's rows."""
    stamps = (FIRST_STAMP + dt.timedelta(microseconds=876544 * tick) for tick in range(10_000))
    monkeypatch.setattr(writing, "now", lambda: next(stamps))
    with qa.Store(url) as store:
        outcomes = [writing.record_all(store.engine, files, set_wise=set_wise) for files in transactions]
        tables: dict[str, list[tuple[Any, ...]]] = {}
        with store.engine.connect() as connection:
            for table in metadata.sorted_tables:
                tables[table.name] = [
                    tuple(row) for row in connection.execute(select(table).order_by(table.c.id))
                ]
                if store.engine.dialect.name == "sqlite":  # the values as stored (dates and stamps as text)
                    raw = connection.execute(text(f"SELECT * FROM {table.name} ORDER BY id"))
                    tables[f"{table.name} (stored)"] = [tuple(row) for row in raw]
                else:  # the id sequences where the inserts leave them (the next row's id)
                    sequence = f"pg_get_serial_sequence('{table.name}', 'id')::regclass"
                    last = connection.execute(text(f"SELECT pg_sequence_last_value({sequence})")).scalar()
                    tables[f"{table.name} (sequence)"] = [(last,)]
    return outcomes, tables


def _same_rows(
    store_url: str, per_file_url: str, transactions: list[list[ScoredFile]], monkeypatch: Any
) -> tuple[Any, dict[str, list[tuple[Any, ...]]]]:
    set_wise = _record(store_url, transactions, True, monkeypatch)
    per_file = _record(per_file_url, transactions, False, monkeypatch)
    assert set_wise[0] == per_file[0]
    assert set(set_wise[1]) == set(per_file[1])
    for name, rows in per_file[1].items():
        assert set_wise[1][name] == rows, name
    return set_wise


def test_a_new_enterprise_baseline_and_follow_up_in_one_transaction(
    store_url: str, per_file_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [_file(folder, 1, "baseline"), _file(folder, 1, "followup"), _file(folder, 2, "baseline")]
    outcomes, tables = _same_rows(store_url, per_file_url, [files], monkeypatch)
    assert [outcome.status for outcome in outcomes[0]] == ["added", "added", "added"]
    assert [outcome.enterprise_created for outcome in outcomes[0]] == [True, False, True]
    # The follow-up judged the actions its baseline opened in the same transaction.
    statuses = {row[13] for row in tables["actions"] if row[1] == outcomes[0][0].enterprise_id}
    assert "verified" in statuses
    assert any(row[4].startswith("follow-up ") for row in tables["action_events"])
    assert len(tables["enterprises"]) == 2 and len(tables["assessments"]) == 3


def test_two_files_of_one_enterprise_where_the_second_renames_it(
    store_url: str, per_file_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def renamed(data: dict[str, Any]) -> None:
        data["enterprise"]["name"] = "更名后的企业有限公司"
        data["enterprise"]["region"]["city"] = "佛山市"
        data["assessment"].update(kind="self", date="2027-01-15")

    def early(data: dict[str, Any]) -> None:
        data["assessment"].update(kind="self", date="2026-01-10")

    files = [
        _file(folder, 3, "baseline"),
        _variant(folder, 3, "baseline", "e3-renamed.yaml", renamed),
        _variant(folder, 3, "baseline", "e3-early.yaml", early),  # under the former name, before both
    ]
    _outcomes, tables = _same_rows(store_url, per_file_url, [files], monkeypatch)
    assert len(tables["enterprises"]) == 1
    assert tables["enterprises"][0][3] == "更名后的企业有限公司"  # name: the latest file's
    names = [(row[2], row[4], row[7], row[8]) for row in tables["enterprise_names"]]
    assert [name[:2] for name in names][1] == ("更名后的企业有限公司", "佛山市")
    # The former name's span widened to the early file's date.
    assert names[0][2] == dt.date(2026, 1, 10)


def test_a_re_ingest_of_unchanged_files_mixed_with_new_ones(
    store_url: str, per_file_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [_file(folder, 1, "baseline"), _file(folder, 2, "baseline")]
    second = [
        _file(folder, 1, "baseline"),
        _file(folder, 1, "followup"),
        _file(folder, 3, "baseline"),
        _file(folder, 2, "baseline"),
        _file(folder, 3, "followup"),
    ]
    outcomes, tables = _same_rows(store_url, per_file_url, [first, second], monkeypatch)
    assert [outcome.status for outcome in outcomes[1]] == [
        "unchanged",
        "added",
        "added",
        "unchanged",
        "added",
    ]
    assert outcomes[1][0].assessment_id == outcomes[0][0].assessment_id
    assert len(tables["assessments"]) == 5


def test_a_correction_in_the_middle_of_a_transaction_goes_the_per_file_way(
    store_url: str, per_file_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lower(data: dict[str, Any]) -> None:
        for item, answer in list(data["answers"].items())[:40]:
            if isinstance(answer, int) and answer > 0:
                data["answers"][item] = answer - 1

    def without_code(data: dict[str, Any]) -> None:
        data["enterprise"].pop("credit_code")
        data["enterprise"]["name"] = "无代码企业有限公司"

    first = [_file(folder, 1, "baseline"), _file(folder, 1, "followup"), _file(folder, 4, "followup")]
    second = [
        _file(folder, 2, "baseline"),
        _variant(folder, 1, "followup", "e1-corrected.yaml", lower),  # supersedes, undoes, verifies again
        _file(folder, 2, "followup"),
        _file(folder, 4, "baseline"),  # after its follow-up: verified through it
        _variant(folder, 3, "baseline", "nameless.yaml", without_code),  # perhaps under a former name
        _file(folder, 3, "baseline"),
    ]
    outcomes, tables = _same_rows(store_url, per_file_url, [first, second], monkeypatch)
    assert [outcome.status for outcome in outcomes[1]] == [
        "added",
        "superseded",
        "added",
        "added",
        "added",
        "added",
    ]
    assert outcomes[1][1].supersedes == outcomes[0][1].assessment_id
    assert sum(row[25] is not None for row in tables["assessments"]) == 1  # superseded_by
    assert len(tables["enterprises"]) == 5


def test_a_transaction_runs_a_few_statements_per_table_not_per_file(
    store_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight files (four new enterprises, baseline then follow-up): the set-wise path runs a fixed number of
    statements, where the per-file path ran 6-10 a file."""
    files = [_file(folder, number, kind) for number in range(1, 5) for kind in ("baseline", "followup")]
    counted: list[str] = []
    execute, execute_many = Driver.execute, Driver.execute_many

    def counting(self: Driver, sql: str, parameters: Any) -> Any:
        counted.append(sql)
        return execute(self, sql, parameters)

    def counting_many(self: Driver, sql: str, rows: Any) -> None:
        counted.append(sql)
        execute_many(self, sql, rows)

    monkeypatch.setattr(Driver, "execute", counting)
    monkeypatch.setattr(Driver, "execute_many", counting_many)
    with qa.Store(store_url) as store:
        outcomes = writing.record_all(store.engine, files)
        assert [outcome.status for outcome in outcomes] == ["added"] * 8
        # Read: enterprises, next ids. Write: enterprises, names, assessments, actions, events (COPY on
        # PostgreSQL, not counted here), the verified actions, PostgreSQL's nextval.
        assert len(counted) <= 9, counted
        counted.clear()
        again = writing.record_all(store.engine, files)
        assert [outcome.status for outcome in again] == ["unchanged"] * 8
        # Read: enterprises, their names, assessments, actions, next ids. Written: only the register's
        # details, which a file as recent as what the register shows sets again (its stamp), in one statement.
        assert len(counted) == 6, counted
        assert counted[-1].startswith("UPDATE enterprises"), counted
