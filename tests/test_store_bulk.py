"""The store's bulk writes (store/bulk.py) against SQLAlchemy's own: the rows read back are the same, on SQLite
and PostgreSQL (COPY), and a broken constraint is raised as SQLAlchemy raises it (the writers' retry needs it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

import iso9001assess as qa
from iso9001assess.store.bulk import insert_many, update_many
from iso9001assess.store.schema import action_events, action_history, actions, assessments, enterprises

STAMP = dt.datetime(2026, 11, 30, 22, 15, 7, 123456)
WHOLE_SECOND = dt.datetime(2026, 11, 30, 22, 15, 8)  # SQLite: stored with ".000000" by the column's type


def _enterprise(connection: Any, identity: str) -> int:
    values = {
        "identity": identity,
        "name": identity,
        "has_lab": False,
        "certified": False,
        "details_as_of": dt.date(2026, 3, 1),
        "stage": "baseline",
        "enrolled_at": STAMP,
        "updated_at": STAMP,
    }
    return int(connection.execute(insert(enterprises).returning(enterprises.c.id), values).scalar_one())


def _actions(enterprise_id: int, assessment_id: int) -> list[dict[str, Any]]:
    """Rows with every kind of value the bulk path converts: dates repeated and distinct, None, floats."""
    opened = dt.date(2026, 3, 1)
    return [
        {
            "enterprise_id": enterprise_id,
            "item_id": f"7.1-{index:02d}",
            "clause": "7.1",
            "grade": "minor" if index % 2 else "major",
            "priority": "high",
            "impact": 0.5 * index,
            "timeframe_days": None if index == 3 else 30 * index,
            "revision": 1,
            "opened_by": assessment_id,
            "opened_on": opened,
            "due_on": None if index == 3 else opened + dt.timedelta(days=30 * index),
            "status": "open",
            "status_on": opened,
            "updated_at": WHOLE_SECOND if index == 5 else STAMP,
        }
        for index in range(1, 6)
    ]


def _assessment(connection: Any, enterprise_id: int) -> int:
    from iso9001assess.store.schema import assessments

    values = {
        "enterprise_id": enterprise_id,
        "kind": "baseline",
        "assessed_on": dt.date(2026, 3, 1),
        "checklist_id": "c",
        "checklist_version": "1",
        "checklist_sha256": "0" * 64,
        "strategy": "weighted",
        "source_name": "x.yaml",
        "source_sha256": "1" * 64,
        "answers_sha256": f"{enterprise_id:064d}",
        "answers": "{}",
        "result": "{}",
        "readiness": "not-ready",
        "major": 0,
        "minor": 0,
        "observation": 0,
        "recorded_at": STAMP,
    }
    return int(connection.execute(insert(assessments).returning(assessments.c.id), values).scalar_one())


def _read(connection: Any, table: Any, enterprise_id: int) -> list[tuple[Any, ...]]:
    """The rows as the types read them, and as the database holds them (raw text of dates and stamps on
    SQLite: a value stored in another format would read back the same through the types)."""
    columns = [c for c in table.c if c.name not in ("id", "enterprise_id", "opened_by")]
    typed = connection.execute(select(*columns).where(table.c.enterprise_id == enterprise_id))
    names = ", ".join(c.name for c in columns)
    raw = connection.execute(
        text(f"SELECT {names} FROM {table.name} WHERE enterprise_id = :e"), {"e": enterprise_id}
    )
    return sorted(tuple(row) for row in typed) + sorted((tuple(row) for row in raw), key=repr)


def test_insert_many_stores_what_sqlalchemy_stores(store_url: str) -> None:
    with qa.Store(store_url) as store, store.engine.begin() as connection:
        ours, theirs = _enterprise(connection, "ours"), _enterprise(connection, "theirs")
        insert_many(connection, actions, _actions(ours, _assessment(connection, ours)))
        connection.execute(insert(actions), _actions(theirs, _assessment(connection, theirs)))
        stored = _read(connection, actions, ours)
        assert stored == _read(connection, actions, theirs)
        stored = stored[:5]  # as the types read them: dates, None kept, floats exact (impact 0.5 x index)
        by_item = {row[0]: row for row in stored}
        names = [c.name for c in actions.c if c.name not in ("id", "enterprise_id", "opened_by")]
        third = dict(zip(names, by_item["7.1-03"], strict=True))
        assert third["due_on"] is None and third["timeframe_days"] is None
        assert third["impact"] == 1.5 and third["opened_on"] == dt.date(2026, 3, 1)
        assert third["updated_at"] == STAMP


# Booleans and nullable floats, the types no store table now pairs (clause scores are a view since 0005).
_PROBE = Table(
    "bulk_probe",
    MetaData(),
    Column("key", String(10), primary_key=True),
    Column("depth", Integer, nullable=False),
    Column("lab", Boolean, nullable=False),
    Column("score", Float, nullable=True),
)


def test_insert_many_booleans_and_scores(store_url: str) -> None:
    with qa.Store(store_url) as store, store.engine.begin() as connection:
        _PROBE.create(connection)
        rows = [
            {"key": "7", "depth": 0, "score": 62.5, "lab": False},
            {"key": "7.1", "depth": 1, "score": None, "lab": True},
        ]
        insert_many(connection, _PROBE, rows)
        P = _PROBE.c
        stored = connection.execute(select(P.key, P.depth, P.score, P.lab).order_by(P.key)).all()
        assert [tuple(row) for row in stored] == [("7", 0, 62.5, False), ("7.1", 1, None, True)]


def test_update_many_sets_what_sqlalchemy_sets(store_url: str) -> None:
    verified_on = dt.date(2026, 9, 1)
    later = dt.datetime(2026, 9, 2, 8, 0, 0)
    with qa.Store(store_url) as store, store.engine.begin() as connection:
        ours, theirs = _enterprise(connection, "ours"), _enterprise(connection, "theirs")
        insert_many(connection, actions, _actions(ours, _assessment(connection, ours)))
        insert_many(connection, actions, _actions(theirs, _assessment(connection, theirs)))
        X = actions.c

        def ids(enterprise_id: int) -> list[int]:
            query = select(X.id).where(X.enterprise_id == enterprise_id).order_by(X.item_id)
            return list(connection.execute(query).scalars())

        changes = [("verified", verified_on, later), ("reopened", verified_on, None)]
        update_many(
            connection,
            actions,
            [
                {"id": action_id, "status": status, "status_on": on, "due_on": stamp and on}
                for action_id, (status, on, stamp) in zip(ids(ours)[:2], changes, strict=True)
            ],
        )
        connection.execute(
            update(actions).where(X.id == bindparam("xid")),
            [
                {"xid": action_id, "status": status, "status_on": on, "due_on": stamp and on}
                for action_id, (status, on, stamp) in zip(ids(theirs)[:2], changes, strict=True)
            ],
        )
        assert _read(connection, actions, ours) == _read(connection, actions, theirs)
        statuses = connection.execute(
            select(X.item_id, X.status, X.due_on).where(X.enterprise_id == ours).order_by(X.item_id)
        ).all()
        # The first two changed (the second's due date cleared), the other three untouched.
        assert [tuple(row) for row in statuses][:3] == [
            ("7.1-01", "verified", verified_on),
            ("7.1-02", "reopened", None),
            ("7.1-03", "open", None),
        ]


def test_a_broken_constraint_is_an_integrity_error(store_url: str) -> None:
    """The writers retry a transaction on IntegrityError (a concurrent writer got there first): the bulk path
    (COPY on PostgreSQL) must raise it like any statement, and write nothing."""
    with qa.Store(store_url) as store:
        with store.engine.begin() as connection:
            enterprise_id = _enterprise(connection, "e")
            rows = _actions(enterprise_id, _assessment(connection, enterprise_id))
            insert_many(connection, actions, rows[:2])
        with pytest.raises(IntegrityError), store.engine.begin() as connection:
            insert_many(connection, actions, rows[1:])  # 7.1-02 again: uq_actions_item
        with store.engine.connect() as connection:
            assert len(_read(connection, actions, enterprise_id)) == 2 * 2  # two rows, typed and raw


def test_a_baseline_stores_no_opening_events_and_the_history_derives_them(store_url: str) -> None:
    """A baseline's plan: no event stored; the action_history view gives one "open" event per action, dated
    the assessment's date, naming it, recorded when it was, in the actions' order."""
    from pathlib import Path

    samples = Path(__file__).parent.parent / "samples"
    baseline = samples / "gz-electronics-baseline.yaml"
    with qa.Store(store_url) as store:
        report = store.ingest(baseline)
        assert report.ok and report.count("added") == 1
        with store.engine.connect() as connection:
            X, V, H, A = actions.c, action_events.c, action_history.c, assessments.c
            opened = list(connection.execute(select(X.id, X.opened_on, X.opened_by).order_by(X.id)))
            stored = connection.execute(select(V.id)).all()
            history = list(
                connection.execute(
                    select(
                        H.action_id, H.event_id, H.status, H.changed_on, H.source, H.note, H.recorded_at
                    ).order_by(H.action_id, H.changed_on, H.ordinal)
                )
            )
            recorded_at = connection.execute(select(A.recorded_at)).scalar_one()
    assert opened, "the sample's plan has actions"
    assert stored == []
    assert [event.action_id for event in history] == [action.id for action in opened]
    assert {(e.event_id, e.status, e.note, e.recorded_at) for e in history} == {
        (None, "open", None, recorded_at)
    }
    assert [event.changed_on for event in history] == [action.opened_on for action in opened]
    assert {event.source for event in history} == {f"assessment {opened[0].opened_by}"}


def test_a_single_row_statement_on_the_driver_converts_and_raises_as_sqlalchemy(store_url: str) -> None:
    """The write path's single-row statements run on the driver's cursor (store/driver.py): a date goes in as
    SQLAlchemy stores it, a raw date comes back as the database gives it (``day`` reads both forms), and a
    broken unique constraint is an IntegrityError the writers' retry recognises."""
    from iso9001assess.store.driver import Driver, Statement, day
    from iso9001assess.store.writing import _retryable

    E = enterprises.c
    lookup = Statement(select(E.id, E.details_as_of).where(E.identity == bindparam("identity")))
    renew = Statement(
        update(enterprises).where(E.id == bindparam("eid")).values(details_as_of=bindparam("as_of"))
    )
    with qa.Store(store_url) as store:
        with store.engine.begin() as connection:
            enterprise_id = _enterprise(connection, "e")
            db = Driver(connection)
            db.run(renew, {"eid": enterprise_id, "as_of": dt.date(2026, 10, 20)})
            row = db.row(lookup, {"identity": "e"})
            assert row is not None and row[0] == enterprise_id and day(row[1]) == dt.date(2026, 10, 20)
            typed = connection.execute(select(E.details_as_of).where(E.id == enterprise_id)).scalar_one()
            assert typed == dt.date(2026, 10, 20)
            assert db.row(lookup, {"identity": "nobody"}) is None
        with pytest.raises(IntegrityError) as raised, store.engine.begin() as connection:
            _enterprise(connection, "f")
            db = Driver(connection)
            db.run(Statement(update(enterprises).values(identity=bindparam("identity"))), {"identity": "e"})
        assert _retryable(raised.value)
        with store.engine.connect() as connection:  # the failed transaction wrote nothing
            identities = connection.execute(select(E.identity).order_by(E.identity)).scalars().all()
            assert identities == ["e"]
