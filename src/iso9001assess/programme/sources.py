"""Summaries from whatever the user has: answer files, JSON result files, Result objects, summaries."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from .. import api
from ..models.base import LocalizedText
from ..models.result import Result
from .runner import iter_outcomes, progress_bar
from .summary import EnterpriseSummary, clause_titles, summarize
from .worker import BatchOutcome, BatchTask

Source = str | Path | Result | EnterpriseSummary


@dataclass
class Gathered:
    """Summaries in the order of the sources, the bad sources, and the clause titles (one copy)."""

    summaries: list[EnterpriseSummary] = field(default_factory=list)
    failures: list[BatchOutcome] = field(default_factory=list)
    titles: dict[str, LocalizedText] = field(default_factory=dict)


def compact(summary: EnterpriseSummary) -> EnterpriseSummary:
    """The summary with its clause ids shared with every other summary's (thousands are kept at once)."""
    clauses = {sys.intern(clause_id): score for clause_id, score in summary.clauses.items()}
    return summary.model_copy(update={"clauses": clauses})


def gather_summaries(
    sources: Source | Iterable[Source],
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    strategy: str = api.DEFAULT_STRATEGY,
    checklist: str | Path | None = None,
    progress: bool | None = None,
    on_failure: Callable[[BatchOutcome], None] | None = None,
) -> Gathered:
    """The summaries of every good source, in the order given, and the outcome of every bad one.

    Files are scored (in parallel, as in a batch) but nothing is written.
    """
    from ..plugin_manager import local_plugin_specs
    from .batch import collect_inputs

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
    checklist_ref = checklist_reference(checklist)
    run = uuid.uuid4().hex
    tasks = (
        BatchTask(
            path=str(path.resolve()),
            output_dir="",
            formats=(),
            strategy=strategy,
            checklist=checklist_ref,
            lang="en",
            font=None,
            plugins=tuple(local_plugin_specs()),
            run=run,
        )
        for path in files
    )
    offset = len(summaries)
    order = {str(path.resolve()): offset + index for index, path in enumerate(files)}
    shown = {str(path.resolve()): str(path) for path in files}
    bar = progress_bar(len(files), progress, "scoring")
    try:
        for outcome in iter_outcomes(tasks, jobs=jobs, executor=executor):
            if outcome.summary is not None:
                summaries.append((order[outcome.path], compact(outcome.summary)))
                gathered.titles.update(outcome.titles or {})
            else:
                failures.append(renamed(outcome, shown))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    for failure in failures:
        if on_failure:
            on_failure(failure)
    summaries.sort(key=lambda pair: pair[0])
    gathered.summaries = [s for _, s in summaries]
    return gathered


def checklist_reference(checklist: str | Path | None) -> str | None:
    """What a worker is told of ``checklist``: an id as is, a file as an absolute path (checked first)."""
    if checklist is None:
        return None
    api.load_checklist(checklist)
    is_path = isinstance(checklist, Path) or Path(checklist).suffix in (".yaml", ".yml", ".json")
    return str(Path(checklist).resolve()) if is_path else str(checklist)


def renamed(outcome: BatchOutcome, shown: dict[str, str]) -> BatchOutcome:
    """The outcome with its problems naming the file as the user gave it (workers see absolute paths)."""
    from ..errors import Problem

    name = shown.get(outcome.path, outcome.path)

    def rename(problem: Problem) -> Problem:
        if problem.source != outcome.path:
            return problem
        return Problem(name, problem.message, problem.line, problem.column, problem.location)

    return BatchOutcome(name, None, problems=tuple(rename(p) for p in outcome.problems))
