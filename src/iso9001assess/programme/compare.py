"""The comparison from files, and in words: text and JSON (the comparison itself is ``iso9001assess.comparison``)."""

from __future__ import annotations

from pathlib import Path

from ..comparison import Comparison, FindingChange, SectionDelta, Snapshot, compare, comparison_problems
from ..errors import InvalidInputError, Problem
from ..i18n import message
from ..models.base import localize
from ..models.checklist import Checklist
from ..models.result import Grade, LabVerdict, Readiness, Result
from ..rounding import format_number, format_percent, shown_change

__all__ = [
    "Comparison",
    "FindingChange",
    "SectionDelta",
    "Snapshot",
    "compare",
    "compare_files",
    "comparison_json",
    "comparison_problems",
    "comparison_text",
]


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
        f"{w('overall')}: {number(before.overall)} → {number(after.overall)} ({signed(shown_change(before.overall, after.overall))})",
        f"{w('maturity')}: {before.maturity_level or na} → {after.maturity_level or na}"
        + ("" if c.maturity_change is None else f" ({c.maturity_change:+d})"),
        f"{w('readiness')}: {readiness(before.readiness)} → {readiness(after.readiness)}",
        f"{w('completeness')}: {percent(before.completeness)} → {percent(after.completeness)}",
        f"{w('lab')}: {number(before.lab)} → {number(after.lab)} ({signed(shown_change(before.lab, after.lab))})",
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
            f"{label}  {number(section.baseline)} → {number(section.followup)}  {signed(shown_change(section.baseline, section.followup))}"
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
