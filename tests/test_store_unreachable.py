"""A PostgreSQL store that cannot be reached is an environment failure: every store command exits 3 with one
line from the catalogue, the URL as the user gave it (no driver added, password masked) and no link to
SQLAlchemy's documentation. A Python caller gets ``StoreUnreachable`` (a ``StoreError`` and an
``EnvironmentFailure``) that speaks of no command-line option."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.errors import EnvironmentFailure
from iso9001assess.i18n import message
from iso9001assess.store import Store, StoreError, StoreUnreachable
from store_support import SAMPLES

FOLLOW_UP = SAMPLES / "gz-electronics-followup.yaml"


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on (bound, then released): a connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "args",
    [
        ["enterprises"],
        ["plan", "91440101MA5CXXXX01", "-o", "{out}/plan.xlsx"],
        ["progress", "--programme", "gd-2022-qms", "-o", "{out}/progress.pdf"],
        ["report", str(FOLLOW_UP), "-o", "{out}/report.pdf"],
        ["ingest", str(SAMPLES / "zs-food.yaml")],
        ["batch", str(SAMPLES / "zs-food.yaml"), "-o", "{out}/batch"],
    ],
    ids=["enterprises", "plan", "progress", "report", "ingest", "batch"],
)
@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_every_store_command_exits_3_on_an_unreachable_server(
    run_cli: CliRunner, tmp_path: Path, closed_port: int, args: list[str], lang: str
) -> None:
    url = f"postgresql://assessor:s3cret@127.0.0.1:{closed_port}/programme"
    shown = f"postgresql://assessor:***@127.0.0.1:{closed_port}/programme"
    out = tmp_path / "out"
    out.mkdir()
    outcome = run_cli(*[arg.format(out=out) for arg in args], "--db", url, "--lang", lang)
    assert outcome.code == 3, outcome.err
    (line,) = outcome.err.splitlines()
    start = message(
        "cli.error", lang, message=message("errors.store.unreachable", lang, store=shown, reason="")
    )
    assert line.startswith(start), line
    assert line.endswith(message("cli.store_hint.unreachable", lang))
    assert "Connection refused" in line or "connection" in line.lower()
    for leak in ("s3cret", "+psycopg", "sqlalche.me", "OperationalError", "Traceback"):
        assert leak not in outcome.err + outcome.out
    assert [p.name for p in out.iterdir()] == []  # nothing written


def test_a_python_caller_gets_an_environment_failure_that_names_no_option(closed_port: int) -> None:
    url = f"postgresql://assessor:s3cret@127.0.0.1:{closed_port}/programme"
    with pytest.raises(StoreUnreachable) as raised:
        Store(url)
    assert isinstance(raised.value, StoreError) and isinstance(raised.value, EnvironmentFailure)
    said = str(raised.value)
    assert said.startswith(
        f"cannot reach the store postgresql://assessor:***@127.0.0.1:{closed_port}/programme: "
    )
    for cli_word in ("--db", "ISO9001ASSESS_DB", "s3cret"):
        assert cli_word not in said


def test_a_missing_sqlite_store_said_to_a_python_caller_names_no_option(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as raised:
        Store(tmp_path / "nosuch.db", create=False)
    assert str(raised.value) == f"{tmp_path / 'nosuch.db'}: no programme store here"
    assert not isinstance(raised.value, EnvironmentFailure)  # a mistyped path is the input's fault: exit 1
