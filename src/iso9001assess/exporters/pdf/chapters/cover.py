"""Chapter 1, the cover: who was assessed, when, by whom, against what; the four headline figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from ..cells import READINESS_COLORS, RED, VERDICT_COLORS, colored, key_value_table
from ..document import ACCENT, ACCENT_LIGHT, RULE

if TYPE_CHECKING:
    from ..report import DiagnosticReport


def build(report: DiagnosticReport) -> list[Flowable]:
    result, view, s, msg = report.result, report.view, report.styles, report.msg
    enterprise, assessment, checklist = result.enterprise, result.assessment, result.checklist
    rows: list[tuple[str, Any]] = [
        (msg("vocab.field.enterprise"), enterprise.name),
        (msg("vocab.field.credit_code"), enterprise.credit_code or msg("common.dash")),
        (msg("vocab.field.region"), view.region()),
        (msg("vocab.field.industry"), view.industry()),
        (msg("vocab.field.size"), view.size()),
        (
            msg("vocab.field.employees"),
            msg("common.dash") if enterprise.employees is None else str(enterprise.employees),
        ),
        (msg("vocab.field.has_lab"), view.yes_no(enterprise.has_lab)),
        (msg("vocab.field.certified"), view.yes_no(enterprise.certified)),
        (msg("vocab.field.kind"), view.kind()),
        (msg("vocab.field.date"), view.date()),
        (msg("vocab.field.assessor"), assessment.assessor or msg("common.dash")),
        (msg("vocab.field.checklist"), view.t(checklist.title) or checklist.id),
        (msg("vocab.field.version"), checklist.version),
    ]
    if checklist.standard:
        rows.append((msg("vocab.field.standard"), checklist.standard))
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
        key_value_table(report, rows),
        Spacer(1, 8 * mm),
        headline_table(report),
        NextPageTemplate("body"),
        PageBreak(),
    ]
    return flowables


def headline_table(report: DiagnosticReport) -> Table:
    """Four boxes: QMS score, maturity, readiness, lab index with its verdict."""
    result, view, s, msg = report.result, report.view, report.styles, report.msg
    big = s.cover_subtitle.clone(
        "headline", alignment=1, textColor=ACCENT, fontSize=17, leading=22, spaceAfter=0
    )
    word = big.clone("headline_word", fontSize=11.5, leading=16)
    label = s.small.clone("headline_label", alignment=1)
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
    width = report.frame_width / 4
    table = Table([values, labels], colWidths=[width] * 4)
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
