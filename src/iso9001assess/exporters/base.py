"""The exporter interface, and the one place that writes output files (atomically)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..models.result import Result


@dataclass(frozen=True)
class ExportOptions:
    """What a user may ask of any exporter; ``extra`` carries options of a particular exporter."""

    lang: str = "zh"
    baseline: Result | None = None
    font: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Exporter(Protocol):
    """Writes one result to a binary stream. ``suffixes`` are the file endings it is chosen by (".pdf")."""

    suffixes: tuple[str, ...]

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None: ...


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
        if match and match["host"] == host and not _alive(int(match["pid"])):
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
                removed.append(entry)
    return removed


@contextlib.contextmanager
def atomic_write(path: str | Path) -> Iterator[IO[bytes]]:
    """A file that appears under ``path`` whole, or not at all: written beside it, then renamed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.{_writer()}.", suffix=".part", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        # mkstemp makes the file private (0600); the output gets the mode an ordinary new file would.
        Path(temporary).chmod(target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE)
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
