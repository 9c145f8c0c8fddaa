"""Chapter 7, progress since the baseline (a follow-up): the headline figures before and now, score changes
by clause, and the findings closed / new / persisting counted by clause (closed ones are not listed).

``progress_story(document, comparison)`` builds it on any ``PdfDocument``: the comparison PDF uses it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ....comparison import Comparison, FindingChange, Snapshot
from ....i18n import message
from ....models.base import localize
from ....models.tracking import PlanState
from ....rounding import shown_change
from ...plan_state import plan_state_words
from ...report_view import (
    HEADLINE_COLUMN_KEYS,
    Tone,
    headline_changes,
    score_change,
    score_text,
)
from ...report_view import changes_by_clause as clause_changes
from ..cells import BASELINE_GREY, GREEN, READY_THRESHOLD, RED
from ..charts import Series, bar_chart
from ..document import ACCENT, ACCENT_LIGHT, PdfDocument
from ..markup import escape

if TYPE_CHECKING:
    from ..report import DiagnosticReport


def build(report: DiagnosticReport) -> list[Flowable]:
    if report.comparison is None and report.plan_state is None:
        return []
    story = progress_story(report, report.comparison) if report.comparison is not None else []
    return [
        report.chapter_break(),
        report.heading("report.progress.title"),
        *story,
        *plan_state_story(report, report.plan_state),
    ]


def plan_state_story(document: PdfDocument, state: PlanState | None) -> list[Flowable]:
    """The plan's state in the programme store: verified, reopened, still open, done, overdue."""
    if state is None:
        return []
    words = plan_state_words(state, document.lang)
    s = document.styles
    return [
        document.text(words.title, s.h3),
        document.text(words.counts),
        *(document.text(line, s.small) for line in words.lists),
    ]


def progress_story(
    document: PdfDocument, comparison: Comparison, *, list_findings: bool = False
) -> list[Flowable]:
    """The progress section on any document. ``list_findings`` adds the new and persisting findings one by one
    (a document that does not list the current findings elsewhere, such as the comparison PDF)."""
    lang = document.lang
    s = document.styles

    def msg(key: str, **values: object) -> str:
        return message(key, lang, **values)

    def change_cell(text: str, tone: Tone) -> Paragraph | str:
        """A change, green when better and red when worse."""
        if tone is None:
            return text
        color = (GREEN if tone == "better" else RED).hexval()
        return document.rich(f'<font color="{color}">{escape(text)}</font>', s.cell_right)

    before, after = comparison.baseline, comparison.followup
    flowables: list[Flowable] = [
        document.text(msg("report.progress.intro", baseline=_date(before, lang), followup=_date(after, lang)))
    ]
    if before.checklist_sha256 != after.checklist_sha256:
        flowables.append(document.text(msg("report.progress.checklist_changed"), s.small))
    rows: list[list[Any]] = [[msg(key) for key in HEADLINE_COLUMN_KEYS]]
    rows += [
        [row.measure, row.baseline, row.followup, change_cell(row.change, row.tone)]
        for row in headline_changes(comparison, lang)
    ]
    flowables.append(document.table(rows, [3, 2, 2, 1.2], align="lllr"))

    tops = [d for d in comparison.sections if d.depth == 0]
    chart = bar_chart(
        [f"{d.id} {localize(d.title, lang)}" for d in tops],
        [
            Series(msg("report.charts.baseline"), [d.baseline for d in tops], BASELINE_GREY),
            Series(msg("report.charts.current"), [d.followup for d in tops], ACCENT),
        ],
        font=document.fonts.regular,
        width=document.frame_width,
        label_width=document.frame_width * 0.42,
        bar_height=7,
        threshold=READY_THRESHOLD,
        na_label=msg("common.not_available"),
    )
    flowables += [Spacer(1, 3 * mm), KeepTogether([chart, document.caption(msg("report.progress.chart"))])]

    section_rows: list[list[Any]] = [
        [
            msg("report.summary.clause"),
            msg("report.progress.baseline"),
            msg("report.progress.followup"),
            msg("report.progress.delta"),
        ]
    ]
    shaded: list[tuple[Any, ...]] = []
    for d in comparison.sections:
        if d.depth > 1:
            continue
        section_rows.append(
            [
                f"{d.id} {localize(d.title, lang)}",
                score_text(d.baseline, lang),
                score_text(d.followup, lang),
                change_cell(*score_change(shown_change(d.baseline, d.followup), lang)),
            ]
        )
        if d.depth == 0:
            row = len(section_rows) - 1
            shaded.append(("BACKGROUND", (0, row), (-1, row), ACCENT_LIGHT))
    flowables += document.with_table(
        [document.text(msg("report.progress.by_clause"), s.h3)],
        document.table(section_rows, [5, 1.2, 1.2, 1.2], align="lrrr", extra_style=shaded),
    )
    flowables += document.with_table(
        [
            document.text(
                msg(
                    "report.progress.findings_by_clause",
                    closed=len(comparison.closed),
                    new=len(comparison.new),
                    persisting=len(comparison.persisting),
                ),
                s.h3,
            )
        ],
        changes_by_clause(document, comparison, msg),
    )
    if list_findings:
        for key, changes in (
            ("report.progress.new", comparison.new),
            ("report.progress.persisting", comparison.persisting),
        ):
            flowables.append(document.text(msg(key, count=len(changes)), s.h3))
            flowables.append(
                _changes_table(document, changes, msg)
                if changes
                else document.text(msg("common.none"), s.small)
            )
    return flowables


def changes_by_clause(document: PdfDocument, comparison: Comparison, msg: Callable[..., str]) -> Table:
    """Closed / new / persisting findings counted under each main clause, in clause order."""
    counted = clause_changes(comparison)
    rows: list[list[Any]] = [
        [
            msg("report.summary.clause"),
            msg("report.progress.closed_short"),
            msg("report.progress.new_short"),
            msg("report.progress.persisting_short"),
        ]
    ]
    for top, title, counts in counted:
        rows.append([f"{top} {localize(title, document.lang)}", *(str(n) for n in counts)])
    totals = [sum(counts[i] for _, _, counts in counted) for i in range(3)]
    rows.append([msg("report.progress.total"), *(str(n) for n in totals)])
    last = len(rows) - 1
    return document.table(
        rows,
        [5, 1.2, 1.2, 1.2],
        align="lrrr",
        extra_style=[("BACKGROUND", (0, last), (-1, last), ACCENT_LIGHT)],
    )


def _date(snapshot: Snapshot, lang: str) -> str:
    return snapshot.assessment.date.isoformat() if snapshot.assessment.date else message("common.dash", lang)


def _changes_table(document: PdfDocument, changes: Sequence[FindingChange], msg: Callable[..., str]) -> Table:
    rows: list[list[Any]] = [
        [msg("report.detail.id"), msg("report.detail.requirement"), msg("report.progress.grade_change")]
    ]
    for change in changes:
        before = (
            msg(f"vocab.grade.{change.baseline_grade}")
            if change.baseline_grade
            else msg("report.progress.no_finding")
        )
        after = (
            msg(f"vocab.grade.{change.followup_grade}")
            if change.followup_grade
            else msg("report.progress.no_finding")
        )
        rows.append([change.item_id, localize(change.text, document.lang), f"{before} → {after}"])
    return document.table(rows, [1, 4.6, 2.4])
