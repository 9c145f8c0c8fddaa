"""``programme validate FILE...``: check programme files (structure and the rules between fields)."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..i18n import message
from . import documents as docs
from .help import CatalogueGroup
from .options import json_option, lang_option
from .output import emit_json

EXIT_INVALID = 1


@click.group(cls=CatalogueGroup, help="cli.help.programme")
def programme() -> None:
    """Programme files: period, targets and city quotas, clusters, phases, staged reports, acceptance rule."""


@programme.command("validate", help="cli.help.programme.validate")
@click.argument("files", nargs=-1, required=True)
@lang_option()
@json_option("validation")
def programme_validate(files: Sequence[str], lang: str, as_json: bool) -> None:
    """Check programme files (a path, or a bundled programme's id such as gd-2022-qms): every problem with
    its file:line:column; exit 1 when any file is invalid."""
    from ..errors import NotFoundError
    from ..loading.programme import programme_path, validate_programme_file
    from ..plugin_manager import get_registry

    get_registry()  # the plugins' words first: a cluster may list an industry a plugin adds
    bad = 0
    verdicts = []
    for name in files:
        try:
            shown = str(programme_path(name))
        except NotFoundError as exc:
            raise click.BadParameter(exc.localized(lang), param_hint="FILES") from None
        problems = validate_programme_file(name)
        verdicts.append(docs.FileValidation(path=shown, valid=not problems, problems=docs.problems(problems)))
        if problems:
            bad += 1
            for problem in problems:
                click.echo(problem.localized(lang), err=True)
        elif not as_json:
            click.echo(message("progress.programme_valid", lang, path=shown))
    if as_json:
        emit_json(docs.ValidationReport(valid=not bad, files=verdicts))
    if bad:
        raise SystemExit(EXIT_INVALID)
