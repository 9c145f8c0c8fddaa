"""Which kind of "not applicable" an item admits: the one rule the loader checks and the engine applies."""

from __future__ import annotations

from .answers import DeclaredNotApplicable
from .checklist import Item


def declared_kind(item: Item, requested: DeclaredNotApplicable | None) -> DeclaredNotApplicable | None:
    """The kind an ``na: true`` answer (or a section declared not applicable) gives ``item``; None when the
    item admits none, or not the kind requested.

    Without ``na_kind``, a conditional item is "not triggered" (its subject does not exist, the narrower
    statement) and an excludable one "excluded" (ISO 9001 4.3); an item that is both takes ``na_kind`` to be
    declared an exclusion.
    """
    if requested == "excluded":
        return "excluded" if item.excludable else None
    if requested == "not-triggered":
        return "not-triggered" if item.conditional else None
    if item.conditional:
        return "not-triggered"
    if item.excludable:
        return "excluded"
    return None


def kind_problem(item: Item, requested: DeclaredNotApplicable | None) -> str:
    """Why ``item`` cannot be declared not applicable (of the kind requested)."""
    if requested == "excluded":
        return f"item {item.id!r} is not excludable, so it cannot be excluded (ISO 9001 4.3)"
    if requested == "not-triggered":
        return f"item {item.id!r} is not conditional, so it cannot be not triggered"
    return f"item {item.id!r} is neither excludable nor conditional, so it cannot be not applicable"
