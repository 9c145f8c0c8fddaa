"""What the tracker workbook tests share: the Plan sheet's columns, a scored baseline, and a workbook filled with
openpyxl as an enterprise would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

import iso9001assess as qa
from store_support import write_answers

BASELINE_DAY = dt.date(2026, 4, 16)
# Columns of the Plan sheet (the layout is in loading/xlsx/tracker_layout.py) and its first action row.
ID, DUE, OWNER, STATUS, EVIDENCE, COMMENTS = "A", "G", "H", "I", "J", "K"
FIRST = 5


def scored_baseline(path: Path, code: str) -> tuple[Path, qa.Result]:
    """A baseline answers file of the enterprise ``code`` written at ``path``, and its result."""
    write_answers(path, code=code, date=BASELINE_DAY.isoformat())
    return path, qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(path))


def fill(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    """Open the workbook as the enterprise would, change it, save it under ``target``."""
    workbook = openpyxl.load_workbook(source)
    edit(workbook["Plan"])
    workbook.save(target)
    return target
