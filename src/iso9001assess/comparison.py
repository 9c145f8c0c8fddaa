"""Baseline → follow-up: what changed for one enterprise between two assessments (a core step, below the
exporters: the report's progress chapter and the programme's comparison outputs both use it)."""

from __future__ import annotations

from .errors import InvalidInputError, Problem
from .i18n import Text, said
from .models.answers import Assessment, Enterprise
from .models.base import FrozenModel, LocalizedText
from .models.result import Grade, LabVerdict, Readiness, Result


class Snapshot(FrozenModel):
    """The headline figures of one assessment."""

    assessment: Assessment
    checklist_sha256: str
    overall: float | None
    maturity_level: int | None
    readiness: Readiness
    lab: float | None
    findings: dict[str, int]
    lab_verdict: LabVerdict | None = None
    completeness: float | None = None
    lab_completeness: float | None = None


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
    # Full precision, like every result: an output rounds once, when it displays the value.
    return None if before is None or after is None else after - before


def _snapshot(result: Result) -> Snapshot:
    return Snapshot(
        assessment=result.assessment,
        checklist_sha256=result.checklist.sha256,
        overall=result.overall.score,
        maturity_level=result.overall.maturity_level,
        readiness=result.overall.readiness,
        lab=result.lab.score,
        findings=result.finding_counts(),
        lab_verdict=result.lab.verdict,
        completeness=result.overall.completeness,
        lab_completeness=result.lab.completeness,
    )


def _who(enterprise: Enterprise) -> Text:
    if enterprise.credit_code:
        return said("errors.compare.who_coded", name=repr(enterprise.name), code=enterprise.credit_code)
    return said("errors.compare.who", name=repr(enterprise.name))


def comparison_problems(baseline: Result, followup: Result, sources: tuple[str, str]) -> list[Problem]:
    """Why the two results cannot be compared as baseline then follow-up (empty when they can).

    ``sources`` name the inputs (files) the results came from; each problem is reported against the follow-up.
    """
    problems: list[Problem] = []
    source = sources[1]
    if baseline.checklist.id != followup.checklist.id:
        problems.append(
            Problem.said(
                source,
                said(
                    "errors.compare.checklists",
                    baseline=sources[0],
                    before=repr(baseline.checklist.id),
                    after=repr(followup.checklist.id),
                ),
            )
        )
    codes = (baseline.enterprise.credit_code, followup.enterprise.credit_code)
    if None not in codes and codes[0] != codes[1]:
        problems.append(
            Problem.said(
                source,
                said(
                    "errors.compare.enterprises",
                    baseline=sources[0],
                    before=_who(baseline.enterprise),
                    after=_who(followup.enterprise),
                ),
            )
        )
    dates = (baseline.assessment.date, followup.assessment.date)
    kinds = (baseline.assessment.kind, followup.assessment.kind)
    if (dates[0] is not None and dates[1] is not None and dates[1] < dates[0]) or kinds == (
        "follow-up",
        "baseline",
    ):
        undated = said("errors.compare.undated")
        problems.append(
            Problem.said(
                source,
                said(
                    "errors.compare.order",
                    kind=said(f"errors.compare.kind.{kinds[1]}"),
                    date=dates[1] or undated,
                    baseline=sources[0],
                    baseline_kind=said(f"errors.compare.kind.{kinds[0]}"),
                    baseline_date=dates[0] or undated,
                ),
            )
        )
    return problems


def compare(
    baseline: Result, followup: Result, sources: tuple[str, str] = ("<baseline>", "<follow-up>")
) -> Comparison:
    """Compare two results of the same enterprise on the same checklist (its version may differ), the
    baseline first; ``sources`` name where they came from, for the messages."""
    problems = comparison_problems(baseline, followup, sources)
    if problems:
        raise InvalidInputError(problems)
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
