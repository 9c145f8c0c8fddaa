"""Food industry pack for iso9001assess for iso9001assess: the overlay checklist ``food-gd`` on ``iso9001-2015``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from iso9001assess import hookimpl

CHECKLIST_ID = "food-gd"
CHECKLIST_FILE = Path(__file__).with_name("food-gd.yaml")


@hookimpl
def register_checklists(register: Callable[[Any], None]) -> None:
    register(CHECKLIST_FILE)
