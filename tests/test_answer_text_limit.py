"""The limit on an answer file's own words: notes, root causes, justifications and evidence all count."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from iso9001assess.models.answers import MAX_ANSWER_TEXT, Answers


def _answers(entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "checklist": "iso9001-2015",
        "enterprise": {"name": "Limit test", "has_lab": True},
        "answers": entries,
    }


def _entries(extra: int) -> dict[str, Any]:
    # Per full answer: 4,000 (note) + 4,000 (root cause) + 20 × 50 (evidence) = 9,000 characters;
    # the N/A answer: a 4,000-character justification. 10 × 9,000 + 4,000 = 94,000, then 6,000 + extra in
    # a last note: 100,000 + extra characters in all.
    entries: dict[str, Any] = {
        f"4.{n}-01": {
            "rating": 1,
            "note": "注" * 4000,
            "root_cause": "因" * 4000,
            "evidence": ["证" * 50] * 20,
        }
        for n in range(1, 11)
    }
    entries["5.1-01"] = {"na": True, "justification": "由" * 4000}
    entries["5.2-01"] = {"rating": 2, "note": "记" * 3000, "root_cause": "原" * (3000 + extra)}
    entries["5.3-01"] = 3  # a bare rating counts nothing
    return entries


def test_exactly_the_limit_is_allowed() -> None:
    assert Answers.model_validate(_answers(_entries(0))).answers["5.3-01"] == 3


def test_one_character_more_is_refused_every_field_counted() -> None:
    with pytest.raises(ValidationError) as raised:
        Answers.model_validate(_answers(_entries(1)))
    assert f"{MAX_ANSWER_TEXT + 1:,}" in str(raised.value)
