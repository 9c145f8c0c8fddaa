"""Where the data shipped with the package (checklists, sample enterprises) lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent


def bundled_dir(name: str) -> Path:
    """``checklists``, ``samples`` or ``programmes``: inside an installed wheel, or at the top of a source checkout."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name
