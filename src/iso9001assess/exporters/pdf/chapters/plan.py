"""Chapter 6, the improvement plan: the top actions in full, with owner and due-date cells to fill in by
hand, then the further actions in a compact table (their text is with their finding in chapter 4 or 5).

A follow-up's report made from the programme store (``report --db``, ``batch --db``) has the plan's state: the
owner and due-date cells then show what the store tracks, and an action that is not simply open (reopened,
in progress, done awaiting verification) says its status under its item id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from ...plan_state import TrackedCells, tracked_cells
from ..cells import PRIORITY_COLORS, colored
from ..document import RULE

if TYPE_CHECKING:
    from ....models.result import Action
    from ..report import DiagnosticReport

TOP_COLUMNS = (
    "report.plan.number",
    "report.plan.action",
    "report.plan.item",
    "report.plan.priority",
    "report.plan.timeframe",
    "report.plan.owner",
    "report.plan.due",
)
FURTHER_COLUMNS = ("report.plan.number", "report.plan.item", "report.plan.priority", "report.plan.timeframe")
FURTHER_PER_ROW = 3  # the compact table holds three actions side by side


def build(report: DiagnosticReport) -> list[Flowable]:
    s, msg = report.styles, report.msg
    flowables: list[Flowable] = [
        report.chapter_break(),
        report.heading("report.plan.title"),
        report.text(msg("report.plan.intro"), s.small),
    ]
    if report.plan_state is not None and report.result.actions:
        as_of = report.plan_state.as_of.isoformat()
        flowables.append(report.text(msg("report.plan.tracked_intro", date=as_of), s.small))
    if not report.result.actions:
        return [*flowables, report.text(msg("report.plan.none"))]
    flowables += report.with_table(
        [report.text(msg("report.plan.top", count=len(report.top_actions)), s.h2)], top_table(report)
    )
    if report.further_actions:
        flowables += report.with_table(
            [
                report.text(msg("report.plan.further", count=len(report.further_actions)), s.h2),
                report.text(msg("report.plan.further_intro"), s.small),
            ],
            further_table(report),
        )
    return flowables


def timeframe(report: DiagnosticReport, action: Action) -> str:
    return (
        report.msg("common.days", count=action.timeframe_days)
        if action.timeframe_days
        else report.msg("common.dash")
    )


def top_table(report: DiagnosticReport) -> Any:
    view, s, msg = report.view, report.styles, report.msg
    rows: list[list[Any]] = [[msg(k) for k in TOP_COLUMNS]]
    for action in report.top_actions:
        tracked = _tracked(report, action.item_id)
        item = [report.text(action.item_id, s.cell), report.text(view.grade(action.grade), s.small)]
        if tracked is not None and tracked.status:
            item.append(report.text(tracked.status, s.small))
        rows.append(
            [
                str(report.action_numbers[action.item_id]),
                view.t(action.text),
                item,
                colored(
                    report,
                    msg(f"vocab.priority.{action.priority}"),
                    PRIORITY_COLORS[action.priority],
                    s.cell_center,
                ),
                timeframe(report, action),
                report.text(tracked.owner, s.cell) if tracked else "",
                tracked.due if tracked else "",
            ]
        )
    return report.table(
        rows,
        [0.5, 4.0, 1.2, 0.8, 1.0, 1.0, 1.0],
        align="rllccll",
        # owner and due date are filled in by hand: ruled boxes
        extra_style=[("GRID", (5, 1), (6, -1), 0.4, RULE)],
    )


def further_table(report: DiagnosticReport) -> Any:
    s, msg = report.styles, report.msg
    actions = report.further_actions
    per_row = FURTHER_PER_ROW
    # Read down the first column, then down the second (as a list printed in two columns).
    height = -(-len(actions) // per_row)
    rows: list[list[Any]] = [[msg(k) for k in FURTHER_COLUMNS] * per_row]
    for line in range(height):
        row: list[Any] = []
        for column in range(per_row):
            index = column * height + line
            if index < len(actions):
                action = actions[index]
                tracked = _tracked(report, action.item_id)
                status = tracked.status if tracked is not None else None
                row += [
                    str(report.action_numbers[action.item_id]),
                    [report.text(action.item_id, s.cell), report.text(status, s.small)]
                    if status
                    else action.item_id,
                    colored(
                        report,
                        msg(f"vocab.priority.{action.priority}"),
                        PRIORITY_COLORS[action.priority],
                        s.cell_center,
                    ),
                    timeframe(report, action),
                ]
            else:
                row += [""] * len(FURTHER_COLUMNS)
        rows.append(row)
    columns = len(FURTHER_COLUMNS)
    return report.table(
        rows,
        [0.45, 0.95, 0.65, 0.8] * per_row,
        align="rlcc" * per_row,
        extra_style=[
            ("LINEAFTER", (columns * block - 1, 0), (columns * block - 1, -1), 0.6, RULE)
            for block in range(1, per_row)
        ],
        padding=1.8,
    )


def _tracked(report: DiagnosticReport, item_id: str) -> TrackedCells | None:
    return tracked_cells(report.plan_state, item_id, report.lang)
