"""Chapter 1, the cover: who was assessed, when, by whom, against what; the four headline figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from ..cells import READINESS_COLORS, RED, VERDICT_COLORS, colored, key_value_table
from ..document import ACCENT, ACCENT_LIGHT, RULE, PdfDocument

if TYPE_CHECKING:
    from ..report import DiagnosticReport


def build(report: DiagnosticReport) -> list[Flowable]:
    result, view, s, msg = report.result, report.view, report.styles, report.msg
    enterprise = result.enterprise
    flowables: list[Flowable] = [Spacer(1, 24 * mm)]
    if view.provisional:
        flowables.append(
            colored(report, msg("report.provisional_cover", completeness=view.completeness()), RED, s.h2)
        )
    flowables += [
        report.text(msg("report.title"), s.cover_title),
        report.text(msg("report.subtitle"), s.cover_subtitle),
        Spacer(1, 4 * mm),
        report.text(enterprise.name, s.h1),
        Spacer(1, 3 * mm),
        key_value_table(report, view.cover_fields()),
        Spacer(1, 8 * mm),
        headline_table(report),
        NextPageTemplate("body"),
        PageBreak(),
    ]
    return flowables


def headline_table(report: DiagnosticReport) -> Table:
    """Four boxes: QMS score, maturity, readiness, lab index with its verdict."""
    result, view, msg = report.result, report.view, report.msg
    big, word, label = _headline_styles(report)
    lab_cell: list[Flowable] = [report.text(view.score(result.lab.score), big)]
    if result.lab.verdict:
        lab_cell.append(colored(report, view.lab_verdict(), VERDICT_COLORS[result.lab.verdict], label))
    values = [
        report.text(view.score(result.overall.score), big),
        report.text(view.maturity(result.overall.maturity_level), word),
        colored(report, view.readiness(), READINESS_COLORS[result.overall.readiness], word),
        lab_cell,
    ]
    labels = [
        report.text(msg(key), label)
        for key in (
            "vocab.measure.overall",
            "vocab.measure.maturity",
            "vocab.measure.readiness",
            "vocab.measure.lab",
        )
    ]
    return _boxes(report, values, labels)


def headline_boxes(document: PdfDocument, figures: Sequence[tuple[str, str]]) -> Table:
    """A row of boxes, each a figure over its label (the portfolio's cover uses it too)."""
    big, _, label = _headline_styles(document)
    values: list[Any] = [document.text(value, big) for value, _ in figures]
    labels: list[Any] = [document.text(text, label) for _, text in figures]
    return _boxes(document, values, labels)


def _headline_styles(document: PdfDocument) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    s = document.styles
    big = s.cover_subtitle.clone(
        "headline", alignment=1, textColor=ACCENT, fontSize=17, leading=22, spaceAfter=0
    )
    return (
        big,
        big.clone("headline_word", fontSize=11.5, leading=16),
        s.small.clone("headline_label", alignment=1),
    )


def _boxes(document: PdfDocument, values: Sequence[Any], labels: Sequence[Any]) -> Table:
    width = document.frame_width / len(values)
    table = Table([list(values), list(labels)], colWidths=[width] * len(values))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return table
