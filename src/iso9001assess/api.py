"""The public functions: load a checklist and answers, score them, export the result."""

from __future__ import annotations

import datetime as dt
import io
import logging
from concurrent.futures import Executor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import InvalidInputError, Iso9001AssessError, NotFoundError
from .exporters.base import Exporter, ExportOptions
from .files import atomic_write
from .i18n import said
from .loading import answers as answers_loading
from .loading.checklists import read_checklist_file
from .models.answers import Answers
from .models.checklist import Checklist, Overlay
from .models.result import Result
from .plugin_manager import Registered, get_registry, running
from .scoring.engine import ScoringStrategy

if TYPE_CHECKING:
    from .models.programme import Programme
    from .models.progress import ProgressFigures
    from .programme.benchmark import BenchmarkRule
    from .programme.portfolio import Portfolio, PortfolioOptions
    from .store import Store

DEFAULT_STRATEGY = "weighted"
logger = logging.getLogger(__name__)


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


def _registered_strategy(name: str) -> Registered:
    strategies = get_registry().strategies
    if name not in strategies:
        raise NotFoundError("strategy", name, list(strategies))
    return strategies[name]


def get_strategy(name: str = DEFAULT_STRATEGY) -> ScoringStrategy:
    """The registered scoring strategy ``name`` (bundled or a plugin's); NotFoundError names those there are."""
    strategy: ScoringStrategy = _registered_strategy(name).value
    return strategy


def score(
    checklist: Checklist, answers: Answers, strategy: str | ScoringStrategy = DEFAULT_STRATEGY
) -> Result:
    """Score ``answers`` against ``checklist``; the result is immutable and records how it was obtained.

    A registered strategy of a plugin that fails raises ``PluginError`` naming the plugin and the strategy."""
    if not isinstance(strategy, str):
        return strategy.score(checklist, answers)
    registered = _registered_strategy(strategy)
    chosen: ScoringStrategy = registered.value
    with running(registered, said("errors.plugin.part.strategy", name=repr(strategy))):
        return chosen.score(checklist, answers)


def _registered_exporter(name: str) -> Registered:
    exporters = get_registry().exporters
    if name not in exporters:
        raise NotFoundError("exporter", name, list(exporters))
    return exporters[name]


def get_exporter(name: str) -> Exporter:
    """The registered exporter of format ``name`` (bundled or a plugin's); NotFoundError names those there are.
    ``export`` and ``export_bytes`` call it for you, naming the plugin when its exporter fails."""
    exporter: Exporter = _registered_exporter(name).value
    return exporter


def exporter_for_path(path: str | Path) -> str:
    """The registered format whose exporter claims the file's suffix."""
    suffix = Path(path).suffix.lower()
    file_name = Path(path).name.lower()
    # The longest ending claimed wins: x.plan.xlsx is the tracker, x.xlsx the result workbook.
    claims = [
        (len(ending), name)
        for name, registered in get_registry().exporters.items()
        for ending in getattr(registered.value, "suffixes", ())
        if file_name.endswith(ending) and len(file_name) > len(ending)
    ]
    if claims:
        return max(claims, key=lambda claim: claim[0])[1]
    raise NotFoundError("exporter_suffix", suffix or "(none)", list(get_registry().exporters))


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
    """Write ``result`` to ``path``, whole or not at all; the format comes from ``format`` or the suffix.

    A plugin's exporter that fails raises ``PluginError`` naming the plugin and the exporter; nothing is
    written."""
    name = format or exporter_for_path(path)
    options = ExportOptions(lang=lang, baseline=baseline, font=Path(font) if font else None, extra=extra)
    with atomic_write(path) as out:
        _export_to(result, out, name, options)
    logger.info(said("log.wrote", path=path, format=name, lang=lang))
    return Path(path)


def export_bytes(
    result: Result,
    format: str,
    *,
    lang: str = "zh",
    baseline: Result | None = None,
    font: str | Path | None = None,
    **extra: Any,
) -> bytes:
    """The document ``export`` would write in ``format`` (``"pdf"``, ``"json"``...), as bytes: for a web
    application's response or a database column, with no file. The same bytes as the file ``export`` writes.

    A plugin's exporter that fails raises ``PluginError`` naming the plugin and the exporter."""
    options = ExportOptions(lang=lang, baseline=baseline, font=Path(font) if font else None, extra=extra)
    buffer = io.BytesIO()
    _export_to(result, buffer, format, options)
    return buffer.getvalue()


def _export_to(result: Result, out: IO[bytes], name: str, options: ExportOptions) -> None:
    registered = _registered_exporter(name)
    exporter: Exporter = registered.value
    with running(registered, said("errors.plugin.part.exporter", name=repr(name))):
        exporter.export(result, out, options)


def _checklist_of(ref_id: str, sha256: str) -> Checklist | None:
    """The registered checklist a result names, when it is the very one it was scored against."""
    try:
        checklist = load_checklist(ref_id)
    except Iso9001AssessError:
        return None
    return checklist if checklist.sha256 == sha256 else None


def compact_result(result: Result, checklist: Checklist | None = None) -> dict[str, Any]:
    """The compact form of ``result``: ids, numbers, grades and the enterprise's own words, without the texts
    its checklist holds (found by id when not given; without it, the texts stay). What ``score --json`` prints."""
    from .scoring.compact import compact

    if checklist is None:
        checklist = _checklist_of(result.checklist.id, result.checklist.sha256)
    return compact(result, checklist)


def expand_result(
    data: dict[str, Any], checklist: Checklist | None = None, source: str = "<result>"
) -> Result:
    """The full result from its compact form: the checklist's texts (the registered checklist the result names,
    or ``checklist``) and the strategy's description re-attached."""
    from .scoring.compact import expand

    reference = data.get("checklist") or {}
    if checklist is None:
        checklist = _checklist_of(str(reference.get("id")), str(reference.get("sha256")))
    if checklist is None or checklist.sha256 != reference.get("sha256"):
        raise InvalidInputError.single(
            source,
            said(
                "errors.run.checklist_missing", checklist=reference.get("id"), sha256=reference.get("sha256")
            ),
        )
    try:
        return expand(data, checklist, get_strategy(str(data.get("strategy"))).describe())
    except (ValueError, KeyError) as exc:
        raise InvalidInputError.single(source, said("errors.run.not_compact", detail=str(exc))) from None


def portfolio(
    sources: Any,
    *,
    rule: BenchmarkRule | None = None,
    options: PortfolioOptions | None = None,
    jobs: int | None = None,
    executor: Executor | None = None,
    strategy: str = DEFAULT_STRATEGY,
    checklist: str | Path | None = None,
) -> Portfolio:
    """The portfolio of ``sources``: answer files, JSON result files, directories of them, ``Result`` or
    ``EnterpriseSummary`` objects (one, or an iterable). Raises InvalidInputError naming every bad file."""
    from .programme.portfolio import PortfolioOptions, build_portfolio
    from .programme.sources import gather_summaries

    gathered = gather_summaries(
        sources, jobs=jobs, executor=executor, strategy=strategy, checklist=checklist, progress=False
    )
    if gathered.failures:
        raise InvalidInputError(problem for failure in gathered.failures for problem in failure.problems)
    if rule is not None:
        options = (options or PortfolioOptions()).model_copy(update={"rule": rule})
    return build_portfolio(gathered.summaries, options, gathered.titles)


def load_programme(name: str | Path) -> Programme:
    """A programme file by path, or a bundled programme by id (``gd-2022-qms``), validated (every problem
    raised at once as ``InvalidInputError`` with file:line:column). Its clusters' industries are checked
    against the industry codes of the package and of the plugins (the registry is built first)."""
    from .loading.programme import load_programme as load

    get_registry()
    return load(name)


def progress(
    programme: Programme | str | Path,
    *,
    db: Store | str | Path | None = None,
    as_of: dt.date | None = None,
    city: str | None = None,
) -> ProgressFigures:
    """The figures of the staged progress report as of ``as_of`` (default today): of the whole programme, or
    of one ``city``, from the programme store ``db`` (a ``Store``, a URL or path; default ``$ISO9001ASSESS_DB``
    or ``programme.db``)."""
    from .models.programme import Programme
    from .staged.report import figures_from_store
    from .store import Store

    if not isinstance(programme, Programme):
        programme = load_programme(programme)
    if isinstance(db, Store):
        return figures_from_store(db, programme, as_of, city)
    with Store(db, create=False) as store:
        return figures_from_store(store, programme, as_of, city)
