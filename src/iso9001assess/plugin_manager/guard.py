"""Plugin code run on the user's behalf — an exporter's ``export``, a strategy's ``score``, a chapter's
``build``: a failure is a ``PluginError`` naming the plugin and what of it failed (exit status 3 on the command
line), never a traceback, and a ``sys.exit`` in it ends nothing but that call.

What passes through unchanged: the library's own errors (an invalid input a plugin reports is still an invalid
input), a full or read-only disk (the environment's, said as such), and Ctrl-C. Built-in plugins are not
guarded: their failures are the library's bugs, and the tests must see them as they are.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable, Iterator
from typing import TypeVar

from ..errors import Iso9001AssessError, PluginError
from ..i18n import Text
from .info import PluginInfo, Registered, described, reason_of

T = TypeVar("T")
# Write failures of the disk itself: the environment's, whichever code was writing.
_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG})


@contextlib.contextmanager
def running(registered: Registered | PluginInfo, part: str | Text) -> Iterator[None]:
    """Run the body as the plugin's code: anything it raises (or its ``sys.exit``) becomes a PluginError."""
    plugin = registered.plugin if isinstance(registered, Registered) else registered
    if plugin.builtin:
        yield
        return
    try:
        yield
    except (Iso9001AssessError, KeyboardInterrupt):
        raise
    except OSError as exc:
        if exc.errno in _DISK_ERRNOS:
            raise
        raise PluginError(plugin.label, part, described(exc)) from exc
    except BaseException as exc:
        raise PluginError(plugin.label, part, reason_of(exc)) from exc


def guarded(registered: Registered, part: str | Text, function: Callable[..., T]) -> Callable[..., T]:
    """``function`` run as ``registered``'s code (see ``running``)."""

    def call(*args: object, **kwargs: object) -> T:
        with running(registered, part):
            return function(*args, **kwargs)

    return call
