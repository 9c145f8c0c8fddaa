"""Checklist files: the tree of sections and items, the rating scale, and overlays that build on a base."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, StrictStr

from .base import WHOLE_NUMBER, FrozenModel, Identifier, LocalizedText, NodeId, SchemaVersion

Priority = Literal["high", "medium", "low"]
# Each member carries the bounds: on the union they would be lost from the JSON Schema ("gt" is no keyword).
Weight = Annotated[StrictInt, Field(gt=0, le=1000)] | Annotated[StrictFloat, Field(gt=0, le=1000)]
Fraction = Annotated[StrictInt, Field(ge=0, le=1)] | Annotated[StrictFloat, Field(ge=0, le=1)]
Percent = Annotated[StrictInt, Field(ge=0, le=100)] | Annotated[StrictFloat, Field(ge=0, le=100)]
Tag = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)]

LAB_TAG = "lab"


class ScaleLevel(FrozenModel):
    value: Annotated[StrictInt, Field(ge=0, le=100), WHOLE_NUMBER]
    label: LocalizedText
    description: LocalizedText | None = None


class Recommendation(FrozenModel):
    """An improvement action, chosen when the rating reached is at most ``max_rating``."""

    max_rating: Annotated[StrictInt, Field(ge=0), WHOLE_NUMBER]
    priority: Priority = "medium"
    timeframe_days: Annotated[StrictInt, Field(gt=0, le=3650), WHOLE_NUMBER] | None = None
    text: LocalizedText
    # What an assessor looks at in the follow-up to accept the action as done (plan tracking).
    verification: LocalizedText | None = None


class Item(FrozenModel):
    id: NodeId
    text: LocalizedText
    guidance: LocalizedText | None = None
    evidence: tuple[LocalizedText, ...] = ()
    weight: Weight = 1
    critical: StrictBool = False
    # Why a failure here is a major nonconformity (ISO/IEC 17021-1 3.12), shown to assessors and enterprises.
    critical_reason: LocalizedText | None = None
    excludable: StrictBool = False
    # What a justified exclusion must show, where excluding the item is legitimate only in narrow cases.
    exclusion_condition: LocalizedText | None = None
    # A requirement that applies only when its subject exists (special processes, customer property, ...):
    # it may be answered "not triggered" (不涉及), which is shown apart from an exclusion under 4.3.
    conditional: StrictBool = False
    scored: StrictBool = True
    tags: tuple[Tag, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()

    @property
    def is_lab(self) -> bool:
        return LAB_TAG in self.tags


class Section(FrozenModel):
    id: NodeId
    title: LocalizedText
    description: LocalizedText | None = None
    items: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()


class Grading(FrozenModel):
    """The findings table, as fractions of the maximum rating: rating <= fraction x max gives the grade."""

    nonconformity_at_most: Fraction = 0.25
    observation_at_most: Fraction = 0.5


class Maturity(FrozenModel):
    """Level = 1 + how many thresholds the overall score reaches."""

    thresholds: tuple[Percent, ...] = (20, 40, 60, 80)


DEFAULT_MIN_COMPLETENESS = 0.9


class Checklist(FrozenModel):
    schema_version: SchemaVersion
    id: Identifier
    version: StrictStr
    title: LocalizedText
    description: LocalizedText | None = None
    standard: StrictStr | None = None
    scale: tuple[ScaleLevel, ...]
    grading: Grading = Grading()
    maturity: Maturity = Maturity()
    # Below this share of applicable items answered, readiness and the lab verdict are "incomplete".
    min_completeness: Fraction = DEFAULT_MIN_COMPLETENESS
    sections: tuple[Section, ...]

    @cached_property
    def max_rating(self) -> int:
        return max(level.value for level in self.scale)

    def walk_sections(self) -> Iterator[tuple[Section, int]]:
        """Every section in document order, with its depth (0 for top level)."""
        stack: list[tuple[Section, int]] = [(s, 0) for s in reversed(self.sections)]
        while stack:
            section, depth = stack.pop()
            yield section, depth
            stack.extend((child, depth + 1) for child in reversed(section.sections))

    def iter_items(self) -> Iterator[tuple[Item, Section]]:
        """Every item in document order, with the section that holds it."""
        for section, _ in self.walk_sections():
            for item in section.items:
                yield item, section

    @cached_property
    def items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item, _ in self.iter_items()}

    @cached_property
    def lab_item_ids(self) -> frozenset[str]:
        """The ids of the items tagged lab (looked up for every answer of every file)."""
        return frozenset(item.id for item, _ in self.iter_items() if item.is_lab)

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the canonical JSON form of the composed checklist: what a result was scored against."""
        import hashlib
        import json

        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ItemPatch(FrozenModel):
    """The fields of an item an overlay may change; fields left out keep the base's value."""

    text: LocalizedText | None = None
    guidance: LocalizedText | None = None
    evidence: tuple[LocalizedText, ...] | None = None
    weight: Weight | None = None
    critical: StrictBool | None = None
    critical_reason: LocalizedText | None = None
    excludable: StrictBool | None = None
    exclusion_condition: LocalizedText | None = None
    conditional: StrictBool | None = None
    scored: StrictBool | None = None
    tags: tuple[Tag, ...] | None = None
    recommendations: tuple[Recommendation, ...] | None = None


class Addition(FrozenModel):
    under: NodeId
    items: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()


class Overlay(FrozenModel):
    """An industry pack: a checklist built on a base checklist named by id."""

    schema_version: SchemaVersion
    id: Identifier
    version: StrictStr
    title: LocalizedText
    description: LocalizedText | None = None
    standard: StrictStr | None = None
    extends: Identifier
    scale: tuple[ScaleLevel, ...] | None = None
    grading: Grading | None = None
    maturity: Maturity | None = None
    min_completeness: Fraction | None = None
    add: tuple[Addition, ...] = ()
    modify: dict[NodeId, ItemPatch] = Field(default_factory=dict)
    remove: tuple[NodeId, ...] = ()
