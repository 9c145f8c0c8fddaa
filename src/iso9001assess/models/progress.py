"""The staged progress report's figures and narrative: what ``progress`` computes from the programme store,
typed and immutable, so that every output (JSON, xlsx, PDF, DOCX) shows the same numbers.

Numbers keep full precision here; an output rounds once when it shows them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field

from .answers import Size
from .base import FrozenModel, LocalizedText, localize
from .result import LabVerdict

NarrativeKey = Literal["measures", "results", "problems", "next_steps", "suggestions"]
NARRATIVE_KEYS: tuple[NarrativeKey, ...] = get_args(NarrativeKey)
NarrativeSource = Literal["file", "store", "draft"]


class Counts(FrozenModel):
    """How many enterprises reached each step of the programme, and the state of their actions, as of a date."""

    enrolled: int = 0  # an assessment of any kind on or before the date
    diagnosed: int = 0  # a baseline on or before the date
    plans_issued: int = 0  # their improvement plan handed over on or before the date
    followed_up: int = 0  # a follow-up on or before the date
    accepted: int = 0  # accepted (验收通过) under the programme's rule: the enterprises helped
    benchmark_candidates: int = 0  # meeting the benchmark rule (before the top-N cut)
    actions_open: int = 0  # actions opened on or before the date and still pending then
    actions_overdue: int = 0  # of those, past their due date
    actions_verified: int = 0  # verified closed by a follow-up on or before the date


class GroupFigures(FrozenModel):
    """The counts of one city, cluster or size; ``quota`` (cities) is the programme's target for it."""

    key: str | None  # the city's name, the cluster's id, the size; None: none given / no cluster
    title: LocalizedText | None = None
    counts: Counts
    quota: int | None = None


class GainBucket(FrozenModel):
    """Enterprises whose gain lies in [low, high) (an open end: None)."""

    low: float | None
    high: float | None
    count: int


class ScoreGains(FrozenModel):
    """Score gains from baseline to follow-up, over the enterprises with both, complete, as of the date."""

    enterprises: int
    mean: float | None
    median: float | None
    mean_baseline: float | None
    mean_follow_up: float | None
    distribution: list[GainBucket]


class WeakClause(FrozenModel):
    """A clause scored below the threshold in the latest complete assessment of ``weak`` of ``assessed``
    enterprises."""

    id: str
    title: LocalizedText
    assessed: int
    weak: int
    mean_score: float | None


class Reason(FrozenModel):
    """Why an enterprise is not accepted: a code, the figures it names, and the sentence in each language."""

    code: str
    text: dict[str, str]


class AcceptanceEntry(FrozenModel):
    enterprise_id: int
    name: str
    credit_code: str | None
    city: str | None
    cluster: str | None
    size: Size | None
    baseline_date: dt.date | None
    baseline_overall: float | None
    follow_up_date: dt.date | None
    follow_up_overall: float | None
    gain: float | None
    major: int | None
    accepted: bool
    reasons: list[Reason] = Field(default_factory=list)


class BenchmarkCandidate(FrozenModel):
    rank: int
    enterprise_id: int
    name: str
    city: str | None
    cluster: str | None
    overall: float
    lab_index: float | None
    lab_verdict: LabVerdict | None
    date: dt.date


class ProgrammeRef(FrozenModel):
    id: str
    title: LocalizedText
    checklist: str
    period_start: dt.date
    period_end: dt.date
    phase: str | None  # the id of the phase the date falls in (the latest begun, when several run at once)


class TargetFigures(FrozenModel):
    """The targets this report answers to: the province's, or the city's quota (``--city``)."""

    enterprises_helped: int | None
    benchmark_enterprises: int | None
    helped: int
    benchmark: int


class ProgressFigures(FrozenModel):
    """Everything the staged report shows, as of ``as_of`` (assessments dated on or before it)."""

    schema_version: Literal[1] = 1
    programme: ProgrammeRef
    as_of: dt.date
    city: str | None
    previous_report: dt.date | None
    targets: TargetFigures
    totals: Counts
    previous: Counts | None
    change: Counts | None
    by_city: list[GroupFigures]
    by_cluster: list[GroupFigures]
    by_size: list[GroupFigures]
    gains: ScoreGains
    weak_threshold: float
    weak_clauses: list[WeakClause]
    lab_verdicts: dict[str, int]  # verdict -> enterprises (latest assessment); "none": no lab index
    incomplete: int  # enterprises whose latest assessment is incomplete (kept out of averages)
    # Enterprises with a follow-up on or before the date but no baseline dated on or before that follow-up:
    # not counted as followed up (their follow-up pairs with no baseline).
    unpaired_follow_ups: int = 0
    acceptance: list[AcceptanceEntry]
    benchmark: list[BenchmarkCandidate]

    def city_name(self, name: str, lang: str) -> str:
        """A city in ``lang`` as the programme titles it (Guangzhou for 广州市), else as the answers name it:
        what every table and title of a report in ``lang`` calls it."""
        title = next((g.title for g in self.by_city if g.key == name and g.title is not None), None)
        return name if title is None else localize(title, lang)


class NarrativeSection(FrozenModel):
    key: NarrativeKey
    text: str
    source: NarrativeSource

    @property
    def draft(self) -> bool:
        return self.source == "draft"


class Narrative(FrozenModel):
    """The report's five narrative sections, in order; a drafted section says so (``source: draft``)."""

    lang: str
    sections: list[NarrativeSection]

    def section(self, key: NarrativeKey) -> NarrativeSection:
        return next(section for section in self.sections if section.key == key)


class ProgressReport(FrozenModel):
    """``progress -o x.json``: the figures and the narrative."""

    figures: ProgressFigures
    narrative: Narrative
