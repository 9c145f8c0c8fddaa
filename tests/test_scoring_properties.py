"""Properties of the weighted strategy that hold for any checklist and any answers (hypothesis)."""

from __future__ import annotations

from itertools import count
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iso9001assess.models import Answers, Checklist, Result
from iso9001assess.scoring import FlatUnweightedStrategy, WeightedStrategy

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STRATEGIES = [WeightedStrategy(), FlatUnweightedStrategy()]


@st.composite
def checklists(draw: st.DrawFn, all_excludable: bool = False) -> Checklist:
    ids = count(1)
    max_rating = draw(st.integers(1, 5))

    def items() -> list[dict[str, Any]]:
        return [
            {
                "id": f"i{next(ids)}",
                "text": "q",
                "weight": draw(st.sampled_from([0.5, 1, 2, 3, 10]) | st.floats(0.01, 1000)),
                "critical": draw(st.booleans()),
                "excludable": all_excludable or draw(st.booleans()),
                "conditional": draw(st.booleans()),
                "scored": draw(st.integers(0, 3)) != 0,  # mostly scored
                "tags": ["lab"] if draw(st.integers(0, 3)) == 0 else [],
            }
            for _ in range(draw(st.integers(0, 3)))
        ]

    def sections(depth: int) -> list[dict[str, Any]]:
        return [
            {
                "id": f"s{next(ids)}",
                "title": "t",
                "items": items(),
                "sections": sections(depth + 1) if depth < 2 else [],
            }
            for _ in range(draw(st.integers(1 if depth == 0 else 0, 3 if depth == 0 else 2)))
        ]

    return Checklist.model_validate(
        {
            "schema_version": 1,
            "id": "p",
            "version": "1",
            "title": "property",
            "scale": [{"value": v, "label": str(v)} for v in range(max_rating + 1)],
            "sections": sections(0),
        }
    )


NA = {"na": True, "justification": "does not apply"}


@st.composite
def assessed(draw: st.DrawFn, all_excludable: bool = False) -> tuple[Checklist, dict[str, Any], bool]:
    """A checklist, raw answers that fit it, and has_lab."""
    checklist = draw(checklists(all_excludable))
    has_lab = draw(st.booleans())
    raw: dict[str, Any] = {}
    for item, _ in checklist.iter_items():
        choices: list[Any] = ["absent", None, *range(checklist.max_rating + 1)]
        if item.excludable or item.conditional:
            choices.append("na")
        if item.is_lab and not has_lab:  # a rating on a lab item of an enterprise without a lab is refused
            choices = [c for c in choices if not isinstance(c, int)]
        choice = draw(st.sampled_from(choices))
        if choice != "absent":
            raw[item.id] = NA if choice == "na" else choice
    return checklist, raw, has_lab


def answers_of(raw: dict[str, Any], has_lab: bool, sections_na: dict[str, str] | None = None) -> Answers:
    return Answers.model_validate(
        {
            "schema_version": 1,
            "checklist": "p",
            "enterprise": {"name": "E", "has_lab": has_lab},
            "answers": raw,
            "not_applicable": sections_na or {},
        }
    )


def all_scores(result: Result) -> dict[str, float | None]:
    scores: dict[str, float | None] = {f"section {s.id}": s.score for s in result.sections}
    scores["overall"], scores["lab"] = result.overall.score, result.lab.score
    return scores


@SETTINGS
@given(assessed(), st.sampled_from(STRATEGIES))
def test_scores_stay_between_0_and_100(case: tuple[Checklist, dict[str, Any], bool], strategy: Any) -> None:
    checklist, raw, has_lab = case
    result = strategy.score(checklist, answers_of(raw, has_lab))
    for name, value in all_scores(result).items():
        assert value is None or 0.0 <= value <= 100.0, name
    for item in result.items:
        assert item.score is None or 0.0 <= item.score <= 1.0, item.id
    for completeness in (result.overall.completeness, result.lab.completeness):
        assert completeness is None or 0.0 <= completeness <= 1.0
    assert (result.overall.maturity_level is None) == (result.overall.score is None)
    assert (result.lab.verdict is None) == (result.lab.score is None)
    assert result.overall.maturity_level is None or 1 <= result.overall.maturity_level <= 5


@SETTINGS
@given(assessed(), st.data())
def test_declaring_an_item_not_applicable_never_changes_other_items(
    case: tuple[Checklist, dict[str, Any], bool], data: st.DataObject
) -> None:
    checklist, raw, has_lab = case
    candidates = [item.id for item, _ in checklist.iter_items() if item.excludable or item.conditional]
    if not candidates:
        return
    chosen = data.draw(st.sampled_from(candidates))
    before = WeightedStrategy().score(checklist, answers_of(raw, has_lab))
    after = WeightedStrategy().score(checklist, answers_of({**raw, chosen: NA}, has_lab))
    assert after.item(chosen).status == "not-applicable"
    for old, new in zip(before.items, after.items, strict=True):
        if old.id != chosen:
            assert (new.status, new.score, new.grade) == (old.status, old.score, old.grade), old.id


@SETTINGS
@given(assessed(), st.data(), st.sampled_from(STRATEGIES))
def test_raising_one_rating_never_lowers_any_score(
    case: tuple[Checklist, dict[str, Any], bool], data: st.DataObject, strategy: Any
) -> None:
    checklist, raw, has_lab = case
    top = checklist.max_rating
    raisable = [
        item.id
        for item, _ in checklist.iter_items()
        if not (item.is_lab and not has_lab) and isinstance(raw.get(item.id), int) and raw[item.id] < top
    ]
    if not raisable:
        return
    chosen = data.draw(st.sampled_from(raisable))
    current = raw[chosen]
    raised = data.draw(st.integers(current + 1, top))
    before = all_scores(strategy.score(checklist, answers_of(raw, has_lab)))
    after = all_scores(strategy.score(checklist, answers_of({**raw, chosen: raised}, has_lab)))
    for name, old in before.items():
        new = after[name]
        assert (old is None) == (new is None), name  # a rated item stays rated: nothing else changes
        if old is not None and new is not None:
            assert new >= old, f"{name}: {old} -> {new} after raising {chosen} from {current} to {raised}"


def covering_sections(checklist: Checklist, item_id: str) -> set[str]:
    """The sections whose subtree holds ``item_id``."""
    found: set[str] = set()

    def visit(section: Any, path: tuple[str, ...]) -> None:
        here = (*path, section.id)
        if any(i.id == item_id for i in section.items):
            found.update(here)
        for child in section.sections:
            visit(child, here)

    for top in checklist.sections:
        visit(top, ())
    return found


@SETTINGS
@given(assessed(), st.data(), st.sampled_from(STRATEGIES))
def test_answering_an_unanswered_item_changes_no_other_item_and_moves_scores_toward_it(
    case: tuple[Checklist, dict[str, Any], bool], data: st.DataObject, strategy: Any
) -> None:
    checklist, raw, has_lab = case
    unanswered = [
        item
        for item, _ in checklist.iter_items()
        if not (item.is_lab and not has_lab) and raw.get(item.id) is None
    ]
    if not unanswered:
        return
    chosen = data.draw(st.sampled_from(unanswered))
    rating = data.draw(st.integers(0, checklist.max_rating))
    before = strategy.score(checklist, answers_of(raw, has_lab))
    after = strategy.score(checklist, answers_of({**raw, chosen.id: rating}, has_lab))
    # Not assessed is out of every score, so answering it can change no other item's status, score or grade.
    for old, new in zip(before.items, after.items, strict=True):
        if old.id != chosen.id:
            assert (new.status, new.score, new.grade) == (old.status, old.score, old.grade), old.id
    assert before.item(chosen.id).grade is None and before.item(chosen.id).score is None
    if not chosen.scored:
        assert all_scores(after) == all_scores(before)
        return
    # A score that covers the item becomes a weighted mean of its old items and this one: between the two.
    value = 100.0 * rating / checklist.max_rating
    covered = covering_sections(checklist, chosen.id)
    scope = "lab" if chosen.is_lab else "overall"
    old_scores, new_scores = all_scores(before), all_scores(after)
    for name, old in old_scores.items():
        new = new_scores[name]
        if name == scope or name.removeprefix("section ") in covered:
            assert new is not None, name
            low, high = (value, value) if old is None else (min(old, value), max(old, value))
            assert low - 1e-9 <= new <= high + 1e-9, f"{name}: {old} -> {new}, item at {value}"
        else:
            assert new == old, name


def subtree_counts(checklist: Checklist, result: Result, statuses: set[str]) -> dict[str, int]:
    """For each section, how many scored items of ``statuses`` its subtree holds (counted from the items)."""
    counts: dict[str, int] = {}
    status = {item.id: item for item in result.items}

    def visit(section: Any) -> int:
        own = sum(1 for i in section.items if i.scored and status[i.id].status in statuses)
        total = own + sum(visit(child) for child in section.sections)
        counts[section.id] = total
        return total

    for top in checklist.sections:
        visit(top)
    return counts


@SETTINGS
@given(assessed())
def test_a_section_is_null_exactly_when_nothing_in_it_is_answered(
    case: tuple[Checklist, dict[str, Any], bool],
) -> None:
    checklist, raw, has_lab = case
    result = WeightedStrategy().score(checklist, answers_of(raw, has_lab))
    applicable = subtree_counts(checklist, result, {"answered", "unanswered"})
    answered = subtree_counts(checklist, result, {"answered"})
    for section in result.sections:
        assert (section.score is None) == (answered[section.id] == 0), section.id
        assert (section.applicable, section.answered) == (applicable[section.id], answered[section.id])


@SETTINGS
@given(assessed(all_excludable=True), st.data())
def test_a_section_declared_not_applicable_scores_as_its_items_declared_one_by_one(
    case: tuple[Checklist, dict[str, Any], bool], data: st.DataObject
) -> None:
    checklist, raw, has_lab = case
    chosen = data.draw(st.sampled_from([section for section, _ in checklist.walk_sections()]))
    subtree = Checklist.model_validate({**checklist.model_dump(), "sections": [chosen.model_dump()]})
    inside = {item.id for item, _ in subtree.iter_items()}
    outside = {key: value for key, value in raw.items() if key not in inside}
    one_by_one = WeightedStrategy().score(
        checklist, answers_of({**outside, **dict.fromkeys(inside, NA)}, has_lab)
    )
    at_once = WeightedStrategy().score(checklist, answers_of(outside, has_lab, {chosen.id: "does not apply"}))
    assert all_scores(at_once) == all_scores(one_by_one)
    assert [(i.status, i.na_kind, i.justification) for i in at_once.items] == [
        (i.status, i.na_kind, i.justification) for i in one_by_one.items
    ]
    assert at_once.section(chosen.id).justification == "does not apply"


@SETTINGS
@given(assessed(all_excludable=True), st.data())
def test_a_section_of_only_not_applicable_items_is_null(
    case: tuple[Checklist, dict[str, Any], bool], data: st.DataObject
) -> None:
    checklist, raw, has_lab = case
    chosen = data.draw(st.sampled_from([section for section, _ in checklist.walk_sections()]))
    subtree = Checklist.model_validate({**checklist.model_dump(), "sections": [chosen.model_dump()]})
    declared = {**raw, **{item.id: NA for item, _ in subtree.iter_items()}}
    result = WeightedStrategy().score(checklist, answers_of(declared, has_lab))
    assert result.section(chosen.id).score is None
    for item, _ in subtree.iter_items():
        assert result.item(item.id).status == "not-applicable"
        assert result.item(item.id).grade is None


@SETTINGS
@given(assessed(), st.sampled_from(STRATEGIES))
def test_every_result_validates_to_itself(
    case: tuple[Checklist, dict[str, Any], bool], strategy: Any
) -> None:
    # The engine builds result parts without validating them again (for speed): they must be exactly what
    # validation would have made, field types included.
    checklist, raw, has_lab = case
    result = strategy.score(checklist, answers_of(raw, has_lab))
    assert Result.model_validate(result.model_dump()) == result
    assert Result.model_validate_json(result.model_dump_json()) == result
    for part in (*result.items, *result.sections, *result.findings, *result.actions):
        assert type(part).model_validate(part.model_dump()).model_dump() == part.model_dump()
        assert part.model_fields_set == set(type(part).model_fields)
