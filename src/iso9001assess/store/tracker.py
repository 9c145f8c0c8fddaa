"""The action tracker workbook and the store: the rows a tracker is made of, and a filled tracker applied.

A tracker is bound to the enterprise, to its latest current assessment (kind and date) and to the plan
revision it was issued at. When it comes back, every row is checked against the store before anything is
written: the enterprise must be in the register, its latest assessment must still be the tracker's (a
follow-up recorded since has verified or reopened actions: the enterprise must work from a new tracker), the
revision must be current, the action ids those of the plan in the store, and a status only a follow-up sets
(``verified``, ``reopened``) cannot be declared. Then the changes are written in one transaction, each status
change joining the action's history with the date; a tracker applied twice changes nothing the second time.

Two copies of a tracker are always in circulation (the one sent, the one kept; a consultant's). A workbook
that keeps the values it was issued with (format version 2) applies only the cells changed in it since it
was issued; a changed cell whose action was also changed in the store since then is refused, saying what the
store holds and since when, unless the workbook says the same as the store. So an older copy never brings
back what a newer one recorded. A version 1 workbook (no issued values) sets every cell as it reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, select

from ..errors import InvalidInputError, Problem
from ..i18n import Text, has_message, said
from ..i18n.collation import id_key
from ..loading.xlsx import values as cell_values
from ..loading.xlsx.tracker import Issued, TrackedRow, TrackerWorkbook
from ..loading.xlsx.tracker_layout import PLAN_SHEET, SUBTITLE_ROW
from ..models.answers import Enterprise, Region
from ..models.tracking import SET_BY_FOLLOW_UP
from ..xlsx.tracker import TrackerBinding
from .actions import set_action
from .schema import actions, assessments, enterprises
from .writing import locate

X, A, E = actions.c, assessments.c, enterprises.c
# Status changes dated this many days after the assessment their tracker follows are recorded, with a warning:
# most likely a tracker entered after the fact without --on, dated today.
LATE_AFTER_DAYS = 180
# The Plan sheet's editable cells and the action's columns they set.
_COLUMN_OF = {
    "due": "due_on",
    "owner": "owner",
    "status": "status",
    "evidence": "evidence",
    "comments": "comments",
}


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


class Applied(NamedTuple):
    """What applying a tracker did: the enterprise, the actions changed, how many of them changed status, and
    the assessment (kind, date) the tracker follows."""

    enterprise_id: int
    changed: int
    status_changes: int
    assessment_kind: str
    assessment_date: dt.date


def apply_tracker(
    connection: Connection, workbook: TrackerWorkbook, on: dt.date, stamp: dt.datetime
) -> Applied:
    """Check ``workbook`` against the store and apply it, status changes dated ``on``. Raises
    InvalidInputError with every problem, before writing anything, when it does not fit (a status change
    dated before the assessment the tracker follows or before the plan was handed over is one)."""
    binding = workbook.binding
    try:
        enterprise_id = _enterprise(connection, workbook)
    except InvalidInputError as exc:
        raise InvalidInputError([*workbook.problems, *exc.problems]) from None
    # The rows' own problems (a status not in the list, a date that is not one) and the store's, at once.
    problems: list[Problem] = list(workbook.problems)
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
    stale = len(problems) > len(workbook.problems)
    if binding.get("revision") and binding["revision"] != str(revision):
        stale = True
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.other_revision", tracker=binding["revision"], store=revision),
                workbook.binding_cell("revision"),
            )
        )
    if stale:  # the rows of a tracker of another assessment or revision are not worth judging one by one
        raise InvalidInputError(problems)
    stored = {
        row.item_id: row
        for row in connection.execute(select(actions).where(X.enterprise_id == enterprise_id))
    }
    missing = sorted(set(stored) - set(workbook.ids), key=id_key)  # LAB.2 before LAB.16
    if missing:
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.missing_actions", actions=", ".join(missing)),
                workbook.binding_cell("revision"),
            )
        )
    changes: dict[str, dict[str, Any]] = {}
    conflicts: list[Conflict] = []
    for row in workbook.rows:
        known = stored.get(row.id)
        if known is None:
            problems.append(
                _problem(
                    workbook, said("errors.tracker_store.unknown_action", action=repr(row.id)), row.cell("id")
                )
            )
            continue
        changed = _changed_cells(workbook, row)
        conflicts.extend(_conflicts(workbook, row, changed, known))
        problems.extend(_row_problems(workbook, row, changed, known))
        changes[row.id] = {_COLUMN_OF[key]: value for key, value in changed.items()}
    problems.extend(_conflict_problems(workbook, conflicts))
    status_changes = sum(
        1
        for item_id, change in changes.items()
        if change.get("status", stored[item_id].status) != stored[item_id].status
    )
    if status_changes:
        problems.extend(_date_problems(connection, workbook, enterprise_id, latest, on))
    if problems:
        raise InvalidInputError(problems)
    source = f"tracker {workbook.source.rsplit('/', 1)[-1]}"[:100]
    count = 0
    for row in workbook.rows:
        if changes[row.id] and set_action(
            connection, enterprise_id, row.id, changes[row.id], on, source, stamp
        ):
            count += 1
    return Applied(enterprise_id, count, status_changes, latest.kind, latest.assessed_on)


def late_warning(source: str, applied: Applied, on: dt.date, *, given: bool) -> Text | None:
    """A warning when a tracker's status changes are dated long after the assessment it follows: most often a
    tracker entered after the fact without a date (``ingest --on``), whose changes are then dated today.
    ``given``: the date was given rather than today's."""
    days = (on - applied.assessment_date).days
    if not applied.status_changes or days <= LATE_AFTER_DAYS:
        return None
    assessment = _assessment(applied.assessment_kind, applied.assessment_date.isoformat())
    key = "store.ingest.tracker_late_given" if given else "store.ingest.tracker_late_today"
    return said(key, source=source, on=on.isoformat(), count=days, assessment=assessment)


def _date_problems(
    connection: Connection, workbook: TrackerWorkbook, enterprise_id: int, latest: Any, on: dt.date
) -> list[Problem]:
    """The date of the status changes against the history it joins: not before the assessment the tracker
    follows (the actions' history would go back before what opened them), not before the plan was handed over
    (the staged reports would count actions tracked on a plan not yet issued). Located at the Plan sheet's
    subtitle, which names the assessment."""
    where = f"{PLAN_SHEET}!A{SUBTITLE_ROW}"
    problems = []
    if on < latest.assessed_on:
        assessment = _assessment(latest.kind, latest.assessed_on.isoformat())
        problems.append(
            _problem(
                workbook,
                said(
                    "errors.tracker_store.dated_before_assessment", on=on.isoformat(), assessment=assessment
                ),
                where,
            )
        )
        return problems  # the plan was handed over on or after its assessment: that problem says it all
    issued = connection.execute(select(E.plan_issued_on).where(E.id == enterprise_id)).scalar_one()
    if issued is not None and on < issued:
        problems.append(
            _problem(
                workbook,
                said("errors.tracker_store.dated_before_issue", on=on.isoformat(), issued=issued.isoformat()),
                where,
            )
        )
    return problems


def _changed_cells(workbook: TrackerWorkbook, row: TrackedRow) -> Issued:
    """The editable cells of ``row`` to apply: those changed since the workbook was issued; every readable one
    for a version 1 workbook, which did not keep its issued values."""
    written = row.written()
    if workbook.issued is None:
        return written
    issued = workbook.issued.get(row.id, {})
    return {key: value for key, value in written.items() if value != issued.get(key)}


def _current(known: Any) -> Issued:
    """The action's editable values as the store has them, read as a workbook's cells are (text stripped)."""
    return {
        "due": known.due_on,
        "owner": cell_values.text(known.owner),
        "status": known.status,
        "evidence": cell_values.text(known.evidence),
        "comments": cell_values.text(known.comments),
    }


class Conflict(NamedTuple):
    """A cell changed in an older copy whose action the store changed too since the copy was issued."""

    cell: str
    action: str
    store: Text | str
    since: Text
    workbook: Text | str


def _conflicts(workbook: TrackerWorkbook, row: TrackedRow, changed: Issued, known: Any) -> list[Conflict]:
    """The cells changed in the workbook whose action was changed in the store too since the workbook was
    issued, where the two disagree: the older copy must not overwrite the newer state."""
    if workbook.issued is None or not changed:
        return []
    issued, current = workbook.issued.get(row.id, {}), _current(known)
    if all(current[key] == issued.get(key) for key in current):
        return []  # the store has what the workbook was issued with: the workbook's changes are the news
    found = []
    for key, value in changed.items():
        if value == current[key]:
            continue
        if key == "status":
            since = said("errors.tracker_store.since", date=known.status_on.isoformat())
        else:
            since = said("errors.tracker_store.changed_on", date=_day(known.updated_at))
        found.append(
            Conflict(row.cell(key), repr(row.id), _shown(key, current[key]), since, _shown(key, value))
        )
    return found


def _conflict_problems(workbook: TrackerWorkbook, conflicts: list[Conflict]) -> list[Problem]:
    """One conflict is said whole at its cell, with what to do. Several (an older copy applied after a filled
    tracker) say what to do once, for the workbook, then each cell in a line of its own."""
    if len(conflicts) == 1:
        (only,) = conflicts
        text = said(
            "errors.tracker_store.changed_since_issued",
            action=only.action,
            store=only.store,
            since=only.since,
            workbook=only.workbook,
        )
        return [_problem(workbook, text, only.cell)]
    if not conflicts:
        return []
    advice = _problem(workbook, said("errors.tracker_store.older_copy", count=len(conflicts)), None)
    return [
        advice,
        *(
            _problem(
                workbook,
                said(
                    "errors.tracker_store.changed_cell",
                    action=conflict.action,
                    store=conflict.store,
                    since=conflict.since,
                    workbook=conflict.workbook,
                ),
                conflict.cell,
            )
            for conflict in conflicts
        ),
    ]


def _day(stamp: object) -> str:
    return stamp.date().isoformat() if isinstance(stamp, dt.datetime) else str(stamp)


def _shown(key: str, value: object) -> Text | str:
    """A cell's value as a message shows it: a status in words, a date in ISO form, text quoted."""
    if value is None:
        return said("errors.tracker_store.empty")
    if key == "status":
        return said("errors.tracker_store.quoted", text=_status(str(value)))
    if isinstance(value, dt.date):
        return value.isoformat()
    return said("errors.tracker_store.quoted", text=str(value))


def _status(code: str) -> Text:
    return said(f"vocab.action_status.{code}")


def _row_problems(workbook: TrackerWorkbook, row: TrackedRow, changed: Issued, known: Any) -> list[Problem]:
    """What the enterprise may not do to an action: declare a status only a follow-up sets, set a verified
    action back, empty a due date (judged on the cells to apply)."""
    problems = []
    status = changed.get("status", known.status)
    if status != known.status:
        if status in SET_BY_FOLLOW_UP:
            problems.append(
                _problem(
                    workbook,
                    said(
                        "errors.tracker_store.follow_up_status",
                        status=_status(str(status)),
                        action=repr(row.id),
                        known=_status(known.status),
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
    if "due" in changed and changed["due"] is None and known.due_on is not None:
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
