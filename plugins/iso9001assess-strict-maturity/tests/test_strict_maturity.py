"""The strict-maturity strategy: levels worked out by hand on a five-item checklist."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import iso9001assess_strict_maturity as plugin
import pytest
from click.testing import CliRunner

import iso9001assess as qa
from iso9001assess.cli import cli
from iso9001assess.plugin_manager import PluginRegistry
from iso9001assess.testing import answers_for, plugin_registry

SMALL = Path(__file__).with_name("small-checklist.yaml")


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(plugin) as isolated:
        yield isolated


@pytest.fixture
def small(registry: PluginRegistry) -> qa.Checklist:
    return qa.load_checklist(SMALL)


def _levels(checklist: qa.Checklist, ratings: Mapping[str, int | None]) -> tuple[int | None, ...]:
    answers = answers_for(checklist, ratings)
    weighted, strict = qa.score(checklist, answers), qa.score(checklist, answers, "strict-maturity")
    assert strict.overall.score == weighted.overall.score and strict.findings == weighted.findings
    return weighted.overall.maturity_level, strict.overall.maturity_level


def test_the_weakest_clause_holds_the_level_back(small: qa.Checklist) -> None:
    # Clause 4 = 100, clause 7 = 100 x (2 x 0.5 + 0.75) / 3 = 58.33, overall = 100 x 3.75 / 5 = 75.
    ratings = {"4-01": 4, "4-02": 4, "7-01": 2, "7-02": 3, "LAB-01": 4}
    assert _levels(small, ratings) == (4, 3)


def test_a_major_finding_caps_the_level_at_2(small: qa.Checklist) -> None:
    # Overall 85 (level 5 by threshold), but the critical item 4-02 at 1 is a major nonconformity.
    ratings = {"4-01": 4, "4-02": 1, "7-01": 4, "7-02": 4, "LAB-01": 4}
    assert _levels(small, ratings) == (5, 2)


def test_a_minor_finding_caps_the_level_at_3(small: qa.Checklist) -> None:
    # 7-02 at 1: a minor nonconformity; overall = 100 x (4 + 0.25) / 5 = 85.
    ratings = {"4-01": 4, "4-02": 4, "7-01": 4, "7-02": 1, "LAB-01": 4}
    assert _levels(small, ratings) == (5, 3)


def test_an_observation_caps_the_level_at_4(small: qa.Checklist) -> None:
    ratings = {"4-01": 4, "4-02": 4, "7-01": 4, "7-02": 2, "LAB-01": 4}  # overall 90; 7-02 is an observation
    assert _levels(small, ratings) == (5, 4)


def test_lab_findings_do_not_count_and_full_marks_reach_5(small: qa.Checklist) -> None:
    ratings = {"4-01": 4, "4-02": 4, "7-01": 4, "7-02": 4, "LAB-01": 0}
    assert _levels(small, ratings) == (5, 5)
    assert plugin.clause_ids(small) == ["4", "7"]


def test_unmet_criteria_say_why(small: qa.Checklist) -> None:
    answers = answers_for(small, {"4-01": 4, "4-02": 4, "7-01": 2, "7-02": 3, "LAB-01": 4})
    result = qa.score(small, answers, "strict-maturity")
    unmet = plugin.unmet_criteria(result, ["4", "7"], small.maturity.thresholds)
    assert unmet[2] == [] and unmet[3] == []
    assert unmet[4] == ["clause 7 scores 58.3, below 60"]  # an observation bars level 5 only
    assert unmet[5] == [
        "overall score 75.0 is below 80",
        "clause 7 scores 58.3, below 80",
        "a finding graded observation remains",
    ]


def test_nothing_applicable_gives_no_level(small: qa.Checklist) -> None:
    reasons = dict.fromkeys(("4-01", "4-02", "7-01", "7-02"), "not here")
    answers = answers_for(small, {"LAB-01": 4}, not_applicable=reasons)
    assert qa.score(small, answers, "strict-maturity").overall.maturity_level is None


def test_result_records_the_strategy_and_its_method(small: qa.Checklist) -> None:
    result = qa.score(small, answers_for(small, default=3), "strict-maturity")
    assert result.strategy == "strict-maturity"
    assert "consecutive levels met" in result.method["en"]  # type: ignore[index]
    assert "连续达成" in result.method["zh"]  # type: ignore[index]


def test_installed_and_usable_from_the_command_line(tmp_path: Path) -> None:
    answers = tmp_path / "acme.yaml"
    answers.write_text(
        "schema_version: 1\nchecklist: small\nenterprise: {name: Acme}\n"
        "answers: {4-01: 4, 4-02: 4, 7-01: 2, 7-02: 3, LAB-01: 4}\n",
        encoding="utf-8",
    )
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["strict-maturity"]
        assert (info.distribution, info.failures) == ("iso9001assess-strict-maturity", [])
        assert info.registered == {"strategy": ["strict-maturity"]}
        outcome = CliRunner().invoke(
            cli,
            [
                "score",
                str(answers),
                "--strategy",
                "strict-maturity",
                "--checklist",
                str(SMALL),
                "--lang",
                "en",
            ],
        )
    assert outcome.exit_code == 0, outcome.output
    assert "overall 75.0, maturity 3 (Defined), readiness: Ready; lab index 100.0" in outcome.output
