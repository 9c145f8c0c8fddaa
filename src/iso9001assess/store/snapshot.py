"""One read of what a staged progress report needs: the register, every current assessment's headline
figures and clause scores, every action with its status history. The report then computes its figures as of
any date from this snapshot, without going back to the database (the previous report's date included)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, select

from .reading import HEADLINE, assessment_record, in_chunks, order_key
from .records import AssessmentRecord
from .schema import action_events, actions, assessment_clauses, assessments, enterprises


@dataclass(frozen=True)
class ClauseScore:
    clause_id: str
    depth: int
    lab: bool
    score: float | None


@dataclass(frozen=True)
class ActionHistory:
    """An action's opening, due date, and its status changes in date order."""

    item_id: str
    opened_on: dt.date
    due_on: dt.date | None
    events: tuple[tuple[dt.date, str], ...]

    def status_on(self, day: dt.date) -> str | None:
        """Its status at the end of ``day``; None when it was not yet opened."""
        if self.opened_on > day:
            return None
        status = "open"
        for changed_on, new in self.events:
            if changed_on > day:
                break
            status = new
        return status


@dataclass(frozen=True)
class EnterpriseHistory:
    id: int
    name: str
    credit_code: str | None
    city: str | None
    industry: str | None
    size: str | None
    has_lab: bool
    plan_issued_on: dt.date | None
    assessments: tuple[AssessmentRecord, ...]  # current ones, oldest first
    actions: tuple[ActionHistory, ...]

    def assessed_by(self, day: dt.date, kind: str | None = None) -> list[AssessmentRecord]:
        return [r for r in self.assessments if r.date <= day and (kind is None or r.kind == kind)]


@dataclass(frozen=True)
class Snapshot:
    enterprises: tuple[EnterpriseHistory, ...]
    clauses: dict[int, tuple[ClauseScore, ...]] = field(default_factory=dict)  # by assessment id


def read_snapshot(connection: Connection, city: str | None = None) -> Snapshot:
    """Everything a progress report reads, of one city or of all."""
    query: Select[Any] = select(enterprises)
    if city is not None:
        query = query.where(enterprises.c.city == city)
    rows = connection.execute(query).all()
    ids = [row.id for row in rows]
    found: dict[int, list[AssessmentRecord]] = defaultdict(list)
    histories: dict[int, list[ActionHistory]] = defaultdict(list)
    clauses: dict[int, list[ClauseScore]] = defaultdict(list)
    for chunk in in_chunks(ids):
        current = select(*HEADLINE).where(
            assessments.c.superseded_by.is_(None), assessments.c.enterprise_id.in_(chunk)
        )
        for row in connection.execute(current):
            found[row.enterprise_id].append(assessment_record(row))
        histories.update(_actions(connection, chunk))
    assessment_ids = [record.id for records in found.values() for record in records]
    for chunk in in_chunks(assessment_ids):
        for row in connection.execute(
            select(assessment_clauses).where(assessment_clauses.c.assessment_id.in_(chunk))
        ):
            clauses[row.assessment_id].append(ClauseScore(row.clause_id, row.depth, row.lab, row.score))
    histories_out = []
    for row in rows:
        records = sorted(found.get(row.id, []), key=order_key)
        histories_out.append(
            EnterpriseHistory(
                id=row.id,
                name=row.name,
                credit_code=row.credit_code,
                city=row.city,
                industry=row.industry,
                size=row.size,
                has_lab=row.has_lab,
                plan_issued_on=row.plan_issued_on,
                assessments=tuple(records),
                actions=tuple(histories.get(row.id, [])),
            )
        )
    histories_out.sort(key=lambda e: (e.city or "", e.name, e.id))
    return Snapshot(tuple(histories_out), {key: tuple(value) for key, value in clauses.items()})


def _actions(connection: Connection, enterprise_ids: Any) -> dict[int, list[ActionHistory]]:
    rows = connection.execute(select(actions).where(actions.c.enterprise_id.in_(enterprise_ids))).all()
    events: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for chunk in in_chunks([row.id for row in rows]):
        query = (
            select(action_events)
            .where(action_events.c.action_id.in_(chunk))
            .order_by(action_events.c.changed_on, action_events.c.id)
        )
        for event in connection.execute(query):
            events[event.action_id].append((event.changed_on, event.status))
    found: dict[int, list[ActionHistory]] = defaultdict(list)
    for row in rows:
        found[row.enterprise_id].append(
            ActionHistory(row.item_id, row.opened_on, row.due_on, tuple(events[row.id]))
        )
    return found
