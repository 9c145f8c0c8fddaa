"""Colours and table cells the report's chapters share: grades, readiness, notes, key/value tables.

Functions of a ``PdfDocument`` (and the report view for words), so that a plugin's chapter builds the same
cells as the built-in ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..report_view import ReportView
from .document import ACCENT, ACCENT_LIGHT, PdfDocument

GRADE_COLORS: dict[str, Any] = {
    "major": colors.HexColor("#C0392B"),
    "minor": colors.HexColor("#E07B39"),
    "observation": colors.HexColor("#B7950B"),
}
RED = GRADE_COLORS["major"]
AMBER = GRADE_COLORS["minor"]
GREEN = colors.HexColor("#3A8D5C")
GREY = colors.HexColor("#5B6770")
BASELINE_GREY = colors.HexColor("#9AA5B1")
READINESS_COLORS: dict[str, Any] = {
    "incomplete": GREY,
    "not-ready": RED,
    "conditionally-ready": AMBER,
    "ready": GREEN,
}
VERDICT_COLORS: dict[str, Any] = {
    "incomplete": GREY,
    "not-standardized": RED,
    "basically-standardized": AMBER,
    "standardized": GREEN,
}
PRIORITY_COLORS: dict[str, Any] = {"high": RED, "medium": AMBER, "low": GREY}
READY_THRESHOLD = 60.0
STRENGTH_THRESHOLD = 80.0


def colored(document: PdfDocument, text: str, color: Any, style: ParagraphStyle | None = None) -> Paragraph:
    """Literal text in a colour (a style of that colour, cached: cheaper than a font tag per cell)."""
    base = style or document.styles.cell
    name = f"{base.name}-{color.hexval()}"
    cache: dict[str, ParagraphStyle] = document.__dict__.setdefault("_colored_styles", {})
    if name not in cache:
        cache[name] = base.clone(name, textColor=color)
    return document.text(text, cache[name])


def grade_cell(document: PdfDocument, view: ReportView, grade: str | None) -> Paragraph:
    if grade is None:
        return document.text(view.msg("vocab.grade.none"), document.styles.cell)
    return colored(document, view.msg(f"vocab.grade.{grade}"), GRADE_COLORS[grade])


def note_cell(
    document: PdfDocument,
    view: ReportView,
    note: str | None,
    root_cause: str | None,
    evidence: Sequence[str] = (),
    action: str | None = None,
    style: ParagraphStyle | None = None,
) -> list[Flowable]:
    """Note, root cause, evidence and the recommended action, one paragraph each (one run wraps fastest)."""
    style = style or document.styles.cell
    parts = [note] if note else []
    if root_cause:
        parts.append(view.msg("report.detail.root_cause", cause=root_cause))
    if evidence:
        parts.append(view.msg("report.detail.evidence", evidence=view.locale.join(evidence)))
    cells: list[Flowable] = [document.text(part, style) for part in parts]
    if action:
        cells.append(colored(document, action, ACCENT, style))
    return cells


def key_value_table(
    document: PdfDocument, rows: Sequence[tuple[str, Any]], fractions: Sequence[float] = (1, 2.4)
) -> Table:
    label_cells = [[document.text(label, document.styles.cell), value] for label, value in rows]
    return document.table(
        label_cells,
        fractions,
        header=False,
        extra_style=[("TEXTCOLOR", (0, 0), (0, -1), ACCENT), ("BACKGROUND", (0, 0), (0, -1), ACCENT_LIGHT)],
    )


def side_by_side(document: PdfDocument, left: list[Flowable], right: list[Flowable]) -> Table:
    half = document.frame_width / 2
    table = Table([[left, right]], colWidths=[half, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
