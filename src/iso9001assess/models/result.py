"""The result of scoring one enterprise: everything an exporter needs, and nothing to recompute."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .answers import Assessment, Enterprise, NotApplicableKind
from .base import FrozenModel, LocalizedText
from .checklist import Priority, ScaleLevel

ItemStatus = Literal["answered", "unanswered", "not-applicable"]
Grade = Literal["major", "minor", "observation"]
Readiness = Literal["incomplete", "not-ready", "conditionally-ready", "ready"]
LabVerdict = Literal["incomplete", "standardized", "basically-standardized", "not-standardized"]


class ChecklistRef(FrozenModel):
    id: str
    version: str
    sha256: str
    title: LocalizedText = ""
    standard: str | None = None


class OverallResult(FrozenModel):
    """The QMS: every item not tagged lab. Scores keep full precision; outputs round once when displaying."""

    score: float | None
    maturity_level: int | None
    readiness: Readiness
    completeness: float | None = Field(description="Answered ÷ applicable scored QMS items (null when none).")


class LabResult(FrozenModel):
    """The laboratory capability index, its verdict and completeness (items tagged lab)."""

    score: float | None
    verdict: LabVerdict | None
    completeness: float | None = Field(description="Answered ÷ applicable scored lab items (null when none).")


class SectionResult(FrozenModel):
    id: str
    title: LocalizedText
    depth: int
    parent: str | None
    score: float | None
    applicable: int
    answered: int
    not_applicable: int
    unanswered: int
    # The justification when the answers declare this whole section not applicable.
    justification: str | None = None


class ItemResult(FrozenModel):
    id: str
    section: str
    text: LocalizedText
    status: ItemStatus
    na_kind: NotApplicableKind | None = None
    rating: int | None
    score: float | None
    grade: Grade | None
    weight: float
    critical: bool
    scored: bool
    lab: bool
    note: str | None = None
    justification: str | None = None
    evidence: tuple[str, ...] = ()
    root_cause: str | None = None


class Finding(FrozenModel):
    item_id: str
    clause: str
    grade: Grade
    rating: int
    text: LocalizedText
    note: str | None = None
    root_cause: str | None = None


class Action(FrozenModel):
    id: str = Field(description="Stable across assessments (the item id), unique within a result.")
    item_id: str
    clause: str
    grade: Grade
    priority: Priority
    timeframe_days: int | None
    impact: float
    text: LocalizedText


class Result(FrozenModel):
    schema_version: Literal[1] = 1
    checklist: ChecklistRef
    strategy: str
    method: LocalizedText = Field(default="", description="The scoring method in words, with its formula.")
    enterprise: Enterprise
    assessment: Assessment
    scale: tuple[ScaleLevel, ...]
    min_completeness: float
    overall: OverallResult
    lab: LabResult
    sections: tuple[SectionResult, ...]
    items: tuple[ItemResult, ...]
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...]

    def section(self, section_id: str) -> SectionResult:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def item(self, item_id: str) -> ItemResult:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def finding_counts(self) -> dict[str, int]:
        counts = {"major": 0, "minor": 0, "observation": 0}
        for finding in self.findings:
            counts[finding.grade] += 1
        return counts
