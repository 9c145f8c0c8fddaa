"""Chapter 4, findings by clause: every finding of the QMS once, with the assessor's note, evidence, root
cause and the recommended action; a clause without findings takes one line. Lab findings are in chapter 5.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, Paragraph, Table

from ..cells import GRADE_COLORS, colored, note_cell

if TYPE_CHECKING:
    from ....models.result import Finding
    from ..report import DiagnosticReport

# Finding tables: the item (with its rating and grade under it), the requirement, the note and the action.
COLUMNS = (0.95, 3.4, 4.6)
COLUMN_KEYS = ("report.detail.id", "report.detail.requirement", "report.findings.note_action")


def build(report: DiagnosticReport) -> list[Flowable]:
    view, s, msg = report.view, report.styles, report.msg
    flowables: list[Flowable] = [
        report.chapter_break(),
        report.heading("report.findings.by_clause"),
        report.text(msg("report.findings.rule"), s.small),
    ]
    by_top: dict[str, list[Finding]] = {}
    for finding in view.qms_findings:
        by_top.setdefault(view.top_of[finding.clause], []).append(finding)
    for top in view.qms_top:
        findings = by_top.get(top.id, [])
        score = view.score(top.score)
        if not findings:
            flowables.append(
                report.text(
                    msg("report.findings.clause_clean", clause=view.section_label(top), score=score), s.body
                )
            )
            continue
        title = report.text(
            msg("report.findings.clause", clause=view.section_label(top), score=score, count=len(findings)),
            s.h2,
        )
        flowables += report.with_table([title], findings_table(report, findings))
    return flowables


def findings_table(report: DiagnosticReport, findings: Sequence[Finding]) -> Table:
    view, msg = report.view, report.msg
    compact = report.styles.compact
    rows: list[list[Any]] = [[msg(k) for k in COLUMN_KEYS]]
    for finding in findings:
        item = report.result.item(finding.item_id)
        action = report.actions_by_item.get(finding.item_id)
        action_text = (
            msg(
                "report.findings.action",
                number=report.action_numbers[finding.item_id],
                action=view.t(action.text),
            )
            if action is not None
            else None
        )
        first: list[Flowable] = [report.text(finding.item_id, compact)]
        if item.critical:
            first.append(colored(report, msg("report.detail.critical"), GRADE_COLORS["major"], compact))
        first += [
            report.text(msg("report.findings.rating", rating=finding.rating, top=view.top_rating), compact),
            # The grade in its short form fits the narrow column unbroken (the rule above names it in full).
            colored(report, msg(f"vocab.grade_short.{finding.grade}"), GRADE_COLORS[finding.grade], compact),
        ]
        rows.append(
            [
                first,
                report.text(view.t(finding.text), compact),
                note_cell(
                    report, view, finding.note, finding.root_cause, item.evidence, action_text, compact
                ),
            ]
        )
    return report.table(rows, COLUMNS, padding=1.5)


def item_cell(report: DiagnosticReport, item_id: str, critical: bool) -> Paragraph | list[Flowable]:
    if critical:
        return [
            report.text(item_id, report.styles.cell),
            colored(report, report.msg("report.detail.critical"), GRADE_COLORS["major"], report.styles.small),
        ]
    return report.text(item_id, report.styles.cell)
