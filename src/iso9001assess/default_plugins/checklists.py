"""Registers the checklists bundled with the package."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..bundled import bundled_dir
from ..hookspecs import hookimpl


@hookimpl
def register_checklists(register: Callable[[Any], None]) -> None:
    for path in sorted(bundled_dir("checklists").glob("*.yaml")):
        register(path)
