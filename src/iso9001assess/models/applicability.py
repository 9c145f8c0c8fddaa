"""Which kind of "not applicable" an item admits: the one rule the loader checks and the engine applies."""

from __future__ import annotations

from ..i18n.text import Text, said
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


def kind_problem(item: Item, requested: DeclaredNotApplicable | None) -> Text:
    """Why ``item`` cannot be declared not applicable (of the kind requested)."""
    if requested == "excluded":
        return said("errors.answers.not_excludable", item=item.id)
    if requested == "not-triggered":
        return said("errors.answers.not_conditional", item=item.id)
    return said("errors.answers.cannot_be_not_applicable", item=item.id)
