"""Recording a transaction's files set-wise: a few statements per table for all of them, not 6-10 per file.

1. What the files' enterprises already hold is read once: the enterprises under all the files' identities,
   then their names, assessments and actions (one query each).
2. The files are applied in input order to that picture in memory (a file sees what an earlier one of the
   same transaction did: a new enterprise's baseline, then its follow-up verifying the actions just opened),
   by the rules of :mod:`.recording` and :mod:`.actions` that the per-file path applies too.
3. What they add is written once per table (one ``executemany`` or ``COPY``), what they change once per
   statement shape.

New rows get their ids here, under the writers' lock (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's advisory
lock): the ids the database would have given them row by row (SQLite: one more than the table's largest;
PostgreSQL: the id sequence's next values, which are then taken with ``nextval``). A row written by anyone
else meanwhile would meet the primary key and the transaction would be retried.

The rare files whose rules are complex go the per-file way (``one_by_one``): a correction superseding an
earlier version, an enterprise without a credit code not found under its name and city (it may be found
under a former name), one that gives a credit code for the first time, and a baseline recorded after its
follow-ups. What is pending is written first, and the picture is read again after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..programme.record import ScoredFile
from .actions import (
    ACTION_COLUMNS,
    EVENT_COLUMNS,
    VERIFIED_COLUMNS,
    plan_to_add,
    plan_to_open,
    planned_actions,
    verdict,
)
from .bulk import insert_many, insert_rows, update_many, update_rows
from .driver import Driver, day
from .identity import code_identity, identity_of, name_identity
from .recording import (
    Recorded,
    advanced_stage,
    assessment_values,
    changed_details,
    details,
    place_of,
    placement,
    stage_of,
    widened,
)
from .records import IngestOutcome
from .schema import action_events, actions, assessments, enterprise_names, enterprises

# The tables whose new rows get their ids here, in the order they are written (a row's references first).
_TABLES = (enterprises, enterprise_names, assessments, actions, action_events)
# A list of values in one parameter is bound as ``IN (?, ...)`` on SQLite, ``= ANY(%s)`` on PostgreSQL; the
# lists are cut to stay under SQLite's limit of parameters.
_CHUNK = 500
# An action's row as inserted: a verification in the same transaction sets its last four values.
_INSERTED_ACTION = ("id", *ACTION_COLUMNS, "verified_by")
_STATUS = _INSERTED_ACTION.index("status")
assert _INSERTED_ACTION[_STATUS:] == ("status", "status_on", "updated_at", "verified_by")


class _Action:
    """An action as a follow-up judges it; ``row``: its row still to insert (None once in the database)."""

    __slots__ = ("id", "opened_on", "revision", "row", "status")

    def __init__(
        self, id: int, status: str, opened_on: dt.date, revision: int, row: list[Any] | None = None
    ) -> None:
        self.id, self.status, self.opened_on, self.revision, self.row = id, status, opened_on, revision, row


class _Enterprise:
    """What the transaction knows of one enterprise: its register row, names, assessments and actions."""

    def __init__(
        self, id: int, stage: str, plan_issued: bool, details_as_of: dt.date, code: str | None, new: bool
    ) -> None:
        self.id, self.stage, self.plan_issued = id, stage, plan_issued
        self.details_as_of, self.credit_code, self.new = details_as_of, code, new
        # (name, province, city, district) -> the name row: [id, first_seen, last_seen, new]
        self.names: dict[tuple[str, str, str, str], list[Any]] = {}
        self.assessments: list[Recorded] = []
        self.actions: dict[str, _Action] = {}
        # The register's columns to set (a new enterprise: its whole row, inserted).
        self.row: dict[str, Any] = {}


class _Fallback(Exception):
    """The file goes the per-file way."""


class SetWise:
    """One transaction's files recorded set-wise on ``db``; ``one_by_one`` records a file the per-file way."""

    def __init__(
        self,
        db: Driver,
        clock: Callable[[], dt.datetime],
        one_by_one: Callable[[Driver, ScoredFile], IngestOutcome],
    ) -> None:
        self.db, self.clock, self.one_by_one = db, clock, one_by_one
        self.postgresql = db.dialect.name == "postgresql"

    def record(self, files: Sequence[ScoredFile]) -> list[IngestOutcome]:
        """Record ``files`` in order; a file the per-file way ends a segment: what was applied before it is
        written, then it, and the picture is read again for the files after it."""
        outcomes: list[IngestOutcome] = []
        start = 0
        while start < len(files):
            self._read(files[start:])
            for scored in files[start:]:
                start += 1
                try:
                    outcomes.append(self._apply(scored))
                except _Fallback:
                    self._write()
                    outcomes.append(self.one_by_one(self.db, scored))
                    break
            else:
                self._write()
        return outcomes

    # -- the picture ------------------------------------------------------------------------------------------
    def _read(self, files: Sequence[ScoredFile]) -> None:
        identities: set[str] = set()
        for scored in files:
            enterprise = scored.enterprise
            identities.add(name_identity(enterprise.name, enterprise.region.city))
            if enterprise.credit_code:
                identities.add(code_identity(enterprise.credit_code))
        self.by_identity: dict[str, _Enterprise] = {}
        known: dict[int, _Enterprise] = {}
        columns = "id, stage, plan_issued_on, details_as_of, credit_code, identity"
        for row in self._rows(f"SELECT {columns} FROM enterprises WHERE identity", sorted(identities)):
            state = _Enterprise(row[0], row[1], row[2] is not None, _day(row[3]), row[4], False)
            known[state.id] = self.by_identity[row[5]] = state
        ids = sorted(known)
        if ids:
            columns = "id, enterprise_id, name, province, city, district, first_seen, last_seen"
            for row in self._rows(f"SELECT {columns} FROM enterprise_names WHERE enterprise_id", ids):
                known[row[1]].names[(row[2], row[3], row[4], row[5])] = [
                    row[0],
                    _day(row[6]),
                    _day(row[7]),
                    False,
                ]
            columns = "id, enterprise_id, kind, assessed_on, answers_sha256, checklist_sha256, strategy, superseded_by"
            for row in self._rows(f"SELECT {columns} FROM assessments WHERE enterprise_id", ids, "id"):
                recorded = Recorded(row[0], row[2], _day(row[3]), (row[4], row[5], row[6]), row[7])
                known[row[1]].assessments.append(recorded)
            columns = "id, enterprise_id, item_id, status, opened_on, revision"
            for row in self._rows(f"SELECT {columns} FROM actions WHERE enterprise_id", ids):
                known[row[1]].actions[row[2]] = _Action(row[0], row[3], _day(row[4]), row[5])
        self.touched: dict[int, _Enterprise] = {}
        # Per table, its new rows (enterprises: their _Enterprise; names: (row, enterprise id, place, key)).
        self.new: dict[str, list[Any]] = {table.name: [] for table in _TABLES}
        self.name_spans: dict[int, list[Any]] = {}
        self.verified: dict[int, tuple[Any, ...]] = {}
        self.next_id = self._next_ids()
        self.first_id = dict(self.next_id)

    def _rows(self, query: str, values: Sequence[Any], order: str | None = None) -> Iterable[tuple[Any, ...]]:
        """``query`` (ending with a column) for the rows whose column is one of ``values``."""
        db = self.db
        for start in range(0, len(values), _CHUNK):
            chunk = list(values[start : start + _CHUNK])
            if self.postgresql:
                sql, parameters = f"{query} = ANY(%s)", [chunk]
            else:
                sql, parameters = f"{query} IN ({', '.join('?' * len(chunk))})", chunk
            if order:
                sql += f" ORDER BY {order}"
            yield from db.execute(sql, parameters).fetchall()

    def _next_ids(self) -> dict[str, int]:
        """Each table's next id, as the database would give it to the next row inserted."""
        if self.postgresql:
            values = ", ".join(
                f"pg_sequence_last_value(pg_get_serial_sequence('{table.name}', 'id')::regclass)"
                for table in _TABLES
            )
        else:
            values = ", ".join(f"(SELECT max(id) FROM {table.name})" for table in _TABLES)
        row = self.db.execute(f"SELECT {values}", ()).fetchone()
        return {table.name: (last or 0) + 1 for table, last in zip(_TABLES, row, strict=True)}

    def _id(self, table: str) -> int:
        return self._ids(table, 1)

    def _ids(self, table: str, count: int) -> int:
        """The first of ``count`` new ids of ``table``."""
        first = self.next_id[table]
        self.next_id[table] = first + count
        return first

    # -- one file ---------------------------------------------------------------------------------------------
    def _apply(self, scored: ScoredFile) -> IngestOutcome:
        enterprise, kind, date = scored.enterprise, scored.assessment.kind, scored.assessment.date
        assert date is not None
        by_name = name_identity(enterprise.name, enterprise.region.city)
        first = code_identity(enterprise.credit_code) if enterprise.credit_code else by_name
        state = self.by_identity.get(first) or self.by_identity.get(by_name)
        if state is None and not enterprise.credit_code:
            raise _Fallback  # perhaps known under a former name
        if state is not None and enterprise.credit_code and state.credit_code is None:
            raise _Fallback  # its identity changes to the code
        same, earlier, later = placement(state.assessments, scored) if state else (None, None, [])
        if same is None and (earlier is not None or later):
            raise _Fallback  # a correction, or a baseline after its follow-ups
        stamp = self.clock()
        created = state is None
        if state is None:
            state = self._register(scored, stamp)
        changes = {} if created else changed_details(enterprise, date, state.details_as_of)
        self._note_name(state, scored, date, created)
        if same is not None:
            if changes:
                self._update(state, {**changes, "updated_at": stamp})
            return IngestOutcome(
                source=scored.source_name, status="unchanged", enterprise_id=state.id, assessment_id=same
            )
        assessment_id = self._id("assessments")
        row = assessment_values(state.id, scored, stamp)
        self.new["assessments"].append({"id": assessment_id, **row})
        content = (scored.answers_sha256, scored.checklist_sha256, scored.strategy)
        state.assessments.append(Recorded(assessment_id, kind, date, content, None))
        plan = list(scored.plan)
        if kind == "baseline":
            new, revision = plan_to_open(plan, [(item, a.revision) for item, a in state.actions.items()])
            self._open(state, assessment_id, date, new, revision, stamp)
        elif kind == "follow-up":
            self._verify(state, assessment_id, date, scored.result["findings"], plan, stamp)
        if not created:
            stage = advanced_stage(state.stage, kind, state.plan_issued)
            self._update(state, {**changes, "stage": stage, "updated_at": stamp})
        return IngestOutcome(
            source=scored.source_name,
            status="added",
            enterprise_id=state.id,
            assessment_id=assessment_id,
            enterprise_created=created,
        )

    def _register(self, scored: ScoredFile, stamp: dt.datetime) -> _Enterprise:
        enterprise, kind, date = scored.enterprise, scored.assessment.kind, scored.assessment.date
        assert date is not None
        stage = stage_of({kind}, plan_issued=False)
        state = _Enterprise(self._id("enterprises"), stage, False, date, enterprise.credit_code, True)
        state.row = {
            "id": state.id,
            **details(enterprise, date),
            "identity": identity_of(enterprise),
            "credit_code": enterprise.credit_code,
            "stage": state.stage,
            "enrolled_at": stamp,
            "updated_at": stamp,
        }
        self.new["enterprises"].append(state)
        self.by_identity[identity_of(enterprise)] = state
        return state

    def _update(self, state: _Enterprise, values: dict[str, Any]) -> None:
        state.row.update(values)
        state.stage = values.get("stage", state.stage)
        state.details_as_of = values.get("details_as_of", state.details_as_of)
        if not state.new:
            self.touched[state.id] = state

    def _note_name(self, state: _Enterprise, scored: ScoredFile, date: dt.date, created: bool) -> None:
        place = place_of(scored.enterprise)
        seen = state.names.get(place)
        if seen is None:
            row = [self._id("enterprise_names"), date, date, True]
            state.names[place] = row
            enterprise = scored.enterprise
            key = name_identity(enterprise.name, enterprise.region.city)
            self.new["enterprise_names"].append((row, state.id, place, key))
            return
        span = widened(seen[1], seen[2], date)
        if span is not None:
            seen[1], seen[2] = span
            if not seen[3]:
                self.name_spans[seen[0]] = seen

    def _open(
        self,
        state: _Enterprise,
        assessment_id: int,
        date: dt.date,
        planned: list[dict[str, Any]],
        revision: int,
        stamp: dt.datetime,
    ) -> None:
        if not planned:
            return
        stored_day = self.db.stored_day
        opened, updated = stored_day(date), self.db.stored_stamp(stamp)
        values = planned_actions(date, planned)
        # Their openings are the rows themselves (no event is stored).
        first = self._ids("actions", len(values))
        dues: dict[dt.date, Any] = {}  # a plan repeats a few due dates: each converted once
        new_actions, actions = self.new["actions"], state.actions
        for action_id, (item_id, clause, grade, priority, impact, days, due) in enumerate(values, first):
            if due is not None:
                due = dues.get(due) or dues.setdefault(due, stored_day(due))
            row = [
                action_id,
                state.id,
                item_id,
                clause,
                grade,
                priority,
                impact,
                days,
                revision,
                assessment_id,
                opened,
                due,
                "open",
                opened,
                updated,
                None,
            ]
            new_actions.append(row)
            actions[item_id] = _Action(action_id, "open", date, revision, row)

    def _verify(
        self,
        state: _Enterprise,
        assessment_id: int,
        date: dt.date,
        findings: list[list[str]],
        plan: list[dict[str, Any]],
        stamp: dt.datetime,
    ) -> None:
        persisting = {item for item, _grade in findings}
        source = f"follow-up {assessment_id}"
        on, updated = self.db.stored_day(date), self.db.stored_stamp(stamp)
        tracked = state.actions
        new_events = self.new["action_events"]
        # In item order, as the per-file path reads them: the events are numbered alike.
        for item_id in sorted(tracked):
            action = tracked[item_id]
            if action.opened_on > date:
                continue  # opened after this follow-up: not its to judge
            judgement = verdict(item_id in persisting, action.status, assessment_id)
            if judgement is None:
                continue
            action.status, verified_by = judgement
            if action.row is None:
                self.verified[action.id] = (action.status, on, verified_by, updated, action.id)
            else:  # opened in this transaction: inserted as it ends
                action.row[_STATUS:] = (action.status, on, updated, verified_by)
            new_events.append(
                (self._id("action_events"), action.id, action.status, on, source, None, updated)
            )
        new, revision = plan_to_add(plan, [(item, action.revision) for item, action in tracked.items()])
        self._open(state, assessment_id, date, new, revision, stamp)

    # -- the writes -------------------------------------------------------------------------------------------
    def _write(self) -> None:
        """Write what the files applied so far added and changed, one statement per table and shape."""
        db = self.db
        new = self.new
        if self.postgresql:
            self._take_ids()
        insert_many(db.connection, enterprises, [state.row for state in new["enterprises"]])
        names = [
            {
                "id": row[0],
                "enterprise_id": enterprise_id,
                "name": place[0],
                "province": place[1],
                "city": place[2],
                "district": place[3],
                "name_key": key,
                "first_seen": row[1],
                "last_seen": row[2],
            }
            for row, enterprise_id, place, key in new["enterprise_names"]
        ]
        insert_many(db.connection, enterprise_names, names)
        insert_many(db.connection, assessments, new["assessments"])
        insert_rows(db, actions, _INSERTED_ACTION, new["actions"])
        insert_rows(db, action_events, ("id", *EVENT_COLUMNS), new["action_events"])
        # What changed on rows already there: one statement for each set of columns.
        shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for state in self.touched.values():
            shapes.setdefault(tuple(sorted(state.row)), []).append({**state.row, "id": state.id})
        for rows in shapes.values():
            update_many(db.connection, enterprises, rows)
        spans = [
            {"first_seen": row[1], "last_seen": row[2], "id": row[0]} for row in self.name_spans.values()
        ]
        update_many(db.connection, enterprise_names, spans)
        update_rows(db, actions, VERIFIED_COLUMNS, list(self.verified.values()))

    def _take_ids(self) -> None:
        """PostgreSQL: take the ids given here from the sequences, one ``nextval`` each as the inserts would
        have (and with the same privilege on the sequences)."""
        taken = [
            f"(SELECT count(nextval(pg_get_serial_sequence('{table.name}', 'id'))) "
            f"FROM generate_series(1, {self.next_id[table.name] - self.first_id[table.name]}))"
            for table in _TABLES
            if self.next_id[table.name] != self.first_id[table.name]
        ]
        if taken:
            self.db.execute(f"SELECT {', '.join(taken)}", ())


def _day(value: Any) -> dt.date:
    on = day(value)
    assert on is not None
    return on
