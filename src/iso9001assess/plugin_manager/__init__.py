"""Finding, loading and isolating plugins, and the registry of what they registered.

One module per job: ``discovery`` (where plugins come from, and building a registry), ``hooks`` (one row per
hook: what it registers and how each registration is checked), ``registry`` (what was registered, each hook
call a transaction), ``guard`` (plugin code run on the user's behalf: a failure names its plugin), ``state``
(the process-wide registry) and ``info`` (what is known of one plugin). Import from here.
"""

from __future__ import annotations

from .discovery import (
    DEFAULT_PLUGINS,
    DISABLE_ENV,
    ENTRY_POINT_GROUP,
    PLUGINS_ENV,
    build_registry,
    inline_info,
)
from .guard import guarded, running
from .hooks import HOOK_KINDS, HOOK_NAMES, HOOKS, KIND_PLURALS, HookKind
from .info import PluginInfo, PluginWarning, Registered
from .registry import PluginRegistry
from .state import add_local_plugins, get_registry, local_plugin_specs, reset_registry, swap_registry

__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_ENV",
    "ENTRY_POINT_GROUP",
    "HOOKS",
    "HOOK_KINDS",
    "HOOK_NAMES",
    "KIND_PLURALS",
    "PLUGINS_ENV",
    "HookKind",
    "PluginInfo",
    "PluginRegistry",
    "PluginWarning",
    "Registered",
    "add_local_plugins",
    "build_registry",
    "get_registry",
    "guarded",
    "inline_info",
    "local_plugin_specs",
    "reset_registry",
    "running",
    "swap_registry",
]
