"""Light industry and textiles pack for iso9001assess: the overlay checklist ``textiles-gd`` on ``iso9001-2015``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from iso9001assess import hookimpl

CHECKLIST_ID = "textiles-gd"
CHECKLIST_FILE = Path(__file__).with_name("textiles-gd.yaml")


@hookimpl
def register_checklists(register: Callable[[Any], None]) -> None:
    register(CHECKLIST_FILE)
