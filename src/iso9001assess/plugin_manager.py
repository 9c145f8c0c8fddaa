"""Finding, loading and isolating plugins, and the registry of what they registered.

Every plugin, the built-in ones included, is called hook by hook on its own, so one that fails to import or
raises is named (plugin and distribution) and skipped while the rest keeps working. A hook call is a
transaction: what a hook registered counts only if the hook returned normally.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points, packages_distributions, version
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .hookspecs import PROJECT

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = PROJECT
PLUGINS_ENV = "ISO9001ASSESS_PLUGINS"
DISABLE_ENV = "ISO9001ASSESS_DISABLE_PLUGINS"
HOOK_NAMES = (
    "register_messages",
    "register_checklists",
    "register_scoring_strategies",
    "register_exporters",
    "register_report_chapters",
)
HOOK_KINDS = {
    "register_messages": "messages",
    "register_checklists": "checklist",
    "register_scoring_strategies": "strategy",
    "register_exporters": "exporter",
    "register_report_chapters": "chapter",
}
KIND_PLURALS = {
    "messages": "messages",
    "checklist": "checklists",
    "strategy": "strategies",
    "exporter": "exporters",
    "chapter": "chapters",
}
DEFAULT_PLUGINS = (
    "iso9001assess.default_plugins.checklists",
    "iso9001assess.default_plugins.strategies",
    "iso9001assess.default_plugins.exporters",
)


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
    failures: list[str] = field(default_factory=list)
    disabled: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} ({self.distribution} {self.version})"

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
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
    """One registered strategy or exporter, and the plugin it came from."""

    name: str
    value: Any
    plugin: PluginInfo


class PluginRegistry:
    """Everything the plugins registered, built once per process by :func:`get_registry`."""

    def __init__(self) -> None:
        from .catalog import ChecklistCatalog

        self.plugins: dict[str, PluginInfo] = {}
        self.strategies: dict[str, Registered] = {}
        self.exporters: dict[str, Registered] = {}
        self.chapters: dict[str, Registered] = {}  # report chapters added or replaced, in registration order
        self.checklists = ChecklistCatalog(self)
        self.manager = pluggy.PluginManager(PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self._hooks_run = False
        self._loaded: dict[str, PluginInfo] = {}  # by the name pluggy knows the plugin under

    # -- failures -------------------------------------------------------------------------------------------
    def fail(self, plugin: PluginInfo, message: str) -> None:
        """Record a plugin's failure and warn about it, naming the plugin and its distribution."""
        plugin.failures.append(message)
        warnings.warn(f"plugin {plugin.label}: {message}", PluginWarning, stacklevel=2)

    def failures(self) -> list[tuple[PluginInfo, str]]:
        """Every failure of every plugin (registered checklists are parsed first, so theirs count)."""
        self.checklists.entries()
        return [(info, failure) for info in self.plugins.values() for failure in info.failures]

    # -- loading --------------------------------------------------------------------------------------------
    def _key_for(self, info: PluginInfo) -> str:
        if info.name not in self.plugins:
            return info.name
        return f"{info.name}@{info.distribution}"

    def add(self, plugin: object, info: PluginInfo) -> None:
        """Register a loaded plugin object (a module, a class or an instance with hook implementations)."""
        if self.manager.is_registered(plugin):
            return  # the same module named twice (an installed plugin also given with --plugin): load it once
        existing = self.plugins.get(info.name)
        self.plugins[self._key_for(info)] = info
        if existing is not None:
            self.fail(info, f"a plugin named {info.name!r} is already loaded from {existing.label}; ignored")
            return
        try:
            self.manager.register(plugin, name=info.name)
            self.manager.check_pending()  # a misspelled hook name is an error, not silence
        except (pluggy.PluginValidationError, ValueError) as exc:
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            self.fail(info, f"rejected: {exc}")
            return
        info.hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
        self._loaded[info.name] = info
        logger.debug("plugin %s loaded (%s): hooks %s", info.label, info.origin, ", ".join(info.hooks) or "-")

    def add_failed(self, info: PluginInfo, message: str) -> None:
        self.plugins[self._key_for(info)] = info
        self.fail(info, message)

    def add_disabled(self, info: PluginInfo) -> None:
        info.disabled = True
        logger.info("plugin %s disabled", info.label)
        self.plugins[self._key_for(info)] = info

    def run_hooks(self) -> None:
        """Call every hook implementation once, in loading order; a failing one is named and skipped."""
        if self._hooks_run:
            return
        self._hooks_run = True
        for hook_name in HOOK_NAMES:
            caller = getattr(self.manager.hook, hook_name)
            for impl in sorted(caller.get_hookimpls(), key=_call_rank):
                self._call(hook_name, impl)

    def _call(self, hook_name: str, impl: pluggy.HookImpl) -> None:
        info = self._loaded[impl.plugin_name]
        pending: list[Callable[[], None]] = []
        register = self._register_callback(hook_name, info, pending)
        try:
            returned = impl.function(**dict.fromkeys(impl.argnames, register))
        except Exception as exc:  # a plugin's bug must not stop the others
            self.fail(info, f"{hook_name} raised {type(exc).__name__}: {exc}; nothing it registered is kept")
            return
        for commit in pending:
            commit()
        if returned is not None:
            self.fail(
                info,
                f"{hook_name} returned {type(returned).__name__}; hooks return None and register through "
                "register(...), so the value was ignored",
            )

    def _register_callback(
        self, hook_name: str, info: PluginInfo, pending: list[Callable[[], None]]
    ) -> Callable[..., None]:
        kind = HOOK_KINDS[hook_name]
        if hook_name == "register_messages":

            def register_messages(entries: Any) -> None:
                checked = _checked_messages(entries)
                pending.append(lambda: self._commit_messages(checked, info))

            return register_messages
        if hook_name == "register_checklists":
            from .catalog import checked_source

            def register_checklist(path_or_checklist: Any) -> None:
                source = checked_source(path_or_checklist)
                pending.append(lambda: self.checklists.add_source(source, info))

            return register_checklist

        table = {"strategy": self.strategies, "exporter": self.exporters, "chapter": self.chapters}[kind]
        check = {"strategy": _check_strategy, "exporter": _check_exporter, "chapter": _check_chapter}[kind]

        def register(name: str, value: Any) -> None:
            if not isinstance(name, str) or not name.strip():
                raise TypeError(f"a {kind} is registered with a non-empty name, got {name!r}")
            check(name, value)
            pending.append(lambda: self._commit(table, kind, name, value, info))

        return register

    def _commit_messages(self, entries: dict[str, dict[str, str]], info: PluginInfo) -> None:
        from .i18n import catalogue

        try:
            catalogue().add(entries, info.label)
        except ValueError as exc:
            self.fail(info, f"messages not registered: {exc}")
            return
        info.registered.setdefault("messages", []).extend(entries)

    def _commit(
        self, table: dict[str, Registered], kind: str, name: str, value: Any, info: PluginInfo
    ) -> None:
        if name in table:
            owner = table[name].plugin
            self.fail(info, f"{kind} {name!r} is already registered by {owner.label}; ignored")
            return
        table[name] = Registered(name, value, info)
        info.registered.setdefault(kind, []).append(name)
        logger.debug("%s %r registered by %s", kind, name, info.label)


def _checked_messages(entries: Any) -> dict[str, dict[str, str]]:
    if not isinstance(entries, dict) or not all(
        isinstance(key, str) and isinstance(texts, dict) and all(isinstance(t, str) for t in texts.values())
        for key, texts in entries.items()
    ):
        raise TypeError("messages are registered as {key: {language: text}}")
    return {key: dict(texts) for key, texts in entries.items()}


def _call_rank(impl: pluggy.HookImpl) -> int:
    """Loading order (built-ins first, so they keep their names), except tryfirst before and trylast after.

    get_hookimpls() lists plain implementations in loading order; the sort is stable.
    """
    return 0 if impl.tryfirst else 2 if impl.trylast else 1


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


# -- where plugins come from --------------------------------------------------------------------------------
def _distribution_of(entry_point: EntryPoint) -> tuple[str, str]:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return _distribution_of_module(entry_point.module)
    return dist.metadata["Name"] or "unknown", dist.version or "?"


def _distribution_of_module(module_name: str) -> tuple[str, str]:
    """The installed distribution that provides a module, when there is one."""
    top = module_name.partition(".")[0]
    names = packages_distributions().get(top, [])
    if not names:
        return "unknown", "?"
    try:
        return names[0], version(names[0])
    except Exception:  # metadata of a half-installed distribution
        return names[0], "?"


def _split_env(name: str) -> list[str]:
    value = os.environ.get(name, "")
    return [part.strip() for part in value.replace(os.pathsep, ",").split(",") if part.strip()]


def _import_local(spec: str) -> ModuleType:
    """Import a plugin given as a module name or as a path to a .py file."""
    path = Path(spec)
    if spec.endswith(".py") or path.exists():
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {spec}")
        module_name = f"iso9001assess_local_plugin_{path.stem}"
        module_spec = importlib.util.spec_from_file_location(module_name, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load {spec}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[module_name] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[module_name]
            raise
        return module
    return importlib.import_module(spec)


def _local_info(spec: str) -> PluginInfo:
    if spec.endswith(".py") or os.sep in spec or "/" in spec:
        return PluginInfo(spec, "local file", "-", origin="local")
    distribution, dist_version = _distribution_of_module(spec)
    if distribution == "unknown":
        distribution, dist_version = "local module", "-"
    return PluginInfo(spec, distribution, dist_version, origin="local")


def inline_info(plugin: object, name: str | None = None) -> PluginInfo:
    """How a plugin object handed over in Python code (tests, applications) is named."""
    if name is None:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
    module = plugin.__name__ if isinstance(plugin, ModuleType) else getattr(plugin, "__module__", "")
    distribution, dist_version = _distribution_of_module(module or "")
    if distribution == "unknown":
        distribution, dist_version = "inline", "-"
    return PluginInfo(name, distribution, dist_version, origin="inline")


def _is_disabled(info: PluginInfo, disabled: set[str], *aliases: str) -> bool:
    return bool(disabled & {info.name, info.distribution, *aliases})


def _sorted_entry_points() -> Iterator[EntryPoint]:
    """Installed plugins in a stable order (distribution, then name), whatever the order of sys.path."""
    found = entry_points(group=ENTRY_POINT_GROUP)

    def key(entry_point: EntryPoint) -> tuple[str, str]:
        return _distribution_of(entry_point)[0].lower(), entry_point.name

    yield from sorted(found, key=key)


def build_registry(
    local_plugins: Iterable[str] = (),
    *,
    entry_points_enabled: bool = True,
    environment: bool = True,
    builtins: bool = True,
    extra_plugins: Iterable[tuple[object, PluginInfo]] = (),
    disabled: Iterable[str] = (),
) -> PluginRegistry:
    """Load the built-in plugins, the installed ones, the local ones and any given objects; run their hooks.

    ``environment`` reads ISO9001ASSESS_PLUGINS and ISO9001ASSESS_DISABLE_PLUGINS; ``disabled`` adds names
    (plugin, entry point or distribution names) to block.
    """
    from ._version import __version__

    registry = PluginRegistry()
    blocked = set(disabled) | (set(_split_env(DISABLE_ENV)) if environment else set())
    if builtins:
        for module_name in DEFAULT_PLUGINS:
            info = PluginInfo(f"{PROJECT}.{module_name.rpartition('.')[2]}", PROJECT, __version__, "built-in")
            if _is_disabled(info, blocked, module_name):
                registry.add_disabled(info)
                continue
            registry.add(importlib.import_module(module_name), info)
    if entry_points_enabled:
        for entry_point in _sorted_entry_points():
            distribution, dist_version = _distribution_of(entry_point)
            info = PluginInfo(entry_point.name, distribution, dist_version)
            if _is_disabled(info, blocked, entry_point.value):
                registry.add_disabled(info)  # never imported: a plugin that breaks imports can be blocked
                continue
            try:
                plugin = entry_point.load()
            except Exception as exc:
                registry.add_failed(
                    info, f"failed to import {entry_point.value}: {type(exc).__name__}: {exc}"
                )
                continue
            registry.add(plugin, info)
    local_specs = [*(_split_env(PLUGINS_ENV) if environment else []), *local_plugins]
    for spec in dict.fromkeys(local_specs):  # each once, in the order given
        info = _local_info(spec)
        if _is_disabled(info, blocked):
            registry.add_disabled(info)
            continue
        try:
            plugin = _import_local(spec)
        except Exception as exc:
            registry.add_failed(info, f"failed to import: {type(exc).__name__}: {exc}")
            continue
        registry.add(plugin, info)
    for plugin, info in extra_plugins:
        if _is_disabled(info, blocked):
            registry.add_disabled(info)
            continue
        registry.add(plugin, info)
    registry.run_hooks()
    return registry


_lock = threading.RLock()
_registry: PluginRegistry | None = None
_local_plugins: list[str] = []


def add_local_plugins(specs: Iterable[str]) -> None:
    """Plugins named on the command line (``--plugin``); taken into account when the registry is next built."""
    global _registry
    with _lock:
        _local_plugins.extend(specs)
        _registry = None


def get_registry() -> PluginRegistry:
    """The process-wide registry, built on first use."""
    global _registry
    with _lock:
        if _registry is None:
            _registry = build_registry(_local_plugins)
        return _registry


def swap_registry(registry: PluginRegistry | None) -> PluginRegistry | None:
    """Make ``registry`` the process-wide one and return the previous one (see iso9001assess.testing)."""
    global _registry
    with _lock:
        previous, _registry = _registry, registry
        return previous


def reset_registry() -> None:
    """Forget the registry (and local plugins) so the next use rebuilds it; for tests and long-lived apps."""
    global _registry
    with _lock:
        _registry = None
        _local_plugins.clear()


def local_plugin_specs() -> list[str]:
    return list(_local_plugins)
