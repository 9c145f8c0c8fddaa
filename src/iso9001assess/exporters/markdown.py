"""The ``md`` exporter: a readable summary of the diagnostic (headline figures, clause scores, findings,
the improvement plan, progress since the baseline, not-applicable items) as CommonMark / GitHub Markdown.

User and checklist text is escaped (``md_escape``) so ``<b>`` or ``|`` in a name shows literally and cannot
break a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO

from ..comparison import Comparison, compare
from ..models.result import Result
from ..models.tracking import PlanState
from ..rounding import shown_change
from .base import ExportOptions, plan_state_option
from .plan_state import plan_state_words
from .report_view import (
    GRADE_ORDER,
    ITEM_COLUMN_KEYS,
    PLAN_COLUMN_KEYS,
    ReportView,
    delta_text,
    maturity_label,
    percent_text,
    score_text,
    signed_count,
)

# ASCII punctuation that Markdown (or inline HTML) would interpret anywhere in a line; CommonMark lets any
# ASCII punctuation be escaped. "(" "!" need no escape once "[" is escaped (no link can form).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# A line that starts like a list item ("- x", "1. x", "2) x") would become one.
_LEADING_MARKER = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=[-+](?:\s|$)))")


def md_escape(text: object) -> str:
    """``text`` shown literally in a paragraph, list item or table cell: one line, markup escaped."""
    plain = "" if text is None else str(text)
    plain = " ".join(plain.split())  # line breaks would end a table row or list item
    plain = _SPECIAL.sub(r"\\\1", plain)
    return _LEADING_MARKER.sub(lambda m: m.group(1) + "\\", plain, count=1)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    """A pipe table; cells must already be escaped. ``align`` holds "l" / "r" per column."""
    markers = ["---:" if (align[i : i + 1] == "r") else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(markers) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


class MarkdownWriter:
    """Builds the summary part by part (each a method), like the PDF report."""

    def __init__(
        self, result: Result, lang: str, baseline: Result | None = None, plan_state: PlanState | None = None
    ) -> None:
        self.plan_state = plan_state
        self.result = result
        self.view = ReportView(result, lang)
        self.lang = lang
        self.comparison: Comparison | None = compare(baseline, result) if baseline is not None else None

    def msg(self, key: str, **values: object) -> str:
        return self.view.msg(key, **values)

    def render(self) -> str:
        lines: list[str] = []
        for part in (
            self.title,
            self.summary,
            self.scores,
            self.findings,
            self.plan,
            self.progress,
            self.appendix,
        ):
            lines += part()
        return "\n".join(lines).rstrip("\n") + "\n"

    def title(self) -> list[str]:
        result, view = self.result, self.view
        enterprise, checklist = result.enterprise, result.checklist
        facts = [
            (self.msg("vocab.field.enterprise"), enterprise.name),
            (self.msg("vocab.field.region"), view.region()),
            (self.msg("vocab.field.industry"), enterprise.industry or self.msg("common.dash")),
            (self.msg("vocab.field.size"), view.size()),
            (self.msg("vocab.field.kind"), view.kind()),
            (self.msg("vocab.field.date"), view.date()),
            (self.msg("vocab.field.assessor"), result.assessment.assessor or self.msg("common.dash")),
            (
                self.msg("vocab.field.checklist"),
                f"{view.t(checklist.title) or checklist.id} ({checklist.id} {checklist.version})",
            ),
        ]
        lines = [f"# {md_escape(self.msg('report.title'))}: {md_escape(enterprise.name)}", ""]
        return lines + _table(["", ""], [[md_escape(k), md_escape(v)] for k, v in facts])

    def summary(self) -> list[str]:
        result, view = self.result, self.view
        lines = [f"## {md_escape(self.msg('report.summary.title'))}", ""]
        figures = [
            (
                self.msg("vocab.measure.overall"),
                self.msg("common.of_100", score=view.score(result.overall.score)),
            ),
            (self.msg("vocab.measure.maturity"), view.maturity(result.overall.maturity_level)),
            (self.msg("vocab.measure.readiness"), view.readiness()),
            (self.msg("vocab.measure.findings"), view.findings_counts()),
            (self.msg("vocab.measure.qms_completeness"), view.completeness()),
            (self.msg("vocab.measure.lab"), view.score(result.lab.score)),
            (self.msg("vocab.field.lab_verdict"), view.lab_verdict()),
            (self.msg("vocab.measure.lab_completeness"), view.lab_completeness()),
        ]
        lines += [f"- **{md_escape(label)}**: {md_escape(value)}" for label, value in figures]
        if view.unanswered_items:
            lines += [
                "",
                f"> {md_escape(self.msg('report.summary.incomplete', count=len(view.unanswered_items)))}",
            ]
        if "incomplete" in (result.overall.readiness, result.lab.verdict):
            minimum = percent_text(result.min_completeness, self.lang)
            lines += ["", f"> {md_escape(self.msg('report.summary.min_completeness', minimum=minimum))}"]
        weaknesses, strengths = view.weaknesses_and_strengths()
        for key, sections in (
            ("report.summary.weaknesses", weaknesses),
            ("report.summary.strengths", strengths),
        ):
            lines += ["", f"### {md_escape(self.msg(key))}", ""]
            if not sections:
                lines.append(md_escape(self.msg("report.summary.no_sections")))
            lines += [f"- {md_escape(view.section_label(s))}: {view.score(s.score)}" for s in sections]
        return [*lines, ""]

    def scores(self) -> list[str]:
        view = self.view
        lines = [f"## {md_escape(self.msg('report.charts.title'))}", ""]
        rows = []
        for section in self.result.sections:
            if section.depth > 1 or view.folded_no_lab(section):
                continue
            label = md_escape(view.section_label(section))
            score = view.score(section.score)
            if not self.result.enterprise.has_lab and view.is_lab(section):
                score = md_escape(self.msg("vocab.na_kind.no-lab"))  # one row for the section, not 20 n/a
            rows.append([f"**{label}**" if section.depth == 0 else label, score])
        return lines + _table(
            [md_escape(self.msg("report.summary.clause")), md_escape(self.msg("report.summary.score"))],
            rows,
            "lr",
        )

    def findings(self) -> list[str]:
        view = self.view
        lines = [f"## {md_escape(self.msg('report.findings.title'))}", ""]
        if not self.result.findings:
            return [*lines, md_escape(self.msg("report.findings.none")), ""]
        header = [md_escape(self.msg(k)) for k in ITEM_COLUMN_KEYS]
        rows = []
        for grade in GRADE_ORDER:
            for finding in view.findings_by_grade()[grade]:
                item = self.result.item(finding.item_id)
                note = "; ".join(part for part in (finding.note, finding.root_cause) if part)
                rows.append(
                    [
                        md_escape(finding.item_id),
                        md_escape(view.t(finding.text)),
                        md_escape(view.rating(item)),
                        md_escape(view.grade(grade)),
                        md_escape(note),
                    ]
                )
        return lines + _table(header, rows)

    def plan(self) -> list[str]:
        view = self.view
        lines = [f"## {md_escape(self.msg('report.plan.title'))}", ""]
        if not self.result.actions:
            return [*lines, md_escape(self.msg("report.plan.none")), ""]
        header = [md_escape(self.msg(k)) for k in PLAN_COLUMN_KEYS]
        rows = []
        for number, action in enumerate(self.result.actions, start=1):
            timeframe = (
                self.msg("common.days", count=action.timeframe_days)
                if action.timeframe_days
                else self.msg("common.dash")
            )
            rows.append(
                [
                    str(number),
                    md_escape(view.t(action.text)),
                    md_escape(action.item_id),
                    md_escape(self.msg(f"vocab.priority.{action.priority}")),
                    md_escape(timeframe),
                    "",
                    "",
                ]
            )
        return lines + _table(header, rows, "r")

    def progress(self) -> list[str]:
        comparison = self.comparison
        if comparison is None:
            if self.plan_state is None:
                return []
            return [f"## {md_escape(self.msg('report.progress.title'))}", "", *self.plan_state_lines()]
        lang = self.lang
        before, after = comparison.baseline, comparison.followup
        lines = [f"## {md_escape(self.msg('report.progress.title'))}", ""]
        dates = [
            s.assessment.date.isoformat() if s.assessment.date else self.msg("common.dash")
            for s in (before, after)
        ]
        lines += [md_escape(self.msg("report.progress.intro", baseline=dates[0], followup=dates[1])), ""]
        header = [
            md_escape(self.msg(k))
            for k in (
                "report.progress.measure",
                "report.progress.baseline",
                "report.progress.followup",
                "report.progress.delta",
            )
        ]
        rows = [
            [
                md_escape(self.msg("vocab.measure.overall")),
                score_text(before.overall, lang),
                score_text(after.overall, lang),
                delta_text(shown_change(before.overall, after.overall), lang),
            ],
            [
                md_escape(self.msg("vocab.measure.maturity")),
                md_escape(maturity_label(before.maturity_level, lang)),
                md_escape(maturity_label(after.maturity_level, lang)),
                "",
            ],
            [
                md_escape(self.msg("vocab.measure.readiness")),
                md_escape(self.msg(f"vocab.readiness.{before.readiness}")),
                md_escape(self.msg(f"vocab.readiness.{after.readiness}")),
                "",
            ],
            [
                md_escape(self.msg("vocab.measure.lab")),
                score_text(before.lab, lang),
                score_text(after.lab, lang),
                delta_text(shown_change(before.lab, after.lab), lang),
            ],
            [
                md_escape(self.msg("vocab.field.lab_verdict")),
                md_escape(self.msg(f"vocab.lab_verdict.{before.lab_verdict or 'none'}")),
                md_escape(self.msg(f"vocab.lab_verdict.{after.lab_verdict or 'none'}")),
                "",
            ],
        ]
        rows += [
            [
                md_escape(self.msg(f"vocab.grade.{g}")),
                str(before.findings[g]),
                str(after.findings[g]),
                signed_count(after.findings[g] - before.findings[g]),
            ]
            for g in GRADE_ORDER
        ]
        lines += _table(header, rows, "lrrr")
        section_rows = [
            [
                md_escape(f"{d.id} {self.view.t(d.title)}"),
                score_text(d.baseline, lang),
                score_text(d.followup, lang),
                delta_text(shown_change(d.baseline, d.followup), lang),
            ]
            for d in comparison.sections
            if d.depth <= 1
        ]
        lines += _table([md_escape(self.msg("report.summary.clause")), *header[1:]], section_rows, "lrrr")
        for key, changes in (
            ("report.progress.closed", comparison.closed),
            ("report.progress.new", comparison.new),
            ("report.progress.persisting", comparison.persisting),
        ):
            lines += [f"### {md_escape(self.msg(key, count=len(changes)))}", ""]
            lines += [f"- {md_escape(c.item_id)} {md_escape(self.view.t(c.text))}" for c in changes] or [
                md_escape(self.msg("common.none"))
            ]
            lines.append("")
        return lines + self.plan_state_lines()

    def plan_state_lines(self) -> list[str]:
        """The plan's state in the programme store (a follow-up's report made with ``report --db``)."""
        if self.plan_state is None:
            return []
        words = plan_state_words(self.plan_state, self.lang)
        lines = [f"### {md_escape(words.title)}", "", md_escape(words.counts), ""]
        for line in words.lists:
            lines += [md_escape(line), ""]
        return lines

    def appendix(self) -> list[str]:
        view, result = self.view, self.result
        lines = [
            f"## {md_escape(self.msg('report.appendix.title'))}",
            "",
            f"### {md_escape(self.msg('report.appendix.na'))}",
            "",
        ]
        declared = [i for i in view.not_applicable_items if i.na_kind != "no-lab"]
        if not result.enterprise.has_lab and view.lab_sections:
            lines += [md_escape(self.msg("report.appendix.na_lab")), ""]
        # Exclusions (4.3) and "not triggered" apart; a section declared as a whole is named once.
        whole = [s for s in result.sections if s.justification]
        if whole:
            lines += [f"**{md_escape(self.msg('report.appendix.section_not_applicable'))}**", ""]
            lines += [
                f"- {md_escape(view.section_label(s))}: {md_escape(s.justification or '')}" for s in whole
            ]
            lines.append("")
        for kind, key in (
            ("excluded", "report.appendix.excluded"),
            ("not-triggered", "report.appendix.not_triggered"),
        ):
            of_kind = [i for i in declared if i.na_kind == kind]
            if of_kind:
                lines += [
                    f"**{md_escape(self.msg(key))}** ({md_escape(self.msg(f'vocab.na_kind.{kind}'))})",
                    "",
                ]
                lines += [
                    f"- {md_escape(i.id)} {md_escape(view.t(i.text))}: {md_escape(i.justification or '')}"
                    for i in of_kind
                ]
                lines.append("")
        if not declared and (result.enterprise.has_lab or not view.lab_sections):
            lines.append(md_escape(self.msg("report.appendix.na_none")))
        lines += ["", f"### {md_escape(self.msg('report.appendix.unanswered'))}", ""]
        lines += [f"- {md_escape(i.id)} {md_escape(view.t(i.text))}" for i in view.unanswered_items] or [
            md_escape(self.msg("report.appendix.unanswered_none"))
        ]
        checklist = result.checklist
        lines += [
            "",
            f"### {md_escape(self.msg('report.appendix.checklist'))}",
            "",
            f"- {md_escape(self.msg('vocab.field.checklist'))}: {md_escape(checklist.id)} {md_escape(checklist.version)}",
            f"- {md_escape(self.msg('vocab.field.strategy'))}: {md_escape(view.strategy())}",
            f"- {md_escape(self.msg('vocab.field.sha256'))}: `{checklist.sha256}`",
            "",
            md_escape(view.method()),
            "",
        ]
        return lines


class MarkdownExporter:
    suffixes = (".md", ".markdown")

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        writer = MarkdownWriter(result, options.lang, options.baseline, plan_state_option(options))
        out.write(writer.render().encode("utf-8"))
