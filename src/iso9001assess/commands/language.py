"""The language the command line speaks to its reader: errors and status lines in the command's language."""

from __future__ import annotations

import os
from collections.abc import Sequence

import click

LANG_ENV = "ISO9001ASSESS_LANG"
DEFAULT_CLI_LANGUAGE = "zh"  # our readers read Chinese first; every --lang defaults to it too


def reader_language(args: Sequence[str]) -> str:
    """The command's ``--lang`` (read from the arguments: an error can come before or after click parsed
    them), else ``ISO9001ASSESS_LANG``, else Chinese. An unknown language falls back along the catalogue's
    chain, so a typo here never hides the error being shown."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return os.environ.get(LANG_ENV) or DEFAULT_CLI_LANGUAGE


def command_language() -> str:
    """Inside a command: its ``--lang`` when it has one, else ``ISO9001ASSESS_LANG``, else Chinese."""
    context = click.get_current_context(silent=True)
    lang = context.params.get("lang") if context is not None else None
    return lang if isinstance(lang, str) else os.environ.get(LANG_ENV) or DEFAULT_CLI_LANGUAGE
