"""The staged progress report laid out once, without a renderer: a title page and a list of blocks (headings,
paragraphs, tables, charts) in the report's words. The PDF (``pdf.py``) and Word (``word.py``) documents
draw the same blocks, so both show the same figures, rounded once, as the JSON holds them.

The order: the title page (programme, scope, as-of date, headline figures against the targets); figures
against the targets with the change since the previous staged report; for the province, the cities against
their quotas; by cluster and size; score gains; the weakest clauses; lab verdicts; acceptance; benchmark
candidates against their target; then the five narrative sections, a drafted one marked as such.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ...i18n import locale, message, vocab
from ...models.base import localize
from ...models.progress import Counts, GroupFigures, Narrative, ProgressFigures
from ...rounding import format_number, shown_change
from ..report_view import percent_text, score_text

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from ..pdf.charts import Series

COUNT_FIELDS: tuple[str, ...] = tuple(Counts.model_fields)
# The counts a group table shows (the action counts have tables of their own: a page is this wide).
GROUP_FIELDS = ("enrolled", "diagnosed", "plans_issued", "followed_up", "accepted", "benchmark_candidates")
Tone = Literal["body", "small", "draft", "strong"]
# Past this many enterprises judged, the province's report counts the reasons instead of listing every
# enterprise (800 would take some 35 pages); the list stays in the xlsx and JSON, and in each city's report.
ACCEPTANCE_LIST_LIMIT = 40


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: a numbered chapter; 2: a part of one


@dataclass(frozen=True)
class Text:
    text: str
    tone: Tone = "body"


@dataclass(frozen=True)
class Grid:
    """A table: the heading row first; ``fractions`` are the columns' shares of the width; ``align`` "l", "r"
    or "c" per column; ``total`` shades the last row (a total)."""

    rows: list[list[str]]
    fractions: tuple[float, ...]
    align: str
    total: bool = False


@dataclass(frozen=True)
class Figure:
    """A chart: ``draw(font, width)`` makes the drawing (reportlab, imported only then) in a font."""

    draw: Callable[[str, float], Drawing]
    caption: str


Block = Heading | Text | Grid | Figure


@dataclass(frozen=True)
class TitlePage:
    title: str
    programme: str
    lines: list[str]
    boxes: list[tuple[str, str]]  # (figure, label)


@dataclass(frozen=True)
class StagedLayout:
    lang: str
    title_page: TitlePage
    blocks: list[Block] = field(default_factory=list)
    header: str = ""  # the programme and scope, on every page
    footer: str = ""


class _Builder:
    def __init__(self, figures: ProgressFigures, narrative: Narrative, lang: str, list_limit: int) -> None:
        self.figures, self.narrative, self.lang = figures, narrative, lang
        self.list_limit = list_limit
        self.blocks: list[Block] = []

    def w(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    def number(self, value: float | None) -> str:
        return score_text(value, self.lang)

    def signed(self, value: float | None) -> str:
        if value is None:
            return self.w("common.not_available")
        text = format_number(value, 1)
        return text if text.startswith("-") or text == "0.0" else f"+{text}"

    def of_target(self, value: int, target: int | None) -> str:
        """A headline figure against its target; the figure alone where no target is set (a city without a
        quota, the benchmark target in a city's report): "4", not "4 / no target"."""
        return str(value) if target is None else self.w("progress.doc.of_target", value=value, target=target)

    def city_name(self, name: str | None) -> str:
        """A city in the report's language (Guangzhou for 广州市): one name per language, everywhere."""
        return self.w("common.dash") if name is None else self.figures.city_name(name, self.lang)

    def share(self, part: int, whole: int | None) -> str:
        return percent_text(part / whole if whole else None, self.lang)

    # -- the parts --------------------------------------------------------------------------------------------
    def title_page(self) -> TitlePage:
        f, w = self.figures, self.w
        scope = w("progress.province") if f.city is None else self.city_name(f.city)
        lines = [
            w("progress.doc.scope", scope=scope),
            w("progress.doc.as_of", date=f.as_of.isoformat()),
            w(
                "progress.doc.period",
                start=f.programme.period_start.isoformat(),
                end=f.programme.period_end.isoformat(),
            ),
            w("progress.doc.previous", date=f.previous_report.isoformat())
            if f.previous_report
            else w("progress.doc.first"),
        ]
        boxes = [
            (
                self.of_target(f.totals.accepted, f.targets.enterprises_helped),
                w("progress.count.accepted"),
            ),
            (
                self.of_target(f.totals.benchmark_candidates, f.targets.benchmark_enterprises),
                w("progress.count.benchmark_candidates"),
            ),
            (str(f.totals.enrolled), w("progress.count.enrolled")),
            (str(f.totals.followed_up), w("progress.count.followed_up")),
        ]
        return TitlePage(w("progress.doc.title"), localize(f.programme.title, self.lang), lines, boxes)

    def targets(self) -> None:
        f, w = self.figures, self.w
        self.blocks.append(Heading(w("progress.doc.h_targets"), 1))
        head = [w("progress.column.figure"), w("progress.column.value", date=f.as_of.isoformat())]
        with_previous = f.previous is not None and f.change is not None and f.previous_report is not None
        if with_previous:
            assert f.previous_report is not None
            head += [
                w("progress.column.previous", date=f.previous_report.isoformat()),
                w("progress.column.change"),
            ]
        head.append(w("progress.column.target"))
        goals = {
            "accepted": f.targets.enterprises_helped,
            "benchmark_candidates": f.targets.benchmark_enterprises,
        }
        rows = [head]
        for name in COUNT_FIELDS:
            row = [w(f"progress.count.{name}"), str(getattr(f.totals, name))]
            if with_previous:
                assert f.previous is not None and f.change is not None
                change = int(getattr(f.change, name))
                row += [str(getattr(f.previous, name)), f"{change:+d}" if change else "0"]
            goal = goals.get(name)
            row.append(str(goal) if goal is not None else w("common.dash"))
            rows.append(row)
        fractions = (3.0, 1.6, 1.9, 1.0, 1.0) if with_previous else (3.0, 1.6, 1.0)
        self.blocks.append(Grid(rows, fractions, "lrrrr" if with_previous else "lrr"))
        helped, benchmark = f.targets.enterprises_helped, f.targets.benchmark_enterprises
        if benchmark is not None and helped is not None:  # the province's report
            rule = w("progress.doc.target_rule", target=helped, benchmark=benchmark)
        elif helped is not None:  # a city's: its quota; the benchmark target is the province's alone
            rule = w("progress.doc.target_rule_city", target=helped)
        else:
            rule = w("progress.doc.target_rule_no_quota")
        self.blocks.append(Text(rule, "small"))

    def group_label(self, group: GroupFigures, kind: str) -> str:
        if group.key is None:
            return self.w(
                {"city": "progress.no_city", "cluster": "progress.no_cluster", "size": "progress.no_size"}[
                    kind
                ]
            )
        if kind == "size":
            return vocab("size", group.key, self.lang)
        return localize(group.title, self.lang) if group.title else group.key

    def one_city_grid(
        self, rows: list[list[str]], fractions: tuple[float, ...], align: str, city_column: int
    ) -> Grid:
        """A table of enterprises; a city's report leaves out the city column (every row is that city)."""
        if self.figures.city is None:
            return Grid(rows, fractions, align)
        keep = [i for i in range(len(fractions)) if i != city_column]
        return Grid(
            [[row[i] for i in keep] for row in rows],
            tuple(fractions[i] for i in keep),
            "".join(align[i] for i in keep),
        )

    def group_grid(self, groups: Sequence[GroupFigures], kind: str, first: str) -> Grid:
        w = self.w
        head = [first, *(w(f"progress.count.{name}") for name in GROUP_FIELDS)]
        rows = [head]
        for group in groups:
            rows.append(
                [self.group_label(group, kind), *(str(getattr(group.counts, n)) for n in GROUP_FIELDS)]
            )
        totals = [sum(int(getattr(g.counts, n)) for g in groups) for n in GROUP_FIELDS]
        rows.append([w("progress.doc.total"), *(str(t) for t in totals)])
        return Grid(rows, (2.6, *([1.0] * len(GROUP_FIELDS))), "l" + "r" * len(GROUP_FIELDS), total=True)

    def cities(self) -> None:
        """The province's table of cities against their quotas, and the share of each quota met."""
        f, w = self.figures, self.w
        if f.city is not None or not f.by_city:
            return
        self.blocks.append(Heading(w("progress.doc.h_cities"), 1))
        fields = ("enrolled", "diagnosed", "followed_up", "accepted")
        rows = [
            [
                w("progress.column.city"),
                *(w(f"progress.count.{name}") for name in fields),
                w("progress.column.quota"),
                w("progress.column.quota_share"),
            ]
        ]
        for group in f.by_city:
            rows.append(
                [
                    self.group_label(group, "city"),
                    *(str(getattr(group.counts, n)) for n in fields),
                    str(group.quota) if group.quota is not None else w("common.dash"),
                    self.share(group.counts.accepted, group.quota),
                ]
            )
        totals = [sum(int(getattr(g.counts, n)) for g in f.by_city) for n in fields]
        quotas = [g.quota for g in f.by_city if g.quota is not None]
        quota_total = sum(quotas) if quotas else None
        rows.append(
            [
                w("progress.doc.total"),
                *(str(t) for t in totals),
                str(quota_total) if quota_total is not None else w("common.dash"),
                self.share(totals[-1], quota_total),
            ]
        )
        self.blocks.append(Grid(rows, (2.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.2), "lrrrrrr", total=True))
        with_quota = [g for g in f.by_city if g.quota]
        if with_quota:
            labels = [self.group_label(g, "city") for g in with_quota]
            values = [100.0 * g.counts.accepted / g.quota for g in with_quota if g.quota]

            def draw(font: str, width: float) -> Drawing:
                from ..pdf.charts import bar_chart

                return bar_chart(
                    labels,
                    [_series(w("progress.column.quota_share"), values)],
                    font=font,
                    width=width,
                    label_width=width * 0.22,
                    value_label=lambda v: f"{format_number(v, 0)}%",
                    threshold=100.0,
                    max_value=max(100.0, *values),
                )

            self.blocks.append(Figure(draw, w("progress.doc.cities_chart")))

    def city_actions(self) -> None:
        """The province's view of the plans followed through: each city's actions open, overdue and verified."""
        f, w = self.figures, self.w
        if f.city is not None or not f.by_city:
            return
        self.blocks.append(Heading(w("progress.doc.h_city_actions"), 2))
        fields = ("actions_open", "actions_overdue", "actions_verified")
        rows = [[w("progress.column.city"), *(w(f"progress.count.{name}") for name in fields)]]
        rows += [
            [self.group_label(g, "city"), *(str(getattr(g.counts, n)) for n in fields)] for g in f.by_city
        ]
        totals = [sum(int(getattr(g.counts, n)) for g in f.by_city) for n in fields]
        rows.append([w("progress.doc.total"), *(str(t) for t in totals)])
        self.blocks.append(Grid(rows, (2.2, 1.0, 1.0, 1.0), "lrrr", total=True))

    def groups(self) -> None:
        f, w = self.figures, self.w
        self.blocks.append(Heading(w("progress.doc.h_groups"), 1))
        self.blocks.append(Heading(w("progress.sheet.clusters"), 2))
        clusters = f.by_cluster
        if f.city is not None:  # a city has enterprises in a few clusters: those are shown, the rest counted
            clusters = [g for g in f.by_cluster if g.counts.enrolled]
        self.blocks.append(self.group_grid(clusters, "cluster", w("progress.column.cluster")))
        omitted = len(f.by_cluster) - len(clusters)
        if omitted:
            self.blocks.append(Text(w("progress.doc.clusters_omitted", count=omitted), "small"))
        self.blocks.append(Heading(w("progress.sheet.sizes"), 2))
        self.blocks.append(self.group_grid(f.by_size, "size", w("progress.column.size")))

    def gains(self) -> None:
        g, w = self.figures.gains, self.w
        self.blocks.append(Heading(w("progress.doc.h_gains"), 1))
        if not g.enterprises:
            self.blocks.append(Text(w("progress.doc.no_gains")))
            return
        self.blocks.append(
            Text(
                w(
                    "progress.doc.gains_line",
                    count=g.enterprises,
                    mean=self.number(shown_change(g.mean_baseline, g.mean_follow_up)),
                    median=self.number(g.median),
                    before=self.number(g.mean_baseline),
                    after=self.number(g.mean_follow_up),
                )
            )
        )
        labels = [_range_label(b.low, b.high) for b in g.distribution]
        counts = [b.count for b in g.distribution]
        rows = [[w("progress.column.gain_range"), w("progress.column.enterprises")]]
        rows += [[label, str(count)] for label, count in zip(labels, counts, strict=True)]
        self.blocks.append(Grid(rows, (2.0, 1.0), "lr"))

        def draw(font: str, width: float) -> Drawing:
            from ..pdf.charts import column_chart

            return column_chart(labels, [float(c) for c in counts], font=font, width=width * 0.7, height=150)

        self.blocks.append(Figure(draw, w("progress.doc.gains_chart")))

    def weak(self) -> None:
        f, w = self.figures, self.w
        self.blocks.append(Heading(w("progress.doc.h_weak"), 1))
        self.blocks.append(
            Text(w("progress.doc.weak_rule", threshold=format_number(f.weak_threshold, 0)), "small")
        )
        if not f.weak_clauses:
            self.blocks.append(Text(w("progress.doc.no_weak")))
            return
        rows = [
            [
                w("progress.column.clause"),
                w("progress.column.weak"),
                w("progress.column.assessed"),
                w("progress.column.mean"),
            ]
        ]
        rows += [
            [
                f"{c.id} {localize(c.title, self.lang)}",
                str(c.weak),
                str(c.assessed),
                self.number(c.mean_score),
            ]
            for c in f.weak_clauses
        ]
        self.blocks.append(Grid(rows, (4.0, 1.1, 1.1, 1.1), "lrrr"))

    def lab(self) -> None:
        f, w = self.figures, self.w
        self.blocks.append(Heading(w("progress.doc.h_lab"), 1))
        rows = [[w("progress.column.lab_verdict"), w("progress.column.enterprises")]]
        rows += [
            [vocab("lab_verdict", verdict, self.lang), str(count)]
            for verdict, count in f.lab_verdicts.items()
        ]
        rows.append([w("progress.doc.total"), str(sum(f.lab_verdicts.values()))])
        self.blocks.append(Grid(rows, (3.0, 1.0), "lr", total=True))
        if f.incomplete:
            self.blocks.append(Text(w("progress.doc.lab_incomplete", count=f.incomplete), "small"))

    def acceptance(self) -> None:
        f, w = self.figures, self.w
        self.blocks.append(Heading(w("progress.doc.h_acceptance"), 1))
        target = f.targets.enterprises_helped
        line = (
            w(
                "progress.doc.acceptance_line_no_target",
                accepted=f.totals.accepted,
                followed_up=f.totals.followed_up,
            )
            if target is None
            else w(
                "progress.doc.acceptance_line",
                accepted=f.totals.accepted,
                target=target,
                share=self.share(f.totals.accepted, target),
                followed_up=f.totals.followed_up,
            )
        )
        self.blocks.append(Text(line))
        if f.unpaired_follow_ups:
            self.blocks.append(
                Text(w("progress.doc.unpaired_follow_ups", count=f.unpaired_follow_ups), "small")
            )
        if not f.acceptance:
            self.blocks.append(Text(w("progress.doc.no_acceptance")))
            return
        if f.city is None and len(f.acceptance) > self.list_limit:
            self.acceptance_reasons()
            return
        rows = [
            [
                w("progress.column.enterprise"),
                w("progress.column.city"),
                w("progress.column.baseline"),
                w("progress.column.follow_up"),
                w("progress.column.gain"),
                w("progress.column.accepted"),
                w("progress.column.reasons"),
            ]
        ]
        for entry in f.acceptance:
            rows.append(
                [
                    entry.name,
                    self.city_name(entry.city),
                    self.number(entry.baseline_overall),
                    self.number(entry.follow_up_overall)
                    if entry.follow_up_date is not None
                    else w("progress.not_followed_up"),
                    self.signed(shown_change(entry.baseline_overall, entry.follow_up_overall))
                    if entry.gain is not None
                    else w("common.dash"),
                    w("progress.yes") if entry.accepted else w("progress.no"),
                    locale(self.lang).join(
                        r.text.get(self.lang) or r.text.get("en", r.code) for r in entry.reasons
                    ),
                ]
            )
        self.blocks.append(self.one_city_grid(rows, (3.0, 1.1, 0.9, 0.9, 0.9, 0.8, 2.6), "llrrrcl", 1))

    def acceptance_reasons(self) -> None:
        """The province's view: how many enterprises each reason keeps from acceptance (one may have several)."""
        f, w = self.figures, self.w
        counts = Counter(r.code for entry in f.acceptance for r in entry.reasons)
        rows = [[w("progress.column.reason"), w("progress.column.enterprises")]]
        rows += [[w(f"progress.reason_kind.{code}"), str(count)] for code, count in counts.most_common()]
        rows.append([w("progress.reason_kind.accepted"), str(f.totals.accepted)])
        self.blocks.append(Grid(rows, (4.0, 1.0), "lr"))
        self.blocks.append(
            Text(w("progress.doc.acceptance_list_elsewhere", count=len(f.acceptance)), "small")
        )

    def benchmark(self) -> None:
        f, w = self.figures, self.w
        self.blocks.append(Heading(w("progress.doc.h_benchmark"), 1))
        counted = {"count": f.totals.benchmark_candidates, "listed": len(f.benchmark)}
        target = f.targets.benchmark_enterprises
        line = (
            w("progress.doc.benchmark_line_no_target", **counted)
            if target is None
            else w("progress.doc.benchmark_line", **counted, target=target)
        )
        self.blocks.append(Text(line))
        if not f.benchmark:
            self.blocks.append(Text(w("progress.doc.no_benchmark")))
            return
        rows = [
            [
                w("progress.column.rank"),
                w("progress.column.enterprise"),
                w("progress.column.city"),
                w("progress.column.overall"),
                w("progress.column.lab_index"),
                w("progress.column.lab_verdict"),
            ]
        ]
        rows += [
            [
                str(b.rank),
                b.name,
                self.city_name(b.city),
                self.number(b.overall),
                self.number(b.lab_index),
                vocab("lab_verdict", b.lab_verdict or "none", self.lang),
            ]
            for b in f.benchmark
        ]
        self.blocks.append(self.one_city_grid(rows, (0.6, 3.4, 1.2, 1.0, 1.0, 1.4), "rllrrl", 2))

    def narrative_sections(self) -> None:
        w = self.w
        self.blocks.append(Heading(w("progress.doc.h_narrative"), 1))
        for number, section in enumerate(self.narrative.sections, start=1):
            title = w(f"progress.section.{section.key}")
            self.blocks.append(Heading(_subnumbered(number, title, self.lang), 2))
            if section.draft:
                self.blocks.append(Text(w("progress.draft_mark"), "draft"))
            for paragraph in _paragraphs(section.text):
                self.blocks.append(Text(paragraph))

    def build(self) -> StagedLayout:
        self.targets()
        self.cities()
        self.city_actions()
        self.groups()
        self.gains()
        self.weak()
        self.lab()
        self.acceptance()
        self.benchmark()
        self.narrative_sections()
        f = self.figures
        scope = self.w("progress.province") if f.city is None else self.city_name(f.city)
        return StagedLayout(
            self.lang,
            self.title_page(),
            self.blocks,
            header=f"{localize(f.programme.title, self.lang)} · {scope}",
            footer=f"{f.programme.id} · {self.w('progress.doc.as_of', date=f.as_of.isoformat())}",
        )


def _series(name: str, values: Sequence[float]) -> Series:
    from ..pdf.charts import Series

    return Series(name, list(values))


def _subnumbered(number: int, title: str, lang: str) -> str:
    """A narrative section's heading: "（一）工作举措" / "(1) Measures taken" (the language's numerals)."""
    return message("progress.doc.subsection", lang, number=locale(lang).heading_number(number), title=title)


def _paragraphs(text: str) -> list[str]:
    """The agency's text in paragraphs: a blank line (or a line break) starts a new one."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _range_label(low: float | None, high: float | None) -> str:
    if low is None and high is not None:
        return f"< {format_number(high, 0)}"
    if high is None and low is not None:
        return f"≥ {format_number(low, 0)}"
    return f"{format_number(low, 0)}–{format_number(high, 0)}"


def layout(
    figures: ProgressFigures, narrative: Narrative, lang: str, *, list_limit: int = ACCEPTANCE_LIST_LIMIT
) -> StagedLayout:
    """The staged report's title page and blocks in ``lang``; the province's lists every enterprise judged for
    acceptance only up to ``list_limit`` of them, and counts the reasons past it."""
    return _Builder(figures, narrative, lang, list_limit).build()
