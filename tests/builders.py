"""Small checklists and answers built in code, so each scoring test shows its whole input next to its arithmetic."""

from __future__ import annotations

from typing import Any

from iso9001assess.models import Answers, Checklist


def item(item_id: str, **fields: Any) -> dict[str, Any]:
    """An item; ``text`` defaults to the id so every item reads differently in a failure message."""
    return {"id": item_id, "text": {"zh": f"问题 {item_id}", "en": f"Question {item_id}"}, **fields}


def section(
    section_id: str, *items: dict[str, Any], sections: tuple[dict[str, Any], ...] = ()
) -> dict[str, Any]:
    return {
        "id": section_id,
        "title": f"Section {section_id}",
        "items": list(items),
        "sections": list(sections),
    }


def checklist(*sections: dict[str, Any], max_rating: int = 4, **fields: Any) -> Checklist:
    """A checklist with the scale 0..max_rating; ``fields`` may set grading and maturity tables."""
    return Checklist.model_validate(
        {
            "schema_version": 1,
            "id": "t",
            "version": "1",
            "title": "Test checklist",
            "scale": [{"value": v, "label": f"level {v}"} for v in range(max_rating + 1)],
            "sections": list(sections),
            **fields,
        }
    )


def answers(ratings: dict[str, Any], *, has_lab: bool = True) -> Answers:
    """Answers to the checklist ``t``; a value is a rating, None (unanswered) or a full answer mapping."""
    return Answers.model_validate(
        {
            "schema_version": 1,
            "checklist": "t",
            "enterprise": {"name": "Test Co.", "has_lab": has_lab},
            "answers": ratings,
        }
    )


def na(justification: str = "not relevant here") -> dict[str, Any]:
    return {"na": True, "justification": justification}
