"""The checklists known to this process: registered by plugins, parsed once, composed on demand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compose import CompositionError, compose
from .errors import InvalidInputError, NotFoundError, Problem
from .models.checklist import Checklist, Overlay

if TYPE_CHECKING:
    from .plugin_manager import PluginInfo, PluginRegistry


@dataclass
class CatalogEntry:
    definition: Checklist | Overlay
    source: str
    plugin: PluginInfo


class ChecklistCatalog:
    def __init__(self, registry: PluginRegistry) -> None:
        self._registry = registry
        self._pending: list[tuple[Any, PluginInfo]] = []
        self._entries: dict[str, CatalogEntry] = {}
        self._composed: dict[str, Checklist] = {}

    def add_source(self, path_or_checklist: Any, plugin: PluginInfo) -> None:
        if not isinstance(path_or_checklist, (str, Path, Checklist, Overlay)):
            raise TypeError(
                f"register() takes a file path, a Checklist or an Overlay, got {type(path_or_checklist).__name__}"
            )
        self._pending.append((path_or_checklist, plugin))

    def _load_pending(self) -> None:
        from .loading.checklists import read_checklist_file

        while self._pending:
            source, plugin = self._pending.pop(0)
            if isinstance(source, (Checklist, Overlay)):
                definition, label = source, f"<{type(source).__name__} {source.id}>"
            else:
                try:
                    definition = read_checklist_file(source)
                except InvalidInputError as exc:
                    self._registry.fail(plugin, f"registered an invalid checklist: {exc}")
                    continue
                label = str(source)
            existing = self._entries.get(definition.id)
            if existing is not None:
                self._registry.fail(
                    plugin,
                    f"checklist {definition.id!r} is already registered by {existing.plugin.label}; ignored",
                )
                continue
            self._entries[definition.id] = CatalogEntry(definition, label, plugin)
            plugin.registered.setdefault("checklist", []).append(definition.id)

    def entries(self) -> dict[str, CatalogEntry]:
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
        entry = self._entries.get(checklist_id)
        if entry is None:
            raise NotFoundError("checklist", checklist_id, list(self._entries))
        if checklist_id in chain:
            raise InvalidInputError.single(
                entry.source, f"overlays extend each other in a cycle: {' -> '.join(chain)}"
            )
        definition = entry.definition
        if isinstance(definition, Overlay):
            base = self._compose(definition.extends, (*chain, checklist_id))
            try:
                definition = compose(definition, base)
            except CompositionError as exc:
                raise InvalidInputError(_locate(entry.source, exc)) from None
        self._composed[checklist_id] = definition
        return definition


def _locate(source: str, error: CompositionError) -> list[Problem]:
    """Composition problems located in the overlay file, when the overlay came from one."""
    from .loading.documents import read_document

    if Path(source).is_file():
        document = read_document(source)
        return [document.problem(list(at), message) for at, message in error.issues]
    return [Problem(source, message) for _, message in error.issues]
