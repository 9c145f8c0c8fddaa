"""Writing cells and saving workbooks safely: user text stays text, and the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import IO, Any

# Control characters the file format cannot hold (openpyxl refuses them); tab and newlines are kept.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Fixed dates: a workbook records when it was made, which would make every export differ.
_FIXED_TIME = dt.datetime(2000, 1, 1)
_FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def put(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write ``value`` into a cell; text is always stored as text, never read as a formula ("=1+1")."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _ILLEGAL.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def print_landscape(sheet: Any, header_row: int) -> None:
    """Print ``sheet`` landscape, as wide as one page and as long as it runs, its header row on every page."""
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def save(workbook: Any, out: IO[bytes]) -> None:
    """Write ``workbook`` to ``out`` as .xlsx, byte for byte the same for the same content."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.creator = "iso9001assess"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as written, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in written.infolist():
            stamped = zipfile.ZipInfo(member.filename, date_time=_FIXED_ZIP_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o644 << 16
            archive.writestr(stamped, written.read(member.filename))
