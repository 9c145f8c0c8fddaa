"""The store's tables (and its one view) as they are after the newest migration (the code reads and writes
through these).

The migrations under ``migrations/versions`` create them; a test compares the two, so a column added here
without a migration (or the reverse) fails. docs/store.md explains every column.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    column,
    table,
    text,
)

# What marks a stored event as an action's opening (the store's own source for one; see docs/store.md), and
# that as SQL (the action_history view and the index of stored openings, migration 0007).
OPENING_SOURCE = "assessment "
OPENING_CONDITION = "status = 'open' AND source LIKE 'assessment %'"

metadata = MetaData()

enterprises = Table(
    "enterprises",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", String(300), nullable=False, unique=True),
    Column("credit_code", String(18), nullable=True, unique=True),
    Column("name", String(200), nullable=False),
    Column("province", String(100), nullable=True),
    Column("city", String(100), nullable=True),
    Column("district", String(100), nullable=True),
    Column("industry", String(200), nullable=True),
    Column("size", String(10), nullable=True),
    Column("employees", Integer, nullable=True),
    Column("has_lab", Boolean, nullable=False),
    Column("certified", Boolean, nullable=False),
    Column("details_as_of", Date, nullable=False),
    Column("stage", String(20), nullable=False),
    Column("plan_issued_on", Date, nullable=True),
    Column("enrolled_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_enterprises_city_stage", "city", "stage"),
)

enterprise_names = Table(
    "enterprise_names",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("enterprise_id", Integer, ForeignKey("enterprises.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("province", String(100), nullable=False),
    Column("city", String(100), nullable=False),
    Column("district", String(100), nullable=False),
    Column("name_key", String(300), nullable=False, index=True),
    Column("first_seen", Date, nullable=False),
    Column("last_seen", Date, nullable=False),
    UniqueConstraint(
        "enterprise_id", "name", "province", "city", "district", name="uq_enterprise_names_place"
    ),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("enterprise_id", Integer, ForeignKey("enterprises.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("assessed_on", Date, nullable=False),
    Column("assessor", String(2000), nullable=True),
    Column("checklist_id", String(200), nullable=False),
    Column("checklist_version", String(100), nullable=False),
    Column("checklist_sha256", String(64), nullable=False),
    Column("strategy", String(100), nullable=False),
    Column("source_name", String(1000), nullable=False),
    Column("source_sha256", String(64), nullable=False),
    Column("answers_sha256", String(64), nullable=False),
    Column("answers", Text, nullable=False),
    Column("result", Text, nullable=False),
    Column("overall", Float, nullable=True),
    Column("maturity_level", Integer, nullable=True),
    Column("readiness", String(30), nullable=False),
    Column("lab_index", Float, nullable=True),
    Column("completeness", Float, nullable=True),
    Column("lab_verdict", String(30), nullable=True),
    Column("lab_completeness", Float, nullable=True),
    Column("major", Integer, nullable=False),
    Column("minor", Integer, nullable=False),
    Column("observation", Integer, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Column("superseded_by", Integer, ForeignKey("assessments.id"), nullable=True),
    Column("superseded_at", DateTime, nullable=True),
    UniqueConstraint(
        "enterprise_id",
        "kind",
        "assessed_on",
        "answers_sha256",
        "checklist_sha256",
        "strategy",
        name="uq_assessments_content",
    ),
    # At most one current (not superseded) assessment per enterprise, kind and date.
    Index(
        "uq_assessments_current",
        "enterprise_id",
        "kind",
        "assessed_on",
        unique=True,
        sqlite_where=text("superseded_by IS NULL"),
        postgresql_where=text("superseded_by IS NULL"),
    ),
)

# A view, not a table (migration 0005): the clause and sub-clause scores of every current assessment, read
# from its recorded result (``sections``). Outside ``metadata`` on purpose: nothing writes it, and the
# schema-vs-migrations comparison covers tables only (tests/test_store_migrations.py checks the view itself).
assessment_clauses = table(
    "assessment_clauses",
    column("assessment_id", Integer),
    column("clause_id", String(50)),
    column("depth", Integer),
    column("lab", Boolean),
    column("score", Float),
)

actions = Table(
    "actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("enterprise_id", Integer, ForeignKey("enterprises.id"), nullable=False),
    Column("item_id", String(50), nullable=False),
    Column("clause", String(50), nullable=False),
    Column("grade", String(20), nullable=False),
    Column("priority", String(20), nullable=False),
    Column("impact", Float, nullable=False),
    Column("timeframe_days", Integer, nullable=True),
    Column("revision", Integer, nullable=False),
    Column("opened_by", Integer, ForeignKey("assessments.id"), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("due_on", Date, nullable=True),
    Column("owner", String(200), nullable=True),
    Column("status", String(20), nullable=False),
    Column("status_on", Date, nullable=False),
    Column("evidence", Text, nullable=True),
    Column("comments", Text, nullable=True),
    Column("verified_by", Integer, ForeignKey("assessments.id"), nullable=True),
    Column("updated_at", DateTime, nullable=False),
    # Also the index of an enterprise's actions (its first column). No (status, due_on) index since 0006: no
    # query filters by status, and it cost every write (docs/testing.md).
    UniqueConstraint("enterprise_id", "item_id", name="uq_actions_item"),
)

action_events = Table(
    "action_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action_id", Integer, ForeignKey("actions.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("changed_on", Date, nullable=False),
    Column("source", String(100), nullable=False),
    Column("note", Text, nullable=True),
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_action_events_action", "action_id"),
    # The stored openings (an adopted action's; few): the action_history view looks each action up in it to
    # tell whether its opening is to be derived, without reading every event of the table (0007).
    Index(
        "ix_action_events_opening",
        "action_id",
        sqlite_where=text(OPENING_CONDITION),
        postgresql_where=text(OPENING_CONDITION),
    ),
)

# A view (migration 0007): every action's history as readers read it. An action's opening is not stored as an
# event: it is read from the action row (``open`` on ``opened_on``, source ``assessment <opened_by>``, recorded
# when that assessment was), then come the events stored in ``action_events`` (the changes after it). An
# opening stored as an event (one a corrected follow-up adopted from the follow-up it superseded, which names
# that one) stands instead of the derived one. ``event_id``: the stored event, NULL for a derived opening;
# ``ordinal``: an action's events in the order they happened (the opening 0, then the stored events by id).
# Read it ordered by (changed_on, ordinal), or by ordinal alone for the order of recording.
action_history = table(
    "action_history",
    column("action_id", Integer),
    column("event_id", Integer),
    column("ordinal", Integer),
    column("status", String(20)),
    column("changed_on", Date),
    column("source", String(100)),
    column("note", Text),
    column("recorded_at", DateTime),
)

narratives = Table(
    "narratives",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("programme_id", String(100), nullable=False),
    Column("city", String(100), nullable=False),  # "" for the province's own report
    Column("report_date", Date, nullable=False),
    Column("section", String(20), nullable=False),
    Column("lang", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("programme_id", "city", "report_date", "section", "lang", name="uq_narratives_section"),
)
