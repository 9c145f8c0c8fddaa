"""Summaries from whatever the user has: answer files, JSON result files, Result objects, summaries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from .. import api
from ..i18n import message
from ..models.base import LocalizedText
from ..models.result import Result
from .inputs import checklist_reference, collect_inputs
from .runner import TaskSettings, run_files
from .summary import EnterpriseSummary, clause_titles, summarize
from .worker import BatchOutcome

Source = str | Path | Result | EnterpriseSummary


@dataclass
class Gathered:
    """Summaries in the order of the sources, the bad sources, and the clause titles (one copy)."""

    summaries: list[EnterpriseSummary] = field(default_factory=list)
    failures: list[BatchOutcome] = field(default_factory=list)
    titles: dict[str, LocalizedText] = field(default_factory=dict)


def gather_summaries(
    sources: Source | Iterable[Source],
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    strategy: str = api.DEFAULT_STRATEGY,
    checklist: str | Path | None = None,
    progress: bool | None = False,
    on_failure: Callable[[BatchOutcome], None] | None = None,
    lang: str = "zh",
) -> Gathered:
    """The summaries of every good source, in the order given, and the outcome of every bad one.

    Files are scored (in parallel, as in a batch) but nothing is written; ``lang`` is the progress bar's.
    """
    if isinstance(sources, (str, Path, Result, EnterpriseSummary)):
        sources = [sources]
    gathered = Gathered()
    summaries: list[tuple[int, EnterpriseSummary]] = []
    paths: list[str | Path] = []
    for source in sources:
        if isinstance(source, EnterpriseSummary):
            summaries.append((len(summaries), source))
        elif isinstance(source, Result):
            summaries.append((len(summaries), summarize(source, source.enterprise.name)))
            gathered.titles.update(clause_titles(source))
        else:
            paths.append(source)
    failures = gathered.failures
    if not paths:
        gathered.summaries = [s for _, s in summaries]
        return gathered
    files, missing = collect_inputs(paths)
    for problem in missing:
        failures.append(BatchOutcome(problem.source, None, problems=(problem,)))
    settings = TaskSettings(strategy=strategy, checklist=checklist_reference(checklist))
    if on_failure is not None:
        for failure in failures:
            on_failure(failure)
    run = run_files(
        files,
        settings,
        jobs=jobs,
        executor=executor,
        progress=progress,
        description=message("cli.bar.scoring", lang),
        on_failure=on_failure,
    )
    offset = len(summaries)
    summaries += [(offset + index, summary) for index, summary in enumerate(run.summaries)]
    gathered.titles.update(run.titles)
    failures.extend(run.failures)
    summaries.sort(key=lambda pair: pair[0])
    gathered.summaries = [s for _, s in summaries]
    return gathered
