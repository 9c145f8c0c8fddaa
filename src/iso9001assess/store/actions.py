"""The improvement plan followed through: actions as records, and their closure verified at follow-up.

A baseline's plan opens one action per finding (its stable id is the item's id), due on the assessment date
plus the recommendation's timeframe. The enterprise (or its consultant) moves an action through ``open``,
``in-progress`` and ``done``; a follow-up assessment then verifies closure:

- an action whose finding is gone becomes ``verified``;
- one marked ``done`` whose finding persists becomes ``reopened`` (a verified one whose finding comes back too);
- a finding with no action yet opens one in a new plan revision, which keeps the open actions.

A corrected follow-up (a file superseding one already recorded) first takes back what the superseded one did
(:func:`undo_follow_up`), then verifies as above: the actions end as if the correction had come alone.

Every status change is kept with its date and what caused it: an action's opening is its row (open on
``opened_on``, by the assessment ``opened_by``), the changes after it are rows of ``action_events``, and the
view ``action_history`` reads the two as one history.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from ..models.tracking import ACTION_STATUSES, PENDING, ActionStatus
from .bulk import insert_many, insert_rows, update_many, update_rows
from .driver import Driver, Statement
from .schema import OPENING_SOURCE, action_events, action_history, actions, assessments

__all__ = ["ACTION_STATUSES", "PENDING", "RESERVED_SOURCES", "ActionStatus", "follow_plan", "set_action"]

# The sources of what assessments do to actions (an opening, a follow-up's changes): the history and the
# undoing of a superseded follow-up tell them by these words, so no other change may use them.
RESERVED_SOURCES = (OPENING_SOURCE, "follow-up ")

X, V, A, H = actions.c, action_events.c, assessments.c, action_history.c
# The items already tracked and their plan revisions (a baseline adds what it newly calls for).
_ITEMS_OF_ENTERPRISE = Statement(select(X.item_id, X.revision).where(X.enterprise_id == bindparam("eid")))
# What a follow-up's verification reads of each action (not the whole row: its dates and texts are not needed).
# (Whether the action was opened by the follow-up's date is worked out by the database: no date is parsed.)
# In item order, so the events of a verification are numbered alike on every database.
_STATES_OF_ENTERPRISE = Statement(
    select(
        X.id, X.item_id, X.status, (X.opened_on <= bindparam("on", type_=Date)).label("judged"), X.revision
    )
    .where(X.enterprise_id == bindparam("eid"))
    .order_by(X.item_id)
)
_RESULT = Statement(select(A.result).where(A.id == bindparam("aid")))
ACTION_COLUMNS = (
    "enterprise_id",
    "item_id",
    "clause",
    "grade",
    "priority",
    "impact",
    "timeframe_days",
    "revision",
    "opened_by",
    "opened_on",
    "due_on",
    "status",
    "status_on",
    "updated_at",
)
EVENT_COLUMNS = ("action_id", "status", "changed_on", "source", "note", "recorded_at")
VERIFIED_COLUMNS = ("status", "status_on", "verified_by", "updated_at")
_SET = update(actions).where(X.id == bindparam("xid"))
_INSERT_EVENT = insert(action_events)
# Every action of an enterprise with its status history, its opening first, then the changes in the order
# they were recorded.
_HISTORIES = (
    select(
        X.id,
        X.item_id,
        X.opened_by,
        X.owner,
        X.evidence,
        X.comments,
        H.event_id,
        H.status,
        H.changed_on,
        H.source,
        H.recorded_at,
    )
    .join_from(actions, action_history, H.action_id == X.id)
    .where(X.enterprise_id == bindparam("eid"))
    .order_by(X.id, H.ordinal)
)


def follow_plan(
    db: Driver,
    enterprise_id: int,
    assessment_id: int,
    kind: str,
    date: dt.date,
    plan: list[dict[str, Any]],
    findings: list[list[str]],
    stamp: dt.datetime,
    *,
    fresh: bool,
    later: Sequence[tuple[int, dt.date]] = (),
) -> None:
    """Apply a newly recorded assessment to the enterprise's actions (see the module's rules). ``fresh``: the
    enterprise was registered just now (it has no actions yet); ``later``: for a baseline, the enterprise's
    current follow-ups dated on or after it (id, date), in date order."""
    if kind == "baseline":
        _open_plan(db, enterprise_id, assessment_id, date, plan, stamp, fresh)
        # A follow-up recorded before its baseline (files come in any order) verifies the new actions now.
        for later_id, later_on in later:
            found = db.row(_RESULT, {"aid": later_id})
            assert found is not None
            compact = json.loads(found[0])
            _verify(db, enterprise_id, later_id, later_on, compact["findings"], [], stamp)
    elif kind == "follow-up":
        _verify(db, enterprise_id, assessment_id, date, findings, plan, stamp)


def _event(
    connection: Connection,
    action_id: int,
    status: str,
    on: dt.date,
    source: str,
    stamp: dt.datetime,
    note: str | None = None,
) -> None:
    connection.execute(_INSERT_EVENT, _event_row(action_id, status, on, source, stamp, note))


def _event_row(
    action_id: int, status: str, on: dt.date, source: str, stamp: dt.datetime, note: str | None = None
) -> dict[str, Any]:
    return {
        "action_id": action_id,
        "status": status,
        "changed_on": on,
        "source": source,
        "note": note,
        "recorded_at": stamp,
    }


def planned_actions(date: dt.date, planned: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Each of ``planned`` as an action's values: (item_id, clause, grade, priority, impact, timeframe_days,
    due date), due on ``date`` plus the action's timeframe."""
    # A plan repeats a few timeframes: each due date is worked out once.
    dues: dict[int, dt.date] = {}
    values = []
    for action in planned:
        days = action["timeframe_days"]
        due = None if days is None else dues.setdefault(days, date + dt.timedelta(days=days))
        values.append(
            (
                action["item_id"],
                action["clause"],
                action["grade"],
                action["priority"],
                float(action["impact"]),
                days,
                due,
            )
        )
    return values


def plan_to_open(
    plan: list[dict[str, Any]], tracked: Sequence[tuple[str, int]]
) -> tuple[list[dict[str, Any]], int]:
    """A baseline's plan against the enterprise's tracked actions (item, revision): the actions to open (those
    not yet tracked; the tracked keep their state) and their plan revision (1 for the first plan)."""
    known = {item_id for item_id, _revision in tracked}
    new = [action for action in plan if action["item_id"] not in known]
    revision = max((revision for _item_id, revision in tracked), default=0)
    return new, max(revision, 1) if not known else revision + 1


def verdict(persists: bool, status: str, follow_up: int) -> tuple[str, int | None] | None:
    """What a follow-up makes of an action it judges: (new status, verified by), or None when it stays."""
    if not persists and status != "verified":
        return "verified", follow_up
    if persists and status in ("done", "verified"):
        return "reopened", None
    return None


def plan_to_add(
    plan: list[dict[str, Any]], tracked: Sequence[tuple[str, int]]
) -> tuple[list[dict[str, Any]], int]:
    """A follow-up's plan against the tracked actions (item, revision): the actions it newly calls for, opened
    in a new plan revision."""
    known = {item_id for item_id, _revision in tracked}
    new = [action for action in plan if action["item_id"] not in known]
    return new, max((revision for _item_id, revision in tracked), default=0) + 1


def _open(
    db: Driver,
    enterprise_id: int,
    assessment_id: int,
    date: dt.date,
    planned: list[dict[str, Any]],
    revision: int,
    stamp: dt.datetime,
) -> None:
    """Open an action for each of ``planned`` (a plan has some tens of actions: one statement for all of
    them). Their openings are the rows themselves: no event is stored."""
    stored_day = db.stored_day
    opened, updated = stored_day(date), db.stored_stamp(stamp)
    rows = [
        (
            enterprise_id,
            *values[:6],
            revision,
            assessment_id,
            opened,
            None if values[6] is None else stored_day(values[6]),
            "open",
            opened,
            updated,
        )
        for values in planned_actions(date, planned)
    ]
    insert_rows(db, actions, ACTION_COLUMNS, rows)


def _open_plan(
    db: Driver,
    enterprise_id: int,
    assessment_id: int,
    date: dt.date,
    plan: list[dict[str, Any]],
    stamp: dt.datetime,
    fresh: bool,
) -> None:
    """The baseline's plan: an action for each of its actions not yet tracked (a corrected baseline adds the
    actions it newly calls for; those already tracked keep their state)."""
    tracked = [] if fresh else db.rows(_ITEMS_OF_ENTERPRISE, {"eid": enterprise_id})
    new, revision = plan_to_open(plan, tracked)
    if new:
        _open(db, enterprise_id, assessment_id, date, new, revision, stamp)


def _verify(
    db: Driver,
    enterprise_id: int,
    assessment_id: int,
    date: dt.date,
    findings: list[list[str]],
    plan: list[dict[str, Any]],
    stamp: dt.datetime,
) -> None:
    persisting = {item for item, _grade in findings}
    tracked = db.rows(_STATES_OF_ENTERPRISE, {"eid": enterprise_id, "on": date})
    source = f"follow-up {assessment_id}"
    on, updated = db.stored_day(date), db.stored_stamp(stamp)
    changes, events = [], []
    for action_id, item_id, status, judged, _revision in tracked:
        if not judged:
            continue  # opened after this follow-up: not its to judge
        judgement = verdict(item_id in persisting, status, assessment_id)
        if judgement is None:
            continue
        new, verified_by = judgement
        changes.append((new, on, verified_by, updated, action_id))
        events.append((action_id, new, on, source, None, updated))
    if changes:
        update_rows(db, actions, VERIFIED_COLUMNS, changes)
        insert_rows(db, action_events, EVENT_COLUMNS, events)
    new_actions, revision = plan_to_add(plan, [(row[1], row[4]) for row in tracked])
    if new_actions:
        _open(db, enterprise_id, assessment_id, date, new_actions, revision, stamp)


def undo_follow_up(
    connection: Connection,
    enterprise_id: int,
    superseded: int,
    corrected: int,
    plan: list[dict[str, Any]],
    stamp: dt.datetime,
) -> None:
    """Take back what a follow-up did to the actions when a corrected file supersedes it, before the correction
    is applied (so the actions end as if the corrected file had been the only one):

    - an action whose latest change the superseded follow-up made (verified, reopened) goes back to the status
      it had before, with an event saying so;
    - an action the superseded follow-up opened is deleted with its history, unless the corrected file calls
      for it too or the enterprise has worked on it since (a status change, an owner, evidence or comments);
      a kept one counts as opened by the correction, its opening (which names the superseded follow-up, no
      longer its ``opened_by``) then stored as an event.
    """
    rows = connection.execute(_HISTORIES, {"eid": enterprise_id}).all()
    histories: dict[int, list[Any]] = {}
    for row in rows:
        histories.setdefault(row.id, []).append(row)
    by_superseded = f"follow-up {superseded}"
    planned = {action["item_id"] for action in plan}
    note = f"follow-up {superseded} was superseded by the corrected file (assessment {corrected})"
    restored, events, dropped, adopted, openings = [], [], [], [], []
    for action_id, history in histories.items():
        action = history[0]
        if action.opened_by == superseded:
            worked_on = len(history) > 1 or any((action.owner, action.evidence, action.comments))
            if action.item_id in planned or worked_on:
                adopted.append({"id": action_id, "opened_by": corrected, "updated_at": stamp})
                if action.event_id is None:  # read from the row until now: kept as it was
                    openings.append(
                        _event_row(action_id, "open", action.changed_on, action.source, action.recorded_at)
                    )
            else:
                dropped.append(action_id)
            continue
        latest = history[-1]
        if latest.source != by_superseded or len(history) < 2:
            continue
        before = history[-2]
        restored.append(
            {
                "id": action_id,
                "status": before.status,
                "status_on": before.changed_on,
                "verified_by": _verifier(before) if before.status == "verified" else None,
                "updated_at": stamp,
            }
        )
        events.append(
            _event_row(action_id, before.status, latest.changed_on, f"follow-up {corrected}", stamp, note)
        )
    if restored:
        update_many(connection, actions, restored)
        insert_many(connection, action_events, events)
    if adopted:
        update_many(connection, actions, adopted)
    if openings:
        insert_many(connection, action_events, openings)
    if dropped:
        connection.execute(delete(action_events).where(V.action_id.in_(dropped)))
        connection.execute(delete(actions).where(X.id.in_(dropped)))


def _verifier(event: Any) -> int | None:
    """The follow-up whose verification ``event`` records (its source reads ``follow-up ID``)."""
    kind, _, number = str(event.source).partition(" ")
    return int(number) if kind == "follow-up" and number.isdigit() else None


def set_action(
    connection: Connection,
    enterprise_id: int,
    item_id: str,
    changes: dict[str, Any],
    on: dt.date,
    source: str,
    stamp: dt.datetime,
) -> bool:
    """Update the tracking fields of one action (status, owner, evidence, comments, due date); a status
    change is recorded as an event. False when nothing changed."""
    row = connection.execute(
        select(actions).where(X.enterprise_id == enterprise_id, X.item_id == item_id)
    ).one_or_none()
    if row is None:
        raise KeyError(item_id)
    changed = {key: value for key, value in changes.items() if getattr(row, key) != value}
    if not changed:
        return False
    values = {"xid": row.id, **changed, "updated_at": stamp}
    if "status" in changed:
        values["status_on"] = on
    connection.execute(_SET, values)
    if "status" in changed:
        _event(connection, row.id, changed["status"], on, source, stamp, changes.get("comments"))
    return True
