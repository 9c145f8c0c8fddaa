"""What a worker pool's server process (multiprocessing's forkserver) loads before it forks any worker: the
worker's code, and Ctrl-C ignored.

The server hands the Ctrl-C disposition it has once this is loaded on to every worker it forks, so a worker is
never left with Python's default (KeyboardInterrupt, and the traceback of a worker interrupted while it was
still starting): Ctrl-C is ignored from a worker's first instruction until ``start_worker`` installs the
worker's own handler. Imported by that server process only (``runner.pool_context``).
"""

import signal

from . import worker  # noqa: F401  (loaded once in the server, shared by every worker it forks)

signal.signal(signal.SIGINT, signal.SIG_IGN)
