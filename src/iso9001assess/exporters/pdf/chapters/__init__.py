"""The chapters of the diagnostic report, one module each, and the list that orders them.

A chapter is a name and a function ``build(report) -> list[Flowable]`` (``report`` is the
``DiagnosticReport``); it returns nothing when it has nothing to say (no baseline, no progress chapter).
A plugin adds a chapter or replaces one by name through the ``register_report_chapters`` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

if TYPE_CHECKING:
    from ..report import DiagnosticReport

ChapterBuilder = Callable[["DiagnosticReport"], list[Flowable]]


@dataclass(frozen=True)
class Chapter:
    name: str
    build: ChapterBuilder
    # Where a new chapter goes: after the chapter of this name (None: before the appendix).
    after: str | None = None


def default_chapters() -> tuple[Chapter, ...]:
    from . import appendix, cover, findings, laboratory, overview, plan, progress, summary

    return (
        Chapter("cover", cover.build),
        Chapter("summary", summary.build),
        Chapter("overview", overview.build),
        Chapter("findings", findings.build),
        Chapter("laboratory", laboratory.build),
        Chapter("plan", plan.build),
        Chapter("progress", progress.build),
        Chapter("appendix", appendix.build),
    )


def ordered(base: Sequence[Chapter], changes: Iterable[Chapter]) -> list[Chapter]:
    """``base`` with each change applied in turn: a chapter of an existing name replaces it in place; a new
    one goes after the chapter it names, or before the appendix (at the end when there is none)."""
    chapters = list(base)
    for change in changes:
        names = [c.name for c in chapters]
        if change.name in names:
            chapters[names.index(change.name)] = change
        elif change.after in names:
            chapters.insert(names.index(change.after) + 1, change)
        elif "appendix" in names:
            chapters.insert(names.index("appendix"), change)
        else:
            chapters.append(change)
    return chapters


def report_chapters() -> list[Chapter]:
    """The built-in chapters with the plugins' additions and replacements (``register_report_chapters``)."""
    from ....i18n import said
    from ....plugin_manager import get_registry, guarded

    added = [
        Chapter(
            name,
            guarded(registered, said("errors.plugin.part.chapter", name=repr(name)), registered.value.build),
            getattr(registered.value, "after", None),
        )
        for name, registered in get_registry().chapters.items()
    ]
    return ordered(default_chapters(), added)
