"""The work of one enterprise in a batch, as it runs in a worker process (or a Dask worker).

A task carries only names and paths, never a loaded checklist or a result, so it pickles in a few hundred
bytes; the worker loads what it needs once per process and writes its outputs itself. Only the enterprise's
summary travels back.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidInputError, Iso9001AssessError, Problem
from ..models.base import LocalizedText
from ..models.checklist import Checklist
from .summary import EnterpriseSummary, clause_titles, summarize

# (run, checklist hash) pairs whose clause titles this process has already sent back.
_titles_sent: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class BatchTask:
    path: str
    output_dir: str
    formats: tuple[str, ...]
    strategy: str
    checklist: str | None
    lang: str
    font: str | None
    skip_existing: bool
    plugins: tuple[str, ...] = ()
    run: str = ""  # the batch this task belongs to: clause titles are sent once per run and checklist


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
    environment: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def output_path(task: BatchTask, fmt: str) -> Path:
    """``OUTDIR/<input file stem>.<format>``."""
    return Path(task.output_dir) / f"{Path(task.path).stem}.{fmt}"


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


def run_task(task: BatchTask) -> BatchOutcome:
    """Score one input and write its outputs; a bad input gives problems and writes nothing."""
    from .. import api
    from .inputs import result_from_file

    path = Path(task.path)
    written: list[str] = []
    target: Path | None = None
    try:
        _ensure_plugins(task.plugins)
        checklist = _checklist(task.checklist) if task.checklist else None
        result = result_from_file(path, strategy=task.strategy, checklist=checklist)
        summary = summarize(result, path.stem)
        kept: list[str] = []
        for fmt in task.formats:
            target = output_path(task, fmt)
            if task.skip_existing and target.is_file():
                kept.append(str(target))
                continue
            api.export(result, target, format=fmt, lang=task.lang, font=task.font)
            written.append(str(target))
    except OSError as exc:  # an output that cannot be written: the environment's failure, not the input's
        _remove(written)
        if target is None:
            return BatchOutcome(str(path), None, problems=_problems(path, exc))
        return BatchOutcome(str(path), None, environment=f"cannot write {target}: {exc.strerror or exc}")
    except Exception as exc:  # one enterprise's failure (a plugin's bug, say) must not stop the batch
        _remove(written)  # nothing is left behind for a file that failed
        return BatchOutcome(str(path), None, problems=_problems(path, exc))
    except SystemExit as exc:  # a plugin's sys.exit(): that plugin's failure on this input, like an exception
        _remove(written)
        message = f"failed: a plugin called sys.exit({exc.code!r})"
        return BatchOutcome(str(path), None, problems=(Problem(str(path), message),))
    except BaseException:  # interrupted: the formats already written for this input go too
        _remove(written)
        raise
    titles = None
    key = (task.run, result.checklist.sha256)
    if key not in _titles_sent:
        _titles_sent.add(key)
        titles = clause_titles(result)
    return BatchOutcome(str(path), summary, tuple(written), tuple(kept), titles=titles)


def _problems(path: Path, exc: Exception) -> tuple[Problem, ...]:
    if isinstance(exc, InvalidInputError):
        return exc.problems
    if isinstance(exc, (Iso9001AssessError, OSError)):
        return (Problem(str(path), str(exc)),)
    return (Problem(str(path), f"failed: {type(exc).__name__}: {exc}"),)


def _remove(paths: list[str]) -> None:
    for written in paths:
        Path(written).unlink(missing_ok=True)
