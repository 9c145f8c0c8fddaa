"""The first schema: the enterprise register, its name history, and every assessment."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enterprises",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("identity", sa.String(300), nullable=False, unique=True),
        sa.Column("credit_code", sa.String(18), nullable=True, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province", sa.String(100), nullable=True),
        sa.Column("city", sa.String(100), nullable=True),
        sa.Column("district", sa.String(100), nullable=True),
        sa.Column("industry", sa.String(200), nullable=True),
        sa.Column("size", sa.String(10), nullable=True),
        sa.Column("employees", sa.Integer, nullable=True),
        sa.Column("has_lab", sa.Boolean, nullable=False),
        sa.Column("certified", sa.Boolean, nullable=False),
        sa.Column("details_as_of", sa.Date, nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("plan_issued_on", sa.Date, nullable=True),
        sa.Column("enrolled_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "enterprise_names",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprises.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province", sa.String(100), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("first_seen", sa.Date, nullable=False),
        sa.Column("last_seen", sa.Date, nullable=False),
        sa.UniqueConstraint(
            "enterprise_id", "name", "province", "city", "district", name="uq_enterprise_names_place"
        ),
    )
    op.create_index("ix_enterprise_names_name_key", "enterprise_names", ["name_key"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprises.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=False),
        sa.Column("assessor", sa.String(2000), nullable=True),
        sa.Column("checklist_id", sa.String(200), nullable=False),
        sa.Column("checklist_version", sa.String(100), nullable=False),
        sa.Column("checklist_sha256", sa.String(64), nullable=False),
        sa.Column("strategy", sa.String(100), nullable=False),
        sa.Column("source_name", sa.String(1000), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("answers_sha256", sa.String(64), nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("overall", sa.Float, nullable=True),
        sa.Column("maturity_level", sa.Integer, nullable=True),
        sa.Column("readiness", sa.String(30), nullable=False),
        sa.Column("lab_index", sa.Float, nullable=True),
        sa.Column("completeness", sa.Float, nullable=True),
        sa.Column("lab_verdict", sa.String(30), nullable=True),
        sa.Column("lab_completeness", sa.Float, nullable=True),
        sa.Column("major", sa.Integer, nullable=False),
        sa.Column("minor", sa.Integer, nullable=False),
        sa.Column("observation", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("assessments.id"), nullable=True),
        sa.Column("superseded_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint(
            "enterprise_id",
            "kind",
            "assessed_on",
            "answers_sha256",
            "checklist_sha256",
            "strategy",
            name="uq_assessments_content",
        ),
    )
    op.create_index(
        "uq_assessments_current",
        "assessments",
        ["enterprise_id", "kind", "assessed_on"],
        unique=True,
        sqlite_where=sa.text("superseded_by IS NULL"),
        postgresql_where=sa.text("superseded_by IS NULL"),
    )
