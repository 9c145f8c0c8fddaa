"""The portfolio report (agency summary) as a PDF, built on the shared PDF layer (fonts, escaping, pages)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from ..errors import PluginError
from ..exporters.pdf.cells import key_value_table
from ..exporters.pdf.chapters.cover import headline_boxes
from ..exporters.pdf.charts import Series, bar_chart, column_chart, score_band_color
from ..exporters.pdf.document import PdfDocument
from ..exporters.report_view import delta_text, industry_words, method_words, score_text, strategy_words
from ..i18n import locale, message, said
from ..models.base import LocalizedText, localize
from ..plugin_manager import get_registry
from ..plugin_manager.guard import running
from ..rounding import format_percent, shown_change
from .portfolio import GroupStats, Portfolio

# The PDF lists at most this many baseline → follow-up pairs; the JSON and CSV outputs hold them all.
MAX_IMPROVEMENT_ROWS = 40


def _number(value: float | None, lang: str) -> str:
    return score_text(value, lang)  # as the diagnostic report shows the same scores


def _share(count: int, total: int) -> str:
    return format_percent(count / total) if total else "–"


class PortfolioDocument(PdfDocument):
    def __init__(self, portfolio: Portfolio, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.portfolio = portfolio

    def w(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    def story(self) -> list[Flowable]:
        return [
            *self.cover(),
            NextPageTemplate("body"),
            PageBreak(),
            *self.overview(),
            *self.distribution(),
            *self.breakdowns(),
            *self.weak_clauses(),
            *self.lab(),
            *self.improvement(),
            *self.benchmark(),
            *self.method(),
        ]

    # -- sections -----------------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        """A cover an agency hands out: title, what was assessed, when, and four headline figures."""
        p, s = self.portfolio, self.styles
        rows: list[tuple[str, Any]] = [
            (self.w("portfolio.enterprises"), str(p.enterprises)),
            (self.w("portfolio.assessments"), str(p.assessments)),
        ]
        if p.latest_assessment is not None:
            rows.append((self.w("vocab.field.date"), p.latest_assessment.isoformat()))
        rows.append((self.w("vocab.field.checklist"), ", ".join(p.checklists) or self.w("common.dash")))
        incomplete = sum(c.count for c in p.readiness if c.key == "incomplete")
        if incomplete:
            rows.append((self.w("portfolio.cover_incomplete"), str(incomplete)))
        ready = sum(c.count for c in p.readiness if c.key in ("ready", "conditionally-ready"))
        headline = [
            (str(p.enterprises), self.w("portfolio.enterprises")),
            (_number(p.overall.mean, self.lang), self.w("portfolio.cover_mean")),
            (str(ready), self.w("portfolio.cover_ready")),
            (str(p.eligible), self.w("portfolio.eligible")),
        ]
        return [
            Spacer(1, 28 * mm),
            self.text(self.w("portfolio.title"), s.cover_title),
            self.text(self.w("portfolio.cover_programme"), s.cover_subtitle),
            Spacer(1, 6 * mm),
            key_value_table(self, rows),
            Spacer(1, 10 * mm),
            headline_boxes(self, headline),
        ]

    def overview(self) -> list[Flowable]:
        p, lang = self.portfolio, self.lang
        overall, lab = p.overall, p.lab.index
        rows = [
            [self.w("report.progress.measure"), self.w("portfolio.value")],
            [self.w("portfolio.enterprises"), str(p.enterprises)],
            [self.w("portfolio.assessments"), str(p.assessments)],
            [f"{self.w('vocab.measure.overall')} · {self.w('portfolio.mean')}", _number(overall.mean, lang)],
            [
                f"{self.w('vocab.measure.overall')} · {self.w('portfolio.median')}",
                _number(overall.median, lang),
            ],
            [
                f"{self.w('vocab.measure.overall')} · {self.w('portfolio.range')}",
                f"{_number(overall.min, lang)} – {_number(overall.max, lang)}",
            ],
            [f"{self.w('vocab.measure.lab')} · {self.w('portfolio.mean')}", _number(lab.mean, lang)],
            *[
                [f"{self.w('vocab.measure.readiness')} · {self.w('vocab.readiness.' + c.key)}", str(c.count)]
                for c in p.readiness
            ],
            *[
                [f"{self.w('portfolio.findings_total')} · {self.w('vocab.grade.' + g)}", str(n)]
                for g, n in p.findings.items()
            ],
            [self.w("portfolio.eligible"), str(p.eligible)],
        ]
        return [self.text(self.w("portfolio.overview"), self.styles.h1), self.table(rows, [3, 1], align="lr")]

    def distribution(self) -> list[Flowable]:
        p, s, font = self.portfolio, self.styles, self.fonts.regular
        half = self.frame_width / 2 - 4
        scores = column_chart(
            [b.label for b in p.score_distribution],
            [float(b.count) for b in p.score_distribution],
            font=font,
            width=half,
        )
        levels = column_chart(
            [self.w("portfolio.level", level=c.key) for c in p.maturity],
            [float(c.count) for c in p.maturity],
            font=font,
            width=half,
        )
        charts = Table(
            [
                [scores, levels],
                [
                    self.text(self.w("portfolio.score_chart"), s.caption),
                    self.text(self.w("portfolio.maturity_chart"), s.caption),
                ],
            ],
            colWidths=[self.frame_width / 2] * 2,
        )
        total = p.enterprises
        readiness = self.table(
            [
                [
                    self.w("vocab.measure.readiness"),
                    self.w("portfolio.enterprises"),
                    self.w("portfolio.share"),
                ],
                *[
                    [self.w(f"vocab.readiness.{c.key}"), str(c.count), _share(c.count, total)]
                    for c in p.readiness
                ],
            ],
            [3, 1, 1],
            align="lrr",
        )
        return [KeepTogether([self.text(self.w("portfolio.distribution"), s.h1), charts, readiness])]

    def _group_table(self, title_key: str, key_label: str, groups: tuple[GroupStats, ...]) -> list[Flowable]:
        rows: list[list[Any]] = [
            [
                self.w(key_label),
                self.w("portfolio.enterprises"),
                self.w("portfolio.mean_overall"),
                self.w("portfolio.mean_lab"),
                self.w("portfolio.ready_counts"),
                self.w("portfolio.candidates"),
            ]
        ]
        for g in groups:
            name = (
                self.w("common.unspecified")
                if g.key is None
                else self.w(f"vocab.size.{g.key}")
                if key_label == "portfolio.size"
                else industry_words(g.key, self.lang)
                if key_label == "portfolio.industry"
                else g.key
            )
            rows.append(
                [
                    name,
                    str(g.enterprises),
                    _number(g.mean_overall, self.lang),
                    _number(g.mean_lab, self.lang),
                    f"{g.ready} / {g.conditionally_ready} / {g.not_ready}",
                    str(g.candidates),
                ]
            )
        return [
            self.text(self.w(title_key), self.styles.h2),
            self.table(rows, [3, 1.1, 1.3, 1.4, 1.8, 1.1], align="lrrrcr"),
        ]

    def breakdowns(self) -> list[Flowable]:
        p, s = self.portfolio, self.styles
        parts: list[Flowable] = [CondPageBreak(60 * mm), self.text(self.w("portfolio.breakdowns"), s.h1)]
        parts += self._group_table("portfolio.by_city", "portfolio.city", p.by_city)
        cities = [g for g in p.by_city if g.mean_overall is not None][:20]
        if cities:
            chart = bar_chart(
                [g.key if g.key is not None else self.w("common.unspecified") for g in cities],
                [Series(self.w("portfolio.mean_overall"), [g.mean_overall for g in cities])],
                font=self.fonts.regular,
                width=self.frame_width,
                label_width=110,
                threshold=60,
                color_for=score_band_color,
                na_label=self.w("common.not_available"),
            )
            parts.append(
                KeepTogether([Spacer(1, 3 * mm), chart, self.text(self.w("portfolio.city_chart"), s.caption)])
            )
        parts += self._group_table("portfolio.by_industry", "portfolio.industry", p.by_industry)
        parts += self._group_table("portfolio.by_size", "portfolio.size", p.by_size)
        return parts

    def weak_clauses(self) -> list[Flowable]:
        p, s = self.portfolio, self.styles
        parts: list[Flowable] = [
            self.text(self.w("portfolio.weak"), s.h1),
            self.text(self.w("portfolio.weak_intro", threshold=p.weak_threshold), s.body),
        ]
        if not p.weak_clauses:
            return [*parts, self.text(self.w("portfolio.weak_none"), s.body)]
        labels = [f"{c.id} {localize(c.title, self.lang)}" for c in p.weak_clauses]
        chart = bar_chart(
            labels,
            [Series(self.w("portfolio.share"), [100 * c.share for c in p.weak_clauses])],
            font=self.fonts.regular,
            width=self.frame_width,
            value_label=lambda value: f"{value:.0f}%",
        )
        rows: list[list[Any]] = [
            [
                self.w("report.summary.clause"),
                self.w("portfolio.weak_count"),
                self.w("portfolio.assessed"),
                self.w("portfolio.share"),
                self.w("portfolio.mean_score"),
            ]
        ]
        rows += [
            [label, str(c.weak), str(c.assessed), format_percent(c.share), _number(c.mean_score, self.lang)]
            for label, c in zip(labels, p.weak_clauses, strict=True)
        ]
        table = self.table(rows, [4, 1.2, 1.2, 1, 1.2], align="lrrrr")
        # The heading and its intro stay on the page of their chart.
        return [KeepTogether([*parts, chart, self.text(self.w("portfolio.weak_chart"), s.caption)]), table]

    def lab(self) -> list[Flowable]:
        p, s = self.portfolio, self.styles
        lab = p.lab
        parts: list[Flowable] = [
            self.text(self.w("portfolio.lab"), s.h1),
            self.text(
                self.w(
                    "portfolio.lab_intro",
                    with_lab=lab.with_lab,
                    without_lab=lab.without_lab,
                    threshold=lab.threshold,
                    above=lab.at_or_above,
                ),
                s.body,
            ),
            self.table(
                [
                    [self.w("vocab.measure.lab"), self.w("portfolio.value")],
                    [self.w("portfolio.mean"), _number(lab.index.mean, self.lang)],
                    [self.w("portfolio.median"), _number(lab.index.median, self.lang)],
                    [
                        self.w("portfolio.range"),
                        f"{_number(lab.index.min, self.lang)} – {_number(lab.index.max, self.lang)}",
                    ],
                ],
                [3, 1],
                align="lr",
            ),
        ]
        chart = column_chart(
            [b.label for b in lab.distribution],
            [float(b.count) for b in lab.distribution],
            font=self.fonts.regular,
        )
        return [
            KeepTogether(
                [*parts, Spacer(1, 3 * mm), chart, self.text(self.w("portfolio.lab_chart"), s.caption)]
            )
        ]

    def improvement(self) -> list[Flowable]:
        p, s = self.portfolio, self.styles
        imp = p.improvement
        parts: list[Flowable] = [CondPageBreak(60 * mm), self.text(self.w("portfolio.improvement"), s.h1)]
        if not imp.pairs:
            return [*parts, self.text(self.w("portfolio.improvement_none"), s.body)]
        mean = "–" if imp.mean_delta is None else delta_text(imp.mean_delta, self.lang)
        parts.append(
            self.text(
                self.w(
                    "portfolio.improvement_intro",
                    pairs=imp.pairs,
                    improved=imp.improved,
                    unchanged=imp.unchanged,
                    declined=imp.declined,
                    mean=mean,
                ),
                s.body,
            )
        )
        rows: list[list[Any]] = [
            [
                self.w("portfolio.enterprise"),
                self.w("portfolio.city"),
                self.w("report.progress.baseline"),
                self.w("portfolio.followup"),
                self.w("report.progress.delta"),
                self.w("portfolio.maturity"),
            ]
        ]
        for pair in imp.enterprises[:MAX_IMPROVEMENT_ROWS]:
            rows.append(
                [
                    pair.name,
                    pair.city or "",
                    _number(pair.baseline_overall, self.lang),
                    _number(pair.followup_overall, self.lang),
                    "–"
                    if pair.delta is None
                    else delta_text(shown_change(pair.baseline_overall, pair.followup_overall), self.lang),
                    f"{pair.baseline_maturity or '–'} → {pair.followup_maturity or '–'}",
                ]
            )
        parts.append(self.table(rows, [4, 1.6, 1.1, 1.1, 1, 1.2], align="llrrrc"))
        if imp.pairs > MAX_IMPROVEMENT_ROWS:
            parts.append(self.text(self.w("portfolio.more", count=imp.pairs - MAX_IMPROVEMENT_ROWS), s.small))
        return parts

    def benchmark(self) -> list[Flowable]:
        p, s = self.portfolio, self.styles
        parts: list[Flowable] = [
            CondPageBreak(80 * mm),
            self.text(self.w("portfolio.benchmark"), s.h1),
            self.text(self.w("portfolio.rule", rule=p.benchmark_rule.describe(self.lang)), s.body),
        ]
        if not p.benchmark_candidates:
            return [*parts, self.text(self.w("portfolio.benchmark_none"), s.body)]
        parts.append(
            self.text(
                self.w("portfolio.benchmark_counts", eligible=p.eligible, shown=len(p.benchmark_candidates)),
                s.body,
            )
        )
        rows: list[list[Any]] = [
            [
                self.w("portfolio.rank"),
                self.w("portfolio.enterprise"),
                self.w("portfolio.city"),
                self.w("portfolio.industry"),
                self.w("vocab.measure.overall"),
                self.w("vocab.measure.lab"),
                self.w("portfolio.maturity"),
            ]
        ]
        rows += [
            [
                str(c.rank),
                c.name,
                c.city or "",
                industry_words(c.industry, self.lang) if c.industry else "",
                _number(c.overall, self.lang),
                _number(c.lab_index, self.lang),
                str(c.maturity_level or "–"),
            ]
            for c in p.benchmark_candidates
        ]
        return [*parts, self.table(rows, [0.7, 4, 1.5, 1.6, 1.1, 1.3, 1], align="rlllrrc")]

    def method(self) -> list[Flowable]:
        s = self.styles
        strategies = self.portfolio.strategies
        named = [strategy_words(name, self.lang) for name in strategies]
        return [
            CondPageBreak(40 * mm),
            self.text(self.w("portfolio.method"), s.h1),
            self.text(self.w("portfolio.method_text", depth=self.portfolio.clause_depth), s.body),
            *(
                [self.text(self.w("portfolio.strategies", strategies=locale(self.lang).join(named)), s.body)]
                if strategies
                else []
            ),
            *(
                self.text(
                    self.w(
                        "portfolio.strategy_method",
                        strategy=words,
                        method=method_words(name, _described(name), self.lang),
                    ),
                    s.body,
                )
                for name, words in zip(strategies, named, strict=True)
            ),
        ]


def _described(strategy: str) -> LocalizedText | None:
    """The method a registered strategy describes (None when it is not registered here, or its describe()
    fails: the appendix then says whose rules they are rather than fail the report)."""
    registered = get_registry().strategies.get(strategy)
    if registered is None:
        return None
    try:
        with running(registered, said("errors.plugin.part.strategy", name=repr(strategy))):
            described: LocalizedText = registered.value.describe()
    except PluginError:  # a plugin's bug: the sentence that names the strategy stands in for its words
        return None
    return described


def write_portfolio_pdf(
    portfolio: Portfolio, out: IO[bytes], *, lang: str = "zh", font: Path | None = None
) -> None:
    """The portfolio report; the same portfolio gives a byte-identical PDF (dated by its latest assessment)."""
    title = message("portfolio.title", lang)
    document = PortfolioDocument(
        portfolio,
        lang=lang,
        font=font,
        date=portfolio.latest_assessment,
        subject=message(
            "portfolio.subtitle", lang, enterprises=portfolio.enterprises, assessments=portfolio.assessments
        ),
        title=title,
        footer_note="iso9001assess",
    )
    document.build(out)
