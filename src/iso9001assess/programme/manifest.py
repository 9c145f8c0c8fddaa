"""What each output of a batch was made from: ``OUTDIR/.iso9001assess-manifest.json``.

For every report file it records the recipe — the SHA-256 of the answers file (and of the baseline a
follow-up's report compares against), the checklist's SHA-256, the strategy, the exporter and its version,
the language, the font, the library's version — and the file's size and modification time when it was
written. A re-run keeps an output only when its recipe is unchanged and the file is the one written then;
anything else (changed answers, another checklist or language, a file edited or replaced by hand, a file the
manifest does not know) is rendered again. A run killed half-way loses at most the records of the outputs it
wrote since the manifest was last saved: those are rendered again, never trusted.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..files import atomic_write, file_sha256

MANIFEST_NAME = ".iso9001assess-manifest.json"
MANIFEST_VERSION = 1
Recipe = dict[str, Any]


@lru_cache(maxsize=1)
def library_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("iso9001assess")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


@lru_cache(maxsize=16)
def font_fingerprint(font: str | None) -> str | None:
    """A font file stands for its content (a path can point to another font later)."""
    return None if font is None else file_sha256(font)


def _stamp(path: Path) -> dict[str, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def is_current(path: Path, recorded: Recipe | None, recipe: Recipe) -> bool:
    """``path`` was written from ``recipe`` and is still the file written then."""
    if not recorded or recorded.get("recipe") != recipe:
        return False
    return _stamp(path) == recorded.get("file")


def entry(path: Path, recipe: Recipe) -> Recipe:
    """The manifest's record of ``path``, just written from ``recipe``."""
    return {"recipe": recipe, "file": _stamp(path)}


class Manifest:
    """The records of one output directory, by output file name."""

    def __init__(self, output_dir: Path) -> None:
        self.path = output_dir / MANIFEST_NAME
        self.entries: dict[str, Recipe] = {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: every output is rendered again
        if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION:
            outputs = data.get("outputs")
            if isinstance(outputs, dict):
                self.entries = {k: v for k, v in outputs.items() if isinstance(v, dict)}

    def get(self, name: str) -> Recipe | None:
        return self.entries.get(name)

    def update(self, entries: dict[str, Recipe]) -> None:
        self.entries.update(entries)

    def save(self) -> None:
        data = {"version": MANIFEST_VERSION, "outputs": dict(sorted(self.entries.items()))}
        with atomic_write(self.path) as out:
            out.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
