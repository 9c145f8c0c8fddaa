"""Meaning checks of a checklist that a schema cannot express, each located by its path in the file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .i18n.text import Text, said
from .models.checklist import Checklist, Grading, Item, Maturity, ScaleLevel, Section

PathKey = str | int
Issue = tuple[tuple[PathKey, ...], Text]


def scale_issues(scale: Sequence[ScaleLevel], at: tuple[PathKey, ...] = ("scale",)) -> Iterator[Issue]:
    values = [level.value for level in scale]
    if len(values) < 2:
        yield at, said("errors.checklist.scale_too_short")
        return
    if sorted(values) != list(range(len(values))):
        yield at, said("errors.checklist.scale_not_contiguous", top=len(values) - 1, values=str(values))


def table_issues(grading: Grading | None, maturity: Maturity | None) -> Iterator[Issue]:
    if grading is not None and grading.observation_at_most < grading.nonconformity_at_most:
        yield ("grading", "observation_at_most"), said("errors.checklist.grading_order")
    if maturity is not None and list(maturity.thresholds) != sorted(maturity.thresholds):
        yield ("maturity", "thresholds"), said("errors.checklist.thresholds_order")


def item_issues(item: Item, at: tuple[PathKey, ...], max_rating: int) -> Iterator[Issue]:
    for index, recommendation in enumerate(item.recommendations):
        if recommendation.max_rating > max_rating:
            yield (
                (*at, "recommendations", index, "max_rating"),
                said("errors.checklist.above_scale", value=recommendation.max_rating, max=max_rating),
            )


def tree_issues(
    sections: Sequence[Section],
    at: tuple[PathKey, ...],
    max_rating: int,
    seen: dict[str, tuple[PathKey, ...]],
) -> Iterator[Issue]:
    """Duplicate ids and out-of-scale recommendations anywhere in a tree of sections."""
    for index, section in enumerate(sections):
        here = (*at, index)
        yield from _id_issue(section.id, here, seen)
        for item_index, item in enumerate(section.items):
            item_at = (*here, "items", item_index)
            yield from _id_issue(item.id, item_at, seen)
            yield from item_issues(item, item_at, max_rating)
        yield from tree_issues(section.sections, (*here, "sections"), max_rating, seen)


def _id_issue(node_id: str, at: tuple[PathKey, ...], seen: dict[str, tuple[PathKey, ...]]) -> Iterator[Issue]:
    if node_id in seen:
        yield (*at, "id"), said("errors.checklist.duplicate_id", id=node_id)
    else:
        seen[node_id] = at


def checklist_issues(checklist: Checklist) -> list[Issue]:
    issues = [*scale_issues(checklist.scale), *table_issues(checklist.grading, checklist.maturity)]
    max_rating = max((level.value for level in checklist.scale), default=0)
    issues.extend(tree_issues(checklist.sections, ("sections",), max_rating, {}))
    return issues
