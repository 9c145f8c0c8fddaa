"""What the store's write path stores, row for row: a programme ingested through every path that writes
(new enterprises, follow-ups before their baselines, corrected baselines and follow-ups, a name change and a
late file under the former name, an enterprise registered without a credit code that later gives one, action
updates, a filled tracker, a plan issued, the whole folder again) gives tables whose rows equal a golden dump
taken before the write path was reworked for speed (tests/fixtures/store/stored_rows.json).

The dump holds, per table, the number of rows and the SHA-256 of the rows as the column types read them (the
same on SQLite and PostgreSQL) and, on SQLite, of the raw values (dates and stamps as the text stored: a value
stored in another format would read back the same through the types). The clock is fixed so stamps repeat.

A deliberate change to what is stored (or to scoring) changes the dump: rewrite it with
``python tests/test_store_stored_rows.py`` after checking the change is meant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from sqlalchemy import select, text

import iso9001assess as qa
from iso9001assess.store import writing
from iso9001assess.store.schema import metadata
from store_support import credit_code

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "store" / "stored_rows.json"
ENTERPRISES = 30
FIRST_STAMP = dt.datetime(2026, 11, 30, 22, 15, 7, 123456)
TICK = dt.timedelta(microseconds=876544)  # the second stamp falls on a whole second (stored ".000000")


def _chosen(store: qa.Store) -> list[Any]:
    """The enterprises in the order the golden dump picked them by (city, name by code point, id), whatever
    order the register lists them in for readers (pinyin): the same enterprises are worked on."""
    return sorted(store.enterprises(), key=lambda r: (r.city or "", r.name, r.id))


def _clock() -> Iterator[dt.datetime]:
    stamp = FIRST_STAMP
    while True:
        yield stamp
        stamp += TICK


def _programme(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_store import programme
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return programme(qa.load_checklist("iso9001-2015"), ENTERPRISES, folder)


def _variant(source: Path, target: Path, change: Any) -> Path:
    data = yaml.safe_load(source.read_text("utf-8"))
    change(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), "utf-8")
    return target


def _lower(data: dict[str, Any], count: int) -> None:
    """The first ``count`` rated answers one step lower (floored at 0): more findings."""
    changed = 0
    for item, answer in data["answers"].items():
        if isinstance(answer, int) and answer > 0 and changed < count:
            data["answers"][item] = answer - 1
            changed += 1


def _raise(data: dict[str, Any], top: int) -> None:
    """Every rated answer at the top of the scale: every finding closed."""
    for item, answer in data["answers"].items():
        if isinstance(answer, int):
            data["answers"][item] = top


def ingest_everything(store: qa.Store, folder: Path) -> None:
    """Every way of writing the store, in an order that makes each path do its work."""
    answers = folder / "answers"
    paths = _programme(answers)
    by_name = {path.name: path for path in paths}
    top = qa.load_checklist("iso9001-2015").max_rating

    # Follow-ups recorded before their baselines (the baseline then verifies through them).
    assert store.ingest(*(by_name[f"e{n:04d}-followup.yaml"] for n in range(1, 6))).ok
    # The whole folder, a few files per transaction; the five follow-ups again are unchanged.
    assert store.ingest(answers).ok
    # A corrected baseline after its follow-up: more findings, the new ones opened in a new revision.
    corrected = folder / "corrected"
    assert store.ingest(
        _variant(by_name["e0006-baseline.yaml"], corrected / "e0006-baseline.yaml", lambda d: _lower(d, 12))
    ).ok
    # Actions worked on, then a corrected follow-up (what the superseded one verified or reopened is undone).
    record = _chosen(store)[0]
    tracked = store.actions(record.id)
    pending = [action for action in tracked if action.status in ("open", "reopened")]
    store.update_action(record.id, pending[0].item_id, status="done", owner="质量部", on=dt.date(2026, 9, 1))
    store.update_action(record.id, pending[1].item_id, status="in-progress", on=dt.date(2026, 9, 2))
    store.update_action(record.id, pending[1].item_id, evidence="内审记录", comments="已整改")
    number = int(record.name[-5:-1])
    assert store.ingest(
        _variant(
            by_name[f"e{number:04d}-followup.yaml"],
            corrected / f"e{number:04d}-followup.yaml",
            lambda d: _lower(d, 20),
        )
    ).ok
    assert store.ingest(
        _variant(by_name["e0007-followup.yaml"], corrected / "e0007-followup.yaml", lambda d: _raise(d, top))
    ).ok

    # A new name and city for the same credit code (later date), then a late file under the former name.
    def renamed(data: dict[str, Any]) -> None:
        data["enterprise"]["name"] = "更名后的企业有限公司"
        data["enterprise"]["region"]["city"] = "佛山市"
        data["assessment"].update(kind="self", date="2027-01-15")

    def early(data: dict[str, Any]) -> None:
        data["assessment"].update(kind="self", date="2026-01-10")

    assert store.ingest(_variant(by_name["e0008-followup.yaml"], corrected / "e0008-self.yaml", renamed)).ok
    assert store.ingest(_variant(by_name["e0008-baseline.yaml"], corrected / "e0008-early.yaml", early)).ok

    # Registered by name and city (no credit code), then a file giving the code under the same name.
    def without_code(data: dict[str, Any]) -> None:
        data["enterprise"].pop("credit_code")
        data["enterprise"]["name"] = "无代码企业有限公司"
        data["assessment"].update(date="2026-05-05")

    def with_code(data: dict[str, Any]) -> None:
        data["enterprise"]["name"] = "无代码企业有限公司"
        data["enterprise"]["credit_code"] = credit_code(991)
        data["assessment"].update(kind="follow-up", date="2026-11-05")

    nameless = _variant(by_name["e0009-baseline.yaml"], corrected / "nameless.yaml", without_code)
    assert store.ingest(nameless).ok
    code_file = _variant(by_name["e0009-baseline.yaml"], corrected / "coded.yaml", with_code)
    assert store.ingest(code_file).ok

    # A filled tracker: the top action in progress with an owner, the second done with evidence.
    enterprise = _chosen(store)[5]
    tracker = store.write_tracker(enterprise.id, folder / "tracker.xlsx", "zh")
    workbook = openpyxl.load_workbook(tracker)
    sheet = workbook["Plan"]
    sheet["I5"], sheet["H5"] = "进行中", "生产部 王工"
    sheet["I6"], sheet["J6"] = "已完成", "记录 2026-06"
    workbook.save(tracker)
    # Dated after the assessment the tracker follows (a tracker dated before it is refused).
    latest = enterprise.latest
    assert latest is not None
    assert store.ingest(tracker, on=latest.date + dt.timedelta(days=3)).ok

    # A follow-up corrected twice over: the first correction opens actions the original did not call for, one
    # of them worked on the day it opened; the second keeps (adopts) those it calls for too and the worked-on
    # one, and drops the rest; the third adopts the adopted ones again or drops them.
    followup = by_name["e0010-followup.yaml"]
    first = _variant(followup, corrected / "e0010-followup-1.yaml", lambda d: _lower(d, 40))
    assert store.ingest(first).ok
    (e0010,) = (record for record in store.enterprises() if record.name.endswith("0010）"))
    opened_by_first = [action for action in store.actions(e0010.id) if action.revision > 1]
    assert len(opened_by_first) > 3
    store.update_action(
        e0010.id, opened_by_first[-1].item_id, status="in-progress", on=opened_by_first[-1].opened_on
    )
    assert store.ingest(_variant(followup, corrected / "e0010-followup-2.yaml", lambda d: _lower(d, 30))).ok
    assert store.ingest(_variant(followup, corrected / "e0010-followup-3.yaml", lambda d: _lower(d, 25))).ok

    store.mark_plan_issued(_chosen(store)[3].id, on=dt.date(2026, 7, 1))
    # Everything again: nothing changes.
    again = store.ingest(answers)
    assert again.ok and again.count("unchanged") == 2 * ENTERPRISES


def _key(table: Any) -> list[Any]:
    return list(table.primary_key.columns)


def dump(store: qa.Store) -> dict[str, dict[str, Any]]:
    """Per table: row count, SHA-256 of the typed rows, and (SQLite) of the raw stored values."""
    tables: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            typed = [tuple(row) for row in connection.execute(select(table).order_by(*_key(table)))]
            entry: dict[str, Any] = {"rows": len(typed), "typed": _digest(typed)}
            if store.engine.dialect.name == "sqlite":
                order = ", ".join(column.name for column in _key(table))
                raw = connection.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}"))
                entry["sqlite"] = _digest([tuple(row) for row in raw])
            tables[table.name] = entry
        tables[HISTORY] = _history(connection)
    return tables


# Not a table: every action's status history as readers see it (the action_history view), event ids apart.
# Its entry was taken when every opening was still stored as an event (its history read from action_events
# ordered by action, date and id) and is the same now that the openings are read from the actions (0007).
HISTORY = "action_history"


def _history(connection: Any, *, stored: bool = False) -> dict[str, Any]:
    """The events of every action as (action, status, date, source, note, recorded at), in the order readers
    read them: by action, date, then the order they happened. ``stored``: from ``action_events`` ordered by id,
    as readers did before 0007 (when every opening was stored)."""
    source, order = ("action_events", "id") if stored else ("action_history", "ordinal")
    rows = connection.execute(
        text(
            f"SELECT action_id, status, changed_on, source, note, recorded_at FROM {source} "
            f"ORDER BY action_id, changed_on, {order}"
        )
    )
    typed = [(row[0], row[1], _date(row[2]), row[3], row[4], _stamp(row[5])) for row in rows]
    return {"rows": len(typed), "typed": _digest(typed)}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _stamp(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _digest(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()


def fill(url: str, folder: Path) -> dict[str, dict[str, Any]]:
    clock = _clock()
    original = writing.now
    writing.now = lambda: next(clock)
    try:
        with qa.Store(url) as store:
            ingest_everything(store, folder)
            return dump(store)
    finally:
        writing.now = original


def test_the_write_path_stores_the_golden_rows(store_url: str, tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text("utf-8"))
    stored = fill(store_url, tmp_path)
    assert set(stored) == set(golden), "the tables changed: rewrite the dump (see the docstring)"
    for name, entry in stored.items():
        expected = golden[name]
        assert entry["rows"] == expected["rows"], name
        assert entry["typed"] == expected["typed"], f"{name}: the rows read back differ"
        if "sqlite" in entry:
            assert entry["sqlite"] == expected["sqlite"], f"{name}: the values stored differ"
    # The programme did what it should (the dump is not of an empty store).
    assert stored["assessments"]["rows"] == 2 * ENTERPRISES + 10
    assert stored["actions"]["rows"] > 0
    # The history holds one opening per action, derived from the action or (adopted by a corrected follow-up)
    # stored; action_events holds the rest: the history less the derived openings.
    with qa.Store(store_url) as store, store.engine.connect() as connection:
        stored_openings = connection.execute(
            text("SELECT count(*) FROM action_events WHERE status = 'open' AND source LIKE 'assessment %'")
        ).scalar_one()
    derived = stored["actions"]["rows"] - stored_openings
    assert stored["action_events"]["rows"] == stored[HISTORY]["rows"] - derived
    assert 0 < stored_openings < 10 < derived


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        rows = fill(f"sqlite:///{Path(folder) / 'programme.db'}", Path(folder))
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", "utf-8")
    print(f"rewrote {GOLDEN}")
