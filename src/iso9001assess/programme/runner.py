"""Running batch tasks on an executor, streaming: a bounded number in flight, outcomes handed on as they come.

``run_files`` is the one loop ``batch`` and ``gather_summaries`` share: tasks built from the files, a
progress bar, outcomes ordered back into input order, failures naming files as the user gave them. Nothing
here keeps an outcome once it has been handed on, so the parent's memory does not grow with the number of
inputs beyond the summaries the caller keeps.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import time
import uuid
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import EnvironmentFailure, MissingDependencyError, Problem
from ..i18n import said
from ..models.base import LocalizedText
from .summary import EnterpriseSummary
from .worker import BatchOutcome, BatchTask, run_task, start_worker


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes are started: forkserver (spawn where it is missing), since a fork of a parent that
    already runs threads (a progress bar's monitor, a Dask client) can deadlock. The server loads the worker's
    code once, and starts every worker with Ctrl-C ignored until the worker's own handler is in place."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["iso9001assess.programme.pool_server"])
    return context


def process_pool(jobs: int) -> ProcessPoolExecutor:
    # The workers collect garbage at this process's pace (the command line's, under a command).
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=pool_context(), initializer=start_worker, initargs=(gc.get_threshold(),)
    )


_POLL_SECONDS = 2.0
DASK_TIMEOUT_ENV = "ISO9001ASSESS_DASK_TIMEOUT"  # how long to wait for the scheduler (a Dask duration)


def dask_executor(address: str) -> tuple[Executor, Any]:
    """An executor on the Dask cluster at ``address`` (``tcp://host:port``), and its client to close."""
    try:
        from distributed import Client
    except ImportError:
        raise MissingDependencyError("distributed", "dask", "dask") from None
    try:
        client = Client(address, timeout=os.environ.get(DASK_TIMEOUT_ENV, "10s"))  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise EnvironmentFailure(said("errors.run.no_scheduler", address=address, reason=str(exc))) from None
    return client.get_executor(pure=False), client  # type: ignore[no-untyped-call]


def _failed(task: BatchTask, exc: BaseException, *, first: bool = False) -> BatchOutcome:
    # run_task turns every failure of the input into problems: what reaches here is the machinery's (a worker
    # process that died, a task the cluster lost after its retries: KilledWorker).
    script = _unguarded_script()
    if first and script is not None and isinstance(exc, BrokenProcessPool):
        # Each worker imports the caller's script (multiprocessing's rule): a script that runs a batch at
        # import time starts a pool from every worker, which multiprocessing refuses, and the pool breaks.
        return BatchOutcome(task.path, None, environment=said("errors.run.pool_not_started", script=script))
    lost = said("errors.run.worker_lost", path=task.path, reason=f"{type(exc).__name__}: {exc}")
    return BatchOutcome(task.path, None, environment=lost)


def _unguarded_script() -> str | None:
    """The script this process runs (``python script.py``), which every worker imports; None for a module run
    with ``-m``, a console command or an interactive session."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return None
    path = getattr(main, "__file__", None)
    return str(path) if path else None


NO_WORKERS_ENV = "ISO9001ASSESS_NO_WORKERS_TIMEOUT"  # seconds a cluster may have no worker at all


def _cluster_workers(executor: Executor) -> int | None:
    """How many workers the Dask cluster behind ``executor`` has (None: not a Dask executor)."""
    client = getattr(executor, "_client", None)
    if client is None or not hasattr(client, "scheduler_info"):
        return None
    try:
        return len(client.scheduler_info().get("workers", {}))
    except Exception:  # the scheduler itself is gone: no worker either
        return 0


def _no_workers_timeout() -> float:
    try:
        return float(os.environ.get(NO_WORKERS_ENV, "60"))
    except ValueError:
        return 60.0


def iter_outcomes(
    tasks: Iterable[BatchTask],
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    max_in_flight: int | None = None,
    salvage: Callable[[BatchOutcome], None] | None = None,
) -> Generator[BatchOutcome, None, None]:
    """Run ``tasks`` and yield their outcomes in the order they finish (close the generator to stop early:
    the pool is shut down, queued tasks cancelled).

    With ``executor`` the work goes there (it is not shut down); else to a process pool of ``jobs``
    processes, or into this process when ``jobs`` is 1. A task interrupted by Ctrl-C raises KeyboardInterrupt
    here; when the run stops early (interrupted, closed), ``salvage`` first receives the outcome of every task
    that completed all or part of its outputs and was not yielded (see :func:`_salvage`).
    """
    if executor is None and (jobs or default_jobs()) == 1:
        for task in tasks:
            outcome = run_task(task)
            if outcome.interrupted:
                if salvage is not None:
                    salvage(outcome)
                raise KeyboardInterrupt
            yield outcome
        return
    workers = jobs or default_jobs()
    window = max_in_flight or (4 * workers if executor is None else 256)
    with contextlib.ExitStack() as stack:
        if executor is None:
            pool = process_pool(workers)
            # On an interruption the pool is left at once, queued work cancelled; finished files stay.
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            executor = pool
        pending: dict[Future[BatchOutcome], BatchTask] = {}
        remaining = iter(tasks)

        def refill() -> None:
            while len(pending) < window:
                task = next(remaining, None)
                if task is None:
                    return
                pending[executor.submit(run_task, task)] = task

        try:
            yield from _outcomes(executor, pending, refill)
        except BaseException:
            if salvage is not None:
                _salvage(executor, pending, salvage)
            raise


def _salvage(
    executor: Executor,
    pending: dict[Future[BatchOutcome], BatchTask],
    salvage: Callable[[BatchOutcome], None],
) -> None:
    """A run stopped early: the tasks not started are cancelled, those running finish (a local pool's workers
    were interrupted too and report at once what they completed; a cluster's are not waited for), and
    ``salvage`` receives each outcome, so the outputs they completed are recorded, not re-rendered."""
    for future in pending:
        future.cancel()
    if isinstance(executor, ProcessPoolExecutor):
        wait(pending)
    for future in pending:
        if future.done() and not future.cancelled() and future.exception() is None:
            salvage(future.result())


def _outcomes(
    executor: Executor, pending: dict[Future[BatchOutcome], BatchTask], refill: Callable[[], None]
) -> Generator[BatchOutcome, None, None]:
    """The outcomes of ``pending`` as they finish, ``refill`` topping it up; an interrupted task stops the run."""
    refill()
    idle_since: float | None = None
    received = False  # an outcome came back: the pool did start
    while pending:
        done, _ = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
        if not done:  # nothing finished: a cluster without workers would wait forever
            if _cluster_workers(executor) == 0:
                idle_since = idle_since if idle_since is not None else time.monotonic()
                if time.monotonic() - idle_since > _no_workers_timeout():
                    task = next(iter(pending.values()))
                    yield BatchOutcome(
                        task.path,
                        None,
                        environment=said(
                            "errors.run.no_workers",
                            seconds=f"{_no_workers_timeout():g}",
                            variable=NO_WORKERS_ENV,
                            count=len(pending),
                        ),
                    )
                    return
            else:
                idle_since = None
            continue
        idle_since = None
        for future in done:
            task = pending[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker process died, or the cluster lost it
                outcome = _failed(task, exc, first=not received)
            received = True
            if outcome.interrupted:  # left pending: salvaged with the others
                raise KeyboardInterrupt
            del pending[future]
            yield outcome
        refill()


def progress_bar(total: int, enabled: bool | None, desc: str) -> Any:
    """A tqdm bar on stderr when asked (``enabled`` None: when stderr is a terminal); None otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a nicety, never a reason to fail
        return None
    return tqdm(total=total, desc=desc, unit="file", file=sys.stderr, dynamic_ncols=True)


@dataclass(frozen=True)
class TaskSettings:
    """What every task of one run is told: where to write what, how to score, in which language."""

    output_dir: str = ""
    formats: tuple[str, ...] = ()
    strategy: str = "weighted"
    checklist: str | None = None
    lang: str = "en"
    font: str | None = None


@dataclass
class Run:
    """The outcome of running many files: summaries in input order, the failures, what was written."""

    summaries: list[EnterpriseSummary] = field(default_factory=list)
    failures: list[BatchOutcome] = field(default_factory=list)
    titles: dict[str, LocalizedText] = field(default_factory=dict)
    written: int = 0
    kept: int = 0


def compact(summary: EnterpriseSummary) -> EnterpriseSummary:
    """The summary with its clause ids shared with every other summary's (thousands are kept at once)."""
    clauses = {sys.intern(clause_id): score for clause_id, score in summary.clauses.items()}
    return summary.model_copy(update={"clauses": clauses})


def renamed(outcome: BatchOutcome, shown: dict[str, str]) -> BatchOutcome:
    """The outcome's failures (problems of the input, failures of plugins) naming the file as the user gave it
    (workers see absolute paths)."""
    name = shown.get(outcome.path, outcome.path)

    def rename(problem: Problem) -> Problem:
        if problem.source != outcome.path:
            return problem
        return replace(problem, source=name)

    return BatchOutcome(
        name,
        None,
        problems=tuple(rename(p) for p in outcome.problems),
        plugin=tuple(rename(p) for p in outcome.plugin),
    )


def run_files(
    files: list[Path],
    settings: TaskSettings,
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    progress: bool | None = None,
    description: str = "",
    on_failure: Callable[[BatchOutcome], None] | None = None,
) -> Run:
    """Score (and, with ``settings.formats``, export) every file on the executor; see the module's doc."""
    from ..plugin_manager import local_plugin_specs

    run_id = uuid.uuid4().hex
    plugins = tuple(local_plugin_specs())
    tasks = (
        BatchTask(
            path=str(path.resolve()),
            output_dir=settings.output_dir,
            formats=settings.formats,
            strategy=settings.strategy,
            checklist=settings.checklist,
            lang=settings.lang,
            font=settings.font,
            plugins=plugins,
            run=run_id,
        )
        for path in files
    )
    shown = {str(path.resolve()): str(path) for path in files}  # problems name files as the user did
    order = {str(path.resolve()): index for index, path in enumerate(files)}
    ranked: list[tuple[int, EnterpriseSummary]] = []
    run = Run()
    bar = progress_bar(len(files), progress, description)
    try:
        for outcome in iter_outcomes(tasks, jobs=jobs, executor=executor):
            if outcome.environment is not None:  # stop at once: the next files would fail the same way
                raise EnvironmentFailure(outcome.environment)
            if outcome.plugin and outcome.summary is None:  # the strategy's plugin failed: every file would
                raise EnvironmentFailure(str(outcome.plugin[0]))
            if outcome.summary is not None:
                ranked.append((order[outcome.path], compact(outcome.summary)))
                run.titles.update(outcome.titles or {})
                run.written += len(outcome.written)
                run.kept += len(outcome.kept)
            else:
                failure = renamed(outcome, shown)
                run.failures.append(failure)
                if on_failure is not None:
                    if bar is not None:
                        with bar.external_write_mode(file=bar.fp):
                            on_failure(failure)
                    else:
                        on_failure(failure)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    ranked.sort(key=lambda pair: pair[0])
    run.summaries = [summary for _, summary in ranked]
    return run
