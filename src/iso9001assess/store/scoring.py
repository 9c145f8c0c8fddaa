"""The answer files ``ingest`` records, validated and scored in input order: in this process, or on a pool
of worker processes (``batch``'s runner and worker) while this process writes the store.

The order matters: supersession depends on it (two corrections of one assessment in one run end as the later
file says), and outcomes and bad files are reported as the files were given. Workers finish in any order; a
file's record waits here until every file before it has come back.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Generator
from pathlib import Path

from ..errors import EnvironmentFailure, InvalidInputError, Problem
from ..models.checklist import Checklist
from ..programme.record import ScoredFile
from ..programme.runner import default_jobs, iter_outcomes, renamed
from ..programme.worker import BatchOutcome, BatchTask, score_for_store

# With ``jobs=None`` (the command line's default) fewer answer files than this are scored in this process.
# Measured (bench_store.py, 2 cores, 1,600 files): a new pool's first outcome comes 0.45-0.5 s after it is made
# (a forkserver importing the library, each worker loading the registry and the checklist; up to 1.3 s on a
# busy machine) against 0.08 s in this process; two workers beside the writer saved 2.6 ms of wall time a file
# on SQLite and 4.1 ms on PostgreSQL: the start-up is repaid after 105-165 files (docs/store.md, "How ingest
# runs").
POOL_MIN_FILES = 150

Scored = ScoredFile | tuple[Problem, ...]  # a file's record, or what makes it bad


def workers_for(jobs: int | None, files: int, checklist: Checklist | None = None) -> int:
    """How many processes score ``files`` answer files: ``jobs`` (None: all cores, or this process alone
    below POOL_MIN_FILES files), never more than there are files. A checklist given as an object (rather
    than found by the id each file names) is scored against in this process: workers are told names."""
    if checklist is not None or files <= 1:
        return 1
    if jobs is None:
        jobs = 1 if files < POOL_MIN_FILES else default_jobs()
    return max(1, min(jobs, files))


def scored_in_order(
    paths: list[Path],
    strategy: str,
    checklist: Checklist | None = None,
    workers: int = 1,
    in_flight: int | None = None,
) -> Generator[tuple[Path, Scored], None, None]:
    """Each path with its record or its problems, in the order of ``paths``. On ``workers`` > 1 processes,
    at most ``in_flight`` files are scored or waiting at once. A worker lost, a file that vanished, a plugin
    that failed: EnvironmentFailure, at once (nothing more is handed on)."""
    if workers == 1:
        for path in paths:
            try:
                yield path, score_for_store(path, strategy, checklist)
            except InvalidInputError as exc:
                yield path, exc.problems
        return
    yield from _pooled(paths, strategy, workers, in_flight)


def _pooled(
    paths: list[Path], strategy: str, workers: int, in_flight: int | None
) -> Generator[tuple[Path, Scored], None, None]:
    from ..plugin_manager import local_plugin_specs

    plugins = tuple(local_plugin_specs())
    absolute = [str(path.resolve()) for path in paths]  # workers may not share this working directory
    slots: dict[str, deque[int]] = {}  # the same file named twice is scored twice, as in this process
    for index, name in enumerate(absolute):
        slots.setdefault(name, deque()).append(index)
    tasks = (
        BatchTask(
            path=name,
            output_dir="",
            formats=(),
            strategy=strategy,
            checklist=None,
            lang="en",
            font=None,
            plugins=plugins,
            for_store=True,
        )
        for name in absolute
    )
    waiting: dict[int, BatchOutcome] = {}
    following = 0
    # closing(): on an interruption or a failure the pool is shut down at once, queued files cancelled.
    with contextlib.closing(iter_outcomes(tasks, jobs=workers, max_in_flight=in_flight)) as outcomes:
        for outcome in outcomes:
            if outcome.environment is not None:
                raise EnvironmentFailure(outcome.environment)
            waiting[slots[outcome.path].popleft()] = outcome
            while following in waiting:
                done, path = waiting.pop(following), paths[following]
                following += 1
                if done.scored is not None:
                    yield path, done.scored
                else:
                    yield path, renamed(done, {done.path: str(path)}).problems
