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
        "LAB.1-02": ("unanswered", None, 0.0, "minor"),  # unanswered scores 0 and is graded as rating 0
    }


def test_mini_sections_at_every_depth(mini: Result) -> None:
    got = {
        s.id: (s.depth, s.parent, s.score, s.applicable, s.answered, s.not_applicable, s.unanswered)
        for s in mini.sections
    }
    assert [s.id for s in mini.sections] == ["4", "4.1", "4.3", "8", "8.3", "LAB", "LAB.1"]  # document order
    assert got == {
        "4": (0, None, 56.25, 3, 3, 0, 0),  # (2·0.75 + 1·0.25 + 1·0.5) / (2+1+1) = 2.25/4
        "4.1": (1, "4", 58.33, 2, 2, 0, 0),  # (2·0.75 + 1·0.25) / 3 = 1.75/3 = 58.333…
        "4.3": (1, "4", 50.0, 1, 1, 0, 0),  # 1·0.5 / 1
        "8": (0, None, None, 0, 0, 1, 0),  # 8.3-01 N/A, 8.3-02 unscored: nothing applicable -> null
        "8.3": (1, "8", None, 0, 0, 1, 0),
        "LAB": (0, None, 66.67, 2, 1, 0, 1),  # (2·1 + 1·0) / 3 = 66.666…
        "LAB.1": (1, "LAB", 66.67, 2, 1, 0, 1),
    }


def test_mini_overall_lab_verdicts(mini: Result) -> None:
    assert mini.overall.score == 56.25  # the items of 4 and 8, none tagged lab: 2.25/4
    assert mini.lab.score == 66.67  # LAB.1-01 and LAB.1-02: 2/3
    assert mini.overall.maturity_level == 3  # 56.25 reaches 20 and 40, not 60: 1 + 2
    assert mini.overall.readiness == "not-ready"  # 56.25 < 60
    assert mini.completeness == 0.8333  # scored items: 5 applicable + 1 N/A = 6; 1 unanswered: 5/6
    assert mini.finding_counts() == {"major": 0, "minor": 2, "observation": 1}


def test_mini_actions_by_impact_then_clause_order(mini: Result) -> None:
    got = [(a.item_id, a.impact, a.grade, a.priority) for a in mini.actions]
    assert got == [
        (
            "4.3-01",
            1.0,
            "observation",
            "low",
        ),  # 1·(1−0.5)·2 (critical) = 1.0; its recommendation is for ≤1 only
        ("LAB.1-02", 1.0, "minor", "medium"),  # 1·(1−0)·1 = 1.0; same impact, later in the checklist
        ("4.1-02", 0.75, "minor", "medium"),  # 1·(1−0.25)·1 = 0.75
    ]
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
    assert result.completeness == 1.0  # an N/A answer is an answer: 2/2


def test_unanswered_scores_zero() -> None:
    result = weighted(TWO_ITEMS, answers({"1-01": 4}))
    assert result.overall.score == 25.0  # (1·1.0 + 3·0) / (1+3) = 1/4
    unanswered = result.item("1-02")
    assert (unanswered.status, unanswered.score, unanswered.grade) == ("unanswered", 0.0, "minor")
    assert result.completeness == 0.5  # 1 of 2 scored items answered
    assert result.section("1").unanswered == 1


def test_an_explicit_null_answer_is_unanswered() -> None:
    result = weighted(TWO_ITEMS, answers({"1-01": 4, "1-02": None}))
    assert result.item("1-02").status == "unanswered"
    assert result.overall.score == 25.0  # as above: (1 + 0) / 4


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
    assert result.completeness == 1.0  # 1 scored item, answered: 1/1
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


def test_lab_findings_count_for_readiness() -> None:
    result = weighted(LAB_CHECKLIST, answers({"7.1.5-01": 4, "LAB-01": 0, "LAB-02": 4}))
    assert result.overall.score == 100.0
    assert result.item("LAB-01").grade == "minor"  # 0 <= 1
    assert result.overall.readiness == "conditionally-ready"  # overall >= 60, one minor finding


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
    assert result.completeness == 1.0  # the lab items are settled (N/A); 7.1.5-01 answered: 3/3


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
    assert [message for _, message in answer_issues(with_lab, LAB_CHECKLIST)] == [
        "item 'LAB-01' is not excludable, so it cannot be not applicable"
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
        (4, None, False, "minor"),  # unanswered counts as 0
        (4, None, True, "major"),
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
    assert result.overall.score == 99.26  # (1·0.25 + 100·1) / 101 = 100.25/101 = 99.257…
    assert result.item("1-01").grade == "major"
    assert result.overall.readiness == "not-ready"


def test_below_60_is_not_ready_even_with_only_observations() -> None:
    cl = checklist(section("1", item("1-01", weight=4), item("1-02", weight=0.99)))
    result = weighted(cl, answers({"1-01": 2, "1-02": 4}))
    assert result.overall.score == 59.92  # (4·0.5 + 0.99·1) / 4.99 = 2.99/4.99 = 59.919…
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
        (None, "set it up", "high", 14),  # unanswered is rating 0
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
    assert result.completeness == 0.75  # scored: 1-01..1-04 = 4; unanswered: 1-04 -> (4−1)/4
    assert result.overall.score == pytest.approx(33.33)  # (1 + 0 + 0) / 3: 1-03 N/A, 1-04 unanswered = 0


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
        "1": (0, None, 45.83),  # (1·1.0 + 2·0.5 + 3·0.25) / (1+2+3) = 2.75/6 = 45.833…
        "1.1": (1, "1", 35.0),  # (2·0.5 + 3·0.25) / 5 = 1.75/5
        "1.1.1": (2, "1.1", 25.0),  # 3·0.25 / 3
        "1.2": (1, "1", None),  # both items N/A: null, not 0
        "2": (0, None, 0.0),  # unanswered or rated 0 is a real 0
    }
    assert result.overall.score == 39.29  # (2.75 + 1·0) / 7 = 39.285…


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
