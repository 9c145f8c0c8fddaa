"""Bring a store's schema to the newest revision: on first use (an empty database) and after an upgrade of
the library. Runs Alembic on the scripts shipped in ``migrations/`` (no alembic.ini needed).

The check and the upgrade happen in one transaction under a lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
an advisory lock), so several processes opening a new store at once migrate it exactly once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from .connection import StoreError, is_sqlite

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed 64-bit number: the advisory lock every iso9001assess process takes to migrate a PostgreSQL store.
_PG_LOCK = 900_190_012_015


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the store to ``revision`` (the newest by default); nothing happens when it is there already."""
    with engine.begin() as connection:
        if not is_sqlite(engine):
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        current = current_revision(connection)
        target = head_revision() if revision == "head" else revision
        if current == target:
            return
        known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"the store's schema ({current}) is newer than this version of iso9001assess knows; upgrade it"
            )
        command.upgrade(_config(connection), revision)
