"""Baseline → follow-up: what changed for one enterprise between two assessments."""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidInputError, Problem
from ..i18n import message
from ..models.answers import Assessment, Enterprise
from ..models.base import FrozenModel, LocalizedText, localize
from ..models.checklist import Checklist
from ..models.result import Grade, LabVerdict, Readiness, Result
from ..rounding import format_number, format_percent


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


def _who(enterprise: Enterprise) -> str:
    code = f" (credit code {enterprise.credit_code})" if enterprise.credit_code else ""
    return f"{enterprise.name!r}{code}"


def comparison_problems(baseline: Result, followup: Result, sources: tuple[str, str]) -> list[Problem]:
    """Why the two results cannot be compared as baseline then follow-up (empty when they can).

    ``sources`` name the inputs (files) the results came from; each problem is reported against the follow-up.
    """
    problems: list[Problem] = []
    source = sources[1]
    if baseline.checklist.id != followup.checklist.id:
        problems.append(
            Problem(
                source,
                f"the baseline ({sources[0]}) uses checklist {baseline.checklist.id!r} and this follow-up "
                f"{followup.checklist.id!r}; only assessments on the same checklist can be compared",
            )
        )
    codes = (baseline.enterprise.credit_code, followup.enterprise.credit_code)
    if None not in codes and codes[0] != codes[1]:
        problems.append(
            Problem(
                source,
                f"the baseline ({sources[0]}) is of {_who(baseline.enterprise)} and this follow-up of "
                f"{_who(followup.enterprise)}; only assessments of the same enterprise can be compared",
            )
        )
    dates = (baseline.assessment.date, followup.assessment.date)
    kinds = (baseline.assessment.kind, followup.assessment.kind)
    if (dates[0] is not None and dates[1] is not None and dates[1] < dates[0]) or kinds == (
        "follow-up",
        "baseline",
    ):
        problems.append(
            Problem(
                source,
                f"given as the follow-up, this {kinds[1]} assessment ({dates[1] or 'undated'}) comes before "
                f"the one given as the baseline ({sources[0]}: {kinds[0]}, {dates[0] or 'undated'}); "
                "give the baseline first: compare BASELINE FOLLOWUP",
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


def compare_files(
    baseline: str | Path,
    followup: str | Path,
    *,
    strategy: str = "weighted",
    checklist: Checklist | None = None,
) -> Comparison:
    """Compare two answer files or JSON results (both are read; problems in either are all reported)."""
    from .inputs import result_from_file

    results: list[Result] = []
    problems: list[Problem] = []
    for path in (baseline, followup):
        try:
            results.append(result_from_file(Path(path), strategy=strategy, checklist=checklist))
        except InvalidInputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInputError(problems)
    return compare(results[0], results[1], (str(baseline), str(followup)))


# -- text ---------------------------------------------------------------------------------------------------
# The comparison's lines say what the report's progress section says, in the report's words.
_LABELS = {
    "title": "cmp.title",
    "baseline": "vocab.kind.baseline",
    "followup": "vocab.kind.follow-up",
    "overall": "vocab.measure.overall",
    "maturity": "vocab.measure.maturity",
    "readiness": "vocab.measure.readiness",
    "lab": "vocab.measure.lab",
    "lab_verdict": "vocab.field.lab_verdict",
    "completeness": "vocab.measure.qms_completeness",
    "lab_completeness": "vocab.measure.lab_completeness",
    "findings": "vocab.measure.findings",
    "changed": "report.progress.checklist_changed",
    "clauses": "cmp.clauses",
}


def _number(value: float | None, lang: str = "en") -> str:
    """One decimal, rounded once, half up."""
    return format_number(value, 1, none=message("common.not_available", lang))


def _signed(value: float | None, lang: str = "en") -> str:
    if value is None:
        return message("common.not_available", lang)
    shown = format_number(value, 1)
    return "0.0" if shown in ("0.0", "-0.0") else (shown if shown.startswith("-") else f"+{shown}")


def _when(snapshot: Snapshot) -> str:
    parts = [snapshot.assessment.date.isoformat() if snapshot.assessment.date else "-"]
    if snapshot.assessment.assessor:
        parts.append(snapshot.assessment.assessor)
    return ", ".join(parts)


def comparison_text(comparison: Comparison, lang: str = "en", depth: int = 1) -> str:
    """The comparison as plain text; clauses down to ``depth`` (0 = clauses 4–10, 1 = also 4.1, 7.1, ...)."""
    c = comparison

    def w(key: str) -> str:
        return message(_LABELS[key], lang)

    before, after = c.baseline, c.followup

    def grade(value: Grade | None) -> str:
        return message(f"vocab.grade.{value}" if value else "report.progress.no_finding", lang)

    def readiness(value: Readiness) -> str:
        return message(f"vocab.readiness.{value}", lang)

    def verdict(value: LabVerdict | None) -> str:
        return message(f"vocab.lab_verdict.{value}" if value else "vocab.lab_verdict.none", lang)

    def percent(value: float | None) -> str:
        return format_percent(value, none=message("common.not_available", lang))

    def number(value: float | None) -> str:
        return _number(value, lang)

    def signed(value: float | None) -> str:
        return _signed(value, lang)

    na = message("common.not_available", lang)
    lines = [
        f"{w('title')}: {c.enterprise.name}",
        f"{w('baseline')}: {_when(before)}    {w('followup')}: {_when(after)}",
        "",
        f"{w('overall')}: {number(before.overall)} → {number(after.overall)} ({signed(c.overall_delta)})",
        f"{w('maturity')}: {before.maturity_level or na} → {after.maturity_level or na}"
        + ("" if c.maturity_change is None else f" ({c.maturity_change:+d})"),
        f"{w('readiness')}: {readiness(before.readiness)} → {readiness(after.readiness)}",
        f"{w('completeness')}: {percent(before.completeness)} → {percent(after.completeness)}",
        f"{w('lab')}: {number(before.lab)} → {number(after.lab)} ({signed(c.lab_delta)})",
        f"{w('lab_verdict')}: {verdict(before.lab_verdict)} → {verdict(after.lab_verdict)}",
        f"{w('lab_completeness')}: {percent(before.lab_completeness)} → {percent(after.lab_completeness)}",
        f"{w('findings')}: "
        + ", ".join(
            f"{grade(g)} {before.findings.get(g, 0)} → {after.findings.get(g, 0)}"
            for g in ("major", "minor", "observation")
        ),
    ]
    if before.checklist_sha256 != after.checklist_sha256:
        lines.append(w("changed"))
    lines += ["", w("clauses")]
    for section in c.sections:
        if section.depth > depth:
            continue
        label = f"{'  ' * (section.depth + 1)}{section.id} {localize(section.title, lang)}"
        lines.append(
            f"{label}  {number(section.baseline)} → {number(section.followup)}  {signed(section.delta)}"
        )
    for key, changes in (("closed", c.closed), ("new", c.new), ("persisting", c.persisting)):
        lines += ["", message(f"report.progress.{key}", lang, count=len(changes))]
        for change in changes:
            lines.append(
                f"  {change.item_id} [{grade(change.baseline_grade)} → {grade(change.followup_grade)}] "
                f"{localize(change.text, lang)}"
            )
    return "\n".join(lines) + "\n"


def comparison_json(comparison: Comparison) -> bytes:
    return (comparison.model_dump_json(indent=2) + "\n").encode("utf-8")
