"""Chapter 2, the summary for the general manager (总经理摘要), at most two pages.

The verdicts in one sentence each, the weakest clauses and (only from 80) the strengths, the top actions of
the plan as a 30 / 60 / 90-day roadmap, and for a follow-up the headline progress since the baseline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ...report_view import delta_text
from ..cells import PRIORITY_COLORS, RED, colored, key_value_table, side_by_side
from ..document import ACCENT_LIGHT

if TYPE_CHECKING:
    from ....models.result import Action, SectionResult
    from ..report import DiagnosticReport

ROADMAP_BUCKETS = (30, 60, 90)  # an action is due within the first of these its timeframe fits


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
    result, view, msg = report.result, report.view, report.msg
    counts = dict.fromkeys(("major", "minor", "observation"), 0)
    for finding in view.qms_findings:
        counts[finding.grade] += 1
    overall = msg("report.gm.overall", score=view.score(result.overall.score), **counts)
    qms_unassessed = [i for i in view.unanswered_items if not i.lab]
    if qms_unassessed:
        overall += msg("report.gm.not_assessed", count=len(qms_unassessed), completeness=view.completeness())
    readiness = result.overall.readiness
    if readiness == "not-ready":  # say why: the major findings, else the score
        readiness_key = (
            "report.gm.readiness.not-ready-major"
            if counts["major"]
            else "report.gm.readiness.not-ready-score"
        )
    else:
        readiness_key = f"report.gm.readiness.{readiness}"
    lab_major = sum(1 for f in view.lab_findings() if f.grade == "major")
    lab_key = (
        "report.gm.lab.none"
        if not result.enterprise.has_lab
        else f"report.gm.lab.{result.lab.verdict or 'n/a'}"
    )
    if result.lab.verdict == "not-standardized":  # say why: major lab findings, else the index
        lab_key += "-major" if lab_major else "-score"
    return [
        (msg("vocab.measure.overall"), report.text(overall, report.styles.cell)),
        (
            msg("vocab.measure.maturity"),
            report.text(
                msg("report.gm.maturity", level=view.maturity(result.overall.maturity_level)),
                report.styles.cell,
            ),
        ),
        (
            msg("vocab.measure.readiness"),
            report.text(
                msg(
                    readiness_key,
                    verdict=view.readiness(),
                    major=counts["major"],
                    minor=counts["minor"],
                    score=view.score(result.overall.score),
                    completeness=view.completeness(),
                    minimum=view.percent(result.min_completeness),
                ),
                report.styles.cell,
            ),
        ),
        (
            msg("vocab.measure.lab"),
            report.text(
                msg(
                    lab_key,
                    score=view.score(result.lab.score),
                    verdict=view.lab_verdict(),
                    major=lab_major,
                    completeness=view.lab_completeness(),
                ),
                report.styles.cell,
            ),
        ),
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
            delta=delta_text(comparison.overall_delta, report.lang),
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


def bucket_of(action: Action) -> int:
    """The roadmap column of an action: due within 30, 60 or 90 days (a longer or unset timeframe: 90)."""
    days = action.timeframe_days
    for bucket in ROADMAP_BUCKETS:
        if days is not None and days <= bucket:
            return bucket
    return ROADMAP_BUCKETS[-1]


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
    for bucket in ROADMAP_BUCKETS:
        members = [a for a in actions if bucket_of(a) == bucket]
        if not members:
            continue
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
