"""A worker process started by the pool's server never has Python's default Ctrl-C handler: a Ctrl-C that
reaches a worker while it is still starting (before ``start_worker`` installs its handler) is ignored there
instead of printing a KeyboardInterrupt traceback. Each check runs in a fresh interpreter: the pool's server is
one per process, started by the first pool."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import pytest

CHECK = """
import signal
from concurrent.futures import ProcessPoolExecutor
{context}
with ProcessPoolExecutor(1, mp_context=context) as pool:  # no initializer: the disposition a worker starts with
    found = pool.submit(signal.getsignal, signal.SIGINT).result()
print("ignored" if found is signal.SIG_IGN else "default" if found is signal.default_int_handler else found)
"""

needs_forkserver = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver start method here"
)


def disposition_in_a_new_worker(context: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(context=context)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@needs_forkserver
def test_a_worker_starts_with_ctrl_c_ignored() -> None:
    context = "from iso9001assess.programme.runner import pool_context\ncontext = pool_context()"
    assert disposition_in_a_new_worker(context) == "ignored"


@needs_forkserver
def test_without_the_pool_servers_preload_a_worker_starts_with_pythons_default() -> None:
    # What the check above would see without pool_server: the reason it exists.
    context = "import multiprocessing\ncontext = multiprocessing.get_context('forkserver')"
    assert disposition_in_a_new_worker(context) == "default"
