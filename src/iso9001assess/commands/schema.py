"""``iso9001assess schema NAME``: print a JSON Schema shipped with the package (``--list``: their names)."""

from __future__ import annotations

import click

from ..errors import NotFoundError
from ..schemas import schema_path, shipped_names
from .help import CatalogueCommand
from .options import lang_option


@click.command(cls=CatalogueCommand, help="cli.help.schema")
@click.argument("name", required=False)
@click.option("--list", "listing", is_flag=True, help="cli.help.schema.list")
@click.option("--path", "as_path", is_flag=True, help="cli.help.schema.path")
@lang_option("cli.help.schema.lang")
def schema(name: str | None, listing: bool, as_path: bool, lang: str) -> None:
    """Print a shipped JSON Schema: checklist, answers, result, or a command's --json document."""
    names = shipped_names()
    if listing or name is None:
        for known in names:
            click.echo(known)
        return
    if name not in names:
        raise NotFoundError("schema", name, names)
    file = schema_path(name)
    click.echo(str(file) if as_path else file.read_text(encoding="utf-8"), nl=as_path)
