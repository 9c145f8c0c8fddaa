"""An action's opening is read from the action row, no longer stored as an event: ``action_events`` keeps the
changes after it, and the view ``action_history`` gives every action's whole history (the opening derived from
``actions``, then the stored events), the one place readers and SQL users read it; a partial index finds the
few openings still stored (see below) by action.

A baseline used to write one ``open`` event per action (half the rows of a baseline) saying only what the
action row says: open on ``opened_on``, source ``assessment <opened_by>``, recorded when that assessment was.
The upgrade deletes exactly those: an action's first event, when every value of it equals the derived one
(checked in SQL). Any other (an opening a corrected follow-up adopted from the follow-up it superseded names
that one, not the action's ``opened_by``) stays, and the view shows it instead of a derived opening.

The downgrade stores the derived openings again and numbers every event anew in the order they were recorded
(an action's opening before its changes), then drops the view.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Kept here as they were when this revision was written, whatever the code does later.
_IS_OPENING = "{e}.status = 'open' AND {e}.source LIKE 'assessment %'"
_OPENING = "status = 'open' AND source LIKE 'assessment %'"  # the index's
_SQLITE_VIEW = """
SELECT x.id AS action_id, NULL AS event_id, 0 AS ordinal, 'open' AS status, x.opened_on AS changed_on,
       'assessment ' || x.opened_by AS source, NULL AS note, a.recorded_at AS recorded_at
FROM actions AS x LEFT JOIN assessments AS a ON a.id = x.opened_by
WHERE NOT EXISTS (SELECT 1 FROM action_events AS o WHERE o.action_id = x.id AND {opening_o})
UNION ALL
SELECT e.action_id, e.id, CASE WHEN {opening_e} THEN 0 ELSE e.id END, e.status, e.changed_on, e.source,
       e.note, e.recorded_at
FROM action_events AS e
"""
_POSTGRESQL_VIEW = """
SELECT x.id AS action_id, CAST(NULL AS INTEGER) AS event_id, 0 AS ordinal,
       CAST('open' AS VARCHAR(20)) AS status, x.opened_on AS changed_on,
       CAST('assessment ' || x.opened_by AS VARCHAR(100)) AS source, CAST(NULL AS TEXT) AS note,
       a.recorded_at AS recorded_at
FROM actions AS x LEFT JOIN assessments AS a ON a.id = x.opened_by
WHERE NOT EXISTS (SELECT 1 FROM action_events AS o WHERE o.action_id = x.id AND {opening_o})
UNION ALL
SELECT e.action_id, e.id, CASE WHEN {opening_e} THEN 0 ELSE e.id END, e.status, e.changed_on, e.source,
       e.note, e.recorded_at
FROM action_events AS e
"""
# The stored openings identical to the derived ones: the action's first event, every value equal.
_DERIVABLE = """
DELETE FROM action_events WHERE id IN (
    SELECT e.id FROM action_events AS e
    JOIN actions AS x ON x.id = e.action_id
    JOIN assessments AS a ON a.id = x.opened_by
    WHERE e.status = 'open' AND e.changed_on = x.opened_on AND e.source = 'assessment ' || x.opened_by
      AND e.note IS NULL AND e.recorded_at = a.recorded_at
      AND e.id = (SELECT min(m.id) FROM action_events AS m WHERE m.action_id = e.action_id)
)
"""


def view_sql(dialect: str) -> str:
    """The view's query in ``dialect``'s SQL."""
    query = _POSTGRESQL_VIEW if dialect == "postgresql" else _SQLITE_VIEW
    return query.format(opening_o=_IS_OPENING.format(e="o"), opening_e=_IS_OPENING.format(e="e"))


def upgrade() -> None:
    op.execute(_DERIVABLE)
    # The few stored openings left, found by action: the view asks it of every action it derives one for.
    opening = sa.text(_OPENING)
    op.create_index(
        "ix_action_events_opening",
        "action_events",
        ["action_id"],
        sqlite_where=opening,
        postgresql_where=opening,
    )
    op.execute(f"CREATE VIEW action_history AS {view_sql(op.get_bind().dialect.name)}")


def downgrade() -> None:
    bind = op.get_bind()
    columns = "action_id, status, changed_on, source, note, recorded_at"
    rows = bind.execute(
        sa.text(f"SELECT {columns} FROM action_history ORDER BY recorded_at, action_id, ordinal").columns(
            changed_on=sa.Date, recorded_at=sa.DateTime
        )
    ).all()
    op.execute("DROP VIEW action_history")
    op.drop_index("ix_action_events_opening", table_name="action_events")
    op.execute("DELETE FROM action_events")
    events = sa.table(
        "action_events",
        sa.column("id", sa.Integer),
        sa.column("action_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("changed_on", sa.Date),
        sa.column("source", sa.String),
        sa.column("note", sa.Text),
        sa.column("recorded_at", sa.DateTime),
    )
    names = ("action_id", "status", "changed_on", "source", "note", "recorded_at")
    values = [{"id": number, **dict(zip(names, row, strict=True))} for number, row in enumerate(rows, 1)]
    if values:
        bind.execute(sa.insert(events), values)
    if bind.dialect.name == "postgresql":
        bind.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('action_events', 'id'), "
                "coalesce((SELECT max(id) FROM action_events), 1), (SELECT count(*) > 0 FROM action_events))"
            )
        )
