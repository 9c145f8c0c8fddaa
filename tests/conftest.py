"""Shared fixtures: where the fixture files are, a clean plugin registry per test, and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from iso9001assess.cli import main
from iso9001assess.plugin_manager import reset_registry


@dataclass(frozen=True)
class CliOutcome:
    code: int
    out: str
    err: str


CliRunner = Callable[..., CliOutcome]


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    # The registry is process-wide; --plugin adds to it. Every test starts and ends without local plugins.
    reset_registry()
    yield
    reset_registry()


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
