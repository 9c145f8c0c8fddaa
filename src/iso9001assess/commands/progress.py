"""``progress --programme FILE -o OUT``: the staged progress report of a programme from its store."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..i18n import locale, message, said
from .help import CatalogueCommand
from .options import chosen_city, db_option, json_option, lang_option
from .output import emit_json, is_quiet, status

if TYPE_CHECKING:
    from ..models.progress import ProgressFigures
    from ..staged.report import CityNote

SHOWN_NOTES = 10  # enterprises named in a city note; the rest are counted


@click.command(cls=CatalogueCommand, help="cli.help.progress")
@click.option(
    "--programme",
    "programme_name",
    required=True,
    metavar="cli.help.metavar.file",
    help="cli.help.progress.programme",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="cli.help.progress.as_of",
)
@click.option(
    "--city",
    help="cli.help.progress.city",
)
@click.option(
    "--narrative",
    "narrative_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="cli.help.progress.narrative",
)
@click.option(
    "--keep-narrative",
    is_flag=True,
    help="cli.help.progress.keep_narrative",
)
@db_option()
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="cli.help.progress.output",
)
@lang_option("cli.help.progress.lang")
@json_option("progress")
def progress(
    programme_name: str,
    as_of: dt.datetime | None,
    city: str | None,
    narrative_file: Path | None,
    keep_narrative: bool,
    db_url: str | None,
    outputs: Sequence[Path],
    lang: str,
    as_json: bool,
) -> None:
    """The staged progress report (as of a date, of the province or one city): figures against the targets
    and quotas, by city, cluster and size, the change since the previous staged report, acceptance, benchmark
    candidates, and the narrative sections (drafted from the data where none is given)."""
    from ..api import load_programme
    from ..staged.outputs import RENDERERS, format_of, render
    from ..staged.report import progress_report
    from ..store import Store

    if not outputs and not as_json:
        raise click.UsageError(message("cli.usage.progress_output", lang))
    if keep_narrative and narrative_file is None:
        raise click.UsageError(message("cli.usage.keep_narrative", lang))
    for path in outputs:
        fmt = format_of(path)
        if fmt not in RENDERERS:
            raise click.BadParameter(
                message(
                    "progress.format_unavailable",
                    lang,
                    format=fmt or "?",
                    available=", ".join(sorted(RENDERERS)),
                ),
                param_hint="-o",
            )
    programme = load_programme(programme_name)
    day = as_of.date() if as_of else None
    # --city is one of the programme's cities when it lists them, else of the store's enterprises.
    listed = programme.city_index
    if listed is not None:
        city = chosen_city(city, listed, lang, of_programme=True)
    notes: list[CityNote] = []
    with Store(db_url, create=False) as store:
        if listed is None:
            city = chosen_city(city, store.cities(), lang)
        report = progress_report(store, programme, day, city, lang, narrative_file, notes)
        if keep_narrative:
            kept: dict[str, str] = {s.key: s.text for s in report.narrative.sections if s.source == "file"}
            store.set_narrative(programme.id, city, report.figures.as_of, lang, kept)
    if as_of is None:
        _warn_outside_period(report.figures.as_of, programme.period.start, programme.period.end)
    _say_unclustered(report.figures, bool(programme.clusters), lang)
    _say_city_notes(notes, lang)
    if report.figures.unpaired_follow_ups and not is_quiet():
        click.echo(
            message("progress.unpaired_follow_ups", lang, count=report.figures.unpaired_follow_ups), err=True
        )
    scope = city or message("progress.province", lang)
    for path in outputs:
        render(report.figures, report.narrative, lang, path)
        if not as_json:  # stdout holds the one JSON document
            status(
                message(
                    "progress.written",
                    lang,
                    path=str(path),
                    date=report.figures.as_of.isoformat(),
                    scope=scope,
                )
            )
    if as_json:
        emit_json(report)


def _warn_outside_period(today: dt.date, start: dt.date, end: dt.date) -> None:
    """Figures as of today (no --as-of) for a programme whose period is over, or not begun, are rarely what
    was meant: say so on stderr (the report itself is unchanged), with the option that picks the date. Logged
    as words (a Text), so the whole line, the level's word included, is in the command's language."""
    if start <= today <= end:
        return
    key = "progress.today_after_period" if today > end else "progress.today_before_period"
    logging.getLogger("iso9001assess").warning(said(key, today=today, start=start, end=end))


def _say_unclustered(figures: ProgressFigures, has_clusters: bool, lang: str) -> None:
    """On stderr: how many enterprises fall in no cluster of a programme that has clusters (their industry is
    written in a way no cluster covers), so that an empty cluster table is not mistaken for no enterprises."""
    outside = sum(group.counts.enrolled for group in figures.by_cluster if group.key is None)
    if has_clusters and outside and not is_quiet():
        click.echo(message("progress.unclustered", lang, count=outside), err=True)


def _say_city_notes(notes: list[CityNote], lang: str) -> None:
    """On stderr: the enterprises whose city is not written as one of the programme's, and how they were
    counted (under the programme's city it means, or in a row of their own outside the programme's cities)."""
    folded = [n for n in notes if n.counted_as is not None]
    outside = [n for n in notes if n.counted_as is None]
    for key, found in (("progress.city_folded", folded), ("progress.city_outside", outside)):
        if not found:
            continue
        named = [
            message("progress.city_note_entry", lang, name=n.name, written=n.written, city=n.counted_as or "")
            if n.counted_as
            else message("progress.city_note_outside", lang, name=n.name, written=n.written)
            for n in found[:SHOWN_NOTES]
        ]
        more = len(found) - len(named)
        listing = locale(lang).join(named)
        if more:
            listing = message("progress.city_note_more", lang, listing=listing, count=more)
        click.echo(message(key, lang, count=len(found), listing=listing), err=True)
