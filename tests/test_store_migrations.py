"""The store's schema: created from an empty database, migrated from the first schema version and from the
previous one with the data kept (the clause scores, a view since 0005, read back value for value), taken back
down again, and identical to the tables the code uses; 0006 drops an index no query used, and back; 0007 stops
storing the actions' openings (read from the actions by the action_history view) with every history kept."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, func, insert, inspect, select, text

from iso9001assess.programme.worker import score_for_store
from iso9001assess.store import Store
from iso9001assess.store.connection import create_store_engine, resolve_url
from iso9001assess.store.migrate import current_revision, downgrade, head_revision, scripted_head, upgrade
from iso9001assess.store.schema import action_history, assessment_clauses, assessments, enterprises, metadata
from iso9001assess.store.writing import record_all
from store_support import SAMPLE, SAMPLES, credit_code, write_answers
from test_store_stored_rows import GOLDEN, HISTORY, _history, fill

TABLES = {
    "alembic_version",
    "enterprises",
    "enterprise_names",
    "assessments",
    "actions",
    "narratives",
}


def test_an_empty_database_gets_the_newest_schema(store_url: str) -> None:
    with Store(store_url) as store:
        assert set(inspect(store.engine).get_table_names()) >= TABLES
        assert sorted(inspect(store.engine).get_view_names()) == ["action_history", "assessment_clauses"]
        with store.engine.connect() as connection:
            assert current_revision(connection) == head_revision() == "0007"
    with Store(store_url) as again:  # opening it again migrates nothing and keeps working
        assert again.enterprises() == []


def test_the_migrations_build_exactly_the_tables_the_code_uses(store_url: str) -> None:
    with Store(store_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
        # The comparison covers tables; the views are checked here: the columns the code reads, in order.
        views = {
            view.name: [column["name"] for column in inspect(connection).get_columns(view.name)]
            for view in (assessment_clauses, action_history)
        }
    assert differences == []
    for view in (assessment_clauses, action_history):
        assert views[view.name] == [column.name for column in view.c]
        assert view.name not in metadata.tables


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


# assessment_clauses as revisions 0002 to 0004 kept it: a table the writer filled with each current
# assessment's clauses and sub-clauses (and emptied of a superseded version's rows).
_TABLE_0004 = sa.Table(
    "assessment_clauses",
    sa.MetaData(),
    sa.Column("assessment_id", sa.Integer, primary_key=True),
    sa.Column("clause_id", sa.String(50), primary_key=True),
    sa.Column("depth", sa.Integer, nullable=False),
    sa.Column("lab", sa.Boolean, nullable=False),
    sa.Column("score", sa.Float, nullable=True),
)
SAMPLE_CODE = "91440113MA59K7XP70"
_RAW = "SELECT assessment_id, clause_id, depth, lab, score FROM assessment_clauses"


def _raw_rows(connection: Connection) -> list[tuple[Any, ...]]:
    """The rows as plain SQL reads them (Datasette, a user's query), each value with its Python type: 0/1
    and True/False are different answers here even though Python counts them equal."""
    rows = sorted(tuple(row) for row in connection.execute(text(_RAW)))
    return [tuple((type(value).__name__, value) for value in row) for row in rows]


def _typed_rows(connection: Connection, clauses: Any) -> list[tuple[Any, ...]]:
    C = clauses.c
    query = select(C.assessment_id, C.clause_id, C.depth, C.lab, C.score)
    return sorted(tuple((type(value).__name__, value) for value in row) for row in connection.execute(query))


def _store_at_0004_with_data(store_url: str, folder: Path) -> tuple[sa.Engine, set[int], set[int]]:
    """A store migrated to 0004 and filled as that release did: the samples (an enterprise with a baseline
    and a follow-up among them) and a corrected baseline superseding the sample's, recorded by the writer,
    and their clause rows written as its ``_insert_clauses`` did (from the scored result in memory, not from
    the JSON stored). Returns the engine, the current assessments' ids and the superseded one's."""
    engine = create_store_engine(resolve_url(store_url))
    upgrade(engine, "0004")
    # The Guangzhou sample's enterprise (its credit code), kind and date, one answer changed: a correction.
    corrected = write_answers(folder / "gz-correction.yaml", code=SAMPLE_CODE, ratings={"4.1-01": 1})
    files = [score_for_store(path, "weighted") for path in sorted(SAMPLES.glob("*.yaml"))]
    files.append(score_for_store(corrected, "weighted"))
    current: set[int] = set()
    superseded: set[int] = set()
    for scored in files:
        (outcome,) = record_all(engine, [scored])
        assert outcome.assessment_id is not None
        with engine.begin() as connection:
            if outcome.supersedes is not None:
                superseded.add(outcome.supersedes)
                current.discard(outcome.supersedes)
                connection.execute(
                    sa.delete(_TABLE_0004).where(_TABLE_0004.c.assessment_id == outcome.supersedes)
                )
            current.add(outcome.assessment_id)
            rows = [
                {"assessment_id": outcome.assessment_id, "clause_id": key, "depth": d, "score": s, "lab": lab}
                for key, (d, s, lab) in scored.result["sections"].items()
                if d <= 1
            ]
            connection.execute(insert(_TABLE_0004), rows)
    assert len(current) == 9 and len(superseded) == 1
    return engine, current, superseded


def test_a_store_at_the_previous_revision_reads_the_same_clause_scores_from_the_view(
    store_url: str, tmp_path: Path
) -> None:
    engine, current, superseded = _store_at_0004_with_data(store_url, tmp_path)
    with engine.connect() as connection:
        assert "assessment_clauses" in inspect(connection).get_table_names()
        raw_before, typed_before = _raw_rows(connection), _typed_rows(connection, _TABLE_0004)
    engine.dispose()
    # 9 current assessments on six industry checklists and the base one: dozens of rows each, lab ones too.
    assert len(raw_before) > 9 * 20
    assert {row[0][1] for row in raw_before} == current
    assert any(row[1][1].startswith("LAB") for row in raw_before)
    assert {row[4][0] for row in raw_before} <= {"float", "NoneType"} and any(row[4][1] for row in raw_before)

    with Store(store_url) as store, store.engine.connect() as connection:  # opening it migrates it
        assert current_revision(connection) == head_revision()
        assert "assessment_clauses" not in inspect(connection).get_table_names()
        raw_after, typed_after = _raw_rows(connection), _typed_rows(connection, assessment_clauses)
    assert raw_after == raw_before  # value for value, type for type, as plain SQL reads them
    assert typed_after == typed_before  # and as the code reads them (lab a bool on both databases)
    assert {row[3][0] for row in typed_after} == {"bool"} and {row[2][0] for row in typed_after} == {"int"}
    assert not superseded & {row[0][1] for row in raw_after}


def test_the_view_goes_back_to_the_table_with_the_same_rows(store_url: str, tmp_path: Path) -> None:
    engine, current, _ = _store_at_0004_with_data(store_url, tmp_path)
    upgrade(engine)
    with engine.connect() as connection:
        from_view = _raw_rows(connection)
    downgrade(engine, "0004")
    with engine.connect() as connection:
        assert current_revision(connection) == "0004"
        assert "assessment_clauses" in inspect(connection).get_table_names()
        assert inspect(connection).get_view_names() == []
        assert _raw_rows(connection) == from_view  # refilled: the current assessments' rows
        assert {row[0][1] for row in from_view} == current
    upgrade(engine)  # and up again
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision() and _raw_rows(connection) == from_view
    engine.dispose()


def _action_indexes(connection: Connection) -> dict[str, list[str | None]]:
    return {
        index["name"] or "": list(index["column_names"])
        for index in inspect(connection).get_indexes("actions")
    }


def _tracked(connection: Connection) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(text("SELECT * FROM actions ORDER BY id"))]


def test_the_status_index_of_actions_is_dropped_by_0006_and_rebuilt_by_its_downgrade(
    store_url: str, tmp_path: Path
) -> None:
    engine, _, _ = _store_at_0004_with_data(store_url, tmp_path)
    upgrade(engine, "0005")
    with engine.connect() as connection:
        before = _tracked(connection)
        assert _action_indexes(connection).get("ix_actions_status_due") == ["status", "due_on"]
    assert len(before) > 50  # the samples' baselines opened their plans
    upgrade(engine, "0006")
    with engine.connect() as connection:
        assert current_revision(connection) == "0006"
        assert "ix_actions_status_due" not in _action_indexes(connection)
        assert _tracked(connection) == before  # the rows are untouched
        # The actions are still found by enterprise: the unique (enterprise_id, item_id) serves that.
        uniques = inspect(connection).get_unique_constraints("actions")
        assert [u["column_names"] for u in uniques] == [["enterprise_id", "item_id"]]
    # It still records: the sample is unchanged, a new enterprise opens its plan.
    with Store(store_url) as store:
        assert store.ingest(SAMPLE).outcomes[0].status == "unchanged"
        added = write_answers(tmp_path / "new.yaml", code=credit_code(7), ratings={"4.1-01": 1})
        assert store.ingest(added).outcomes[0].status == "added"
        assert any(action.item_id == "4.1-01" for action in store.actions(credit_code(7)))
    with engine.connect() as connection:
        before = _tracked(connection)
    downgrade(engine, "0005")
    with engine.connect() as connection:
        assert current_revision(connection) == "0005"
        assert _action_indexes(connection).get("ix_actions_status_due") == ["status", "due_on"]
        assert _tracked(connection) == before
    engine.dispose()


def test_0007_deletes_the_stored_openings_and_every_history_reads_the_same(
    store_url: str, tmp_path: Path
) -> None:
    """The golden programme (tests/test_store_stored_rows.py: every writing path, corrected follow-ups whose
    actions were adopted among them), taken back to 0006, holds every opening as an event: its histories equal
    the golden dump's, taken when the write path still stored them. Up to 0007 again: only the openings the
    actions say are deleted (one made different stays, and stands for its action's opening), and every history
    reads the same from the view."""
    golden = json.loads(GOLDEN.read_text("utf-8"))
    fill(store_url, tmp_path)
    engine = create_store_engine(resolve_url(store_url))
    downgrade(engine, "0006")
    with engine.connect() as connection:
        assert current_revision(connection) == "0006"
        assert "action_history" not in inspect(connection).get_view_names()
        # As the previous version stored them: one event per opening and change, the same histories.
        assert _history(connection, stored=True) == golden[HISTORY]
        actions_count = connection.execute(text("SELECT count(*) FROM actions")).scalar_one()
        assert actions_count == golden["actions"]["rows"]
    with engine.begin() as connection:  # an opening with a note: no longer what the action says
        first = connection.execute(text("SELECT min(id) FROM action_events")).scalar_one()
        connection.execute(text(f"UPDATE action_events SET note = 'kept' WHERE id = {first}"))
        noted = connection.execute(
            text(f"SELECT action_id, status, source FROM action_events WHERE id = {first}")
        ).one()
        before = _history(connection, stored=True)
    assert noted.status == "open" and noted.source.startswith("assessment ")
    assert before != golden[HISTORY]

    upgrade(engine)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert _history(connection) == before
        # The stored events: the golden store's (the changes and the adopted openings) and the noted one.
        events = connection.execute(text("SELECT count(*) FROM action_events")).scalar_one()
        assert events == golden["action_events"]["rows"] + 1
        (opening,) = connection.execute(
            text(
                f"SELECT event_id, note FROM action_history WHERE action_id = {noted.action_id} AND ordinal = 0"
            )
        ).all()
        assert opening == (first, "kept")
    engine.dispose()
