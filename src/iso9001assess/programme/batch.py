"""``batch``: a directory of answer files in, one report per enterprise plus summary.csv and the portfolio out.

Every good file is processed even when others are bad; a bad file is named with its problems (on the
``on_failure`` callback, and in ``OUTDIR/errors.txt``) and nothing else is written for it. Every file is
written atomically, so an interrupted run leaves only whole files (and the ``.part`` files a killed worker
left are removed at the start of the next run).

A batch is incremental: ``OUTDIR/.iso9001assess-manifest.json`` records what each report was made from
(:mod:`.manifest`), and a re-run renders exactly the reports whose inputs changed (``force`` renders all).

A follow-up's report shows its progress since the baseline: the baseline is the same enterprise's latest
baseline among the inputs (dated on or before the follow-up), else the one ``baseline_lookup`` finds (a
programme store). Follow-ups are therefore scored first and rendered once every input has been scored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import api
from ..errors import EnvironmentFailure, InvalidInputError, Problem, os_reason
from ..files import atomic_write, remove_stale_parts
from ..i18n import message, said
from ..models.base import LocalizedText
from ..models.tracking import PlanState
from .inputs import PORTFOLIO_STEM, checklist_reference, collect_inputs, output_name
from .manifest import Manifest
from .portfolio import PortfolioOptions, build_portfolio
from .record import ScoredFile
from .runner import compact, default_jobs, iter_outcomes, process_pool, progress_bar, renamed
from .summary import EnterpriseSummary, summary_csv
from .worker import BaselineRef, BatchOutcome, BatchTask

SUMMARY_NAME = "summary.csv"
logger = logging.getLogger(__name__)
ERRORS_NAME = "errors.txt"


@dataclass
class BatchReport:
    """What a batch did. ``failures`` holds every bad input with its problems; ``plugin_failures`` every
    input on which a plugin failed (its exporter: that format is missing; its strategy: the input is not
    diagnosed), with the plugin's failure — not the input's fault."""

    output_dir: Path
    inputs: int
    summaries: list[EnterpriseSummary] = field(default_factory=list)
    failures: list[BatchOutcome] = field(default_factory=list)
    plugin_failures: list[BatchOutcome] = field(default_factory=list)
    written: int = 0
    kept: int = 0
    summary_path: Path | None = None
    errors_path: Path | None = None
    portfolio_paths: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.plugin_failures

    @property
    def problems(self) -> list[Problem]:
        return [problem for failure in self.failures for problem in failure.problems]


def _claim_stems(
    files: list[Path], formats: Sequence[str], reserved: Sequence[str]
) -> tuple[list[Path], list[BatchOutcome]]:
    """Outputs are named by the input's stem: of two inputs with one stem, the second is refused, and so is an
    input whose output would take the name of one of the batch's own files (``summary.yaml`` with csv).
    Names are compared without case, as on the file systems of Windows and macOS."""
    owners: dict[str, Path] = {}
    kept, refused = [], []
    own = {name.casefold() for name in reserved}
    for path in files:
        owner = owners.setdefault(path.stem.casefold(), path)
        names = [output_name(path.stem, fmt) for fmt in formats]
        taken = sorted(name for name in names if name.casefold() in own)
        if taken:
            message = said("errors.run.overwrites_own", name=taken[0])
        elif owner is not path:
            message = said("errors.run.overwrites", owner=owner, stem=repr(path.stem))
        else:
            kept.append(path)
            continue
        refused.append(BatchOutcome(str(path), None, problems=(Problem.said(str(path), message),)))
    return kept, refused


def _write(path: Path, data: bytes) -> Path:
    try:
        with atomic_write(path) as out:
            out.write(data)
    except OSError as exc:
        raise EnvironmentFailure(said("errors.run.cannot_write", path=path, reason=os_reason(exc))) from None
    return path


def _check_writable(out: Path) -> None:
    """Fail at once, before any work, on an output folder that cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".iso9001assess-", suffix=".probe", dir=out)
        os.close(handle)
        Path(probe).unlink()
    except OSError as exc:
        raise EnvironmentFailure(
            said("errors.run.cannot_write_to", path=out, reason=os_reason(exc))
        ) from None


def _errors_text(failures: Sequence[BatchOutcome], lang: str) -> bytes:
    """errors.txt: one line per problem, in the batch's language (the reports' and the command's)."""
    lines = [
        problem.localized(lang) for failure in failures for problem in (*failure.problems, *failure.plugin)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _baseline_of(
    path: str,
    scored: dict[str, tuple[EnterpriseSummary, str | None]],
    lookup: Callable[[EnterpriseSummary], BaselineRef | None] | None,
) -> BaselineRef | None:
    """The follow-up's baseline: the same enterprise's latest baseline among the inputs, dated on or before
    it (an undated one only when the follow-up is undated too), else what ``lookup`` finds."""
    follow_up, _sha = scored[path]
    day = follow_up.assessment_date
    candidates = [
        (summary.assessment_date or dt.date.min, other, sha)
        for other, (summary, sha) in scored.items()
        if summary.assessment_kind == "baseline"
        and summary.identity == follow_up.identity
        and sha is not None
        and (day is None or (summary.assessment_date is not None and summary.assessment_date <= day))
    ]
    if candidates:
        _day, other, sha = max(candidates, key=lambda c: (c[0], c[1]))
        assert sha is not None
        return BaselineRef(sha256=sha, path=other)
    return lookup(follow_up) if lookup is not None else None


def batch(
    inputs: str | Path | Iterable[str | Path],
    output_dir: str | Path,
    *,
    formats: Sequence[str] = ("pdf", "json"),
    jobs: int | None = None,
    executor: Executor | None = None,
    strategy: str = api.DEFAULT_STRATEGY,
    checklist: str | Path | None = None,
    lang: str = "zh",
    font: str | Path | None = None,
    force: bool = False,
    portfolio_formats: Sequence[str] = ("pdf",),
    portfolio_options: PortfolioOptions | None = None,
    progress: bool | None = False,
    on_failure: Callable[[BatchOutcome], None] | None = None,
    on_scored: Callable[[ScoredFile], None] | None = None,
    baseline_lookup: Callable[[EnterpriseSummary], BaselineRef | None] | None = None,
    plan_state_lookup: Callable[[EnterpriseSummary], PlanState | None] | None = None,
) -> BatchReport:
    """Diagnose every enterprise in ``inputs`` (directories and/or files) into ``output_dir``.

    Writes ``<stem>.<format>`` for every good input, ``summary.csv``, ``portfolio.<format>`` for each of
    ``portfolio_formats``, and ``errors.txt`` when some input was bad. Work runs on ``executor`` when given
    (any ``concurrent.futures.Executor``: a Dask client's ``get_executor()`` runs it on a cluster, whose
    workers must see the same input and output paths), else on ``jobs`` processes (default: all cores).
    Unknown formats, strategies or checklists raise before any file is read. Reports already in
    ``output_dir`` and made from the same inputs are kept (``kept``); ``force`` renders them all again.
    ``on_scored`` receives what a programme store records of every answers file scored (``batch --db``);
    ``baseline_lookup`` finds a follow-up's baseline when the inputs hold none; ``plan_state_lookup`` the
    state of its plan (a programme store's), shown in its report and part of what the report is made from.
    ``progress``: a bar on stderr (None: when stderr is a terminal); the library prints nothing unless asked.
    """
    from ..plugin_manager import local_plugin_specs
    from .portfolio_export import check_portfolio_format, write_portfolio

    for fmt in formats:
        api.get_exporter(fmt)
    for fmt in portfolio_formats:
        check_portfolio_format(fmt)
    api.get_strategy(strategy)
    checklist_ref = checklist_reference(checklist)

    out = Path(output_dir)
    files, missing = collect_inputs(inputs)
    if missing and not files:
        raise InvalidInputError(missing)
    if any(path.parent.resolve() == out.resolve() for path in files):
        raise InvalidInputError.single(str(out), said("errors.run.output_is_input"))
    _check_writable(out)
    remove_stale_parts(out)  # left by a run that was killed: a resumed run starts clean
    reserved = [SUMMARY_NAME, ERRORS_NAME, *(f"{PORTFOLIO_STEM}.{fmt}" for fmt in portfolio_formats)]
    files, refused = _claim_stems(files, formats, reserved)
    report = BatchReport(out, len(files) + len(refused))
    for problem in missing:
        report.failures.append(BatchOutcome(problem.source, None, problems=(problem,)))
    report.failures.extend(refused)
    for failure in report.failures:
        if on_failure:
            on_failure(failure)

    logger.info(said("log.batch_started", count=len(files), output=out, formats=", ".join(formats) or "-"))
    manifest = Manifest(out)
    run = uuid.uuid4().hex
    titles: dict[str, LocalizedText] = {}

    def task(
        path: Path,
        *,
        first: bool,
        baseline: BaselineRef | None = None,
        plan_state: PlanState | None = None,
    ) -> BatchTask:
        return BatchTask(
            path=str(path.resolve()),
            output_dir=str(out.resolve()),
            formats=tuple(formats),
            strategy=strategy,
            checklist=checklist_ref,
            lang=lang,
            font=str(Path(font).resolve()) if font else None,
            force=force,
            plugins=tuple(local_plugin_specs()),
            run=run,
            records={fmt: record for fmt in formats if (record := manifest.get(output_name(path.stem, fmt)))},
            defer_follow_up=first,
            baseline=baseline,
            plan_state=plan_state,
            keep_record=first and on_scored is not None,
        )

    shown = {str(path.resolve()): str(path) for path in files}  # problems name files as the user did
    order = {str(path.resolve()): index for index, path in enumerate(files)}
    by_path = {str(path.resolve()): path for path in files}
    scored: dict[str, tuple[EnterpriseSummary, str | None]] = {}  # summary and input hash, by path
    deferred: list[str] = []
    ranked: list[tuple[int, EnterpriseSummary]] = []

    def fail(outcome: BatchOutcome, bar: Any) -> None:
        failure = renamed(outcome, shown)
        (report.failures if failure.problems else report.plugin_failures).append(failure)
        if on_failure:
            if bar is not None:
                with bar.external_write_mode(file=bar.fp):
                    on_failure(failure)
            else:
                on_failure(failure)

    def done(outcome: BatchOutcome, bar: Any) -> None:
        if outcome.plugin:  # a plugin's exporter failed: its format is missing, the others were written
            fail(outcome, bar)
        report.written += len(outcome.written)
        report.kept += len(outcome.kept)
        manifest.update(outcome.entries)

    def salvaged(outcome: BatchOutcome) -> None:
        """A task whose outcome a stopped run did not take: the outputs it completed are kept and recorded,
        so the next run renders only the others."""
        manifest.update(outcome.entries)

    pool = None
    if executor is None and (jobs or default_jobs()) > 1:
        pool = process_pool(jobs or default_jobs())  # one pool for both passes
    bar = progress_bar(len(files), progress, message("cli.bar.diagnosing", lang))
    try:
        # First pass: every input scored, the reports of all but follow-ups written.
        first_pass = (task(path, first=True) for path in files)
        # Closed here, not by the garbage collector: a run stopped early salvages its workers' completed
        # outputs into the manifest before it is saved.
        outcomes = contextlib.closing(
            iter_outcomes(first_pass, jobs=jobs, executor=executor or pool, salvage=salvaged)
        )
        with outcomes as first_outcomes:
            for outcome in first_outcomes:
                if outcome.environment is not None:  # stop at once: the next files would fail the same way
                    raise EnvironmentFailure(outcome.environment)
                if outcome.summary is None:
                    fail(outcome, bar)
                else:
                    scored[outcome.path] = (outcome.summary, outcome.input_sha256)
                    titles.update(outcome.titles or {})
                    done(outcome, bar)
                    if outcome.scored is not None and on_scored is not None:
                        on_scored(outcome.scored)
                    if outcome.deferred:
                        deferred.append(outcome.path)
                        continue  # counted when its reports are written
                if bar is not None:
                    bar.update(1)
        # Second pass: each follow-up's reports, with the progress since its baseline.
        second_pass = (
            task(
                by_path[path],
                first=False,
                baseline=_baseline_of(path, scored, baseline_lookup),
                plan_state=plan_state_lookup(scored[path][0]) if plan_state_lookup else None,
            )
            for path in deferred
        )
        second = iter_outcomes(second_pass, jobs=jobs, executor=executor or pool, salvage=salvaged)
        with contextlib.closing(second) as second_outcomes:
            for outcome in second_outcomes:
                if outcome.environment is not None:
                    raise EnvironmentFailure(outcome.environment)
                if outcome.summary is None:
                    scored.pop(outcome.path, None)
                    fail(outcome, bar)
                else:
                    done(outcome, bar)
                if bar is not None:
                    bar.update(1)
    finally:
        manifest.save()  # also when interrupted: the records of the reports finished so far
        remove_stale_parts(out)  # those of workers that died (killed, or lost by a cluster) during this run
        if bar is not None:
            bar.close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    ranked = [(order[path], compact(summary)) for path, (summary, _sha) in scored.items()]

    ranked.sort(key=lambda pair: pair[0])
    report.summaries = [summary for _, summary in ranked]
    # errors.txt lists bad files in input order, whatever order the workers finished in.
    position = {str(path): index for index, path in enumerate(files)}
    report.failures.sort(key=lambda failure: position.get(failure.path, -1))
    report.plugin_failures.sort(key=lambda failure: position.get(failure.path, -1))
    errors = out / ERRORS_NAME
    if report.failures or report.plugin_failures:
        listed = sorted(
            [*report.failures, *report.plugin_failures], key=lambda failure: position.get(failure.path, -1)
        )
        report.errors_path = _write(errors, _errors_text(listed, lang))
    else:
        errors.unlink(missing_ok=True)  # a stale list from an earlier run would mislead
    report.summary_path = _write(out / SUMMARY_NAME, summary_csv(report.summaries))
    if portfolio_formats and report.summaries:
        portfolio = build_portfolio(report.summaries, portfolio_options, titles)
        for fmt in portfolio_formats:
            target = out / f"{PORTFOLIO_STEM}.{fmt}"
            try:
                report.portfolio_paths.append(
                    write_portfolio(portfolio, target, format=fmt, lang=lang, font=font)
                )
            except OSError as exc:
                raise EnvironmentFailure(
                    said("errors.run.cannot_write", path=target, reason=os_reason(exc))
                ) from None
    logger.info(
        said(
            "log.batch_done", diagnosed=len(report.summaries), bad=len(report.failures), count=report.written
        )
    )
    return report
