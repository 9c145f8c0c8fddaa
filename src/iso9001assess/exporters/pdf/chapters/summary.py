"""Chapter 2, the summary for the general manager (总经理摘要), at most two pages.

The verdicts in one sentence each, the weakest clauses and (only from 80) the strengths, the top actions of
the plan as a 30 / 60 / 90-day roadmap, and for a follow-up the headline progress since the baseline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ....rounding import shown_change
from ...report_view import delta_text
from ...report_view import roadmap as grouped_by_due
from ..cells import PRIORITY_COLORS, RED, colored, key_value_table, side_by_side
from ..document import ACCENT_LIGHT

if TYPE_CHECKING:
    from ....models.result import SectionResult
    from ..report import DiagnosticReport


def build(report: DiagnosticReport) -> list[Flowable]:
    view, s, msg = report.view, report.styles, report.msg
    flowables: list[Flowable] = [report.heading("report.gm.title")]
    if view.provisional:
        flowables.append(
            colored(
                report,
                msg(
                    "report.gm.provisional",
                    completeness=view.completeness(),
                    minimum=view.percent(report.result.min_completeness),
                ),
                RED,
                s.body,
            )
        )
    flowables.append(key_value_table(report, verdicts(report), (1.35, 4)))
    if report.comparison is not None:
        flowables += [Spacer(1, 2 * mm), progress_headline(report)]
    flowables += [Spacer(1, 1 * mm), side_by_side(report, weakest(report), strengths(report))]
    flowables += roadmap(report)
    return flowables


def verdicts(report: DiagnosticReport) -> list[tuple[str, Any]]:
    """One sentence for each verdict: QMS score, maturity, readiness, laboratory."""
    return [
        (label, report.text(sentence, report.styles.cell))
        for label, sentence in report.view.verdict_sentences()
    ]


def progress_headline(report: DiagnosticReport) -> Paragraph:
    comparison = report.comparison
    assert comparison is not None
    view = report.view
    before = comparison.baseline
    return report.text(
        report.msg(
            "report.gm.progress",
            date=before.assessment.date.isoformat() if before.assessment.date else report.msg("common.dash"),
            before=view.score(before.overall),
            after=view.score(comparison.followup.overall),
            delta=delta_text(shown_change(before.overall, comparison.followup.overall), report.lang),
            closed=len(comparison.closed),
            new=len(comparison.new),
            persisting=len(comparison.persisting),
        )
    )


def _ranked(report: DiagnosticReport, key: str, sections: list[SectionResult], empty: str) -> list[Flowable]:
    heading = report.text(report.msg(key), report.styles.h3)
    if not sections:
        return [heading, report.text(report.msg(empty), report.styles.small)]
    rows: list[list[Any]] = [[report.msg("report.summary.clause"), report.msg("report.summary.score")]]
    rows += [[report.view.section_label(s), report.view.score(s.score)] for s in sections]
    return [heading, report.table(rows, [4, 1], align="lr", width=report.frame_width * 0.48)]


def weakest(report: DiagnosticReport) -> list[Flowable]:
    return _ranked(report, "report.gm.weakest", report.view.weakest(), "report.summary.no_sections")


def strengths(report: DiagnosticReport) -> list[Flowable]:
    return _ranked(report, "report.gm.strengths", report.view.strengths(), "report.gm.no_strengths")


def roadmap(report: DiagnosticReport) -> list[Flowable]:
    """The top actions grouped by when they are due, each bucket a shaded row above its actions."""
    view, s, msg = report.view, report.styles, report.msg
    actions = report.top_actions
    heading = report.text(msg("report.gm.roadmap", count=len(actions)), s.h3)
    if not actions:
        return [heading, report.text(msg("report.plan.none"), s.small)]
    rows: list[list[Any]] = [
        [
            msg("report.plan.number"),
            msg("report.plan.action"),
            msg("report.plan.item"),
            msg("report.plan.priority"),
        ]
    ]
    shading: list[tuple[Any, ...]] = []
    for bucket, members in grouped_by_due(actions):
        rows.append(
            [
                report.text(
                    msg(f"report.gm.bucket.{bucket}"), s.cell_head.clone("bucket", textColor=s.h2.textColor)
                )
            ]
        )
        at = len(rows) - 1
        shading += [("SPAN", (0, at), (-1, at)), ("BACKGROUND", (0, at), (-1, at), ACCENT_LIGHT)]
        for action in members:
            rows.append(
                [
                    str(report.action_numbers[action.item_id]),
                    view.t(action.text),
                    action.item_id,
                    colored(
                        report,
                        msg(f"vocab.priority.{action.priority}"),
                        PRIORITY_COLORS[action.priority],
                        s.cell_center,
                    ),
                ]
            )
    for row in rows:
        row.extend([""] * (4 - len(row)))
    table: Table = report.table(rows, [0.5, 6.2, 1.2, 0.9], align="rllc", extra_style=shading)
    return [heading, table]
