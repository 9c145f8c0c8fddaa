"""A Ctrl-C held back while a transaction is committed and counted, so that what the store kept is always
known: an interruption lands before the commit (nothing of the transaction kept) or after it is counted."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold back SIGINT for the block: a Ctrl-C arriving inside it is raised (KeyboardInterrupt) when the block
    ends. A second Ctrl-C inside the block is raised at once (a store that hangs can still be left). Only the
    main thread receives signals, and only Python's default handler is replaced: elsewhere the block runs as is."""
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    pending = False

    def hold(signum: int, frame: FrameType | None) -> None:
        nonlocal pending
        if pending:
            raise KeyboardInterrupt
        pending = True

    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pending:
        raise KeyboardInterrupt
