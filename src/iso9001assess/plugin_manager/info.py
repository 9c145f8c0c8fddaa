"""What is known of one plugin (name, distribution, hooks, what it registered, its failures), and the warning a
failure raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import Text, in_language, said


class PluginWarning(UserWarning):
    """A plugin failed; it is named, and everything else keeps working."""


@dataclass
class PluginInfo:
    """One plugin as ``iso9001assess plugins`` shows it."""

    name: str
    distribution: str
    version: str
    origin: str = "entry point"  # built-in | entry point | local | inline
    hooks: list[str] = field(default_factory=list)
    registered: dict[str, list[str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # in English, as --json and logs show them
    disabled: bool = False
    # The same failures as said: our words through the catalogues, the plugin's own reason quoted as it is.
    said_failures: list[str | Text] = field(default_factory=list, compare=False, repr=False)

    def failures_in(self, lang: str) -> list[str]:
        """The failures in ``lang`` (as ``iso9001assess plugins`` lists them)."""
        return [in_language(failure, lang) for failure in self.said_failures]

    @property
    def label(self) -> str:
        """The name, with its distribution and version when it comes from one (a local file's path, or a
        module registered in code, says what it is by itself)."""
        if self.origin in ("local", "inline") and self.version == "-":
            return self.name
        return f"{self.name} ({self.distribution} {self.version})"

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def builtin(self) -> bool:
        return self.origin == "built-in"

    def as_dict(self) -> dict[str, Any]:
        from .hooks import KIND_PLURALS  # the hook table names the kinds; it imports this module

        return {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "origin": self.origin,
            "disabled": self.disabled,
            "hooks": list(self.hooks),
            "registered": {
                KIND_PLURALS.get(kind, kind): list(names) for kind, names in self.registered.items()
            },
            "failures": list(self.failures),
        }


@dataclass
class Registered:
    """One registered strategy, exporter or chapter, and the plugin it came from."""

    name: str
    value: Any
    plugin: PluginInfo


def reason_of(exc: BaseException) -> str | Text:
    """``described`` as said: a ``sys.exit`` in our words, an exception in the plugin's own."""
    if isinstance(exc, SystemExit):
        return said("errors.plugin.exit", code=repr(exc.code))
    return described(exc)


def described(exc: BaseException) -> str:
    """What a plugin's exception or exit says, in one line: ``ValueError: boom``, ``called sys.exit(3)``."""
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {exc}"
