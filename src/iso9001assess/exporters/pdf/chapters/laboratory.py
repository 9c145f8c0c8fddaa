"""Chapter 5, laboratory and inspection/testing capability: index, verdict, chart, lab findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from ..cells import READY_THRESHOLD
from ..charts import Series, bar_chart, score_band_color
from .findings import findings_table

if TYPE_CHECKING:
    from ..report import DiagnosticReport


def build(report: DiagnosticReport) -> list[Flowable]:
    view, s, msg, result = report.view, report.styles, report.msg, report.result
    if not view.lab_sections:
        return []
    if not result.enterprise.has_lab or result.lab.score is None:
        # A few lines: they follow the previous chapter on its page when there is room.
        why = "report.lab.none" if not result.enterprise.has_lab else "report.lab.all_not_applicable"
        return [
            CondPageBreak(40 * mm),
            report.heading("report.lab.title"),
            report.text(msg("report.lab.intro")),
            report.text(msg(why)),
        ]
    flowables: list[Flowable] = [
        report.chapter_break(),
        report.heading("report.lab.title"),
        report.text(msg("report.lab.intro"), s.small),
    ]
    flowables.append(
        report.rich(
            report.filled(
                "report.lab.verdict_line",
                score=view.score(result.lab.score),
                verdict=view.lab_verdict(),
                completeness=view.lab_completeness(),
            ),
            s.h3,
        )
    )
    elements = view.lab_elements
    chart = bar_chart(
        [view.section_label(e) for e in elements],
        [Series(msg("vocab.measure.lab"), [e.score for e in elements])],
        font=report.fonts.regular,
        width=report.frame_width,
        label_width=report.frame_width * 0.42,
        threshold=READY_THRESHOLD,
        color_for=score_band_color,
        na_label=msg("common.not_available"),
    )
    flowables.append(KeepTogether([chart, report.figure("report.lab.chart")]))
    lab_findings = view.lab_findings()
    if lab_findings:
        title = report.text(msg("report.lab.findings_count", count=len(lab_findings)), s.h2)
        flowables += report.with_table([title], findings_table(report, lab_findings))
    else:
        flowables.append(report.text(msg("report.lab.no_findings")))
    return flowables
