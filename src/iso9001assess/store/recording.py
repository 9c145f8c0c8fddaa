"""What recording a scored file decides, as pure functions: the per-file path (:mod:`.writing`) and the
set-wise path (:mod:`.setwise`) both apply them, so their rules cannot drift apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..models.answers import Enterprise
from ..models.stage import STAGES, Stage
from ..programme.record import ScoredFile

DETAILS = (
    "name",
    "province",
    "city",
    "district",
    "industry",
    "size",
    "employees",
    "has_lab",
    "certified",
    "details_as_of",
)
ASSESSMENT_COLUMNS = (
    "enterprise_id",
    "kind",
    "assessed_on",
    "assessor",
    "checklist_id",
    "checklist_version",
    "checklist_sha256",
    "strategy",
    "source_name",
    "source_sha256",
    "answers_sha256",
    "answers",
    "result",
    "overall",
    "maturity_level",
    "readiness",
    "lab_index",
    "completeness",
    "lab_verdict",
    "lab_completeness",
    "major",
    "minor",
    "observation",
    "recorded_at",
)


class Recorded(NamedTuple):
    """An assessment already recorded for the enterprise, as the placement of a new one reads it."""

    id: int
    kind: str
    assessed_on: dt.date
    content: tuple[str, str, str]  # answers_sha256, checklist_sha256, strategy
    superseded_by: int | None


class Placement(NamedTuple):
    """Where a scored file stands among the enterprise's recorded assessments."""

    same: int | None  # the recorded assessment with this very content (the file changes nothing)
    earlier: int | None  # the current version of this kind and date, which the file supersedes
    later: list[tuple[int, dt.date]]  # a baseline's current follow-ups dated on or after it, in date order


def placement(history: Sequence[Recorded], scored: ScoredFile) -> Placement:
    kind, date = scored.assessment.kind, scored.assessment.date
    assert date is not None
    versions = [row for row in history if row.kind == kind and row.assessed_on == date]
    content = (scored.answers_sha256, scored.checklist_sha256, scored.strategy)
    same = next((row.id for row in versions if row.content == content), None)
    earlier = next((row.id for row in versions if row.superseded_by is None), None)
    later = (
        [
            (row.id, row.assessed_on)
            for row in sorted(history, key=lambda row: (row.assessed_on, row.id))
            if row.kind == "follow-up" and row.superseded_by is None and row.assessed_on >= date
        ]
        if kind == "baseline"
        else []
    )
    return Placement(same, earlier, later)


def details(enterprise: Enterprise, date: dt.date) -> dict[str, Any]:
    """The register shows what the most recent assessment says (a file ingested late changes nothing)."""
    region = enterprise.region
    return {
        "name": enterprise.name,
        "province": region.province,
        "city": region.city,
        "district": region.district,
        "industry": enterprise.industry,
        "size": enterprise.size,
        "employees": enterprise.employees,
        "has_lab": enterprise.has_lab,
        "certified": enterprise.certified,
        "details_as_of": date,
    }


def changed_details(enterprise: Enterprise, date: dt.date, details_as_of: dt.date) -> dict[str, Any]:
    """The register's new details when ``date`` is not older than what it shows, else none."""
    return details(enterprise, date) if date >= details_as_of else {}


def place_of(enterprise: Enterprise) -> tuple[str, str, str, str]:
    """The name and place a name history row keeps (name, province, city, district)."""
    region = enterprise.region
    return enterprise.name, region.province or "", region.city or "", region.district or ""


def widened(first_seen: dt.date, last_seen: dt.date, date: dt.date) -> tuple[dt.date, dt.date] | None:
    """A name's span of dates seen once ``date`` is added; None when it already covers it."""
    if first_seen <= date <= last_seen:
        return None
    return min(date, first_seen), max(date, last_seen)


def assessment_values(enterprise_id: int, scored: ScoredFile, stamp: dt.datetime) -> dict[str, Any]:
    """The new ``assessments`` row of ``scored`` (its id apart)."""
    assessment, result = scored.assessment, scored.result
    overall, lab = result["overall"], result["lab"]
    counts = scored.finding_counts
    values = (
        enterprise_id,
        assessment.kind,
        assessment.date,
        assessment.assessor,
        scored.checklist_id,
        scored.checklist_version,
        scored.checklist_sha256,
        scored.strategy,
        scored.source_name,
        scored.source_sha256,
        scored.answers_sha256,
        scored.answers_json,
        scored.result_json,
        overall["score"],
        overall["maturity_level"],
        overall["readiness"],
        lab["score"],
        overall["completeness"],
        lab["verdict"],
        lab["completeness"],
        counts["major"],
        counts["minor"],
        counts["observation"],
        stamp,
    )
    return dict(zip(ASSESSMENT_COLUMNS, values, strict=True))


def stage_of(kinds: set[str], plan_issued: bool) -> Stage:
    """The furthest stage reached: followed up, plan issued, baseline, else enrolled."""
    if "follow-up" in kinds:
        return "followed-up"
    if plan_issued:
        return "plan-issued"
    if "baseline" in kinds:
        return "baseline"
    return "enrolled"


def furthest(*stages: str) -> Stage:
    return STAGES[max(STAGES.index(stage) for stage in stages)]


def advanced_stage(stage: str, kind: str, plan_issued: bool) -> Stage:
    """Stages only move forward: an assessment adds a kind, nothing takes one away."""
    return furthest(stage, stage_of({kind}, plan_issued))
