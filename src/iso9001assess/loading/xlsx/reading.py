"""Reading a filled Excel questionnaire back into answers.

The workbook is turned into the same data an answers YAML file holds, with a map from every path in that data
to the cell it came from; then the very same validation as for YAML runs on it, and every problem it reports
is located by sheet and cell (``acme.xlsx:Answers!D17: rating 7 is not on the scale 0–4``).
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...errors import InvalidInputError, Problem
from ...i18n.text import Text, said
from ...models.answers import Answers
from ..documents import PathKey
from ..paths import unreadable_input
from ..validation import validate_model
from . import values
from .dependency import import_openpyxl
from .document import WorkbookDocument
from .layout import (
    ANSWER_COLUMNS,
    ANSWER_FIELDS,
    ANSWERS_FIRST_ROW,
    ANSWERS_HEADER_ROW,
    ANSWERS_SHEET,
    CHECKLIST_ROW,
    COLUMN,
    ENTERPRISE_SHEET,
    FORMAT_VERSION,
    LABEL_COLUMN,
    META_SHEET,
    QUESTIONNAIRE_FORMAT,
    SCALE_LIST_COLUMN,
    SPELLINGS_COLUMN,
    VALUE_COLUMN,
    EnterpriseField,
    Heading,
    enterprise_rows,
    ref,
)
from .scan import SheetScan, scan_sheets
from .tracker_layout import BINDING_SHEET

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
# A questionnaire unpacks to a few megabytes; a ZIP bomb to gigabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ANSWER_ROWS = 20_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Other spreadsheet files, by suffix: the catalogue's word for what the file is (errors.xlsx.kind.*).
_OTHER_SPREADSHEETS = {".ods": "ods", ".xls": "xls", ".et": "et"}

Cells = dict[tuple[PathKey, ...], str]
_EXCEL_VALUE_ERROR = "#VALUE!"


def read_answers_workbook(path: str | Path) -> tuple[Answers, WorkbookDocument]:
    """Parse and validate a filled questionnaire on its own (its checklist is checked by the caller)."""
    source = str(path)
    scans = check_package(Path(path), source, (META_SHEET, ENTERPRISE_SHEET, ANSWERS_SHEET))
    openpyxl = import_openpyxl("xlsx_reading")
    with warnings.catch_warnings():
        # openpyxl warns about workbook features it drops (Excel's extensions to data validation, styles),
        # while opening and while parsing each sheet; none of them is read here.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged package fails in many ways deep inside openpyxl
            raise unreadable(source, exc) from None
        try:
            data, cells, problems = _WorkbookReader(workbook, source, scans).read()
        except InvalidInputError:
            raise
        except Exception as exc:  # a damaged sheet is only parsed here, row by row
            raise unreadable(source, exc) from None
        finally:
            workbook.close()
    problems.extend(_uncalculated(source, scans))
    document = WorkbookDocument(source, data, cells=cells)
    try:
        answers = validate_model(Answers, document)
    except InvalidInputError as exc:  # every problem of the workbook in one run: the rows', then the fields'
        raise InvalidInputError([*problems, *exc.problems], document) from None
    if problems:
        raise InvalidInputError(problems, document)
    return answers, document


def _uncalculated(source: str, scans: dict[str, SheetScan]) -> list[Problem]:
    """A formula with no computed value reads as blank: name its cell rather than count it unanswered."""
    return [
        Problem.said(source, said("errors.xlsx.uncalculated"), location=ref(sheet, cell))
        for sheet in (ENTERPRISE_SHEET, ANSWERS_SHEET)
        for cell in scans.get(sheet, SheetScan()).uncalculated
    ]


def unreadable(source: str, exc: Exception) -> InvalidInputError:
    reason = str(exc) or type(exc).__name__  # openpyxl's own words: too many kinds to translate
    return InvalidInputError.single(source, said("errors.xlsx.unreadable", reason=reason))


def open_sheet(workbook: Any, source: str, name: str, missing_key: str) -> Any:
    """The sheet ``name`` of ``workbook``; a missing one is refused with the entry ``missing_key`` (it names
    the sheets there are: each kind of workbook says how to get a good one)."""
    if name not in workbook.sheetnames:
        sheets = ", ".join(workbook.sheetnames)
        raise InvalidInputError.single(source, said(missing_key, sheet=repr(name), sheets=sheets))
    sheet = workbook[name]
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # trust the cells, not the size a writing program recorded
    return sheet


def check_package(path: Path, source: str, sheets: tuple[str, ...]) -> dict[str, SheetScan]:
    """Refuse early, with a clear message, what is not an .xlsx package of a sane size; scan ``sheets``."""
    try:
        if path.is_dir():
            raise InvalidInputError.single(source, said("errors.file.directory"))
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(len(_OLE_MAGIC))
    except OSError as exc:
        raise InvalidInputError.single(source, unreadable_input(source, exc)) from None
    if size > MAX_WORKBOOK_BYTES:
        raise InvalidInputError.single(
            source, said("errors.file.too_large", size=size, limit=MAX_WORKBOOK_BYTES)
        )
    if head == _OLE_MAGIC:
        raise InvalidInputError.single(source, said("errors.xlsx.old_or_protected"))
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        kind = _OTHER_SPREADSHEETS.get(path.suffix.lower())
        if kind:
            raise InvalidInputError.single(source, _save_as_xlsx(kind)) from None
        raise InvalidInputError.single(source, said("errors.xlsx.not_a_package")) from None
    with package:
        return _check_members(package, source, sheets)


def _check_members(package: zipfile.ZipFile, source: str, sheets: tuple[str, ...]) -> dict[str, SheetScan]:
    members = package.infolist()
    names = {member.filename for member in members}
    if "mimetype" in names and b"opendocument" in package.open("mimetype").read(100):
        raise InvalidInputError.single(source, _save_as_xlsx("ods"))
    if "xl/workbook.xml" not in names:
        raise InvalidInputError.single(source, said("errors.xlsx.no_workbook_part"))
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InvalidInputError.single(
            source, said("errors.xlsx.unpacks_too_large", size=unpacked, limit=MAX_UNPACKED_BYTES)
        )
    try:
        return scan_sheets(package, source, sheets)
    except (zipfile.BadZipFile, OSError, ValueError, SyntaxError, EOFError):
        return {}  # a damaged part: openpyxl reports it in its own words


def _save_as_xlsx(kind: str) -> Text:
    return said("errors.xlsx.save_as_xlsx", kind=said(f"errors.xlsx.kind.{kind}"))


def _padded(rows: Iterator[tuple[Any, ...]], width: int) -> Iterator[tuple[Any, ...]]:
    for row in rows:
        yield tuple(row[:width]) + (None,) * (width - len(row))


class _WorkbookReader:
    """One pass over the three sheets the reader needs: _meta, Enterprise and Answers."""

    def __init__(self, workbook: Any, source: str, scans: dict[str, SheetScan]) -> None:
        self.workbook = workbook
        self.source = source
        self.beyond_dates = scans.get(ENTERPRISE_SHEET, SheetScan()).beyond_dates
        self.cells: Cells = {}
        self.problems: list[Problem] = []

    def read(self) -> tuple[dict[str, Any], Cells, list[Problem]]:
        meta, scale_choices = self._meta()
        data: dict[str, Any] = {"schema_version": meta.get("schema_version")}
        checklist = values.text(meta.get("checklist"))
        if checklist is not None:
            data["checklist"] = checklist
        self.cells[("checklist",)] = ref(ENTERPRISE_SHEET, f"{VALUE_COLUMN}{CHECKLIST_ROW}")
        data.update(self._enterprise())
        data["answers"] = self._answers(values.scale_spellings(scale_choices))
        return data, self.cells, self.problems

    # -- sheets -----------------------------------------------------------------------------------------------
    def _sheet(self, name: str) -> Any:
        if name not in self.workbook.sheetnames:
            if name == META_SHEET and BINDING_SHEET in self.workbook.sheetnames:
                raise InvalidInputError.single(self.source, said("errors.xlsx.is_tracker"))
            if name == META_SHEET:
                raise InvalidInputError.single(self.source, said("errors.xlsx.not_questionnaire"))
        return open_sheet(self.workbook, self.source, name, "errors.xlsx.missing_sheet")

    def _meta(self) -> tuple[dict[str, Any], list[str]]:
        sheet = self._sheet(META_SHEET)
        meta: dict[str, Any] = {}
        scale_choices: list[str] = []
        list_indexes = [ord(letter) - ord("A") for letter in (SCALE_LIST_COLUMN, SPELLINGS_COLUMN)]
        width = max(list_indexes) + 1
        for row in _padded(sheet.iter_rows(max_col=width, values_only=True), width):
            key = values.text(row[0])
            if key is not None and key not in meta:
                meta[key] = row[1]
            for index in list_indexes:
                choice = values.text(row[index])
                if choice is not None:
                    scale_choices.append(choice)
        if meta.get("format") != QUESTIONNAIRE_FORMAT:
            raise InvalidInputError.single(self.source, said("errors.xlsx.not_questionnaire"))
        version = values.whole_number(meta.get("format_version"))
        if version != FORMAT_VERSION:
            raise InvalidInputError.single(
                self.source,
                said(
                    "errors.xlsx.format_version",
                    version=repr(meta.get("format_version")),
                    supported=FORMAT_VERSION,
                ),
            )
        meta["schema_version"] = values.whole_number(meta.get("schema_version"))
        return meta, scale_choices

    def _enterprise(self) -> dict[str, Any]:
        sheet = self._sheet(ENTERPRISE_SHEET)
        layout = enterprise_rows()
        last_row = max(row for row, _ in layout)
        value_index = ord(VALUE_COLUMN) - ord("A")
        rows = list(_padded(sheet.iter_rows(max_row=last_row, max_col=value_index + 1, values_only=True), 2))
        data: dict[str, Any] = {"enterprise": {}, "assessment": {}}
        heading_cell = ""
        for row_number, line in layout:
            if isinstance(line, Heading):
                heading_cell = ref(ENTERPRISE_SHEET, f"{LABEL_COLUMN}{row_number}")
                continue
            self.cells.setdefault(line.path[:1], heading_cell)
            cell = ref(ENTERPRISE_SHEET, f"{VALUE_COLUMN}{row_number}")
            self.cells[line.path] = cell
            if len(line.path) == 3:
                self.cells.setdefault(line.path[:2], cell)
            raw = rows[row_number - 1][value_index] if row_number <= len(rows) else None
            if line.kind == "date" and raw == _EXCEL_VALUE_ERROR:
                # The number typed into the date cell, for the model to say it is no date (not "#VALUE!").
                raw = _number(self.beyond_dates.get(f"{VALUE_COLUMN}{row_number}"), raw)
            value = _field_value(line, raw)
            if value is None:
                continue
            target = data[line.path[0]]
            for key in line.path[1:-1]:
                target = target.setdefault(key, {})
            target[line.path[-1]] = value
        return data

    def _answers(self, spellings: dict[str, int]) -> dict[str, Any]:
        sheet = self._sheet(ANSWERS_SHEET)
        self.cells[("answers",)] = ref(ANSWERS_SHEET, f"A{ANSWERS_HEADER_ROW}")
        width = max(COLUMN[key].index for key in ("id", *ANSWER_FIELDS))
        keys = [column.key for column in ANSWER_COLUMNS[:width]]
        answers: dict[str, Any] = {}
        first_row: dict[str, int] = {}
        rows = _padded(sheet.iter_rows(min_row=ANSWERS_FIRST_ROW, max_col=width, values_only=True), width)
        for row_number, row in enumerate(rows, start=ANSWERS_FIRST_ROW):
            if row_number - ANSWERS_FIRST_ROW >= MAX_ANSWER_ROWS:
                self._problem(
                    f"A{row_number}", said("errors.xlsx.too_many_answer_rows", limit=MAX_ANSWER_ROWS)
                )
                break
            cells = dict(zip(keys, row, strict=True))
            item_id = values.text(cells["id"])
            entry = _answer_entry(cells, spellings)
            if item_id is None:
                if entry:
                    self._problem(f"A{row_number}", said("errors.xlsx.answer_without_id"))
                continue
            if item_id in first_row:
                self._problem(
                    f"A{row_number}",
                    said(
                        "errors.xlsx.item_twice",
                        item=repr(item_id),
                        first=first_row[item_id],
                        row=row_number,
                    ),
                )
                continue
            first_row[item_id] = row_number
            if entry:
                answers[item_id] = entry
                self._locate_row(item_id, row_number)
        return answers

    def _locate_row(self, item_id: str, row_number: int) -> None:
        def at(key: str) -> str:
            return ref(ANSWERS_SHEET, f"{COLUMN[key].letter}{row_number}")

        base: tuple[PathKey, ...] = ("answers", item_id)
        self.cells[base] = at("rating")
        # (named before indexing: mypy for Python 3.10 refuses a starred tuple inside the brackets)
        for field, column in (("[key]", "id"), ("na", "rating"), *((key, key) for key in ANSWER_FIELDS)):
            path: tuple[PathKey, ...] = (*base, field)
            self.cells[path] = at(column)

    def _problem(self, cell: str, message: Text) -> None:
        self.problems.append(Problem.said(self.source, message, location=ref(ANSWERS_SHEET, cell)))


def _field_value(line: EnterpriseField, raw: object) -> object:
    if line.kind == "choice":
        return values.choice(raw, line.choices)
    if line.kind == "whole":
        return values.whole_number(raw)
    if line.kind == "date":
        return values.date(raw)
    return values.text(raw)


def _number(written: str | None, otherwise: object) -> object:
    if written is None:
        return otherwise
    number = float(written)
    return int(number) if number.is_integer() else number


def _answer_entry(cells: dict[str, Any], spellings: dict[str, int]) -> dict[str, Any]:
    """The answer a row gives, in the full form of an answers file; empty when the row gives none."""
    entry: dict[str, Any] = {}
    rating = values.rating(cells["rating"], spellings)
    if rating is values.NOT_APPLICABLE:
        entry["na"] = True
    elif rating is not None:
        entry["rating"] = rating
    for key in ("justification", "note", "root_cause"):
        written = values.text(cells[key])
        if written is not None:
            entry[key] = written
    evidence = values.evidence(cells["evidence"])
    if evidence:
        entry["evidence"] = evidence
    return entry
