"""The ``html-summary`` exporter for iso9001assess: an example exporter plugin (see exporter.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iso9001assess.plugin import hookimpl

from .exporter import HtmlSummaryExporter

__all__ = ["HtmlSummaryExporter", "register_exporters"]


@hookimpl
def register_exporters(register: Callable[[str, Any], None]) -> None:
    register("html-summary", HtmlSummaryExporter())
