"""Clause scores in a table of their own (for "weakest clauses" queries), filled from the results already
recorded; an index for listing the register by city and stage."""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    clauses = op.create_table(
        "assessment_clauses",
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), primary_key=True),
        sa.Column("clause_id", sa.String(50), primary_key=True),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("lab", sa.Boolean, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
    )
    assert clauses is not None
    op.create_index("ix_enterprises_city_stage", "enterprises", ["city", "stage"])
    # Backfill: every recorded result carries its section scores (``sections``: id -> [depth, score, lab]).
    # Kept here as they were when this revision was written, whatever the code does later.
    connection = op.get_bind()
    recorded = connection.execute(sa.text("SELECT id, result FROM assessments")).all()
    rows = [
        {"assessment_id": row.id, "clause_id": clause, "depth": depth, "score": score, "lab": lab}
        for row in recorded
        for clause, (depth, score, lab) in json.loads(row.result)["sections"].items()
        if depth <= 1  # clauses and sub-clauses, as the store records them
    ]
    if rows:
        op.bulk_insert(clauses, rows)
