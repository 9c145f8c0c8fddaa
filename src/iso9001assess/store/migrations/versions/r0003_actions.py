"""Actions as records ("one enterprise, one plan" followed through): every action of a plan with its tracking
state, and the history of its status changes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprises.id"), nullable=False),
        sa.Column("item_id", sa.String(50), nullable=False),
        sa.Column("clause", sa.String(50), nullable=False),
        sa.Column("grade", sa.String(20), nullable=False),
        sa.Column("priority", sa.String(20), nullable=False),
        sa.Column("impact", sa.Float, nullable=False),
        sa.Column("timeframe_days", sa.Integer, nullable=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("opened_by", sa.Integer, sa.ForeignKey("assessments.id"), nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=True),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_on", sa.Date, nullable=False),
        sa.Column("evidence", sa.Text, nullable=True),
        sa.Column("comments", sa.Text, nullable=True),
        sa.Column("verified_by", sa.Integer, sa.ForeignKey("assessments.id"), nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("enterprise_id", "item_id", name="uq_actions_item"),
    )
    op.create_index("ix_actions_status_due", "actions", ["status", "due_on"])
    op.create_table(
        "action_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("changed_on", sa.Date, nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_action_events_action", "action_events", ["action_id"])
