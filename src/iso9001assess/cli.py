"""The command line: parse, call the API, map errors to exit codes (0 ok, 1 invalid input, 2 usage,
3 the environment failed — a disk, a cluster, a plugin —, 130 interrupted)."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import api
from .commands import documents as docs
from .commands.choices import RegisteredName
from .commands.collection import fewer_collections, leave_the_heap_to_the_system
from .commands.enterprises import enterprises as _enterprises_command
from .commands.help import CatalogueGroup, catalogued
from .commands.ingest import ingest as _ingest_command
from .commands.language import command_language, reader_language
from .commands.options import db_option, json_option, lang_option
from .commands.output import (
    emit_json,
    is_quiet,
    log_to_stderr,
    say_skipped,
    set_verbosity,
    show_warning,
    status,
)
from .commands.plan import plan as _plan_command
from .commands.programme import programme as _programme_command
from .commands.progress import progress as _progress_command
from .commands.schema import schema
from .commands.usage_errors import show_usage_error
from .errors import EnvironmentFailure, InvalidInputError, Iso9001AssessError, NotFoundError, os_reason
from .i18n import has_message, message, said
from .models.base import localize
from .plugin_manager import add_local_plugins, get_registry

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3  # the environment failed, not the input (output not writable, disk full, workers lost)
EXIT_INTERRUPTED = 130
STRATEGIES = RegisteredName("strategies")
STRATEGY_HELP = "cli.help.option.strategy"
F = TypeVar("F", bound=Callable[..., Any])


# The store errors that a --db or ISO9001ASSESS_DB may fix: the command line says so (the library does not
# speak of options), by the error's catalogue key.
STORE_HINTS = {
    "errors.store.no_database": "cli.store_hint.no_database",
    "errors.store.unreachable": "cli.store_hint.unreachable",
}


def _fail(exc: Iso9001AssessError, lang: str) -> NoReturn:
    hint = STORE_HINTS.get(exc.text.key) if exc.text is not None else None
    if isinstance(exc, InvalidInputError):
        for problem in exc.problems:
            click.echo(problem.localized(lang), err=True)
    elif hint is not None:
        said_so = message("cli.error_store_hint", lang, message=exc.localized(lang), hint=message(hint, lang))
        click.echo(said_so, err=True)
    else:
        click.echo(message("cli.error", lang, message=exc.localized(lang)), err=True)
    if isinstance(exc, EnvironmentFailure):
        raise SystemExit(EXIT_ENVIRONMENT)
    raise SystemExit(EXIT_USAGE if isinstance(exc, NotFoundError) else EXIT_INVALID)


@click.group(
    cls=CatalogueGroup,
    help="cli.help.root",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="iso9001assess", help="cli.help.option.version")
@click.option(
    "--plugin",
    "plugins",
    multiple=True,
    metavar="cli.help.metavar.module_or_path",
    help="cli.help.root.plugins",
)
@click.option("--debug", is_flag=True, help="cli.help.root.debug")
@click.option("-v", "--verbose", count=True, help="cli.help.root.verbose")
@click.option("-q", "--quiet", is_flag=True, help="cli.help.root.quiet")
@click.pass_context
def cli(ctx: click.Context, plugins: Sequence[str], debug: bool, verbose: int, quiet: bool) -> None:
    """ISO 9001 self-assessment: score checklists, write diagnostic reports, summarise programmes."""
    ctx.obj = {"debug": debug}
    set_verbosity(verbose, quiet)
    if plugins:
        add_local_plugins(plugins)


# -- checklists ---------------------------------------------------------------------------------------------
@cli.group(invoke_without_command=True, help="cli.help.checklists")
@lang_option()
@json_option("checklists")
@click.pass_context
def checklists(ctx: click.Context, lang: str, as_json: bool) -> None:
    """List the available checklists (built-in and from plugins)."""
    if ctx.invoked_subcommand is not None:
        return
    catalog = get_registry().checklists
    listing = []
    for checklist_id, entry in sorted(catalog.entries().items()):
        definition = entry.definition
        base = getattr(definition, "extends", None)
        listing.append(
            docs.ChecklistEntry(
                id=checklist_id,
                version=definition.version,
                title=definition.title,
                extends=base,
                plugin=entry.plugin.name,
            )
        )
        if as_json:
            continue
        extends = message("cli.checklists.extends", lang, base=base) if base else ""
        click.echo(
            f"{checklist_id}\t{definition.version}\t{localize(definition.title, lang)}{extends}"
            f"\t[{entry.plugin.name}]"
        )
    if as_json:
        emit_json(docs.ChecklistListing(listing))


@checklists.command("show", help="cli.help.checklists.show")
@click.argument("checklist_id")
@lang_option()
@click.option("--items/--no-items", default=False, help="cli.help.checklists.show.items")
@json_option("checklist-show")
def checklists_show(checklist_id: str, lang: str, items: bool, as_json: bool) -> None:
    """Show a checklist's sections (and items)."""
    checklist = api.load_checklist(checklist_id)
    all_items = list(checklist.iter_items())
    if as_json:
        shown = docs.ChecklistShown(
            id=checklist.id,
            version=checklist.version,
            sha256=checklist.sha256,
            items=len(all_items),
            checklist=checklist,
        )
        emit_json(shown)
        return
    click.echo(f"{checklist.id} {checklist.version}: {localize(checklist.title, lang)}")
    click.echo(
        message(
            "cli.checklist.header",
            lang,
            standard=checklist.standard or "-",
            items=len(all_items),
            sha256=checklist.sha256,
        )
    )
    scale = ", ".join(f"{s.value} {localize(s.label, lang)}" for s in checklist.scale)
    click.echo(message("cli.checklist.scale", lang, scale=scale))
    for section, depth in checklist.walk_sections():
        click.echo(f"{'  ' * depth}{section.id} {localize(section.title, lang)}")
        if items:
            for item in section.items:
                marks = "".join(m for m, on in (("!", item.critical), ("~", item.excludable)) if on)
                click.echo(
                    f"{'  ' * (depth + 1)}{item.id}{marks} (w{item.weight}) {localize(item.text, lang)}"
                )


@checklists.command("validate", help="cli.help.checklists.validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option()
@json_option("validation")
def checklists_validate(files: Sequence[Path], lang: str, as_json: bool) -> None:
    """Check checklist files against the schema and for meaning (overlays: against their base)."""
    from .loading.checklists import validate_checklist_file

    resolve = get_registry().checklists.get
    bad = 0
    verdicts = []
    for path in files:
        problems = validate_checklist_file(path, resolve)
        verdicts.append(
            docs.FileValidation(path=str(path), valid=not problems, problems=docs.problems(problems))
        )
        if problems:
            bad += 1
            for problem in problems:
                click.echo(problem.localized(lang), err=True)
        elif not as_json:
            click.echo(message("cli.file_valid", lang, path=path))
    if as_json:
        emit_json(docs.ValidationReport(valid=not bad, files=verdicts))
    if bad:
        raise SystemExit(EXIT_INVALID)


# -- template -----------------------------------------------------------------------------------------------
@cli.command(help="cli.help.template")
@click.argument("checklist_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "xlsx"]),
    help="cli.help.template.format",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="cli.help.template.output"
)
@lang_option("cli.help.template.lang")
@json_option("template")
def template(checklist_id: str, fmt: str | None, output: Path, lang: str, as_json: bool) -> None:
    """Write a blank questionnaire for a checklist."""
    from .files import atomic_write

    _require_file_name(output, f"{checklist_id}.yaml", lang)
    fmt = _template_format(fmt, output, lang)
    checklist = api.load_checklist(checklist_id)
    written = [docs.WrittenFile(path=str(output), role="questionnaire")]
    if fmt == "xlsx":
        from .xlsx.template import write_template

        write_template(checklist, output, lang=lang)
    else:
        from .schemas import schema_path
        from .templates import SCHEMA_FILE, yaml_template

        with atomic_write(output) as out:
            out.write(yaml_template(checklist, lang).encode("utf-8"))
        # The questionnaire's first line names this file: editors validate and complete the answers with it.
        with atomic_write(output.parent / SCHEMA_FILE) as out:
            out.write(schema_path("answers").read_bytes())
        written.append(docs.WrittenFile(path=str(output.parent / SCHEMA_FILE), role="schema"))
    if as_json:
        reference = docs.ChecklistRef(id=checklist.id, version=checklist.version, sha256=checklist.sha256)
        emit_json(docs.TemplateWritten(checklist=reference, format=fmt, lang=lang, files=written))
        return
    status(message("cli.status.wrote", lang, path=output))
    for extra in written[1:]:  # the answers schema beside a YAML questionnaire: said, not written silently
        status(message("cli.status.wrote_schema", lang, path=extra.path))


def _require_file_name(output: Path, example: str, lang: str) -> None:
    """-o names the file to write: a folder is refused (wrong usage), with a file name in it as the example."""
    if output.is_dir():
        raise click.UsageError(
            message("cli.usage.output_is_folder", lang, path=output, example=output / example)
        )


_TEMPLATE_SUFFIXES = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}


def _template_format(fmt: str | None, output: Path, lang: str) -> str:
    """The format follows the output's suffix, as for ``report``; a --format that contradicts it is refused."""
    by_suffix = _TEMPLATE_SUFFIXES.get(output.suffix.lower())
    if fmt is not None and by_suffix is not None and fmt != by_suffix:
        raise click.UsageError(message("cli.usage.format_mismatch", lang, format=fmt, name=repr(output.name)))
    return fmt or by_suffix or "yaml"


# -- score / report -----------------------------------------------------------------------------------------
def _checklist_option(function: F) -> F:
    return click.option(
        "--checklist",
        "checklist_ref",
        metavar="cli.help.metavar.id_or_path",
        help="cli.help.option.checklist",
    )(function)


def _score_file(path: Path, strategy: str, checklist_ref: str | None) -> Any:
    from .programme.inputs import result_from_file

    checklist = api.load_checklist(checklist_ref) if checklist_ref else None
    return result_from_file(path, strategy=strategy, checklist=checklist)


def _summary_line(path: Path, result: Any, lang: str) -> str:
    """One line per file, every verdict in words; numbers rounded once, half up."""
    from .exporters.report_view import ReportView

    view = ReportView(result, lang)
    statuses = [(item.status, item.na_kind) for item in result.items if item.scored]
    return message(
        "cli.score_line",
        lang,
        path=path,
        overall=view.score(result.overall.score),
        maturity=view.maturity(result.overall.maturity_level),
        readiness=view.readiness(),
        lab=view.score(result.lab.score),
        verdict=view.lab_verdict(),
        completeness=view.completeness(),
        lab_completeness=view.lab_completeness(),
        unanswered=statuses.count(("unanswered", None)),
        excluded=statuses.count(("not-applicable", "excluded")),
        not_triggered=statuses.count(("not-applicable", "not-triggered")),
        **result.finding_counts(),
    )


@cli.command(help="cli.help.score")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--strategy", type=STRATEGIES, default=api.DEFAULT_STRATEGY, show_default=True, help=STRATEGY_HELP
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help=catalogued("cli.help.score.json", schema="result-compact"),
)
@click.option("--jsonl", is_flag=True, help="cli.help.score.jsonl")
@click.option(
    "--full",
    is_flag=True,
    help="cli.help.score.full",
)
@lang_option()
@_checklist_option
def score(
    files: Sequence[Path],
    strategy: str,
    as_json: bool,
    jsonl: bool,
    full: bool,
    lang: str,
    checklist_ref: str | None,
) -> None:
    """Score answer files and print the scores."""
    from .commands.results import ResultPrinter, score_file

    if as_json and jsonl:
        raise click.UsageError(message("cli.usage.json_or_jsonl", lang))
    if full and not (as_json or jsonl):
        raise click.UsageError(message("cli.usage.full_needs_json", lang))
    api.get_strategy(strategy)  # an unknown strategy is a usage error, before any file is read
    checklist = api.load_checklist(checklist_ref) if checklist_ref else None
    printer = ResultPrinter(full=full, lines=jsonl, single=len(files) == 1) if as_json or jsonl else None
    bad = 0
    for path in files:
        try:
            result, scored_against = score_file(path, strategy, checklist)
        except InvalidInputError as exc:
            bad += 1
            if (click.get_current_context().find_root().obj or {}).get("debug"):
                traceback.print_exception(exc)  # --debug: the trace too, and the other files still scored
            for problem in exc.problems:
                click.echo(problem.localized(lang), err=True)
            continue
        if printer is not None:
            printer.add(result, scored_against)
        else:
            click.echo(_summary_line(path, result, lang))
    if printer is not None:
        printer.close()
    if bad:
        raise SystemExit(EXIT_INVALID)


def _font_option(help: str) -> Callable[[F], F]:
    """``--font PATH`` (or ISO9001ASSESS_FONT), shared by every command that writes a PDF."""
    return click.option("--font", type=click.Path(path_type=Path), envvar="ISO9001ASSESS_FONT", help=help)


@cli.command(help="cli.help.report")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="cli.help.option.report_output"
)
@click.option(
    "--format",
    "fmt",
    type=RegisteredName("exporters"),
    help="cli.help.report.format",
)
@lang_option()
@click.option("--baseline", type=click.Path(path_type=Path), help="cli.help.report.baseline")
@click.option(
    "--strategy", type=STRATEGIES, default=api.DEFAULT_STRATEGY, show_default=True, help=STRATEGY_HELP
)
@_font_option("cli.help.option.font")
@db_option("cli.help.report.db")
@_checklist_option
def report(
    file: Path,
    output: Path,
    fmt: str | None,
    lang: str,
    baseline: Path | None,
    strategy: str,
    font: Path | None,
    db_url: str | None,
    checklist_ref: str | None,
) -> None:
    """Write the diagnostic report of one enterprise (a follow-up's shows its progress since the baseline)."""
    _require_file_name(output, file.stem + ".pdf", lang)
    if fmt is None and not output.suffix:
        raise click.UsageError(message("cli.usage.output_no_suffix", lang, path=output))
    name = fmt or api.exporter_for_path(output)
    api.get_exporter(name)
    result = _score_file(file, strategy, checklist_ref)
    baseline_result = _score_file(baseline, strategy, checklist_ref) if baseline else None
    if baseline_result is None and result.assessment.kind == "follow-up":
        baseline_result = _found_baseline(file, result, strategy, checklist_ref, db_url)
        if baseline_result is None:
            # Said, not silent: without it the report simply lacks its progress chapter.
            from .commands.options import store_label
            from .store.connection import resolve_url

            where = store_label(resolve_url(db_url)) if db_url else str(file.absolute().parent)
            click.echo(message("cli.report.no_baseline", lang, path=file, where=where), err=True)
    if baseline_result is not None:
        from .comparison import comparison_problems

        problems = comparison_problems(baseline_result, result, (str(baseline), str(file)))
        if problems:
            raise InvalidInputError(problems)
    extra: dict[str, Any] = {}
    if db_url and result.assessment.kind == "follow-up":
        from .store import Store

        with Store(db_url, create=False) as store:
            extra["plan_state"] = store.plan_state_for(result)  # the plan's state, shown with the progress
    api.export(result, output, format=name, lang=lang, baseline=baseline_result, font=font, **extra)
    status(message("cli.status.wrote", lang, path=output))


def _found_baseline(
    file: Path, result: Any, strategy: str, checklist_ref: str | None, db_url: str | None
) -> Any:
    """A follow-up's baseline from the store when one is given, else from the answer files beside it."""
    if db_url:
        from .store import Store

        with Store(db_url, create=False) as store:
            return store.baseline_for(result)
    from .programme.pairing import baseline_in_folder

    checklist = api.load_checklist(checklist_ref) if checklist_ref else None
    return baseline_in_folder(file, result, strategy, checklist)


# -- programme: batch, compare, portfolio --------------------------------------------------------------------
def _portfolio_options(function: F) -> F:
    """The benchmark-enterprise rule and the weak-clause threshold, shared by ``batch`` and ``portfolio``."""
    options = [
        click.option(
            "--min-overall",
            type=click.FloatRange(0, 100),
            default=80.0,
            show_default=True,
            help="cli.help.option.min_overall",
        ),
        click.option(
            "--max-major",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help="cli.help.option.max_major",
        ),
        click.option(
            "--max-minor",
            type=click.IntRange(min=0),
            default=None,
            help="cli.help.option.max_minor",
        ),
        click.option(
            "--require-lab/--no-require-lab",
            default=True,
            show_default=True,
            help="cli.help.option.require_lab",
        ),
        click.option(
            "--min-lab",
            type=click.FloatRange(0, 100),
            default=70.0,
            show_default=True,
            help="cli.help.option.min_lab",
        ),
        click.option(
            "--top",
            type=click.IntRange(min=1),
            default=30,
            show_default=True,
            help="cli.help.option.top",
        ),
        click.option(
            "--weak-below",
            type=click.FloatRange(0, 100),
            default=60.0,
            show_default=True,
            help="cli.help.option.weak_below",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _build_options(kwargs: dict[str, Any]) -> Any:
    from .programme.benchmark import BenchmarkRule
    from .programme.portfolio import PortfolioOptions

    rule = BenchmarkRule(
        min_overall=kwargs.pop("min_overall"),
        max_major=kwargs.pop("max_major"),
        max_minor=kwargs.pop("max_minor"),
        require_lab=kwargs.pop("require_lab"),
        min_lab=kwargs.pop("min_lab"),
        top=kwargs.pop("top"),
    )
    return PortfolioOptions(rule=rule, weak_threshold=kwargs.pop("weak_below"))


def _format_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _failure_echo(lang: str) -> Callable[[Any], None]:
    """Each bad input's problems on stderr as the batch meets them, in the command's language."""

    def echo(failure: Any) -> None:
        for problem in (*failure.problems, *failure.plugin):
            click.echo(problem.localized(lang), err=True)

    return echo


@contextmanager
def _executor(address: str | None) -> Iterator[Any]:
    """The Dask executor at ``address`` (None: local worker processes); its client closes with the block."""
    if not address:
        yield None
        return
    from .programme.runner import dask_executor

    executor, client = dask_executor(address)
    try:
        yield executor
    finally:
        client.close()


_SCHEDULER_SCHEMES = ("tcp", "tls", "ucx", "ws", "wss")


def _scheduler_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A Dask scheduler's address, checked before anything runs: a wrong one is a bad option value."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    lang = command_language()  # --lang is eager: read already
    shown = repr(value)
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise click.BadParameter(message("cli.usage.executor_not_address", lang, value=shown)) from None
    if parts.scheme not in _SCHEDULER_SCHEMES:
        hint = message("cli.usage.executor_dashboard", lang) if parts.scheme in ("http", "https") else ""
        raise click.BadParameter(message("cli.usage.executor_scheme", lang, value=shown, hint=hint))
    if not parts.hostname or port is None:
        raise click.BadParameter(message("cli.usage.executor_host_port", lang, value=shown))
    if parts.scheme in ("tls", "wss") and not _dask_tls_configured():
        raise click.BadParameter(message("cli.usage.executor_tls", lang, value=shown, scheme=parts.scheme))
    return value


def _dask_tls_configured() -> bool:
    try:
        import dask.config
    except ImportError:
        return True  # the missing package is reported when the cluster is reached
    return bool(dask.config.get("distributed.comm.tls.ca-file", default=None))


_executor_option = click.option(
    "--executor",
    "executor_url",
    metavar="cli.help.metavar.url",
    callback=_scheduler_address,
    help="cli.help.option.executor",
)
_jobs_option = click.option("--jobs", type=click.IntRange(min=1), help="cli.help.option.jobs")


@cli.command(help="cli.help.batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="cli.help.batch.output")
@_jobs_option
@click.option(
    "--formats",
    type=RegisteredName("exporters", separated=True),
    default="pdf,json",
    show_default=True,
    help="cli.help.batch.formats",
)
@_executor_option
@lang_option()
@click.option(
    "--strategy", type=STRATEGIES, default=api.DEFAULT_STRATEGY, show_default=True, help=STRATEGY_HELP
)
@_font_option("cli.help.option.font")
@click.option("--force", is_flag=True, help="cli.help.batch.force")
@click.option("--skip-existing", is_flag=True, hidden=True, help="cli.help.batch.skip_existing")
@db_option("cli.help.batch.db")
@click.option(
    "--issued-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="cli.help.batch.issued_on",
)
@click.option(
    "--portfolio-formats",
    default="pdf",
    show_default=True,
    help="cli.help.batch.portfolio_formats",
)
@_checklist_option
@json_option("batch")
@_portfolio_options
def batch(
    inputs: Sequence[Path],
    output: Path,
    jobs: int | None,
    formats: str,
    executor_url: str | None,
    lang: str,
    strategy: str,
    font: Path | None,
    force: bool,
    skip_existing: bool,
    db_url: str | None,
    issued_on: dt.datetime | None,
    portfolio_formats: str,
    checklist_ref: str | None,
    as_json: bool,
    **rule: Any,
) -> None:
    """Diagnose every answer file in DIR: one report each, summary.csv, errors.txt, the portfolio.

    Reports already in OUTDIR made from the same inputs are kept; a follow-up's report shows its progress
    since the enterprise's baseline (among the inputs, else in the store given with --db).
    """
    from contextlib import ExitStack

    from .programme.batch import batch as run_batch

    options = _build_options(rule)
    chosen = _format_list(formats)
    hands_over = "pdf" in chosen or "plan" in chosen  # a baseline's plan goes out in its report or tracker
    if issued_on is not None and not (db_url and hands_over):
        raise click.UsageError(message("cli.usage.issued_on_unused", lang))
    say_skipped(inputs, lang)
    with ExitStack() as stack:
        executor = stack.enter_context(_executor(executor_url))
        recorder = stack.enter_context(_BatchRecorder(db_url)) if db_url else None
        report = run_batch(
            inputs,
            output,
            # With a store, the trackers are written from it once every file is recorded (below).
            formats=[fmt for fmt in chosen if not (recorder and fmt == "plan")],
            jobs=jobs,
            executor=executor,
            strategy=strategy,
            checklist=checklist_ref,
            lang=lang,
            font=font,
            force=force,
            portfolio_formats=_format_list(portfolio_formats),
            portfolio_options=options,
            progress=False if is_quiet() else None,
            on_failure=_failure_echo(lang),
            on_scored=recorder.record if recorder else None,
            baseline_lookup=recorder.store.baseline_reference if recorder else None,
            plan_state_lookup=recorder.store.plan_state_reference if recorder else None,
        )
        if recorder:
            day = issued_on.date() if issued_on else None
            if day is not None and hands_over:
                recorder.check_issued_on(report, day, lang)  # before any tracker is written or plan marked
            if "plan" in chosen:
                report.written += recorder.write_trackers(report, output, lang)
            recorder.plans_issued(report, hands_over, day)
    if as_json:
        emit_json(docs.batch_document(report))
    else:
        done = message(
            "cli.status.batch_done",
            lang,
            diagnosed=len(report.summaries),
            count=report.inputs,
            output=output,
            written=report.written,
        )
        kept = message("cli.status.batch_kept", lang, kept=report.kept) if report.kept else ""
        status(done + kept)
        status(message("cli.status.summary", lang, path=report.summary_path))
        for path in report.portfolio_paths:
            status(message("cli.status.portfolio", lang, path=path))
        if recorder:
            status(recorder.summary(lang, bad=len(report.failures)))
        if report.failures:
            bad = message("cli.status.bad_inputs", lang, count=len(report.failures), path=report.errors_path)
            click.echo(bad, err=True)
        if report.plugin_failures:
            failed = len(report.plugin_failures)
            click.echo(
                message("cli.status.plugin_failed_inputs", lang, count=failed, path=report.errors_path),
                err=True,
            )
    if report.plugin_failures:  # the environment (a plugin) failed: 3, as for any environment failure
        raise SystemExit(EXIT_ENVIRONMENT)
    if report.failures:
        raise SystemExit(EXIT_INVALID)


class _BatchRecorder:
    """``batch --db``: every scored answers file recorded in the store as it comes; after the batch, the
    baselines whose PDF report (with its improvement plan) was written are marked ``plan-issued``."""

    def __init__(self, url: str) -> None:
        from .commands.options import store_label
        from .store import Store

        self.store = Store(url)
        self.shown = store_label(self.store.url)
        self.enterprises: dict[str, int] = {}
        self.statuses: dict[str, int] = {}

    def __enter__(self) -> _BatchRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    def record(self, scored: Any) -> None:
        outcome = self.store.record(scored)
        self.enterprises[Path(scored.source_name).stem] = outcome.enterprise_id
        self.statuses[outcome.status] = self.statuses.get(outcome.status, 0) + 1

    def write_trackers(self, report: Any, output: Path, lang: str) -> int:
        """``--formats plan``: each enterprise's action tracker from the store, next to the report of its
        latest assessment (an older assessment in the same batch gets none: the plan moved on)."""
        from .programme.inputs import output_name

        written = 0
        for summary in report.summaries:
            enterprise = self.enterprises.get(summary.source)
            latest = self.store.latest(enterprise) if enterprise is not None else None
            if latest is None or (latest.kind, latest.date) != (
                summary.assessment_kind,
                summary.assessment_date,
            ):
                continue
            target = output / output_name(summary.source, "plan")
            try:
                self.store.write_tracker(enterprise, target, lang)  # type: ignore[arg-type]
            except OSError as exc:
                raise EnvironmentFailure(
                    said("errors.run.cannot_write", path=target, reason=os_reason(exc))
                ) from None
            written += 1
        return written

    def baselines(self, report: Any) -> Iterator[tuple[Any, int]]:
        """Each baseline diagnosed and recorded, with its enterprise: the plans the batch hands over."""
        for summary in report.summaries:
            enterprise = self.enterprises.get(summary.source)
            if summary.assessment_kind == "baseline" and enterprise is not None:
                yield summary, enterprise

    def check_issued_on(self, report: Any, day: dt.date, lang: str) -> None:
        """``--issued-on``: as for ``plan``, a plan cannot be handed over before the assessment it comes from.
        Any baseline dated after ``day`` is named on stderr, and nothing is marked (exit 2)."""
        early = [
            summary
            for summary, _ in self.baselines(report)
            if summary.assessment_date is not None and summary.assessment_date > day
        ]
        if not early:
            return
        kind = message("errors.compare.kind.baseline", lang)  # in a sentence
        for summary in early:
            reason = message(
                "cli.usage.issued_before_assessment", lang, day=day, kind=kind, date=summary.assessment_date
            )
            click.echo(
                message(
                    "cli.usage.issued_before_of",
                    lang,
                    source=summary.source,
                    name=summary.name,
                    reason=reason,
                ),
                err=True,
            )
        latest = max(summary.assessment_date for summary in early)
        raise click.BadParameter(
            message("cli.usage.issued_before_baselines", lang, day=day, count=len(early), latest=latest),
            param_hint="--issued-on",
        )

    def plans_issued(self, report: Any, wrote_pdf: bool, day: dt.date | None = None) -> None:
        """The baselines' plans handed over (their report or tracker written), dated ``day`` (default today)."""
        if not wrote_pdf:
            return
        for _summary, enterprise in self.baselines(report):
            self.store.mark_plan_issued(enterprise, day)

    def summary(self, lang: str, bad: int) -> str:
        """What was recorded, in the words ``ingest`` uses."""
        counts = {status: self.statuses.get(status, 0) for status in ("added", "superseded", "unchanged")}
        return message("store.ingest.summary", lang, store=self.shown, bad=bad, **counts)


@cli.command(help="cli.help.compare")
@click.argument("baseline", type=click.Path(path_type=Path))
@click.argument("followup", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="cli.help.compare.output")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "pdf"]),
    help="cli.help.compare.format",
)
@lang_option()
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="cli.help.compare.depth",
)
@click.option(
    "--strategy", type=STRATEGIES, default=api.DEFAULT_STRATEGY, show_default=True, help=STRATEGY_HELP
)
@_font_option("cli.help.option.font_pdf")
@_checklist_option
@json_option("comparison")
def compare(
    baseline: Path,
    followup: Path,
    output: Path | None,
    fmt: str | None,
    lang: str,
    depth: int,
    strategy: str,
    font: Path | None,
    checklist_ref: str | None,
    as_json: bool,
) -> None:
    """Compare a baseline and a follow-up: score deltas, maturity change, findings closed/new/persisting."""
    from .files import atomic_write
    from .programme.compare import compare_files, comparison_json, comparison_text

    if as_json and (output is not None or fmt not in (None, "json")):
        raise click.UsageError(message("cli.usage.compare_json", lang))
    if fmt is None:
        suffix = output.suffix.lower() if output else ""
        fmt = {".json": "json", ".pdf": "pdf"}.get(suffix, "text")
    if fmt == "pdf" and output is None:
        raise click.UsageError(message("cli.usage.pdf_needs_output", lang))
    api.get_strategy(strategy)
    checklist = api.load_checklist(checklist_ref) if checklist_ref else None
    comparison = compare_files(baseline, followup, strategy=strategy, checklist=checklist)
    if as_json:
        emit_json(comparison)
        return
    if fmt == "pdf":
        from .programme.compare_pdf import write_comparison_pdf

        assert output is not None
        write_comparison_pdf(comparison, output, lang=lang, font=font)
    else:
        data = (
            comparison_json(comparison)
            if fmt == "json"
            else comparison_text(comparison, lang, depth).encode()
        )
        if output is None:
            click.echo(data.decode("utf-8"), nl=False)
            return
        with atomic_write(output) as out:
            out.write(data)
    status(message("cli.status.wrote", lang, path=output))


@cli.command(help="cli.help.portfolio")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="cli.help.option.report_output"
)
@click.option("--format", "fmt", type=click.Choice(["pdf", "csv", "json"]), help="cli.help.portfolio.format")
@lang_option()
@_jobs_option
@_executor_option
@click.option(
    "--strategy", type=STRATEGIES, default=api.DEFAULT_STRATEGY, show_default=True, help=STRATEGY_HELP
)
@_font_option("cli.help.option.font_pdf")
@_checklist_option
@_portfolio_options
def portfolio(
    inputs: Sequence[Path],
    output: Path,
    fmt: str | None,
    lang: str,
    jobs: int | None,
    executor_url: str | None,
    strategy: str,
    font: Path | None,
    checklist_ref: str | None,
    **rule: Any,
) -> None:
    """The agency's portfolio report of answer files or JSON results (files or directories)."""
    from .programme.portfolio import build_portfolio
    from .programme.portfolio_export import portfolio_format_for, write_portfolio
    from .programme.sources import gather_summaries

    fmt = fmt or portfolio_format_for(output)
    api.get_strategy(strategy)
    options = _build_options(rule)
    say_skipped(inputs, lang)
    with _executor(executor_url) as executor:
        gathered = gather_summaries(
            inputs,
            jobs=jobs,
            executor=executor,
            strategy=strategy,
            checklist=checklist_ref,
            progress=False if is_quiet() else None,
            on_failure=_failure_echo(lang),
            lang=lang,
        )
    if gathered.summaries:
        portfolio = build_portfolio(gathered.summaries, options, gathered.titles)
        write_portfolio(portfolio, output, format=fmt, lang=lang, font=font)
        status(message("cli.status.wrote_portfolio", lang, path=output, count=len(gathered.summaries)))
    if gathered.failures:
        click.echo(message("cli.status.bad_inputs_plain", lang, count=len(gathered.failures)), err=True)
        raise SystemExit(EXIT_INVALID)


# -- plugins ------------------------------------------------------------------------------------------------
@cli.command(help="cli.help.plugins")
@lang_option()
@json_option("plugins")
def plugins(lang: str, as_json: bool) -> None:
    """List the plugins: distribution and version, hooks, what they registered, and failures."""
    from .plugin_manager import KIND_PLURALS

    registry = get_registry()
    registry.failures()  # parse and compose registered checklists, so invalid ones show as failures
    if as_json:
        listing = [docs.PluginEntry.model_validate(info.as_dict()) for info in registry.plugins.values()]
        emit_json(docs.PluginListing(listing))
        return
    for info in registry.plugins.values():
        state = "disabled" if info.disabled else ("failed" if info.failures else "ok")
        origin_key = "cli.plugins.origin." + info.origin.replace(" ", "-")
        origin = message(origin_key, lang) if has_message(origin_key) else info.origin
        # A plugin from no distribution (a local file or module, one registered in code) has no name and
        # version to show: its origin says what it is.
        packaged = info.origin not in ("local", "inline") or info.version != "-"
        line = message(
            "cli.plugins.line" if packaged else "cli.plugins.line_unpackaged",
            lang,
            name=info.name,
            distribution=info.distribution,
            version=info.version,
            origin=origin,
            state=message(f"cli.plugins.state.{state}", lang),
        )
        click.echo(line)
        if info.disabled:
            continue
        click.echo(message("cli.plugins.hooks", lang, hooks=", ".join(info.hooks) or "-"))
        for kind, names in sorted(info.registered.items()):
            plural = KIND_PLURALS.get(kind, kind)
            kind_key = f"cli.plugins.kind.{plural}"
            words = message(kind_key, lang) if has_message(kind_key) else plural
            click.echo(message("cli.plugins.registered", lang, kind=words, names=", ".join(names)))
        for failure in info.failures_in(lang):  # our words in lang; the plugin's own reason as it is
            click.echo(message("cli.plugins.failure", lang, failure=failure))


cli.add_command(schema)


# -- demo ---------------------------------------------------------------------------------------------------
@cli.command(help="cli.help.demo")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="cli.help.demo.output",
)
@lang_option()
@click.option(
    "--enterprises",
    type=click.IntRange(min=0),
    default=400,
    show_default=True,
    help="cli.help.demo.enterprises",
)
def demo(output: Path, lang: str, enterprises: int) -> None:
    """The whole job on the bundled sample enterprises, then a generated programme year with its staged
    progress reports (6/20 and 11/20, the province and one city)."""
    from .programme.demo import run_demo
    from .staged.demo import run_programme_demo

    for line in run_demo(output, lang=lang):
        status(line)
    if enterprises:
        for line in run_programme_demo(output, lang=lang, enterprises=enterprises):
            status(line)


# -- commands kept in modules of their own ------------------------------------------------------------------
cli.add_command(_ingest_command)
cli.add_command(_enterprises_command)
cli.add_command(_plan_command)
cli.add_command(_programme_command)
cli.add_command(_progress_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    try:
        _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        if argv is None:  # the process's own command line: it ends right after this
            leave_the_heap_to_the_system()


def _main(args: list[str]) -> None:
    debug = "--debug" in args
    lang = reader_language(args)
    warnings.showwarning = show_warning
    try:
        with log_to_stderr(), fewer_collections():
            cli.main(args=args, prog_name="iso9001assess", standalone_mode=False)
    except click.exceptions.Abort:  # click's word for Ctrl-C (KeyboardInterrupt) and end of input
        click.echo(message("cli.interrupted", lang), err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except click.UsageError as exc:  # said in the reader's language, from the error's fields
        show_usage_error(exc, lang)
        raise SystemExit(EXIT_USAGE) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except Iso9001AssessError as exc:
        if debug:
            raise
        _fail(exc, lang)
    except (KeyboardInterrupt, BrokenPipeError):
        raise SystemExit(EXIT_INTERRUPTED) from None
    except OSError as exc:  # inputs that cannot be read are reported as invalid input where they are read
        if debug:
            raise
        click.echo(message("cli.error", lang, message=exc), err=True)
        raise SystemExit(EXIT_ENVIRONMENT) from None
