"""The agency's portfolio: what a programme's assessments add up to, computed from enterprise summaries.

Each assessment counts once, whether it was given as answers, as its JSON result or both (see
:func:`unique_assessments`); each enterprise counts once, by its latest assessment (see
:func:`latest_by_enterprise`); baseline → follow-up pairs give the improvement figures. An incomplete assessment
(readiness ``incomplete``: too few items assessed) is counted apart and kept out of every score figure
(averages, distributions, clause rankings, improvement) and out of benchmark selection. Everything here is a pure function of the summaries, so the
same inputs give the same portfolio whatever order they came in.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from pydantic import Field

from ..i18n.collation import name_key, optional_name_key
from ..models.base import FrozenModel, LocalizedText
from ..models.result import Readiness
from .benchmark import BenchmarkRule, select_candidates
from .summary import EnterpriseSummary

SCORE_BINS: tuple[tuple[float, float], ...] = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 100))
READINESS: tuple[Readiness, ...] = ("ready", "conditionally-ready", "not-ready", "incomplete")
SIZES = ("micro", "small", "medium", "large")
KIND_ORDER = {"baseline": 0, "self": 1, "follow-up": 2}


class PortfolioOptions(FrozenModel):
    """How the portfolio is computed: the benchmark rule, and what counts as a weak clause."""

    rule: BenchmarkRule = BenchmarkRule()
    weak_threshold: float = Field(default=60.0, ge=0, le=100)
    clause_depth: int = Field(default=1, ge=0)
    top_weak: int = Field(default=10, ge=1)


class Bin(FrozenModel):
    label: str
    low: float
    high: float
    count: int


class Count(FrozenModel):
    key: str
    count: int


class Stats(FrozenModel):
    mean: float | None
    median: float | None
    min: float | None
    max: float | None


class GroupStats(FrozenModel):
    """One city, industry or size: how its enterprises fare. ``key`` is None for 'not stated'."""

    key: str | None
    enterprises: int
    mean_overall: float | None
    mean_lab: float | None
    ready: int
    conditionally_ready: int
    not_ready: int
    candidates: int
    incomplete: int = 0  # counted in ``enterprises``, kept out of the means


class WeakClause(FrozenModel):
    id: str
    title: LocalizedText
    assessed: int
    weak: int
    share: float
    mean_score: float | None


class LabOverview(FrozenModel):
    with_lab: int
    without_lab: int
    index: Stats
    distribution: tuple[Bin, ...]
    at_or_above: int
    threshold: float
    incomplete: int = 0  # enterprises whose lab assessment is incomplete: kept out of the index figures


class Improvement(FrozenModel):
    name: str
    credit_code: str | None
    city: str | None
    industry: str | None
    baseline_source: str
    followup_source: str
    baseline_date: dt.date | None
    followup_date: dt.date | None
    baseline_overall: float | None
    followup_overall: float | None
    delta: float | None
    baseline_maturity: int | None
    followup_maturity: int | None
    baseline_readiness: Readiness
    followup_readiness: Readiness
    baseline_findings: int
    followup_findings: int


class ImprovementOverview(FrozenModel):
    pairs: int
    improved: int
    unchanged: int
    declined: int
    mean_delta: float | None
    enterprises: tuple[Improvement, ...]
    incomplete: int = 0  # baseline → follow-up pairs left out because one of the two is incomplete


class Candidate(FrozenModel):
    rank: int
    source: str
    name: str
    credit_code: str | None
    city: str | None
    industry: str | None
    size: str | None
    overall: float | None
    maturity_level: int | None
    readiness: Readiness
    lab_index: float | None
    minor: int
    observation: int


class Portfolio(FrozenModel):
    schema_version: int = 1
    assessments: int
    enterprises: int
    # Enterprises whose latest assessment is incomplete (counted in ``enterprises``, in no score figure).
    incomplete: int = 0
    # Assessments given twice (answers and their JSON result, say) and counted once.
    given_twice: int = 0
    latest_assessment: dt.date | None
    checklists: tuple[str, ...]
    # The scoring strategies of the assessments counted, by name: the method appendix states each one's rules.
    strategies: tuple[str, ...] = ()
    overall: Stats
    not_scored: int
    score_distribution: tuple[Bin, ...]
    maturity: tuple[Count, ...]
    readiness: tuple[Count, ...]
    findings: dict[str, int]
    by_city: tuple[GroupStats, ...]
    by_industry: tuple[GroupStats, ...]
    by_size: tuple[GroupStats, ...]
    weak_threshold: float
    clause_depth: int
    weak_clauses: tuple[WeakClause, ...]
    lab: LabOverview
    improvement: ImprovementOverview
    benchmark_rule: BenchmarkRule
    eligible: int
    benchmark_candidates: tuple[Candidate, ...]


def _round(value: float | None) -> float | None:
    # Full precision, like every result: an output rounds once, when it shows the value.
    return value


def _stats(values: Sequence[float]) -> Stats:
    if not values:
        return Stats(mean=None, median=None, min=None, max=None)
    return Stats(
        mean=_round(statistics.fmean(values)),
        median=_round(statistics.median(values)),
        min=_round(min(values)),
        max=_round(max(values)),
    )


def _mean(values: Sequence[float]) -> float | None:
    return _round(statistics.fmean(values)) if values else None


def _bins(values: Iterable[float]) -> tuple[Bin, ...]:
    counts = [0] * len(SCORE_BINS)
    for value in values:
        for index, (low, high) in enumerate(SCORE_BINS):
            last = index == len(SCORE_BINS) - 1
            if low <= value < high or (last and value == high):
                counts[index] += 1
                break
    return tuple(
        Bin(label=f"{low:g}–{high:g}", low=low, high=high, count=count)
        for (low, high), count in zip(SCORE_BINS, counts, strict=True)
    )


def _latest_key(summary: EnterpriseSummary) -> tuple[dt.date, int, str]:
    return (summary.assessment_date or dt.date.min, KIND_ORDER[summary.assessment_kind], summary.source)


def unique_assessments(summaries: Iterable[EnterpriseSummary]) -> tuple[list[EnterpriseSummary], int]:
    """One summary per assessment (enterprise, kind, date, checklist) and how many were given more than once:
    an assessment passed as its answers and as its JSON result is one assessment. Of two, the one whose source
    sorts first is kept, so the choice does not depend on the order of the inputs."""
    given = list(summaries)
    kept: dict[tuple[str, str, dt.date | None, str], EnterpriseSummary] = {}
    for summary in given:
        known = kept.get(summary.assessment)
        if known is None or summary.source < known.source:
            kept[summary.assessment] = summary
    return list(kept.values()), len(given) - len(kept)


def latest_by_enterprise(summaries: Iterable[EnterpriseSummary]) -> list[EnterpriseSummary]:
    """One summary per enterprise (by credit code, else name): the latest by date, a follow-up before a
    baseline of the same date; ordered by source name."""
    latest: dict[str, EnterpriseSummary] = {}
    for summary in summaries:
        known = latest.get(summary.identity)
        if known is None or _latest_key(summary) > _latest_key(known):
            latest[summary.identity] = summary
    return sorted(latest.values(), key=lambda s: s.source)


def _groups(
    summaries: Sequence[EnterpriseSummary],
    key: Callable[[EnterpriseSummary], str | None],
    candidates: set[str],
) -> tuple[GroupStats, ...]:
    grouped: dict[str | None, list[EnterpriseSummary]] = defaultdict(list)
    for summary in summaries:
        grouped[key(summary)].append(summary)
    groups = [
        GroupStats(
            key=name,
            enterprises=len(members),
            mean_overall=_mean([m.overall for m in members if m.overall is not None and not m.incomplete]),
            mean_lab=_mean([lab for m in members if (lab := _lab_index(m)) is not None]),
            ready=sum(m.readiness == "ready" for m in members),
            conditionally_ready=sum(m.readiness == "conditionally-ready" for m in members),
            not_ready=sum(m.readiness == "not-ready" for m in members),
            candidates=sum(m.identity in candidates for m in members),
            incomplete=sum(m.incomplete for m in members),
        )
        for name, members in grouped.items()
    ]
    return tuple(sorted(groups, key=lambda g: (-g.enterprises, optional_name_key(g.key))))


def _size_order(group: GroupStats) -> int:
    return SIZES.index(group.key) if group.key in SIZES else len(SIZES)


def _weak_clauses(
    summaries: Sequence[EnterpriseSummary], options: PortfolioOptions, titles: Mapping[str, LocalizedText]
) -> tuple[WeakClause, ...]:
    scores: dict[str, list[float]] = defaultdict(list)
    order: dict[str, int] = {}
    for summary in summaries:
        for clause_id, (depth, score) in summary.clauses.items():
            if depth != options.clause_depth:
                continue
            order.setdefault(clause_id, len(order))
            if score is not None:
                scores[clause_id].append(score)
    clauses = []
    for clause_id, values in scores.items():
        weak = sum(value < options.weak_threshold for value in values)
        if not weak:
            continue
        clauses.append(
            WeakClause(
                id=clause_id,
                title=titles.get(clause_id, clause_id),
                assessed=len(values),
                weak=weak,
                share=round(weak / len(values), 4),
                mean_score=_mean(values),
            )
        )
    clauses.sort(key=lambda c: (-c.weak, -c.share, c.mean_score or 0.0, order[c.id]))
    return tuple(clauses[: options.top_weak])


def _lab_index(summary: EnterpriseSummary) -> float | None:
    """The lab index when it counts in figures: a lab, a complete assessment and a complete lab part."""
    if not summary.has_lab or summary.incomplete or summary.lab_verdict == "incomplete":
        return None
    return summary.lab_index


def _lab(summaries: Sequence[EnterpriseSummary], threshold: float) -> LabOverview:
    indexes = [lab for s in summaries if (lab := _lab_index(s)) is not None]
    return LabOverview(
        with_lab=sum(s.has_lab for s in summaries),
        without_lab=sum(not s.has_lab for s in summaries),
        index=_stats(indexes),
        distribution=_bins(indexes),
        at_or_above=sum(value >= threshold for value in indexes),
        threshold=threshold,
        incomplete=sum(s.has_lab and (s.incomplete or s.lab_verdict == "incomplete") for s in summaries),
    )


def _improvements(summaries: Iterable[EnterpriseSummary]) -> ImprovementOverview:
    """Per enterprise, its first baseline against its latest follow-up."""
    by_identity: dict[str, list[EnterpriseSummary]] = defaultdict(list)
    for summary in summaries:
        by_identity[summary.identity].append(summary)
    pairs = []
    left_out = 0
    for assessments in by_identity.values():
        baselines = sorted((s for s in assessments if s.assessment_kind == "baseline"), key=_latest_key)
        followups = sorted((s for s in assessments if s.assessment_kind == "follow-up"), key=_latest_key)
        if not baselines or not followups:
            continue
        before, after = baselines[0], followups[-1]
        if before.incomplete or after.incomplete:
            left_out += 1  # no gain can be measured against an assessment that is not complete
            continue
        delta = None if before.overall is None or after.overall is None else after.overall - before.overall
        pairs.append(
            Improvement(
                name=after.name,
                credit_code=after.credit_code,
                city=after.city,
                industry=after.industry,
                baseline_source=before.source,
                followup_source=after.source,
                baseline_date=before.assessment_date,
                followup_date=after.assessment_date,
                baseline_overall=before.overall,
                followup_overall=after.overall,
                delta=delta,
                baseline_maturity=before.maturity_level,
                followup_maturity=after.maturity_level,
                baseline_readiness=before.readiness,
                followup_readiness=after.readiness,
                baseline_findings=before.findings,
                followup_findings=after.findings,
            )
        )
    pairs.sort(key=lambda p: (-(p.delta if p.delta is not None else float("-inf")), name_key(p.name)))
    deltas = [p.delta for p in pairs if p.delta is not None]
    return ImprovementOverview(
        pairs=len(pairs),
        improved=sum(d > 0 for d in deltas),
        unchanged=sum(d == 0 for d in deltas),
        declined=sum(d < 0 for d in deltas),
        mean_delta=_mean(deltas),
        enterprises=tuple(pairs),
        incomplete=left_out,
    )


def build_portfolio(
    summaries: Iterable[EnterpriseSummary],
    options: PortfolioOptions | None = None,
    titles: Mapping[str, LocalizedText] | None = None,
) -> Portfolio:
    """The portfolio of ``summaries`` (several assessments of one enterprise are allowed); ``titles`` names
    the clauses (see ``summary.clause_titles``; a clause without one is shown by its id)."""
    options = options or PortfolioOptions()
    every, given_twice = unique_assessments(summaries)
    current = latest_by_enterprise(every)
    complete = [s for s in current if not s.incomplete]
    scored = [s.overall for s in complete if s.overall is not None]
    chosen, eligible = select_candidates(complete, options.rule)
    chosen_ids = {s.identity for s in chosen}
    candidates = tuple(
        Candidate(
            rank=rank,
            source=s.source,
            name=s.name,
            credit_code=s.credit_code,
            city=s.city,
            industry=s.industry,
            size=s.size,
            overall=s.overall,
            maturity_level=s.maturity_level,
            readiness=s.readiness,
            lab_index=s.lab_index,
            minor=s.minor,
            observation=s.observation,
        )
        for rank, s in enumerate(chosen, start=1)
    )
    return Portfolio(
        assessments=len(every),
        enterprises=len(current),
        incomplete=len(current) - len(complete),
        given_twice=given_twice,
        latest_assessment=max((s.assessment_date for s in every if s.assessment_date), default=None),
        checklists=tuple(sorted({f"{s.checklist_id}@{s.checklist_version}" for s in every})),
        strategies=tuple(sorted({s.strategy for s in every})),
        overall=_stats(scored),
        not_scored=len(complete) - len(scored),
        score_distribution=_bins(scored),
        maturity=tuple(
            Count(key=str(level), count=sum(s.maturity_level == level for s in complete))
            for level in range(1, 6)
        ),
        readiness=tuple(Count(key=r, count=sum(s.readiness == r for s in current)) for r in READINESS),
        findings={
            "major": sum(s.major for s in current),
            "minor": sum(s.minor for s in current),
            "observation": sum(s.observation for s in current),
        },
        by_city=_groups(current, lambda s: s.city, chosen_ids),
        by_industry=_groups(current, lambda s: s.industry, chosen_ids),
        by_size=tuple(sorted(_groups(current, lambda s: s.size, chosen_ids), key=_size_order)),
        weak_threshold=options.weak_threshold,
        clause_depth=options.clause_depth,
        weak_clauses=_weak_clauses(complete, options, titles or {}),
        lab=_lab(current, options.rule.min_lab if options.rule.min_lab is not None else 70.0),
        improvement=_improvements(every),
        benchmark_rule=options.rule,
        eligible=eligible,
        benchmark_candidates=candidates,
    )
