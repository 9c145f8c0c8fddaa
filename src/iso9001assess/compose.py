"""Composition of an overlay (an industry pack) onto its base checklist."""

from __future__ import annotations

from collections.abc import Sequence

from .checks import Issue, PathKey, checklist_issues, scale_issues, table_issues
from .i18n.text import Text, said
from .models.checklist import Checklist, Item, Overlay, Section


class CompositionError(Exception):
    """The overlay does not fit its base; ``issues`` are located by paths in the overlay file."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(str(message) for _, message in self.issues))


def compose(overlay: Overlay, base: Checklist) -> Checklist:
    """The base with the overlay's additions, modifications and removals: an ordinary checklist."""
    issues: list[Issue] = []
    if overlay.scale is not None:
        issues.extend(scale_issues(overlay.scale))
    issues.extend(table_issues(overlay.grading, overlay.maturity))
    known_sections = {section.id for section, _ in base.walk_sections()}
    known_items = set(base.items_by_id)

    removed: set[str] = set()
    for index, node_id in enumerate(overlay.remove):
        if node_id not in known_sections and node_id not in known_items:
            issues.append((("remove", index), _unknown(node_id, base, known_sections | known_items)))
        removed.add(node_id)
    # Removing a section removes its whole subtree: nothing in it may still be modified or added to.
    for section, _ in base.walk_sections():
        if section.id in removed:
            removed.update(node.id for node in _subtree(section))

    for node_id in overlay.modify:
        if node_id not in known_items:
            issues.append((("modify", node_id), _unknown(node_id, base, known_items, kind="item")))
        elif node_id in removed:
            issues.append((("modify", node_id), said("errors.overlay.modified_and_removed", id=node_id)))

    additions: dict[str, list[tuple[int, Sequence[Item], Sequence[Section]]]] = {}
    for index, addition in enumerate(overlay.add):
        if addition.under not in known_sections:
            issues.append(
                (("add", index, "under"), _unknown(addition.under, base, known_sections, "section"))
            )
        elif addition.under in removed:
            issues.append((("add", index, "under"), said("errors.overlay.under_removed", id=addition.under)))
        additions.setdefault(addition.under, []).append((index, addition.items, addition.sections))
    if issues:
        raise CompositionError(issues)

    def rebuild(section: Section) -> Section:
        items = [_patched(item, overlay) for item in section.items if item.id not in removed]
        children = [rebuild(child) for child in section.sections if child.id not in removed]
        for _, new_items, new_sections in additions.get(section.id, []):
            items.extend(new_items)
            children.extend(new_sections)
        return section.model_copy(update={"items": tuple(items), "sections": tuple(children)})

    composed = Checklist(
        schema_version=1,
        id=overlay.id,
        version=overlay.version,
        title=overlay.title,
        description=overlay.description if overlay.description is not None else base.description,
        standard=overlay.standard or base.standard,
        scale=overlay.scale or base.scale,
        grading=overlay.grading or base.grading,
        maturity=overlay.maturity or base.maturity,
        min_completeness=(
            base.min_completeness if overlay.min_completeness is None else overlay.min_completeness
        ),
        sections=tuple(rebuild(section) for section in base.sections if section.id not in removed),
    )
    problems = [_locate_in_overlay(issue, overlay, composed) for issue in checklist_issues(composed)]
    if problems:
        raise CompositionError(problems)
    return composed


def _subtree(section: Section) -> list[Item | Section]:
    """Every section and item below ``section`` (the section itself excluded)."""
    nodes: list[Item | Section] = list(section.items)
    for child in section.sections:
        nodes.append(child)
        nodes.extend(_subtree(child))
    return nodes


def _patched(item: Item, overlay: Overlay) -> Item:
    patch = overlay.modify.get(item.id)
    if patch is None:
        return item
    # The patch's own values (models, not dumped dicts): a copied item must hold Recommendation objects.
    changes = {
        name: getattr(patch, name) for name in patch.model_fields_set if getattr(patch, name) is not None
    }
    return item.model_copy(update=changes)


def _unknown(node_id: str, base: Checklist, known: set[str], kind: str = "node") -> Text:
    """``kind``: ``item``, ``section`` or ``node`` (either)."""
    from difflib import get_close_matches

    close = get_close_matches(node_id, sorted(known), n=1)
    hint = said("errors.hint.did_you_mean", close=close[0]) if close else ""
    return said(f"errors.overlay.unknown_{kind}", id=node_id, base=base.id, hint=hint)


def _locate_in_overlay(issue: Issue, overlay: Overlay, composed: Checklist) -> Issue:
    """A problem of the composed tree, pointed back at the overlay's part that caused it."""
    path, message = issue
    node_id = _id_at(composed, path)
    if node_id is not None:
        # The last addition holding the id: of two additions with the same id, the second is the duplicate.
        for index, addition in reversed(list(enumerate(overlay.add))):
            for item_index, item in enumerate(addition.items):
                if item.id == node_id:
                    return ("add", index, "items", item_index, "id"), message
            for section_index, section in enumerate(addition.sections):
                if section.id == node_id:
                    return ("add", index, "sections", section_index, "id"), message
        if node_id in overlay.modify:
            return ("modify", node_id), message
    return ("extends",), message


def _id_at(checklist: Checklist, path: Sequence[PathKey]) -> str | None:
    node: object = checklist
    for key in path:
        if key == "id":
            break
        node = getattr(node, key) if isinstance(key, str) else node[key]  # type: ignore[index]
        if isinstance(node, Item):
            return node.id
    return getattr(node, "id", None)
