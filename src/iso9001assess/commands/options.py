"""Options shared by several commands: ``--json`` (naming its shipped schema), ``--lang`` and the programme
store's ``--db``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..i18n import languages, locale, message
from .help import catalogued
from .language import DEFAULT_CLI_LANGUAGE, LANG_ENV

if TYPE_CHECKING:
    from ..cities import CityNames

F = TypeVar("F", bound=Callable[..., Any])


def json_option(name: str) -> Callable[[F], F]:
    """``--json``: the command prints one document of the shipped schema ``name`` (its help names it)."""
    return click.option(
        "--json", "as_json", is_flag=True, help=catalogued("cli.help.option.json", schema=name)
    )


def db_option(help: str = "cli.help.option.db") -> Callable[[F], F]:
    """``--db URL`` (or ISO9001ASSESS_DB; default: programme.db in the working directory); ``help``: a catalogue
    key whose entry says so too."""
    return click.option(
        "--db",
        "db_url",
        metavar="cli.help.metavar.url",
        envvar="ISO9001ASSESS_DB",
        help=help,
    )


def lang_option(help: str = "cli.help.option.lang") -> Callable[[F], F]:
    """``--lang`` (or ISO9001ASSESS_LANG; default Chinese): one choice per catalogue file. Errors and status
    lines follow it too."""
    return click.option(
        "--lang",
        type=click.Choice(list(languages())),
        default=DEFAULT_CLI_LANGUAGE,
        envvar=LANG_ENV,
        show_default=True,
        show_envvar=True,
        is_eager=True,  # read before the other options, so their callbacks' errors speak it too
        help=help,
    )


def store_label(url: str) -> str:
    """The programme store as its reader knows it: an SQLite store's file path (``/data/programme.db``, not
    ``sqlite:////data/programme.db``); another database's URL without its password or driver
    (``postgresql://assessor@db.example/programme``)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not parsed.query:
        return database
    shown = parsed._replace(drivername=parsed.get_backend_name(), password=None)  # URL.set() keeps a None
    return shown.render_as_string(hide_password=False)


def chosen_city(
    given: str | None,
    known: CityNames | list[str],
    lang: str,
    *,
    of_programme: bool = False,
    say: bool = True,
) -> str | None:
    """``--city`` as one of the ``known`` cities by the one city rule (``iso9001assess.cities``: its name in
    any language, without its ending, any case; 广州 is 广州市, Guangzhou too when the programme says so),
    said on stderr when written otherwise; a city that names none is a usage error listing the cities."""
    if given is None:
        return None
    from ..cities import CityNames

    names = known if isinstance(known, CityNames) else CityNames(known)
    matched = names.find(given)
    if matched is None:
        if of_programme:
            key = "cli.usage.unknown_city"
        else:
            key = "cli.usage.unknown_store_city" if names.cities else "cli.usage.no_store_city"
        cities = locale(lang).join(names.cities)
        raise click.BadParameter(message(key, lang, city=repr(given), cities=cities), param_hint="--city")
    if say and matched != given:
        say_city_taken(given, [matched], lang)
    return matched


def say_city_taken(given: str, cities: list[str], lang: str) -> None:
    """On stderr: the cities ``--city`` was taken as, when they are not just what was written."""
    if cities != [given]:
        click.echo(message("cli.city_matched", lang, given=given, city=locale(lang).join(cities)), err=True)
