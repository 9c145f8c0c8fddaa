"""Where the store is and how to talk to it: the URL, the engine, and the settings several writers need.

SQLite (the default, ``programme.db`` in the working directory) runs in WAL mode with a busy timeout, and
every transaction starts with ``BEGIN IMMEDIATE``: a writer takes the write lock before it reads, so two
processes never both read, then both try to write and deadlock. PostgreSQL needs psycopg 3 (the
``postgres`` extra); its writers rely on transactions and unique constraints (see :mod:`.writing`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..errors import Iso9001AssessError
from ..i18n import said

ENV_VAR = "ISO9001ASSESS_DB"
DEFAULT_FILE = "programme.db"
BUSY_TIMEOUT_MS = 60_000


class StoreError(Iso9001AssessError):
    """The store cannot be opened or used (a bad URL, a missing driver, a database from a newer version)."""


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """``url`` when given, else ``$ISO9001ASSESS_DB``, else ``programme.db`` in the working directory.
    A plain path (no ``://``) means an SQLite file; ``postgresql://`` URLs use psycopg 3."""
    text = os.fspath(url) if url is not None else (os.environ.get(ENV_VAR) or DEFAULT_FILE)
    if "://" not in text:
        return f"sqlite:///{Path(text).resolve()}"
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def require_existing(url: str) -> None:
    """Refuse an SQLite file that does not exist (``url`` already resolved): a command that only reads the
    store must not create an empty one from a mistyped path. Other databases are left to their server."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    # ":memory:" and SQLite's "file:" URIs are not plain paths to check; a missing folder is said by the
    # engine (errors.store.no_folder), for readers and writers alike.
    if database in ("", ":memory:") or database.startswith("file:") or not Path(database).parent.is_dir():
        return
    if not Path(database).is_file():
        raise StoreError(said("errors.store.no_database", database=database))


def create_store_engine(url: str) -> Engine:
    """The engine for ``url`` (already resolved), with the SQLite settings for concurrent writers."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(said("errors.store.bad_url", url=repr(url))) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        raise StoreError(said("errors.store.no_driver", driver=repr(parsed.drivername))) from None
    except ImportError as exc:
        raise StoreError(
            said("errors.store.driver_missing", driver=parsed.drivername, package=exc.name or str(exc))
        ) from None


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            raise StoreError(said("errors.store.no_folder", database=parsed.database, folder=folder))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is switched off: SQLAlchemy's "begin" event below emits BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(
            "PRAGMA synchronous = NORMAL"
        )  # durable in WAL mode up to the last checkpointed commit
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)
