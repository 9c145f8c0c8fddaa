"""The medical devices pack: installed through its entry point, composed on iso9001-2015, scored as written."""

from __future__ import annotations

from collections.abc import Iterator

import iso9001assess_medical_devices as pack
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
    "5.3-M01": "5.3",
    "7.5.1-M01": "7.5.1",
    "8.1-M01": "8.1",
    "8.5.1-M01": "8.5.1",
    "8.5.1-M02": "8.5.1",
    "8.5.1-M03": "8.5.1",
    "8.5.2-M01": "8.5.2",
    "8.5.2-M02": "8.5.2",
    "9.1.2-M01": "9.1.2",
}
CRITICAL = ["8.1-M01", "8.5.1-M01", "8.5.1-M03", "8.5.2-M01", "9.1.2-M01"]


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(pack) as isolated:
        yield isolated


@pytest.fixture
def composed(registry: PluginRegistry) -> Checklist:
    return qa.load_checklist(pack.CHECKLIST_ID)


def test_the_installed_entry_point_registers_the_checklist() -> None:
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["medical-devices"]
        assert (info.distribution, info.version, info.failures) == (
            "iso9001assess-medical-devices",
            "1.0.0",
            [],
        )
        assert registry.checklists.get("medical-devices-gd").id == "medical-devices-gd"
        assert info.registered == {"checklist": ["medical-devices-gd"]}


def test_composition_adds_and_modifies_and_removes_nothing(
    registry: PluginRegistry, composed: Checklist
) -> None:
    assert_no_failures(registry)
    base = qa.load_checklist("iso9001-2015")
    holders = {item.id: section.id for item, section in composed.iter_items()}
    assert {item_id: holders[item_id] for item_id in ADDED_ITEMS} == ADDED_ITEMS
    added = added_items(composed, base)
    assert len(added) == len(ADDED_ITEMS)
    assert len(composed.items_by_id) == len(base.items_by_id) + len(ADDED_ITEMS)
    assert sorted(item.id for item in added if item.critical) == CRITICAL
    assert not composed.items_by_id["7.1.5.2-01"].excludable
    assert "YY/T 0287" in composed.items_by_id["8.5.1-06"].guidance["zh"]  # type: ignore[index]


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
        assert not item.excludable and "medical-devices" in item.tags


def test_scoring_an_unreported_adverse_event_and_a_stale_risk_file(composed: Checklist) -> None:
    # Everything effective (4) except adverse event reporting (critical) at 1 and risk management at 2.
    answers = answers_for(composed, {"9.1.2-M01": 1, "8.1-M01": 2}, default=4)
    result = qa.score(composed, answers)
    grades = {f.item_id: f.grade for f in result.findings}
    assert grades == {"8.1-M01": "observation", "9.1.2-M01": "major"}
    assert result.overall.readiness == "not-ready"
    # Impacts: 3 x 0.75 x 2 = 4.5 and 3 x 0.5 x 2 = 3.0 (both critical; an observation still doubles).
    assert [(a.item_id, a.impact) for a in result.actions] == [("9.1.2-M01", 4.5), ("8.1-M01", 3.0)]
    assert "不良事件监测信息系统" in result.actions[0].text["zh"]  # type: ignore[index]


def test_the_pack_file_validates_on_the_command_line(registry: PluginRegistry) -> None:
    outcome = CliRunner().invoke(cli, ["checklists", "validate", "--lang", "en", str(pack.CHECKLIST_FILE)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.strip().endswith(": ok")


def test_conditional_items_may_be_not_triggered(composed: Checklist) -> None:
    base = qa.load_checklist("iso9001-2015")
    assert sorted(item.id for item in added_items(composed, base) if item.conditional) == [
        "8.5.1-M02",
        "8.5.1-M03",
        "8.5.2-M01",
        "8.5.2-M02",
    ]
    # Not triggered: out of the scores, never a finding, shown with its kind and justification.
    answers = answers_for(
        composed, {"8.5.1-M03": None}, default=3, not_applicable={"8.5.1-M03": "产品以非无菌状态提供"}
    )
    item = qa.score(composed, answers).item("8.5.1-M03")
    assert (item.status, item.na_kind, item.score) == ("not-applicable", "not-triggered", None)


def test_the_bundled_samples_on_this_pack_score_as_their_raw_answers_say() -> None:
    assert_bundled_samples_score_as_written(pack, pack.CHECKLIST_ID)
