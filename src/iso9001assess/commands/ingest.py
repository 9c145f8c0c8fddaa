"""``ingest FILE_OR_DIR...``: validate, score and record answer files in the programme store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Problem
from ..i18n import languages, message
from .choices import RegisteredName
from .options import db_option

if TYPE_CHECKING:
    from ..store import IngestOutcome

LANGS = click.Choice(list(languages()))  # one per catalogue file


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option()
@click.option(
    "--strategy",
    type=RegisteredName("strategies"),
    default="weighted",
    show_default=True,
    help="The scoring strategy.",
)
@click.option("--lang", type=LANGS, default="zh", show_default=True, help="Language of the output.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the totals and the bad files.")
def ingest(sources: Sequence[Path], db_url: str | None, strategy: str, lang: str, quiet: bool) -> None:
    """Record answer files (.yaml .json .xlsx; directories: their answer files) in the programme store.

    Each file is validated and scored as batch does; a bad one is named on stderr and nothing is written for
    it (exit 1). The same content twice changes nothing; a corrected file for the same enterprise, kind and
    date supersedes the earlier version, which stays in the history.
    """
    from ..store import Store
    from ..store.connection import display_url

    def shown(outcome: IngestOutcome) -> None:
        if quiet:
            return
        click.echo(
            message(
                f"store.ingest.{outcome.status}",
                lang,
                source=outcome.source,
                enterprise=outcome.enterprise_id,
                assessment=outcome.assessment_id,
                earlier=outcome.supersedes,
            )
        )

    def failed(_source: str, problems: tuple[Problem, ...]) -> None:
        for problem in problems:
            click.echo(str(problem), err=True)

    with Store(db_url) as store:
        report = store.ingest(*sources, strategy=strategy, on_outcome=shown, on_failure=failed)
        click.echo(
            message(
                "store.ingest.summary",
                lang,
                store=display_url(store.url),
                added=report.count("added"),
                superseded=report.count("superseded"),
                unchanged=report.count("unchanged"),
                bad=len(report.failures),
            )
        )
    if report.failures:
        raise SystemExit(1)
