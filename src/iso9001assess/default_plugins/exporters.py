"""Registers the built-in exporters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..exporters.json_exporter import JsonExporter
from ..exporters.xlsx_exporter import XlsxExporter
from ..hookspecs import hookimpl


@hookimpl
def register_exporters(register: Callable[[str, Any], None]) -> None:
    register("json", JsonExporter())
    register("xlsx", XlsxExporter())
