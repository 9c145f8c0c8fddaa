"""The automotive parts pack: installed through its entry point, composed on iso9001-2015, scored as written."""

from __future__ import annotations

from collections.abc import Iterator

import iso9001assess_automotive as pack
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
    "4.3-A01": "4.3",
    "4.4.1-A01": "4.4.1",
    "6.1.2-A01": "6.1.2",
    "7.1.5.3-A01": "7.1.5.3",
    "8.5.1-A03": "8.5.1",
    "8.5.1-A04": "8.5.1",
    "8.3.APQP-01": "8.3.APQP",
    "8.5.1-A01": "8.5.1",
    "8.5.1-A02": "8.5.1",
    "7.1.5.1-A01": "7.1.5.1",
    "7.1.5.2-A01": "7.1.5.2",
    "9.1.1-A01": "9.1.1",
    "8.4.2-A01": "8.4.2",
    "9.2.2-A01": "9.2.2",
    "10.2.1-A01": "10.2.1",
}
REMOVED = ["7.1.5.2-06"]


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(pack) as isolated:
        yield isolated


@pytest.fixture
def composed(registry: PluginRegistry) -> Checklist:
    return qa.load_checklist(pack.CHECKLIST_ID)


def test_the_installed_entry_point_registers_the_checklist() -> None:
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["automotive"]
        assert (info.distribution, info.version, info.failures) == ("iso9001assess-automotive", "2.0.0", [])
        assert registry.checklists.get("auto-parts-gd").id == "auto-parts-gd"
        assert info.registered == {"checklist": ["auto-parts-gd"]}


def test_composition_adds_modifies_and_removes(registry: PluginRegistry, composed: Checklist) -> None:
    assert_no_failures(registry)
    base = qa.load_checklist("iso9001-2015")
    holders = {item.id: section.id for item, section in composed.iter_items()}
    for item_id, section_id in ADDED_ITEMS.items():
        assert holders[item_id] == section_id
    assert len(added_items(composed, base)) == 17
    assert len(composed.items_by_id) == len(base.items_by_id) + 17 - len(REMOVED)
    assert "8.2.2-02" in composed.items_by_id  # the organization meets its claims: ISO 9001 keeps it
    for item_id in REMOVED:
        assert item_id in base.items_by_id and item_id not in composed.items_by_id
    for item_id in ("7.1.5.2-01", "7.1.5.2-02", "7.1.5.2-03", "7.1.5.2-04"):
        assert base.items_by_id[item_id].excludable and not composed.items_by_id[item_id].excludable
    assert composed.items_by_id["8.5.6-01"].critical
    assert composed.items_by_id["8.5.1-07"].weight == 3


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
        assert not item.excludable and "automotive" in item.tags


def test_calibration_cannot_be_declared_not_applicable(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    reason = {"7.1.5.2-01": "no traceable measurement needed"}
    qa.score(base, answers_for(base, default=3, not_applicable=reason))  # allowed by the base
    with pytest.raises(qa.InvalidInputError, match=r"7\.1\.5\.2-01"):
        qa.score(composed, answers_for(composed, default=3, not_applicable=reason))


def test_process_design_counts_when_product_design_is_excluded(composed: Checklist) -> None:
    product_design = {
        i.id: "build to print" for i, s in composed.iter_items() if s.id.startswith("8.3.") and i.excludable
    }
    ratings = {"8.3.APQP-03": 2, "8.5.1-A01": 1}
    result = qa.score(composed, answers_for(composed, ratings, default=4, not_applicable=product_design))
    # Only the three APQP items remain in 8.3: weights 3, 3, 3 with scores 1, 1, 0.5.
    assert result.section("8.3").score == pytest.approx(100 * 7.5 / 9)
    assert result.section("8.3").not_applicable == len(product_design) == 12
    grades = {f.item_id: f.grade for f in result.findings}
    assert grades == {"8.3.APQP-03": "observation", "8.5.1-A01": "major"}
    assert result.overall.readiness == "not-ready"
    assert "控制计划" in result.actions[0].text["zh"]  # type: ignore[index]


def test_the_pack_file_validates_on_the_command_line(registry: PluginRegistry) -> None:
    outcome = CliRunner().invoke(cli, ["checklists", "validate", "--lang", "en", str(pack.CHECKLIST_FILE)])
    assert outcome.exit_code == 0, outcome.output


def test_conditional_items_may_be_not_triggered(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    assert sorted(item.id for item in added_items(composed, base) if item.conditional) == [
        "4.4.1-A01",
        "7.1.5.3-A01",
        "8.5.1-A03",
    ]
    # Not triggered: out of the scores, never a finding, shown with its kind and justification.
    answers = answers_for(
        composed, {"8.5.1-A03": None}, default=3, not_applicable={"8.5.1-A03": "顾客未要求样件控制计划"}
    )
    item = qa.score(composed, answers).item("8.5.1-A03")
    assert (item.status, item.na_kind, item.score) == ("not-applicable", "not-triggered", None)


def test_the_bundled_samples_on_this_pack_score_as_their_raw_answers_say() -> None:
    assert_bundled_samples_score_as_written(pack, pack.CHECKLIST_ID)
