"""Registers the built-in exporters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..exporters.csv_exporter import CsvExporter
from ..exporters.docx import DocxExporter
from ..exporters.json_exporter import JsonExporter
from ..exporters.markdown import MarkdownExporter
from ..exporters.pdf import PdfExporter
from ..exporters.plan_tracker import PlanTrackerExporter
from ..exporters.xlsx_exporter import XlsxExporter
from ..hookspecs import hookimpl


@hookimpl
def register_exporters(register: Callable[[str, Any], None]) -> None:
    register("json", JsonExporter())
    register("xlsx", XlsxExporter())
    register("pdf", PdfExporter())
    register("csv", CsvExporter())
    register("md", MarkdownExporter())
    register("plan", PlanTrackerExporter())
    register("docx", DocxExporter())
