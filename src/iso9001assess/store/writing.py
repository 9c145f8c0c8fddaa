"""Recording one scored file: the enterprise found or registered, its name history, the assessment added
(or a correction superseding the earlier version), its clause scores, and the enterprise's stage.

Each file is one transaction. Two writers racing to register the same enterprise or record the same
assessment meet a unique constraint; the loser's transaction is rolled back and retried, and then finds
the winner's rows, so nothing is lost and nothing is duplicated.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..models.answers import Enterprise
from ..programme.record import ScoredFile
from .identity import code_identity, identity_of, name_identity
from .records import IngestOutcome, Stage
from .schema import assessment_clauses, assessments, enterprise_names, enterprises

ATTEMPTS = 8
# PostgreSQL: serialization failure and deadlock; a retry settles them.
_RETRY_SQLSTATES = {"40001", "40P01"}


class MissingDateError(ValueError):
    """The store keys assessments by date: an answers file without ``assessment.date`` cannot be recorded."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def record(engine: Engine, scored: ScoredFile) -> IngestOutcome:
    """Record ``scored`` in its own transaction, retrying when a concurrent writer got there first."""
    if scored.answers.assessment.date is None:
        raise MissingDateError("assessment.date is needed to record an assessment in the programme store")
    for attempt in range(ATTEMPTS):
        try:
            with engine.begin() as connection:
                return _record(connection, scored)
        except DBAPIError as exc:
            if attempt == ATTEMPTS - 1 or not _retryable(exc):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


def _record(connection: Connection, scored: ScoredFile) -> IngestOutcome:
    answers = scored.answers
    date = answers.assessment.date
    assert date is not None
    stamp = now()
    enterprise_id, created = _find_or_register(connection, answers.enterprise, date, stamp)
    _note_name(connection, enterprise_id, answers.enterprise, date)
    _update_details(connection, enterprise_id, answers.enterprise, date, stamp)

    kind = answers.assessment.kind
    same = connection.execute(
        select(assessments.c.id).where(
            assessments.c.enterprise_id == enterprise_id,
            assessments.c.kind == kind,
            assessments.c.assessed_on == date,
            assessments.c.answers_sha256 == scored.answers_sha256,
            assessments.c.checklist_sha256 == scored.checklist_sha256,
            assessments.c.strategy == scored.strategy,
        )
    ).scalar_one_or_none()
    if same is not None:
        return IngestOutcome(
            source=scored.source_name, status="unchanged", enterprise_id=enterprise_id, assessment_id=same
        )
    earlier = connection.execute(
        select(assessments.c.id).where(
            assessments.c.enterprise_id == enterprise_id,
            assessments.c.kind == kind,
            assessments.c.assessed_on == date,
            assessments.c.superseded_by.is_(None),
        )
    ).scalar_one_or_none()
    if earlier is not None:
        # Out of the "one current version" index first (pointing at itself for the moment of this transaction).
        connection.execute(
            update(assessments)
            .where(assessments.c.id == earlier)
            .values(superseded_by=earlier, superseded_at=stamp)
        )
    new_id = _insert_assessment(connection, enterprise_id, scored, stamp)
    if earlier is not None:
        connection.execute(
            update(assessments).where(assessments.c.id == earlier).values(superseded_by=new_id)
        )
        connection.execute(assessment_clauses.delete().where(assessment_clauses.c.assessment_id == earlier))
    _insert_clauses(connection, new_id, scored)
    refresh_stage(connection, enterprise_id, stamp)
    return IngestOutcome(
        source=scored.source_name,
        status="added" if earlier is None else "superseded",
        enterprise_id=enterprise_id,
        assessment_id=new_id,
        supersedes=earlier,
        enterprise_created=created,
    )


def locate(connection: Connection, enterprise: Enterprise) -> int | None:
    """The register's id of ``enterprise``, or None: by credit code, else (an enterprise recorded without a
    code) by name and city; an enterprise without a code is also found under a former name and city."""
    ids = enterprises.c
    by_name = name_identity(enterprise.name, enterprise.region.city)
    keys = [code_identity(enterprise.credit_code), by_name] if enterprise.credit_code else [by_name]
    for key in keys:
        found = connection.execute(select(ids.id).where(ids.identity == key)).scalar_one_or_none()
        if found is not None:
            return int(found)
    return None if enterprise.credit_code else _by_former_name(connection, enterprise)


def _find_or_register(
    connection: Connection, enterprise: Enterprise, date: dt.date, stamp: dt.datetime
) -> tuple[int, bool]:
    """The register's id of ``enterprise`` and whether it was registered just now. An enterprise first
    recorded without a credit code takes on the code when a later file gives it under the same name and city."""
    found = locate(connection, enterprise)
    if found is not None:
        if enterprise.credit_code:
            connection.execute(
                update(enterprises)
                .where(enterprises.c.id == found, enterprises.c.credit_code.is_(None))
                .values(identity=code_identity(enterprise.credit_code), credit_code=enterprise.credit_code)
            )
        return found, False
    values = _details(enterprise, date, stamp)
    values.update(
        identity=identity_of(enterprise),
        credit_code=enterprise.credit_code,
        stage="enrolled",
        enrolled_at=stamp,
    )
    new_id = connection.execute(insert(enterprises).values(**values).returning(enterprises.c.id)).scalar_one()
    return int(new_id), True


def _by_former_name(connection: Connection, enterprise: Enterprise) -> int | None:
    """An enterprise (with a credit code) once recorded under this name and city: the one it means, when
    exactly one matches."""
    key = name_identity(enterprise.name, enterprise.region.city)
    matches = set(
        connection.execute(
            select(enterprise_names.c.enterprise_id).where(enterprise_names.c.name_key == key)
        ).scalars()
    )
    return matches.pop() if len(matches) == 1 else None


def _details(enterprise: Enterprise, date: dt.date, stamp: dt.datetime) -> dict[str, Any]:
    region = enterprise.region
    return {
        "name": enterprise.name,
        "province": region.province,
        "city": region.city,
        "district": region.district,
        "industry": enterprise.industry,
        "size": enterprise.size,
        "employees": enterprise.employees,
        "has_lab": enterprise.has_lab,
        "certified": enterprise.certified,
        "details_as_of": date,
        "updated_at": stamp,
    }


def _update_details(
    connection: Connection, enterprise_id: int, enterprise: Enterprise, date: dt.date, stamp: dt.datetime
) -> None:
    """The register shows what the most recent assessment says (a file ingested late changes nothing)."""
    connection.execute(
        update(enterprises)
        .where(enterprises.c.id == enterprise_id, enterprises.c.details_as_of <= date)
        .values(**_details(enterprise, date, stamp))
    )


def _note_name(connection: Connection, enterprise_id: int, enterprise: Enterprise, date: dt.date) -> None:
    region = enterprise.region
    place = {
        "enterprise_id": enterprise_id,
        "name": enterprise.name,
        "province": region.province or "",
        "city": region.city or "",
        "district": region.district or "",
    }
    names = enterprise_names.c
    match = and_(*(names[key] == value for key, value in place.items()))
    seen = connection.execute(select(names.id, names.first_seen, names.last_seen).where(match)).first()
    if seen is None:
        key = name_identity(enterprise.name, region.city)
        connection.execute(
            insert(enterprise_names).values(**place, name_key=key, first_seen=date, last_seen=date)
        )
    elif date < seen.first_seen or date > seen.last_seen:
        connection.execute(
            update(enterprise_names)
            .where(names.id == seen.id)
            .values(first_seen=min(date, seen.first_seen), last_seen=max(date, seen.last_seen))
        )


def _insert_assessment(
    connection: Connection, enterprise_id: int, scored: ScoredFile, stamp: dt.datetime
) -> int:
    assessment, result = scored.answers.assessment, scored.result
    overall = result["overall"]
    counts = scored.finding_counts
    new_id = connection.execute(
        insert(assessments)
        .values(
            enterprise_id=enterprise_id,
            kind=assessment.kind,
            assessed_on=assessment.date,
            assessor=assessment.assessor,
            checklist_id=scored.checklist_id,
            checklist_version=scored.checklist_version,
            checklist_sha256=scored.checklist_sha256,
            strategy=scored.strategy,
            source_name=scored.source_name,
            source_sha256=scored.source_sha256,
            answers_sha256=scored.answers_sha256,
            answers=scored.answers_json,
            result=scored.result_json,
            overall=overall["score"],
            maturity_level=overall["maturity_level"],
            readiness=overall["readiness"],
            lab_index=result["lab"]["score"],
            completeness=result["completeness"],
            major=counts["major"],
            minor=counts["minor"],
            observation=counts["observation"],
            recorded_at=stamp,
        )
        .returning(assessments.c.id)
    ).scalar_one()
    return int(new_id)


def _insert_clauses(connection: Connection, assessment_id: int, scored: ScoredFile) -> None:
    rows = [
        {"assessment_id": assessment_id, "clause_id": clause, "depth": depth, "score": score, "lab": lab}
        for clause, (depth, score, lab) in scored.result["sections"].items()
    ]
    if rows:
        connection.execute(insert(assessment_clauses), rows)


def stage_of(kinds: set[str], plan_issued: bool) -> Stage:
    """The furthest stage reached: followed up, plan issued, baseline, else enrolled."""
    if "follow-up" in kinds:
        return "followed-up"
    if plan_issued:
        return "plan-issued"
    if "baseline" in kinds:
        return "baseline"
    return "enrolled"


def refresh_stage(connection: Connection, enterprise_id: int, stamp: dt.datetime) -> None:
    kinds = set(
        connection.execute(
            select(assessments.c.kind)
            .where(assessments.c.enterprise_id == enterprise_id, assessments.c.superseded_by.is_(None))
            .distinct()
        ).scalars()
    )
    plan_issued = connection.execute(
        select(func.count())
        .select_from(enterprises)
        .where(enterprises.c.id == enterprise_id, enterprises.c.plan_issued_on.is_not(None))
    ).scalar_one()
    connection.execute(
        update(enterprises)
        .where(enterprises.c.id == enterprise_id)
        .values(stage=stage_of(kinds, bool(plan_issued)), updated_at=stamp)
    )


def mark_plan_issued(engine: Engine, enterprise_id: int, on: dt.date) -> None:
    """The enterprise's improvement plan was handed over on ``on`` (the first date is kept)."""
    with engine.begin() as connection:
        connection.execute(
            update(enterprises)
            .where(enterprises.c.id == enterprise_id, enterprises.c.plan_issued_on.is_(None))
            .values(plan_issued_on=on)
        )
        refresh_stage(connection, enterprise_id, now())
