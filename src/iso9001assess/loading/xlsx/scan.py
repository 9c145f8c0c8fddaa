"""A streaming look at the sheets a questionnaire is read from, before openpyxl reads them.

openpyxl builds every cell of a row in memory, converts numbers with ``int()`` and, with cached values only,
gives a formula without a computed value as a blank. This pass reads the sheet XML as a stream and stops at
the first bound crossed, so that a hostile sheet (a row of millions of cells, a hidden sheet of a million rows,
a number of thousands of digits) is refused in constant memory, and a formula left uncalculated is named.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast
from xml.etree.ElementTree import Element, XMLPullParser, fromstring

from ...errors import InvalidInputError, Problem
from ...i18n.text import Text, said

MAX_ROWS = 20_000  # rows in any sheet read (the questionnaire of the bundled checklist has 228)
MAX_CELLS_PER_ROW = 64  # the questionnaire's widest sheet uses 8 columns
MAX_NUMBER_CHARS = 40  # as in YAML and JSON files
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CHUNK = 64 * 1024
# The last day Excel can show as a date (9999-12-31). A number above it typed into a date cell (20260301 for
# 2026-03-01) shows as #### in Excel, and openpyxl gives it as the error #VALUE!, the number lost.
MAX_DATE_SERIAL = 2_958_465


@dataclass
class SheetScan:
    # Cells holding a formula with no value computed (written by a program that does not calculate).
    uncalculated: list[str] = field(default_factory=list)
    # Numbers too large for a date, by cell ("B16": "20260301"): what a date cell holds that openpyxl cannot read.
    beyond_dates: dict[str, str] = field(default_factory=dict)


def scan_sheets(package: zipfile.ZipFile, source: str, names: Iterable[str]) -> dict[str, SheetScan]:
    """Check the named sheets (those present) against the bounds; raise InvalidInputError at the first crossed."""
    parts = _sheet_parts(package)
    return {name: _scan(package, source, name, parts[name]) for name in names if name in parts}


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML part in the package."""
    targets: dict[str, str] = {}
    try:
        rels = _parse_small(package, "xl/_rels/workbook.xml.rels")
        workbook = _parse_small(package, "xl/workbook.xml")
    except (KeyError, SyntaxError):
        return {}  # openpyxl reports a damaged package in its own words
    for rel in rels.iter(f"{_RELS}Relationship"):
        target = rel.get("Target", "")
        path = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
        targets[rel.get("Id", "")] = path
    return {
        sheet.get("name", ""): targets.get(sheet.get(_REL_ID, ""), "")
        for sheet in workbook.iter(f"{_MAIN}sheet")
    }


def _parse_small(package: zipfile.ZipFile, name: str) -> Element:
    info = package.getinfo(name)
    if info.file_size > 10 * 1024 * 1024:
        raise SyntaxError(name)
    return fromstring(package.read(info))


_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _scan(package: zipfile.ZipFile, source: str, sheet: str, part: str) -> SheetScan:
    scan = SheetScan()
    try:
        stream = package.open(part)
    except (KeyError, zipfile.BadZipFile, OSError):
        return scan  # openpyxl reports it
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    rows = cells = 0
    row_number = 0
    with stream:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
            for event, node in cast(Iterator[tuple[str, Element]], parser.read_events()):
                element = node
                tag = element.tag
                if event == "start":
                    if tag == f"{_MAIN}row":
                        rows += 1
                        cells = 0
                        row_number = int(element.get("r") or row_number + 1)
                        if rows > MAX_ROWS:
                            raise _bound(
                                source,
                                sheet,
                                f"A{row_number}",
                                said("errors.xlsx.too_many_rows", limit=MAX_ROWS),
                            )
                    elif tag == f"{_MAIN}c":
                        cells += 1
                        if cells > MAX_CELLS_PER_ROW:
                            raise _bound(
                                source,
                                sheet,
                                f"A{row_number}",
                                said("errors.xlsx.too_many_cells", row=row_number, limit=MAX_CELLS_PER_ROW),
                            )
                    continue
                if tag == f"{_MAIN}c":
                    _check_cell(element, source, sheet, scan)
                    element.clear()
                elif tag == f"{_MAIN}row":
                    element.clear()
    return scan


def _check_cell(cell: Element, source: str, sheet: str, scan: SheetScan) -> None:
    ref = cell.get("r", "?")
    formula = cell.find(f"{_MAIN}f")
    value = cell.find(f"{_MAIN}v")
    kind = cell.get("t", "n")
    text = value.text if value is not None else None
    if formula is not None and not text:
        scan.uncalculated.append(ref)
    if kind == "n" and text is not None and len(text) > MAX_NUMBER_CHARS:
        raise _bound(source, sheet, ref, said("errors.xlsx.number_too_long", limit=MAX_NUMBER_CHARS))
    if kind == "n" and text and formula is None and _beyond_dates(text):
        scan.beyond_dates[ref] = text


def _beyond_dates(text: str) -> bool:
    try:
        return float(text) > MAX_DATE_SERIAL
    except ValueError:
        return False


def _bound(source: str, sheet: str, cell: str, message: Text) -> InvalidInputError:
    return InvalidInputError([Problem.said(source, message, location=f"{sheet}!{cell}")])
