"""The work of one enterprise in a batch, as it runs in a worker process (or a Dask worker).

A task carries only names and paths, never a loaded checklist or a result, so it pickles in a few hundred
bytes; the worker loads what it needs once per process and writes its outputs itself. Only the enterprise's
summary travels back (and, for a programme store, the record of the scored file: ``ingest`` scores in
workers and writes the store in its own process).
"""

from __future__ import annotations

import functools
import gc
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import (
    EnvironmentFailure,
    InvalidInputError,
    Iso9001AssessError,
    PluginError,
    Problem,
    os_reason,
)
from ..files import file_sha256
from ..i18n import Text, said
from ..loading.paths import unreadable_input
from ..models.base import LocalizedText
from ..models.checklist import Checklist
from ..models.tracking import PlanState
from .inputs import output_name
from .manifest import Recipe, entry, font_fingerprint, is_current, library_version
from .record import ScoredFile, scored_file, sha256_text
from .summary import EnterpriseSummary, clause_titles, summarize

# (run, checklist hash) pairs whose clause titles this process has already sent back.
_titles_sent: set[tuple[str, str]] = set()
_busy = False  # this process is running a task
_pool_worker = False  # this process is a pool's worker (``start_worker``), not the command's own
_stopped = False  # a pool's worker that was interrupted: it starts no further task
EXIT_INTERRUPTED = 130


def start_worker(gc_thresholds: tuple[int, int, int]) -> None:
    """A pool's worker process, as it starts. It collects garbage at the pace of the process that made the pool
    (the command line's fewer collections: at Python's default pace a worker spent half its CPU collecting).
    A Ctrl-C reaches every process of the terminal's group: a worker running a task is interrupted there (the
    outputs it completed for the task stay, and the parent hears of them; the one it was writing leaves the
    previous file in place); an idle one leaves quietly, without the traceback of the queue it was waiting on."""
    global _pool_worker
    _pool_worker = True
    gc.set_threshold(*gc_thresholds)
    signal.signal(signal.SIGINT, _interrupted)


def _interrupted(signum: int, frame: object) -> None:
    if _busy:
        raise KeyboardInterrupt
    raise SystemExit(EXIT_INTERRUPTED)


@dataclass(frozen=True)
class BaselineRef:
    """The baseline a follow-up's report compares against: another input of the batch (``path``), or the
    answers a programme store keeps (``answers_json``); ``sha256`` identifies its content for the manifest."""

    sha256: str
    path: str | None = None
    answers_json: str | None = None


@dataclass(frozen=True)
class BatchTask:
    path: str
    output_dir: str
    formats: tuple[str, ...]
    strategy: str
    checklist: str | None
    lang: str
    font: str | None
    force: bool = False  # render every output, even one the manifest shows is current
    plugins: tuple[str, ...] = ()
    run: str = ""  # the batch this task belongs to: clause titles are sent once per run and checklist
    records: dict[str, Recipe] = field(
        default_factory=dict
    )  # the manifest's records of the outputs, by format
    defer_follow_up: bool = False  # a follow-up's reports wait until its baseline is known
    baseline: BaselineRef | None = None
    plan_state: PlanState | None = None  # a follow-up's plan in the programme store (``batch --db``)
    keep_record: bool = False  # send back what a programme store records
    for_store: bool = False  # ``ingest``: validate and score for the store only (see ``score_for_store``)


@dataclass(frozen=True)
class BatchOutcome:
    """What came of one input: its summary and the files written, or the problems that made it bad."""

    path: str
    summary: EnterpriseSummary | None
    written: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    titles: dict[str, LocalizedText] | None = None
    # The environment failed (an output could not be written): not this input's fault; the batch stops.
    environment: str | Text | None = None
    input_sha256: str | None = None
    deferred: bool = False  # a follow-up scored, its reports not written yet
    entries: dict[str, Recipe] = field(default_factory=dict)  # manifest records of the files written
    scored: ScoredFile | None = None
    # A plugin failed on this input (its exporter: the other formats are written; its strategy: nothing is):
    # not the input's fault, and the rest of the batch goes on.
    plugin: tuple[Problem, ...] = ()
    # Interrupted (Ctrl-C) while its outputs were written: ``written`` and ``entries`` are those completed.
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.plugin


def output_path(task: BatchTask, fmt: str) -> Path:
    """``OUTDIR/<input file stem>.<format>`` (see :func:`.inputs.output_name`)."""
    return Path(task.output_dir) / output_name(Path(task.path).stem, fmt)


def _ensure_plugins(specs: tuple[str, ...]) -> None:
    """A fresh worker process loads the local plugins the parent was given (``--plugin``)."""
    from ..plugin_manager import add_local_plugins, local_plugin_specs

    missing = [spec for spec in specs if spec not in local_plugin_specs()]
    if missing:
        add_local_plugins(missing)


@functools.lru_cache(maxsize=8)
def _checklist(ref: str) -> Checklist:
    from .. import api

    return api.load_checklist(ref)


def score_for_store(path: Path, strategy: str, checklist: Checklist | None = None) -> ScoredFile:
    """Validate and score one answers file (YAML, JSON or .xlsx) for recording in a programme store. A result
    file, or an assessment without a date, is refused like any invalid file (InvalidInputError). The file's
    SHA-256 is that of the bytes the loader parsed (read once)."""
    from ..loading.answers import load_answers_and_sha256
    from ..plugin_manager import get_registry
    from .inputs import is_result_file

    if is_result_file(path):
        raise InvalidInputError.single(str(path), said("errors.store.result_file"))
    registry = get_registry()
    answers, sha256 = load_answers_and_sha256(path, checklist, None if checklist else registry.checklists.get)
    chosen = checklist or registry.checklists.get(answers.checklist_id)
    result = registry.strategies[strategy].value.score(chosen, answers)
    if answers.assessment.date is None:
        raise InvalidInputError.single(str(path), said("errors.store.no_date"))
    return scored_file(path.name, sha256, answers, result)


def _store_task(task: BatchTask) -> BatchOutcome:
    """``ingest``'s task: the file's record, or its problems. What the store's own process would raise on
    the environment's failure (a file that cannot be read, a plugin that fails) comes back as such, so the
    command stops as it does when it scores in its own process."""
    path = Path(task.path)
    try:
        _ensure_plugins(task.plugins)
        checklist = _checklist(task.checklist) if task.checklist else None
        scored = score_for_store(path, task.strategy, checklist)
    except InvalidInputError as exc:
        return BatchOutcome(str(path), None, problems=exc.problems)
    except EnvironmentFailure as exc:
        return BatchOutcome(str(path), None, environment=exc.text or str(exc))
    except OSError as exc:
        # The file went away after it was found (its reading reports the rest as bad input).
        return BatchOutcome(str(path), None, environment=str(exc))
    return BatchOutcome(str(path), None, scored=scored)


def run_task(task: BatchTask) -> BatchOutcome:
    """Score one input and write its outputs that are not current; a bad input gives problems and writes
    nothing."""
    global _busy, _stopped
    if _stopped:  # interrupted already: a task queued for this worker before the Ctrl-C is not started
        return BatchOutcome(task.path, None, interrupted=True)
    _busy = True
    try:
        outcome = _run_task(task)
    finally:
        _busy = False
    _stopped = outcome.interrupted and _pool_worker
    return outcome


def _run_task(task: BatchTask) -> BatchOutcome:
    from .. import api
    from .inputs import is_result_file, result_from_file

    if task.for_store:
        return _store_task(task)
    path = Path(task.path)
    written: list[str] = []
    entries: dict[str, Recipe] = {}
    plugin_failures: list[Problem] = []
    target: Path | None = None
    sha: str | None = None
    try:
        _ensure_plugins(task.plugins)
        checklist = _checklist(task.checklist) if task.checklist else None
        sha = file_sha256(path)
        scored: ScoredFile | None = None
        if is_result_file(path):
            result = result_from_file(path, strategy=task.strategy, checklist=checklist)
        else:
            answers = api.load_answers(path, checklist)
            result = api.score(checklist or _checklist(answers.checklist_id), answers, task.strategy)
            if task.keep_record:
                scored = scored_file(path.name, sha, answers, result)
        summary = summarize(result, path.stem)
        kept: list[str] = []
        deferred = task.defer_follow_up and result.assessment.kind == "follow-up"
        if not deferred:
            baseline = _baseline(task, checklist) if task.baseline else None
            for fmt in task.formats:
                target = output_path(task, fmt)
                recipe = _recipe(task, fmt, sha, result.checklist.sha256)
                if not task.force and is_current(target, task.records.get(fmt), recipe):
                    kept.append(str(target))
                    continue
                try:
                    api.export(
                        result,
                        target,
                        format=fmt,
                        lang=task.lang,
                        font=task.font,
                        baseline=baseline,
                        **({"plan_state": task.plan_state} if task.plan_state is not None else {}),
                    )
                except PluginError as exc:  # that format is missing; the others are still written
                    plugin_failures.append(Problem.said(str(path), exc.text or str(exc)))
                    continue
                written.append(str(target))
                entries[target.name] = entry(target, recipe)
    except PluginError as exc:  # the plugin's strategy failed on this input: nothing is written for it
        _remove(written)
        return BatchOutcome(str(path), None, plugin=(Problem.said(str(path), exc.text or str(exc)),))
    except OSError as exc:  # an output that cannot be written: the environment's failure, not the input's
        _remove(written)
        if target is None:
            return BatchOutcome(str(path), None, problems=_problems(path, exc))
        return BatchOutcome(
            str(path), None, environment=said("errors.run.cannot_write", path=target, reason=os_reason(exc))
        )
    except Exception as exc:  # one enterprise's failure (a plugin's bug, say) must not stop the batch
        _remove(written)  # nothing is left behind for a file that failed
        return BatchOutcome(str(path), None, problems=_problems(path, exc))
    except SystemExit as exc:  # a plugin's sys.exit(): that plugin's failure on this input, like an exception
        _remove(written)
        exited = said("errors.run.plugin_exit", code=repr(exc.code))
        return BatchOutcome(str(path), None, problems=(Problem.said(str(path), exited),))
    except KeyboardInterrupt:
        # Interrupted: an output completed has replaced the previous one whole, so it stays and is reported
        # (for the manifest); the one being written was never renamed into place (the previous file stays).
        return BatchOutcome(
            str(path), None, written=tuple(written), entries=entries, input_sha256=sha, interrupted=True
        )
    titles = None
    key = (task.run, result.checklist.sha256)
    if key not in _titles_sent:
        _titles_sent.add(key)
        titles = clause_titles(result)
    return BatchOutcome(
        str(path),
        summary,
        tuple(written),
        tuple(kept),
        titles=titles,
        input_sha256=sha,
        deferred=deferred,
        entries=entries,
        scored=scored,
        plugin=tuple(plugin_failures),
    )


def _recipe(task: BatchTask, fmt: str, sha: str, checklist_sha256: str) -> Recipe:
    """What the output in ``fmt`` is made from: when any of it changes, the output is rendered again."""
    from ..plugin_manager import get_registry

    exporter = get_registry().exporters[fmt].plugin
    recipe: dict[str, Any] = {
        "answers_sha256": sha,
        "baseline_sha256": task.baseline.sha256 if task.baseline else None,
        "checklist_sha256": checklist_sha256,
        "strategy": task.strategy,
        "exporter": fmt,
        "exporter_version": f"{exporter.distribution} {exporter.version}",
        "lang": task.lang,
        "font_sha256": font_fingerprint(task.font),
        "library": library_version(),
    }
    if task.plan_state is not None:  # tracked statuses change the report without any input file changing
        recipe["plan_state_sha256"] = sha256_text(task.plan_state.model_dump_json())
    return recipe


def _baseline(task: BatchTask, checklist: Checklist | None) -> Any:
    """The baseline's full result: scored from its file, or from the answers a store keeps."""
    from .. import api
    from ..models.answers import Answers
    from .inputs import result_from_file

    reference = task.baseline
    assert reference is not None
    if reference.path is not None:
        return result_from_file(Path(reference.path), strategy=task.strategy, checklist=checklist)
    assert reference.answers_json is not None
    answers = Answers.model_validate_json(reference.answers_json)
    return api.score(checklist or _checklist(answers.checklist_id), answers, task.strategy)


def _problems(path: Path, exc: Exception) -> tuple[Problem, ...]:
    if isinstance(exc, InvalidInputError):
        return exc.problems
    if isinstance(exc, Iso9001AssessError):
        return (Problem.said(str(path), exc.text or str(exc)),)
    if isinstance(exc, OSError):
        return (Problem.said(str(path), unreadable_input(path, exc)),)
    return (Problem.said(str(path), said("errors.run.failed", reason=f"{type(exc).__name__}: {exc}")),)


def _remove(paths: list[str]) -> None:
    for written in paths:
        Path(written).unlink(missing_ok=True)
