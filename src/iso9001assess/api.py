"""The public functions: load a checklist and answers, score them, export the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InvalidInputError, NotFoundError
from .exporters.base import Exporter, ExportOptions
from .files import atomic_write
from .loading import answers as answers_loading
from .loading.checklists import read_checklist_file
from .models.answers import Answers
from .models.checklist import Checklist, Overlay
from .models.result import Result
from .plugin_manager import get_registry
from .scoring.engine import ScoringStrategy

DEFAULT_STRATEGY = "weighted"


def load_checklist(id_or_path: str | Path) -> Checklist:
    """A registered checklist by id, or a checklist/overlay file by path (an overlay's base is looked up by id)."""
    registry = get_registry()
    text = str(id_or_path)
    is_path = isinstance(id_or_path, Path) or text.endswith((".yaml", ".yml", ".json")) or "/" in text
    if not is_path:
        return registry.checklists.get(text)
    definition = read_checklist_file(id_or_path)
    if isinstance(definition, Overlay):
        from .catalog import located_composition_problems
        from .compose import CompositionError, compose

        try:
            return compose(definition, registry.checklists.get(definition.extends))
        except CompositionError as exc:
            raise InvalidInputError(located_composition_problems(text, exc)) from None
    return definition


def load_answers(path: str | Path, checklist: Checklist | None = None) -> Answers:
    """An answer file (YAML, JSON or .xlsx), checked against ``checklist`` or the registered one it names."""
    resolve = None if checklist is not None else get_registry().checklists.get
    return answers_loading.load_answers(path, checklist, resolve)


def get_strategy(name: str = DEFAULT_STRATEGY) -> ScoringStrategy:
    strategies = get_registry().strategies
    if name not in strategies:
        raise NotFoundError("scoring strategy", name, list(strategies))
    strategy: ScoringStrategy = strategies[name].value
    return strategy


def score(
    checklist: Checklist, answers: Answers, strategy: str | ScoringStrategy = DEFAULT_STRATEGY
) -> Result:
    """Score ``answers`` against ``checklist``; the result is immutable and records how it was obtained."""
    chosen = get_strategy(strategy) if isinstance(strategy, str) else strategy
    return chosen.score(checklist, answers)


def get_exporter(name: str) -> Exporter:
    exporters = get_registry().exporters
    if name not in exporters:
        raise NotFoundError("export format", name, list(exporters))
    exporter: Exporter = exporters[name].value
    return exporter


def exporter_for_path(path: str | Path) -> str:
    """The registered format whose exporter claims the file's suffix."""
    suffix = Path(path).suffix.lower()
    for name, registered in get_registry().exporters.items():
        if suffix in getattr(registered.value, "suffixes", ()):
            return name
    raise NotFoundError("export format for suffix", suffix or "(none)", list(get_registry().exporters))


def export(
    result: Result,
    path: str | Path,
    *,
    format: str | None = None,
    lang: str = "zh",
    baseline: Result | None = None,
    font: str | Path | None = None,
    **extra: Any,
) -> Path:
    """Write ``result`` to ``path``, whole or not at all; the format comes from ``format`` or the suffix."""
    name = format or exporter_for_path(path)
    exporter = get_exporter(name)
    options = ExportOptions(lang=lang, baseline=baseline, font=Path(font) if font else None, extra=extra)
    with atomic_write(path) as out:
        exporter.export(result, out, options)
    return Path(path)
