"""Writing the blank Excel questionnaire of a checklist (base or composed overlay alike).

Sheets: Instructions (how to fill in, the scale), Enterprise (who and when, with dropdowns and validation),
Answers (one row per item: the question, a rating dropdown, N/A justification, note, evidence, root cause,
then guidance and typical evidence to read), and a hidden _meta sheet that says which checklist the workbook
belongs to and holds the dropdown lists. Only the input cells are unlocked; the sheets are protected without a
password, so nobody breaks the layout by accident and anybody can still unprotect them.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path
from typing import Any

from .._version import __version__
from ..files import atomic_write
from ..i18n import message, numbered
from ..loading.xlsx.dependency import import_openpyxl
from ..loading.xlsx.layout import (
    ANSWER_COLUMNS,
    ANSWERS_FIRST_ROW,
    ANSWERS_HEADER_ROW,
    ANSWERS_SHEET,
    CHECKLIST_ROW,
    CHOICE_LIST_COLUMNS,
    COLUMN,
    ENTERPRISE_SHEET,
    ENTERPRISE_TITLE_ROW,
    FORMAT_VERSION,
    HINT_COLUMN,
    INSTRUCTIONS_SHEET,
    LABEL_COLUMN,
    META_SHEET,
    NA_LABEL,
    QUESTIONNAIRE_FORMAT,
    RATING_LIST_COLUMN,
    SCALE_LIST_COLUMN,
    SPELLINGS_COLUMN,
    VALUE_COLUMN,
    EnterpriseField,
    Heading,
    choice_list_column,
    enterprise_rows,
)
from ..models.base import localize
from ..models.checklist import Checklist, Item
from .writing import print_landscape, put, save

_INPUT_FILL = "FFF9DB"  # pale yellow: where to type
_HEADER_FILL = "DDEBF7"
_SECTION_FILLS = ("BDD7EE", "DDEBF7", "EEF4FA")
_LOCKED_FILL = "F2F2F2"
_MISSING_FILL = "F8CBAD"  # pale red: N/A chosen, no justification yet
_LINE_HEIGHT = 15.0  # points, for the default 11-point font
_INSTRUCTION_COLUMNS = (("A", 6), ("B", 26), ("C", 100))
_INSTRUCTION_WIDTH = 26 + 100 - 4  # columns B and C, less a margin


def write_template(checklist: Checklist, path: str | Path, lang: str = "zh") -> None:
    """Write the questionnaire of ``checklist`` to ``path`` (whole, or not at all)."""
    workbook = build_template(checklist, lang)
    with atomic_write(path) as out:
        save(workbook, out)


def build_template(checklist: Checklist, lang: str = "zh") -> Any:
    """The questionnaire as an openpyxl Workbook, for callers who want to adjust it before saving."""
    openpyxl = import_openpyxl("xlsx_questionnaire")
    from openpyxl.workbook.protection import WorkbookProtection

    workbook = openpyxl.Workbook()
    writer = _TemplateWriter(workbook, checklist, lang)
    writer.instructions(workbook.active)
    writer.enterprise(workbook.create_sheet(ENTERPRISE_SHEET))
    writer.answers(workbook.create_sheet(ANSWERS_SHEET))
    writer.meta(workbook.create_sheet(META_SHEET))
    workbook.active = 0
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook


def _question(item: Item, lang: str) -> str:
    marks = [
        message(key, lang)
        for key, on in (
            ("xlsx.critical", item.critical),
            ("xlsx.excludable", item.excludable),
            ("xlsx.conditional", item.conditional),
            ("xlsx.not_scored", not item.scored),
        )
        if on
    ]
    question = localize(item.text, lang).strip()
    return f"{question}\n{' '.join(marks)}" if marks else question


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (CJK characters count double)."""
    lines = 0
    for paragraph in text.split("\n"):
        units = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in paragraph)
        lines += max(1, math.ceil(units / width))
    return lines


def _all_spellings(checklist: Checklist) -> list[str]:
    labels = [
        (level.value, label)
        for level in checklist.scale
        for label in ([level.label] if isinstance(level.label, str) else level.label.values())
    ]
    return [f"{value} – {label}" for value, label in labels]


class _TemplateWriter:
    def __init__(self, workbook: Any, checklist: Checklist, lang: str) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.workbook, self.checklist, self.lang = workbook, checklist, lang
        self.scale_choices = [f"{level.value} – {localize(level.label, lang)}" for level in checklist.scale]
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.unlocked = Protection(locked=False)
        self.fill = {
            color: PatternFill("solid", start_color=color, end_color=color)
            for color in (_INPUT_FILL, _HEADER_FILL, _LOCKED_FILL, *_SECTION_FILLS)
        }

    def _say(self, key: str) -> str:
        return message(key, self.lang)

    def _protect(self, sheet: Any) -> None:
        sheet.protection.sheet = True
        # Users may still resize columns and rows and filter; everything else stays as the reader expects.
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        sheet.protection.autoFilter = False

    def _input(self, cell: Any, number_format: str = "@") -> None:
        cell.protection = self.unlocked
        cell.fill = self.fill[_INPUT_FILL]
        cell.alignment = self.wrap
        cell.number_format = number_format

    def _validation(self, **options: Any) -> Any:
        from openpyxl.worksheet.datavalidation import DataValidation

        return DataValidation(allow_blank=True, showErrorMessage=True, showInputMessage=True, **options)

    def _list_formula(self, letter: str, length: int) -> str:
        return f"'{META_SHEET}'!${letter}$1:${letter}${length}"

    def _merged_text(self, sheet: Any, row: int, text: str) -> None:
        """Text across columns B and C; spreadsheet programs never fit a merged row's height, so set it here."""
        put(sheet, row, 2, text).alignment = self.wrap
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        sheet.row_dimensions[row].height = _LINE_HEIGHT * _lines(text, _INSTRUCTION_WIDTH)

    # -- sheets -----------------------------------------------------------------------------------------------
    def instructions(self, sheet: Any) -> None:
        checklist, lang = self.checklist, self.lang
        sheet.title = INSTRUCTIONS_SHEET
        for letter, width in _INSTRUCTION_COLUMNS:
            sheet.column_dimensions[letter].width = width
        put(sheet, 1, 1, localize(checklist.title, lang)).font = self.title_font
        identity = f"{self._say('vocab.field.checklist')}: {checklist.id} {checklist.version}"
        put(sheet, 2, 1, identity + (f" · {checklist.standard}" if checklist.standard else ""))
        row = 4
        put(sheet, row, 1, self._say("xlsx.how_to")).font = self.bold
        for number, step in enumerate(numbered("xlsx.step", lang), start=1):
            row += 1
            put(sheet, row, 1, number)
            self._merged_text(sheet, row, step)
        row += 2
        put(sheet, row, 1, self._say("xlsx.scale")).font = self.bold
        row += 1
        for column, key in enumerate(
            ("report.appendix.value", "report.appendix.label", "report.appendix.description"), start=1
        ):
            header = put(sheet, row, column, self._say(key))
            header.font, header.fill = self.bold, self.fill[_HEADER_FILL]
        for level in checklist.scale:
            row += 1
            put(sheet, row, 1, level.value)
            put(sheet, row, 2, localize(level.label, lang)).alignment = self.wrap
            put(sheet, row, 3, localize(level.description, lang)).alignment = self.wrap
        row += 2
        put(sheet, row, 1, self._say("xlsx.marks")).font = self.bold
        for key in (
            "xlsx.critical_means",
            "xlsx.excludable_means",
            "xlsx.conditional_means",
            "xlsx.not_scored_means",
        ):
            row += 1
            self._merged_text(sheet, row, self._say(key))
        self._protect(sheet)

    def enterprise(self, sheet: Any) -> None:
        lang = self.lang
        for letter, width in ((LABEL_COLUMN, 30), (VALUE_COLUMN, 42), (HINT_COLUMN, 56)):
            sheet.column_dimensions[letter].width = width
        put(sheet, ENTERPRISE_TITLE_ROW, 1, self._say("xlsx.enterprise_title")).font = self.title_font
        put(sheet, CHECKLIST_ROW, 1, self._say("vocab.field.checklist")).font = self.bold
        put(sheet, CHECKLIST_ROW, 2, f"{self.checklist.id}@{self.checklist.version}").fill = self.fill[
            _LOCKED_FILL
        ]
        put(sheet, CHECKLIST_ROW, 3, localize(self.checklist.title, lang)).alignment = self.wrap
        for row, line in enterprise_rows():
            if isinstance(line, Heading):
                heading = put(sheet, row, 1, message(line.title, lang))
                heading.font, heading.fill = self.bold, self.fill[_HEADER_FILL]
                continue
            required = line.path == ("enterprise", "name")
            put(sheet, row, 1, message(line.label, lang) + (" *" if required else ""))
            put(sheet, row, 3, message(line.hint, lang) if line.hint else "").alignment = self.wrap
            self._enterprise_field(sheet, row, line)
        sheet.freeze_panes = f"A{CHECKLIST_ROW + 1}"
        self._protect(sheet)

    def _enterprise_field(self, sheet: Any, row: int, line: EnterpriseField) -> None:
        cell = sheet[f"{VALUE_COLUMN}{row}"]
        coordinate = cell.coordinate
        if line.kind == "choice":
            self._input(cell)
            letter = choice_list_column(line.choices)
            validation = self._validation(
                type="list",
                formula1=self._list_formula(letter, len(line.choices)),
                error=self._say("xlsx.choose_from_list"),
            )
            prefilled = next((c for c in line.choices if c.value == line.prefill), None)
            if prefilled is not None and line.prefill is not None:
                put(sheet, row, cell.column, prefilled.display(self.lang))
        elif line.kind == "whole":
            self._input(cell, "0")
            validation = self._validation(
                type="whole", operator="greaterThanOrEqual", formula1="0", error=self._say("xlsx.whole_error")
            )
        elif line.kind == "date":
            self._input(cell, "yyyy-mm-dd")
            validation = self._validation(
                type="date",
                operator="between",
                formula1="DATE(1990,1,1)",
                formula2="DATE(2100,12,31)",
                error=self._say("xlsx.date_error"),
            )
        elif line.kind == "credit-code":
            self._input(cell)
            validation = self._validation(
                type="textLength", operator="equal", formula1="18", error=self._say("xlsx.credit_code_error")
            )
        else:
            self._input(cell)
            return
        validation.add(coordinate)
        sheet.add_data_validation(validation)

    def answers(self, sheet: Any) -> None:
        lang = self.lang
        for column in ANSWER_COLUMNS:
            sheet.column_dimensions[column.letter].width = column.width
            header = put(sheet, ANSWERS_HEADER_ROW, column.index, message(column.title, lang))
            header.font, header.fill, header.alignment = self.bold, self.fill[_HEADER_FILL], self.wrap
        scale_length = len(self.scale_choices)
        with_na = self._validation(
            type="list",
            formula1=self._list_formula(RATING_LIST_COLUMN, scale_length + 1),
            promptTitle=self._say("report.detail.rating"),
            prompt=self._say("xlsx.rating_prompt_na"),
            error=self._say("xlsx.choose_from_list"),
        )
        scale_only = self._validation(
            type="list",
            formula1=self._list_formula(SCALE_LIST_COLUMN, scale_length),
            promptTitle=self._say("report.detail.rating"),
            prompt=self._say("xlsx.rating_prompt"),
            error=self._say("xlsx.choose_from_list"),
        )
        row = ANSWERS_FIRST_ROW
        for section, depth in self.checklist.walk_sections():
            fill = self.fill[_SECTION_FILLS[min(depth, len(_SECTION_FILLS) - 1)]]
            put(sheet, row, COLUMN["clause"].index, section.id)
            put(sheet, row, COLUMN["question"].index, localize(section.title, lang))
            for column in ANSWER_COLUMNS:
                cell = sheet.cell(row=row, column=column.index)
                cell.font, cell.fill = self.bold, fill
            row += 1
            for item in section.items:
                self._item_row(sheet, row, item, section.id)
                allows_na = item.excludable or item.conditional
                (with_na if allows_na else scale_only).add(f"{COLUMN['rating'].letter}{row}")
                row += 1
        for validation in (with_na, scale_only):
            if validation.sqref:
                sheet.add_data_validation(validation)
        self._flag_missing_justifications(sheet, row - 1)
        last = ANSWER_COLUMNS[-1].letter
        sheet.auto_filter.ref = f"A{ANSWERS_HEADER_ROW}:{last}{max(row - 1, ANSWERS_HEADER_ROW)}"
        sheet.freeze_panes = f"{COLUMN['rating'].letter}{ANSWERS_FIRST_ROW}"
        print_landscape(sheet, ANSWERS_HEADER_ROW)
        self._protect(sheet)

    def _flag_missing_justifications(self, sheet: Any, last_row: int) -> None:
        """Colour an N/A justification cell red while N/A is chosen and no justification is written."""
        from openpyxl.formatting.rule import FormulaRule
        from openpyxl.styles import PatternFill

        rating, justification = COLUMN["rating"].letter, COLUMN["justification"].letter
        first = ANSWERS_FIRST_ROW
        rule = FormulaRule(
            formula=[f'AND(LEFT(${rating}{first},3)="N/A",LEN(TRIM(${justification}{first}))=0)'],
            fill=PatternFill("solid", start_color=_MISSING_FILL, end_color=_MISSING_FILL),
        )
        sheet.conditional_formatting.add(
            f"{justification}{first}:{justification}{max(last_row, first)}", rule
        )

    def _item_row(self, sheet: Any, row: int, item: Item, section_id: str) -> None:
        lang = self.lang
        put(sheet, row, COLUMN["id"].index, item.id)
        put(sheet, row, COLUMN["clause"].index, section_id)
        question = put(sheet, row, COLUMN["question"].index, _question(item, lang))
        if item.critical:
            from openpyxl.styles import Font

            question.font = Font(bold=True)
        for key in ("rating", "justification", "note", "evidence", "root_cause"):
            self._input(sheet.cell(row=row, column=COLUMN[key].index), "General" if key == "rating" else "@")
        put(sheet, row, COLUMN["guidance"].index, localize(item.guidance, lang))
        evidence = "\n".join(f"• {localize(text, lang)}" for text in item.evidence)
        put(sheet, row, COLUMN["typical_evidence"].index, evidence)
        for key in ("id", "clause", "question", "guidance", "typical_evidence"):
            sheet.cell(row=row, column=COLUMN[key].index).alignment = self.wrap

    def meta(self, sheet: Any) -> None:
        checklist = self.checklist
        entries = {
            "format": QUESTIONNAIRE_FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": 1,
            "checklist": f"{checklist.id}@{checklist.version}",
            "checklist_sha256": checklist.sha256,
            "lang": self.lang,
            "generator": f"iso9001assess {__version__}",
        }
        for row, (key, value) in enumerate(entries.items(), start=1):
            put(sheet, row, 1, key)
            put(sheet, row, 2, value)
        lists: list[tuple[str, list[str]]] = [
            (RATING_LIST_COLUMN, [*self.scale_choices, message(NA_LABEL, self.lang)]),
            (SCALE_LIST_COLUMN, self.scale_choices),
        ]
        lists.extend(
            (letter, [c.display(self.lang) for c in choices]) for letter, choices in CHOICE_LIST_COLUMNS
        )
        lists.append((SPELLINGS_COLUMN, _all_spellings(checklist)))
        for letter, entries_of_list in lists:
            column = ord(letter) - ord("A") + 1
            for row, entry in enumerate(entries_of_list, start=1):
                put(sheet, row, column, entry)
        sheet.sheet_state = "veryHidden"
        self._protect(sheet)
