"""Finding, loading and isolating plugins, and the registry of what they registered.

Every plugin, the built-in ones included, is called hook by hook on its own, so one that fails to import or
raises is named and skipped while the rest keeps working.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .hookspecs import PROJECT

ENTRY_POINT_GROUP = PROJECT
PLUGINS_ENV = "ISO9001ASSESS_PLUGINS"
DISABLE_ENV = "ISO9001ASSESS_DISABLE_PLUGINS"
HOOK_NAMES = ("register_checklists", "register_scoring_strategies", "register_exporters")
HOOK_KINDS = {
    "register_checklists": "checklist",
    "register_scoring_strategies": "strategy",
    "register_exporters": "exporter",
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
    name: str
    distribution: str
    version: str
    hooks: list[str] = field(default_factory=list)
    registered: dict[str, list[str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.distribution} {self.version})"


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
        self.checklists = ChecklistCatalog(self)
        self.manager = pluggy.PluginManager(PROJECT)
        self.manager.add_hookspecs(hookspecs)

    # -- failures -------------------------------------------------------------------------------------------
    def fail(self, plugin: PluginInfo, message: str) -> None:
        plugin.failures.append(message)
        warnings.warn(f"plugin {plugin.label}: {message}", PluginWarning, stacklevel=2)

    # -- loading --------------------------------------------------------------------------------------------
    def add(self, plugin: object, info: PluginInfo) -> None:
        """Register a loaded plugin object (a module or any object with hook implementations)."""
        self.plugins[info.name] = info
        try:
            self.manager.register(plugin, name=info.name)
            self.manager.check_pending()
        except (pluggy.PluginValidationError, ValueError) as exc:
            if self.manager.is_registered(plugin):
                self.manager.unregister(plugin)
            self.fail(info, f"rejected: {exc}")
            return
        info.hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())

    def add_failed(self, info: PluginInfo, message: str) -> None:
        self.plugins[info.name] = info
        self.fail(info, message)

    def run_hooks(self) -> None:
        for hook_name in HOOK_NAMES:
            caller = getattr(self.manager.hook, hook_name)
            # pluggy calls the last registered first; registration order is what a user expects.
            for impl in reversed(caller.get_hookimpls()):
                info = self.plugins[impl.plugin_name]
                register = self._register_callback(hook_name, info)
                try:
                    impl.function(register=register)
                except Exception as exc:  # a plugin's bug must not stop the others
                    self.fail(info, f"{hook_name} raised {type(exc).__name__}: {exc}")

    def _register_callback(self, hook_name: str, info: PluginInfo) -> Callable[..., None]:
        kind = HOOK_KINDS[hook_name]
        if hook_name == "register_checklists":

            def register_checklist(path_or_checklist: Any) -> None:
                self.checklists.add_source(path_or_checklist, info)

            return register_checklist
        table = self.strategies if kind == "strategy" else self.exporters

        def register(name: str, value: Any) -> None:
            if not isinstance(name, str) or not name:
                raise TypeError(f"a {kind} is registered with a non-empty name, got {name!r}")
            if name in table:
                owner = table[name].plugin
                self.fail(info, f"{kind} {name!r} is already registered by {owner.label}; ignored")
                return
            table[name] = Registered(name, value, info)
            info.registered.setdefault(kind, []).append(name)

        return register


def _distribution_of(entry_point: EntryPoint) -> tuple[str, str]:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return "unknown", "?"
    return dist.metadata["Name"] or "unknown", dist.version or "?"


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
        module_spec.loader.exec_module(module)
        return module
    return importlib.import_module(spec)


def build_registry(local_plugins: Iterable[str] = (), *, entry_points_enabled: bool = True) -> PluginRegistry:
    """Load the built-in plugins, the installed ones, and the local ones, then run their hooks."""
    from . import __version__

    registry = PluginRegistry()
    disabled = set(_split_env(DISABLE_ENV))
    for module_name in DEFAULT_PLUGINS:
        info = PluginInfo(module_name.rpartition(".")[2], PROJECT, __version__)
        info.name = f"{PROJECT}.{info.name}"
        registry.add(importlib.import_module(module_name), info)
    if entry_points_enabled:
        for entry_point in entry_points(group=ENTRY_POINT_GROUP):
            if entry_point.name in disabled:
                continue
            distribution, version = _distribution_of(entry_point)
            info = PluginInfo(entry_point.name, distribution, version)
            try:
                plugin = entry_point.load()
            except Exception as exc:
                registry.add_failed(info, f"failed to import: {type(exc).__name__}: {exc}")
                continue
            registry.add(plugin, info)
    for spec in [*_split_env(PLUGINS_ENV), *local_plugins]:
        if spec in disabled or spec in registry.plugins:
            continue
        info = PluginInfo(spec, "local", "-")
        try:
            plugin = _import_local(spec)
        except Exception as exc:
            registry.add_failed(info, f"failed to import: {type(exc).__name__}: {exc}")
            continue
        registry.add(plugin, info)
    registry.run_hooks()
    return registry


_lock = threading.Lock()
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


def reset_registry() -> None:
    """Forget the registry (and local plugins) so the next use rebuilds it; for tests and long-lived apps."""
    global _registry
    with _lock:
        _registry = None
        _local_plugins.clear()


def local_plugin_specs() -> list[str]:
    return list(_local_plugins)
