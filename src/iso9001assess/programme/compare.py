"""Baseline → follow-up: what changed for one enterprise between two assessments."""

from __future__ import annotations

from ..errors import InvalidInputError
from ..models.answers import Assessment, Enterprise
from ..models.base import FrozenModel, LocalizedText
from ..models.result import Grade, Readiness, Result


class Snapshot(FrozenModel):
    """The headline figures of one assessment."""

    assessment: Assessment
    checklist_sha256: str
    overall: float | None
    maturity_level: int | None
    readiness: Readiness
    lab: float | None
    findings: dict[str, int]


class SectionDelta(FrozenModel):
    id: str
    title: LocalizedText
    depth: int
    baseline: float | None
    followup: float | None
    delta: float | None


class FindingChange(FrozenModel):
    item_id: str
    clause: str
    text: LocalizedText
    baseline_grade: Grade | None
    followup_grade: Grade | None


class Comparison(FrozenModel):
    schema_version: int = 1
    checklist_id: str
    enterprise: Enterprise
    baseline: Snapshot
    followup: Snapshot
    overall_delta: float | None
    lab_delta: float | None
    maturity_change: int | None
    sections: tuple[SectionDelta, ...]
    closed: tuple[FindingChange, ...]
    new: tuple[FindingChange, ...]
    persisting: tuple[FindingChange, ...]


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 2)


def _snapshot(result: Result) -> Snapshot:
    return Snapshot(
        assessment=result.assessment,
        checklist_sha256=result.checklist.sha256,
        overall=result.overall.score,
        maturity_level=result.overall.maturity_level,
        readiness=result.overall.readiness,
        lab=result.lab.score,
        findings=result.finding_counts(),
    )


def compare(baseline: Result, followup: Result) -> Comparison:
    """Compare two results of the same enterprise on the same checklist (its version may differ)."""
    if baseline.checklist.id != followup.checklist.id:
        raise InvalidInputError.single(
            "<compare>",
            f"the baseline uses checklist {baseline.checklist.id!r} and the follow-up "
            f"{followup.checklist.id!r}; only assessments on the same checklist can be compared",
        )
    before_sections = {s.id: s for s in baseline.sections}
    sections = tuple(
        SectionDelta(
            id=section.id,
            title=section.title,
            depth=section.depth,
            baseline=before_sections[section.id].score if section.id in before_sections else None,
            followup=section.score,
            delta=_delta(
                before_sections[section.id].score if section.id in before_sections else None, section.score
            ),
        )
        for section in followup.sections
    )
    before = {f.item_id: f for f in baseline.findings}
    after = {f.item_id: f for f in followup.findings}
    order = {item.id: position for position, item in enumerate(followup.items)}

    def change(item_id: str) -> FindingChange:
        source = after.get(item_id) or before[item_id]
        return FindingChange(
            item_id=item_id,
            clause=source.clause,
            text=source.text,
            baseline_grade=before[item_id].grade if item_id in before else None,
            followup_grade=after[item_id].grade if item_id in after else None,
        )

    def ordered(ids: set[str]) -> tuple[FindingChange, ...]:
        return tuple(change(i) for i in sorted(ids, key=lambda i: (order.get(i, len(order)), i)))

    maturity_before, maturity_after = baseline.overall.maturity_level, followup.overall.maturity_level
    return Comparison(
        checklist_id=followup.checklist.id,
        enterprise=followup.enterprise,
        baseline=_snapshot(baseline),
        followup=_snapshot(followup),
        overall_delta=_delta(baseline.overall.score, followup.overall.score),
        lab_delta=_delta(baseline.lab.score, followup.lab.score),
        maturity_change=None
        if maturity_before is None or maturity_after is None
        else maturity_after - maturity_before,
        sections=sections,
        closed=ordered(set(before) - set(after)),
        new=ordered(set(after) - set(before)),
        persisting=ordered(set(before) & set(after)),
    )
