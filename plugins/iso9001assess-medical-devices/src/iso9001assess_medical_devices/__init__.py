"""Medical devices pack for iso9001assess: the overlay checklist ``medical-devices-gd`` on ``iso9001-2015``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from iso9001assess import hookimpl

CHECKLIST_ID = "medical-devices-gd"
CHECKLIST_FILE = Path(__file__).with_name("medical-devices-gd.yaml")


@hookimpl
def register_checklists(register: Callable[[Any], None]) -> None:
    register(CHECKLIST_FILE)
