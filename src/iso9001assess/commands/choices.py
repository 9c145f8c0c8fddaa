"""Option types whose values come from the plugin registry, so that ``--help`` and the shell list them."""

from __future__ import annotations

from typing import Any, Literal

import click
from click.shell_completion import CompletionItem

from ..plugin_manager import get_registry

Kind = Literal["strategies", "exporters"]


def registered_names(kind: Kind) -> list[str]:
    """The names registered for ``kind`` by the built-ins and every plugin, sorted."""
    return sorted(getattr(get_registry(), kind))


class RegisteredName(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A scoring strategy or export format, by name: ``--help`` shows ``[a|b|c]`` and the shell completes it.

    The value itself is checked where it is used (``api.get_strategy``, ``api.get_exporter``), whose error
    suggests the nearest registered name.
    """

    name = "name"

    def __init__(self, kind: Kind, *, separated: bool = False) -> None:
        self.kind = kind
        self.separated = separated  # a comma-separated list of names (batch --formats)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        choices = "[" + "|".join(registered_names(self.kind)) + "]"
        return f"{choices},..." if self.separated else choices

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        head, _, last = incomplete.rpartition(",") if self.separated else ("", "", incomplete)
        prefix = f"{head}," if head else ""
        return [
            CompletionItem(prefix + name) for name in registered_names(self.kind) if name.startswith(last)
        ]
