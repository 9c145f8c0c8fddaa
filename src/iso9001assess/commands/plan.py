"""``plan ENTERPRISE -o plan.xlsx``: the action tracker workbook of one enterprise, from the programme store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..errors import NotFoundError
from ..i18n import message
from .help import CatalogueCommand
from .options import db_option, lang_option
from .output import status

MAX_CANDIDATES = 20


@click.command(cls=CatalogueCommand, help="cli.help.plan")
@click.argument("enterprise")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="cli.help.plan.output")
@db_option()
@click.option(
    "--issued-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="cli.help.plan.issued_on",
)
@lang_option("cli.help.plan.lang")
def plan(enterprise: str, output: Path, db_url: str | None, issued_on: dt.datetime | None, lang: str) -> None:
    """Write the action tracker workbook of ENTERPRISE (a credit code, or a name when unique).

    One row per action of its improvement plan, as the store has it: due date, owner, status, evidence and
    comments to fill in. The enterprise sends it back; `ingest FILE` applies it. Writing it hands the plan
    over: the enterprise's stage becomes plan-issued, dated --issued-on (default today).
    """
    from ..store import Store

    with Store(db_url, create=False) as store:
        try:
            store.enterprise(enterprise)
        except NotFoundError as exc:
            # An unknown key, or a name several enterprises share: name the ones it could mean.
            kind = "enterprise" if exc.kind == "enterprise" else "enterprise_named"
            candidates = store.candidates(enterprise)[:MAX_CANDIDATES]
            raise NotFoundError(kind, enterprise, candidates) from None
        day = issued_on.date() if issued_on else dt.date.today()
        # A plan cannot be handed over before the assessment it comes from: the one that opened the first plan
        # revision (after a follow-up, a backfill may still date the baseline's plan between the two).
        latest = store.first_plan(enterprise) or store.latest(enterprise)
        if latest is not None and latest.date is not None and day < latest.date:
            raise click.BadParameter(
                message(
                    "cli.usage.issued_before_assessment",
                    lang,
                    day=day,
                    kind=message(f"errors.compare.kind.{latest.kind}", lang),  # in a sentence
                    date=latest.date,
                ),
                param_hint="--issued-on",
            )
        written = store.write_tracker(enterprise, output, lang)
        store.mark_plan_issued(enterprise, day)  # the tracker goes to the enterprise: its plan is handed over
    status(message("cli.status.wrote", lang, path=written))
