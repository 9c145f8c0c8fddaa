"""The exporter interface: what an exporter is given and what it must provide (files are written by ``files``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..models.result import Result
    from ..models.tracking import PlanState


@dataclass(frozen=True)
class ExportOptions:
    """What a user may ask of any exporter; ``extra`` carries options of a particular exporter."""

    lang: str = "zh"
    baseline: Result | None = None
    font: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Exporter(Protocol):
    """Writes one result to a binary stream. ``suffixes`` are the file endings it is chosen by (".pdf")."""

    suffixes: tuple[str, ...]

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None: ...


def plan_state_option(options: ExportOptions) -> PlanState | None:
    """``extra["plan_state"]``: the plan's state in the programme store, for a follow-up's report."""
    from ..models.tracking import PlanState

    state = options.extra.get("plan_state")
    return state if isinstance(state, PlanState) else None
