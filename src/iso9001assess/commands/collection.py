"""The garbage collector's pace for one run of the command line, and its last word when the process ends.

A command builds hundreds of thousands of short-lived objects (parsed nodes, result parts) next to long-lived
ones (models, the checklists, the caches of shared parts). At Python's default pace (a young collection every
700 allocations) the long-lived heap is traversed again and again: a third of the CPU of ``score`` over 300
files went to collections that found almost nothing. Reference counting frees nearly everything here; the
collector is only for cycles (an exception and its traceback, say), and these are still collected, less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Young collection every 50,000 net allocations; an older generation after 50, the oldest after 100 of those.
COMMAND_THRESHOLDS = (50_000, 50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The command's pace for the duration of the block, then the caller's again."""
    saved = gc.get_threshold()
    gc.set_threshold(*COMMAND_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def leave_the_heap_to_the_system() -> None:
    """Called when the process's command is done and it is about to exit: every object alive now is moved out
    of the collector's reach (``gc.freeze``). Python's shutdown otherwise collects the whole heap more than
    once — a tenth of a second for ``score`` over 300 files — to free memory the system takes back anyway.
    Exit handlers still run and buffered output is still written; only cycles alive at exit are not
    collected, which Python never promised either."""
    gc.freeze()
