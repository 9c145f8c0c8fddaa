"""Bring a store's schema to the newest revision: on first use (an empty database) and after an upgrade of
the library. Runs Alembic on the scripts shipped in ``migrations/`` (no alembic.ini needed).

The check and the upgrade happen in one transaction under a lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
an advisory lock), so several processes opening a new store at once migrate it exactly once.

Opening a store that is already at the newest revision (nearly every command) reads the revision with one
query and does not import Alembic at all: the newest revision is read from the scripts' own lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from ..i18n import said
from .connection import StoreError, is_sqlite

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed 64-bit number: the advisory lock every iso9001assess process takes to migrate a PostgreSQL store.
_PG_LOCK = 900_190_012_015
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|None)', re.MULTILINE)

if TYPE_CHECKING:
    from alembic.config import Config


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


@lru_cache(maxsize=1)
def scripted_head() -> str | None:
    """The newest revision as the scripts declare it (``revision = "…"``, ``down_revision = "…"``): the one
    no other script names as its predecessor; None when that is not one revision (Alembic then decides)."""
    revisions: set[str] = set()
    predecessors: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(script.read_text("utf-8")):
            (revisions if name == "revision" else predecessors).add(value)
    heads = revisions - predecessors
    return heads.pop() if len(heads) == 1 else None


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _at_head(engine: Engine) -> bool:
    head = scripted_head()
    if head is None:
        return False
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return versions == [head]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the store to ``revision`` (the newest by default); nothing happens when it is there already."""
    if revision == "head" and _at_head(engine):
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    with engine.begin() as connection:
        if not is_sqlite(engine):
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        current = current_revision(connection)
        target = head_revision() if revision == "head" else revision
        if current == target:
            return
        known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(said("errors.store.newer_schema", revision=current))
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the store back to ``revision`` (each migration's ``downgrade``): for an operator going back to an
    earlier release of the library, and for the tests that check the way back keeps the data."""
    from alembic import command

    with engine.begin() as connection:
        if not is_sqlite(engine):
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        command.downgrade(_config(connection), revision)
