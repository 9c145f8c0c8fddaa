"""Overlay composition: add, modify, remove, chains of overlays, and the errors of an overlay that does not fit."""

from __future__ import annotations

from typing import Any

import pytest

from fixture_paths import FIXTURE_PLUGIN, MINI_CHECKLIST, OVERLAYS
from iso9001assess import InvalidInputError, load_checklist, score
from iso9001assess.catalog import ChecklistCatalog
from iso9001assess.compose import CompositionError, compose
from iso9001assess.loading import read_checklist_file
from iso9001assess.models import Answers, Checklist, Overlay
from iso9001assess.plugin_manager import PluginInfo, PluginRegistry, PluginWarning, add_local_plugins

REGISTERED = OVERLAYS / "registered"


@pytest.fixture(scope="module")
def mini() -> Checklist:
    definition = read_checklist_file(MINI_CHECKLIST)
    assert isinstance(definition, Checklist)
    return definition


def overlay(**fields: Any) -> Overlay:
    return Overlay.model_validate(
        {"schema_version": 1, "id": "ov", "version": "1", "title": "ov", "extends": "mini", **fields}
    )


def tree(checklist: Checklist) -> dict[str, list[str]]:
    """Section id -> its own item ids and child section ids, in order."""
    return {
        s.id: [i.id for i in s.items] + [f"[{c.id}]" for c in s.sections]
        for s, _ in checklist.walk_sections()
    }


def registered(name: str) -> Checklist:
    add_local_plugins([str(FIXTURE_PLUGIN)])
    return load_checklist(name)


# -- add, modify, remove --------------------------------------------------------------------------------------
def test_add_puts_items_and_sections_under_an_existing_section(mini: Checklist) -> None:
    composed = compose(
        overlay(
            add=[
                {"under": "4.3", "items": [{"id": "4.3-02", "text": "new"}]},
                {
                    "under": "8",
                    "sections": [{"id": "8.5", "title": "t", "items": [{"id": "8.5-01", "text": "x"}]}],
                },
                {"under": "4.3", "items": [{"id": "4.3-03", "text": "newer"}]},
            ]
        ),
        mini,
    )
    assert tree(composed) == {
        "4": ["[4.1]", "[4.3]"],
        "4.1": ["4.1-01", "4.1-02"],
        "4.3": ["4.3-01", "4.3-02", "4.3-03"],  # after the base's items, in the overlay's order
        "8": ["[8.3]", "[8.5]"],
        "8.3": ["8.3-01", "8.3-02"],
        "8.5": ["8.5-01"],
        "LAB": ["[LAB.1]"],
        "LAB.1": ["LAB.1-01", "LAB.1-02"],
    }
    assert composed.id == "ov" and composed.version == "1"


def test_modify_changes_only_the_fields_it_names(mini: Checklist) -> None:
    composed = compose(
        overlay(
            modify={
                "4.1-02": {"weight": 3, "critical": True},
                "8.3-01": {"excludable": False, "tags": ["design"]},
                "4.3-01": {"recommendations": [{"max_rating": 2, "priority": "low", "text": "x"}]},
            }
        ),
        mini,
    )
    base, new = mini.items_by_id, composed.items_by_id
    assert (new["4.1-02"].weight, new["4.1-02"].critical) == (3, True)
    assert new["4.1-02"].text == base["4.1-02"].text  # not named: kept
    assert (new["8.3-01"].excludable, new["8.3-01"].tags, new["8.3-01"].weight) == (False, ("design",), 3)
    (recommendation,) = new["4.3-01"].recommendations
    assert (recommendation.max_rating, recommendation.priority) == (2, "low")
    assert new["4.3-01"].critical is True  # kept from the base
    assert new["4.1-01"] == base["4.1-01"]  # untouched items are the base's


def test_modify_can_set_a_field_back_to_false(mini: Checklist) -> None:
    composed = compose(overlay(modify={"4.3-01": {"critical": False}, "8.3-02": {"scored": True}}), mini)
    assert composed.items_by_id["4.3-01"].critical is False
    assert composed.items_by_id["8.3-02"].scored is True


def test_remove_takes_items_and_whole_sections(mini: Checklist) -> None:
    composed = compose(overlay(remove=["8.3-02", "LAB", "4.3"]), mini)
    assert tree(composed) == {
        "4": ["[4.1]"],
        "4.1": ["4.1-01", "4.1-02"],
        "8": ["[8.3]"],
        "8.3": ["8.3-01"],
    }


def test_scale_and_tables_are_inherited_unless_set(mini: Checklist) -> None:
    plain = compose(overlay(), mini)
    assert (plain.scale, plain.grading, plain.maturity, plain.standard) == (
        mini.scale,
        mini.grading,
        mini.maturity,
        mini.standard,
    )
    binary = registered("mini-binary")
    assert [level.value for level in binary.scale] == [0, 1]
    assert (binary.grading.nonconformity_at_most, binary.grading.observation_at_most) == (0, 0)
    assert binary.maturity == mini.maturity


def test_min_completeness_and_conditional_are_inherited_or_set(mini: Checklist) -> None:
    assert compose(overlay(), mini).min_completeness == mini.min_completeness == 0.9  # the default
    stricter = compose(overlay(min_completeness=1), mini)
    assert stricter.min_completeness == 1
    conditional = compose(overlay(modify={"4.1-01": {"conditional": True}}), mini)
    assert conditional.items_by_id["4.1-01"].conditional and not mini.items_by_id["4.1-01"].conditional


def test_a_composed_checklist_is_an_ordinary_checklist_with_unique_ids(mini: Checklist) -> None:
    composed = registered("mini-electronics")
    assert isinstance(composed, Checklist)
    ids = [s.id for s, _ in composed.walk_sections()] + [i.id for i, _ in composed.iter_items()]
    assert len(ids) == len(set(ids))
    assert composed.sha256 != mini.sha256


# -- chains ---------------------------------------------------------------------------------------------------
def test_a_chain_of_overlays_applies_each_in_turn() -> None:
    composed = registered("mini-electronics-gz")  # mini <- mini-electronics <- mini-electronics-gz
    assert (composed.id, composed.version) == ("mini-electronics-gz", "2.1")
    assert tree(composed) == {
        "4": ["[4.1]", "[4.3]"],
        "4.1": ["4.1-01", "4.1-02", "4.1-03"],  # added by gz
        "4.3": ["4.3-01", "4.3-02"],  # added by electronics
        "8": ["[8.3]", "[8.5]"],
        "8.3": ["8.3-01"],  # 8.3-02 removed by electronics
        "8.5": ["8.5-01"],
    }  # LAB removed by gz
    items = composed.items_by_id
    assert (items["4.1-02"].weight, items["4.1-02"].critical) == (3, True)  # electronics' change survives
    assert items["8.5-01"].weight == 4  # gz modifies an item its base overlay added
    assert items["8.5-01"].text == {"zh": "是否控制静电防护（ESD）？", "en": "Is ESD controlled?"}
    assert composed.maturity.thresholds == (50, 75)  # gz's own table
    assert composed.grading == registered("mini").grading  # inherited through the chain


def test_a_chain_scores_end_to_end() -> None:
    composed = registered("mini-electronics-gz")
    answers = Answers.model_validate(
        {
            "schema_version": 1,
            "checklist": "mini-electronics-gz@2.1",
            "enterprise": {"name": "GZ Electronics"},
            "answers": {
                "4.1-01": 4,
                "4.1-02": 2,
                "4.1-03": 4,
                "4.3-01": 4,
                "4.3-02": 4,
                "8.3-01": 0,
                "8.5-01": 3,
            },
        }
    )
    result = score(composed, answers)
    # weights 2, 3, 1, 1, 1, 3, 4 = 15; weighted scores 2·1 + 3·0.5 + 1 + 1 + 1 + 3·0 + 4·0.75 = 9.5
    assert result.overall.score == pytest.approx(100 * 9.5 / 15)  # 63.33…, kept at full precision
    assert result.overall.maturity_level == 2  # thresholds 50 and 75: reaches 50 only
    assert result.lab.score is None  # the lab section was removed
    assert result.checklist.id == "mini-electronics-gz" and result.checklist.sha256 == composed.sha256


def test_a_cycle_of_overlays_is_an_error() -> None:
    registry = PluginRegistry()
    catalog = ChecklistCatalog(on_failure=registry.fail)
    info = PluginInfo("cycles", "test", "0")
    for path in sorted((OVERLAYS / "cycle").glob("*.yaml")):
        catalog.add_source(path, info)
    with (
        pytest.warns(PluginWarning, match="is invalid and left out"),
        pytest.raises(InvalidInputError) as caught,
    ):
        catalog.get("cycle-a")
    assert "overlays extend each other: cycle-a -> cycle-b -> cycle-a" in str(caught.value)


# -- errors ---------------------------------------------------------------------------------------------------
def issues(mini: Checklist, **fields: Any) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(CompositionError) as caught:
        compose(overlay(**fields), mini)
    return [(at, str(message)) for at, message in caught.value.issues]  # the English words


def test_unknown_ids_are_errors_located_in_the_overlay(mini: Checklist) -> None:
    found = issues(
        mini,
        modify={"4.1-09": {"weight": 2}},
        remove=["8.3-02", "9.9"],
        add=[{"under": "8.5.1", "items": [{"id": "8.5.1-01", "text": "x"}]}],
    )
    assert found == [
        (("remove", 1), "item or section '9.9' does not exist in the base checklist 'mini'"),
        (
            ("modify", "4.1-09"),
            "item '4.1-09' does not exist in the base checklist 'mini'; did you mean '4.1-02'?",
        ),
        (("add", 0, "under"), "section '8.5.1' does not exist in the base checklist 'mini'"),
    ]


def test_modify_names_items_only(mini: Checklist) -> None:
    ((at, message),) = issues(mini, modify={"4.1": {"weight": 2}})
    assert at == ("modify", "4.1")
    assert message.startswith("item '4.1' does not exist")


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [
        (  # an added item that repeats a base item
            {"add": [{"under": "4.3", "items": [{"id": "4.1-01", "text": "again"}]}]},
            ("add", 0, "items", 0, "id"),
            "duplicate id '4.1-01'",
        ),
        (  # an added section that repeats a base section
            {"add": [{"under": "8", "sections": [{"id": "8.3", "title": "again"}]}]},
            ("add", 0, "sections", 0, "id"),
            "duplicate id '8.3'",
        ),
        (  # two additions that repeat each other
            {
                "add": [
                    {"under": "4.1", "items": [{"id": "X-01", "text": "a"}]},
                    {"under": "8.3", "items": [{"id": "X-01", "text": "b"}]},
                ]
            },
            ("add", 1, "items", 0, "id"),
            "duplicate id 'X-01'",
        ),
    ],
)
def test_duplicate_ids_are_errors(
    mini: Checklist, fields: dict[str, Any], path: tuple[Any, ...], message: str
) -> None:
    assert issues(mini, **fields) == [(path, message)]


def test_a_removed_item_cannot_be_modified_nor_a_removed_section_added_to(mini: Checklist) -> None:
    found = issues(
        mini,
        remove=["8.3-02", "LAB"],
        modify={"8.3-02": {"weight": 2}},
        add=[{"under": "LAB.1", "items": []}],
    )
    assert found == [
        (("modify", "8.3-02"), "item '8.3-02' is both modified and removed"),
        (("add", 0, "under"), "section 'LAB.1' is removed by this overlay"),
    ]


def test_an_overlay_scale_must_fit_the_recommendations_it_keeps(mini: Checklist) -> None:
    found = issues(mini, scale=[{"value": 0, "label": "no"}, {"value": 1, "label": "yes"}])
    assert [message for _, message in found] == [
        "max_rating 2 is above the scale's maximum 1",  # 4.1-01's second recommendation
    ]


def test_an_overlay_file_whose_base_is_not_registered_is_not_found() -> None:
    from iso9001assess import NotFoundError

    with pytest.raises(NotFoundError):
        load_checklist(OVERLAYS / "cycle" / "cycle-a.yaml")
