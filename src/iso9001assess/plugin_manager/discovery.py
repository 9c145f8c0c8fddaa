"""Where plugins come from — the built-in ones, installed distributions' entry points, local modules and files
(``--plugin``, ISO9001ASSESS_PLUGINS), objects handed over in code — and building a registry of them.

A plugin that cannot be imported (it raises, or calls ``sys.exit``, at import) is recorded as failed by name;
a disabled one is never imported.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points, packages_distributions, version
from pathlib import Path
from types import ModuleType

from ..hookspecs import PROJECT
from ..i18n import Text, said
from .info import PluginInfo, reason_of
from .registry import PluginRegistry

ENTRY_POINT_GROUP = PROJECT
PLUGINS_ENV = "ISO9001ASSESS_PLUGINS"
DISABLE_ENV = "ISO9001ASSESS_DISABLE_PLUGINS"
DEFAULT_PLUGINS = (
    "iso9001assess.default_plugins.checklists",
    "iso9001assess.default_plugins.strategies",
    "iso9001assess.default_plugins.exporters",
)


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


def _load(
    registry: PluginRegistry, info: PluginInfo, importer: Callable[[], object], entry: str | None = None
) -> None:
    """Import a plugin and add it; one that raises or exits while imported is recorded as failed."""
    try:
        plugin = importer()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a third party's bug, or its sys.exit(), must not take the tool down
        failed: Text = (
            said("errors.plugin.import_failed_entry", entry=entry, reason=reason_of(exc))
            if entry
            else said("errors.plugin.import_failed", reason=reason_of(exc))
        )
        registry.add_failed(info, failed)
        return
    registry.add(plugin, info)


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
    from .._version import __version__

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
            _load(registry, info, entry_point.load, entry_point.value)
    local_specs = [*(_split_env(PLUGINS_ENV) if environment else []), *local_plugins]
    for spec in dict.fromkeys(local_specs):  # each once, in the order given
        info = _local_info(spec)
        if _is_disabled(info, blocked):
            registry.add_disabled(info)
            continue
        _load(registry, info, functools.partial(_import_local, spec))
    for plugin, info in extra_plugins:
        if _is_disabled(info, blocked):
            registry.add_disabled(info)
            continue
        registry.add(plugin, info)
    registry.run_hooks()
    return registry
