"""The staged report's figures as of a date: pure computation over a store snapshot, no rendering.

"As of" a date means what was assessed on or before it: assessments dated later, actions opened later and
status changes made later do not count. The change since the previous staged report is the same computation
at that report's date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..i18n.collation import name_key
from ..models.answers import Size
from ..models.base import LocalizedText
from ..models.programme import BenchmarkRule, Programme
from ..models.progress import (
    AcceptanceEntry,
    BenchmarkCandidate,
    Counts,
    GainBucket,
    GroupFigures,
    ProgrammeRef,
    ProgressFigures,
    ScoreGains,
    TargetFigures,
    WeakClause,
)
from ..store.actions import PENDING
from ..store.records import AssessmentRecord
from ..store.snapshot import EnterpriseHistory, Snapshot
from .acceptance import Judgement, judge

SIZES: tuple[Size, ...] = ("micro", "small", "medium", "large")
GAIN_EDGES: tuple[float, ...] = (0.0, 5.0, 10.0, 20.0)  # buckets: < 0, 0–5, 5–10, 10–20, ≥ 20
WEAK_THRESHOLD = 60.0  # a clause scoring below this is weak (as in the portfolio)
CLAUSE_DEPTH = 1  # sub-clauses such as 7.1 (as in the portfolio)
TOP_WEAK = 10
LAB_ORDER = ("standardized", "basically-standardized", "not-standardized")


@dataclass(frozen=True)
class _State:
    """One enterprise as of the date."""

    enterprise: EnterpriseHistory
    latest: AssessmentRecord | None
    judgement: Judgement
    benchmark: bool
    actions: tuple[int, int, int]  # open, overdue, verified as of the date


def _latest(enterprise: EnterpriseHistory, day: dt.date) -> AssessmentRecord | None:
    assessed = enterprise.assessed_by(day)
    return assessed[-1] if assessed else None


def _complete(record: AssessmentRecord | None) -> bool:
    return record is not None and record.readiness != "incomplete" and record.overall is not None


def meets_benchmark(rule: BenchmarkRule, record: AssessmentRecord | None) -> bool:
    """The latest assessment meets the benchmark rule (complete, score, no major, lab verdict at least)."""
    if record is None or not _complete(record) or record.overall is None:
        return False
    if record.overall < rule.min_overall or (rule.no_major and record.major):
        return False
    if rule.lab_verdict is not None:
        wanted = LAB_ORDER.index(rule.lab_verdict)
        if record.lab_verdict not in LAB_ORDER or LAB_ORDER.index(record.lab_verdict) > wanted:
            return False
    return True


def _action_tally(enterprise: EnterpriseHistory, day: dt.date) -> tuple[int, int, int]:
    pending = overdue = verified = 0
    for action in enterprise.actions:
        status = action.status_on(day)
        if status in PENDING:
            pending += 1
            overdue += action.due_on is not None and action.due_on < day
        elif status == "verified":
            verified += 1
    return pending, overdue, verified


def _states(snapshot: Snapshot, programme: Programme, day: dt.date) -> list[_State]:
    states = []
    for enterprise in snapshot.enterprises:
        latest = _latest(enterprise, day)
        states.append(
            _State(
                enterprise,
                latest,
                judge(enterprise, programme.acceptance, day),
                meets_benchmark(programme.benchmark, latest),
                _action_tally(enterprise, day),
            )
        )
    return states


def paired_follow_up(enterprise: EnterpriseHistory, day: dt.date) -> bool:
    """A follow-up on or before ``day`` dated on or after the latest baseline by then: the enterprise is
    followed up (as acceptance pairs them). A follow-up with no baseline before it is not."""
    baselines = enterprise.assessed_by(day, "baseline")
    return bool(baselines) and any(
        record.date >= baselines[-1].date for record in enterprise.assessed_by(day, "follow-up")
    )


def unpaired_follow_up(enterprise: EnterpriseHistory, day: dt.date) -> bool:
    """A follow-up on or before ``day`` that pairs with no baseline (none yet, or all dated after it)."""
    return bool(enterprise.assessed_by(day, "follow-up")) and not paired_follow_up(enterprise, day)


def _counts(states: Iterable[_State], day: dt.date) -> Counts:
    values: Counter[str] = Counter()
    for state in states:
        enterprise = state.enterprise
        if state.latest is None:
            continue
        values["enrolled"] += 1
        values["diagnosed"] += bool(enterprise.assessed_by(day, "baseline"))
        values["plans_issued"] += enterprise.plan_issued_on is not None and enterprise.plan_issued_on <= day
        values["followed_up"] += paired_follow_up(enterprise, day)
        values["accepted"] += state.judgement.accepted
        values["benchmark_candidates"] += state.benchmark
        values["actions_open"] += state.actions[0]
        values["actions_overdue"] += state.actions[1]
        values["actions_verified"] += state.actions[2]
    return Counts(**values)


def counts_as_of(snapshot: Snapshot, programme: Programme, day: dt.date) -> Counts:
    return _counts(_states(snapshot, programme, day), day)


def _difference(now: Counts, then: Counts) -> Counts:
    return Counts(**{name: getattr(now, name) - getattr(then, name) for name in Counts.model_fields})


def _groups(
    states: Sequence[_State],
    day: dt.date,
    key: Callable[[EnterpriseHistory], str | None],
    known: Sequence[tuple[str, LocalizedText | None]],
    quotas: Mapping[str, int] | None = None,
    keep_empty: bool = True,
) -> list[GroupFigures]:
    members: dict[str | None, list[_State]] = defaultdict(list)
    for state in states:
        members[key(state.enterprise)].append(state)
    order: list[tuple[str | None, LocalizedText | None]] = [
        (name, title) for name, title in known if keep_empty or name in members
    ]
    listed = {name for name, _ in order}
    unlisted = (k for k in members if k is not None and k not in listed)
    order += [(name, None) for name in sorted(unlisted, key=name_key)]
    if None in members:
        order.append((None, None))
    return [
        GroupFigures(
            key=name,
            title=title,
            counts=_counts(members.get(name, []), day),
            quota=None if quotas is None or name is None else quotas.get(name),
        )
        for name, title in order
    ]


def _gains(states: Sequence[_State]) -> ScoreGains:
    pairs = [
        (state.judgement.baseline, state.judgement.judged)
        for state in states
        if state.judgement.judged is not None
        and state.judgement.judged.kind == "follow-up"
        and _complete(state.judgement.baseline)
        and _complete(state.judgement.judged)
    ]
    gains = [follow.overall - base.overall for base, follow in pairs if base and follow]  # type: ignore[operator]
    edges = (None, *GAIN_EDGES, None)
    buckets = []
    for low, high in itertools.pairwise(edges):
        count = sum((low is None or g >= low) and (high is None or g < high) for g in gains)
        buckets.append(GainBucket(low=low, high=high, count=count))
    return ScoreGains(
        enterprises=len(gains),
        mean=statistics.fmean(gains) if gains else None,
        median=statistics.median(gains) if gains else None,
        mean_baseline=statistics.fmean(b.overall for b, _ in pairs if b and b.overall is not None)
        if pairs
        else None,
        mean_follow_up=statistics.fmean(f.overall for _, f in pairs if f and f.overall is not None)
        if pairs
        else None,
        distribution=buckets,
    )


def _weak_clauses(
    states: Sequence[_State], snapshot: Snapshot, titles: Mapping[str, LocalizedText]
) -> list[WeakClause]:
    scores: dict[str, list[float]] = defaultdict(list)
    for state in states:
        if not _complete(state.latest) or state.latest is None:
            continue
        for clause in snapshot.clauses.get(state.latest.id, ()):
            if clause.depth == CLAUSE_DEPTH and not clause.lab and clause.score is not None:
                scores[clause.clause_id].append(clause.score)
    order = {clause_id: index for index, clause_id in enumerate(titles)}
    found = [
        WeakClause(
            id=clause_id,
            title=titles.get(clause_id, clause_id),
            assessed=len(values),
            weak=sum(value < WEAK_THRESHOLD for value in values),
            mean_score=statistics.fmean(values),
        )
        for clause_id, values in scores.items()
    ]
    found = [clause for clause in found if clause.weak]
    found.sort(key=lambda c: (-c.weak, c.mean_score or 0.0, order.get(c.id, len(order)), c.id))
    return found[:TOP_WEAK]


def _acceptance(states: Sequence[_State], programme: Programme) -> list[AcceptanceEntry]:
    entries = []
    for state in states:
        if state.latest is None:
            continue
        enterprise, judgement = state.enterprise, state.judgement
        judged = judgement.judged
        entries.append(
            AcceptanceEntry(
                enterprise_id=enterprise.id,
                name=enterprise.name,
                credit_code=enterprise.credit_code,
                city=enterprise.city,
                cluster=programme.cluster_of(enterprise.industry),
                size=enterprise.size,
                baseline_date=judgement.baseline.date if judgement.baseline else None,
                baseline_overall=judgement.baseline.overall if judgement.baseline else None,
                follow_up_date=judged.date if judged else None,
                follow_up_overall=judged.overall if judged else None,
                gain=judgement.gain,
                major=judged.major if judged else None,
                accepted=judgement.accepted,
                reasons=list(judgement.reasons),
            )
        )
    return entries


def _benchmark(states: Sequence[_State], programme: Programme) -> list[BenchmarkCandidate]:
    qualifying = [state for state in states if state.benchmark and state.latest is not None]

    def rank(state: _State) -> tuple[float, float, str, int]:
        latest = state.latest
        assert latest is not None and latest.overall is not None
        lab = latest.lab_index if latest.lab_index is not None else -1.0
        return (-latest.overall, -lab, state.enterprise.name, state.enterprise.id)

    qualifying.sort(key=rank)
    candidates = []
    for position, state in enumerate(qualifying[: programme.benchmark.top], start=1):
        latest = state.latest
        assert latest is not None and latest.overall is not None
        candidates.append(
            BenchmarkCandidate(
                rank=position,
                enterprise_id=state.enterprise.id,
                name=state.enterprise.name,
                city=state.enterprise.city,
                cluster=programme.cluster_of(state.enterprise.industry),
                overall=latest.overall,
                lab_index=latest.lab_index,
                lab_verdict=latest.lab_verdict,
                date=latest.date,
            )
        )
    return candidates


def compute_figures(
    snapshot: Snapshot,
    programme: Programme,
    as_of: dt.date,
    city: str | None = None,
    clause_titles: Mapping[str, LocalizedText] | None = None,
) -> ProgressFigures:
    """The staged report's figures as of ``as_of`` over ``snapshot`` (already restricted to ``city``)."""
    titles = clause_titles or {}
    states = _states(snapshot, programme, as_of)
    totals = _counts(states, as_of)
    previous_day = programme.previous_report(as_of)
    previous = counts_as_of(snapshot, programme, previous_day) if previous_day else None
    quotas = {name: quota.enterprises_helped for name, quota in programme.targets.cities.items()}
    cities = [(c.name, c.title) for c in programme.cities or []]
    if city is not None:
        cities = [(name, title) for name, title in cities if name == city] or [(city, None)]
    benchmark = _benchmark(states, programme)
    phase = programme.phase_on(as_of)
    verdicts: Counter[str] = Counter(
        (state.latest.lab_verdict or "none") for state in states if state.latest is not None
    )
    return ProgressFigures(
        programme=ProgrammeRef(
            id=programme.id,
            title=programme.title,
            checklist=programme.checklist,
            period_start=programme.period.start,
            period_end=programme.period.end,
            phase=phase.id if phase else None,
        ),
        as_of=as_of,
        city=city,
        previous_report=previous_day,
        targets=TargetFigures(
            enterprises_helped=quotas.get(city) if city else programme.targets.enterprises_helped,
            benchmark_enterprises=None if city else programme.targets.benchmark_enterprises,
            helped=totals.accepted,
            benchmark=len(benchmark),
        ),
        totals=totals,
        previous=previous,
        change=_difference(totals, previous) if previous else None,
        by_city=_groups(states, as_of, lambda e: e.city, cities, quotas),
        by_cluster=_groups(
            states,
            as_of,
            lambda e: programme.cluster_of(e.industry),
            [(c.id, c.title) for c in programme.clusters],
        ),
        by_size=_groups(states, as_of, lambda e: e.size, [(size, None) for size in SIZES], keep_empty=False),
        gains=_gains(states),
        weak_threshold=WEAK_THRESHOLD,
        weak_clauses=_weak_clauses(states, snapshot, titles),
        lab_verdicts={key: verdicts[key] for key in (*LAB_ORDER, "incomplete", "none") if verdicts[key]},
        incomplete=sum(
            1 for state in states if state.latest is not None and state.latest.readiness == "incomplete"
        ),
        unpaired_follow_ups=sum(
            1 for state in states if state.latest is not None and unpaired_follow_up(state.enterprise, as_of)
        ),
        acceptance=_acceptance(states, programme),
        benchmark=benchmark,
    )
