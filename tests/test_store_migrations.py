"""The store's schema: created from an empty database, migrated from the first schema version with the data
kept (and the new table filled from it), and identical to the tables the code uses."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, inspect, select

from iso9001assess.store import Store
from iso9001assess.store.connection import create_store_engine, resolve_url
from iso9001assess.store.ingest import score_for_store
from iso9001assess.store.migrate import current_revision, head_revision, scripted_head, upgrade
from iso9001assess.store.schema import assessment_clauses, assessments, enterprises, metadata
from store_support import SAMPLE

TABLES = {
    "alembic_version",
    "enterprises",
    "enterprise_names",
    "assessments",
    "assessment_clauses",
    "actions",
    "narratives",
}


def test_an_empty_database_gets_the_newest_schema(store_url: str) -> None:
    with Store(store_url) as store:
        assert set(inspect(store.engine).get_table_names()) >= TABLES
        with store.engine.connect() as connection:
            assert current_revision(connection) == head_revision() == "0004"
    with Store(store_url) as again:  # opening it again migrates nothing and keeps working
        assert again.enterprises() == []


def test_the_migrations_build_exactly_the_tables_the_code_uses(store_url: str) -> None:
    with Store(store_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_store_of_the_first_schema_version_is_migrated_with_its_data(store_url: str) -> None:
    engine = create_store_engine(resolve_url(store_url))
    upgrade(engine, "0001")
    with engine.connect() as connection:
        assert current_revision(connection) == "0001"
        assert "assessment_clauses" not in inspect(connection).get_table_names()
    scored = score_for_store(SAMPLE, "weighted")
    stamp = dt.datetime(2026, 4, 17, 9, 0)
    enterprise = scored.answers.enterprise
    with engine.begin() as connection:  # what version 0001 recorded: an enterprise and its assessment
        enterprise_id = connection.execute(
            insert(enterprises)
            .values(
                identity=f"code:{enterprise.credit_code}",
                credit_code=enterprise.credit_code,
                name=enterprise.name,
                city=enterprise.region.city,
                has_lab=True,
                certified=False,
                details_as_of=dt.date(2026, 4, 16),
                stage="baseline",
                enrolled_at=stamp,
                updated_at=stamp,
            )
            .returning(enterprises.c.id)
        ).scalar_one()
        connection.execute(
            insert(assessments).values(
                enterprise_id=enterprise_id,
                kind="baseline",
                assessed_on=dt.date(2026, 4, 16),
                checklist_id=scored.checklist_id,
                checklist_version=scored.checklist_version,
                checklist_sha256=scored.checklist_sha256,
                strategy=scored.strategy,
                source_name=scored.source_name,
                source_sha256=scored.source_sha256,
                answers_sha256=scored.answers_sha256,
                answers=scored.answers_json,
                result=scored.result_json,
                overall=scored.result["overall"]["score"],
                readiness=scored.result["overall"]["readiness"],
                completeness=scored.result["overall"]["completeness"],
                major=0,
                minor=0,
                observation=0,
                recorded_at=stamp,
            )
        )
    engine.dispose()

    with Store(store_url) as store:  # opening it migrates it
        with store.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
            clauses = {
                row.clause_id: (row.depth, row.score, row.lab)
                for row in connection.execute(select(assessment_clauses))
            }
            assert connection.execute(select(func.count()).select_from(assessments)).scalar_one() == 1
        # The clause scores were filled from the recorded result: one row per clause and sub-clause.
        sections = scored.result["sections"].items()
        assert clauses == {key: tuple(value) for key, value in sections if value[0] <= 1}
        assert "7.1.5" in scored.result["sections"] and "7.1" in clauses
        assert clauses["4"][1] is not None and clauses["LAB"][2] is True
        # The data recorded under 0001 reads back, and its full result is re-derived.
        (record,) = store.assessments(enterprise.credit_code or "")
        assert store.result(record).overall.score == scored.result["overall"]["score"]
        # Ingesting the same file now changes nothing: the row migrated from 0001 is the same assessment.
        assert store.ingest(SAMPLE).outcomes[0].status == "unchanged"


def test_the_newest_revision_read_from_the_scripts_is_alembics_head() -> None:
    assert scripted_head() == head_revision()


def test_a_store_at_the_newest_revision_opens_without_loading_alembic(store_url: str) -> None:
    with Store(store_url):
        pass  # created and migrated: Alembic ran
    # A new process opens it again: one query reads the revision, and the migration machinery stays unloaded.
    probe = (
        "import sys\n"
        "from iso9001assess.store import Store\n"
        "with Store(sys.argv[1]) as store:\n"
        "    print(len(store.enterprises()), 'alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, store_url], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0", "False"]


def test_a_store_behind_the_newest_revision_is_still_migrated_when_opened(store_url: str) -> None:
    engine = create_store_engine(resolve_url(store_url))
    upgrade(engine, "0002")
    engine.dispose()
    with Store(store_url) as store, store.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert "actions" in inspect(connection).get_table_names()
