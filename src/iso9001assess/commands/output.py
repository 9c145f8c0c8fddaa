"""The command line's two output channels: data on stdout, and the log (warnings, -v detail) on stderr.

The library never prints; it logs to the ``iso9001assess.*`` loggers and warns (plugin failures). Here the
command line gives those records, a plugin's own log records and Python warnings one handler on stderr, at the
level ``-v``/``--quiet`` choose, and prints its own status lines ("wrote FILE") unless ``--quiet``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..i18n import Text
from ..plugin_manager import PluginWarning
from .language import command_language

logger = logging.getLogger("iso9001assess")
_state = {"quiet": False}


class EchoHandler(logging.Handler):
    """``level: message`` on stderr through click (so test runners and pipes capture it like other output)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)
        except Exception:  # a broken pipe or bad format must not turn a log line into a traceback
            self.handleError(record)


def level_for(verbose: int, quiet: bool) -> int:
    """--quiet: errors only; default: warnings; -v: what was done; -vv: every detail."""
    if quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)


_handler = EchoHandler(logging.WARNING)


@contextmanager
def log_to_stderr() -> Iterator[None]:
    """Attach the handler to the root logger for one run of the command line, then restore everything."""
    root = logging.getLogger()
    saved_level = root.level
    _handler.setLevel(logging.WARNING)
    root.setLevel(logging.WARNING)
    root.addHandler(_handler)
    _state["quiet"] = False
    try:
        yield
    finally:
        root.removeHandler(_handler)
        root.setLevel(saved_level)


def set_verbosity(verbose: int, quiet: bool) -> None:
    level = level_for(verbose, quiet)
    _handler.setLevel(level)
    logging.getLogger().setLevel(level)
    _state["quiet"] = quiet


def is_quiet() -> bool:
    return _state["quiet"]


def status(text: str) -> None:
    """A line that says what was done (``wrote FILE``): printed unless ``--quiet``."""
    if not _state["quiet"]:
        click.echo(text)


def show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """``warnings.showwarning`` for the command line: a warning is a log record like any other; one raised
    with a ``Text`` (``MissingGlyphWarning(said(...))``) is said in the command's language."""
    if isinstance(message, Warning) and message.args and isinstance(message.args[0], Text):
        message = message.args[0](command_language())
    if issubclass(category, PluginWarning):
        logging.getLogger("iso9001assess.plugins").warning("%s", message)
    else:
        logging.getLogger("py.warnings").warning("%s: %s", category.__name__, message)


def emit_json(document: Any) -> None:
    """One JSON document on stdout: indented for a person at a terminal, compact for a program or a file."""
    import sys

    indent = 2 if sys.stdout.isatty() else None
    if hasattr(document, "model_dump_json"):
        click.echo(document.model_dump_json(indent=indent))
    else:
        separators = None if indent else (",", ":")
        click.echo(json.dumps(document, ensure_ascii=False, indent=indent, separators=separators))


def say_skipped(sources: Sequence[Path], lang: str) -> None:
    """On stderr: each file of the given folders passed over as recognisably no answer file (the
    answers.schema.json beside a questionnaire, a programme file), unless ``--quiet``."""
    from ..programme.inputs import skipped_inputs

    if is_quiet():
        return
    for _path, said_so in skipped_inputs(sources):
        click.echo(said_so(lang), err=True)
