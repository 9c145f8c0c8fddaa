"""The hooks, one row each: what a hook registers, how each registration is checked, where it is kept.

A registrar makes the ``register`` callback a hook implementation receives: it checks each registration at
once (so the plugin's own call raises, with the reason) and queues what to keep; the registry keeps the queue
only when the hook returns normally (see ``PluginRegistry.call``). A new hook is one row of ``HOOKS``, its spec
in hookspecs.py, its docs and its test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .info import PluginInfo

if TYPE_CHECKING:
    from ..i18n.catalogue import MessageText
    from .registry import PluginRegistry

Pending = list[Callable[[], None]]
Registrar = Callable[["PluginRegistry", PluginInfo, Pending], Callable[..., None]]


@dataclass(frozen=True)
class HookKind:
    """A hook, what it registers (singular and plural, as ``iso9001assess plugins`` says it) and its registrar."""

    hook: str
    kind: str
    plural: str
    registrar: Registrar


def _checked_messages(entries: Any) -> dict[str, dict[str, MessageText]]:
    """``{key: {language: text}}``, where a counted entry's text is ``{form: text}`` (``one``, ``other``), as
    in the package's catalogues. Which forms a language takes is checked when the entries are kept."""
    if not isinstance(entries, dict) or not all(
        isinstance(key, str) and isinstance(texts, dict) and all(isinstance(lang, str) for lang in texts)
        for key, texts in entries.items()
    ):
        raise TypeError("messages are registered as {key: {language: text}}")
    for key, texts in entries.items():
        for lang, text in texts.items():
            if isinstance(text, str):
                continue
            if not isinstance(text, dict) or not all(
                isinstance(form, str) and isinstance(value, str) for form, value in text.items()
            ):
                raise TypeError(
                    f"messages: {key} [{lang}]: a text is a string, or for a counted entry a mapping of its "
                    f"plural forms to strings ({{'one': ..., 'other': ...}}), got {text!r}"
                )
    return {
        key: {lang: text if isinstance(text, str) else dict(text) for lang, text in texts.items()}
        for key, texts in entries.items()
    }


def _check_strategy(name: str, value: Any) -> None:
    missing = [m for m in ("score", "describe") if not callable(getattr(value, m, None))]
    if isinstance(value, type) or missing:
        raise TypeError(
            f"strategy {name!r} must be an object with score(checklist, answers) and describe() methods, "
            f"got {value!r}"
            + (f" (missing {', '.join(missing)})" if missing else " (a class, not an instance)")
        )


def _check_exporter(name: str, value: Any) -> None:
    suffixes = getattr(value, "suffixes", None)
    if isinstance(value, type) or not callable(getattr(value, "export", None)):
        raise TypeError(
            f"exporter {name!r} must be an object with an export(result, out, options) method, got {value!r}"
        )
    if not isinstance(suffixes, tuple) or not all(isinstance(s, str) and s.startswith(".") for s in suffixes):
        raise TypeError(f"exporter {name!r} needs suffixes: a tuple of file endings such as ('.html',)")


def _check_chapter(name: str, value: Any) -> None:
    if isinstance(value, type) or not callable(getattr(value, "build", None)):
        raise TypeError(
            f"report chapter {name!r} must be an object with a build(report) method, got {value!r}"
        )
    after = getattr(value, "after", None)
    if after is not None and not isinstance(after, str):
        raise TypeError(f"report chapter {name!r}: after names a chapter, got {after!r}")


def _messages_registrar(registry: PluginRegistry, info: PluginInfo, pending: Pending) -> Callable[..., None]:
    def register(entries: Any) -> None:
        checked = _checked_messages(entries)
        pending.append(lambda: registry.commit_messages(checked, info))

    return register


def _checklist_registrar(registry: PluginRegistry, info: PluginInfo, pending: Pending) -> Callable[..., None]:
    from ..catalog import checked_source

    def register(path_or_checklist: Any) -> None:
        source = checked_source(path_or_checklist)
        pending.append(lambda: registry.checklists.add_source(source, info))

    return register


def _named_registrar(table: str, kind: str, check: Callable[[str, Any], None]) -> Registrar:
    """``register(name, value)`` into the registry's table ``table`` (strategies, exporters, chapters)."""

    def registrar(registry: PluginRegistry, info: PluginInfo, pending: Pending) -> Callable[..., None]:
        def register(name: str, value: Any) -> None:
            if not isinstance(name, str) or not name.strip():
                raise TypeError(f"a {kind} is registered with a non-empty name, got {name!r}")
            check(name, value)
            pending.append(lambda: registry.commit(getattr(registry, table), kind, name, value, info))

        return register

    return registrar


# Called in this order (messages first, so the others may use their words).
HOOKS: tuple[HookKind, ...] = (
    HookKind("register_messages", "messages", "messages", _messages_registrar),
    HookKind("register_checklists", "checklist", "checklists", _checklist_registrar),
    HookKind(
        "register_scoring_strategies",
        "strategy",
        "strategies",
        _named_registrar("strategies", "strategy", _check_strategy),
    ),
    HookKind(
        "register_exporters",
        "exporter",
        "exporters",
        _named_registrar("exporters", "exporter", _check_exporter),
    ),
    HookKind(
        "register_report_chapters",
        "chapter",
        "chapters",
        _named_registrar("chapters", "chapter", _check_chapter),
    ),
)
HOOK_NAMES = tuple(row.hook for row in HOOKS)
HOOK_KINDS = {row.hook: row.kind for row in HOOKS}
ROWS = {row.hook: row for row in HOOKS}
KIND_PLURALS = {row.kind: row.plural for row in HOOKS}
