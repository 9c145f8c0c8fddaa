"""The exporter interface, and the one place that writes output files (atomically)."""

from __future__ import annotations

import contextlib
import os
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


@contextlib.contextmanager
def atomic_write(path: str | Path) -> Iterator[IO[bytes]]:
    """A file that appears under ``path`` whole, or not at all: written beside it, then renamed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
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
