"""The narrative sections of staged progress reports (工作举措, 工作成效, 存在问题, 下一步工作打算, 工作建议), kept
per programme, city (empty: the province) and report date, so that a bureau's own text is reported with the
figures."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "narratives",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("programme_id", sa.String(100), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("report_date", sa.Date, nullable=False),
        sa.Column("section", sa.String(20), nullable=False),
        sa.Column("lang", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint(
            "programme_id", "city", "report_date", "section", "lang", name="uq_narratives_section"
        ),
    )
