"""The electronics pack: installed through its entry point, composed on iso9001-2015, scored as written."""

from __future__ import annotations

from collections.abc import Iterator

import iso9001assess_electronics as pack
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

ADDED_SECTIONS = {"8.5.ESD": "8.5", "8.5.MSD": "8.5", "8.5.SMT": "8.5", "8.5.RoHS": "8.5"}
ADDED_ITEMS = {"8.5.2-E01": "8.5.2", "8.4.2-E01": "8.4.2", "8.6-E01": "8.6", "8.6-E02": "8.6"}


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(pack) as isolated:
        yield isolated


@pytest.fixture
def composed(registry: PluginRegistry) -> Checklist:
    return qa.load_checklist(pack.CHECKLIST_ID)


def test_the_installed_entry_point_registers_the_checklist() -> None:
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["electronics"]
        assert (info.distribution, info.version, info.failures) == ("iso9001assess-electronics", "2.0.0", [])
        assert info.hooks == ["register_checklists"]
        assert registry.checklists.get("electronics-gd").id == "electronics-gd"
        assert info.registered == {"checklist": ["electronics-gd"]}


def test_composition_adds_modifies_and_removes(registry: PluginRegistry, composed: Checklist) -> None:
    assert_no_failures(registry)
    base = qa.load_checklist("iso9001-2015")
    parents = {child.id: section.id for section, _ in composed.walk_sections() for child in section.sections}
    for section_id, parent in ADDED_SECTIONS.items():
        assert parents[section_id] == parent
    holders = {item.id: section.id for item, section in composed.iter_items()}
    for item_id, section_id in ADDED_ITEMS.items():
        assert holders[item_id] == section_id
    added = added_items(composed, base)
    assert len(added) == 21
    # Nothing of ISO 9001 is removed: 8.5.4 (preservation) is kept whole, with electronics guidance.
    assert len(composed.items_by_id) == len(base.items_by_id) + 21
    assert "8.5.MSD" in composed.items_by_id["8.5.4-01"].guidance["en"]  # type: ignore[index]
    assert sorted(i.id for i in added if i.critical) == ["8.5.ESD-02", "8.5.RoHS-02", "8.5.SMT-03"]
    assert (base.items_by_id["7.1.4-01"].weight, composed.items_by_id["7.1.4-01"].weight) == (2, 3)
    assert base.items_by_id["7.1.5.2-01"].excludable and not composed.items_by_id["7.1.5.2-01"].excludable
    assert "回流焊" in composed.items_by_id["8.5.1-06"].guidance["zh"]  # type: ignore[index]
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
        assert "electronics" in item.tags


def test_scoring_a_failed_critical_pack_item(composed: Checklist) -> None:
    # Everything effective (4) except personnel grounding (critical, weight 3) at 0 and printing at 2.
    answers = answers_for(composed, {"8.5.ESD-02": 0, "8.5.SMT-02": 2}, default=4)
    result = qa.score(composed, answers)
    # ESD: weights 3, 3, 2, 2 with scores 1, 0, 1, 1 -> 100 x 7 / 10.  SMT: weights 2, 3, 3, 3, 2.
    assert result.section("8.5.ESD").score == 70.0
    assert result.section("8.5.SMT").score == pytest.approx(100 * (2 + 1.5 + 3 + 3 + 2) / 13, abs=0.01)
    assert [(f.item_id, f.grade) for f in result.findings] == [
        ("8.5.ESD-02", "major"),
        ("8.5.SMT-02", "observation"),
    ]
    assert result.overall.readiness == "not-ready"
    first = result.actions[0]
    assert (first.item_id, first.priority, first.impact) == ("8.5.ESD-02", "high", 6.0)
    assert "人体综合测试仪" in first.text["zh"]  # type: ignore[index]  # the rating-0..1 recommendation
    second = result.actions[1]
    assert (second.item_id, second.priority, second.impact) == ("8.5.SMT-02", "medium", 1.5)
    assert "SPI的SPC" in second.text["zh"]  # type: ignore[index]  # the rating-2 recommendation


def test_the_pack_file_validates_on_the_command_line(registry: PluginRegistry) -> None:
    outcome = CliRunner().invoke(cli, ["checklists", "validate", "--lang", "en", str(pack.CHECKLIST_FILE)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.strip().endswith(": ok")


def test_conditional_items_may_be_not_triggered(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    assert sorted(item.id for item in added_items(composed, base) if item.conditional) == []


def test_the_bundled_samples_on_this_pack_score_as_their_raw_answers_say() -> None:
    assert_bundled_samples_score_as_written(pack, pack.CHECKLIST_ID)
