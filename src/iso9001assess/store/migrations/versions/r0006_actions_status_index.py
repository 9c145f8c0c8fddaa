"""The ``(status, due_on)`` index on ``actions`` is dropped: no query of the library, the command line or the
Datasette canned queries filters actions by status (the counts of pending and overdue actions read every
action of the enterprises they count, by ``enterprise_id``), and keeping it up to date cost a tenth to a seventh
of SQLite's recording of a file (each action inserted, each status a follow-up changes).
``docs/testing.md`` (the store benchmark's history) has the figures. The downgrade builds it again.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_actions_status_due", table_name="actions")


def downgrade() -> None:
    op.create_index("ix_actions_status_due", "actions", ["status", "due_on"])
