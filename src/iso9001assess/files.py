"""The one place that writes output files: atomically, so an interrupted run leaves no half-written file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

if sys.platform != "win32":
    import fcntl


def _read_umask() -> int:
    # The umask can only be read by setting it; done once, at import, before any thread writes files.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_read_umask()


# A temporary file is named .<target>.<host>-<pid>.<random>.part: a later run tells those of a writer that
# died (killed mid-write) from those of a writer still at work (another batch into the same folder).
_PART = re.compile(r"^\..+\.(?P<host>[0-9a-f]{8})-(?P<pid>\d+)\.[^.]+\.part$")


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:8]


def _writer() -> str:
    return f"{_host()}-{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _lock(handle: int) -> None:
    """Held by a writer until its file is renamed or removed; the system lets go when the writer dies."""
    if sys.platform != "win32":
        fcntl.flock(handle, fcntl.LOCK_EX)


def _remove_if_abandoned(entry: Path) -> bool:
    """Remove a temporary file whose writer holds no lock on it any more: the writer died, even when its pid is
    still taken (a killed worker left as a zombie nobody reaps, or a pid reused by another process)."""
    if sys.platform == "win32":
        return False  # no locks to ask: a live pid is taken for a live writer
    handle = os.open(entry, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a live writer's
        entry.unlink()  # under the lock: a writer that created it but has not locked it yet sees it gone
        return True
    finally:
        os.close(handle)


def remove_stale_parts(folder: str | Path) -> list[Path]:
    """Remove the temporary files left in ``folder`` by writers on this machine that are no longer running;
    return them. Those of live writers, and of other machines, are left alone."""
    removed: list[Path] = []
    host = _host()
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _PART.match(entry.name)
        if not match or match["host"] != host:
            continue
        with contextlib.suppress(FileNotFoundError):
            if not _alive(int(match["pid"])):
                entry.unlink()
                removed.append(entry)
            elif _remove_if_abandoned(entry):
                removed.append(entry)
    return removed


def _locked_temporary(target: Path) -> tuple[int, str]:
    while True:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{_writer()}.", suffix=".part", dir=target.parent
        )
        _lock(handle)
        if os.fstat(handle).st_nlink:
            return handle, temporary
        os.close(handle)  # taken for abandoned between its creation and the lock: start again


@contextlib.contextmanager
def atomic_write(path: str | Path) -> Iterator[IO[bytes]]:
    """A file that appears under ``path`` whole, or not at all: written beside it, then renamed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _locked_temporary(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            # mkstemp makes the file private (0600); the output gets the mode an ordinary new file would.
            Path(temporary).chmod(target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE)
            Path(temporary).replace(target)  # while still locked, so no other run takes it for abandoned
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
