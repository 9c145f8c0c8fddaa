"""``programme validate FILE...``: check programme files (structure and the rules between fields);
``programme show ID [-o FILE]``: a bundled programme's file as it is shipped, to copy and adapt."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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


@programme.command("show", help="cli.help.programme.show")
@click.argument("name", metavar="ID_OR_FILE")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="cli.help.programme.show.output",
)
@click.option("--force", is_flag=True, help="cli.help.programme.show.force")
@lang_option()
def programme_show(name: str, output: Path | None, force: bool, lang: str) -> None:
    """A programme file as it is (a bundled programme's id such as gd-2022-qms, or a path), comments
    included: printed, or written to -o FILE to copy and adapt."""
    from ..errors import NotFoundError
    from ..files import atomic_write
    from ..loading.programme import programme_path

    try:
        path = programme_path(name)
        content = path.read_bytes()
    except NotFoundError as exc:
        raise click.BadParameter(exc.localized(lang), param_hint="ID_OR_FILE") from None
    except OSError as exc:
        raise click.BadParameter(
            message("cli.programme_unreadable", lang, path=str(name), reason=exc.strerror or str(exc)),
            param_hint="ID_OR_FILE",
        ) from None
    if output is None:
        click.echo(content.decode("utf-8"), nl=False)
        return
    if output.exists() and not force:
        raise click.BadParameter(message("cli.programme_exists", lang, path=str(output)), param_hint="-o")
    with atomic_write(output) as out:
        out.write(content)
    click.echo(message("cli.programme_written", lang, path=str(output), source=str(name)), err=True)
