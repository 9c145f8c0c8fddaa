"""The programme file (``programme.yaml``): a provincial programme's period, targets, city quotas, industry
clusters, phases, staged report dates, and the rules for acceptance (验收) and benchmark enterprises.

Structure is checked here; the rules that relate fields to each other (a quota for a city the programme does
not list, phases out of order, a report date outside the period, a rule that cannot be met) are checked by
``loading.programme`` so that each problem is located in the file.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, StrictStr

from ..cities import CityNames
from ..i18n import industry_code
from .base import WHOLE_NUMBER, Date, FrozenModel, Identifier, LocalizedText, SchemaVersion
from .result import LabVerdict

Count = Annotated[StrictInt, Field(ge=0), WHOLE_NUMBER]
Score = Annotated[float, Field(ge=0, le=100)]
Name = Annotated[StrictStr, Field(min_length=1, max_length=100)]
CityName = Name


class Period(FrozenModel):
    start: Date
    end: Date


class City(FrozenModel):
    """A city of the programme, named as the answers' ``region.city`` names it (``广州市``)."""

    name: CityName
    title: LocalizedText | None = None


def _names(title: LocalizedText | None) -> list[str]:
    if title is None:
        return []
    return [title] if isinstance(title, str) else list(title.values())


class CityQuota(FrozenModel):
    enterprises_helped: Count


class Targets(FrozenModel):
    enterprises_helped: Count
    benchmark_enterprises: Count = 0
    cities: dict[CityName, CityQuota] = Field(default_factory=dict)


class Cluster(FrozenModel):
    """An industry cluster and the industries it covers (codes of the industry vocabulary: ``electronics``,
    ``food``...; default: the cluster's own id). An enterprise belongs to it when its ``industry`` names one
    of them, by code or by name (``电子信息``), or is the cluster's id."""

    id: Identifier
    title: LocalizedText
    industries: list[Name] | None = None  # checked against the industry codes by loading.programme

    def covers(self) -> list[str]:
        """The industry codes of its enterprises (the listed industries, else its own id)."""
        return [self.id] if self.industries is None else list(self.industries)


class Phase(FrozenModel):
    """A phase of the programme. It starts where the previous one ended (the first: at the period's start)
    unless ``start`` says otherwise; ``concurrent: true`` lets it overlap the phase before it."""

    id: Identifier
    title: LocalizedText
    start: Date | None = None
    end: Date
    concurrent: StrictBool = False


class AcceptanceRule(FrozenModel):
    """When an enterprise counts as helped (验收通过): on its latest follow-up (``needs: follow-up``) or its
    latest assessment (``needs: baseline``), complete, with every condition met."""

    needs: Literal["baseline", "follow-up"] = "follow-up"
    min_overall: Score | None = None
    min_gain: Annotated[float, Field(ge=0, le=100)] | None = None
    no_major: StrictBool = False


class BenchmarkRule(FrozenModel):
    """Benchmark-enterprise candidates: complete latest assessments meeting every condition, ranked by overall
    score (then lab index, then name), the first ``top`` kept."""

    min_overall: Score = 80.0
    no_major: StrictBool = True
    lab_verdict: LabVerdict | None = None
    top: Annotated[StrictInt, Field(ge=1), WHOLE_NUMBER] = 30


class Programme(FrozenModel):
    schema_version: SchemaVersion
    id: Identifier
    title: LocalizedText
    checklist: Identifier
    period: Period
    cities: list[City] | None = None
    targets: Targets
    clusters: list[Cluster] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    staged_reports: list[Date] = Field(default_factory=list)
    acceptance: AcceptanceRule = Field(default_factory=AcceptanceRule)
    benchmark: BenchmarkRule = Field(default_factory=BenchmarkRule)

    def city_names(self) -> list[str] | None:
        return None if self.cities is None else [city.name for city in self.cities]

    @functools.cached_property
    def city_index(self) -> CityNames | None:
        """The programme's cities under their names in every language it gives (None: it lists none)."""
        if self.cities is None:
            return None
        return CityNames({city.name: _names(city.title) for city in self.cities})

    @functools.cached_property
    def cluster_index(self) -> tuple[dict[str, str], dict[str, str]]:
        """The cluster of each industry code (the first cluster listing it), and each cluster's id to itself."""
        by_code: dict[str, str] = {}
        for cluster in self.clusters:
            for code in cluster.covers():
                by_code.setdefault(code, cluster.id)
        return by_code, {cluster.id: cluster.id for cluster in self.clusters}

    def cluster_of(self, industry: str | None) -> str | None:
        """The id of the cluster an enterprise of ``industry`` (as its answers write it) belongs to, if any:
        the first cluster covering the industry's code, else one whose id is written."""
        if industry is None or not self.clusters:
            return None
        by_code, by_id = self.cluster_index
        code = industry_code(industry)
        written = industry.strip()
        found = by_code.get(code) if code is not None else None
        return found or by_code.get(written) or by_id.get(written)

    def phase_spans(self) -> list[tuple[Phase, dt.date, dt.date]]:
        """Each phase with its start (given, else the day after the previous phase ends, else the period's
        start) and end."""
        spans = []
        previous_end: dt.date | None = None
        for phase in self.phases:
            start = phase.start or (
                self.period.start if previous_end is None else previous_end + dt.timedelta(days=1)
            )
            spans.append((phase, start, phase.end))
            previous_end = phase.end
        return spans

    def phase_on(self, day: dt.date) -> Phase | None:
        """The phase ``day`` falls in (of phases running at once, the one begun last; on a tie, the one listed first)."""
        running = [
            (start, index, phase)
            for index, (phase, start, end) in enumerate(self.phase_spans())
            if start <= day <= end
        ]
        return max(running, key=lambda found: (found[0], -found[1]))[2] if running else None

    def previous_report(self, as_of: dt.date) -> dt.date | None:
        """The latest staged report date strictly before ``as_of``: what a report compares against."""
        earlier = [day for day in self.staged_reports if day < as_of]
        return max(earlier) if earlier else None
