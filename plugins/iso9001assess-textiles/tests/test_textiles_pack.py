"""The light industry and textiles pack: installed through its entry point, composed on iso9001-2015, scored."""

from __future__ import annotations

from collections.abc import Iterator

import iso9001assess_textiles as pack
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
    "8.2.2-T01": "8.2.2",
    "8.4.2-T01": "8.4.2",
    "8.5.1-T01": "8.5.1",
    "8.5.1-T02": "8.5.1",
    "8.5.2-T01": "8.5.2",
    "8.6-T01": "8.6",
    "8.6-T02": "8.6",
    "LAB.TX-01": "LAB.TX",
    "LAB.TX-02": "LAB.TX",
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
        info = registry.plugins["textiles"]
        assert (info.distribution, info.version, info.failures) == ("iso9001assess-textiles", "1.0.0", [])
        assert registry.checklists.get("textiles-gd").id == "textiles-gd"
        assert info.registered == {"checklist": ["textiles-gd"]}


def test_composition_adds_and_modifies_and_removes_nothing(
    registry: PluginRegistry, composed: Checklist
) -> None:
    assert_no_failures(registry)
    base = qa.load_checklist("iso9001-2015")
    parents = {child.id: section.id for section, _ in composed.walk_sections() for child in section.sections}
    assert parents["LAB.TX"] == "LAB"
    holders = {item.id: section.id for item, section in composed.iter_items()}
    assert {item_id: holders[item_id] for item_id in ADDED_ITEMS} == ADDED_ITEMS
    added = added_items(composed, base)
    assert len(added) == len(ADDED_ITEMS)
    assert len(composed.items_by_id) == len(base.items_by_id) + len(ADDED_ITEMS)
    assert sorted(item.id for item in added if item.critical) == ["8.2.2-T01", "8.6-T01"]
    # The textile tests are laboratory items: they count in the lab index, not in the QMS score.
    assert sorted(item.id for item in added if item.is_lab) == ["LAB.TX-01", "LAB.TX-02"]
    assert not composed.items_by_id["7.1.5.2-01"].excludable


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
        assert not item.excludable and "textiles" in item.tags


def test_scoring_release_without_safety_tests_and_a_weak_colour_fastness_lab(composed: Checklist) -> None:
    # Everything effective (4) except GB 18401 release tests (critical) at 0 and colour fastness at 2.
    answers = answers_for(composed, {"8.6-T01": 0, "LAB.TX-01": 2}, default=4)
    result = qa.score(composed, answers)
    # 8.6 in the base has 8.6-01 (3), 8.6-02 (3), 8.6-03 (2); the pack adds 8.6-T01 (3) and 8.6-T02 (2):
    # 100 x (3 + 3 + 2 + 0 + 2) / 13 = 76.92.
    base_86 = [i for i in qa.load_checklist("iso9001-2015").items_by_id.values() if i.id.startswith("8.6-")]
    total = sum(float(i.weight) for i in base_86) + 3 + 2
    assert result.section("8.6").score == pytest.approx(100 * (total - 3) / total, abs=0.01)
    # LAB.TX: weights 2, 2 with scores 0.5, 1 -> 75.
    assert result.section("LAB.TX").score == pytest.approx(75.0)
    assert result.lab.score is not None and result.lab.score < 100
    grades = {f.item_id: f.grade for f in result.findings}
    assert grades == {"8.6-T01": "major", "LAB.TX-01": "observation"}
    assert result.overall.readiness == "not-ready"
    assert result.actions[0].item_id == "8.6-T01" and result.actions[0].impact == 6.0  # 3 x 1 x 2


def test_the_pack_file_validates_on_the_command_line(registry: PluginRegistry) -> None:
    outcome = CliRunner().invoke(cli, ["checklists", "validate", "--lang", "en", str(pack.CHECKLIST_FILE)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.strip().endswith(": ok")


def test_conditional_items_may_be_not_triggered(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    assert sorted(item.id for item in added_items(composed, base) if item.conditional) == [
        "8.5.1-T02",
        "LAB.TX-02",
    ]
    # Not triggered: out of the scores, never a finding, shown with its kind and justification.
    answers = answers_for(
        composed, {"8.5.1-T02": None}, default=3, not_applicable={"8.5.1-T02": "只做织造和染整，不涉及缝制"}
    )
    item = qa.score(composed, answers).item("8.5.1-T02")
    assert (item.status, item.na_kind, item.score) == ("not-applicable", "not-triggered", None)


def test_the_bundled_samples_on_this_pack_score_as_their_raw_answers_say() -> None:
    assert_bundled_samples_score_as_written(pack, pack.CHECKLIST_ID)
