"""What a scored file records is the same text as before it was made cheaper to build.

``answers_json`` is the store's idempotency key (its SHA-256): a file ingested before must still be
"unchanged" when ingested again, so its text may never change by one byte. The record's other parts (the
compact result and its JSON, the plan, the finding counts) are compared too. The reference implementations
below are the ones the programme store shipped with, kept here as the definition the fast code must meet.
"""

from __future__ import annotations

import json
import math
import pickle
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import iso9001assess as qa
from fixture_paths import FIXTURES, MINI_CHECKLIST
from iso9001assess.loading.documents import read_document
from iso9001assess.models.answers import Answers
from iso9001assess.models.checklist import Checklist
from iso9001assess.models.result import Result
from iso9001assess.programme.record import (
    ScoredFile,
    answers_json,
    canonical_json,
    compact_json,
    compact_result,
    lab_sections,
    scored_file,
)

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import answers_document

sys.path.pop(0)

SAMPLES = Path(__file__).parent.parent / "samples"
BASE = qa.load_checklist("iso9001-2015")
MINI = qa.load_checklist(MINI_CHECKLIST)


# -- the reference: the store's first implementation ------------------------------------------------------------
def reference_answers_json(answers: Answers) -> str:
    ordered = answers.model_copy(update={"answers": dict(sorted(answers.answers.items()))})
    return ordered.model_dump_json(exclude_unset=True)


def reference_compact(result: Result) -> dict[str, Any]:
    lab = lab_sections(result)
    return {
        "v": 1,
        "overall": result.overall.model_dump(mode="json"),
        "lab": result.lab.model_dump(mode="json"),
        "sections": {s.id: [s.depth, s.score, s.id in lab] for s in result.sections},
        "findings": [[f.item_id, f.grade] for f in result.findings],
        "actions": [a.item_id for a in result.actions],
    }


def reference_plan(result: Result) -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "item_id": a.item_id,
            "clause": a.clause,
            "grade": a.grade,
            "priority": a.priority,
            "impact": a.impact,
            "timeframe_days": a.timeframe_days,
        }
        for a in result.actions
    )


def assert_same_record(answers: Answers, checklist: Checklist) -> ScoredFile:
    result = qa.score(checklist, answers)
    scored = scored_file("file.yaml", "0" * 64, answers, result)
    assert scored.answers_json == reference_answers_json(answers)
    compact = reference_compact(result)
    assert compact_result(result) == compact
    assert scored.result == compact
    assert json.dumps(scored.result) == json.dumps(compact)  # the same key order as well
    assert scored.result_json == canonical_json(compact)
    assert scored.plan == reference_plan(result)
    assert scored.finding_counts == result.finding_counts()
    assert (scored.enterprise, scored.assessment) == (answers.enterprise, answers.assessment)
    return scored


# -- the inputs ------------------------------------------------------------------------------------------------
def answer_files() -> list[Path]:
    """Every YAML or JSON answers file shipped with the project and its tests (invalid ones are skipped)."""
    found = []
    for path in sorted([*SAMPLES.glob("*.yaml"), *FIXTURES.rglob("*.yaml"), *FIXTURES.rglob("*.json")]):
        try:
            data = read_document(path).data
            if isinstance(data, dict) and "enterprise" in data:
                Answers.model_validate(data)
                found.append(path)
        except (ValidationError, qa.InvalidInputError, ValueError):
            continue
    return found


def test_the_shipped_answer_files_give_the_same_text() -> None:
    files = answer_files()
    assert len(files) >= 14, files  # the 9 samples and the valid fixtures (YAML and JSON)
    for path in files:
        answers = Answers.model_validate(read_document(path).data)
        assert answers_json(answers) == reference_answers_json(answers), path


def test_the_samples_give_the_same_record() -> None:
    samples = sorted(SAMPLES.glob("*.yaml"))
    assert len(samples) == 9
    for path in samples:
        answers = qa.load_answers(path)
        assert_same_record(answers, qa.load_checklist(answers.checklist_id))


@pytest.mark.parametrize(("checklist", "count"), [(BASE, 40), (MINI, 40)], ids=["base", "mini"])
def test_generated_answers_give_the_same_record(checklist: Checklist, count: int) -> None:
    # The benchmark's generator: notes, root causes, evidence, N/A with justifications, unanswered items.
    rng = random.Random(7)
    seen_full = seen_na = 0
    for index in range(count):
        document = answers_document(checklist, rng, index)
        answers = Answers.model_validate(document)
        assert_same_record(answers, checklist)
        seen_full += sum(isinstance(a, dict) and "note" in a for a in document["answers"].values())
        seen_na += sum(isinstance(a, dict) and a.get("na") is True for a in document["answers"].values())
    assert seen_full and seen_na  # the generator did give full answers and N/A answers


# Text of any kind: CJK, quotes, backslashes, control characters, emoji, line and paragraph separators.
_TEXT = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from('"\\\x00\x1f\x7f\u2028\u2029😀中')),
    max_size=12,
)
_REASON = _TEXT.map(lambda text: "理由" + text)  # a justification that says something
_ITEM = st.sampled_from([item.id for item, _ in MINI.iter_items()])
_FULL = st.fixed_dictionaries(
    {},
    optional={
        "rating": st.integers(0, 3),
        "note": _TEXT,
        "evidence": st.lists(_TEXT, max_size=3),
        "root_cause": _TEXT,
        "justification": _REASON,
    },
)
_NOT_APPLICABLE = st.fixed_dictionaries(
    {"na": st.just(True), "justification": _REASON},
    optional={"na_kind": st.sampled_from(["excluded", "not-triggered"]), "note": _TEXT},
)
_ENTRY = st.one_of(st.integers(0, 3), st.none(), _FULL, _NOT_APPLICABLE, st.just({"na": False}))
_ENTERPRISE = st.fixed_dictionaries(
    {"name": _TEXT.map(lambda text: "企业" + text)},
    optional={
        "credit_code": st.just("91440300MA5FUTURE7"),
        "region": st.fixed_dictionaries(
            {}, optional={"province": _TEXT, "city": _TEXT, "district": st.none()}
        ),
        "industry": _TEXT,
        "size": st.sampled_from(["micro", "small", "medium", "large"]),
        "employees": st.integers(0, 10_000_000),
        "has_lab": st.booleans(),
        "certified": st.booleans(),
    },
)
_DOCUMENT = st.fixed_dictionaries(
    {
        "schema_version": st.just(1),
        "checklist": st.sampled_from(["mini", "mini@1.0"]),
        "enterprise": _ENTERPRISE,
    },
    optional={
        "assessment": st.fixed_dictionaries(
            {},
            optional={
                "kind": st.sampled_from(["baseline", "follow-up", "self"]),
                "date": st.dates().map(str),
                "assessor": st.one_of(_TEXT, st.none()),
            },
        ),
        "answers": st.one_of(st.none(), st.dictionaries(_ITEM, _ENTRY, max_size=8)),
        "not_applicable": st.dictionaries(_ITEM, _REASON, max_size=2),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
def test_any_answers_give_the_same_text(document: dict[str, Any]) -> None:
    try:
        answers = Answers.model_validate(document)
    except ValidationError:
        return  # e.g. a credit code the checksum refuses: not an answers file, nothing is recorded
    assert answers_json(answers) == reference_answers_json(answers)


def test_the_hypothesis_documents_are_mostly_valid() -> None:
    # The property above returns early on a document the model refuses: most must be accepted for it to test.
    from hypothesis import find

    valid = find(
        st.lists(_DOCUMENT, min_size=20, max_size=20),
        lambda documents: sum(_valid(d) for d in documents) >= 15,
        settings=settings(max_examples=50, database=None),
    )
    assert len(valid) == 20


def _valid(document: dict[str, Any]) -> bool:
    try:
        Answers.model_validate(document)
    except ValidationError:
        return False
    return True


# -- the compact result's JSON ---------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=1e-4, max_value=1e16, exclude_max=True), min_size=1, max_size=20))
def test_compact_json_writes_scores_as_json_does(scores: list[float]) -> None:
    compact = reference_compact(
        qa.score(MINI, Answers.model_validate(answers_document(MINI, random.Random(1), 1)))
    )
    compact["overall"]["score"] = scores[0]
    compact["sections"] = {f"s{i}": [1, score, False] for i, score in enumerate(scores)}
    assert compact_json(compact) == canonical_json(compact)


@pytest.mark.parametrize(
    "score", [1e-5, 9.9999e-05, 5e-324, 1e16, 1e300, math.inf, -math.inf, math.nan, -0.0, 0.0]
)
def test_compact_json_of_scores_written_differently_is_json_s(score: float) -> None:
    # pydantic-core writes 0.00001 where json writes 1e-05, and NaN as null: those results go through json.
    compact = reference_compact(
        qa.score(MINI, Answers.model_validate(answers_document(MINI, random.Random(1), 1)))
    )
    first = next(iter(compact["sections"]))
    compact["sections"][first][1] = score
    assert compact_json(compact) == canonical_json(compact)


# -- what travels between processes ----------------------------------------------------------------------------
def test_a_scored_file_travels_without_its_answers_model() -> None:
    answers = qa.load_answers(SAMPLES / "gz-electronics-baseline.yaml")
    result = qa.score(qa.load_checklist(answers.checklist_id), answers)
    scored = scored_file("gz.yaml", "0" * 64, answers, result)
    copy = pickle.loads(pickle.dumps(scored))
    assert vars(copy)["_answers"] is None  # the model stayed behind
    assert scored.answers is answers  # here, the model it was built from
    assert copy == scored
    assert (copy.enterprise, copy.assessment, copy.result_json) == (
        answers.enterprise,
        answers.assessment,
        scored.result_json,
    )
    # Elsewhere, the same answers read back from their JSON (their text, hence their key, is the same).
    assert copy.answers == answers
    assert answers_json(copy.answers) == scored.answers_json
