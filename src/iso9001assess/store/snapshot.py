"""One read of what a staged progress report needs: the register, every current assessment's headline
figures and clause scores, every action with its status history. The report then computes its figures as of
any date from this snapshot, without going back to the database (the previous report's date included)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, and_, select

from .reading import HEADLINE, assessment_record, order_key, register_order
from .records import AssessmentRecord
from .schema import OPENING_SOURCE, action_events, actions, assessments, enterprises

# Clauses and sub-clauses ("7", "7.1"), as the assessment_clauses view gives them.
CLAUSE_DEPTH = 1


class ClauseScore(NamedTuple):
    """One clause's score in one assessment (a tuple: a snapshot holds tens of thousands, made fast)."""

    clause_id: str
    depth: int
    lab: bool
    score: float | None


@dataclass(frozen=True)
class ActionHistory:
    """An action's opening, due date, and its status changes after the opening in date order (the opening,
    ``open`` on ``opened_on``, is where :meth:`status_on` starts)."""

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
    """Everything a progress report reads, of one city or of all: one query per table, joined to the register
    for the city (no long lists of ids), only the columns the report needs."""
    E, A, X, V = enterprises.c, assessments.c, actions.c, action_events.c

    def of_city(query: Select[Any], *joins: Any) -> Select[Any]:
        if city is None:
            return query
        for table, condition in joins:
            query = query.join(table, condition)
        return query.where(E.city == city)

    register = of_city(select(enterprises))
    rows = connection.execute(register).all()
    found: dict[int, list[AssessmentRecord]] = defaultdict(list)
    clauses: dict[int, tuple[ClauseScore, ...]] = {}
    # The clause scores come with the headline figures, parsed from each recorded result: measured faster
    # than reading the assessment_clauses view (which parses the same JSON in the database) on both databases.
    current = of_city(
        select(*HEADLINE, A.result).where(A.superseded_by.is_(None)), (enterprises, E.id == A.enterprise_id)
    )
    for row in connection.execute(current).all():
        found[row.enterprise_id].append(assessment_record(row))
        clauses[row.id] = clause_scores(row.result)
    events: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    # The stored events but the openings (one adopted by a corrected follow-up is stored): the opening is
    # the action's opened_on. The table, not the action_history view: no opening to derive.
    event_query = of_city(
        select(V.action_id, V.changed_on, V.status).where(
            ~and_(V.status == "open", V.source.startswith(OPENING_SOURCE))
        ),
        (actions, X.id == V.action_id),
        (enterprises, E.id == X.enterprise_id),
    ).order_by(V.changed_on, V.id)
    for action_id, changed_on, status in connection.execute(event_query).all():
        events[action_id].append((changed_on, status))
    histories: dict[int, list[ActionHistory]] = defaultdict(list)
    action_query = of_city(
        select(X.id, X.enterprise_id, X.item_id, X.opened_on, X.due_on),
        (enterprises, E.id == X.enterprise_id),
    )
    for action_id, enterprise_id, item_id, opened_on, due_on in connection.execute(action_query).all():
        histories[enterprise_id].append(ActionHistory(item_id, opened_on, due_on, tuple(events[action_id])))
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
    histories_out.sort(key=register_order)
    return Snapshot(tuple(histories_out), clauses)


def clause_scores(result_json: str) -> tuple[ClauseScore, ...]:
    """The clause and sub-clause scores of a recorded compact result (``sections``: id -> [depth, score,
    lab]), in the result's key order (sorted ids, not checklist order)."""
    sections = json.loads(result_json)["sections"]
    return tuple(
        ClauseScore(clause_id, depth, lab, score)
        for clause_id, (depth, score, lab) in sections.items()
        if depth <= CLAUSE_DEPTH
    )
