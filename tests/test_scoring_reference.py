"""The engine's fast paths against a plain, slow reading of the formulas in docs/scoring.md.

The reference below works on the raw YAML (no models, no engine code): for the bundled samples and for generated
answer files it must give the same item, section, overall and lab scores, findings and action order as the
engine. It also checks that result parts built without validation are valid and independent of each other.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.bundled import bundled_dir
from iso9001assess.models.result import Result

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import generate_answers

sys.path.pop(0)

CHECKLIST = qa.load_checklist("iso9001-2015")
RAW_CHECKLIST = yaml.safe_load((bundled_dir("checklists") / "iso9001-2015.yaml").read_text(encoding="utf-8"))
SAMPLES = sorted(bundled_dir("samples").glob("*.yaml"))
MAX = max(level["value"] for level in RAW_CHECKLIST["scale"])
GRADING = {"nonconformity_at_most": 0.25, "observation_at_most": 0.5, **RAW_CHECKLIST.get("grading", {})}


def _sections(sections: list[dict[str, Any]], depth: int = 0) -> list[tuple[dict[str, Any], int]]:
    out = []
    for section in sections:
        out.append((section, depth))
        out.extend(_sections(section.get("sections", []), depth + 1))
    return out


def _subtree_items(section: dict[str, Any]) -> list[dict[str, Any]]:
    items = list(section.get("items", []))
    for child in section.get("sections", []):
        items.extend(_subtree_items(child))
    return items


def _reference(raw: dict[str, Any]) -> dict[str, Any]:
    """Score raw answers by the documented formulas, one item at a time."""
    has_lab = raw["enterprise"].get("has_lab", True)
    answers = raw.get("answers") or {}
    declared = raw.get("not_applicable") or {}
    minimum = RAW_CHECKLIST.get("min_completeness", 0.9)
    sections = _sections(RAW_CHECKLIST["sections"])
    under_declared = {i["id"] for s, _ in sections if s["id"] in declared for i in _subtree_items(s)}

    def status(item: dict[str, Any]) -> str:
        entry = answers.get(item["id"])
        full = entry if isinstance(entry, dict) else {"rating": entry}
        if ("lab" in item.get("tags", []) and not has_lab) or full.get("na"):
            return "not-applicable"
        if full.get("rating") is not None:
            return "answered"
        return "not-applicable" if item["id"] in under_declared else "unanswered"

    def rating(item: dict[str, Any]) -> int:
        entry = answers[item["id"]]
        return int(entry["rating"] if isinstance(entry, dict) else entry)

    def item_score(item: dict[str, Any]) -> float | None:
        if not item.get("scored", True) or status(item) != "answered":
            return None  # unscored, not applicable or not assessed: out of every score
        return rating(item) / MAX

    def aggregate(items: list[dict[str, Any]]) -> float | None:
        pairs = [(item.get("weight", 1), s) for item in items if (s := item_score(item)) is not None]
        total = sum(w for w, _ in pairs)
        return None if total == 0 else 100 * sum(w * s for w, s in pairs) / total

    def completeness(items: list[dict[str, Any]]) -> float | None:
        applicable = [i for i in items if i.get("scored", True) and status(i) != "not-applicable"]
        answered = [i for i in applicable if status(i) == "answered"]
        return None if not applicable else len(answered) / len(applicable)

    every = [item for section, _ in sections for item in section.get("items", [])]
    qms = [i for i in every if "lab" not in i.get("tags", [])]
    lab = [i for i in every if "lab" in i.get("tags", [])]
    grades, actions = {}, []
    for position, item in enumerate(every):
        score = item_score(item)
        if score is None:
            continue
        if rating(item) <= GRADING["nonconformity_at_most"] * MAX + 1e-9:
            grades[item["id"]] = "major" if item.get("critical") else "minor"
        elif rating(item) <= GRADING["observation_at_most"] * MAX + 1e-9:
            grades[item["id"]] = "observation"
        if item["id"] in grades:
            impact = item.get("weight", 1) * (1 - score) * (2 if item.get("critical") else 1)
            actions.append((-impact, position, item["id"]))
    overall, lab_index = aggregate(qms), aggregate(lab)
    qms_grades = [grades.get(i["id"]) for i in qms]
    lab_grades = [grades.get(i["id"]) for i in lab]
    if (completeness(qms) or 0) < minimum and completeness(qms) is not None:
        readiness = "incomplete"
    elif overall is None or overall < 60 or "major" in qms_grades:
        readiness = "not-ready"
    else:
        readiness = "conditionally-ready" if "minor" in qms_grades else "ready"
    if lab_index is None:
        verdict = None
    elif (completeness(lab) or 0) < minimum:
        verdict = "incomplete"
    elif lab_index >= 80 and "major" not in lab_grades:
        verdict = "standardized"
    elif lab_index >= 60 and "major" not in lab_grades:
        verdict = "basically-standardized"
    else:
        verdict = "not-standardized"
    return {
        "overall": overall,
        "lab": lab_index,
        "completeness": (completeness(qms), completeness(lab)),
        "readiness": readiness,
        "verdict": verdict,
        "sections": {s["id"]: aggregate(_subtree_items(s)) for s, _ in sections},
        "items": {i["id"]: item_score(i) for i in every},
        "statuses": {i["id"]: status(i) for i in every},
        "grades": grades,
        "actions": [item_id for _, _, item_id in sorted(actions)],
    }


def _close(got: float | None, expected: float | None) -> bool:
    """Equal up to the order of a floating-point sum: results keep full precision."""
    return got == expected if got is None or expected is None else got == pytest.approx(expected, rel=1e-12)


def _cases(tmp_dir: Path) -> list[Path]:
    return [*SAMPLES, *generate_answers(CHECKLIST, 12, tmp_dir, seed=11)]


def test_the_engine_scores_as_the_formulas_say(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    assert len(cases) >= 12
    for path in cases:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected = _reference(raw)
        result = qa.score(CHECKLIST, qa.load_answers(path, CHECKLIST))
        assert _close(result.overall.score, expected["overall"]), path.name
        assert _close(result.lab.score, expected["lab"]), path.name
        sections = {s.id: s.score for s in result.sections}
        assert sections.keys() == expected["sections"].keys()
        assert all(_close(sections[key], value) for key, value in expected["sections"].items()), path.name
        assert {i.id: i.score for i in result.items} == expected["items"], path.name
        assert {i.id: i.status for i in result.items} == expected["statuses"], path.name
        assert (result.overall.completeness, result.lab.completeness) == expected["completeness"], path.name
        assert (result.overall.readiness, result.lab.verdict) == (expected["readiness"], expected["verdict"])
        assert {f.item_id: f.grade for f in result.findings} == expected["grades"], path.name
        assert [a.item_id for a in result.actions] == expected["actions"], path.name


def test_result_parts_built_without_validation_are_valid_and_independent(tmp_path: Path) -> None:
    for path in _cases(tmp_path)[:6]:
        result = qa.score(CHECKLIST, qa.load_answers(path, CHECKLIST))
        assert Result.model_validate_json(result.model_dump_json()) == result
        assert Result.model_validate(result.model_dump()).model_dump_json() == result.model_dump_json()
    first, second = result.items[0], result.items[1]
    assert first.model_fields_set == set(type(first).model_fields)
    changed = first.model_copy(update={"note": "changed"})
    assert (changed.note, first.note == "changed") == ("changed", False)
    assert second.model_fields_set == set(type(second).model_fields)  # the shared fields-set is untouched
    with pytest.raises(Exception, match="frozen"):
        first.note = "x"  # type: ignore[misc]
