"""Clause scores computed from the recorded results instead of stored twice: ``assessment_clauses`` becomes a
view over ``assessments.result`` with the same columns and meaning (current assessments only, clauses and
sub-clauses), so recording an assessment no longer writes ~55 rows and SQL users' queries keep working.

The compact result holds ``"sections": {id: [depth, score, lab], ...}``. SQLite reads it with ``json_each`` and
``json_extract`` (in every SQLite Python ships with since 3.9; no ``->>``, which needs 3.38), PostgreSQL with
``jsonb_each``. The casts give readers what the table gave: depth an integer, score a double or NULL, lab 0/1
on SQLite and a boolean on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Kept here as they were when this revision was written, whatever the code does later.
_SQLITE_ROWS = """
SELECT a.id AS assessment_id,
       s.key AS clause_id,
       CAST(json_extract(s.value, '$[0]') AS INTEGER) AS depth,
       CAST(json_extract(s.value, '$[2]') AS INTEGER) AS lab,
       CAST(json_extract(s.value, '$[1]') AS REAL) AS score
FROM assessments AS a, json_each(a.result, '$.sections') AS s
WHERE a.superseded_by IS NULL AND json_extract(s.value, '$[0]') <= 1
"""
_POSTGRESQL_ROWS = """
SELECT a.id AS assessment_id,
       CAST(s.key AS VARCHAR(50)) AS clause_id,
       CAST(s.value ->> 0 AS INTEGER) AS depth,
       CAST(s.value ->> 2 AS BOOLEAN) AS lab,
       CAST(s.value ->> 1 AS DOUBLE PRECISION) AS score
FROM assessments AS a CROSS JOIN LATERAL jsonb_each(CAST(a.result AS JSONB) -> 'sections') AS s
WHERE a.superseded_by IS NULL AND CAST(s.value ->> 0 AS INTEGER) <= 1
"""


def _rows() -> str:
    """The clause rows of every current assessment, in this database's SQL."""
    return _POSTGRESQL_ROWS if op.get_bind().dialect.name == "postgresql" else _SQLITE_ROWS


def upgrade() -> None:
    op.drop_table("assessment_clauses")
    op.execute(f"CREATE VIEW assessment_clauses AS {_rows()}")


def downgrade() -> None:
    op.execute("DROP VIEW assessment_clauses")
    op.create_table(
        "assessment_clauses",
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), primary_key=True),
        sa.Column("clause_id", sa.String(50), primary_key=True),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("lab", sa.Boolean, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
    )
    # Refilled as the table was kept: the clause scores of the current assessments.
    op.execute(f"INSERT INTO assessment_clauses (assessment_id, clause_id, depth, lab, score) {_rows()}")
