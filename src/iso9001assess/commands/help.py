"""``--help`` in the reader's language. A command's or option's help text is a catalogue key (``cli.help.*``,
made with ``catalogued``), read when help is shown; click's own words (Usage, Options, Commands, the --help and
--version texts, default / env var / required, [OPTIONS]) come from the catalogues too. The language is the
one every message of the command line speaks (``reader_language``: --lang, else ISO9001ASSESS_LANG, else
Chinese). Lines are wrapped by display width. A help text that is no catalogue key (a plugin's own command
added to the group) is shown as it is, in click's layout."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from click.formatting import join_options

from ..i18n import has_message, locale, message
from .language import reader_language
from .wrapping import display_width, units, wrap_line, wrap_text

HELP_PREFIX = "cli.help."
LANGUAGE_META = "iso9001assess.reader_language"  # in click's context meta, shared by a command and its group


def catalogued(key: str, /, **values: str) -> str:
    """A help text read from the catalogue when help is shown: the key, with the values its entry is filled
    with as ``name=value`` words (``catalogued("cli.help.option.json", schema="batch")``)."""
    return " ".join([key, *(f"{name}={value}" for name, value in values.items())])


def help_reference(text: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue key and values a help text names, or None for a text of its own."""
    key, *pairs = text.strip().split(" ")
    if not key.startswith(HELP_PREFIX) or not all("=" in pair for pair in pairs):
        return None
    return key, dict(pair.split("=", 1) for pair in pairs)


def help_text(text: str | None, lang: str) -> str:
    """A help text in ``lang``: a catalogued one's entry; any other text as it is."""
    if not text:
        return ""
    reference = help_reference(text)
    if reference is None or not has_message(reference[0]):
        return text
    key, values = reference
    return message(key, lang, **values)


def help_language(ctx: click.Context | None = None) -> str:
    """The language help is shown in: read from the command line when it was parsed, else the default."""
    ctx = ctx or click.get_current_context(silent=True)
    lang = ctx.meta.get(LANGUAGE_META) if ctx is not None else None
    return lang if isinstance(lang, str) else reader_language(())


class CatalogueFormatter(click.HelpFormatter):
    """click's layout, with lines wrapped by display width and headings written as the catalogue has them
    (with their colon: "Options:", "选项：")."""

    def __init__(self, lang: str, width: int | None = None, max_width: int | None = None) -> None:
        super().__init__(width=width, max_width=max_width)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = message("cli.help.usage", self.lang)
        first = f"{' ' * max(self.current_indent - display_width(prefix), 0)}{prefix}{prog}"
        if not args:
            self.write(f"{first}\n")
            return
        width = self.width - self.current_indent
        if width >= display_width(first) + 21:  # the arguments fit to the right of the prefix
            lines = wrap_line(args, width, first + " ", " " * (display_width(first) + 1))
        else:
            indent = " " * (max(self.current_indent, display_width(prefix)) + 4)
            lines = [first, *wrap_line(args, width, indent, indent)]
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        self.write_paragraph()
        self.write_heading(name)
        self.indent()
        try:
            yield
        finally:
            self.dedent()


class CatalogueContext(click.Context):
    """A context whose help is written by the ``CatalogueFormatter`` in the reader's language."""

    # The arguments this context's command was given: a usage error's bad value is read back from them.
    given_args: tuple[str, ...] = ()

    def make_formatter(self) -> click.HelpFormatter:
        return CatalogueFormatter(
            help_language(self), width=self.terminal_width, max_width=self.max_content_width
        )


def _extras(option: click.Option, ctx: click.Context, lang: str) -> str:
    """What click adds after an option's help (env var, default, range, required), in ``lang``."""
    extra: Any = option.get_help_extra(ctx)
    items = []
    if "envvars" in extra:
        items.append(message("cli.help.extra.envvar", lang, var=", ".join(extra["envvars"])))
    if "default" in extra:
        items.append(message("cli.help.extra.default", lang, default=extra["default"]))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(message("cli.help.extra.required", lang))
    return message("cli.help.extra", lang, items=locale(lang).join(items)) if items else ""


def metavar(option: click.Option, ctx: click.Context, lang: str) -> str:
    """The placeholder of an option's value in ``lang``: its own (a catalogue key, or a word as it is), else
    its type's choices or range as click writes them, else its type's name from the catalogue (PATH, 路径)."""
    if option.metavar is not None:
        shown = help_text(option.metavar, lang)
    else:
        shown = option.type.get_metavar(param=option, ctx=ctx) or ""
        if not shown:
            key = f"cli.help.metavar.{option.type.name.replace(' ', '_')}"
            shown = message(key, lang) if has_message(key) else option.type.name.upper()
    return shown + ("..." if option.nargs != 1 else "")


def option_spec(option: click.Option, ctx: click.Context, lang: str) -> str:
    """An option's spellings with its placeholder (``-o, --output 路径``), as click writes them."""
    placeholder = "" if option.is_flag or option.count else metavar(option, ctx, lang)

    def written(names: list[str]) -> str:
        joined = join_options(names)[0]
        return f"{joined} {placeholder}" if placeholder else joined

    return " / ".join(written(names) for names in (option.opts, option.secondary_opts) if names)


def option_record(param: click.Parameter, ctx: click.Context, lang: str) -> tuple[str, str] | None:
    """An option's line of the Options section: its spellings and placeholder, and its help in ``lang``."""
    record = param.get_help_record(ctx)
    if record is None or isinstance(param, click.Argument):
        return None
    words = help_text(getattr(param, "help", None), lang)
    if not isinstance(param, click.Option):
        return record[0], words
    extras = _extras(param, ctx, lang)
    words = f"{words}  {extras}" if words and extras else words or extras
    return option_spec(param, ctx, lang), words


def short_help(command: click.Command, lang: str, limit: int) -> str:
    """A command's line in its group's Commands section: its help's first sentence, cut to ``limit`` columns."""
    if command.short_help:
        return help_text(command.short_help, lang)
    text = help_text(command.help, lang).strip().split("\n\n")[0]
    text = " ".join(text.split()) if text.isascii() else "".join(text.split("\n"))
    for end in ("。", ". "):
        if end in text:
            text = text[: text.index(end) + len(end)].rstrip()
    if display_width(text) <= limit:
        return text
    ellipsis = message("cli.help.ellipsis", lang)
    cut = ""
    for space, piece in units(text):
        candidate = cut + (" " * space if cut else "") + piece
        if display_width(candidate) + display_width(ellipsis) > limit:
            break
        cut = candidate
    return cut.rstrip("，,;；:：") + ellipsis


class CatalogueCommandMixin:
    """What a command of ours does differently from click's: help read from the catalogues when shown."""

    context_class: type[click.Context] = CatalogueContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # The outermost command sees the whole command line: it fixes the language help and errors speak.
        ctx.meta.setdefault(LANGUAGE_META, reader_language(args))
        if isinstance(ctx, CatalogueContext):
            ctx.given_args = tuple(args)
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except click.UsageError as error:
            if error.ctx is None:  # the parser's errors come without their command: it is this one
                error.ctx = ctx
            raise

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "cli.help.option.help"
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [message("cli.help.metavar.options", help_language(ctx))]
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = help_text(getattr(self, "help", None), help_language(ctx))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(text).partition("\f")[0])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        rows = [
            record
            for param in self.get_params(ctx)  # type: ignore[attr-defined]
            if (record := option_record(param, ctx, lang)) is not None
        ]
        if rows:
            with formatter.section(message("cli.help.heading.options", lang)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self, help_language(), limit)  # type: ignore[arg-type]


class CatalogueCommand(CatalogueCommandMixin, click.Command):
    """A command whose help is read from the catalogues."""


class CatalogueGroup(CatalogueCommandMixin, click.Group):
    """A group whose help is read from the catalogues; its ``command()`` and ``group()`` make such commands."""

    command_class = CatalogueCommand
    group_class = type  # a subgroup is of this class too

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        lang = help_language(ctx)
        return [*super().collect_usage_pieces(ctx), message("cli.help.metavar.command", lang)]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        listed = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not listed:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in listed)
        rows = [(name, short_help(command, lang, limit)) for name, command in listed]
        with formatter.section(message("cli.help.heading.commands", lang)):
            formatter.write_dl(rows)
