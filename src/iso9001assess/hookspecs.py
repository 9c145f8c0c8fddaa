"""The plugin hooks. Each receives a ``register`` callback; see docs/plugins.md for the contract."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pluggy

PROJECT = "iso9001assess"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_checklists(register: Callable[[Any], None]) -> None:
    """Register checklists: ``register(path_or_checklist)`` with a YAML/JSON file path or a Checklist/Overlay."""


@hookspec
def register_scoring_strategies(register: Callable[[str, Any], None]) -> None:
    """Register scoring strategies: ``register(name, strategy)``."""


@hookspec
def register_exporters(register: Callable[[str, Any], None]) -> None:
    """Register exporters: ``register(name, exporter)``."""


@hookspec
def register_messages(
    register: Callable[[Mapping[str, Mapping[str, str | Mapping[str, str]]]], None],
) -> None:
    """Register message catalogue entries: ``register({key: {lang: text}})``, English required; a counted
    entry's text is its plural forms ``{"one": ..., "other": ...}``, as in the package's catalogues."""


@hookspec
def register_report_chapters(register: Callable[[str, Any], None]) -> None:
    """Add or replace a chapter of the diagnostic PDF: ``register(name, chapter)``, ``chapter.build(report)``."""
