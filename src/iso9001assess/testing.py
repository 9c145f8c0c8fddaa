"""Helpers for testing plugins (and code that uses plugins) with pytest or any other runner.

    from iso9001assess.testing import plugin_registry

    def test_my_pack_registers_its_checklist():
        with plugin_registry(my_pack) as registry:           # built-ins + my_pack, nothing else
            assert registry.plugins["my_pack"].failures == []
            checklist = registry.checklists.get("my-pack")

Inside the ``with`` block the registry is the process-wide one, so ``iso9001assess.load_checklist``,
``score``, ``export`` and the command line all see exactly these plugins; the previous registry comes back
when the block ends, even when the test fails. See docs/plugins.md, "Testing a plugin".
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .models.answers import Answer, Answers, Assessment, Enterprise
from .models.checklist import Checklist, Item
from .plugin_manager import PluginInfo, PluginRegistry, build_registry, inline_info, swap_registry

__all__ = [
    "added_items",
    "answers_for",
    "assert_bundled_samples_score_as_written",
    "assert_no_failures",
    "plugin_registry",
    "registered_plugin",
]


@contextlib.contextmanager
def plugin_registry(
    *plugins: object,
    installed: bool = False,
    builtins: bool = True,
    disabled: Iterable[str] = (),
    names: Mapping[int, str] | None = None,
) -> Iterator[PluginRegistry]:
    """An isolated plugin registry, made the process-wide one for the duration of the ``with`` block.

    ``plugins`` are plugin objects: modules, classes or instances with ``@hookimpl`` functions; each is named
    after its ``__name__`` (or class name) unless ``names`` maps its position to a name. ``installed`` also
    loads the installed distributions' entry points and the ISO9001ASSESS_PLUGINS / _DISABLE_PLUGINS
    environment variables; by default they are ignored, so the test sees only what it asks for.
    ``builtins=False`` leaves out the built-in checklists, strategies and exporters. ``disabled`` blocks
    plugins by plugin, entry point or distribution name.
    """
    chosen = names or {}
    extra = [(plugin, _info(plugin, chosen.get(index))) for index, plugin in enumerate(plugins)]
    registry = build_registry(
        entry_points_enabled=installed,
        environment=installed,
        builtins=builtins,
        extra_plugins=extra,
        disabled=disabled,
    )
    previous = swap_registry(registry)
    try:
        yield registry
    finally:
        swap_registry(previous)


@contextlib.contextmanager
def registered_plugin(plugin: object, name: str | None = None) -> Iterator[PluginRegistry]:
    """Everything installed in this environment plus one inline plugin, unregistered when the block ends."""
    with plugin_registry(plugin, installed=True, names={0: name} if name else None) as registry:
        yield registry


def _info(plugin: object, name: str | None) -> PluginInfo:
    return inline_info(plugin, name)


def added_items(composed: Checklist, base: Checklist) -> list[Item]:
    """The items an overlay added to its base, in checklist order: what a pack's content tests look at."""
    return [item for item in composed.items_by_id.values() if item.id not in base.items_by_id]


def assert_no_failures(registry: PluginRegistry) -> None:
    """Fail with every plugin failure listed (registered checklists are parsed and composed first)."""
    failures = registry.failures()
    if failures:
        listing = "\n".join(f"{info.label}: {message}" for info, message in failures)
        raise AssertionError(f"{len(failures)} plugin failure(s):\n{listing}")


def answers_for(
    checklist: Checklist,
    ratings: Mapping[str, int | None] | None = None,
    *,
    default: int | None = None,
    not_applicable: Mapping[str, str] | None = None,
    **enterprise: Any,
) -> Answers:
    """Answers to ``checklist`` built in code: ``ratings`` by item id, ``default`` for every other item
    (None leaves it unanswered; laboratory items are left out when ``has_lab=False``), ``not_applicable``
    maps item ids to their justification, and keyword arguments set enterprise fields (``name`` defaults to
    "Test Co.", e.g. ``has_lab=False``)."""
    given = dict(ratings or {})
    excluded = dict(not_applicable or {})
    unknown = sorted((set(given) | set(excluded)) - set(checklist.items_by_id))
    if unknown:
        raise KeyError(f"no such item in {checklist.id!r}: {', '.join(unknown)}")
    has_lab = enterprise.get("has_lab", True)
    entries: dict[str, int | Answer | None] = {}
    for item_id, item in checklist.items_by_id.items():
        if item_id in excluded:
            entries[item_id] = Answer(na=True, justification=excluded[item_id])
            continue
        rating = given.get(item_id, None if item.is_lab and not has_lab else default)
        if rating is not None:
            entries[item_id] = rating
    return Answers(
        schema_version=1,
        checklist=checklist.id,
        enterprise=Enterprise(**{"name": "Test Co.", **enterprise}),
        assessment=Assessment(kind="self"),
        answers=entries,
    )


def assert_bundled_samples_score_as_written(plugin: object, checklist_id: str) -> None:
    """Every bundled sample file that names ``checklist_id`` loads, composes and scores with ``plugin``
    registered; each rated item scores rating / 4, each not-applicable answer is a not-triggered or excluded
    item, and every item the pack adds outside the laboratory section is answered."""
    import yaml

    from . import api
    from .bundled import bundled_dir

    with plugin_registry(plugin):
        marker = f"checklist: {checklist_id}"
        samples = [p for p in bundled_dir("samples").glob("*.yaml") if marker in p.read_text("utf-8")]
        assert samples, f"no bundled sample names {checklist_id}"
        composed, base = api.load_checklist(checklist_id), api.load_checklist("iso9001-2015")
        added = {item.id for item in added_items(composed, base)}
        for path in samples:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            result = api.score(composed, api.load_answers(path))
            assert result.checklist.id == checklist_id and result.overall.score is not None
            items = {item.id: item for item in result.items}
            for item_id, entry in raw["answers"].items():
                rating = entry if isinstance(entry, int) else entry.get("rating")
                if rating is not None:
                    assert items[item_id].score == rating / 4, (path.name, item_id)
                elif entry.get("na"):
                    assert items[item_id].na_kind in ("not-triggered", "excluded"), (path.name, item_id)
            assert added <= set(raw["answers"]) | {i for i in added if i.startswith("LAB")}, path.name
