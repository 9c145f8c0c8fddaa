"""A cache of checklist files already read: a command does not parse the same megabyte of YAML at every start.

The bundled checklist is about 1 MB of YAML; parsing it is most of what starting a command costs. Once a
checklist file has been read and found valid, its model is kept as JSON under the cache directory, named by
the SHA-256 of the file's bytes and of the code that reads and checks checklists. The next process whose file
has the same bytes loads that JSON into the model (a few hundredths of a second) instead of parsing the YAML.
A changed file, or a changed version of this code, has another name and is read again; an invalid file is
never cached, so its problems are always reported from the file itself.

Where: ``$ISO9001ASSESS_CACHE`` (a directory; ``off`` disables the cache), else ``$XDG_CACHE_HOME/iso9001assess``
or ``~/.cache/iso9001assess`` (``%LOCALAPPDATA%\\iso9001assess\\cache`` on Windows). A cache that cannot be
read or written is passed over: the file is parsed as without one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._version import __version__
from ..files import atomic_write
from ..models.checklist import Checklist, Overlay

ENV_VAR = "ISO9001ASSESS_CACHE"
# Entries kept: each is one checklist's model as JSON (the bundled one: about 650 KB).
MAX_ENTRIES = 32
_MODELS: dict[str, type[Checklist | Overlay]] = {"checklist": Checklist, "overlay": Overlay}
logger = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is off."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no", "false") else Path(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "iso9001assess" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iso9001assess"


@cache
def _code_fingerprint() -> str:
    """What the cached models depend on besides the file: the library's version and the code that parses,
    validates and checks checklists (so an edited checkout never reads a model its code would not make)."""
    from .. import checks
    from ..models import base, checklist
    from . import checklists, documents, validation

    digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]}".encode())
    for module in (checks, base, checklist, checklists, documents, validation, sys.modules[__name__]):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def entry_path(raw: bytes) -> Path | None:
    """Where the model of a checklist file with these bytes is kept (None: the cache is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(_code_fingerprint().encode() + b"\0" + raw).hexdigest()
    return folder / f"checklist-{key[:40]}.json"


def load(raw: bytes) -> Checklist | Overlay | None:
    """The model of a checklist file with these bytes, when it was read before; else None."""
    path = entry_path(raw)
    if path is None:
        return None
    try:
        stored = json.loads(path.read_bytes())
        model = _MODELS[stored["model"]]
        definition = model.model_validate(stored["data"])
        sha256 = stored.get("sha256")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, ValidationError) as exc:  # damaged: read the file again
        logger.debug("ignoring the cached checklist %s: %s", path, exc)
        return None
    if isinstance(definition, Checklist) and isinstance(sha256, str):
        # Checklist.sha256 is a cached property: hashing the canonical JSON of a 250-item checklist again costs
        # more than loading its model. The entry keeps the one computed from the file.
        definition.__dict__["sha256"] = sha256
    return definition


def store(raw: bytes, definition: Checklist | Overlay) -> None:
    """Keep the model of a valid checklist file (silently nothing when the cache cannot be written)."""
    path = entry_path(raw)
    if path is None:
        return
    stored: dict[str, Any] = {
        "model": "checklist" if isinstance(definition, Checklist) else "overlay",
        "data": definition.model_dump(mode="json"),
    }
    if isinstance(definition, Checklist):
        stored["sha256"] = definition.sha256
    try:
        with atomic_write(path) as out:
            out.write(json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        _prune(path.parent)
    except OSError as exc:
        logger.debug("cannot write the checklist cache %s: %s", path, exc)


def _prune(folder: Path) -> None:
    """Keep the newest MAX_ENTRIES entries."""
    entries = sorted(folder.glob("checklist-*.json"), key=_modified, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
