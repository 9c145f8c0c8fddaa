"""The process-wide registry: built on first use, replaced in tests (``swap_registry``), forgotten with
``reset_registry``. The plugins' message entries live exactly as long as the registry in use: making a
registry the process-wide one makes its words the catalogue's, and forgetting it forgets them."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .discovery import build_registry
from .registry import PluginRegistry

_lock = threading.RLock()
_registry: PluginRegistry | None = None
_local_plugins: list[str] = []


def _use(registry: PluginRegistry | None) -> None:
    """Make ``registry`` the one in use, its plugins' words included (None: none until the next use)."""
    global _registry
    from ..i18n import use_plugin_messages

    _registry = registry
    use_plugin_messages(registry.messages if registry is not None else {})


def add_local_plugins(specs: Iterable[str]) -> None:
    """Plugins named on the command line (``--plugin``); taken into account when the registry is next built."""
    with _lock:
        _local_plugins.extend(specs)
        _use(None)


def get_registry() -> PluginRegistry:
    """The process-wide registry, built on first use."""
    with _lock:
        if _registry is None:
            _use(build_registry(_local_plugins))
        assert _registry is not None
        return _registry


def swap_registry(registry: PluginRegistry | None) -> PluginRegistry | None:
    """Make ``registry`` the process-wide one and return the previous one (see iso9001assess.testing)."""
    with _lock:
        previous = _registry
        _use(registry)
        return previous


def reset_registry() -> None:
    """Forget the registry (and local plugins) so the next use rebuilds it; for tests and long-lived apps."""
    with _lock:
        _use(None)
        _local_plugins.clear()


def local_plugin_specs() -> list[str]:
    return list(_local_plugins)
