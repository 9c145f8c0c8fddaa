"""The checklists known to this process: registered by plugins, parsed and composed once, on first use.

A registered checklist that cannot be used (a file that does not parse or validate, an overlay that does not
fit its base, a base that is missing or invalid, a duplicate id) is named with its plugin and distribution in
a warning and in ``iso9001assess plugins``; it is left out, and every other checklist stays available.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compose import CompositionError, compose
from .errors import InvalidInputError, NotFoundError, Problem
from .i18n import Text, said
from .models.checklist import Checklist, Overlay

if TYPE_CHECKING:
    from .plugin_manager import PluginInfo

Source = Path | Checklist | Overlay


def checked_source(path_or_checklist: Any) -> Source:
    """What ``register`` of the ``register_checklists`` hook accepts, or a TypeError/ValueError saying why not."""
    if isinstance(path_or_checklist, (Checklist, Overlay)):
        return path_or_checklist
    if isinstance(path_or_checklist, (str, os.PathLike)):
        path = Path(path_or_checklist)
        if not path.is_absolute():
            raise ValueError(
                f"register() takes an absolute path, got {str(path)!r}; build it from the plugin's module, "
                "e.g. Path(__file__).parent / 'checklist.yaml'"
            )
        return path
    raise TypeError(
        f"register() takes a file path, a Checklist or an Overlay, got {type(path_or_checklist).__name__}"
    )


@dataclass
class CatalogEntry:
    definition: Checklist | Overlay
    source: str
    plugin: PluginInfo


class ChecklistCatalog:
    """The registered checklists, composed on demand. A problem with one is the failure of the plugin that
    registered it, reported through ``on_failure`` (the registry's), so the catalogue never holds the registry."""

    def __init__(self, on_failure: Callable[[PluginInfo, str | Text], None]) -> None:
        self._on_failure = on_failure
        self._pending: list[tuple[Source, PluginInfo]] = []
        self._entries: dict[str, CatalogEntry] = {}
        self._composed: dict[str, Checklist] = {}
        self._broken: dict[str, tuple[CatalogEntry, InvalidInputError]] = {}

    def add_source(self, path_or_checklist: Any, plugin: PluginInfo) -> None:
        self._pending.append((checked_source(path_or_checklist), plugin))

    def _load_pending(self) -> None:
        from .loading.checklists import read_checklist_file

        added: list[str] = []
        while self._pending:
            source, plugin = self._pending.pop(0)
            if isinstance(source, (Checklist, Overlay)):
                definition, label = source, f"<{type(source).__name__} {source.id}>"
            else:
                try:
                    definition = read_checklist_file(source)
                except InvalidInputError as exc:
                    invalid = said(
                        "errors.plugin.checklist_unreadable", source=source, problems=_indented(exc)
                    )
                    self._on_failure(plugin, invalid)
                    continue
                label = str(source)
            existing = self._entries.get(definition.id) or self._broken.get(definition.id, (None,))[0]
            if existing is not None:
                taken = said(
                    "errors.plugin.checklist_taken",
                    id=repr(definition.id),
                    source=label,
                    owner=existing.plugin.label,
                )
                self._on_failure(plugin, taken)
                continue
            self._entries[definition.id] = CatalogEntry(definition, label, plugin)
            added.append(definition.id)
        # Compose overlays now, so one that does not fit its base is reported before anyone asks for it.
        for checklist_id in added:
            if checklist_id in self._entries:
                with contextlib.suppress(InvalidInputError, NotFoundError):  # recorded as broken
                    self._compose(checklist_id, ())
            entry = self._entries.get(checklist_id)
            if entry is not None:
                entry.plugin.registered.setdefault("checklist", []).append(checklist_id)

    def entries(self) -> dict[str, CatalogEntry]:
        """The usable checklists by id (broken ones are left out; see the plugins' failures)."""
        self._load_pending()
        return dict(self._entries)

    def ids(self) -> list[str]:
        return sorted(self.entries())

    def get(self, checklist_id: str) -> Checklist:
        """The composed checklist registered under ``checklist_id``."""
        self._load_pending()
        return self._compose(checklist_id, ())

    def _compose(self, checklist_id: str, chain: tuple[str, ...]) -> Checklist:
        if checklist_id in self._composed:
            return self._composed[checklist_id]
        if checklist_id in self._broken:
            raise self._broken[checklist_id][1]
        entry = self._entries.get(checklist_id)
        if entry is None:
            raise NotFoundError("checklist", checklist_id, list(self._entries))
        if checklist_id in chain:
            cycle = " -> ".join((*chain[chain.index(checklist_id) :], checklist_id))
            raise self._mark_broken(
                checklist_id,
                InvalidInputError.single(entry.source, said("errors.plugin.overlay_cycle", cycle=cycle)),
            )
        definition = entry.definition
        if isinstance(definition, Overlay):
            try:
                base = self._compose(definition.extends, (*chain, checklist_id))
            except NotFoundError:
                message = said("errors.plugin.overlay_no_base", base=repr(definition.extends))
                raise self._mark_broken(
                    checklist_id, InvalidInputError.single(entry.source, message)
                ) from None
            except InvalidInputError:
                if checklist_id in self._broken:  # part of a cycle, already reported
                    raise
                message = said("errors.plugin.overlay_bad_base", base=repr(definition.extends))
                raise self._mark_broken(
                    checklist_id, InvalidInputError.single(entry.source, message)
                ) from None
            try:
                definition = compose(definition, base)
            except CompositionError as exc:
                raise self._mark_broken(
                    checklist_id, InvalidInputError(located_composition_problems(entry.source, exc))
                ) from None
        self._composed[checklist_id] = definition
        return definition

    def _mark_broken(self, checklist_id: str, error: InvalidInputError) -> InvalidInputError:
        entry = self._entries.pop(checklist_id, None)
        if entry is not None:
            self._broken[checklist_id] = (entry, error)
            invalid = said(
                "errors.plugin.checklist_invalid",
                id=repr(checklist_id),
                source=entry.source,
                problems=_indented(error),
            )
            self._on_failure(entry.plugin, invalid)
        return error


def _indented(error: InvalidInputError) -> str:
    # The checklist file's problems, for its plugin's author: in English, as the plugin's own words are.
    return "\n".join(f"    {problem}" for problem in error.problems)


def located_composition_problems(source: str, error: CompositionError) -> list[Problem]:
    """Composition problems located in the overlay file, when the overlay came from one."""
    from .loading.documents import read_document

    if Path(source).is_file():
        document = read_document(source)
        return [document.problem(list(at), message) for at, message in error.issues]
    return [Problem.said(source, message) for _, message in error.issues]
