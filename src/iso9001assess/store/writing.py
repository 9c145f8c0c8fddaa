"""Recording one scored file: the enterprise found or registered, its name history, the assessment added
(or a correction superseding the earlier version), and the enterprise's stage. Its clause scores are not
written: the ``assessment_clauses`` view reads them from the recorded result.

Each file is one transaction. Two writers racing to register the same enterprise or record the same
assessment meet a unique constraint; the loser's transaction is rolled back and retried, and then finds
the winner's rows, so nothing is lost and nothing is duplicated.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, or_, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..models.answers import Enterprise
from ..models.stage import STAGES, Stage
from ..programme.record import ScoredFile
from .actions import follow_plan, undo_follow_up
from .bulk import update_many
from .identity import code_identity, identity_of, name_identity
from .records import IngestOutcome
from .schema import assessments, enterprise_names, enterprises

ATTEMPTS = 8
# A row of _ENTERPRISE (id, stage, plan_issued_on, details_as_of, credit_code).
EnterpriseRow = Any
# PostgreSQL: serialization failure and deadlock; a retry settles them.
_RETRY_SQLSTATES = {"40001", "40P01"}
# One transaction-level advisory lock serializes the store's writers on PostgreSQL, as BEGIN IMMEDIATE does on
# SQLite: writers that touch the same enterprises and actions in different orders would otherwise deadlock,
# and under load retries alone do not settle it. Scoring happens outside the transaction, so little waits.
_WRITE_LOCK = text("SELECT pg_advisory_xact_lock(900190012015)")


def serialize_writers(connection: Connection) -> None:
    """Wait for this transaction's turn to write (PostgreSQL; SQLite's own write lock does the same)."""
    if connection.dialect.name == "postgresql":
        connection.execute(_WRITE_LOCK)


class MissingDateError(ValueError):
    """The store keys assessments by date: an answers file without ``assessment.date`` cannot be recorded."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def record(engine: Engine, scored: ScoredFile) -> IngestOutcome:
    """Record ``scored`` in its own transaction, retrying when a concurrent writer got there first."""
    return record_all(engine, [scored])[0]


def record_all(engine: Engine, files: Sequence[ScoredFile]) -> list[IngestOutcome]:
    """Record ``files`` in one transaction (all or none), retrying it when a concurrent writer got there
    first: after the rollback, the retry finds the other writer's rows."""
    for scored in files:
        if scored.assessment.date is None:
            raise MissingDateError(
                f"{scored.source_name}: assessment.date is needed to record an assessment in the programme store"
            )
    for attempt in range(ATTEMPTS):
        try:
            with engine.begin() as connection:
                serialize_writers(connection)
                return [_record(connection, scored) for scored in files]
        except DBAPIError as exc:
            if attempt == ATTEMPTS - 1 or not _retryable(exc):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


# The statements are built once: building SQLAlchemy expressions costs more than running them on SQLite.
E, N, A = enterprises.c, enterprise_names.c, assessments.c
_ENTERPRISE = select(E.id, E.stage, E.plan_issued_on, E.details_as_of, E.credit_code)
# An enterprise is looked up under two identities at once (its credit code's, then its name and city's).
_BY_IDENTITIES = _ENTERPRISE.add_columns(E.identity).where(
    or_(E.identity == bindparam("first"), E.identity == bindparam("second"))
)
_BY_ID = _ENTERPRISE.where(E.id == bindparam("eid"))
_BY_FORMER_NAME = select(N.enterprise_id).where(N.name_key == bindparam("key")).distinct()
_INSERT_ENTERPRISE = insert(enterprises).returning(
    E.id, E.stage, E.plan_issued_on, E.details_as_of, E.credit_code
)
_UPDATE_ENTERPRISE = update(enterprises).where(E.id == bindparam("eid"))
_NAME_SEEN = select(N.id, N.first_seen, N.last_seen).where(
    N.enterprise_id == bindparam("eid"),
    N.name == bindparam("n_name"),
    N.province == bindparam("n_province"),
    N.city == bindparam("n_city"),
    N.district == bindparam("n_district"),
)
_INSERT_NAME = insert(enterprise_names)
_WIDEN_NAME = update(enterprise_names).where(N.id == bindparam("nid"))
_VERSIONS = select(A.id, A.answers_sha256, A.checklist_sha256, A.strategy, A.superseded_by).where(
    A.enterprise_id == bindparam("eid"), A.kind == bindparam("a_kind"), A.assessed_on == bindparam("a_date")
)
_INSERT_ASSESSMENT = insert(assessments).returning(A.id)
_SUPERSEDE = update(assessments).where(A.id == bindparam("aid"))
_CURRENT_KINDS = (
    select(A.kind).where(A.enterprise_id == bindparam("eid"), A.superseded_by.is_(None)).distinct()
)


def _record(connection: Connection, scored: ScoredFile) -> IngestOutcome:
    # The enterprise and assessment, not scored.answers: the answers model stays in the process that scored the
    # file, and reading it here after a worker sent the record would parse the answers again (~0.4 ms a file).
    enterprise = scored.enterprise
    date, kind = scored.assessment.date, scored.assessment.kind
    assert date is not None
    stamp = now()
    found, created = _find_or_register(connection, enterprise, kind, date, stamp)
    enterprise_id = found.id
    # A new enterprise has no names and no assessments yet: nothing to look up.
    _note_name(connection, enterprise_id, enterprise, date, created)
    versions = (
        []
        if created
        else connection.execute(_VERSIONS, {"eid": enterprise_id, "a_kind": kind, "a_date": date}).all()
    )
    content = (scored.answers_sha256, scored.checklist_sha256, scored.strategy)
    same = [v.id for v in versions if (v.answers_sha256, v.checklist_sha256, v.strategy) == content]
    earlier = next((v.id for v in versions if v.superseded_by is None), None)
    changes = _details(enterprise, date) if date >= found.details_as_of and not created else {}
    if same:
        if changes:
            update_many(connection, enterprises, [{"id": enterprise_id, **changes, "updated_at": stamp}])
        return IngestOutcome(
            source=scored.source_name, status="unchanged", enterprise_id=enterprise_id, assessment_id=same[0]
        )
    if earlier is not None:
        # Out of the "one current version" index first (pointing at itself for the moment of this transaction).
        connection.execute(_SUPERSEDE, {"aid": earlier, "superseded_by": earlier, "superseded_at": stamp})
    new_id = _insert_assessment(connection, enterprise_id, scored, stamp)
    if earlier is not None:
        connection.execute(_SUPERSEDE, {"aid": earlier, "superseded_by": new_id, "superseded_at": stamp})
    if earlier is not None and kind == "follow-up":
        undo_follow_up(connection, enterprise_id, earlier, new_id, list(scored.plan), stamp)
    follow_plan(
        connection, enterprise_id, new_id, kind, date, list(scored.plan), scored.result["findings"], stamp
    )
    # Stages only move forward: an assessment adds a kind, nothing takes one away.
    stage = _furthest(found.stage, stage_of({kind}, found.plan_issued_on is not None))
    update_many(
        connection, enterprises, [{"id": enterprise_id, **changes, "stage": stage, "updated_at": stamp}]
    )
    return IngestOutcome(
        source=scored.source_name,
        status="added" if earlier is None else "superseded",
        enterprise_id=enterprise_id,
        assessment_id=new_id,
        supersedes=earlier,
        enterprise_created=created,
    )


def _furthest(*stages: str) -> Stage:
    return STAGES[max(STAGES.index(stage) for stage in stages)]


def _locate_row(connection: Connection, enterprise: Enterprise) -> EnterpriseRow | None:
    by_name = name_identity(enterprise.name, enterprise.region.city)
    first = code_identity(enterprise.credit_code) if enterprise.credit_code else by_name
    rows = connection.execute(_BY_IDENTITIES, {"first": first, "second": by_name}).all()
    for key in (first, by_name):
        for row in rows:
            if row.identity == key:
                return row
    if enterprise.credit_code:
        return None
    former = connection.execute(_BY_FORMER_NAME, {"key": by_name}).scalars().all()
    return connection.execute(_BY_ID, {"eid": former[0]}).first() if len(former) == 1 else None


def locate(connection: Connection, enterprise: Enterprise) -> int | None:
    """The register's id of ``enterprise``, or None: by credit code, else (an enterprise recorded without a
    code) by name and city; an enterprise without a code is also found under a former name and city (when
    exactly one enterprise was recorded under it)."""
    row = _locate_row(connection, enterprise)
    return None if row is None else int(row.id)


def _find_or_register(
    connection: Connection, enterprise: Enterprise, kind: str, date: dt.date, stamp: dt.datetime
) -> tuple[EnterpriseRow, bool]:
    """The register's row of ``enterprise`` and whether it was registered just now. An enterprise first
    recorded without a credit code takes on the code when a later file gives it under the same name and city."""
    found = _locate_row(connection, enterprise)
    if found is not None:
        if enterprise.credit_code and found.credit_code is None:
            code = enterprise.credit_code
            connection.execute(
                _UPDATE_ENTERPRISE, {"eid": found.id, "identity": code_identity(code), "credit_code": code}
            )
        return found, False
    values = _details(enterprise, date)
    values.update(
        identity=identity_of(enterprise),
        credit_code=enterprise.credit_code,
        stage=stage_of({kind}, plan_issued=False),
        enrolled_at=stamp,
        updated_at=stamp,
    )
    return connection.execute(_INSERT_ENTERPRISE, values).one(), True


def _details(enterprise: Enterprise, date: dt.date) -> dict[str, Any]:
    """The register shows what the most recent assessment says (a file ingested late changes nothing)."""
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
    }


def _note_name(
    connection: Connection, enterprise_id: int, enterprise: Enterprise, date: dt.date, new: bool
) -> None:
    region = enterprise.region
    place = {
        "n_name": enterprise.name,
        "n_province": region.province or "",
        "n_city": region.city or "",
        "n_district": region.district or "",
    }
    seen = None if new else connection.execute(_NAME_SEEN, {"eid": enterprise_id, **place}).first()
    if seen is None:
        connection.execute(
            _INSERT_NAME,
            {
                "enterprise_id": enterprise_id,
                **{key[2:]: value for key, value in place.items()},
                "name_key": name_identity(enterprise.name, region.city),
                "first_seen": date,
                "last_seen": date,
            },
        )
    elif date < seen.first_seen or date > seen.last_seen:
        connection.execute(
            _WIDEN_NAME,
            {
                "nid": seen.id,
                "first_seen": min(date, seen.first_seen),
                "last_seen": max(date, seen.last_seen),
            },
        )


def _insert_assessment(
    connection: Connection, enterprise_id: int, scored: ScoredFile, stamp: dt.datetime
) -> int:
    assessment, result = scored.assessment, scored.result
    overall = result["overall"]
    counts = scored.finding_counts
    values = {
        "enterprise_id": enterprise_id,
        "kind": assessment.kind,
        "assessed_on": assessment.date,
        "assessor": assessment.assessor,
        "checklist_id": scored.checklist_id,
        "checklist_version": scored.checklist_version,
        "checklist_sha256": scored.checklist_sha256,
        "strategy": scored.strategy,
        "source_name": scored.source_name,
        "source_sha256": scored.source_sha256,
        "answers_sha256": scored.answers_sha256,
        "answers": scored.answers_json,
        "result": scored.result_json,
        "overall": overall["score"],
        "maturity_level": overall["maturity_level"],
        "readiness": overall["readiness"],
        "lab_index": result["lab"]["score"],
        "completeness": overall["completeness"],
        "lab_verdict": result["lab"]["verdict"],
        "lab_completeness": result["lab"]["completeness"],
        "major": counts["major"],
        "minor": counts["minor"],
        "observation": counts["observation"],
        "recorded_at": stamp,
    }
    return int(connection.execute(_INSERT_ASSESSMENT, values).scalar_one())


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
    kinds = set(connection.execute(_CURRENT_KINDS, {"eid": enterprise_id}).scalars())
    row = connection.execute(_BY_ID, {"eid": enterprise_id}).one()
    stage = stage_of(kinds, row.plan_issued_on is not None)
    connection.execute(_UPDATE_ENTERPRISE, {"eid": enterprise_id, "stage": stage, "updated_at": stamp})


def mark_plan_issued(engine: Engine, enterprise_id: int, on: dt.date) -> None:
    """The enterprise's improvement plan was handed over on ``on`` (the first date is kept)."""
    with engine.begin() as connection:
        serialize_writers(connection)
        connection.execute(
            update(enterprises)
            .where(enterprises.c.id == enterprise_id, enterprises.c.plan_issued_on.is_(None))
            .values(plan_issued_on=on)
        )
        refresh_stage(connection, enterprise_id, now())
