"""``ingest FILE_OR_DIR...``: validate, score and record answer files in the programme store."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Problem
from ..i18n import message
from .choices import RegisteredName
from .help import CatalogueCommand
from .options import db_option, lang_option
from .output import say_skipped

if TYPE_CHECKING:
    from ..store import IngestOutcome, Store, TrackerOutcome

EXIT_INTERRUPTED = 130  # as every command interrupted by Ctrl-C


def _warn_unpaired(store: Store, outcomes: Sequence[IngestOutcome], lang: str) -> None:
    """On stderr: each enterprise this run recorded an assessment of whose latest follow-up has no baseline
    dated on or before it (none yet, or a date typo puts the follow-up first): progress does not count it as
    followed up, and acceptance says it has no baseline. One read of the register, not one per file."""
    recorded = {o.enterprise_id: o for o in outcomes if o.status != "unchanged"}
    if not recorded:
        return
    for record in store.enterprises():
        follow_up, baseline = record.follow_up, record.baseline
        if record.id not in recorded or follow_up is None:
            continue
        if baseline is not None and baseline.date <= follow_up.date:
            continue
        source = next(
            (o.source for o in outcomes if o.assessment_id == follow_up.id), recorded[record.id].source
        )
        values = {"source": source, "name": record.name, "date": follow_up.date.isoformat()}
        if baseline is None:
            said = message("store.ingest.follow_up_without_baseline", lang, **values)
        else:
            said = message(
                "store.ingest.follow_up_before_baseline", lang, baseline=baseline.date.isoformat(), **values
            )
        logging.getLogger("iso9001assess").warning("%s", said)


@click.command(cls=CatalogueCommand, help="cli.help.ingest")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option()
@click.option(
    "--strategy",
    type=RegisteredName("strategies"),
    default="weighted",
    show_default=True,
    help="cli.help.option.strategy",
)
@lang_option()
@click.option("-q", "--quiet", is_flag=True, help="cli.help.ingest.quiet")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="cli.help.ingest.jobs",
)
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="cli.help.ingest.on",
)
def ingest(
    sources: Sequence[Path],
    db_url: str | None,
    strategy: str,
    lang: str,
    quiet: bool,
    jobs: int | None,
    on: dt.datetime | None,
) -> None:
    """Record answer files (.yaml .json .xlsx; directories: their answer files) in the programme store,
    and apply filled action tracker workbooks (made by `plan`; recognised by their hidden binding sheet).

    Each file is validated and scored as batch does; a bad one is named on stderr and nothing is written for
    it (exit 1). The same content twice changes nothing; a corrected file for the same enterprise, kind and
    date supersedes the earlier version, which stays in the history. A tracker is checked whole against
    the store (problems listed by sheet and cell, nothing written when any is bad); status changes join each
    action's history dated --on (default today); the same tracker twice changes nothing.

    Files are scored on worker processes (--jobs) while this process records them, in the order given.
    """
    from ..store import IngestInterrupted, Store
    from .options import store_label

    # Outcomes printed so far: a second Ctrl-C while a transaction's outcomes are printed leaves the rest.
    printed = 0

    def shown(outcome: IngestOutcome) -> None:
        nonlocal printed
        if not quiet:
            old_version = outcome.status == "unchanged" and outcome.superseded_by is not None
            click.echo(
                message(
                    "store.ingest.unchanged_superseded" if old_version else f"store.ingest.{outcome.status}",
                    lang,
                    source=outcome.source,
                    enterprise=outcome.enterprise_id,
                    assessment=outcome.assessment_id,
                    earlier=outcome.supersedes,
                    current=outcome.superseded_by,
                )
            )
        printed += 1  # counted once shown: a line cut short by a Ctrl-C is printed again

    def applied(outcome: TrackerOutcome) -> None:
        if quiet:
            return
        key = "store.ingest.tracker_updated" if outcome.changed else "store.ingest.tracker_unchanged"
        click.echo(
            message(key, lang, source=outcome.source, count=outcome.changed, enterprise=outcome.enterprise_id)
        )

    def failed(_source: str, problems: tuple[Problem, ...]) -> None:
        for problem in problems:
            click.echo(problem.localized(lang), err=True)

    if not quiet:
        say_skipped(sources, lang)
    with Store(db_url) as store:
        try:
            report = store.ingest(
                *sources,
                strategy=strategy,
                on_outcome=shown,
                on_failure=failed,
                on_tracker=applied,
                on=on.date() if on else None,
                jobs=jobs,
            )
        except IngestInterrupted as exc:
            # Every file committed is listed and counted: the count is what the store kept.
            for outcome in exc.report.outcomes[printed:]:
                shown(outcome)
            click.echo(message("store.ingest.interrupted", lang, count=len(exc.report.outcomes)), err=True)
            if exc.report.trackers:
                click.echo(message("store.ingest.trackers", lang, count=len(exc.report.trackers)), err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        click.echo(
            message(
                "store.ingest.summary",
                lang,
                store=store_label(store.url),
                added=report.count("added"),
                superseded=report.count("superseded"),
                unchanged=report.count("unchanged"),
                bad=len(report.failures),
            )
        )
        if report.trackers:
            click.echo(message("store.ingest.trackers", lang, count=len(report.trackers)))
        _warn_unpaired(store, report.outcomes, lang)
    if report.failures:
        raise SystemExit(1)
