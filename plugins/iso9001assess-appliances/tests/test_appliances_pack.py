"""The smart home appliances pack: installed through its entry point, composed on iso9001-2015, scored as written."""

from __future__ import annotations

from collections.abc import Iterator

import iso9001assess_appliances as pack
import pytest
from click.testing import CliRunner

import iso9001assess as qa
from iso9001assess.cli import cli
from iso9001assess.models.base import LANGUAGES
from iso9001assess.models.checklist import Checklist
from iso9001assess.plugin_manager import PluginRegistry
from iso9001assess.testing import (
    added_items,
    answers_for,
    assert_bundled_samples_score_as_written,
    assert_no_failures,
    plugin_registry,
)

ADDED_ITEMS = {
    "8.2.2-H01": "8.2.2",
    "8.2.2-H02": "8.2.2",
    "8.5.CCC-01": "8.5.CCC",
    "8.5.CCC-02": "8.5.CCC",
    "8.5.CCC-03": "8.5.CCC",
    "8.5.CCC-04": "8.5.CCC",
    "8.5.1-H01": "8.5.1",
    "8.5.5-H01": "8.5.5",
}


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(pack) as isolated:
        yield isolated


@pytest.fixture
def composed(registry: PluginRegistry) -> Checklist:
    return qa.load_checklist(pack.CHECKLIST_ID)


def test_the_installed_entry_point_registers_the_checklist() -> None:
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["appliances"]
        assert (info.distribution, info.version, info.failures) == ("iso9001assess-appliances", "1.0.0", [])
        assert info.hooks == ["register_checklists"]
        assert registry.checklists.get("appliances-gd").id == "appliances-gd"
        assert info.registered == {"checklist": ["appliances-gd"]}


def test_composition_adds_and_modifies_and_removes_nothing(
    registry: PluginRegistry, composed: Checklist
) -> None:
    assert_no_failures(registry)
    base = qa.load_checklist("iso9001-2015")
    parents = {child.id: section.id for section, _ in composed.walk_sections() for child in section.sections}
    assert parents["8.5.CCC"] == "8.5"
    holders = {item.id: section.id for item, section in composed.iter_items()}
    assert {item_id: holders[item_id] for item_id in ADDED_ITEMS} == ADDED_ITEMS
    added = added_items(composed, base)
    assert [item.id for item in added] == sorted(ADDED_ITEMS, key=list(holders).index)
    assert len(composed.items_by_id) == len(base.items_by_id) + len(ADDED_ITEMS)
    assert sorted(item.id for item in added if item.critical) == ["8.5.CCC-01", "8.5.CCC-03"]
    assert base.items_by_id["7.1.5.2-01"].excludable and not composed.items_by_id["7.1.5.2-01"].excludable
    assert "钎焊" in composed.items_by_id["8.5.1-06"].guidance["zh"]  # type: ignore[index]
    assert composed.scale == base.scale


def test_every_added_item_is_complete_in_both_languages(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    for item in added_items(composed, base):
        for text in (item.text, item.guidance, *item.evidence):
            assert isinstance(text, dict) and all(text.get(lang, "").strip() for lang in LANGUAGES), item.id
        assert len(item.evidence) >= 2, item.id
        assert sorted(r.max_rating for r in item.recommendations) == [1, 2, 3], item.id
        for recommendation in item.recommendations:  # what a follow-up checks to accept the action as done
            for text in (recommendation.text, recommendation.verification):
                assert isinstance(text, dict) and all(text.get(lang, "").strip() for lang in LANGUAGES), (
                    item.id
                )
        if item.critical:  # why a failure is a major nonconformity
            reason = item.critical_reason
            assert isinstance(reason, dict) and all(reason.get(lang, "").strip() for lang in LANGUAGES), (
                item.id
            )
        assert not item.excludable and "appliances" in item.tags


def test_scoring_a_routine_test_line_that_lets_failures_through(composed: Checklist) -> None:
    # Everything effective (4) except routine tests (critical, weight 3) at 1 and critical components at 2.
    answers = answers_for(composed, {"8.5.CCC-03": 1, "8.5.CCC-02": 2}, default=4)
    result = qa.score(composed, answers)
    # CCC: weights 3, 3, 3, 2 with scores 1, 0.5, 0.25, 1 -> 100 x (3 + 1.5 + 0.75 + 2) / 11 = 65.91.
    assert result.section("8.5.CCC").score == pytest.approx(100 * 7.25 / 11, abs=0.01)
    assert [(f.item_id, f.grade) for f in result.findings] == [
        ("8.5.CCC-02", "observation"),
        ("8.5.CCC-03", "major"),
    ]
    assert result.overall.readiness == "not-ready"
    # Impacts: 3 x (1 - 0.25) x 2 = 4.5 for the critical routine tests, 3 x (1 - 0.5) = 1.5 for the components.
    assert [(a.item_id, a.priority, a.impact) for a in result.actions] == [
        ("8.5.CCC-03", "high", 4.5),
        ("8.5.CCC-02", "medium", 1.5),
    ]
    assert "标准短路和开路样件" in result.actions[0].text["zh"]  # type: ignore[index]  # the rating-0..1 text
    assert "second sources" not in result.actions[1].text["en"]  # type: ignore[index]  # not the rating-3 text
    assert "lock their makers" in result.actions[1].text["en"]  # type: ignore[index]  # the rating-2 text


def test_the_pack_file_validates_on_the_command_line(registry: PluginRegistry) -> None:
    outcome = CliRunner().invoke(cli, ["checklists", "validate", "--lang", "en", str(pack.CHECKLIST_FILE)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.strip().endswith(": ok")


def test_conditional_items_may_be_not_triggered(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    assert sorted(item.id for item in added_items(composed, base) if item.conditional) == [
        "8.2.2-H02",
        "8.5.1-H01",
    ]
    # Not triggered: out of the scores, never a finding, shown with its kind and justification.
    answers = answers_for(
        composed, {"8.2.2-H02": None}, default=3, not_applicable={"8.2.2-H02": "产品不在能效标识目录内"}
    )
    item = qa.score(composed, answers).item("8.2.2-H02")
    assert (item.status, item.na_kind, item.score) == ("not-applicable", "not-triggered", None)


def test_the_bundled_samples_on_this_pack_score_as_their_raw_answers_say() -> None:
    assert_bundled_samples_score_as_written(pack, pack.CHECKLIST_ID)
