"""The improvement plan followed through: actions as records, and their closure verified at follow-up.

A baseline's plan opens one action per finding (its stable id is the item's id), due on the assessment date
plus the recommendation's timeframe. The enterprise (or its consultant) moves an action through ``open``,
``in-progress`` and ``done``; a follow-up assessment then verifies closure:

- an action whose finding is gone becomes ``verified``;
- one marked ``done`` whose finding persists becomes ``reopened`` (a verified one whose finding comes back too);
- a finding with no action yet opens one in a new plan revision, which keeps the open actions.

A corrected follow-up (a file superseding one already recorded) first takes back what the superseded one did
(:func:`undo_follow_up`), then verifies as above: the actions end as if the correction had come alone.

Every status change is kept in ``action_events`` with its date and what caused it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    String,
    bindparam,
    delete,
    func,
    insert,
    null,
    select,
    update,
)

from ..models.tracking import ACTION_STATUSES, PENDING, ActionStatus
from .bulk import insert_many, update_many
from .schema import action_events, actions, assessments

__all__ = ["ACTION_STATUSES", "PENDING", "ActionStatus", "follow_plan", "set_action"]

X, V, A = actions.c, action_events.c, assessments.c
_ITEMS_OF_ENTERPRISE = select(X.item_id).where(X.enterprise_id == bindparam("eid"))
# What a follow-up's verification reads of each action (not the whole row: its dates and texts are not needed).
# (Whether the action was opened by the follow-up's date is worked out by the database: no date is parsed.)
_STATES_OF_ENTERPRISE = select(
    X.id, X.item_id, X.status, (X.opened_on <= bindparam("on", type_=Date)).label("judged")
).where(X.enterprise_id == bindparam("eid"))
_MAX_REVISION = select(func.max(X.revision)).where(X.enterprise_id == bindparam("eid"))
# The first event of each action one assessment opened in one plan revision, in the order the actions were
# inserted: written by the database from the new rows (their ids are not fetched, then sent back).
_OPEN_EVENTS = insert(action_events).from_select(
    ["action_id", "status", "changed_on", "source", "note", "recorded_at"],
    select(
        X.id,
        bindparam("status", type_=String),
        bindparam("on", type_=Date),
        bindparam("source", type_=String),
        null(),
        bindparam("stamp", type_=DateTime),
    )
    .where(
        X.enterprise_id == bindparam("eid"), X.opened_by == bindparam("aid"), X.revision == bindparam("rev")
    )
    .order_by(X.id),
)
_SET = update(actions).where(X.id == bindparam("xid"))
_INSERT_EVENT = insert(action_events)
# Every action of an enterprise with its status history, oldest change first (the order they were recorded).
_HISTORIES = (
    select(X.id, X.item_id, X.opened_by, X.owner, X.evidence, X.comments, V.status, V.changed_on, V.source)
    .join_from(actions, action_events, V.action_id == X.id)
    .where(X.enterprise_id == bindparam("eid"))
    .order_by(X.id, V.id)
)
_LATER_FOLLOW_UPS = (
    select(A.id, A.assessed_on, A.result)
    .where(
        A.enterprise_id == bindparam("eid"),
        A.kind == "follow-up",
        A.superseded_by.is_(None),
        A.assessed_on >= bindparam("since"),
    )
    .order_by(A.assessed_on, A.id)
)


def follow_plan(
    connection: Connection,
    enterprise_id: int,
    assessment_id: int,
    kind: str,
    date: dt.date,
    plan: list[dict[str, Any]],
    findings: list[list[str]],
    stamp: dt.datetime,
) -> None:
    """Apply a newly recorded assessment to the enterprise's actions (see the module's rules)."""
    if kind == "baseline":
        _open_plan(connection, enterprise_id, assessment_id, date, plan, stamp)
        # A follow-up recorded before its baseline (files come in any order) verifies the new actions now.
        for later in connection.execute(_LATER_FOLLOW_UPS, {"eid": enterprise_id, "since": date}).all():
            compact = json.loads(later.result)
            _verify(connection, enterprise_id, later.id, later.assessed_on, compact["findings"], [], stamp)
    elif kind == "follow-up":
        _verify(connection, enterprise_id, assessment_id, date, findings, plan, stamp)


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


def _open(
    connection: Connection,
    enterprise_id: int,
    assessment_id: int,
    date: dt.date,
    planned: list[dict[str, Any]],
    revision: int,
    stamp: dt.datetime,
) -> None:
    """Open an action for each of ``planned`` (a plan has some tens of actions: one statement for all of
    them, and one for their first events, rather than two per action)."""
    rows = []
    for action in planned:
        days = action["timeframe_days"]
        rows.append(
            {
                "enterprise_id": enterprise_id,
                "item_id": action["item_id"],
                "clause": action["clause"],
                "grade": action["grade"],
                "priority": action["priority"],
                "impact": action["impact"],
                "timeframe_days": days,
                "revision": revision,
                "opened_by": assessment_id,
                "opened_on": date,
                "due_on": None if days is None else date + dt.timedelta(days=days),
                "status": "open",
                "status_on": date,
                "updated_at": stamp,
            }
        )
    insert_many(connection, actions, rows)
    connection.execute(
        _OPEN_EVENTS,
        {
            "eid": enterprise_id,
            "aid": assessment_id,
            "rev": revision,
            "status": "open",
            "on": date,
            "source": f"assessment {assessment_id}",
            "stamp": stamp,
        },
    )


def _open_plan(
    connection: Connection,
    enterprise_id: int,
    assessment_id: int,
    date: dt.date,
    plan: list[dict[str, Any]],
    stamp: dt.datetime,
) -> None:
    """The baseline's plan: an action for each of its actions not yet tracked (a corrected baseline adds the
    actions it newly calls for; those already tracked keep their state)."""
    known = set(connection.execute(_ITEMS_OF_ENTERPRISE, {"eid": enterprise_id}).scalars())
    new = [action for action in plan if action["item_id"] not in known]
    if not new:
        return
    revision = connection.execute(_MAX_REVISION, {"eid": enterprise_id}).scalar_one() or 0
    revision = max(revision, 1) if not known else revision + 1
    _open(connection, enterprise_id, assessment_id, date, new, revision, stamp)


def _verify(
    connection: Connection,
    enterprise_id: int,
    assessment_id: int,
    date: dt.date,
    findings: list[list[str]],
    plan: list[dict[str, Any]],
    stamp: dt.datetime,
) -> None:
    persisting = {item for item, _grade in findings}
    tracked = connection.execute(_STATES_OF_ENTERPRISE, {"eid": enterprise_id, "on": date}).all()
    source = f"follow-up {assessment_id}"
    changes, events = [], []
    for action in tracked:
        if not action.judged:
            continue  # opened after this follow-up: not its to judge
        status = action.status
        if action.item_id not in persisting and status != "verified":
            new, verified_by = "verified", assessment_id
        elif action.item_id in persisting and status in ("done", "verified"):
            new, verified_by = "reopened", None
        else:
            continue
        changes.append(
            {
                "id": action.id,
                "status": new,
                "status_on": date,
                "verified_by": verified_by,
                "updated_at": stamp,
            }
        )
        events.append(_event_row(action.id, new, date, source, stamp))
    if changes:
        update_many(connection, actions, changes)
        insert_many(connection, action_events, events)
    known = {action.item_id for action in tracked}
    new_actions = [planned for planned in plan if planned["item_id"] not in known]
    if new_actions:
        revision = (connection.execute(_MAX_REVISION, {"eid": enterprise_id}).scalar_one() or 0) + 1
        _open(connection, enterprise_id, assessment_id, date, new_actions, revision, stamp)


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
      a kept one counts as opened by the correction.
    """
    rows = connection.execute(_HISTORIES, {"eid": enterprise_id}).all()
    histories: dict[int, list[Any]] = {}
    for row in rows:
        histories.setdefault(row.id, []).append(row)
    by_superseded = f"follow-up {superseded}"
    planned = {action["item_id"] for action in plan}
    note = f"follow-up {superseded} was superseded by the corrected file (assessment {corrected})"
    restored, events, dropped, adopted = [], [], [], []
    for action_id, history in histories.items():
        action = history[0]
        if action.opened_by == superseded:
            worked_on = len(history) > 1 or any((action.owner, action.evidence, action.comments))
            if action.item_id in planned or worked_on:
                adopted.append({"id": action_id, "opened_by": corrected, "updated_at": stamp})
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
