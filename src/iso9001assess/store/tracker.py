"""The action tracker workbook and the store: the rows a tracker is made of, and a filled tracker applied.

A tracker is bound to the enterprise, to its latest current assessment (kind and date) and to the plan
revision it was issued at. When it comes back, every row is checked against the store before anything is
written: the enterprise must be in the register, its latest assessment must still be the tracker's (a
follow-up recorded since has verified or reopened actions: the enterprise must work from a new tracker), the
revision must be current, the action ids those of the plan in the store, and a status only a follow-up sets
(``verified``, ``reopened``) cannot be declared. Then the changes are written in one transaction, each status
change joining the action's history with the date; a tracker applied twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, func, select

from ..errors import InvalidInputError, Problem
from ..i18n import Text, has_message, said
from ..loading.xlsx.tracker import TrackedRow, TrackerWorkbook
from ..models.answers import Enterprise, Region
from ..models.tracking import SET_BY_FOLLOW_UP
from ..xlsx.tracker import TrackerBinding
from .actions import set_action
from .schema import actions, assessments
from .writing import locate

X, A = actions.c, assessments.c


def _problem(workbook: TrackerWorkbook, text: Text, cell: str | None) -> Problem:
    """A problem of the tracker against the store, at the workbook's cell, said through the catalogues."""
    return Problem.said(workbook.source, text, location=cell)


def _assessment(kind: object, date: object) -> Text:
    """``the baseline of 2026-04-16``: the kind in words where it is one we know (the binding is input)."""
    key = f"errors.compare.kind.{kind}"
    return said("errors.tracker_store.assessment", kind=said(key) if has_message(key) else kind, date=date)


def plan_revision(connection: Connection, enterprise_id: int) -> int | None:
    revision = connection.execute(
        select(func.max(X.revision)).where(X.enterprise_id == enterprise_id)
    ).scalar_one()
    return None if revision is None else int(revision)


def latest_assessment(connection: Connection, enterprise_id: int) -> Any:
    """The enterprise's latest current assessment (id, kind, date), or None."""
    return connection.execute(
        select(A.id, A.kind, A.assessed_on)
        .where(A.enterprise_id == enterprise_id, A.superseded_by.is_(None))
        .order_by(A.assessed_on.desc(), A.recorded_at.desc(), A.id.desc())
        .limit(1)
    ).one_or_none()


def apply_tracker(
    connection: Connection, workbook: TrackerWorkbook, on: dt.date, stamp: dt.datetime
) -> tuple[int, int]:
    """Check ``workbook`` against the store and apply it: (enterprise id, actions changed). Raises
    InvalidInputError with every problem, before writing anything, when it does not fit."""
    binding = workbook.binding
    enterprise_id = _enterprise(connection, workbook)
    problems: list[Problem] = []
    latest = latest_assessment(connection, enterprise_id)
    issued_for = (binding.get("assessment_kind"), binding.get("assessment_date"))
    if latest is None or (latest.kind, latest.assessed_on.isoformat()) != issued_for:
        now = (
            said("errors.tracker_store.no_assessment")
            if latest is None
            else _assessment(latest.kind, latest.assessed_on.isoformat())
        )
        issued = _assessment(issued_for[0], issued_for[1])
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.other_assessment", issued=issued, now=now),
                workbook.binding_cell("assessment_date"),
            )
        )
    revision = plan_revision(connection, enterprise_id)
    if binding.get("revision") and binding["revision"] != str(revision):
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.other_revision", tracker=binding["revision"], store=revision),
                workbook.binding_cell("revision"),
            )
        )
    stored = {
        row.item_id: row
        for row in connection.execute(select(actions).where(X.enterprise_id == enterprise_id))
    }
    if problems:  # the rows of a tracker of another assessment or revision are not worth judging one by one
        raise InvalidInputError(problems)
    missing = sorted(set(stored) - set(workbook.ids))
    if missing:
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.missing_actions", actions=", ".join(missing)),
                workbook.binding_cell("revision"),
            )
        )
    for row in workbook.rows:
        known = stored.get(row.id)
        if known is None:
            problems.append(
                _problem(
                    workbook, said("errors.tracker_store.unknown_action", action=repr(row.id)), row.cell("id")
                )
            )
            continue
        problems.extend(_row_problems(workbook, row, known))
    if problems:
        raise InvalidInputError(problems)
    source = f"tracker {workbook.source.rsplit('/', 1)[-1]}"[:100]
    changed = 0
    for row in workbook.rows:
        changes = {
            "status": row.status,
            "owner": row.owner,
            "evidence": row.evidence,
            "comments": row.comments,
            "due_on": row.due_on,
        }
        if set_action(connection, enterprise_id, row.id, changes, on, source, stamp):
            changed += 1
    return enterprise_id, changed


def _row_problems(workbook: TrackerWorkbook, row: TrackedRow, known: Any) -> list[Problem]:
    problems = []
    if row.status != known.status:
        if row.status in SET_BY_FOLLOW_UP:
            problems.append(
                _problem(
                    workbook,
                    said(
                        "errors.tracker_store.follow_up_status",
                        status=row.status,
                        action=repr(row.id),
                        known=known.status,
                    ),
                    row.cell("status"),
                )
            )
        elif known.status == "verified":
            problems.append(
                _problem(
                    workbook, said("errors.tracker_store.verified", action=repr(row.id)), row.cell("status")
                )
            )
    if row.due_on is None and known.due_on is not None:
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.due_emptied", action=repr(row.id), due=known.due_on.isoformat()),
                row.cell("due"),
            )
        )
    return problems


def _enterprise(connection: Connection, workbook: TrackerWorkbook) -> int:
    binding = workbook.binding
    try:
        enterprise = Enterprise(
            name=binding.get("enterprise") or "?",
            credit_code=binding.get("credit_code") or None,
            region=Region(city=binding.get("city") or None),
        )
    except ValueError as exc:
        invalid = said("errors.tracker_store.bad_enterprise", detail=str(exc))
        raise InvalidInputError([_problem(workbook, invalid, workbook.binding_cell("enterprise"))]) from None
    found = locate(connection, enterprise)
    if found is None:
        code = f" ({enterprise.credit_code})" if enterprise.credit_code else ""
        unknown = said("errors.tracker_store.unknown_enterprise", enterprise=enterprise.name, code=code)
        cell = workbook.binding_cell("credit_code" if code else "enterprise")
        raise InvalidInputError([_problem(workbook, unknown, cell)])
    return found


def tracker_binding(record: Any, latest: Any, revision: int | None) -> TrackerBinding:
    """The binding of a tracker made from the store for the enterprise ``record``."""
    return TrackerBinding(
        enterprise=record.name,
        credit_code=record.credit_code,
        city=record.city,
        assessment_kind=latest.kind,
        assessment_date=latest.assessed_on,
        assessment_id=int(latest.id),
        revision=revision,
    )
