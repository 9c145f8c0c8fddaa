"""The bundled sample enterprises: they load, score, tell a coherent story, and span the verdicts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.bundled import bundled_dir
from iso9001assess.comparison import compare
from iso9001assess.models.result import Result

SAMPLES_DIR = bundled_dir("samples")
SAMPLES = sorted(SAMPLES_DIR.glob("*.yaml"))
CHECKLIST_PATH = bundled_dir("checklists") / "iso9001-2015.yaml"
BASELINE = SAMPLES_DIR / "gz-electronics-baseline.yaml"
FOLLOWUP = SAMPLES_DIR / "gz-electronics-followup.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    assert isinstance(data, dict)
    return data


RAW_CHECKLIST = _read(CHECKLIST_PATH)
RAW_SAMPLES = {path.name: _read(path) for path in SAMPLES}


def _raw_items(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield from section.get("items", [])
        yield from _raw_items(section.get("sections", []))


RAW_ITEMS = {item["id"]: item for item in _raw_items(RAW_CHECKLIST["sections"])}
MAX_RATING = max(level["value"] for level in RAW_CHECKLIST["scale"])


@pytest.fixture(scope="module")
def checklist() -> qa.Checklist:
    return qa.load_checklist("iso9001-2015")


@pytest.fixture(scope="module")
def results(checklist: qa.Checklist) -> dict[str, Result]:
    return {path.name: qa.score(checklist, qa.load_answers(path)) for path in SAMPLES}


# -- hand-rolled scoring over the raw files, independent of the engine -------------------------------------
def _rating(entry: Any) -> tuple[str, int | None]:
    """('na' | 'rated' | 'unanswered', rating) for one raw answer entry."""
    if isinstance(entry, int):
        return "rated", entry
    if isinstance(entry, dict):
        if entry.get("na"):
            return "na", None
        if entry.get("rating") is not None:
            return "rated", int(entry["rating"])
    return "unanswered", None


def _hand_scores(raw: dict[str, Any]) -> tuple[float | None, float | None, list[tuple[str, str]]]:
    """Overall, lab index and the graded findings, computed straight from the two YAML files."""
    has_lab = raw["enterprise"].get("has_lab", True)
    sums = {"qms": [0.0, 0.0], "lab": [0.0, 0.0]}
    findings = []
    for item_id, item in RAW_ITEMS.items():
        if item.get("scored", True) is False:
            continue
        is_lab = "lab" in item.get("tags", [])
        status, rating = _rating(raw["answers"].get(item_id))
        if status == "na" or (is_lab and not has_lab):
            continue
        reached = rating if rating is not None else 0
        weight = float(item.get("weight", 1))
        bucket = sums["lab" if is_lab else "qms"]
        bucket[0] += weight * reached / MAX_RATING
        bucket[1] += weight
        if reached <= MAX_RATING / 4:
            findings.append((item_id, "major" if item.get("critical") else "minor"))
        elif reached <= MAX_RATING / 2:
            findings.append((item_id, "observation"))

    def score(bucket: list[float]) -> float | None:
        return None if bucket[1] == 0 else 100 * bucket[0] / bucket[1]

    return score(sums["qms"]), score(sums["lab"]), findings


def _hand_readiness(overall: float | None, grades: set[str]) -> str:
    if overall is None or overall < 60 or "major" in grades:
        return "not-ready"
    return "conditionally-ready" if "minor" in grades else "ready"


# -- the set as a whole ---------------------------------------------------------------------------------------
def test_there_are_at_least_seven_samples_and_nothing_else() -> None:
    assert len(SAMPLES) >= 7
    assert sorted(p.name for p in SAMPLES_DIR.iterdir()) == [p.name for p in SAMPLES]


def test_file_stems_are_ascii_and_safe_for_output_names() -> None:
    for path in SAMPLES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem), path.name


def test_samples_span_sizes_industries_cities_and_lab() -> None:
    enterprises = [raw["enterprise"] for raw in RAW_SAMPLES.values()]
    assert {"micro", "small", "medium"} <= {e["size"] for e in enterprises}
    assert len({e["industry"] for e in enterprises}) >= 6
    assert len({e["region"]["city"] for e in enterprises}) >= 6
    assert all(e["region"]["province"] == "广东省" and e["region"].get("district") for e in enterprises)
    assert {e.get("has_lab", True) for e in enterprises} == {True, False}
    assert {e.get("certified", False) for e in enterprises} == {True, False}


def test_each_enterprise_has_its_own_credit_code() -> None:
    by_code: dict[str, set[str]] = {}
    for raw in RAW_SAMPLES.values():
        by_code.setdefault(raw["enterprise"]["credit_code"], set()).add(raw["enterprise"]["name"])
    assert all(len(names) == 1 for names in by_code.values())
    assert len(by_code) == len(SAMPLES) - 1  # the baseline and the follow-up are one enterprise


def test_readiness_verdicts_span_the_three_values(results: dict[str, Result]) -> None:
    verdicts = {r.overall.readiness for r in results.values()}
    assert verdicts == {"not-ready", "conditionally-ready", "ready"}


def test_employee_counts_fit_the_declared_size() -> None:
    # Industrial enterprises (工信部联企业〔2011〕300号): micro < 20, small < 300, medium < 1000 employees.
    limits = {"micro": (0, 19), "small": (20, 299), "medium": (300, 999)}
    for name, raw in RAW_SAMPLES.items():
        low, high = limits[raw["enterprise"]["size"]]
        assert low <= raw["enterprise"]["employees"] <= high, name


# -- each sample ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_loads_scores_and_is_complete(path: Path, results: dict[str, Result]) -> None:
    result = results[path.name]
    assert result.checklist.id == "iso9001-2015"
    assert (result.overall.completeness, result.overall.readiness != "incomplete") == (1.0, True)
    assert result.overall.score is not None
    assert result.assessment.kind in ("baseline", "follow-up", "self")
    assert isinstance(result.assessment.date, dt.date)
    assert result.assessment.assessor


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_engine_scores_match_a_hand_rolled_weighted_mean(path: Path, results: dict[str, Result]) -> None:
    overall, lab, findings = _hand_scores(RAW_SAMPLES[path.name])
    result = results[path.name]
    assert result.overall.score == pytest.approx(overall, abs=0.006)
    if lab is None:
        assert result.lab.score is None
    else:
        assert result.lab.score == pytest.approx(lab, abs=0.006)
    assert sorted((f.item_id, f.grade) for f in result.findings) == sorted(findings)
    assert result.overall.readiness == _hand_readiness(overall, {grade for _, grade in findings})


def test_one_overall_score_recomputed_in_full() -> None:
    # gz-electronics-followup: every item rated 3 except a handful; recompute Σw·r/4 / Σw by hand.
    raw = RAW_SAMPLES[FOLLOWUP.name]
    numerator = denominator = 0.0
    for item_id, item in RAW_ITEMS.items():
        if "lab" in item.get("tags", []):
            continue
        _, rating = _rating(raw["answers"][item_id])
        assert rating is not None
        numerator += item.get("weight", 1) * rating
        denominator += item.get("weight", 1) * 4
    expected = 100 * numerator / denominator
    result = qa.score(qa.load_checklist("iso9001-2015"), qa.load_answers(FOLLOWUP))
    assert result.overall.score == pytest.approx(expected, abs=0.005)  # the result is rounded to 2 decimals


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_not_applicable_only_on_excludable_items_with_a_real_justification(path: Path) -> None:
    for item_id, entry in RAW_SAMPLES[path.name]["answers"].items():
        status, _ = _rating(entry)
        if status == "na":
            assert RAW_ITEMS[item_id].get("excludable"), item_id
            assert len(entry["justification"]) >= 10 and CJK.search(entry["justification"]), item_id


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_item_is_answered_exactly_as_the_lab_declaration_allows(path: Path) -> None:
    raw = RAW_SAMPLES[path.name]
    has_lab = raw["enterprise"].get("has_lab", True)
    expected = {i for i, item in RAW_ITEMS.items() if has_lab or "lab" not in item.get("tags", [])}
    assert set(raw["answers"]) == expected


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_weak_critical_items_carry_an_assessors_note_in_chinese(
    path: Path, results: dict[str, Result]
) -> None:
    for finding in results[path.name].findings:
        if finding.grade == "major":
            assert finding.note and CJK.search(finding.note), finding.item_id


def test_weak_enterprises_give_root_causes_and_evidence() -> None:
    for name, raw in RAW_SAMPLES.items():
        full = [e for e in raw["answers"].values() if isinstance(e, dict) and e.get("rating") is not None]
        weak = [e for e in full if e["rating"] <= 1]
        if len(weak) >= 5:
            assert any(e.get("root_cause") for e in weak), name
            assert any(e.get("evidence") for e in weak), name


def test_no_lab_gives_a_null_lab_index_never_zero(results: dict[str, Result]) -> None:
    without_lab = [name for name, raw in RAW_SAMPLES.items() if raw["enterprise"].get("has_lab") is False]
    assert without_lab
    for name in without_lab:
        result = results[name]
        assert result.lab.score is None
        assert result.section("LAB").score is None
        lab_items = [i for i in result.items if i.lab]
        assert lab_items and all(i.status == "not-applicable" for i in lab_items)
        assert not any(f.item_id.startswith("LAB") for f in result.findings)
    with_lab = [name for name, raw in RAW_SAMPLES.items() if raw["enterprise"].get("has_lab", True)]
    assert all(results[name].lab.score is not None for name in with_lab)


# -- stories the scores must tell -----------------------------------------------------------------------------
def test_the_micro_firm_without_a_lab_is_weak_on_documents_and_internal_audit(
    results: dict[str, Result],
) -> None:
    (name,) = [n for n, raw in RAW_SAMPLES.items() if raw["enterprise"]["size"] == "micro"]
    result = results[name]
    assert RAW_SAMPLES[name]["enterprise"]["has_lab"] is False
    assert result.overall.readiness == "not-ready"
    assert result.section("9.2").score is not None and result.section("9.2").score < 25
    assert result.section("7.5").score is not None and result.section("7.5").score < 40


def test_certified_medium_firms_are_strong(results: dict[str, Result]) -> None:
    strong = [
        name
        for name, raw in RAW_SAMPLES.items()
        if raw["enterprise"]["size"] == "medium" and raw["enterprise"]["certified"]
    ]
    assert len(strong) >= 2
    for name in strong:
        assert results[name].overall.score >= 70  # type: ignore[operator]
        assert results[name].finding_counts()["major"] == 0


def test_design_is_excluded_only_where_the_enterprise_does_no_design() -> None:
    for name, raw in RAW_SAMPLES.items():
        design = [_rating(raw["answers"][i])[0] for i in RAW_ITEMS if i.startswith("8.3.")]
        assert len(set(design)) == 1, name  # all of 8.3 excluded, or none of it
        if design[0] == "na":
            assert "设计" in raw["answers"]["8.3.1-01"]["justification"], name


# -- baseline and follow-up -----------------------------------------------------------------------------------
def test_follow_up_is_the_same_enterprise_six_months_later() -> None:
    before, after = RAW_SAMPLES[BASELINE.name], RAW_SAMPLES[FOLLOWUP.name]
    assert before["enterprise"] == after["enterprise"]
    assert before["assessment"]["kind"] == "baseline"
    assert after["assessment"]["kind"] == "follow-up"
    days = (after["assessment"]["date"] - before["assessment"]["date"]).days
    assert 150 <= days <= 210


def test_follow_up_is_better_than_its_baseline(results: dict[str, Result]) -> None:
    before, after = results[BASELINE.name], results[FOLLOWUP.name]
    assert after.overall.score > before.overall.score + 15  # type: ignore[operator]
    assert after.lab.score > before.lab.score  # type: ignore[operator]
    assert after.overall.maturity_level > before.overall.maturity_level  # type: ignore[operator]
    assert before.overall.readiness == "not-ready"
    assert after.overall.readiness in ("conditionally-ready", "ready")
    assert sum(after.finding_counts().values()) < sum(before.finding_counts().values())


def test_follow_up_closes_findings_keeps_one_and_raises_one(results: dict[str, Result]) -> None:
    comparison = compare(results[BASELINE.name], results[FOLLOWUP.name])
    closed = {c.item_id for c in comparison.closed}
    assert {"9.2.1-01", "9.3.1-01", "7.1.5.2-01"} <= closed
    assert [c.item_id for c in comparison.persisting] == ["8.5.2-03"]
    assert [c.item_id for c in comparison.new] == ["8.5.6-01"]
    raw_after = RAW_SAMPLES[FOLLOWUP.name]["answers"]
    assert "遗留" in raw_after["8.5.2-03"]["note"]
    assert "新发现" in raw_after["8.5.6-01"]["note"]
