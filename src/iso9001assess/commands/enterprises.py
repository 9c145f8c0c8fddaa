"""``enterprises``: the register of the programme store, with each enterprise's stage and latest scores."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from ..i18n import locale, message, vocab
from ..models.stage import STAGES
from .help import CatalogueCommand
from .options import chosen_city, db_option, json_option, lang_option, say_city_taken
from .output import emit_json

if TYPE_CHECKING:
    from ..store import AssessmentRecord, EnterpriseRecord

ACCEPTANCE = ("accepted", "not-accepted")  # judged under a programme's rule, not a stored stage


def _score(record: AssessmentRecord | None, lang: str) -> str:
    if record is None:
        return message("common.dash", lang)
    score = (
        message("common.not_available", lang)
        if record.overall is None
        else locale(lang).number(record.overall)
    )
    return message("store.score_on", lang, score=score, date=record.date.isoformat())


def _row(record: EnterpriseRecord, lang: str) -> list[str]:
    return [
        str(record.id),
        record.name,
        record.credit_code or message("common.dash", lang),
        record.city or message("common.dash", lang),
        vocab("stage", record.stage, lang),
        _score(record.baseline, lang),
        _score(record.follow_up, lang),
        str(record.actions_open),
        str(record.actions_overdue),
    ]


@click.command(cls=CatalogueCommand, help="cli.help.enterprises")
@db_option()
@click.option(
    "--city",
    help="cli.help.enterprises.city",
)
@click.option(
    "--status",
    "stage",
    type=click.Choice([*STAGES, *ACCEPTANCE]),
    help="cli.help.enterprises.status",
)
@click.option(
    "--programme",
    "programme_name",
    metavar="cli.help.metavar.file",
    help="cli.help.enterprises.programme",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="cli.help.enterprises.as_of",
)
@json_option("enterprises")
@lang_option()
def enterprises(
    db_url: str | None,
    city: str | None,
    stage: str | None,
    programme_name: str | None,
    as_of: dt.datetime | None,
    as_json: bool,
    lang: str,
) -> None:
    """The enterprise register: stage (enrolled, baseline, plan-issued, followed-up), latest scores, dates;
    with --programme, acceptance (accepted, not-accepted) under the programme's rule."""
    from ..store import Store

    if stage in ACCEPTANCE and programme_name is None:
        raise click.UsageError(message("cli.usage.status_needs_programme", lang, stage=stage))
    if as_of is not None and stage not in ACCEPTANCE:  # stages and scores are the register's, as of now
        raise click.UsageError(message("cli.usage.as_of_needs_acceptance", lang))
    from ..staged.report import city_members
    from ..store.reading import register_order

    programme = None
    if programme_name is not None:
        from ..api import load_programme

        programme = load_programme(programme_name)
    with Store(db_url, create=False) as store:
        # --city finds the enterprises `progress --city` counts: every city written for it (广州, 广州市).
        stored = store.cities()
        members: list[str | None] = [None]
        if city is not None:
            given = city
            index = programme.city_index if programme is not None else None
            if index is not None:
                city = chosen_city(given, index, lang, of_programme=True, say=False)
            else:
                chosen_city(given, stored, lang, say=False)
            assert city is not None
            written = city_members(programme, stored, city)
            say_city_taken(given, written or [city], lang)
            members = list(written)
        day = as_of.date() if as_of else None
        if stage in ACCEPTANCE:
            from ..staged.report import accepted_ids

            assert programme is not None
            accepted = accepted_ids(store, programme, day, city)
            found = [
                record
                for member in members
                for record in store.enterprises(city=member, as_of=day)
                if (record.id in accepted) == (stage == "accepted")
            ]
        else:
            found = [
                record
                for member in members
                for record in store.enterprises(city=member, stage=stage)  # type: ignore[arg-type]
            ]
        records = sorted(found, key=register_order) if len(members) > 1 else found
    if as_json:
        from ..store.records import EnterpriseListing

        emit_json(EnterpriseListing(list(records)))
        return
    header = [
        message("store.column.id", lang),
        message("vocab.field.enterprise", lang),
        message("vocab.field.credit_code", lang),
        message("store.column.city", lang),
        message("store.column.stage", lang),
        vocab("kind", "baseline", lang),
        vocab("kind", "follow-up", lang),
        message("store.column.actions_open", lang),
        message("store.column.actions_overdue", lang),
    ]
    click.echo("\t".join(header))
    for record in records:
        click.echo("\t".join(_row(record, lang)))
    click.echo(message("store.listed", lang, count=len(records)))
