"""Chapter 8, the appendix: every item and its rating in a compact table, the items not assessed, the items not
applicable with their justifications (exclusions and not-triggered apart), the scale, the scoring method in
words, and the checklist's identity and hash."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from ....models.result import ItemResult
from ..cells import GRADE_COLORS, colored, key_value_table
from ..document import RULE

if TYPE_CHECKING:
    from ..report import DiagnosticReport

ITEMS_PER_ROW = 3  # the compact item table holds three items side by side


def build(report: DiagnosticReport) -> list[Flowable]:
    s, msg = report.styles, report.msg
    flowables: list[Flowable] = [report.chapter_break(), report.text(msg("report.appendix.title"), s.h1)]
    flowables += report.with_table([report.text(msg("report.appendix.h_items"), s.h2)], items_table(report))
    flowables += not_assessed(report)
    flowables += not_applicable(report)
    flowables += scale_and_method(report)
    return flowables


def rating_word(report: DiagnosticReport, item: ItemResult) -> str:
    if item.status == "not-applicable":
        return report.msg("vocab.status_short.not-applicable")
    if item.rating is None:
        return report.msg("vocab.status_short.unanswered")
    return str(item.rating)


def items_table(report: DiagnosticReport) -> Table:
    s, msg = report.styles, report.msg
    compact = s.compact
    items = report.result.items
    height = -(-len(items) // ITEMS_PER_ROW)
    head = [msg("report.detail.id"), msg("report.detail.rating"), msg("report.detail.grade")]
    rows: list[list[Any]] = [head * ITEMS_PER_ROW]
    for line in range(height):
        row: list[Any] = []
        for column in range(ITEMS_PER_ROW):
            index = column * height + line
            if index >= len(items):
                row += ["", "", ""]
                continue
            item = items[index]
            if not item.scored:
                grade: Any = report.text(msg("report.appendix.informational"), compact)
            elif item.grade:
                grade = colored(
                    report, msg(f"vocab.grade_short.{item.grade}"), GRADE_COLORS[item.grade], compact
                )
            else:
                grade = ""
            row += [report.text(item.id, compact), report.text(rating_word(report, item), compact), grade]
        rows.append(row)
    return report.table(
        rows,
        [1.0, 0.75, 1.05] * ITEMS_PER_ROW,
        align="lcl" * ITEMS_PER_ROW,
        padding=1.5,
        extra_style=[
            ("LINEAFTER", (c * 3 - 1, 0), (c * 3 - 1, -1), 0.6, RULE) for c in range(1, ITEMS_PER_ROW)
        ],
    )


def not_assessed(report: DiagnosticReport) -> list[Flowable]:
    s, msg, view = report.styles, report.msg, report.view
    items = view.unanswered_items
    heading = report.text(msg("report.appendix.h_unassessed", count=len(items)), s.h2)
    if not items:
        return [heading, report.text(msg("report.appendix.unanswered_none"))]
    ids = report.view.locale.join(i.id for i in items)
    return [heading, report.text(msg("report.appendix.unassessed_intro")), report.text(ids, s.cell)]


def not_applicable(report: DiagnosticReport) -> list[Flowable]:
    s, msg, view, result = report.styles, report.msg, report.view, report.result
    flowables: list[Flowable] = [report.text(msg("report.appendix.h_na"), s.h2)]
    sections = [sec for sec in result.sections if sec.justification]
    if sections:
        rows: list[list[Any]] = [[msg("report.summary.clause"), msg("report.appendix.justification")]]
        rows += [[view.section_label(sec), sec.justification] for sec in sections]
        flowables += report.with_table(
            [report.text(msg("report.appendix.na_sections"), s.h3)], report.table(rows, [3, 5])
        )
    declared_by_section = {sec.id for sec in sections}
    for kind in ("excluded", "not-triggered"):
        items = [i for i in view.not_applicable_of(kind) if i.section not in declared_by_section]
        if not items:
            continue
        rows = [
            [msg("report.detail.id"), msg("report.detail.requirement"), msg("report.appendix.justification")]
        ]
        rows += [[i.id, view.t(i.text), i.justification or msg("common.dash")] for i in items]
        flowables += report.with_table(
            [report.text(msg(f"report.appendix.na_{kind}", count=len(items)), s.h3)],
            report.table(rows, [1, 4, 3]),
        )
    if view.not_applicable_of("no-lab") or (not result.enterprise.has_lab and view.lab_sections):
        flowables.append(report.text(msg("report.appendix.na_lab")))
    if len(flowables) == 1:
        flowables.append(report.text(msg("report.appendix.na_none")))
    return flowables


def scale_and_method(report: DiagnosticReport) -> list[Flowable]:
    s, msg, view, result = report.styles, report.msg, report.view, report.result
    scale_rows: list[list[Any]] = [
        [msg("report.appendix.value"), msg("report.appendix.label"), msg("report.appendix.description")]
    ]
    scale_rows += [
        [str(level.value), view.t(level.label), view.t(level.description) if level.description else ""]
        for level in result.scale
    ]
    flowables: list[Flowable] = report.with_table(
        [report.text(msg("report.appendix.h_scale"), s.h2)],
        report.table(scale_rows, [0.7, 1.6, 5.7], align="cll"),
    )
    flowables += [
        report.text(msg("report.appendix.h_method"), s.h2),
        report.text(msg("report.appendix.strategy", strategy=view.strategy())),
        report.text(view.method()),
        *(report.text(rule) for rule in view.verdict_rules()),
    ]
    checklist = result.checklist
    facts = [
        (msg("vocab.field.checklist"), view.t(checklist.title) or checklist.id),
        (msg("report.appendix.checklist_id"), checklist.id),
        (msg("vocab.field.version"), checklist.version),
        (msg("vocab.field.standard"), checklist.standard or msg("common.dash")),
        (msg("vocab.field.sha256"), checklist.sha256),
    ]
    flowables += [
        report.text(msg("report.appendix.h_checklist"), s.h2),
        key_value_table(report, facts, (1, 3.2)),
        Spacer(1, 2 * mm),
        report.text(msg("report.appendix.reproduce"), s.small),
    ]
    return flowables
