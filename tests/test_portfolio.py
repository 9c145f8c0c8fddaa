"""portfolio: figures computed by hand from small sets of enterprise summaries, and the rule for benchmarks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import iso9001assess as qa
from iso9001assess.errors import InvalidInputError
from iso9001assess.programme.benchmark import BenchmarkRule
from iso9001assess.programme.portfolio import PortfolioOptions, build_portfolio, latest_by_enterprise
from iso9001assess.programme.summary import EnterpriseSummary, clause_titles, summarize

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"


def summary(source: str, overall: float | None, **fields: Any) -> EnterpriseSummary:
    values: dict[str, Any] = {
        "name": source.upper(),
        "checklist_id": "mini",
        "checklist_version": "1.0",
        "strategy": "weighted",
        "maturity_level": None if overall is None else 1 + sum(overall >= t for t in (20, 40, 60, 80)),
        "readiness": "ready",
        "lab_index": None,
        "has_lab": False,
        "completeness": 1.0,
        "major": 0,
        "minor": 0,
        "observation": 0,
    }
    values.update(fields)
    return EnterpriseSummary(source=source, overall=overall, **values)


def clauses(**scores: float | None) -> dict[str, tuple[int, float | None]]:
    return {key.replace("_", "."): (1, value) for key, value in scores.items()}


TITLES = {"c4.1": {"zh": "条款c4.1", "en": "Clause c4.1"}}


@pytest.fixture
def programme() -> list[EnterpriseSummary]:
    return [
        summary("a", 85.0, city="广州市", industry="food", size="small", has_lab=True, lab_index=90.0,
                clauses=clauses(c4_1=90.0, c7_1=50.0)),
        summary("b", 92.0, city="广州市", industry="food", size="medium", has_lab=True, lab_index=60.0,
                clauses=clauses(c4_1=95.0, c7_1=55.0)),
        summary("c", 81.0, city="深圳市", industry="electronics", size="small", has_lab=False,
                clauses=clauses(c4_1=40.0, c7_1=None)),
        summary("d", 45.0, city="深圳市", industry=None, size="micro", readiness="not-ready", major=1, minor=3,
                has_lab=True, lab_index=30.0, clauses=clauses(c4_1=30.0, c7_1=20.0)),
        summary("e", 100.0, city=None, industry="food", size="large", has_lab=True, lab_index=75.0, minor=1,
                readiness="conditionally-ready", clauses=clauses(c4_1=100.0, c7_1=100.0)),
    ]  # fmt: skip


def test_distribution_maturity_and_readiness(programme: list[EnterpriseSummary]) -> None:
    p = build_portfolio(programme)
    assert (p.assessments, p.enterprises, p.not_scored) == (5, 5, 0)
    # 45 → 40–60; 81, 85, 92 → 80–100; 100 falls in the top band too.
    assert [(b.label, b.count) for b in p.score_distribution] == [
        ("0–20", 0), ("20–40", 0), ("40–60", 1), ("60–80", 0), ("80–100", 4),
    ]  # fmt: skip
    assert [(c.key, c.count) for c in p.maturity] == [("1", 0), ("2", 0), ("3", 1), ("4", 0), ("5", 4)]
    assert [(c.key, c.count) for c in p.readiness] == [
        ("ready", 3),
        ("conditionally-ready", 1),
        ("not-ready", 1),
        ("incomplete", 0),
    ]
    assert (p.overall.mean, p.overall.median, p.overall.min, p.overall.max) == (80.6, 85.0, 45.0, 100.0)
    assert p.findings == {"major": 1, "minor": 4, "observation": 0}


def test_breakdowns_by_city_industry_and_size(programme: list[EnterpriseSummary]) -> None:
    p = build_portfolio(programme)
    cities = {g.key: g for g in p.by_city}
    assert [g.key for g in p.by_city] == ["广州市", "深圳市", None]  # most enterprises first, unstated last
    assert (cities["广州市"].enterprises, cities["广州市"].mean_overall, cities["广州市"].mean_lab) == (
        2,
        88.5,
        75.0,
    )
    assert (cities["深圳市"].mean_overall, cities["深圳市"].mean_lab) == (63.0, 30.0)  # c has no lab
    assert (cities["深圳市"].ready, cities["深圳市"].not_ready) == (1, 1)
    food = next(g for g in p.by_industry if g.key == "food")
    assert (food.enterprises, food.mean_overall) == (3, pytest.approx(277 / 3))  # (85 + 92 + 100) / 3
    assert [g.key for g in p.by_size] == ["micro", "small", "medium", "large"]  # natural order
    # The default rule picks e (100, lab 75) and a (85, lab 90): one in 广州市, one with no city.
    assert (cities["广州市"].candidates, cities[None].candidates, cities["深圳市"].candidates) == (1, 1, 0)


def test_weak_clauses_are_ranked_by_how_many_enterprises_are_weak(programme: list[EnterpriseSummary]) -> None:
    p = build_portfolio(programme, titles=TITLES)
    # 7.1 < 60 at a, b, d (c not applicable); 4.1 < 60 at c and d.
    assert [(c.id, c.weak, c.assessed, c.share) for c in p.weak_clauses] == [
        ("c7.1", 3, 4, 0.75),
        ("c4.1", 2, 5, 0.4),
    ]
    assert p.weak_clauses[0].mean_score == 56.25  # (50 + 55 + 20 + 100) / 4
    assert [c.title for c in p.weak_clauses] == [
        "c7.1",
        {"zh": "条款c4.1", "en": "Clause c4.1"},
    ]  # no title: id
    assert build_portfolio(programme, PortfolioOptions(clause_depth=0)).weak_clauses == ()
    stricter = build_portfolio(programme, PortfolioOptions(weak_threshold=35))
    # One weak enterprise each (d): 7.1 first, as its share is higher (1 of 4 assessed against 1 of 5).
    assert [(c.id, c.weak) for c in stricter.weak_clauses] == [("c7.1", 1), ("c4.1", 1)]


def test_lab_overview(programme: list[EnterpriseSummary]) -> None:
    lab = build_portfolio(programme).lab
    assert (lab.with_lab, lab.without_lab, lab.at_or_above, lab.threshold) == (4, 1, 2, 70.0)
    assert (lab.index.mean, lab.index.median) == (63.75, 67.5)
    assert [b.count for b in lab.distribution] == [0, 1, 0, 2, 1]  # 30 | 60, 75 | 90


def test_benchmark_candidates_follow_the_rule_and_its_ranking(programme: list[EnterpriseSummary]) -> None:
    p = build_portfolio(programme)
    # b: lab 60 < 70; c: no lab; d: overall 45 and a major finding.
    assert [(c.rank, c.source) for c in p.benchmark_candidates] == [(1, "e"), (2, "a")]
    assert p.eligible == 2
    no_lab_needed = BenchmarkRule(require_lab=False, min_lab=None)
    assert [c.source for c in build_portfolio(programme, PortfolioOptions(rule=no_lab_needed)).benchmark_candidates] == [
        "e", "b", "a", "c",
    ]  # fmt: skip
    top_one = build_portfolio(programme, PortfolioOptions(rule=BenchmarkRule(require_lab=False, top=1)))
    assert [c.source for c in top_one.benchmark_candidates] == ["e"]
    assert top_one.eligible == 3  # e, a and c (no lab, so the lab threshold does not apply)
    no_minor = BenchmarkRule(max_minor=0)
    assert [
        c.source for c in build_portfolio(programme, PortfolioOptions(rule=no_minor)).benchmark_candidates
    ] == ["a"]


def test_ties_are_broken_by_lab_index_then_fewer_findings_then_name() -> None:
    tied = [
        summary("x", 90.0, name="Zeta", has_lab=True, lab_index=80.0),
        summary("y", 90.0, name="Alpha", has_lab=True, lab_index=80.0, observation=2),
        summary("z", 90.0, name="Beta", has_lab=True, lab_index=95.0),
        summary("w", 90.0, name="Gamma", has_lab=True, lab_index=80.0),
    ]
    ranked = build_portfolio(tied).benchmark_candidates
    assert [c.name for c in ranked] == ["Beta", "Gamma", "Zeta", "Alpha"]


def test_rule_is_described_in_both_languages() -> None:
    rule = BenchmarkRule(min_overall=85, max_minor=2, top=10)
    assert rule.describe("en").startswith("overall score ≥ 85; no major finding; at most 2 minor findings")
    assert "kept: the first 10" in rule.describe("en")
    assert rule.describe("zh").startswith(
        "总分 ≥ 85；无严重不符合；一般不符合 ≤ 2；设有实验室；实验室能力指数 ≥ 70"
    )


def test_each_enterprise_counts_once_by_its_latest_assessment() -> None:
    code = "91440101MA5CXXXXX2"
    history = [
        summary("acme-2026-05", 50.0, name="Acme", credit_code=code, assessment_kind="baseline",
                assessment_date=dt.date(2026, 5, 10), readiness="not-ready", minor=4),
        summary("acme-2026-11", 72.5, name="Acme Ltd (renamed)", credit_code=code, assessment_kind="follow-up",
                assessment_date=dt.date(2026, 11, 10), minor=1),
        summary("beta-base", 60.0, name="Beta", assessment_kind="baseline", assessment_date=dt.date(2026, 6, 1)),
        summary("beta-follow", 55.0, name="Beta", assessment_kind="follow-up", assessment_date=dt.date(2026, 6, 1)),
        summary("solo", 70.0, name="Solo", assessment_kind="self"),
    ]  # fmt: skip
    assert [s.source for s in latest_by_enterprise(history)] == ["acme-2026-11", "beta-follow", "solo"]
    p = build_portfolio(history)
    assert (p.assessments, p.enterprises, p.latest_assessment) == (5, 3, dt.date(2026, 11, 10))
    assert p.overall.mean == pytest.approx(197.5 / 3)  # (72.5 + 55 + 70) / 3 = 65.83…, full precision
    improvement = p.improvement
    assert (improvement.pairs, improvement.improved, improvement.declined, improvement.mean_delta) == (
        2,
        1,
        1,
        8.75,
    )
    first = improvement.enterprises[0]
    assert (first.name, first.baseline_overall, first.followup_overall, first.delta) == (
        "Acme Ltd (renamed)", 50.0, 72.5, 22.5,
    )  # fmt: skip
    assert (first.baseline_findings, first.followup_findings, first.baseline_readiness) == (4, 1, "not-ready")


def test_portfolio_of_nothing_has_empty_figures() -> None:
    p = build_portfolio([])
    assert (p.enterprises, p.overall.mean, p.weak_clauses, p.benchmark_candidates) == (0, None, (), ())
    assert p.improvement.mean_delta is None


def test_portfolio_api_reads_files_results_and_summaries(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI)
    result = qa.score(checklist, qa.load_answers(FIXTURES / "mini-answers.yaml", checklist))
    qa.export(result, tmp_path / "acme.json")
    p = qa.portfolio([tmp_path / "acme.json", result, summarize(result, "third")], jobs=1)
    # One assessment given three times (its JSON result, the result, its summary): counted once.
    assert (p.assessments, p.given_twice, p.enterprises, p.overall.mean) == (1, 2, 1, 56.25)
    from_answers = qa.portfolio(FIXTURES / "mini-answers.yaml", checklist=MINI, jobs=1)
    assert from_answers.weak_clauses[0].id == "4.3"  # 50 < 60; 4.1 scores 58.33 and is weak too
    assert {c.id for c in from_answers.weak_clauses} == {"4.1", "4.3"}


def test_portfolio_api_names_every_bad_file(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("schema_version: 1\nchecklist: mini\n", encoding="utf-8")
    (tmp_path / "two.yaml").write_text("[", encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        qa.portfolio(tmp_path, checklist=MINI, jobs=1)
    sources = {Path(p.source).name for p in error.value.problems}
    assert sources == {"one.yaml", "two.yaml"}


def test_lab_sections_stay_out_of_the_clause_scores() -> None:
    checklist = qa.load_checklist(MINI)
    result = qa.score(checklist, qa.load_answers(FIXTURES / "mini-answers.yaml", checklist))
    kept = summarize(result, "acme").clauses
    # 4.1: (2·0.75 + 0.25) / 3 = 58.33…, kept at full precision
    assert kept == {
        "4": (0, 56.25),
        "4.1": (1, pytest.approx(175 / 3)),
        "4.3": (1, 50.0),
        "8": (0, None),
        "8.3": (1, None),
    }
    assert clause_titles(result)["4.3"] == {
        "zh": "确定质量管理体系的范围",
        "en": "Determining the scope of the QMS",
    }


def test_an_assessment_given_as_answers_and_as_its_result_counts_once(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI)
    answers = tmp_path / "acme.yaml"
    answers.write_bytes((FIXTURES / "mini-answers.yaml").read_bytes())
    qa.export(qa.score(checklist, qa.load_answers(answers, checklist)), tmp_path / "acme-result.json")
    p = qa.portfolio(tmp_path, checklist=MINI, jobs=1)
    assert (p.assessments, p.given_twice, p.enterprises) == (1, 1, 1)
    assert sum(c.count for c in p.readiness) == 1


def test_incomplete_assessments_are_counted_apart_and_kept_out_of_figures() -> None:
    complete = summary(
        "a",
        90.0,
        city="广州市",
        has_lab=True,
        lab_index=85.0,
        lab_verdict="standardized",
        clauses=clauses(c4_1=50.0),
    )
    partial = summary(
        "b",
        40.0,
        city="广州市",
        readiness="incomplete",
        completeness=0.5,
        has_lab=True,
        lab_index=95.0,
        lab_verdict="standardized",
        clauses=clauses(c4_1=10.0),
    )
    lab_partial = summary("c", 85.0, city="深圳市", has_lab=True, lab_index=99.0, lab_verdict="incomplete")
    p = build_portfolio([complete, partial, lab_partial], PortfolioOptions(rule=BenchmarkRule(min_lab=None)))
    assert (p.enterprises, p.incomplete) == (3, 1)
    assert p.overall.mean == 87.5  # (90 + 85) / 2: b (incomplete) is in no average
    assert [(b.label, b.count) for b in p.score_distribution][2] == ("40–60", 0)  # b's 40 is not counted
    assert ("incomplete", 1) in [(c.key, c.count) for c in p.readiness]
    guangzhou = next(g for g in p.by_city if g.key == "广州市")
    assert (guangzhou.enterprises, guangzhou.incomplete, guangzhou.mean_overall) == (2, 1, 90.0)
    assert (p.lab.index.mean, p.lab.incomplete) == (85.0, 2)  # only a: b incomplete, c's lab part incomplete
    assert [c.id for c in p.weak_clauses] == ["c4.1"] and p.weak_clauses[0].assessed == 1  # a's 50 only
    # Benchmark selection: b (incomplete) and c (lab incomplete) are no candidates despite their scores.
    assert [c.source for c in p.benchmark_candidates] == ["a"]
    assert BenchmarkRule().reasons_against(partial)[0] == "assessment incomplete"
    assert "laboratory assessment incomplete" in BenchmarkRule().reasons_against(lab_partial)


def test_an_incomplete_side_leaves_a_pair_out_of_the_improvement_figures() -> None:
    baseline = summary("base", 40.0, assessment_kind="baseline", assessment_date=dt.date(2026, 3, 1))
    followup = summary(
        "base", 70.0, assessment_kind="follow-up", assessment_date=dt.date(2026, 9, 1), readiness="incomplete"
    )
    p = build_portfolio([baseline, followup.model_copy(update={"source": "follow"})])
    assert (p.improvement.pairs, p.improvement.incomplete, p.improvement.mean_delta) == (0, 1, None)
