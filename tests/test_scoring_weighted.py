"""The ``weighted`` strategy, rule by rule, on checklists small enough to score by hand.

Every expected value is computed in the comment beside it: s = rating / M, score = 100 × Σ w·s / Σ w.
"""

from __future__ import annotations

import pytest

from builders import answers, checklist, item, na, section
from fixture_paths import MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess import load_answers, load_checklist
from iso9001assess.models import Answers, Checklist, Result
from iso9001assess.scoring import WeightedStrategy


def weighted(cl: Checklist, ans: Answers) -> Result:
    return WeightedStrategy().score(cl, ans)


# -- the mini fixture, every field of the result --------------------------------------------------------------
@pytest.fixture(scope="module")
def mini() -> Result:
    cl = load_checklist(MINI_CHECKLIST)
    return weighted(cl, load_answers(MINI_ANSWERS, cl))


def test_mini_item_scores_and_statuses(mini: Result) -> None:
    got = {i.id: (i.status, i.rating, i.score, i.grade) for i in mini.items}
    assert got == {
        "4.1-01": ("answered", 3, 0.75, None),  # 3/4; 3 > M/2 = 2: no finding
        "4.1-02": ("answered", 1, 0.25, "minor"),  # 1/4; 1 <= M/4 = 1: minor
        "4.3-01": ("answered", 2, 0.5, "observation"),  # 2/4; critical but 2 > 1, and 2 <= 2: observation
        "8.3-01": ("not-applicable", None, None, None),  # na: true
        "8.3-02": ("unanswered", None, None, None),  # scored: false: never a score, never a finding
        "LAB.1-01": ("answered", 4, 1.0, None),  # 4/4
        "LAB.1-02": ("unanswered", None, None, None),  # not assessed: no score, never a finding
    }


def test_mini_sections_at_every_depth(mini: Result) -> None:
    got = {
        s.id: (s.depth, s.parent, s.score, s.applicable, s.answered, s.not_applicable, s.unanswered)
        for s in mini.sections
    }
    assert [s.id for s in mini.sections] == ["4", "4.1", "4.3", "8", "8.3", "LAB", "LAB.1"]  # document order
    assert got == {
        "4": (0, None, 56.25, 3, 3, 0, 0),  # (2·0.75 + 1·0.25 + 1·0.5) / (2+1+1) = 2.25/4
        "4.1": (1, "4", pytest.approx(175 / 3), 2, 2, 0, 0),  # (2·0.75 + 1·0.25) / 3 = 1.75/3, full precision
        "4.3": (1, "4", 50.0, 1, 1, 0, 0),  # 1·0.5 / 1
        "8": (0, None, None, 0, 0, 1, 0),  # 8.3-01 N/A, 8.3-02 unscored: nothing applicable -> null
        "8.3": (1, "8", None, 0, 0, 1, 0),
        "LAB": (0, None, 100.0, 2, 1, 0, 1),  # 2·1 / 2: LAB.1-02 (not assessed) is in neither sum
        "LAB.1": (1, "LAB", 100.0, 2, 1, 0, 1),
    }


def test_mini_overall_lab_verdicts(mini: Result) -> None:
    assert mini.overall.score == 56.25  # the items of 4 and 8, none tagged lab: 2.25/4
    assert mini.lab.score == 100.0  # LAB.1-01 only (LAB.1-02 not assessed): 2·1 / 2
    assert mini.overall.maturity_level == 3  # 56.25 reaches 20 and 40, not 60: 1 + 2
    assert mini.overall.readiness == "not-ready"  # QMS complete (3/3); 56.25 < 60
    assert (
        mini.overall.completeness == 1.0
    )  # QMS scored items 4.1-01, 4.1-02, 4.3-01 all answered (8.3-01 N/A)
    assert mini.lab.completeness == 0.5  # LAB.1-01 answered, LAB.1-02 not: 1/2
    assert mini.lab.verdict == "incomplete"  # 0.5 < 0.9, whatever the index
    assert mini.finding_counts() == {"major": 0, "minor": 1, "observation": 1}


def test_mini_actions_by_impact_then_clause_order(mini: Result) -> None:
    got = [(a.item_id, a.impact, a.grade, a.priority) for a in mini.actions]
    assert got == [
        (
            "4.3-01",
            1.0,
            "observation",
            "low",
        ),  # 1·(1−0.5)·2 (critical) = 1.0; its recommendation is for ≤1 only
        ("4.1-02", 0.75, "minor", "medium"),  # 1·(1−0.25)·1 = 0.75; LAB.1-02 (not assessed) has no action
    ]
    assert [a.id for a in mini.actions] == ["4.3-01", "4.1-02"]  # stable: the item id
    # No recommendation fits these ratings: the action is to meet the requirement itself.
    assert mini.actions[0].text == {
        "zh": "按要求落实：范围是否形成文件？",
        "en": "Put in place: Is the scope documented?",
    }
    assert mini.checklist.id == "mini" and mini.checklist.version == "1.0" and mini.strategy == "weighted"


# -- N/A, unanswered, scored: false ---------------------------------------------------------------------------
TWO_ITEMS = checklist(section("1", item("1-01"), item("1-02", weight=3, excludable=True)))


def test_not_applicable_leaves_the_denominator() -> None:
    result = weighted(TWO_ITEMS, answers({"1-01": 4, "1-02": na()}))
    assert result.overall.score == 100.0  # 1·1.0 / 1: the weight 3 of the N/A item is in neither sum
    assert result.item("1-02").status == "not-applicable"
    assert result.item("1-02").score is None
    assert result.section("1").not_applicable == 1
    assert result.overall.completeness == 1.0  # 1-01 answered, 1-02 N/A (not applicable): 1/1
    assert result.item("1-02").na_kind == "excluded"  # excludable, not conditional: an exclusion (4.3)


def test_an_unanswered_item_is_not_assessed_and_out_of_every_score() -> None:
    result = weighted(TWO_ITEMS, answers({"1-01": 4}))
    assert result.overall.score == 100.0  # 1·1.0 / 1: 1-02 (weight 3) is in neither sum
    unanswered = result.item("1-02")
    assert (unanswered.status, unanswered.score, unanswered.grade) == ("unanswered", None, None)
    assert result.findings == () and result.actions == ()  # never a finding, never an action
    assert result.overall.completeness == 0.5  # 1 of 2 applicable scored items answered
    assert result.overall.readiness == "incomplete"  # 0.5 < 0.9
    assert result.section("1").unanswered == 1 and result.section("1").applicable == 2


def test_an_explicit_null_answer_is_unanswered() -> None:
    result = weighted(TWO_ITEMS, answers({"1-01": 4, "1-02": None}))
    assert result.item("1-02").status == "unanswered"
    assert result.overall.score == 100.0  # as above: 1 / 1


def test_scored_false_is_shown_but_never_scored() -> None:
    cl = checklist(section("1", item("1-01"), item("1-02", weight=5, scored=False)))
    result = weighted(cl, answers({"1-01": 2, "1-02": 0}))
    assert result.overall.score == 50.0  # only 1-01: 1·(2/4) / 1; the weight 5 and the rating 0 do not count
    informational = result.item("1-02")
    assert (informational.status, informational.rating, informational.score, informational.grade) == (
        "answered",
        0,
        None,
        None,
    )
    assert [(f.item_id, f.grade) for f in result.findings] == [
        ("1-01", "observation")
    ]  # 2 <= M/2; 1-02 never


def test_scored_false_gives_no_finding_and_leaves_completeness() -> None:
    cl = checklist(section("1", item("1-01"), item("1-02", scored=False)))
    result = weighted(cl, answers({"1-01": 3}))  # 1-02 unanswered, but informational
    assert result.findings == ()  # 3 > M/2: none; 1-02 is never graded
    assert result.overall.completeness == 1.0  # 1 scored item, answered: 1/1
    assert result.section("1").applicable == 1


# -- the lab capability index ---------------------------------------------------------------------------------
LAB_CHECKLIST = checklist(
    section("7", item("7.1.5-01", weight=2)),
    section("LAB", item("LAB-01", tags=["lab"]), item("LAB-02", tags=["lab"], weight=3)),
)


def test_lab_items_stay_out_of_overall() -> None:
    result = weighted(LAB_CHECKLIST, answers({"7.1.5-01": 4, "LAB-01": 0, "LAB-02": 2}))
    assert result.overall.score == 100.0  # only 7.1.5-01: 2·1.0 / 2
    assert result.lab.score == 37.5  # (1·0 + 3·0.5) / (1+3) = 1.5/4
    assert result.section("LAB").score == 37.5
    assert result.item("LAB-01").lab and not result.item("7.1.5-01").lab


def test_readiness_looks_at_qms_items_only() -> None:
    result = weighted(LAB_CHECKLIST, answers({"7.1.5-01": 4, "LAB-01": 0, "LAB-02": 4}))
    assert result.overall.score == 100.0
    assert result.item("LAB-01").grade == "minor"  # 0 <= 1
    assert (
        result.overall.readiness == "ready"
    )  # the QMS: 100 >= 60, no finding; the lab's minor does not count
    assert result.lab.score == 75.0  # (1·0 + 3·1) / 4
    assert result.lab.verdict == "basically-standardized"  # 75 >= 60, no major lab finding


def test_the_lab_being_unassessed_does_not_make_readiness_incomplete() -> None:
    result = weighted(LAB_CHECKLIST, answers({"7.1.5-01": 4}))
    assert result.overall.completeness == 1.0 and result.overall.readiness == "ready"  # 1/1, 100, no finding
    assert result.lab.completeness == 0.0  # 0 of 2 lab items answered
    assert (result.lab.score, result.lab.verdict) == (None, None)  # no lab index: no verdict


def test_without_a_lab_the_lab_items_are_not_applicable() -> None:
    result = weighted(LAB_CHECKLIST, answers({"7.1.5-01": 1}, has_lab=False))
    assert result.lab.score is None  # nothing tagged lab applies: null, never 0
    assert result.section("LAB").score is None
    assert result.section("LAB").not_applicable == 2
    assert {i.id: i.status for i in result.items if i.lab} == {
        "LAB-01": "not-applicable",
        "LAB-02": "not-applicable",
    }
    assert [f.item_id for f in result.findings] == ["7.1.5-01"]  # unanswered lab items give no finding
    assert result.overall.score == 25.0  # 2·(1/4) / 2
    assert result.overall.completeness == 1.0  # 7.1.5-01 answered: 1/1
    assert (result.lab.completeness, result.lab.verdict) == (None, None)  # no lab item applies
    assert {i.na_kind for i in result.items if i.lab} == {"no-lab"}


def test_without_a_lab_a_lab_item_may_also_be_declared_not_applicable() -> None:
    from iso9001assess.loading.answers import answer_issues

    # LAB-01 is not excludable, but without a laboratory it is not applicable anyway: saying so is no error.
    ans = answers({"7.1.5-01": 4, "LAB-01": na("no laboratory")}, has_lab=False)
    assert list(answer_issues(ans, LAB_CHECKLIST)) == []
    result = weighted(LAB_CHECKLIST, ans)
    assert result.item("LAB-01").status == "not-applicable"
    assert result.item("LAB-01").justification == "no laboratory"
    assert result.lab.score is None
    with_lab = answers({"7.1.5-01": 4, "LAB-01": na("no laboratory")}, has_lab=True)
    assert [str(message) for _, message in answer_issues(with_lab, LAB_CHECKLIST)] == [
        "item 'LAB-01' is neither excludable nor conditional, so it cannot be not applicable"
    ]


# -- findings -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("max_rating", "rating", "critical", "expected"),
    [
        (4, 0, False, "minor"),  # 0 <= 4/4 = 1
        (4, 1, False, "minor"),  # 1 <= 1
        (4, 2, False, "observation"),  # 2 > 1, 2 <= 4/2 = 2
        (4, 3, False, None),  # 3 > 2
        (4, 4, False, None),
        (4, 0, True, "major"),  # critical: a nonconformity is major
        (4, 1, True, "major"),
        (4, 2, True, "observation"),  # critical does not change an observation
        (4, 3, True, None),
        (4, None, False, None),  # not assessed: never a finding
        (4, None, True, None),
        (5, 1, False, "minor"),  # 1 <= 5/4 = 1.25
        (5, 2, False, "observation"),  # 2 > 1.25, 2 <= 2.5
        (5, 3, False, None),  # 3 > 2.5
        (3, 0, False, "minor"),  # 0 <= 3/4 = 0.75
        (3, 1, False, "observation"),  # 1 > 0.75, 1 <= 1.5
        (3, 2, False, None),  # 2 > 1.5
        (1, 0, False, "minor"),  # a yes/no scale: 0 <= 0.25
        (1, 1, False, None),  # 1 > 0.5
    ],
)
def test_grading_thresholds(
    max_rating: int, rating: int | None, critical: bool, expected: str | None
) -> None:
    cl = checklist(section("1", item("1-01", critical=critical)), max_rating=max_rating)
    result = weighted(cl, answers({"1-01": rating}))
    assert result.item("1-01").grade == expected
    assert [f.grade for f in result.findings] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("rating", "expected"),
    [(0, "minor"), (2, "minor"), (3, "observation"), (4, None)],  # <= 0.5·4 = 2; <= 0.75·4 = 3; above
)
def test_a_checklist_sets_its_own_grading_table(rating: int, expected: str | None) -> None:
    cl = checklist(
        section("1", item("1-01")), grading={"nonconformity_at_most": 0.5, "observation_at_most": 0.75}
    )
    assert weighted(cl, answers({"1-01": rating})).item("1-01").grade == expected


def test_a_finding_carries_the_answer() -> None:
    cl = checklist(section("1", sections=(section("1.1", item("1.1-01")),)))
    result = weighted(cl, answers({"1.1-01": {"rating": 1, "note": "no records", "root_cause": "no owner"}}))
    (finding,) = result.findings
    assert (finding.item_id, finding.clause, finding.grade, finding.rating) == ("1.1-01", "1.1", "minor", 1)
    assert (finding.note, finding.root_cause) == ("no records", "no owner")


# -- maturity -------------------------------------------------------------------------------------------------
def binary_overall(reached: float, missed: float) -> Result:
    """On a yes/no scale, overall = 100 × reached / (reached + missed): weights set the score exactly."""
    cl = checklist(section("1", item("yes", weight=reached), item("no", weight=missed)), max_rating=1)
    return weighted(cl, answers({"yes": 1, "no": 0}))


@pytest.mark.parametrize(
    ("reached", "missed", "score", "level"),
    [
        (1, 999, 0.1, 1),  # 100·1/1000
        (19.99, 80.01, 19.99, 1),  # just below 20: no threshold reached
        (1, 4, 20.0, 2),  # 100·1/5 = 20: exactly at the first threshold counts
        (39.99, 60.01, 39.99, 2),
        (2, 3, 40.0, 3),  # 100·2/5
        (59.99, 40.01, 59.99, 3),
        (3, 2, 60.0, 4),  # 100·3/5
        (79.99, 20.01, 79.99, 4),
        (4, 1, 80.0, 5),  # 100·4/5
        (999, 1, 99.9, 5),  # 100·999/1000
    ],
)
def test_maturity_levels_at_and_below_each_threshold(
    reached: float, missed: float, score: float, level: int
) -> None:
    result = binary_overall(reached, missed)
    assert result.overall.score == score
    assert result.overall.maturity_level == level


@pytest.mark.parametrize(
    ("reached", "missed", "level"), [(49.99, 50.01, 1), (1, 1, 2), (89.99, 10.01, 2), (9, 1, 3)]
)
def test_a_checklist_sets_its_own_maturity_thresholds(reached: float, missed: float, level: int) -> None:
    # thresholds 50 and 90: 49.99 -> 1; 50 -> 2; 89.99 -> 2; 90 -> 3
    cl = checklist(
        section("1", item("yes", weight=reached), item("no", weight=missed)),
        max_rating=1,
        maturity={"thresholds": [50, 90]},
    )
    assert weighted(cl, answers({"yes": 1, "no": 0})).overall.maturity_level == level


def test_nothing_applicable_gives_no_score_and_no_level() -> None:
    cl = checklist(section("1", item("1-01", excludable=True)))
    result = weighted(cl, answers({"1-01": na()}))
    assert (result.overall.score, result.overall.maturity_level) == (None, None)
    assert result.overall.readiness == "not-ready"  # no score is no evidence of readiness
    assert result.section("1").score is None


# -- readiness ------------------------------------------------------------------------------------------------
def test_a_major_finding_is_not_ready_whatever_the_score() -> None:
    cl = checklist(section("1", item("1-01", critical=True), item("1-02", weight=100)))
    result = weighted(cl, answers({"1-01": 1, "1-02": 4}))
    assert result.overall.score == pytest.approx(100.25 / 1.01)  # (1·0.25 + 100·1) / 101 = 99.257…
    assert result.item("1-01").grade == "major"
    assert result.overall.readiness == "not-ready"


def test_below_60_is_not_ready_even_with_only_observations() -> None:
    cl = checklist(section("1", item("1-01", weight=4), item("1-02", weight=0.99)))
    result = weighted(cl, answers({"1-01": 2, "1-02": 4}))
    assert result.overall.score == pytest.approx(299 / 4.99)  # (4·0.5 + 0.99·1) / 4.99 = 2.99/4.99 = 59.919…
    assert result.finding_counts() == {"major": 0, "minor": 0, "observation": 1}
    assert result.overall.readiness == "not-ready"


def test_exactly_60_with_only_observations_is_ready() -> None:
    cl = checklist(section("1", item("1-01", weight=4), item("1-02")))
    result = weighted(cl, answers({"1-01": 2, "1-02": 4}))
    assert result.overall.score == 60.0  # (4·0.5 + 1·1) / 5 = 3/5
    assert result.overall.readiness == "ready"


def test_a_minor_finding_above_60_is_conditionally_ready() -> None:
    cl = checklist(section("1", item("1-01"), item("1-02", weight=3)))
    result = weighted(cl, answers({"1-01": 0, "1-02": 4}))
    assert result.overall.score == 75.0  # (1·0 + 3·1) / 4
    assert result.overall.readiness == "conditionally-ready"


# -- the improvement plan -------------------------------------------------------------------------------------
def test_actions_ordered_by_impact_then_clause_order() -> None:
    cl = checklist(
        section("1", item("1-01"), item("1-02", weight=2)),
        section("2", item("2-01", critical=True), item("2-02", weight=0.5), item("2-03")),
    )
    result = weighted(cl, answers({"1-01": 1, "1-02": 2, "2-01": 2, "2-02": 0, "2-03": 1}))
    expected = [
        ("1-02", 1.0),  # 2·(1−2/4)·1 = 1.0; ties with 2-01 and comes first in clause order
        ("2-01", 1.0),  # 1·(1−2/4)·2 (critical) = 1.0
        ("1-01", 0.75),  # 1·(1−1/4)·1
        ("2-03", 0.75),  # 1·(1−1/4)·1, after 1-01 in clause order
        ("2-02", 0.5),  # 0.5·(1−0)·1
    ]
    assert [(a.item_id, a.impact) for a in result.actions] == expected


def test_one_action_per_finding_and_none_without() -> None:
    cl = checklist(section("1", item("1-01"), item("1-02")))
    result = weighted(cl, answers({"1-01": 3, "1-02": 2}))
    assert [a.item_id for a in result.actions] == ["1-02"]  # 3 is no finding; 2 is an observation


RECOMMENDED = checklist(
    section(
        "1",
        item(
            "1-01",
            recommendations=[  # deliberately not in order of max_rating
                {"max_rating": 2, "priority": "low", "timeframe_days": 90, "text": "review yearly"},
                {"max_rating": 0, "priority": "high", "timeframe_days": 14, "text": "set it up"},
                {"max_rating": 1, "priority": "medium", "text": {"zh": "形成文件", "en": "document it"}},
            ],
        ),
    )
)


@pytest.mark.parametrize(
    ("rating", "text", "priority", "days"),
    [
        (0, "set it up", "high", 14),  # the smallest max_rating at or above 0 is 0
        (1, {"zh": "形成文件", "en": "document it"}, "medium", None),  # 1 fits max 1 and max 2: the smaller
        (2, "review yearly", "low", 90),  # only max 2 fits
    ],
)
def test_recommendation_chosen_by_the_rating_reached(
    rating: int | None, text: object, priority: str, days: int | None
) -> None:
    (action,) = weighted(RECOMMENDED, answers({"1-01": rating})).actions
    assert (action.text, action.priority, action.timeframe_days) == (text, priority, days)


def test_without_a_fitting_recommendation_priority_follows_the_grade() -> None:
    cl = checklist(
        section(
            "1",
            item("1-01", critical=True, recommendations=[{"max_rating": 0, "text": "only for 0"}]),
            item("1-02"),
            item("1-03"),
        )
    )
    result = weighted(cl, answers({"1-01": 1, "1-02": 1, "1-03": 2}))
    by_item = {a.item_id: (a.grade, a.priority, a.timeframe_days) for a in result.actions}
    assert by_item == {
        "1-01": ("major", "high", None),  # rating 1 > max_rating 0: no recommendation fits
        "1-02": ("minor", "medium", None),
        "1-03": ("observation", "low", None),
    }
    assert result.actions[0].text == {"zh": "按要求落实：问题 1-01", "en": "Put in place: Question 1-01"}


# -- completeness and sections --------------------------------------------------------------------------------
def test_completeness_counts_scored_items_only() -> None:
    cl = checklist(
        section(
            "1",
            item("1-01"),
            item("1-02"),
            item("1-03", excludable=True),
            item("1-04"),
            item("1-05", scored=False),
        )
    )
    result = weighted(cl, answers({"1-01": 4, "1-02": 0, "1-03": na()}))
    assert result.overall.completeness == pytest.approx(
        2 / 3
    )  # applicable scored: 1-01, 1-02, 1-04; answered 2
    assert result.overall.score == 50.0  # (1 + 0) / 2: 1-03 N/A, 1-04 not assessed, 1-05 unscored


def test_section_scores_cover_the_whole_subtree_at_every_depth() -> None:
    cl = checklist(
        section(
            "1",
            item("1-01"),
            sections=(
                section(
                    "1.1", item("1.1-01", weight=2), sections=(section("1.1.1", item("1.1.1-01", weight=3)),)
                ),
                section("1.2", item("1.2-01", excludable=True), item("1.2-02", excludable=True)),
            ),
        ),
        section("2", item("2-01")),
    )
    result = weighted(
        cl, answers({"1-01": 4, "1.1-01": 2, "1.1.1-01": 1, "1.2-01": na(), "1.2-02": na(), "2-01": 0})
    )
    got = {s.id: (s.depth, s.parent, s.score) for s in result.sections}
    assert got == {
        "1": (0, None, pytest.approx(275 / 6)),  # (1·1.0 + 2·0.5 + 3·0.25) / (1+2+3) = 2.75/6 = 45.833…
        "1.1": (1, "1", 35.0),  # (2·0.5 + 3·0.25) / 5 = 1.75/5
        "1.1.1": (2, "1.1", 25.0),  # 3·0.25 / 3
        "1.2": (1, "1", None),  # both items N/A: null, not 0
        "2": (0, None, 0.0),  # unanswered or rated 0 is a real 0
    }
    assert result.overall.score == pytest.approx(275 / 7)  # (2.75 + 1·0) / 7 = 39.285…


# -- flat-unweighted ------------------------------------------------------------------------------------------
def test_flat_unweighted_ignores_weights() -> None:
    from iso9001assess.scoring import FlatUnweightedStrategy

    cl = checklist(
        section("1", item("1-01", weight=9), item("1-02", critical=True), item("1-03", excludable=True)),
        section("LAB", item("LAB-01", tags=["lab"], weight=5), item("LAB-02", tags=["lab"])),
    )
    ans = answers({"1-01": 4, "1-02": 0, "1-03": na(), "LAB-01": 1, "LAB-02": 3})
    flat = FlatUnweightedStrategy().score(cl, ans)
    assert flat.strategy == "flat-unweighted"
    assert flat.overall.score == 50.0  # mean(1.0, 0) = 0.5; weighted would give (9 + 0)/10 = 90
    assert weighted(cl, ans).overall.score == 90.0
    assert flat.lab.score == 50.0  # mean(0.25, 0.75); weighted: (5·0.25 + 0.75)/6 = 33.33
    assert flat.item("1-01").weight == 1.0
    assert [(a.item_id, a.impact) for a in flat.actions] == [
        ("1-02", 2.0),  # 1·(1−0)·2
        ("LAB-01", 0.75),  # 1·(1−0.25); the weighted plan would say 5·0.75 = 3.75
    ]
    assert flat.overall.readiness == "not-ready"  # major on 1-02


# -- completeness, incomplete, the lab verdict ----------------------------------------------------------------
TEN_QMS = checklist(section("4", *[item(f"4-{n:02}") for n in range(1, 11)]))


@pytest.mark.parametrize(
    ("answered", "completeness", "readiness"),
    [
        (10, 1.0, "ready"),  # 10/10, all at 4: 100, no finding
        (9, 0.9, "ready"),  # 9/10 = 0.9: not below 0.9, so judged
        (8, 0.8, "incomplete"),  # 8/10 = 0.8 < 0.9
        (0, 0.0, "incomplete"),  # nothing answered: no score either
    ],
)
def test_readiness_is_incomplete_below_the_minimum_completeness(
    answered: int, completeness: float, readiness: str
) -> None:
    result = weighted(TEN_QMS, answers({f"4-{n:02}": 4 for n in range(1, answered + 1)}))
    assert (result.overall.completeness, result.overall.readiness) == (completeness, readiness)
    assert result.overall.score == (100.0 if answered else None)
    assert result.overall.maturity_level == (5 if answered else None)  # null when the overall score is


def test_a_checklist_sets_its_own_minimum_completeness() -> None:
    cl = checklist(section("4", *[item(f"4-{n:02}") for n in range(1, 11)]), min_completeness=0.75)
    result = weighted(cl, answers({f"4-{n:02}": 4 for n in range(1, 9)}))
    assert (result.overall.completeness, result.overall.readiness) == (0.8, "ready")  # 0.8 >= 0.75
    assert result.min_completeness == 0.75


LAB_ONLY = checklist(
    section("4", item("4-01")),
    section(
        "LAB",
        item("LAB-01", tags=["lab"], critical=True),
        *[item(f"LAB-{n:02}", tags=["lab"]) for n in (2, 3, 4)],
    ),
)


@pytest.mark.parametrize(
    ("ratings", "index", "verdict"),
    [
        ({"LAB-01": 4, "LAB-02": 4, "LAB-03": 4, "LAB-04": 3}, 93.75, "standardized"),  # (4+4+4+3)/16 = 15/16
        (
            {"LAB-01": 4, "LAB-02": 4, "LAB-03": 2, "LAB-04": 3},
            81.25,
            "standardized",
        ),  # 13/16; an observation only
        (
            {"LAB-01": 4, "LAB-02": 3, "LAB-03": 2, "LAB-04": 2},
            68.75,
            "basically-standardized",
        ),  # 11/16 >= 60
        ({"LAB-01": 3, "LAB-02": 2, "LAB-03": 2, "LAB-04": 2}, 56.25, "not-standardized"),  # 9/16 < 60
        (
            {"LAB-01": 1, "LAB-02": 4, "LAB-03": 4, "LAB-04": 4},
            81.25,
            "not-standardized",
        ),  # 13/16, major LAB-01
        ({"LAB-01": 4, "LAB-02": 4, "LAB-03": 4}, 100.0, "incomplete"),  # 3/4 answered = 0.75 < 0.9
        ({}, None, None),  # nothing answered: no index, no verdict
    ],
)
def test_every_lab_verdict(ratings: dict[str, int], index: float | None, verdict: str | None) -> None:
    result = weighted(LAB_ONLY, answers({"4-01": 4, **ratings}))
    assert (result.lab.score, result.lab.verdict) == (index, verdict)
    assert result.overall.readiness == "ready"  # the QMS item 4-01 at 4, whatever the lab


def test_without_a_lab_there_is_no_verdict() -> None:
    result = weighted(LAB_ONLY, answers({"4-01": 4}, has_lab=False))
    assert (result.lab.score, result.lab.verdict, result.lab.completeness) == (None, None, None)


# -- not triggered and whole sections not applicable ----------------------------------------------------------
KINDS = checklist(
    section(
        "8",
        item("8-01"),
        item("8-02", excludable=True),
        item("8-03", conditional=True),
        item("8-04", excludable=True, conditional=True),
        item("8-05", excludable=True, conditional=True),
    )
)


def test_not_triggered_is_told_apart_from_an_exclusion() -> None:
    result = weighted(
        KINDS,
        answers(
            {
                "8-01": 2,
                "8-02": na("ISO 9001 4.3 exclusion"),
                "8-03": na("no customer property"),
                "8-04": na("both allowed: conditional wins without na_kind"),
                "8-05": {"na": True, "na_kind": "excluded", "justification": "declared an exclusion"},
            }
        ),
    )
    kinds = {i.id: (i.status, i.na_kind) for i in result.items}
    assert kinds == {
        "8-01": ("answered", None),
        "8-02": ("not-applicable", "excluded"),
        "8-03": ("not-applicable", "not-triggered"),
        "8-04": ("not-applicable", "not-triggered"),
        "8-05": ("not-applicable", "excluded"),
    }
    assert result.overall.score == 50.0  # only 8-01: 2/4; the four not applicable leave both sums
    assert result.overall.completeness == 1.0  # 1 applicable, 1 answered
    assert result.section("8").not_applicable == 4


def test_a_whole_section_declared_not_applicable() -> None:
    cl = checklist(
        section("7", item("7-01")),
        section(
            "8", sections=(section("8.3", item("8.3-01", excludable=True), item("8.3-02", conditional=True)),)
        ),
    )
    ans = answers({"7-01": 3}).model_copy(update={"not_applicable": {"8.3": "build to print only"}})
    result = weighted(cl, ans)
    assert [(i.id, i.status, i.na_kind, i.justification) for i in result.items[1:]] == [
        ("8.3-01", "not-applicable", "excluded", "build to print only"),
        ("8.3-02", "not-applicable", "not-triggered", "build to print only"),
    ]
    assert (result.section("8.3").score, result.section("8.3").justification) == (None, "build to print only")
    assert result.section("8").justification is None  # declared on 8.3 only
    assert (result.overall.score, result.overall.completeness) == (75.0, 1.0)  # 7-01 alone: 3/4; 1/1 answered


def test_an_item_own_answer_inside_a_declared_section_keeps_its_justification() -> None:
    cl = checklist(section("8.3", item("8.3-01", excludable=True), item("8.3-02", excludable=True)))
    ans = answers({"8.3-01": na("its own reason")}).model_copy(
        update={"not_applicable": {"8.3": "the section"}}
    )
    result = weighted(cl, ans)
    assert [i.justification for i in result.items] == ["its own reason", "the section"]


# -- full precision, one rounding when shown ------------------------------------------------------------------
def test_results_keep_full_precision_and_outputs_round_once_half_up() -> None:
    from iso9001assess.rounding import format_number, round_half_up

    # A yes/no scale: overall = 100 × reached / (reached + missed).
    at_76_65 = binary_overall(766.5, 233.5).overall.score  # 100 × 766.5/1000 = 76.65 (float 76.6499…)
    assert at_76_65 == pytest.approx(76.65) and format_number(at_76_65) == "76.7"
    at_37_949 = binary_overall(379.49, 620.51).overall.score  # 37.949: one rounding gives 37.9, two 38.0
    assert at_37_949 == pytest.approx(37.949) and format_number(at_37_949) == "37.9"
    at_56_25 = binary_overall(5.625, 4.375).overall.score  # 56.25 exactly: half up -> 56.3 (not 56.2)
    assert (at_56_25, format_number(at_56_25)) == (56.25, "56.3")
    assert (round_half_up(2.675, 2), format_number(-0.05), format_number(None)) == (2.68, "-0.1", "—")
    third = binary_overall(1, 2).overall.score  # 100/3, never stored as 33.33
    assert third == 100 / 3 and format_number(third) == "33.3"
