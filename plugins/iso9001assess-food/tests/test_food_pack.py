"""The food pack: installed through its entry point, composed on iso9001-2015, scored as written."""

from __future__ import annotations

from collections.abc import Iterator

import iso9001assess_food as pack
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

ADDED_SECTIONS = {"8.5.GMP": "8.5", "8.5.1.HACCP": "8.5.1", "8.5.2.TRC": "8.5.2"}
ADDED_ITEMS = {
    "5.3-F01": "5.3",
    "7.1.4-F01": "7.1.4",
    "8.4.2-F01": "8.4.2",
    "8.5.GMP-06": "8.5.GMP",
    "8.6-F01": "8.6",
}
REMOVED = ["8.5.1-06", "8.5.2-03"]


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(pack) as isolated:
        yield isolated


@pytest.fixture
def composed(registry: PluginRegistry) -> Checklist:
    return qa.load_checklist(pack.CHECKLIST_ID)


def test_the_installed_entry_point_registers_the_checklist() -> None:
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["food"]
        assert (info.distribution, info.version, info.failures) == ("iso9001assess-food", "2.0.0", [])
        assert registry.checklists.get("food-gd").id == "food-gd"
        assert info.registered == {"checklist": ["food-gd"]}


def test_composition_adds_modifies_and_removes(registry: PluginRegistry, composed: Checklist) -> None:
    assert_no_failures(registry)
    base = qa.load_checklist("iso9001-2015")
    parents = {child.id: section.id for section, _ in composed.walk_sections() for child in section.sections}
    for section_id, parent in ADDED_SECTIONS.items():
        assert parents[section_id] == parent
    holders = {item.id: section.id for item, section in composed.iter_items()}
    for item_id, section_id in ADDED_ITEMS.items():
        assert holders[item_id] == section_id
    assert len(added_items(composed, base)) == 17
    assert len(composed.items_by_id) == len(base.items_by_id) + 17 - len(REMOVED)
    for item_id in REMOVED:
        assert item_id in base.items_by_id and item_id not in composed.items_by_id
    storage = composed.items_by_id["8.5.4-02"]
    assert (storage.weight, storage.critical) == (3, True)
    assert composed.items_by_id["8.2.2-01"].critical and not base.items_by_id["8.2.2-01"].critical
    assert not composed.items_by_id["7.1.5.2-01"].excludable
    critical_added = sorted(i.id for i in added_items(composed, base) if i.critical)
    assert critical_added == [
        "5.3-F01",
        "8.5.1.HACCP-02",
        "8.5.1.HACCP-03",
        "8.5.2.TRC-02",
        "8.5.GMP-01",
        "8.5.GMP-05",
        "8.6-F01",
    ]


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
        assert "food" in item.tags


def test_scoring_hazard_control_gaps(composed: Checklist) -> None:
    # Everything effective except a CCP limit not validated (1, critical) and pest control not assessed.
    answers = answers_for(composed, {"8.5.1.HACCP-02": 1, "8.5.GMP-03": None}, default=4, has_lab=False)
    result = qa.score(composed, answers)
    # HACCP: weights 3, 3, 3, 2 with scores 1, 0.25, 1, 1.  GMP: weights 3, 3, 2, 3, 2 with 1, 1, 1, 1, 1 (GMP-03,
    # w2, not assessed, is in neither sum).
    assert result.section("8.5.1.HACCP").score == pytest.approx(100 * 8.75 / 11)
    assert result.section("8.5.GMP").score == 100.0
    assert result.lab.score is None
    assert [(f.item_id, f.grade) for f in result.findings] == [("8.5.1.HACCP-02", "major")]
    assert [(a.item_id, a.impact) for a in result.actions] == [("8.5.1.HACCP-02", 4.5)]
    assert "热穿透" in result.actions[0].text["zh"]  # type: ignore[index]
    assert result.item("8.5.GMP-03").status == "unanswered"


def test_the_pack_file_validates_on_the_command_line(registry: PluginRegistry) -> None:
    outcome = CliRunner().invoke(cli, ["checklists", "validate", "--lang", "en", str(pack.CHECKLIST_FILE)])
    assert outcome.exit_code == 0, outcome.output


def test_conditional_items_may_be_not_triggered(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    assert sorted(item.id for item in added_items(composed, base) if item.conditional) == []


def test_the_bundled_samples_on_this_pack_score_as_their_raw_answers_say() -> None:
    assert_bundled_samples_score_as_written(pack, pack.CHECKLIST_ID)
