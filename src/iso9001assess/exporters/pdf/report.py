"""The diagnostic report of one enterprise: a ``PdfDocument`` whose story is one method per part.

cover → executive summary → charts → laboratory → clause detail → findings → improvement plan →
progress (with a baseline) → appendix. Override a part's method to change it; ``parts`` lists the order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ...i18n import message, template
from ...models.base import LocalizedText, localize
from ...models.result import Finding, Grade, ItemResult, Result, SectionResult
from ...programme.compare import Comparison, FindingChange, Snapshot, compare
from ..report_view import (
    GRADE_ORDER,
    ITEM_COLUMN_KEYS,
    PLAN_COLUMN_KEYS,
    ReportView,
    delta_text,
    maturity_label,
    score_text,
    signed_count,
)
from .charts import Series, bar_chart, radar_chart, score_band_color
from .document import ACCENT, ACCENT_LIGHT, RULE, PdfDocument
from .markup import escape, markup

GRADE_COLORS: dict[str, Any] = {
    "major": colors.HexColor("#C0392B"),
    "minor": colors.HexColor("#E07B39"),
    "observation": colors.HexColor("#B7950B"),
}
READINESS_COLORS: dict[str, Any] = {
    "not-ready": colors.HexColor("#C0392B"),
    "conditionally-ready": colors.HexColor("#E07B39"),
    "ready": colors.HexColor("#3A8D5C"),
}
READY_THRESHOLD = 60.0
IMPROVED = colors.HexColor("#3A8D5C")
# Item tables: id, requirement, rating, finding, note — "nonconformity" must fit its column unbroken.
ITEM_COLUMNS = (0.95, 3.45, 1.25, 1.3, 2.3)


class DiagnosticReport(PdfDocument):
    def __init__(
        self,
        result: Result,
        *,
        lang: str = "zh",
        font: str | Path | None = None,
        baseline: Result | None = None,
    ) -> None:
        self.result = result
        self.view = ReportView(result, lang)
        self._headings = self._figures = 0  # numbering of parts and figures, restarted by story()
        self._colored_styles: dict[tuple[str, str], ParagraphStyle] = {}
        # compare() refuses a baseline on another checklist before any page is laid out.
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
        )

    # -- the story --------------------------------------------------------------------------------------------
    def parts(self) -> list[Callable[[], list[Flowable]]]:
        parts = [
            self.cover,
            self.executive_summary,
            self.charts,
            self.laboratory,
            self.clause_detail,
            self.findings,
            self.improvement_plan,
        ]
        if self.comparison is not None:
            parts.append(self.progress)
        parts.append(self.appendix)
        return parts

    def story(self) -> list[Flowable]:
        self._headings = self._figures = 0
        flowables: list[Flowable] = []
        for part in self.parts():
            flowables.extend(part())
        return flowables

    # -- small builders ---------------------------------------------------------------------------------------
    def msg(self, key: str, **values: object) -> str:
        return self.view.msg(key, **values)

    def filled(self, key: str, **values: object) -> str:
        """A catalogue entry that holds markup, with ``values`` escaped into it."""
        return markup(template(key, self.lang), **values)

    def heading(self, key: str) -> Paragraph:
        """A numbered part heading ("三、…" / "3. …"): numbers follow the parts actually present."""
        self._headings += 1
        number = self.view.locale.heading_number(self._headings)
        return self.text(
            self.msg("common.heading.numbered", number=number, title=self.msg(key)), self.styles.h1
        )

    def caption(self, key: str) -> Paragraph:
        self._figures += 1
        return self.text(
            self.msg("common.figure.numbered", number=self._figures, caption=self.msg(key)),
            self.styles.caption,
        )

    def colored(self, text: str, color: Any, style: Any = None) -> Paragraph:
        """Literal text in a colour (a style of that colour, cached: cheaper than a font tag per cell)."""
        base = style or self.styles.cell
        key = (base.name, color.hexval())
        if key not in self._colored_styles:
            self._colored_styles[key] = base.clone(f"{base.name}-{key[1]}", textColor=color)
        return self.text(text, self._colored_styles[key])

    def key_value_table(
        self, rows: Sequence[tuple[str, Any]], fractions: Sequence[float] = (1, 2.4)
    ) -> Table:
        label_cells = [[self.text(label, self.styles.cell), value] for label, value in rows]
        return self.table(
            label_cells,
            fractions,
            header=False,
            extra_style=[
                ("TEXTCOLOR", (0, 0), (0, -1), ACCENT),
                ("BACKGROUND", (0, 0), (0, -1), ACCENT_LIGHT),
            ],
        )

    # -- cover ------------------------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        result, view, s = self.result, self.view, self.styles
        enterprise, assessment, checklist = result.enterprise, result.assessment, result.checklist
        yes_no = {True: self.msg("vocab.yes"), False: self.msg("vocab.no")}
        rows: list[tuple[str, Any]] = [
            (self.msg("vocab.field.enterprise"), enterprise.name),
            (self.msg("vocab.field.credit_code"), enterprise.credit_code or self.msg("common.dash")),
            (self.msg("vocab.field.region"), view.region()),
            (self.msg("vocab.field.industry"), enterprise.industry or self.msg("common.dash")),
            (self.msg("vocab.field.size"), view.size()),
            (
                self.msg("vocab.field.employees"),
                self.msg("common.dash") if enterprise.employees is None else str(enterprise.employees),
            ),
            (self.msg("vocab.field.has_lab"), yes_no[enterprise.has_lab]),
            (self.msg("vocab.field.certified"), yes_no[enterprise.certified]),
            (self.msg("vocab.field.kind"), view.kind()),
            (self.msg("vocab.field.date"), view.date()),
            (self.msg("vocab.field.assessor"), assessment.assessor or self.msg("common.dash")),
            (
                self.msg("vocab.field.checklist"),
                f"{view.t(checklist.title) or checklist.id} ({checklist.id})",
            ),
            (self.msg("vocab.field.version"), checklist.version),
        ]
        if checklist.standard:
            rows.append((self.msg("vocab.field.standard"), checklist.standard))
        headline = self.headline_table()
        return [
            Spacer(1, 28 * mm),
            self.text(self.msg("report.title"), s.cover_title),
            self.text(self.msg("report.subtitle"), s.cover_subtitle),
            Spacer(1, 6 * mm),
            self.text(enterprise.name, s.h1),
            Spacer(1, 4 * mm),
            self.key_value_table(rows),
            Spacer(1, 10 * mm),
            headline,
            NextPageTemplate("body"),
            PageBreak(),
        ]

    def headline_table(self) -> Table:
        """Four boxes: overall score, maturity, readiness, lab index."""
        result, view, s = self.result, self.view, self.styles
        big = s.cover_subtitle.clone(
            "headline", alignment=1, textColor=ACCENT, fontSize=17, leading=22, spaceAfter=0
        )
        label = s.small.clone("headline_label", alignment=1)
        readiness_color = READINESS_COLORS[result.overall.readiness]
        values = [
            self.text(view.score(result.overall.score), big),
            self.text(view.maturity(result.overall.maturity_level), big),
            self.rich(
                f'<font color="{readiness_color.hexval()}">{escape(view.readiness())}</font>',
                big.clone("readiness", fontSize=12, leading=17),
            ),
            self.text(view.score(result.lab.score), big),
        ]
        labels = [
            self.text(self.msg(key), label)
            for key in (
                "vocab.measure.overall",
                "vocab.measure.maturity",
                "vocab.measure.readiness",
                "vocab.measure.lab",
            )
        ]
        width = self.frame_width / 4
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

    # -- executive summary ------------------------------------------------------------------------------------
    def executive_summary(self) -> list[Flowable]:
        result, view, s = self.result, self.view, self.styles
        counts = result.finding_counts()
        sentence = self.filled(
            "report.summary.sentence",
            overall=view.score(result.overall.score),
            maturity=view.maturity(result.overall.maturity_level),
            readiness=view.readiness(),
            lab=view.score(result.lab.score),
            completeness=view.completeness(),
            **counts,
        )
        flowables: list[Flowable] = [self.heading("report.summary.title"), self.rich(sentence)]
        if view.unanswered_items:
            flowables.append(
                self.text(self.msg("report.summary.incomplete", count=len(view.unanswered_items)), s.small)
            )
        readiness_color = READINESS_COLORS[result.overall.readiness]
        finding_cells = self.rich(
            escape(view.locale.list_separator).join(
                f'<font color="{GRADE_COLORS[grade].hexval()}">{escape(view.grade(grade))}</font> {counts[grade]}'
                for grade in GRADE_ORDER
            ),
            s.cell,
        )
        flowables += [
            Spacer(1, 2 * mm),
            self.key_value_table(
                [
                    (
                        self.msg("vocab.measure.overall"),
                        self.text(self.msg("common.of_100", score=view.score(result.overall.score)), s.cell),
                    ),
                    (self.msg("vocab.measure.maturity"), view.maturity(result.overall.maturity_level)),
                    (self.msg("vocab.measure.readiness"), self.colored(view.readiness(), readiness_color)),
                    (self.msg("vocab.measure.findings"), finding_cells),
                    (self.msg("vocab.measure.lab"), view.score(result.lab.score)),
                    (self.msg("vocab.measure.completeness"), view.completeness()),
                ]
            ),
        ]
        weaknesses, strengths = view.weaknesses_and_strengths()
        sides = self.side_by_side(
            self.ranked("report.summary.weaknesses", weaknesses),
            self.ranked("report.summary.strengths", strengths),
        )
        flowables += [Spacer(1, 3 * mm), sides]
        return flowables

    def ranked(self, key: str, sections: Sequence[SectionResult]) -> list[Flowable]:
        heading = self.text(self.msg(key), self.styles.h3)
        if not sections:
            return [heading, self.text(self.msg("report.summary.no_sections"), self.styles.small)]
        rows: list[list[Any]] = [[self.msg("report.summary.clause"), self.msg("report.summary.score")]]
        rows += [[self.view.section_label(s), self.view.score(s.score)] for s in sections]
        return [heading, self.table(rows, [4, 1], align="lr", width=self.frame_width * 0.48)]

    def side_by_side(self, left: list[Flowable], right: list[Flowable]) -> Table:
        half = self.frame_width / 2
        table = Table([[left, right]], colWidths=[half, half], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    # -- charts -----------------------------------------------------------------------------------------------
    def charts(self) -> list[Flowable]:
        view = self.view
        font = self.fonts.regular
        flowables: list[Flowable] = [CondPageBreak(120 * mm), self.heading("report.charts.title")]
        top = view.qms_top
        if len(top) >= 3:
            series = [Series(self.msg("report.charts.current"), [s.score for s in top])]
            if self.comparison is not None:
                before = {d.id: d.baseline for d in self.comparison.sections}
                series.insert(
                    0,
                    Series(
                        self.msg("report.charts.baseline"),
                        [before.get(s.id) for s in top],
                        colors.HexColor("#9AA5B1"),
                    ),
                )
            labels = [view.section_label(s) for s in top]
            radar = radar_chart(
                labels,
                series,
                font=font,
                width=self.frame_width,
                height=250,
                na_label=self.msg("common.not_available"),
            )
            flowables += [radar, self.caption("report.charts.radar")]
        clauses = view.qms_clauses
        if clauses:
            bars = bar_chart(
                [view.section_label(s) for s in clauses],
                [Series(self.msg("report.charts.current"), [s.score for s in clauses])],
                font=font,
                width=self.frame_width,
                label_width=self.frame_width * 0.36,
                threshold=READY_THRESHOLD,
                color_for=score_band_color,
                na_label=self.msg("common.not_available"),
            )
            flowables += [KeepTogether([bars, self.caption("report.charts.bars")])]
        return flowables

    # -- laboratory -------------------------------------------------------------------------------------------
    def laboratory(self) -> list[Flowable]:
        view, s = self.view, self.styles
        if not view.lab_sections:
            return []
        if not self.result.enterprise.has_lab or self.result.lab.score is None:
            # A few lines: they follow the charts on the same page when there is room.
            why = "report.lab.none" if not self.result.enterprise.has_lab else "report.lab.all_not_applicable"
            return [
                CondPageBreak(40 * mm),
                self.heading("report.lab.title"),
                self.text(self.msg("report.lab.intro")),
                self.text(self.msg(why)),
            ]
        flowables: list[Flowable] = [
            PageBreak(),
            self.heading("report.lab.title"),
            self.text(self.msg("report.lab.intro")),
        ]
        flowables.append(
            self.rich(self.filled("report.lab.index", score=view.score(self.result.lab.score)), s.h3)
        )
        elements = view.lab_elements
        flowables += [
            bar_chart(
                [view.section_label(e) for e in elements],
                [Series(self.msg("vocab.measure.lab"), [e.score for e in elements])],
                font=self.fonts.regular,
                width=self.frame_width,
                label_width=self.frame_width * 0.42,
                threshold=READY_THRESHOLD,
                color_for=score_band_color,
                na_label=self.msg("common.not_available"),
            ),
            self.caption("report.lab.chart"),
        ]
        lab_findings = view.lab_findings()
        if lab_findings:
            flowables += self.with_table(
                [self.text(self.msg("report.lab.findings"), s.h2)], self.findings_table(lab_findings)
            )
        return flowables

    # -- clause detail ----------------------------------------------------------------------------------------
    def clause_detail(self) -> list[Flowable]:
        view, s = self.view, self.styles
        flowables: list[Flowable] = [PageBreak(), self.heading("report.detail.title")]
        pending: list[Flowable] = []  # headings of sections whose items come further down (4, then 4.1)
        for section in self.result.sections:
            title = markup(
                '{label}  <font size="-1" color="#5B6770">{score}</font>',
                label=view.section_label(section),
                score=self.msg("report.detail.section_score", score=view.score(section.score)),
            )
            pending.append(self.rich(title, s.h2 if section.depth == 0 else s.h3))
            items = view.items_by_section.get(section.id, [])
            if items:
                flowables += self.with_table(pending, self.items_table(items))
                pending = []
        return flowables + pending

    def items_table(self, items: Sequence[ItemResult]) -> Table:
        view = self.view
        rows: list[list[Any]] = [[self.msg(k) for k in ITEM_COLUMN_KEYS]]
        for item in items:
            id_cell = self.item_id_cell(item)
            rows.append(
                [
                    id_cell,
                    view.t(item.text),
                    view.rating(item),
                    self.grade_cell(item.grade) if item.scored else self.msg("report.detail.informational"),
                    self.note_cell(item.note, item.root_cause, item.evidence),
                ]
            )
        return self.table(rows, ITEM_COLUMNS)

    def item_id_cell(self, item: ItemResult) -> Paragraph | list[Flowable]:
        if item.critical:
            return [
                self.text(item.id, self.styles.cell),
                self.colored(self.msg("report.detail.critical"), GRADE_COLORS["major"], self.styles.small),
            ]
        return self.text(item.id, self.styles.cell)

    def grade_cell(self, grade: Grade | None) -> Paragraph:
        if grade is None:
            return self.text(self.msg("vocab.grade.none"), self.styles.cell)
        return self.colored(self.view.grade(grade), GRADE_COLORS[grade])

    def note_cell(
        self, note: str | None, root_cause: str | None, evidence: Sequence[str] = ()
    ) -> list[Flowable]:
        """Note, root cause and evidence, one paragraph each (a one-run paragraph wraps fastest)."""
        parts = [note] if note else []
        if root_cause:
            parts.append(self.msg("report.detail.root_cause", cause=root_cause))
        if evidence:
            parts.append(self.msg("report.detail.evidence", evidence="; ".join(evidence)))
        return [self.text(part, self.styles.cell) for part in parts]

    # -- findings ---------------------------------------------------------------------------------------------
    def findings(self) -> list[Flowable]:
        view, s = self.view, self.styles
        flowables: list[Flowable] = [
            PageBreak(),
            self.heading("report.findings.title"),
            self.text(self.msg("report.findings.rule"), s.small),
        ]
        if not self.result.findings:
            return [*flowables, self.text(self.msg("report.findings.none"))]
        for grade, findings in view.findings_by_grade().items():
            if not findings:
                continue
            title = self.msg("report.findings.group", grade=view.grade(grade), count=len(findings))
            flowables += self.with_table(
                [self.colored(title, GRADE_COLORS[grade], s.h2)], self.findings_table(findings)
            )
        return flowables

    def findings_table(self, findings: Sequence[Finding]) -> Table:
        view = self.view
        rows: list[list[Any]] = [[self.msg(k) for k in ITEM_COLUMN_KEYS]]
        for finding in findings:
            item = self.result.item(finding.item_id)
            rows.append(
                [
                    self.item_id_cell(item),
                    view.t(finding.text),
                    view.rating(item),
                    self.grade_cell(finding.grade),
                    self.note_cell(finding.note, finding.root_cause, item.evidence),
                ]
            )
        return self.table(rows, ITEM_COLUMNS)

    # -- improvement plan -------------------------------------------------------------------------------------
    def improvement_plan(self) -> list[Flowable]:
        view, s = self.view, self.styles
        flowables: list[Flowable] = [
            PageBreak(),
            self.heading("report.plan.title"),
            self.text(self.msg("report.plan.intro"), s.small),
        ]
        actions = self.result.actions
        if not actions:
            return [*flowables, self.text(self.msg("report.plan.none"))]
        rows: list[list[Any]] = [[self.msg(k) for k in PLAN_COLUMN_KEYS]]
        priority_colors = {
            "high": GRADE_COLORS["major"],
            "medium": GRADE_COLORS["minor"],
            "low": colors.HexColor("#5B6770"),
        }
        for number, action in enumerate(actions, start=1):
            timeframe = (
                self.msg("common.days", days=action.timeframe_days)
                if action.timeframe_days
                else self.msg("common.dash")
            )
            rows.append(
                [
                    str(number),
                    view.t(action.text),
                    [self.text(action.item_id, s.cell), self.text(view.grade(action.grade), s.small)],
                    self.colored(
                        self.msg(f"vocab.priority.{action.priority}"),
                        priority_colors[action.priority],
                        s.cell_center,
                    ),
                    timeframe,
                    "",
                    "",
                ]
            )
        return [
            *flowables,
            self.table(
                rows,
                [0.4, 4.0, 1.2, 0.85, 1.05, 1.0, 1.0],
                align="rllccll",
                # owner and due date are filled in by hand: ruled boxes
                extra_style=[("GRID", (5, 1), (6, -1), 0.4, RULE)],
            ),
        ]

    # -- progress since the baseline --------------------------------------------------------------------------
    def progress(self) -> list[Flowable]:
        comparison = self.comparison
        if comparison is None:
            return []
        return [PageBreak(), self.heading("report.progress.title"), *progress_story(self, comparison)]

    # -- appendix ---------------------------------------------------------------------------------------------
    def appendix(self) -> list[Flowable]:
        result, view, s = self.result, self.view, self.styles
        flowables: list[Flowable] = [
            PageBreak(),
            self.text(self.msg("report.appendix.title"), s.h1),
            self.text(self.msg("report.appendix.na"), s.h2),
        ]
        has_lab = result.enterprise.has_lab
        declared = [i for i in view.not_applicable_items if has_lab or not i.lab]
        if not has_lab and view.lab_sections:
            flowables.append(self.text(self.msg("report.appendix.na_lab")))
        if declared:
            rows: list[list[Any]] = [
                [
                    self.msg("report.detail.id"),
                    self.msg("report.detail.requirement"),
                    self.msg("report.appendix.justification"),
                ]
            ]
            rows += [[i.id, view.t(i.text), i.justification or self.msg("common.dash")] for i in declared]
            flowables.append(self.table(rows, [1, 4, 3]))
        elif has_lab or not view.lab_sections:
            flowables.append(self.text(self.msg("report.appendix.na_none")))

        flowables.append(self.text(self.msg("report.appendix.unanswered"), s.h2))
        if view.unanswered_items:
            rows = [
                [
                    self.msg("report.detail.id"),
                    self.msg("report.detail.requirement"),
                    self.msg("report.detail.grade"),
                ]
            ]
            rows += [[i.id, view.t(i.text), self.grade_cell(i.grade)] for i in view.unanswered_items]
            flowables += [
                self.text(self.msg("report.appendix.unanswered_intro")),
                self.table(rows, [1, 5.5, 1.5]),
            ]
        else:
            flowables.append(self.text(self.msg("report.appendix.unanswered_none")))

        scale_rows: list[list[Any]] = [
            [
                self.msg("report.appendix.value"),
                self.msg("report.appendix.label"),
                self.msg("report.appendix.description"),
            ]
        ]
        scale_rows += [
            [str(level.value), view.t(level.label), view.t(level.description) if level.description else ""]
            for level in result.scale
        ]
        flowables += [
            self.text(self.msg("report.appendix.scale"), s.h2),
            self.table(scale_rows, [0.7, 1.6, 5.7], align="cll"),
        ]

        flowables += [
            self.text(self.msg("report.appendix.method"), s.h2),
            self.rich(
                markup("<b>{label}</b>: {name}", label=self.msg("vocab.field.strategy"), name=result.strategy)
            ),
            self.text(view.t(result.method)),
            self.text(self.msg("report.findings.rule")),
            self.text(self.msg("report.appendix.readiness_rule")),
        ]
        checklist = result.checklist
        facts = [
            (self.msg("vocab.field.checklist"), view.t(checklist.title) or checklist.id),
            ("ID", checklist.id),
            (self.msg("vocab.field.version"), checklist.version),
            (self.msg("vocab.field.standard"), checklist.standard or self.msg("common.dash")),
            (self.msg("vocab.field.sha256"), checklist.sha256),
        ]
        flowables += [
            self.text(self.msg("report.appendix.checklist"), s.h2),
            self.key_value_table(facts, (1, 3.2)),
            Spacer(1, 2 * mm),
            self.text(self.msg("report.appendix.reproduce"), s.small),
        ]
        return flowables


def progress_story(document: PdfDocument, comparison: Comparison) -> list[Flowable]:
    """The progress section (baseline → follow-up) on any ``PdfDocument``; reusable outside the report."""
    lang = document.lang
    s = document.styles

    def msg(key: str, **values: object) -> str:
        return message(key, lang, **values)

    def score(value: float | None) -> str:
        return score_text(value, lang)

    def delta(value: float | None, worse_when_higher: bool = False) -> Paragraph:
        """A change, green when better and red when worse."""
        text = delta_text(value, lang)
        if value is None or round(value, 1) == 0:
            return document.text(text, s.cell_right)
        better = (value < 0) if worse_when_higher else (value > 0)
        color = (IMPROVED if better else GRADE_COLORS["major"]).hexval()
        return document.rich(f'<font color="{color}">{escape(text)}</font>', s.cell_right)

    def date_of(snapshot: Snapshot) -> str:
        return snapshot.assessment.date.isoformat() if snapshot.assessment.date else msg("common.dash")

    def maturity(level: int | None) -> str:
        return maturity_label(level, lang)

    before, after = comparison.baseline, comparison.followup
    flowables: list[Flowable] = [
        document.text(msg("report.progress.intro", baseline=date_of(before), followup=date_of(after)))
    ]
    if before.checklist_sha256 != after.checklist_sha256:
        flowables.append(document.text(msg("report.progress.checklist_changed"), s.small))
    rows: list[list[Any]] = [
        [
            msg("report.progress.measure"),
            msg("report.progress.baseline"),
            msg("report.progress.followup"),
            msg("report.progress.delta"),
        ]
    ]
    rows.append(
        [
            msg("vocab.measure.overall"),
            score(before.overall),
            score(after.overall),
            delta(comparison.overall_delta),
        ]
    )
    maturity_change = "" if comparison.maturity_change is None else signed_count(comparison.maturity_change)
    rows.append(
        [
            msg("vocab.measure.maturity"),
            maturity(before.maturity_level),
            maturity(after.maturity_level),
            maturity_change,
        ]
    )
    rows.append(
        [
            msg("vocab.measure.readiness"),
            msg(f"vocab.readiness.{before.readiness}"),
            msg(f"vocab.readiness.{after.readiness}"),
            "",
        ]
    )
    rows.append([msg("vocab.measure.lab"), score(before.lab), score(after.lab), delta(comparison.lab_delta)])
    for grade in GRADE_ORDER:
        change = after.findings[grade] - before.findings[grade]
        rows.append(
            [
                msg(f"vocab.grade.{grade}"),
                str(before.findings[grade]),
                str(after.findings[grade]),
                document.rich(
                    f'<font color="{(IMPROVED if change < 0 else GRADE_COLORS["major"]).hexval()}">'
                    f"{signed_count(change)}</font>"
                    if change
                    else "0",
                    s.cell_right,
                ),
            ]
        )
    flowables.append(document.table(rows, [3, 2, 2, 1.2], align="lllr"))

    tops = [d for d in comparison.sections if d.depth == 0]
    labels = [f"{d.id} {_localize(d.title, lang)}" for d in tops]
    flowables += [
        Spacer(1, 3 * mm),
        bar_chart(
            labels,
            [
                Series(msg("report.charts.baseline"), [d.baseline for d in tops], colors.HexColor("#9AA5B1")),
                Series(msg("report.charts.current"), [d.followup for d in tops], ACCENT),
            ],
            font=document.fonts.regular,
            width=document.frame_width,
            label_width=document.frame_width * 0.36,
            bar_height=7,
            threshold=READY_THRESHOLD,
            na_label=msg("common.not_available"),
        ),
        figure(document, "report.progress.chart"),
    ]
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
        label = f"{d.id} {_localize(d.title, lang)}"
        section_rows.append([label, score(d.baseline), score(d.followup), delta(d.delta)])
        if d.depth == 0:
            row = len(section_rows) - 1
            shaded += [("BACKGROUND", (0, row), (-1, row), ACCENT_LIGHT)]
    flowables.append(document.table(section_rows, [5, 1.2, 1.2, 1.2], align="lrrr", extra_style=shaded))

    for key, changes in (
        ("report.progress.closed", comparison.closed),
        ("report.progress.new", comparison.new),
        ("report.progress.persisting", comparison.persisting),
    ):
        flowables.append(document.text(msg(key, count=len(changes)), s.h3))
        if changes:
            flowables.append(_changes_table(document, changes, msg))
        else:
            flowables.append(document.text(msg("common.none"), s.small))
    return flowables


def figure(document: PdfDocument, key: str) -> Paragraph:
    """The numbered caption of a figure, numbered by the document when it numbers figures."""
    if isinstance(document, DiagnosticReport):
        return document.caption(key)
    return document.text(message(key, document.lang), document.styles.caption)


def _localize(text: LocalizedText, lang: str) -> str:
    return localize(text, lang)


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
        rows.append([change.item_id, _localize(change.text, document.lang), f"{before} → {after}"])
    return document.table(rows, [1, 4.6, 2.4])
