"""click's usage errors in the reader's language, built from the exception's fields (the parameter, the option
or command named, click's suggestions, the bad value read back from the command line), not from its English
text. An error of ours (raised with a catalogue message) keeps its words; only the frame around it is said in
the reader's language. The usage line and the "--help" hint come first, as click writes them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..i18n import locale, message
from .help import CatalogueContext


def show_usage_error(error: click.UsageError, lang: str) -> None:
    """Write ``error`` on stderr as click would, in ``lang``."""
    no_args_is_help = getattr(click.exceptions, "NoArgsIsHelpError", ())
    if isinstance(error, no_args_is_help):  # a group called alone: its help, as click shows it
        error.show()
        return
    ctx = error.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            names = ctx.command.get_help_option_names(ctx)
            hint = message(
                "cli.usage_error.try_help", lang, command=ctx.command_path, option=max(names, key=len)
            )
            hint += "\n"
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    click.echo(message("cli.error", lang, message=usage_message(error, lang)), err=True)


def usage_message(error: click.UsageError, lang: str) -> str:
    """What is wrong, in ``lang``."""
    if isinstance(error, click.NoSuchOption):
        return message("cli.usage_error.no_such_option", lang, name=repr(error.option_name)) + _suggestion(
            error.possibilities, lang
        )
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)
    if no_such_command is not None and isinstance(error, no_such_command):
        return message("cli.usage_error.no_such_command", lang, name=repr(error.command_name)) + _suggestion(
            error.possibilities, lang
        )
    if isinstance(error, click.MissingParameter):
        return _missing(error, lang)
    if isinstance(error, click.BadOptionUsage):
        return _bad_option_usage(error, lang)
    if isinstance(error, click.BadParameter):
        return _bad_value(error, lang)
    if type(error) is click.UsageError and error.ctx is not None:
        return _misplaced(error, error.ctx, lang) or error.format_message()
    return error.format_message()


def _suggestion(possibilities: Sequence[str] | None, lang: str) -> str:
    if not possibilities:
        return ""
    names = message("cli.usage_error.comma", lang).join(repr(name) for name in sorted(possibilities))
    key = "cli.usage_error.did_you_mean" if len(possibilities) == 1 else "cli.usage_error.did_you_mean_one_of"
    return message(key, lang, names=names)


def _hint(error: click.BadParameter, lang: str) -> str | None:
    """The parameter as click names it in errors: 'FILE', '-o' / '--output', or the hint given; with the
    environment variable its bad value came from."""
    hint: Any = error.param_hint
    param, ctx = error.param, error.ctx
    if hint is None and isinstance(param, click.Option):
        hint = " / ".join(repr(name) for name in param.opts)
        envvar = _from_envvar(param, ctx) if ctx is not None else None
        if envvar is not None:
            hint += message("cli.usage_error.from_envvar", lang, name=envvar)
    elif hint is None and param is not None and ctx is not None:
        hint = param.get_error_hint(ctx)
    if hint is None:
        return None
    return hint if isinstance(hint, str) else " / ".join(repr(part) for part in hint)


def _missing(error: click.MissingParameter, lang: str) -> str:
    kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
    key = f"cli.usage_error.missing.{kind if kind in ('argument', 'option') else 'parameter'}"
    said = message(key, lang, name=_hint(error, lang) or "")
    param = error.param
    if param is not None and isinstance(param.type, click.Choice):
        said += message("cli.usage_error.choose_from", lang, choices=_choices(param.type, lang))
    return said


def _choices(choice: click.Choice, lang: str) -> str:  # type: ignore[type-arg]
    return message("cli.usage_error.comma", lang).join(repr(str(name)) for name in choice.choices)


def _bad_option_usage(error: click.BadOptionUsage, lang: str) -> str:
    """An option given without its value, or a flag given one: which, from the option itself."""
    option = _option_named(error.ctx, error.option_name)
    if option is None:
        return error.format_message()
    if option.is_flag or option.count:
        return message("cli.usage_error.takes_no_value", lang, name=repr(error.option_name))
    if option.nargs == 1:
        return message("cli.usage_error.needs_value", lang, name=repr(error.option_name))
    return message("cli.usage_error.needs_values", lang, name=repr(error.option_name), count=option.nargs)


def _option_named(ctx: click.Context | None, name: str) -> click.Option | None:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _bad_value(error: click.BadParameter, lang: str) -> str:
    reason = (
        _type_refusal(error, lang) or error.message
    )  # a check of ours: its words are the reader's already
    hint = _hint(error, lang)
    if hint is None:
        return message("cli.usage_error.invalid_value", lang, reason=reason)
    return message("cli.usage_error.invalid_value_for", lang, name=hint, reason=reason)


def _on_command_line(param: click.Parameter, ctx: click.Context) -> Any:
    """The value ``param`` was given on the command line (parsed again, not converted), or None."""
    given = ctx.given_args if isinstance(ctx, CatalogueContext) else None
    if given is None or not param.name:
        return None
    try:
        opts, _, _ = ctx.command.make_parser(ctx).parse_args(args=list(given))
    except click.ClickException:
        return None
    return opts.get(param.name)


def _from_envvar(param: click.Parameter, ctx: click.Context) -> str | None:
    """The environment variable ``param``'s value came from, when it was not on the command line."""
    if _on_command_line(param, ctx) is not None:
        return None
    envvar = getattr(param, "envvar", None)
    names = [envvar] if isinstance(envvar, str) else list(envvar or ())
    return next((name for name in names if os.environ.get(name)), None)


def given_values(param: click.Parameter, ctx: click.Context) -> list[Any]:
    """The values ``param`` was given on the command line, else by its environment variable; none when they
    cannot be told."""
    raw = _on_command_line(param, ctx)
    if raw is None:
        envvar = _from_envvar(param, ctx)
        raw = os.environ[envvar] if envvar is not None else None
        if raw is not None and (param.multiple or param.nargs != 1):
            raw = param.type.split_envvar_value(raw)
    if raw is None:
        return []
    return list(raw) if isinstance(raw, list | tuple) else [raw]


def _type_refusal(error: click.BadParameter, lang: str) -> str | None:
    """The reason the parameter's type refuses the value given, in ``lang``; None when its type accepts every
    value given (the error came from a check of ours) or is not one of click's that we know."""
    param, ctx = error.param, error.ctx
    if param is None or ctx is None:
        return None
    for value in given_values(param, ctx):
        try:
            param.type.convert(value, param, ctx)
        except click.BadParameter:
            return refusal(param.type, value, lang)
    return None


def refusal(kind: click.ParamType[Any], value: Any, lang: str) -> str | None:
    """Why a value of click's ``kind`` is refused, in words."""
    shown = repr(value)
    if isinstance(kind, click.Choice):
        return message("cli.usage_error.not_a_choice", lang, value=shown, choices=_choices(kind, lang))
    if isinstance(kind, click.IntRange | click.FloatRange):
        whole = isinstance(kind, click.IntRange)
        try:
            number = int(value) if whole else float(value)
        except (TypeError, ValueError):
            return message(
                "cli.usage_error.not_an_integer" if whole else "cli.usage_error.not_a_number",
                lang,
                value=shown,
            )
        return message("cli.usage_error.out_of_range", lang, value=number, range=describe_range(kind))
    if isinstance(kind, click.types.IntParamType):
        return message("cli.usage_error.not_an_integer", lang, value=shown)
    if isinstance(kind, click.types.FloatParamType):
        return message("cli.usage_error.not_a_number", lang, value=shown)
    if isinstance(kind, click.DateTime):
        forms = [form.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD") for form in kind.formats]
        return message("cli.usage_error.not_a_date", lang, value=shown, forms=locale(lang).join(forms))
    if isinstance(kind, click.Path):
        return _path_refusal(kind, str(value), lang)
    return None


def describe_range(kind: click.IntRange | click.FloatRange) -> str:
    """A range as click writes it (``x>=1``, ``0<=x<=100``): symbols, the same in every language."""
    low = "" if kind.min is None else f"{kind.min}{'<' if kind.min_open else '<='}"
    high = "" if kind.max is None else f"{'<' if kind.max_open else '<='}{kind.max}"
    if kind.min is not None and kind.max is None:
        return f"x{'>' if kind.min_open else '>='}{kind.min}"
    return f"{low}x{high}"


def _path_refusal(kind: click.Path, value: str, lang: str) -> str | None:
    path = Path(value)
    if not path.exists():
        return message("cli.usage_error.path_missing", lang, value=repr(value)) if kind.exists else None
    if path.is_dir() and not kind.dir_okay:
        return message("cli.usage_error.path_is_folder", lang, value=repr(value))
    if not path.is_dir() and not kind.file_okay:
        return message("cli.usage_error.path_is_file", lang, value=repr(value))
    return None


def _misplaced(error: click.UsageError, ctx: click.Context, lang: str) -> str | None:
    """click's two plain usage errors: a group called without its command, and arguments left over."""
    command = ctx.command
    if isinstance(command, click.Group):
        if ctx.invoked_subcommand is None and not command.invoke_without_command:
            return message("cli.usage_error.missing_command", lang)
        return None
    given = ctx.given_args if isinstance(ctx, CatalogueContext) else None
    if given is None or ctx.allow_extra_args:
        return None
    try:
        _, rest, _ = command.make_parser(ctx).parse_args(args=list(given))
    except click.ClickException:
        return None
    if not rest:
        return None
    key = "cli.usage_error.extra_argument" if len(rest) == 1 else "cli.usage_error.extra_arguments"
    return message(key, lang, args=" ".join(rest))
