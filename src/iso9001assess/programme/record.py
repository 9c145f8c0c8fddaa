"""What the programme store keeps of one scored answers file, built where the file is scored (a batch
worker, or ``ingest``) so that only this small record travels to the process that writes the store.

The answers are kept as given (canonical JSON: the full result is re-derived from them and the checklist);
the result is kept in its compact form: headline figures, section scores and the ids of findings and actions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import to_json

from ..models.answers import Answer, Answers, Assessment, Enterprise
from ..models.result import Result

COMPACT_VERSION = 1


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text: equal content gives equal text, hence an equal hash."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def answers_json(answers: Answers) -> str:
    """The answers as given, as JSON with the item answers in id order (equal content gives equal text).

    The text is pydantic's ``model_dump_json(exclude_unset=True)`` of the answers with their mapping sorted
    (its SHA-256 is the store's idempotency key, so it must never change). Pydantic writes each item answer
    through the answer's tagged union, about 2 µs an answer; here the mapping is turned into plain values (a
    rating, null, or an answer's fields that were given, in declaration order) and written by pydantic-core's
    own JSON writer, which escapes text exactly as the model's writer does, in a third of the time."""
    head = answers.model_dump_json(exclude_unset=True, exclude=_MAPPINGS)
    entries: dict[str, Any] = {}
    mapping = answers.answers
    for item_id in sorted(mapping):
        entry = mapping[item_id]
        # Most entries are bare ratings: told apart before isinstance, which a model class makes slower.
        if entry is None or entry.__class__ is int or not isinstance(entry, Answer):
            entries[item_id] = entry  # a bare rating, or null
        else:
            given, values = entry.model_fields_set, entry.__dict__
            entries[item_id] = {name: values[name] for name in _ANSWER_FIELDS if name in given}
    # "answers" is always written (the reference sets it), "not_applicable" when the file gave it; the two
    # are the model's last fields, in this order, and the head is never empty (schema_version is required).
    text = head[:-1] + ',"answers":' + to_json(entries).decode()
    if "not_applicable" in answers.model_fields_set:
        text += ',"not_applicable":' + to_json(answers.not_applicable).decode()
    return text + "}"


_MAPPINGS = {"answers", "not_applicable"}
_ANSWER_FIELDS = tuple(Answer.model_fields)  # pydantic writes a model's fields in declaration order


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
    return _compact(
        result, [[f.item_id, f.grade] for f in result.findings], [a.item_id for a in result.actions]
    )


def _compact(result: Result, findings: list[list[str]], actions: list[str]) -> dict[str, Any]:
    lab = lab_sections(result)
    return {
        "v": COMPACT_VERSION,
        "overall": result.overall.model_dump(mode="json"),
        "lab": result.lab.model_dump(mode="json"),
        "sections": {s.id: [s.depth, s.score, s.id in lab] for s in result.sections},
        "findings": findings,
        "actions": actions,
    }


def compact_json(compact: dict[str, Any]) -> str:
    """``canonical_json(compact)`` for a compact result, written five times faster by pydantic-core's JSON
    writer (json spends most of its time writing floats). The texts are the same: the keys are sorted here
    (the compact form nests dicts one level deep), and both writers give a float the same shortest digits
    except outside [1e-4, 1e16), where pydantic-core writes 0.00001 for json's 1e-05 (and NaN as null):
    a result with such a score is written by json."""
    overall, lab = compact["overall"], compact["lab"]
    scores = [overall["score"], overall["completeness"], lab["score"], lab["completeness"]]
    scores.extend(section[1] for section in compact["sections"].values())
    if not all(1e-4 <= abs(score) < 1e16 for score in scores if score):  # NaN compares false: json writes it
        return canonical_json(compact)
    ordered = {
        key: dict(sorted(value.items())) if isinstance(value, dict) else value
        for key, value in sorted(compact.items())
    }
    return to_json(ordered).decode()


@dataclass(frozen=True)
class ScoredFile:
    """One scored answers file, ready to be recorded.

    It travels from the worker process that scored the file to the one that writes the store, so it carries
    what the store records and no more: the enterprise and the assessment rather than the answers model
    (pickling the model cost 0.44 ms a file, ten times the rest). ``answers`` is the model in the process that
    built the record, and is read back from ``answers_json`` elsewhere (on first use)."""

    source_name: str
    source_sha256: str
    enterprise: Enterprise
    assessment: Assessment
    answers_json: str
    answers_sha256: str
    result: dict[str, Any]
    result_json: str  # canonical_json(result): written once, where the file is scored
    checklist_id: str
    checklist_version: str
    checklist_sha256: str
    strategy: str
    finding_counts: dict[str, int]
    plan: tuple[dict[str, Any], ...] = ()  # the improvement plan's actions (id, clause, grade, priority, ...)
    _answers: Answers | None = field(default=None, repr=False, compare=False)

    @property
    def answers(self) -> Answers:
        """The answers as given (the model they were scored from, or the same read back from their JSON)."""
        if self._answers is None:
            object.__setattr__(self, "_answers", Answers.model_validate_json(self.answers_json))
        assert self._answers is not None
        return self._answers

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_answers": None}


def scored_file(source_name: str, source_sha256: str, answers: Answers, result: Result) -> ScoredFile:
    text = answers_json(answers)
    # The compact result, the counts and the plan from the findings and actions read once each (comprehensions:
    # a plan has a hundred actions, and their fields are plain values already).
    findings = [[finding.item_id, finding.grade] for finding in result.findings]
    counts = {"major": 0, "minor": 0, "observation": 0}
    for _item, grade in findings:
        counts[grade] += 1
    plan: list[dict[str, Any]] = [
        {
            "item_id": action.item_id,
            "clause": action.clause,
            "grade": action.grade,
            "priority": action.priority,
            "impact": action.impact,
            "timeframe_days": action.timeframe_days,
        }
        for action in result.actions
    ]
    actions = [entry["item_id"] for entry in plan]
    compact = _compact(result, findings, actions)
    return ScoredFile(
        source_name=source_name,
        source_sha256=source_sha256,
        enterprise=answers.enterprise,
        assessment=answers.assessment,
        answers_json=text,
        answers_sha256=sha256_text(text),
        result=compact,
        result_json=compact_json(compact),
        checklist_id=result.checklist.id,
        checklist_version=result.checklist.version,
        checklist_sha256=result.checklist.sha256,
        strategy=result.strategy,
        finding_counts=counts,
        plan=tuple(plan),
        _answers=answers,
    )
