"""Shared fixtures: where the fixture files are, a clean plugin registry per test, and the CLI run in-process."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from iso9001assess.cli import main
from iso9001assess.loading.cache import ENV_VAR as CACHE_ENV
from iso9001assess.plugin_manager import reset_registry


@dataclass(frozen=True)
class CliOutcome:
    code: int
    out: str
    err: str


CliRunner = Callable[..., CliOutcome]


@pytest.fixture(autouse=True, scope="session")
def _session_checklist_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # The tests (and the commands they start) keep parsed checklists in a cache of their own, never in the
    # user's cache directory.
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("checklist-cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    # The registry is process-wide; --plugin adds to it. Every test starts and ends without local plugins.
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands speak English unless given --lang (ISO9001ASSESS_LANG): for tests that read English messages."""
    monkeypatch.setenv("ISO9001ASSESS_LANG", "en")


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``iso9001assess ARGS`` in this process through the console entry point; return code and output."""

    def run(*args: str | Path) -> CliOutcome:
        capsys.readouterr()  # drop anything printed before
        code = 0
        try:
            main([str(arg) for arg in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        reset_registry()
        return CliOutcome(code, captured.out, captured.err)

    return run


# -- the programme store: every store test runs against SQLite and against PostgreSQL -------------------------
POSTGRES_ENV = "ISO9001ASSESS_TEST_POSTGRES"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty store: an SQLite file, or a fresh database on the PostgreSQL server named by
    $ISO9001ASSESS_TEST_POSTGRES (an admin URL; .ci/run starts a throw-away server and sets it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'programme.db'}"
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"PostgreSQL store tests need a server: set {POSTGRES_ENV} (.ci/run starts one)")
    with new_postgres_database(admin_url) as url:
        yield url


@contextmanager
def new_postgres_database(admin_url: str) -> Iterator[str]:
    """The URL of a new, empty database on the server ``admin_url`` names, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from iso9001assess.store import resolve_url

    admin = create_engine(resolve_url(admin_url), isolation_level="AUTOCOMMIT")
    name = f"store_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(resolve_url(admin_url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
