"""Reading the register and the assessments back as typed records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Row, Select, and_, case, func, select

from ..errors import NotFoundError
from ..i18n.collation import name_key, optional_name_key
from .actions import PENDING
from .identity import code_identity, normalise
from .plan_order import plan_order, plan_positions
from .records import ActionEvent, ActionRecord, AssessmentRecord, EnterpriseRecord, NameRecord
from .schema import action_history, actions, assessments, enterprise_names, enterprises

# Every column but the answers and the compact result: what a listing needs.
HEADLINE = [column for column in assessments.c if column.name not in ("answers", "result")]


def assessment_record(row: Row[Any]) -> AssessmentRecord:
    values = row._asdict()
    values["date"] = values.pop("assessed_on")
    return AssessmentRecord.model_validate({key: values[key] for key in AssessmentRecord.model_fields})


def order_key(record: AssessmentRecord) -> tuple[Any, ...]:
    return (record.date, record.recorded_at, record.id)


def list_enterprises(
    connection: Connection, city: str | None = None, stage: str | None = None, as_of: dt.date | None = None
) -> list[EnterpriseRecord]:
    """The register (optionally of one city, at one stage), ordered by city and name as a Chinese reader
    orders them (pinyin; see ``i18n.collation``), the enterprises without a city last."""
    query: Select[Any] = select(enterprises)
    if city is not None:
        query = query.where(enterprises.c.city == city)
    if stage is not None:
        query = query.where(enterprises.c.stage == stage)
    rows = connection.execute(query).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    chosen = None if city is None and stage is None else ids
    current = _current_assessments(connection, chosen)
    names = _names(connection, chosen)
    counts = action_counts(connection, as_of or dt.date.today())
    records = [
        _enterprise_record(row, current.get(row.id, []), names.get(row.id, []), counts.get(row.id, (0, 0)))
        for row in rows
    ]
    records.sort(key=register_order)
    return records


class Listed(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def city(self) -> str | None: ...


def cities(connection: Connection) -> list[str]:
    """The cities the register's enterprises are in (as their answers name them), in pinyin order."""
    found = connection.execute(select(enterprises.c.city).distinct()).scalars()
    return sorted({city for city in found if city}, key=name_key)


def register_order(record: Listed) -> tuple[Any, ...]:
    """How a register lists enterprises: by city, then name, in pinyin order; the id keeps it total."""
    return (optional_name_key(record.city), name_key(record.name), record.id)


def in_chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _current_assessments(
    connection: Connection, ids: Sequence[int] | None
) -> dict[int, list[AssessmentRecord]]:
    query = select(*HEADLINE).where(assessments.c.superseded_by.is_(None))
    found: dict[int, list[AssessmentRecord]] = defaultdict(list)
    batches = (
        [query] if ids is None else [query.where(assessments.c.enterprise_id.in_(c)) for c in in_chunks(ids)]
    )
    for batch in batches:
        for row in connection.execute(batch):
            found[row.enterprise_id].append(assessment_record(row))
    return found


def _names(connection: Connection, ids: Sequence[int] | None) -> dict[int, list[NameRecord]]:
    query = select(enterprise_names)
    batches = (
        [query]
        if ids is None
        else [query.where(enterprise_names.c.enterprise_id.in_(c)) for c in in_chunks(ids)]
    )
    found: dict[int, list[NameRecord]] = defaultdict(list)
    for batch in batches:
        for row in connection.execute(batch):
            found[row.enterprise_id].append(
                NameRecord(
                    name=row.name,
                    province=row.province or None,
                    city=row.city or None,
                    district=row.district or None,
                    first_seen=row.first_seen,
                    last_seen=row.last_seen,
                )
            )
    return found


def _enterprise_record(
    row: Row[Any],
    current: list[AssessmentRecord],
    names: list[NameRecord],
    counts: tuple[int, int] = (0, 0),
) -> EnterpriseRecord:
    current.sort(key=order_key)
    names.sort(key=lambda n: (n.first_seen, n.last_seen, n.name))
    values = row._asdict()
    values.update(
        names=tuple(names),
        baseline=_last(current, "baseline"),
        follow_up=_last(current, "follow-up"),
        latest=current[-1] if current else None,
        assessments=len(current),
        actions_open=counts[0],
        actions_overdue=counts[1],
    )
    return EnterpriseRecord.model_validate({key: values[key] for key in EnterpriseRecord.model_fields})


def _last(records: list[AssessmentRecord], kind: str) -> AssessmentRecord | None:
    of_kind = [record for record in records if record.kind == kind]
    return of_kind[-1] if of_kind else None


def find_enterprise(connection: Connection, key: int | str) -> int:
    """The id of the enterprise named by ``key``: its id, its credit code, or a (current or former) name."""
    ids = enterprises.c
    if isinstance(key, int):
        found = connection.execute(select(ids.id).where(ids.id == key)).scalar_one_or_none()
    else:
        found = connection.execute(
            select(ids.id).where(ids.identity == code_identity(key.strip()))
        ).scalar_one_or_none()
        if found is None:
            wanted = normalise(key)
            matches = {
                row.enterprise_id
                for row in connection.execute(
                    select(enterprise_names.c.enterprise_id, enterprise_names.c.name)
                )
                if normalise(row.name) == wanted
            }
            if len(matches) > 1:
                raise NotFoundError("enterprise_named", key, [f"id {m}" for m in sorted(matches)])
            found = matches.pop() if matches else None
    if found is None:
        raise NotFoundError("enterprise", str(key), [])
    return int(found)


def enterprise(connection: Connection, enterprise_id: int) -> EnterpriseRecord:
    row = connection.execute(select(enterprises).where(enterprises.c.id == enterprise_id)).one()
    current = _current_assessments(connection, [enterprise_id]).get(enterprise_id, [])
    names = _names(connection, [enterprise_id]).get(enterprise_id, [])
    counts = action_counts(connection, dt.date.today()).get(enterprise_id, (0, 0))
    return _enterprise_record(row, current, names, counts)


def enterprise_assessments(
    connection: Connection, enterprise_id: int, include_superseded: bool = False
) -> list[AssessmentRecord]:
    query = select(*HEADLINE).where(assessments.c.enterprise_id == enterprise_id)
    if not include_superseded:
        query = query.where(assessments.c.superseded_by.is_(None))
    records = [assessment_record(row) for row in connection.execute(query)]
    records.sort(key=order_key)
    return records


def stored_assessment(connection: Connection, assessment_id: int) -> tuple[AssessmentRecord, str, str]:
    """The record with its answers (canonical JSON) and compact result."""
    row = connection.execute(select(assessments).where(assessments.c.id == assessment_id)).one_or_none()
    if row is None:
        raise NotFoundError("assessment", str(assessment_id), [])
    return assessment_record(row), row.answers, row.result


def enterprise_actions(connection: Connection, enterprise_id: int, as_of: dt.date) -> list[ActionRecord]:
    """The enterprise's actions in plan order (see :mod:`.plan_order`), each with its history (its opening
    first, read from the action row by the ``action_history`` view)."""
    rows = connection.execute(select(actions).where(actions.c.enterprise_id == enterprise_id)).all()
    events: dict[int, list[ActionEvent]] = defaultdict(list)
    ids = [row.id for row in rows]
    for chunk in in_chunks(ids):
        H = action_history.c
        query = (
            select(H.action_id, H.status, H.changed_on, H.source, H.note)
            .where(H.action_id.in_(chunk))
            .order_by(H.changed_on, H.ordinal)
        )
        for event in connection.execute(query):
            events[event.action_id].append(
                ActionEvent(status=event.status, on=event.changed_on, source=event.source, note=event.note)
            )
    records = [
        ActionRecord.model_validate(
            {
                **{key: value for key, value in row._asdict().items() if key != "updated_at"},
                "overdue": is_overdue(row.status, row.due_on, as_of),
                "events": tuple(events[row.id]),
            }
        )
        for row in rows
    ]
    records.sort(key=plan_order(plan_positions(connection, enterprise_id)))
    return records


def is_overdue(status: str, due_on: dt.date | None, as_of: dt.date) -> bool:
    return status in PENDING and due_on is not None and due_on < as_of


def action_counts(connection: Connection, as_of: dt.date) -> dict[int, tuple[int, int]]:
    """Per enterprise: its pending actions and, of those, the overdue ones as of ``as_of``."""
    pending = actions.c.status.in_(PENDING)
    overdue = and_(pending, actions.c.due_on < as_of)
    query = select(
        actions.c.enterprise_id,
        func.sum(case((pending, 1), else_=0)),
        func.sum(case((overdue, 1), else_=0)),
    ).group_by(actions.c.enterprise_id)
    return {row[0]: (int(row[1] or 0), int(row[2] or 0)) for row in connection.execute(query)}
