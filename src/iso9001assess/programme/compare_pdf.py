"""The comparison as PDF: a section any document on the shared PDF layer can include, and a document of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate

from ..exporters.base import atomic_write
from ..exporters.pdf.charts import Series, bar_chart
from ..exporters.pdf.document import PdfDocument
from ..models.base import localize
from ..models.result import Grade
from .compare import Comparison, Snapshot
from .words import one_decimal, word


def _number(value: float | None, lang: str) -> str:
    return word("n/a", lang) if value is None else one_decimal(value)


def _signed(value: float | None) -> str:
    return "–" if value is None else one_decimal(value, signed=True)


def comparison_flowables(document: PdfDocument, comparison: Comparison, depth: int = 1) -> list[Flowable]:
    """The comparison section (no heading of its own): headline figures, a chart and table of clause scores
    down to ``depth``, and the findings closed, new and persisting. Text is escaped by the document."""
    lang, s, c = document.lang, document.styles, comparison

    def w(key: str, **values: object) -> str:
        return word(key, lang, **values)

    def grade(value: Grade | None) -> str:
        return w(value) if value else w("none")

    before, after = c.baseline, c.followup

    def date(snapshot: Snapshot) -> str:
        return snapshot.assessment.date.isoformat() if snapshot.assessment.date else "–"

    headline: list[list[Any]] = [
        [
            w("cmp.measure"),
            f"{w('cmp.baseline')} {date(before)}",
            f"{w('cmp.followup')} {date(after)}",
            w("cmp.change"),
        ],
        [
            w("cmp.overall"),
            _number(before.overall, lang),
            _number(after.overall, lang),
            _signed(c.overall_delta),
        ],
        [
            w("cmp.maturity"),
            str(before.maturity_level or "–"),
            str(after.maturity_level or "–"),
            "–" if c.maturity_change is None else f"{c.maturity_change:+d}",
        ],
        [w("cmp.readiness"), w(before.readiness), w(after.readiness), ""],
        [w("cmp.lab"), _number(before.lab, lang), _number(after.lab, lang), _signed(c.lab_delta)],
    ]
    for g in ("major", "minor", "observation"):
        was, now = before.findings.get(g, 0), after.findings.get(g, 0)
        headline.append([f"{w('cmp.findings')} · {w(g)}", str(was), str(now), f"{now - was:+d}"])
    parts: list[Flowable] = [document.table(headline, [3, 1.6, 1.6, 1], align="lrrr")]
    if before.checklist_sha256 != after.checklist_sha256:
        parts.append(document.text(w("cmp.changed"), s.small))

    top = [section for section in c.sections if section.depth == 0]
    if top:
        chart = bar_chart(
            [f"{x.id} {localize(x.title, lang)}" for x in top],
            [
                Series(w("cmp.baseline"), [x.baseline for x in top]),
                Series(w("cmp.followup"), [x.followup for x in top]),
            ],
            font=document.fonts.regular,
            width=document.frame_width,
            na_label=w("n/a"),
        )
        parts.append(KeepTogether([chart]))
    rows: list[list[Any]] = [[w("cmp.clause"), w("cmp.baseline"), w("cmp.followup"), w("cmp.change")]]
    rows += [
        [
            f"{'  ' * x.depth}{x.id} {localize(x.title, lang)}",
            _number(x.baseline, lang),
            _number(x.followup, lang),
            _signed(x.delta),
        ]
        for x in c.sections
        if x.depth <= depth
    ]
    parts += [document.text(w("cmp.clauses"), s.h3), document.table(rows, [4.5, 1, 1, 1], align="lrrr")]
    for key, changes in (("cmp.closed", c.closed), ("cmp.new", c.new), ("cmp.persisting", c.persisting)):
        parts.append(document.text(f"{w(key)} ({len(changes)})", s.h3))
        if changes:
            table = [[w("cmp.item"), "", w("cmp.grades")]]
            table += [
                [
                    change.item_id,
                    localize(change.text, lang),
                    f"{grade(change.baseline_grade)} → {grade(change.followup_grade)}",
                ]
                for change in changes
            ]
            parts.append(document.table(table, [1.2, 5, 2.2], align="llc"))
    return parts


class ComparisonDocument(PdfDocument):
    def __init__(self, comparison: Comparison, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison

    def story(self) -> list[Flowable]:
        s = self.styles
        enterprise = self.comparison.enterprise
        return [
            self.text(word("cmp.title", self.lang), s.cover_title),
            self.text(enterprise.name, s.cover_subtitle),
            NextPageTemplate("body"),  # the pages after the first carry the header
            *comparison_flowables(self, self.comparison),
        ]


def write_comparison_pdf(
    comparison: Comparison, path: str | Path, *, lang: str = "zh", font: str | Path | None = None
) -> Path:
    """The comparison as a PDF of its own, written atomically; dated by the follow-up (byte-identical reruns)."""
    document = ComparisonDocument(
        comparison,
        lang=lang,
        font=font,
        date=comparison.followup.assessment.date,
        subject=comparison.enterprise.name,
        title=word("cmp.title", lang),
        footer_note="iso9001assess",
    )
    with atomic_write(path) as out:
        document.build(out)
    return Path(path)
