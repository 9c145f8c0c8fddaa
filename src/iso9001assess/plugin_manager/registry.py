"""The registry of what the plugins registered: checklists, strategies, exporters, chapters and messages.

Every plugin, the built-in ones included, is called hook by hook on its own, so one that raises (or calls
``sys.exit``) is named (plugin and distribution) and skipped while the rest keeps working. A hook call is a
transaction: what a hook registered counts only if the hook returned normally.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from typing import Any

import pluggy

from .. import hookspecs
from ..hookspecs import PROJECT
from ..i18n import Text, has_message, said
from ..i18n.catalogue import MessageText, PluginLayer
from .hooks import HOOK_NAMES, ROWS
from .info import PluginInfo, PluginWarning, Registered, described, reason_of

logger = logging.getLogger(__name__)


class PluginRegistry:
    """Everything the plugins registered, built once per process by :func:`get_registry`."""

    def __init__(self) -> None:
        from ..catalog import ChecklistCatalog

        self.plugins: dict[str, PluginInfo] = {}
        self.strategies: dict[str, Registered] = {}
        self.exporters: dict[str, Registered] = {}
        self.chapters: dict[str, Registered] = {}  # report chapters added or replaced, in registration order
        # The plugins' message entries, {lang: {key: text}}: the catalogue reads them while this registry is the
        # process-wide one, and forgets them with it.
        self.messages: PluginLayer = {}
        self._message_owners: dict[str, PluginInfo] = {}
        self.checklists = ChecklistCatalog(on_failure=self.fail)
        self.manager = pluggy.PluginManager(PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self._hooks_run = False
        self._loaded: dict[str, PluginInfo] = {}  # by the name pluggy knows the plugin under

    # -- failures -------------------------------------------------------------------------------------------
    def fail(self, plugin: PluginInfo, message: str | Text) -> None:
        """Record a plugin's failure and warn about it, naming the plugin and its distribution."""
        plugin.failures.append(str(message))
        plugin.said_failures.append(message)
        warning = PluginWarning(said("errors.plugin.warning", plugin=plugin.label, failure=message))
        warnings.warn(warning, stacklevel=2)

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
            self.fail(info, said("errors.plugin.name_loaded", name=repr(info.name), existing=existing.label))
            return
        try:
            self.manager.register(plugin, name=info.name)
            self.manager.check_pending()  # a misspelled hook name is an error, not silence
        except (pluggy.PluginValidationError, ValueError) as exc:
            unknown = self._unknown_hooks(plugin)
            self._unregister(plugin)
            if unknown:
                for hook in unknown:
                    self.fail(
                        info, said("errors.plugin.unknown_hook", hook=hook, hint=self._close_hook(hook))
                    )
            else:
                self.fail(info, said("errors.plugin.rejected", reason=str(exc)))
            return
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # an attribute of the plugin ran its code while pluggy looked: contained
            self._unregister(plugin)
            self.fail(info, said("errors.plugin.rejected", reason=reason_of(exc)))
            return
        info.hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
        self._loaded[info.name] = info
        logger.debug("plugin %s loaded (%s): hooks %s", info.label, info.origin, ", ".join(info.hooks) or "-")

    def _unknown_hooks(self, plugin: object) -> list[str]:
        """The plugin's hook implementations that name no hook of ours (a misspelling, most often)."""
        callers = self.manager.get_hookcallers(plugin) or ()
        return sorted(caller.name for caller in callers if not caller.has_spec())

    def _close_hook(self, hook: str) -> Text | str:
        """ "; did you mean 'register_messages'?" when one of our hooks is close to ``hook``."""
        from difflib import get_close_matches

        close = get_close_matches(hook, list(HOOK_NAMES), n=1)
        return said("errors.hint.did_you_mean", close=close[0]) if close else ""

    def _unregister(self, plugin: object) -> None:
        if self.manager.is_registered(plugin):
            self.manager.unregister(plugin)

    def add_failed(self, info: PluginInfo, message: str | Text) -> None:
        self.plugins[self._key_for(info)] = info
        self.fail(info, message)

    def add_disabled(self, info: PluginInfo) -> None:
        info.disabled = True
        logger.info(said("log.plugin_disabled", plugin=info.label))
        self.plugins[self._key_for(info)] = info

    def run_hooks(self) -> None:
        """Call every hook implementation once, in loading order; a failing one is named and skipped."""
        if self._hooks_run:
            return
        self._hooks_run = True
        for hook_name in HOOK_NAMES:
            caller = getattr(self.manager.hook, hook_name)
            for impl in sorted(caller.get_hookimpls(), key=_call_rank):
                self.call(hook_name, impl)

    def call(self, hook_name: str, impl: pluggy.HookImpl) -> None:
        """One hook implementation, as a transaction: its registrations are kept only if it returns normally."""
        info = self._loaded[impl.plugin_name]
        pending: list[Callable[[], None]] = []
        register = ROWS[hook_name].registrar(self, info, pending)
        try:
            returned = impl.function(**dict.fromkeys(impl.argnames, register))
        except KeyboardInterrupt:
            raise  # the user's, not the plugin's
        except BaseException as exc:  # a plugin's bug (or its sys.exit) must not stop the others
            self.fail(info, _raised(hook_name, exc))
            return
        for commit in pending:
            commit()
        if returned is not None:
            self.fail(info, said("errors.plugin.hook_returned", hook=hook_name, type=type(returned).__name__))

    # -- keeping what a hook registered ---------------------------------------------------------------------
    def commit_messages(self, entries: dict[str, dict[str, MessageText]], info: PluginInfo) -> None:
        """Keep a plugin's message entries, all or none: English required, no key of the package or of
        another plugin redefined."""
        from ..i18n import catalogue, use_plugin_messages
        from ..i18n.catalogue import add_entries

        taken = [
            f"{key}: already defined by {owner.label}"
            for key in entries
            if (owner := self._message_owners.get(key)) is not None and owner is not info
        ]
        try:
            catalogue().check(entries, info.label)
            if taken:
                raise ValueError(f"{info.label}: " + "; ".join(taken))
        except ValueError as exc:
            self.fail(info, said("errors.plugin.messages_rejected", reason=str(exc)))
            return
        add_entries(self.messages, entries)
        self._message_owners.update(dict.fromkeys(entries, info))
        use_plugin_messages(self.messages)  # usable at once, by the hooks that follow
        info.registered.setdefault("messages", []).extend(entries)

    def commit(
        self, table: dict[str, Registered], kind: str, name: str, value: Any, info: PluginInfo
    ) -> None:
        """Keep a checked registration, unless another plugin registered that name first."""
        if name in table:
            owner = table[name].plugin
            self.fail(
                info, said("errors.plugin.name_taken", kind=_kind(kind), name=repr(name), owner=owner.label)
            )
            return
        table[name] = Registered(name, value, info)
        info.registered.setdefault(kind, []).append(name)
        logger.debug("%s %r registered by %s", kind, name, info.label)


def _raised(hook_name: str, exc: BaseException) -> Text:
    if isinstance(exc, SystemExit):
        return said("errors.plugin.hook_exited", hook=hook_name, code=repr(exc.code))
    return said("errors.plugin.hook_raised", hook=hook_name, reason=described(exc))


def _kind(kind: str) -> str | Text:
    """A kind of registration in words (``strategy`` -> 评分策略); one we do not know as it is."""
    key = f"errors.plugin.kind.{kind}"
    return said(key) if has_message(key) else kind


def _call_rank(impl: pluggy.HookImpl) -> int:
    """Loading order (built-ins first, so they keep their names), except tryfirst before and trylast after.

    get_hookimpls() lists plain implementations in loading order; the sort is stable.
    """
    return 0 if impl.tryfirst else 2 if impl.trylast else 1
