"""What the programme store keeps of one scored answers file, built where the file is scored (a batch
worker, or ``ingest``) so that only this small record travels to the process that writes the store.

The answers are kept as given (canonical JSON: the full result is re-derived from them and the checklist);
the result is kept in its compact form: headline figures, section scores and the ids of findings and actions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..models.answers import Answers
from ..models.result import Result

COMPACT_VERSION = 1


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text: equal content gives equal text, hence an equal hash."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def answers_json(answers: Answers) -> str:
    """The answers as given, as JSON with the item answers in id order (equal content gives equal text)."""
    ordered = answers.model_copy(update={"answers": dict(sorted(answers.answers.items()))})
    return ordered.model_dump_json(exclude_unset=True)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lab_sections(result: Result) -> frozenset[str]:
    """Sections whose scored items are all tagged lab: the lab capability part, apart from the clauses.
    They depend on the checklist alone, so they are worked out once per checklist."""
    known = _lab_sections.get(result.checklist.sha256)
    if known is None:
        known = _lab_sections[result.checklist.sha256] = _find_lab_sections(result)
    return known


_lab_sections: dict[str, frozenset[str]] = {}


def _find_lab_sections(result: Result) -> frozenset[str]:
    parents = {s.id: s.parent for s in result.sections}
    holds_lab: set[str] = set()
    holds_other: set[str] = set()
    for item in result.items:
        target = holds_lab if item.lab else holds_other
        section: str | None = item.section
        while section is not None:
            target.add(section)
            section = parents.get(section)
    return frozenset(holds_lab - holds_other)


def compact_result(result: Result) -> dict[str, Any]:
    """The result's figures without its texts: enough to list, rank and compare without re-scoring."""
    lab = lab_sections(result)
    return {
        "v": COMPACT_VERSION,
        "overall": result.overall.model_dump(mode="json"),
        "lab": result.lab.model_dump(mode="json"),
        "sections": {s.id: [s.depth, s.score, s.id in lab] for s in result.sections},
        "findings": [[f.item_id, f.grade] for f in result.findings],
        "actions": [a.item_id for a in result.actions],
    }


@dataclass(frozen=True)
class ScoredFile:
    """One scored answers file, ready to be recorded."""

    source_name: str
    source_sha256: str
    answers: Answers
    answers_json: str
    answers_sha256: str
    result: dict[str, Any]
    checklist_id: str
    checklist_version: str
    checklist_sha256: str
    strategy: str
    finding_counts: dict[str, int]
    plan: tuple[dict[str, Any], ...] = ()  # the improvement plan's actions (id, clause, grade, priority, ...)

    @property
    def result_json(self) -> str:
        return canonical_json(self.result)


def scored_file(source_name: str, source_sha256: str, answers: Answers, result: Result) -> ScoredFile:
    text = answers_json(answers)
    return ScoredFile(
        source_name=source_name,
        source_sha256=source_sha256,
        answers=answers,
        answers_json=text,
        answers_sha256=sha256_text(text),
        result=compact_result(result),
        checklist_id=result.checklist.id,
        checklist_version=result.checklist.version,
        checklist_sha256=result.checklist.sha256,
        strategy=result.strategy,
        finding_counts=result.finding_counts(),
        # The fields are plain values already (text, numbers): read directly, a plan has a hundred actions.
        plan=tuple(
            {
                "item_id": action.item_id,
                "clause": action.clause,
                "grade": action.grade,
                "priority": action.priority,
                "impact": action.impact,
                "timeframe_days": action.timeframe_days,
            }
            for action in result.actions
        ),
    )
