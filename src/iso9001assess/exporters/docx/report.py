"""The diagnostic report as an editable Word document: the PDF report's parts, in its order, in its words.

Everything comes from the report view (``report_view``) and the catalogue keys the PDF uses: nothing is
recomputed. The parts: cover, summary for the general manager with the roadmap, clause overview (charts),
findings by clause, laboratory, plan (owner and due date left blank to fill in), progress since the baseline
and the plan's state in the programme store (a follow-up), appendix. Agencies edit and sign what they hand over: the plan's blank cells are real cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor

from ...comparison import Comparison, compare
from ...models.base import localize
from ...models.result import Action, Finding, ItemResult, Result, SectionResult
from ...models.tracking import PlanState
from ...rounding import shown_change
from ..plan_state import plan_state_words, tracked_cells
from ..report_view import (
    HEADLINE_COLUMN_KEYS,
    ReportView,
    Tone,
    changes_by_clause,
    delta_text,
    headline_changes,
    roadmap,
    score_change,
    score_text,
)
from .document import ACCENT, AMBER, GREEN, MUTED, OLIVE, RED, WordDocument

DEFAULT_TOP_ACTIONS = 10
BARS_PER_CHART = 40  # as the PDF: a bar chart of this many clauses fits a page
ITEMS_PER_ROW = 3  # the appendix's compact item table holds three items side by side, as in the PDF
GRADE_COLORS = {"major": RED, "minor": AMBER, "observation": OLIVE}
PRIORITY_COLORS = {"high": RED, "medium": AMBER, "low": MUTED}
READINESS_COLORS = {"incomplete": MUTED, "not-ready": RED, "conditionally-ready": AMBER, "ready": GREEN}
VERDICT_COLORS = {
    "incomplete": MUTED,
    "not-standardized": RED,
    "basically-standardized": AMBER,
    "standardized": GREEN,
}
READY_THRESHOLD = 60.0
Cell = Any


class DiagnosticWordReport(WordDocument):
    def __init__(
        self,
        result: Result,
        *,
        lang: str = "zh",
        font: Any = None,
        baseline: Result | None = None,
        top_actions: int = DEFAULT_TOP_ACTIONS,
        plan_state: PlanState | None = None,
    ) -> None:
        self.result = result
        self.plan_state = plan_state
        self.view = ReportView(result, lang)
        self.top_action_count = max(0, top_actions)
        self.comparison: Comparison | None = compare(baseline, result) if baseline is not None else None
        checklist = result.checklist
        super().__init__(
            lang=lang,
            font=font,
            date=result.assessment.date,
            subject=result.enterprise.name,
            title=self.view.msg("report.title"),
            footer_note=f"{checklist.id} {checklist.version} · {self.view.date()}",
            author=result.assessment.assessor or "",
            banner=self.view.msg("report.provisional") if self.view.provisional else "",
        )

    def write(self) -> None:
        for part in (
            self.cover,
            self.summary,
            self.overview,
            self.findings,
            self.laboratory,
            self.plan,
            self.progress,
            self.appendix,
        ):
            part()

    # -- what the parts share ---------------------------------------------------------------------------------
    @property
    def top_actions(self) -> tuple[Action, ...]:
        return self.result.actions[: self.top_action_count]

    @property
    def further_actions(self) -> tuple[Action, ...]:
        return self.result.actions[self.top_action_count :]

    @cached_property
    def _action_numbers(self) -> dict[str, int]:
        return {action.item_id: number for number, action in enumerate(self.result.actions, start=1)}

    @cached_property
    def _actions_by_item(self) -> dict[str, Action]:
        return {action.item_id: action for action in self.result.actions}

    def action_number(self, action: Action) -> int:
        """An action's number in the plan, so a finding can point to it."""
        return self._action_numbers[action.item_id]

    def key_values(self, rows: Sequence[tuple[str, Cell]], fractions: Sequence[float] = (1, 2.4)) -> None:
        self.table([[label, value] for label, value in rows], fractions, header=False, label_column=True)

    def priority(self, action: Action) -> tuple[str, RGBColor]:
        return self.msg(f"vocab.priority.{action.priority}"), PRIORITY_COLORS[action.priority]

    def timeframe(self, action: Action) -> str:
        return (
            self.msg("common.days", count=action.timeframe_days)
            if action.timeframe_days
            else self.msg("common.dash")
        )

    # -- 1. cover ---------------------------------------------------------------------------------------------
    def cover(self) -> None:
        result, view, msg = self.result, self.view, self.msg
        enterprise = result.enterprise
        if view.provisional:
            self.paragraph(
                msg("report.provisional_cover", completeness=view.completeness()), color=RED, bold=True
            )
        self.paragraph(msg("report.title"), style="Title")
        self.paragraph(msg("report.subtitle"), style="Subtitle")
        self.paragraph(enterprise.name, size=15, color=ACCENT, bold=True)
        self.key_values(view.cover_fields())
        self.paragraph()
        self.headline()
        self.page_break()

    def headline(self) -> None:
        """The four headline figures, each over its label: QMS score, maturity, readiness, lab index."""
        result, view, msg = self.result, self.view, self.msg
        lab: list[Cell] = [view.score(result.lab.score)]
        if result.lab.verdict:
            lab.append((view.lab_verdict(), VERDICT_COLORS[result.lab.verdict]))
        values: list[Cell] = [
            view.score(result.overall.score),
            view.maturity(result.overall.maturity_level),
            [(view.readiness(), READINESS_COLORS[result.overall.readiness])],
            lab,
        ]
        labels = [
            msg(key)
            for key in (
                "vocab.measure.overall",
                "vocab.measure.maturity",
                "vocab.measure.readiness",
                "vocab.measure.lab",
            )
        ]
        table = self.table([values, labels], [1, 1, 1, 1], header=False, align="cccc", size=12)
        for cell in table.rows[1].cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = MUTED
        for column in range(4):
            for paragraph in table.rows[0].cells[column].paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # -- 2. summary for the general manager -------------------------------------------------------------------
    def summary(self) -> None:
        view, msg = self.view, self.msg
        self.chapter("report.gm.title")
        if view.provisional:
            self.paragraph(
                msg(
                    "report.gm.provisional",
                    completeness=view.completeness(),
                    minimum=view.percent(self.result.min_completeness),
                ),
                color=RED,
            )
        self.key_values(view.verdict_sentences(), (1.35, 4))
        if self.comparison is not None:
            self.paragraph(self.progress_headline(self.comparison))
        for key, sections, empty in (
            ("report.gm.weakest", view.weakest(), "report.summary.no_sections"),
            ("report.gm.strengths", view.strengths(), "report.gm.no_strengths"),
        ):
            self.heading(msg(key), 3)
            if sections:
                rows: list[list[Cell]] = [[msg("report.summary.clause"), msg("report.summary.score")]]
                rows += [[view.section_label(s), view.score(s.score)] for s in sections]
                self.table(rows, [4, 1], align="lr")
            else:
                self.small(msg(empty))
        self.roadmap()

    def progress_headline(self, comparison: Comparison) -> str:
        view, before = self.view, comparison.baseline
        return self.msg(
            "report.gm.progress",
            date=before.assessment.date.isoformat() if before.assessment.date else self.msg("common.dash"),
            before=view.score(before.overall),
            after=view.score(comparison.followup.overall),
            delta=delta_text(shown_change(before.overall, comparison.followup.overall), self.lang),
            closed=len(comparison.closed),
            new=len(comparison.new),
            persisting=len(comparison.persisting),
        )

    def roadmap(self) -> None:
        view, msg = self.view, self.msg
        actions = self.top_actions
        self.heading(msg("report.gm.roadmap", count=len(actions)), 3)
        if not actions:
            self.small(msg("report.plan.none"))
            return
        rows: list[list[Cell]] = [
            [
                msg("report.plan.number"),
                msg("report.plan.action"),
                msg("report.plan.item"),
                msg("report.plan.priority"),
            ]
        ]
        bucket_rows: list[int] = []
        for bucket, members in roadmap(actions):
            rows.append([msg(f"report.gm.bucket.{bucket}"), "", "", ""])
            bucket_rows.append(len(rows) - 1)
            rows += [
                [str(self.action_number(a)), view.t(a.text), a.item_id, [self.priority(a)]] for a in members
            ]
        table = self.table(rows, [0.75, 6.0, 1.2, 0.9], align="rllc")
        for index in bucket_rows:
            self.shade_row(table, index)
            merged = self.merge_row(table, index)
            for run in merged.paragraphs[0].runs:
                run.bold = True
                run.font.color.rgb = ACCENT

    # -- 3. clause overview -----------------------------------------------------------------------------------
    def overview(self) -> None:
        from ..pdf.charts import Series, bar_chart, radar_chart, score_band_color

        view, msg = self.view, self.msg
        self.chapter("report.charts.title")
        top = view.qms_top
        if len(top) >= 3:
            series = [Series(msg("report.charts.current"), [s.score for s in top])]
            if self.comparison is not None:
                from reportlab.lib import colors

                before = {d.id: d.baseline for d in self.comparison.sections}
                series.insert(
                    0,
                    Series(
                        msg("report.charts.baseline"),
                        [before.get(s.id) for s in top],
                        colors.HexColor("#9AA5B1"),
                    ),
                )
            radar = radar_chart(
                [view.section_label(s) for s in top],
                series,
                font=self.fonts.regular,
                width=480,
                height=min(250, 40 + 22 * len(top)) if len(top) > 12 else 250,
                na_label=msg("common.not_available"),
            )
            self.picture(radar, msg("report.charts.radar"))
        clauses = view.qms_clauses
        pieces = [clauses[i : i + BARS_PER_CHART] for i in range(0, len(clauses), BARS_PER_CHART)]
        for number, piece in enumerate(pieces, start=1):
            chart = bar_chart(
                [view.section_label(s) for s in piece],
                [Series(msg("report.charts.current"), [s.score for s in piece])],
                font=self.fonts.regular,
                width=480,
                label_width=480 * 0.42,
                threshold=READY_THRESHOLD,
                color_for=score_band_color,
                na_label=msg("common.not_available"),
            )
            self.picture(chart, msg("report.charts.bars") if number == len(pieces) else None)

    # -- 4. findings by clause --------------------------------------------------------------------------------
    def findings(self) -> None:
        view, msg = self.view, self.msg
        self.chapter("report.findings.by_clause")
        self.small(msg("report.findings.rule"))
        by_top: dict[str, list[Finding]] = {}
        for finding in view.qms_findings:
            by_top.setdefault(view.top_of[finding.clause], []).append(finding)
        for top in view.qms_top:
            found = by_top.get(top.id, [])
            score = view.score(top.score)
            if not found:
                self.paragraph(
                    msg("report.findings.clause_clean", clause=view.section_label(top), score=score)
                )
                continue
            self.heading(
                msg("report.findings.clause", clause=view.section_label(top), score=score, count=len(found)),
                2,
            )
            self.findings_table(found)

    def findings_table(self, findings: Sequence[Finding]) -> None:
        view, msg = self.view, self.msg
        rows: list[list[Cell]] = [
            [msg("report.detail.id"), msg("report.detail.requirement"), msg("report.findings.note_action")]
        ]
        for finding in findings:
            item = self.result.item(finding.item_id)
            first: list[Cell] = [finding.item_id]
            if item.critical:
                first.append((msg("report.detail.critical"), RED))
            first += [
                msg("report.findings.rating", rating=finding.rating, top=view.top_rating),
                (msg(f"vocab.grade_short.{finding.grade}"), GRADE_COLORS[finding.grade]),
            ]
            notes: list[Cell] = [finding.note] if finding.note else []
            if finding.root_cause:
                notes.append(msg("report.detail.root_cause", cause=finding.root_cause))
            if item.evidence:
                notes.append(msg("report.detail.evidence", evidence=view.locale.join(item.evidence)))
            action = self._actions_by_item.get(finding.item_id)
            if action is not None:
                notes.append(
                    (
                        msg(
                            "report.findings.action",
                            number=self.action_number(action),
                            action=view.t(action.text),
                        ),
                        ACCENT,
                    )
                )
            rows.append([first, view.t(finding.text), notes])
        self.table(rows, [0.95, 3.4, 4.6], size=8.5)

    # -- 5. laboratory ----------------------------------------------------------------------------------------
    def laboratory(self) -> None:
        from ..pdf.charts import Series, bar_chart, score_band_color

        view, msg, result = self.view, self.msg, self.result
        if not view.lab_sections:
            return
        self.chapter("report.lab.title")
        if not result.enterprise.has_lab or result.lab.score is None:
            why = "report.lab.none" if not result.enterprise.has_lab else "report.lab.all_not_applicable"
            self.paragraph(msg("report.lab.intro"))
            self.paragraph(msg(why))
            return
        self.small(msg("report.lab.intro"))
        # The catalogue's line holds bold markup for the PDF: here the same words, the whole line bold.
        line = msg(
            "report.lab.verdict_line",
            score=view.score(result.lab.score),
            verdict=view.lab_verdict(),
            completeness=view.lab_completeness(),
        )
        self.paragraph(line.replace("<b>", "").replace("</b>", ""), bold=True)
        elements = view.lab_elements
        chart = bar_chart(
            [view.section_label(e) for e in elements],
            [Series(msg("vocab.measure.lab"), [e.score for e in elements])],
            font=self.fonts.regular,
            width=480,
            label_width=480 * 0.42,
            threshold=READY_THRESHOLD,
            color_for=score_band_color,
            na_label=msg("common.not_available"),
        )
        self.picture(chart, msg("report.lab.chart"))
        lab_findings = view.lab_findings()
        if lab_findings:
            self.heading(msg("report.lab.findings_count", count=len(lab_findings)), 2)
            self.findings_table(lab_findings)
        else:
            self.paragraph(msg("report.lab.no_findings"))

    # -- 6. plan ----------------------------------------------------------------------------------------------
    def plan(self) -> None:
        view, msg = self.view, self.msg
        self.chapter("report.plan.title")
        self.small(msg("report.plan.intro"))
        if not self.result.actions:
            self.paragraph(msg("report.plan.none"))
            return
        if self.plan_state is not None:  # owner, due date and status as the store tracks them (--db)
            self.small(msg("report.plan.tracked_intro", date=self.plan_state.as_of.isoformat()))
        self.heading(msg("report.plan.top", count=len(self.top_actions)), 2)
        rows: list[list[Cell]] = [
            [
                msg(k)
                for k in (
                    "report.plan.number",
                    "report.plan.action",
                    "report.plan.item",
                    "report.plan.priority",
                    "report.plan.timeframe",
                    "report.plan.owner",
                    "report.plan.due",
                )
            ]
        ]
        for action in self.top_actions:
            tracked = tracked_cells(self.plan_state, action.item_id, self.lang)
            item: list[Cell] = [action.item_id, (view.grade(action.grade), MUTED)]
            if tracked is not None and tracked.status:
                item.append((tracked.status, MUTED))
            rows.append(
                [
                    str(self.action_number(action)),
                    view.t(action.text),
                    item,
                    [self.priority(action)],
                    self.timeframe(action),
                    # owner and due date: as the store tracks them, else filled in by the enterprise
                    tracked.owner if tracked else "",
                    tracked.due if tracked else "",
                ]
            )
        self.table(rows, [0.7, 3.8, 1.2, 0.8, 1.0, 1.0, 1.0], align="rllccll", size=8.5)
        if self.further_actions:
            self.heading(msg("report.plan.further", count=len(self.further_actions)), 2)
            self.small(msg("report.plan.further_intro"))
            further: list[list[Cell]] = [
                [
                    msg(k)
                    for k in (
                        "report.plan.number",
                        "report.plan.item",
                        "report.plan.priority",
                        "report.plan.timeframe",
                    )
                ]
            ]
            further += [
                [
                    str(self.action_number(a)),
                    self.tracked_item(a.item_id),
                    [self.priority(a)],
                    self.timeframe(a),
                ]
                for a in self.further_actions
            ]
            self.table(further, [0.6, 1.4, 1.0, 1.2], align="rlcc", size=8.5)

    def tracked_item(self, item_id: str) -> Cell:
        """An item id, with its action's status under it when the store tracks it as not simply open."""
        tracked = tracked_cells(self.plan_state, item_id, self.lang)
        return [item_id, (tracked.status, MUTED)] if tracked is not None and tracked.status else item_id

    # -- 7. progress since the baseline -----------------------------------------------------------------------
    def progress(self) -> None:
        if self.comparison is None and self.plan_state is None:
            return
        self.chapter("report.progress.title")
        if self.comparison is not None:
            self.progress_since_baseline(self.comparison)
        self.plan_state_part()

    def plan_state_part(self) -> None:
        """The plan's state in the programme store (``report --db``, ``batch --db``), as the PDF words it."""
        if self.plan_state is None:
            return
        words = plan_state_words(self.plan_state, self.lang)
        self.heading(words.title, 3)
        self.paragraph(words.counts)
        for line in words.lists:
            self.small(line)

    def progress_since_baseline(self, comparison: Comparison) -> None:
        from reportlab.lib import colors

        from ..pdf.charts import Series, bar_chart

        lang, msg = self.lang, self.msg
        before, after = comparison.baseline, comparison.followup

        def when(date: Any) -> str:
            return date.isoformat() if date else msg("common.dash")

        self.paragraph(
            msg(
                "report.progress.intro",
                baseline=when(before.assessment.date),
                followup=when(after.assessment.date),
            )
        )
        if before.checklist_sha256 != after.checklist_sha256:
            self.small(msg("report.progress.checklist_changed"))

        def change_cell(text: str, tone: Tone) -> Cell:
            return text if tone is None else [(text, GREEN if tone == "better" else RED)]

        head = [msg(key) for key in HEADLINE_COLUMN_KEYS]
        rows: list[list[Cell]] = [head]
        rows += [
            [row.measure, row.baseline, row.followup, change_cell(row.change, row.tone)]
            for row in headline_changes(comparison, lang)
        ]
        self.table(rows, [3, 2, 2, 1.2], align="lllr")
        tops = [d for d in comparison.sections if d.depth == 0]
        chart = bar_chart(
            [f"{d.id} {localize(d.title, lang)}" for d in tops],
            [
                Series(msg("report.charts.baseline"), [d.baseline for d in tops], colors.HexColor("#9AA5B1")),
                Series(msg("report.charts.current"), [d.followup for d in tops], colors.HexColor("#1F4E79")),
            ],
            font=self.fonts.regular,
            width=480,
            label_width=480 * 0.42,
            bar_height=7,
            threshold=READY_THRESHOLD,
            na_label=msg("common.not_available"),
        )
        self.picture(chart, msg("report.progress.chart"))
        self.heading(msg("report.progress.by_clause"), 3)
        section_rows: list[list[Cell]] = [[msg("report.summary.clause"), *head[1:]]]
        shaded: list[int] = []
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
                shaded.append(len(section_rows) - 1)
        table = self.table(section_rows, [5, 1.2, 1.2, 1.2], align="lrrr")
        for index in shaded:
            self.shade_row(table, index)
        self.heading(
            msg(
                "report.progress.findings_by_clause",
                closed=len(comparison.closed),
                new=len(comparison.new),
                persisting=len(comparison.persisting),
            ),
            3,
        )
        counted = changes_by_clause(comparison)
        change_rows: list[list[Cell]] = [
            [
                msg("report.summary.clause"),
                msg("report.progress.closed_short"),
                msg("report.progress.new_short"),
                msg("report.progress.persisting_short"),
            ]
        ]
        change_rows += [
            [f"{top} {localize(title, lang)}", *(str(n) for n in counts)] for top, title, counts in counted
        ]
        totals = [sum(counts[i] for _, _, counts in counted) for i in range(3)]
        change_rows.append([msg("report.progress.total"), *(str(n) for n in totals)])
        table = self.table(change_rows, [5, 1.2, 1.2, 1.2], align="lrrr")
        self.shade_row(table, len(change_rows) - 1)

    # -- 8. appendix ------------------------------------------------------------------------------------------
    def appendix(self) -> None:
        msg = self.msg
        self.page_break()
        self.heading(msg("report.appendix.title"), 1)
        self.heading(msg("report.appendix.h_items"), 2)
        self.items_table()
        self.not_assessed()
        self.not_applicable()
        self.scale_and_method()

    def rating_word(self, item: ItemResult) -> str:
        if item.status == "not-applicable":
            return self.msg("vocab.status_short.not-applicable")
        if item.rating is None:
            return self.msg("vocab.status_short.unanswered")
        return str(item.rating)

    def items_table(self) -> None:
        msg, items = self.msg, self.result.items
        height = -(-len(items) // ITEMS_PER_ROW)
        head = [msg("report.detail.id"), msg("report.detail.rating"), msg("report.detail.grade")]
        rows: list[list[Cell]] = [head * ITEMS_PER_ROW]
        for line in range(height):
            row: list[Cell] = []
            for column in range(ITEMS_PER_ROW):
                index = column * height + line  # read down the first column, then the next
                if index >= len(items):
                    row += ["", "", ""]
                    continue
                item = items[index]
                if not item.scored:
                    grade: Cell = msg("report.appendix.informational")
                elif item.grade:
                    grade = [(msg(f"vocab.grade_short.{item.grade}"), GRADE_COLORS[item.grade])]
                else:
                    grade = ""
                row += [item.id, self.rating_word(item), grade]
            rows.append(row)
        self.table(rows, [1.0, 0.75, 1.05] * ITEMS_PER_ROW, align="lcl" * ITEMS_PER_ROW, size=8)

    def not_assessed(self) -> None:
        msg, view = self.msg, self.view
        items = view.unanswered_items
        self.heading(msg("report.appendix.h_unassessed", count=len(items)), 2)
        if not items:
            self.paragraph(msg("report.appendix.unanswered_none"))
            return
        self.paragraph(msg("report.appendix.unassessed_intro"))
        self.paragraph(view.locale.join(i.id for i in items), size=9)

    def not_applicable(self) -> None:
        msg, view, result = self.msg, self.view, self.result
        self.heading(msg("report.appendix.h_na"), 2)
        said = False
        sections: list[SectionResult] = [sec for sec in result.sections if sec.justification]
        if sections:
            said = True
            self.heading(msg("report.appendix.na_sections"), 3)
            rows: list[list[Cell]] = [[msg("report.summary.clause"), msg("report.appendix.justification")]]
            rows += [[view.section_label(sec), sec.justification] for sec in sections]
            self.table(rows, [3, 5])
        declared = {sec.id for sec in sections}
        for kind in ("excluded", "not-triggered"):
            items = [i for i in view.not_applicable_of(kind) if i.section not in declared]
            if not items:
                continue
            said = True
            self.heading(msg(f"report.appendix.na_{kind}", count=len(items)), 3)
            rows = [
                [
                    msg("report.detail.id"),
                    msg("report.detail.requirement"),
                    msg("report.appendix.justification"),
                ]
            ]
            rows += [[i.id, view.t(i.text), i.justification or msg("common.dash")] for i in items]
            self.table(rows, [1, 4, 3])
        if view.not_applicable_of("no-lab") or (not result.enterprise.has_lab and view.lab_sections):
            said = True
            self.paragraph(msg("report.appendix.na_lab"))
        if not said:
            self.paragraph(msg("report.appendix.na_none"))

    def scale_and_method(self) -> None:
        msg, view, result = self.msg, self.view, self.result
        self.heading(msg("report.appendix.h_scale"), 2)
        rows: list[list[Cell]] = [
            [msg("report.appendix.value"), msg("report.appendix.label"), msg("report.appendix.description")]
        ]
        rows += [
            [str(level.value), view.t(level.label), view.t(level.description) if level.description else ""]
            for level in result.scale
        ]
        self.table(rows, [0.7, 1.6, 5.7], align="cll")
        self.heading(msg("report.appendix.h_method"), 2)
        for text in (
            msg("report.appendix.strategy", strategy=view.strategy()),
            view.method(),
            *view.verdict_rules(),
        ):
            self.paragraph(text)
        checklist = result.checklist
        self.heading(msg("report.appendix.h_checklist"), 2)
        self.key_values(
            [
                (msg("vocab.field.checklist"), view.t(checklist.title) or checklist.id),
                (msg("report.appendix.checklist_id"), checklist.id),
                (msg("vocab.field.version"), checklist.version),
                (msg("vocab.field.standard"), checklist.standard or msg("common.dash")),
                (msg("vocab.field.sha256"), checklist.sha256),
            ],
            (1, 3.2),
        )
        self.small(msg("report.appendix.reproduce"))
