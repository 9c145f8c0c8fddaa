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
from ..programme.record import ScoredFile
from .actions import follow_plan, undo_follow_up
from .driver import Driver, Statement, day
from .identity import code_identity, identity_of, name_identity
from .recording import (
    ASSESSMENT_COLUMNS,
    DETAILS,
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
from .schema import assessments, enterprise_names, enterprises
from .setwise import SetWise

ATTEMPTS = 8
# A row of _ENTERPRISE as the driver reads it: (id, stage, plan_issued_on, details_as_of, credit_code[, identity]).
EnterpriseRow = tuple[Any, ...]
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


def record_all(engine: Engine, files: Sequence[ScoredFile], *, set_wise: bool = True) -> list[IngestOutcome]:
    """Record ``files`` in one transaction (all or none), retrying it when a concurrent writer got there
    first: after the rollback, the retry finds the other writer's rows. ``set_wise``: a few statements per
    table for all the files (see .setwise), else the statements of each file in turn; both store the same."""
    for scored in files:
        if scored.assessment.date is None:
            raise MissingDateError(
                f"{scored.source_name}: assessment.date is needed to record an assessment in the programme store"
            )
    for attempt in range(ATTEMPTS):
        try:
            with engine.begin() as connection:
                serialize_writers(connection)
                db = Driver(connection)
                if set_wise:
                    return SetWise(db, now, _record).record(files)
                return [_record(db, scored) for scored in files]
        except DBAPIError as exc:
            if attempt == ATTEMPTS - 1 or not _retryable(exc):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


# The statements are compiled once per dialect and run on the transaction's cursor (see .driver): SQLAlchemy's
# own execution costs more than SQLite's work for these single-row statements.
E, N, A = enterprises.c, enterprise_names.c, assessments.c
_ENTERPRISE = select(E.id, E.stage, E.plan_issued_on, E.details_as_of, E.credit_code)
# An enterprise is looked up under two identities at once (its credit code's, then its name and city's).
_BY_IDENTITIES = Statement(
    _ENTERPRISE.add_columns(E.identity).where(
        or_(E.identity == bindparam("first"), E.identity == bindparam("second"))
    )
)
_BY_ID = Statement(_ENTERPRISE.where(E.id == bindparam("eid")))
_BY_FORMER_NAME = Statement(select(N.enterprise_id).where(N.name_key == bindparam("key")).distinct())


def _inserting(table: Any, columns: tuple[str, ...]) -> Any:
    return insert(table).values({name: bindparam(name) for name in columns})


_INSERT_ENTERPRISE = Statement(
    _inserting(
        enterprises, (*DETAILS, "identity", "credit_code", "stage", "enrolled_at", "updated_at")
    ).returning(E.id, E.stage, E.plan_issued_on, E.details_as_of, E.credit_code)
)
_NAME_SEEN = Statement(
    select(N.id, N.first_seen, N.last_seen).where(
        N.enterprise_id == bindparam("eid"),
        N.name == bindparam("n_name"),
        N.province == bindparam("n_province"),
        N.city == bindparam("n_city"),
        N.district == bindparam("n_district"),
    )
)
_INSERT_NAME = Statement(
    _inserting(
        enterprise_names,
        ("enterprise_id", "name", "province", "city", "district", "name_key", "first_seen", "last_seen"),
    )
)
_WIDEN_NAME = Statement(
    update(enterprise_names)
    .where(N.id == bindparam("nid"))
    .values(first_seen=bindparam("first_seen"), last_seen=bindparam("last_seen"))
)
# Every assessment of the enterprise (a few): the versions of this file's kind and date, and for a baseline
# the follow-ups recorded before it, in one query.
_ASSESSMENTS_OF = Statement(
    select(
        A.id, A.kind, A.assessed_on, A.answers_sha256, A.checklist_sha256, A.strategy, A.superseded_by
    ).where(A.enterprise_id == bindparam("eid"))
)
_INSERT_ASSESSMENT = Statement(_inserting(assessments, ASSESSMENT_COLUMNS).returning(A.id))
_SUPERSEDE = Statement(
    update(assessments)
    .where(A.id == bindparam("aid"))
    .values(superseded_by=bindparam("superseded_by"), superseded_at=bindparam("superseded_at"))
)
_CURRENT_KINDS = Statement(
    select(A.kind).where(A.enterprise_id == bindparam("eid"), A.superseded_by.is_(None)).distinct()
)
# UPDATE enterprises SET <columns> WHERE id = :eid, one statement per set of columns (a few).
_UPDATES: dict[tuple[str, ...], Statement] = {}


def _update_enterprise(db: Driver, enterprise_id: int, values: dict[str, Any]) -> None:
    columns = tuple(values)
    statement = _UPDATES.get(columns)
    if statement is None:
        statement = _UPDATES[columns] = Statement(
            update(enterprises)
            .where(E.id == bindparam("eid"))
            .values({name: bindparam(name) for name in columns})
        )
    db.run(statement, {"eid": enterprise_id, **values})


def _record(db: Driver, scored: ScoredFile) -> IngestOutcome:
    # The enterprise and assessment, not scored.answers: the answers model stays in the process that scored the
    # file, and reading it here after a worker sent the record would parse the answers again (~0.4 ms a file).
    enterprise = scored.enterprise
    date, kind = scored.assessment.date, scored.assessment.kind
    assert date is not None
    stamp = now()
    found, created = _find_or_register(db, enterprise, kind, date, stamp)
    enterprise_id = int(found[0])
    # A new enterprise has no names and no assessments yet: nothing to look up.
    _note_name(db, enterprise_id, enterprise, date, created)
    history = [] if created else [_recorded(row) for row in db.rows(_ASSESSMENTS_OF, {"eid": enterprise_id})]
    same, earlier, later = placement(history, scored)
    changes = {} if created else changed_details(enterprise, date, day(found[3]))  # type: ignore[arg-type]
    if same is not None:
        if changes:
            _update_enterprise(db, enterprise_id, {**changes, "updated_at": stamp})
        return IngestOutcome(
            source=scored.source_name, status="unchanged", enterprise_id=enterprise_id, assessment_id=same
        )
    if earlier is not None:
        # Out of the "one current version" index first (pointing at itself for the moment of this transaction).
        db.run(_SUPERSEDE, {"aid": earlier, "superseded_by": earlier, "superseded_at": stamp})
    new_id = _insert_assessment(db, enterprise_id, scored, stamp)
    if earlier is not None:
        db.run(_SUPERSEDE, {"aid": earlier, "superseded_by": new_id, "superseded_at": stamp})
    if earlier is not None and kind == "follow-up":
        undo_follow_up(db.connection, enterprise_id, earlier, new_id, list(scored.plan), stamp)
    # A baseline verifies through the follow-ups recorded before it (files come in any order).
    follow_plan(
        db,
        enterprise_id,
        new_id,
        kind,
        date,
        list(scored.plan),
        scored.result["findings"],
        stamp,
        fresh=created,
        later=later,
    )
    if not created:
        # (A new enterprise's row already holds its stage and stamp.)
        stage = advanced_stage(found[1], kind, found[2] is not None)
        _update_enterprise(db, enterprise_id, {**changes, "stage": stage, "updated_at": stamp})
    return IngestOutcome(
        source=scored.source_name,
        status="added" if earlier is None else "superseded",
        enterprise_id=enterprise_id,
        assessment_id=new_id,
        supersedes=earlier,
        enterprise_created=created,
    )


def _locate_row(db: Driver, enterprise: Enterprise) -> EnterpriseRow | None:
    by_name = name_identity(enterprise.name, enterprise.region.city)
    first = code_identity(enterprise.credit_code) if enterprise.credit_code else by_name
    rows = db.rows(_BY_IDENTITIES, {"first": first, "second": by_name})
    for key in (first, by_name):
        for row in rows:
            if row[5] == key:
                return row
    if enterprise.credit_code:
        return None
    former = db.rows(_BY_FORMER_NAME, {"key": by_name})
    return db.row(_BY_ID, {"eid": former[0][0]}) if len(former) == 1 else None


def locate(connection: Connection, enterprise: Enterprise) -> int | None:
    """The register's id of ``enterprise``, or None: by credit code, else (an enterprise recorded without a
    code) by name and city; an enterprise without a code is also found under a former name and city (when
    exactly one enterprise was recorded under it)."""
    row = _locate_row(Driver(connection), enterprise)
    return None if row is None else int(row[0])


def _find_or_register(
    db: Driver, enterprise: Enterprise, kind: str, date: dt.date, stamp: dt.datetime
) -> tuple[EnterpriseRow, bool]:
    """The register's row of ``enterprise`` and whether it was registered just now. An enterprise first
    recorded without a credit code takes on the code when a later file gives it under the same name and city."""
    found = _locate_row(db, enterprise)
    if found is not None:
        if enterprise.credit_code and found[4] is None:
            code = enterprise.credit_code
            _update_enterprise(db, found[0], {"identity": code_identity(code), "credit_code": code})
        return found, False
    values = details(enterprise, date)
    values.update(
        identity=identity_of(enterprise),
        credit_code=enterprise.credit_code,
        stage=stage_of({kind}, plan_issued=False),
        enrolled_at=stamp,
        updated_at=stamp,
    )
    row = db.row(_INSERT_ENTERPRISE, values)
    assert row is not None
    return row, True


def _note_name(db: Driver, enterprise_id: int, enterprise: Enterprise, date: dt.date, new: bool) -> None:
    place = place_of(enterprise)
    keys = dict(zip(("n_name", "n_province", "n_city", "n_district"), place, strict=True))
    seen = None if new else db.row(_NAME_SEEN, {"eid": enterprise_id, **keys})
    if seen is None:
        db.run(
            _INSERT_NAME,
            {
                "enterprise_id": enterprise_id,
                **dict(zip(("name", "province", "city", "district"), place, strict=True)),
                "name_key": name_identity(enterprise.name, enterprise.region.city),
                "first_seen": date,
                "last_seen": date,
            },
        )
        return
    span = widened(day(seen[1]), day(seen[2]), date)  # type: ignore[arg-type]
    if span is not None:
        db.run(_WIDEN_NAME, {"nid": seen[0], "first_seen": span[0], "last_seen": span[1]})


def _insert_assessment(db: Driver, enterprise_id: int, scored: ScoredFile, stamp: dt.datetime) -> int:
    row = db.row(_INSERT_ASSESSMENT, assessment_values(enterprise_id, scored, stamp))
    assert row is not None
    return int(row[0])


def _recorded(row: tuple[Any, ...]) -> Recorded:
    """A row of ``_ASSESSMENTS_OF`` as the placement reads it."""
    on = day(row[2])
    assert on is not None
    return Recorded(row[0], row[1], on, (row[3], row[4], row[5]), row[6])


def refresh_stage(connection: Connection, enterprise_id: int, stamp: dt.datetime) -> None:
    db = Driver(connection)
    kinds = {kind for (kind,) in db.rows(_CURRENT_KINDS, {"eid": enterprise_id})}
    row = db.row(_BY_ID, {"eid": enterprise_id})
    assert row is not None
    stage = stage_of(kinds, row[2] is not None)
    _update_enterprise(db, enterprise_id, {"stage": stage, "updated_at": stamp})


def mark_plan_issued(engine: Engine, enterprise_id: int, on: dt.date) -> None:
    """The enterprise's improvement plan was handed over on ``on`` (the earliest date given is kept: a plan
    issued again later stays issued when it first was; a back-dated one moves the date back)."""
    with engine.begin() as connection:
        serialize_writers(connection)
        issued = enterprises.c.plan_issued_on
        connection.execute(
            update(enterprises)
            .where(enterprises.c.id == enterprise_id, or_(issued.is_(None), issued > on))
            .values(plan_issued_on=on)
        )
        refresh_stage(connection, enterprise_id, now())
