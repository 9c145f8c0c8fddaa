"""Chapter 3, the clause overview: a radar chart of the main clauses and a bar chart of the clauses below.

A checklist of any size renders: the bars are drawn in pieces that each fit a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from ..cells import BASELINE_GREY, READY_THRESHOLD
from ..charts import Series, bar_chart, radar_chart, score_band_color

if TYPE_CHECKING:
    from ....models.result import SectionResult
    from ..report import DiagnosticReport

BARS_PER_CHART = 40  # a bar chart of this many clauses fits a page with its caption


def build(report: DiagnosticReport) -> list[Flowable]:
    view, msg = report.view, report.msg
    flowables: list[Flowable] = [report.chapter_break(), report.heading("report.charts.title")]
    top = view.qms_top
    if len(top) >= 3:
        series = [Series(msg("report.charts.current"), [s.score for s in top])]
        if report.comparison is not None:
            before = {d.id: d.baseline for d in report.comparison.sections}
            series.insert(
                0, Series(msg("report.charts.baseline"), [before.get(s.id) for s in top], BASELINE_GREY)
            )
        radar = radar_chart(
            [view.section_label(s) for s in top],
            series,
            font=report.fonts.regular,
            width=report.frame_width,
            height=min(250, 40 + 22 * len(top)) if len(top) > 12 else 250,
            na_label=msg("common.not_available"),
        )
        flowables += [KeepTogether([radar, report.figure("report.charts.radar")])]
    clauses = view.qms_clauses
    if clauses:
        flowables += bars(report, clauses)
    return flowables


def bars(report: DiagnosticReport, clauses: list[SectionResult]) -> list[Flowable]:
    view = report.view
    pieces = [clauses[start : start + BARS_PER_CHART] for start in range(0, len(clauses), BARS_PER_CHART)]
    flowables: list[Flowable] = []
    for number, piece in enumerate(pieces, start=1):
        chart = bar_chart(
            [view.section_label(s) for s in piece],
            [Series(report.msg("report.charts.current"), [s.score for s in piece])],
            font=report.fonts.regular,
            width=report.frame_width,
            label_width=report.frame_width * 0.42,
            threshold=READY_THRESHOLD,
            color_for=score_band_color,
            na_label=report.msg("common.not_available"),
        )
        if number < len(pieces):
            flowables += [CondPageBreak(chart.height + 4 * mm), chart]
        else:
            flowables.append(KeepTogether([chart, report.figure("report.charts.bars")]))
    return flowables
