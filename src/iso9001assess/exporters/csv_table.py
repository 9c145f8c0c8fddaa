"""The one CSV writer of the library: every CSV file it writes goes through ``csv_bytes`` and ``cell``.

A spreadsheet evaluates a cell that starts with ``= + - @`` (and, after a tab or a carriage return, what
follows): such text gets a leading apostrophe, so it is shown, never run (CSV injection). Rows end with CRLF,
so that a field holding a bare CR or LF is quoted and stays one cell of one row. UTF-8 with a byte-order mark,
which Excel needs to show Chinese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(text: str | None) -> str:
    """Free text as a cell a spreadsheet shows literally (never as a formula)."""
    if not text:
        return ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: object) -> str:
    """A value as a CSV cell: numbers as numbers, booleans and dates in one spelling, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return spreadsheet_safe(str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A whole CSV file: the header, then the rows, every value through ``cell``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(name) for name in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
