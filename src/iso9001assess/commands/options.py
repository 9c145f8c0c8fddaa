"""Options shared by the commands that use the programme store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(
    help: str = "The programme store: an SQLite file or URL, or a PostgreSQL URL.",
) -> Callable[[F], F]:
    """``--db URL`` (or ISO9001ASSESS_DB; default: programme.db in the working directory)."""
    return click.option(
        "--db",
        "db_url",
        metavar="URL",
        envvar="ISO9001ASSESS_DB",
        help=help + " Also ISO9001ASSESS_DB; default: programme.db here.",
    )
