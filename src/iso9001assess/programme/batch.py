"""``batch``: a directory of answer files in, one report per enterprise plus summary.csv and the portfolio out.

Every good file is processed even when others are bad; a bad file is named with its problems (on the
``on_failure`` callback, and in ``OUTDIR/errors.txt``) and nothing else is written for it. Every file is
written atomically, so an interrupted run leaves only whole files, and ``skip_existing`` resumes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from .. import api
from ..errors import InvalidInputError, Problem
from ..files import atomic_write
from .inputs import PORTFOLIO_STEM, checklist_reference, collect_inputs
from .portfolio import PortfolioOptions, build_portfolio
from .runner import TaskSettings, run_files
from .summary import EnterpriseSummary, summary_csv
from .worker import BatchOutcome

SUMMARY_NAME = "summary.csv"
logger = logging.getLogger(__name__)
ERRORS_NAME = "errors.txt"


@dataclass
class BatchReport:
    """What a batch did. ``failures`` holds every bad input with its problems."""

    output_dir: Path
    inputs: int
    summaries: list[EnterpriseSummary] = field(default_factory=list)
    failures: list[BatchOutcome] = field(default_factory=list)
    written: int = 0
    kept: int = 0
    summary_path: Path | None = None
    errors_path: Path | None = None
    portfolio_paths: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def problems(self) -> list[Problem]:
        return [problem for failure in self.failures for problem in failure.problems]


def _claim_stems(files: list[Path]) -> tuple[list[Path], list[BatchOutcome]]:
    """Outputs are named by the input's stem: of two inputs with one stem, the second is refused."""
    owners: dict[str, Path] = {}
    kept, refused = [], []
    for path in files:
        owner = owners.setdefault(path.stem, path)
        if owner is path:
            kept.append(path)
        else:
            message = f"its outputs would overwrite those of {owner} (same name {path.stem!r}); rename one"
            refused.append(BatchOutcome(str(path), None, problems=(Problem(str(path), message),)))
    return kept, refused


def _write(path: Path, data: bytes) -> Path:
    with atomic_write(path) as out:
        out.write(data)
    return path


def _errors_text(failures: Sequence[BatchOutcome]) -> bytes:
    lines = [str(problem) for failure in failures for problem in failure.problems]
    return ("\n".join(lines) + "\n").encode("utf-8")


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
    skip_existing: bool = False,
    portfolio_formats: Sequence[str] = ("pdf",),
    portfolio_options: PortfolioOptions | None = None,
    progress: bool | None = False,
    on_failure: Callable[[BatchOutcome], None] | None = None,
) -> BatchReport:
    """Diagnose every enterprise in ``inputs`` (directories and/or files) into ``output_dir``.

    Writes ``<stem>.<format>`` for every good input, ``summary.csv``, ``portfolio.<format>`` for each of
    ``portfolio_formats``, and ``errors.txt`` when some input was bad. Work runs on ``executor`` when given
    (any ``concurrent.futures.Executor``: a Dask client's ``get_executor()`` runs it on a cluster, whose
    workers must see the same input and output paths), else on ``jobs`` processes (default: all cores).
    Unknown formats, strategies or checklists raise before any file is read. ``progress``: a bar on stderr
    (None: when stderr is a terminal); the library prints nothing unless asked.
    """
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
        raise InvalidInputError.single(str(out), "write the outputs to a directory other than the inputs'")
    out.mkdir(parents=True, exist_ok=True)
    files, refused = _claim_stems(files)
    report = BatchReport(out, len(files) + len(refused))
    for problem in missing:
        report.failures.append(BatchOutcome(problem.source, None, problems=(problem,)))
    report.failures.extend(refused)
    for failure in report.failures:
        if on_failure:
            on_failure(failure)

    logger.info("batch: %d input file(s) into %s, formats %s", len(files), out, ", ".join(formats) or "-")
    settings = TaskSettings(
        output_dir=str(out.resolve()),
        formats=tuple(formats),
        strategy=strategy,
        checklist=checklist_ref,
        lang=lang,
        font=str(Path(font).resolve()) if font else None,
        skip_existing=skip_existing,
    )
    run = run_files(files, settings, jobs=jobs, executor=executor, progress=progress, on_failure=on_failure)
    report.summaries, titles = run.summaries, run.titles
    report.failures.extend(run.failures)
    report.written, report.kept = run.written, run.kept
    # errors.txt lists bad files in input order, whatever order the workers finished in.
    position = {str(path): index for index, path in enumerate(files)}
    report.failures.sort(key=lambda failure: position.get(failure.path, -1))
    errors = out / ERRORS_NAME
    if report.failures:
        report.errors_path = _write(errors, _errors_text(report.failures))
    else:
        errors.unlink(missing_ok=True)  # a stale list from an earlier run would mislead
    report.summary_path = _write(out / SUMMARY_NAME, summary_csv(report.summaries))
    if portfolio_formats and report.summaries:
        portfolio = build_portfolio(report.summaries, portfolio_options, titles)
        for fmt in portfolio_formats:
            target = out / f"{PORTFOLIO_STEM}.{fmt}"
            report.portfolio_paths.append(
                write_portfolio(portfolio, target, format=fmt, lang=lang, font=font)
            )
    logger.info(
        "batch: %d diagnosed, %d bad, %d file(s) written",
        len(report.summaries),
        len(report.failures),
        report.written,
    )
    return report
