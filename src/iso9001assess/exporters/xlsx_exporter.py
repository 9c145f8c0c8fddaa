"""The ``xlsx`` exporter: one enterprise's result as a workbook (summary, sections, items, findings, plan).

Everything comes from the Result: nothing is recomputed. Numbers stay numbers (so they can be sorted and
charted in Excel) at full precision, and Excel rounds them once for display through the cell's number format;
user text stays text (never read as a formula). Readiness, the lab verdict and each item's status (not
assessed, excluded, not triggered, no laboratory) are words from the message catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from ..i18n import locale, message
from ..models.base import localize
from ..models.result import ItemResult, Result
from .base import ExportOptions
from .report_view import method_words, strategy_words

_GRADE_FILLS = {"major": "F8CBAD", "minor": "FCE4D6", "observation": "FFF2CC"}
_HEADER_FILL = "DDEBF7"


class XlsxExporter:
    """Writes a Result as an .xlsx workbook, in the language of ``options.lang``."""

    suffixes = (".xlsx",)

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        from ..loading.xlsx.dependency import import_openpyxl
        from ..xlsx.writing import save

        openpyxl = import_openpyxl("xlsx_export")
        workbook = openpyxl.Workbook()
        writer = _ResultWriter(result, options.lang)
        writer.summary(workbook.active)
        writer.sections(workbook.create_sheet())
        writer.items(workbook.create_sheet())
        writer.findings(workbook.create_sheet())
        writer.plan(workbook.create_sheet())
        save(workbook, out)


class _ResultWriter:
    def __init__(self, result: Result, lang: str) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.result, self.lang = result, lang
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.fills = {
            key: PatternFill("solid", start_color=color, end_color=color)
            for key, color in {**_GRADE_FILLS, "header": _HEADER_FILL}.items()
        }
        self.scale_labels = {level.value: localize(level.label, lang) for level in result.scale}

    def _w(self, key: str) -> str:
        return message(key, self.lang)

    def _status(self, item: ItemResult) -> str:
        """Assessed / not assessed, or the kind of not applicable (excluded, not triggered, no laboratory)."""
        if item.status == "not-applicable" and item.na_kind:
            return self._vocab("na_kind", item.na_kind)
        return self._vocab("status", item.status)

    def _vocab(self, kind: str, code: str | None) -> str:
        """A code of the vocabulary (readiness, grade, status, ...) in words; blank when there is none."""
        return "" if code is None else message(f"vocab.{kind}.{code}", self.lang)

    def _table(
        self, sheet: Any, name: str, columns: Sequence[tuple[str, float]], rows: Sequence[Sequence[object]]
    ) -> None:
        """A header row, then one row per entry; frozen header, filter, widths, wrapping."""
        from openpyxl.utils import get_column_letter

        from ..xlsx.writing import put

        sheet.title = self._w(name)
        for index, (title, width) in enumerate(columns, start=1):
            cell = put(sheet, 1, index, self._w(title))
            cell.font, cell.fill, cell.alignment = self.bold, self.fills["header"], self.wrap
            sheet.column_dimensions[get_column_letter(index)].width = width
        for row_number, row in enumerate(rows, start=2):
            for index, value in enumerate(row, start=1):
                put(sheet, row_number, index, value).alignment = self.wrap
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 1)}"

    def _grade_fill(self, sheet: Any, column: int, grades: Sequence[str | None]) -> None:
        for row_number, grade in enumerate(grades, start=2):
            if grade is not None:
                sheet.cell(row=row_number, column=column).fill = self.fills[grade]

    def _yes_no(self, value: bool) -> str:
        return self._w("vocab.yes" if value else "vocab.no")

    # -- sheets -----------------------------------------------------------------------------------------------
    def summary(self, sheet: Any) -> None:
        from ..xlsx.writing import put

        result, lang = self.result, self.lang
        enterprise, assessment = result.enterprise, result.assessment
        region = locale(lang).join_region(
            part
            for part in (enterprise.region.province, enterprise.region.city, enterprise.region.district)
            if part
        )
        counts = result.finding_counts()
        na = self._w("common.not_available")
        rows: list[tuple[str, object, str | None]] = [
            ("vocab.field.enterprise", enterprise.name, None),
            ("vocab.field.credit_code", enterprise.credit_code, None),
            ("vocab.field.region", region, None),
            ("vocab.field.industry", enterprise.industry, None),
            ("vocab.field.size", self._vocab("size", enterprise.size), None),
            ("vocab.field.employees", enterprise.employees, "0"),
            ("vocab.field.has_lab", self._yes_no(enterprise.has_lab), None),
            ("vocab.field.certified", self._yes_no(enterprise.certified), None),
            ("vocab.field.kind", self._vocab("kind", assessment.kind), None),
            ("vocab.field.date", assessment.date, "yyyy-mm-dd"),
            ("vocab.field.assessor", assessment.assessor, None),
            (
                "vocab.field.checklist",
                f"{result.checklist.id} {result.checklist.version} {localize(result.checklist.title, lang)}",
                None,
            ),
            ("vocab.field.sha256", result.checklist.sha256, None),
            ("vocab.field.strategy", strategy_words(result.strategy, lang), None),
            ("vocab.measure.overall", na if result.overall.score is None else result.overall.score, "0.0"),
            (
                "vocab.measure.maturity",
                na if result.overall.maturity_level is None else result.overall.maturity_level,
                "0",
            ),
            ("vocab.measure.readiness", self._vocab("readiness", result.overall.readiness), None),
            (
                "vocab.measure.qms_completeness",
                na if result.overall.completeness is None else result.overall.completeness,
                "0%",
            ),
            ("vocab.measure.lab", na if result.lab.score is None else result.lab.score, "0.0"),
            ("vocab.field.lab_verdict", self._vocab("lab_verdict", result.lab.verdict or "none"), None),
            (
                "vocab.measure.lab_completeness",
                na if result.lab.completeness is None else result.lab.completeness,
                "0%",
            ),
            ("vocab.measure.min_completeness", result.min_completeness, "0%"),
            ("vocab.grade.major", counts["major"], "0"),
            ("vocab.grade.minor", counts["minor"], "0"),
            ("vocab.grade.observation", counts["observation"], "0"),
            ("xlsx.result.actions", len(result.actions), "0"),
            ("xlsx.result.method", method_words(result.strategy, result.method, lang), None),
        ]
        sheet.title = self._w("xlsx.result.sheet.summary")
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 90
        title = put(sheet, 1, 1, self._w("xlsx.result.title"))
        title.font = self.bold
        for row_number, (label, value, number_format) in enumerate(rows, start=3):
            put(sheet, row_number, 1, self._w(label)).font = self.bold
            cell = put(sheet, row_number, 2, value)
            cell.alignment = self.wrap
            if number_format and not isinstance(value, str):
                cell.number_format = number_format

    def sections(self, sheet: Any) -> None:
        from openpyxl.styles import Alignment

        na = self._w("common.not_available")
        columns = [
            ("xlsx.column.clause", 12),
            ("xlsx.column.title", 50),
            ("xlsx.column.score", 10),
            ("xlsx.column.applicable", 11),
            ("xlsx.column.answered", 11),
            ("vocab.status.not-applicable", 11),
            ("vocab.status.unanswered", 11),
        ]
        rows = [
            (
                s.id,
                localize(s.title, self.lang),
                na if s.score is None else s.score,
                s.applicable,
                s.answered,
                s.not_applicable,
                s.unanswered,
            )
            for s in self.result.sections
        ]
        self._table(sheet, "xlsx.result.sheet.sections", columns, rows)
        for row_number, section in enumerate(self.result.sections, start=2):
            sheet.cell(row=row_number, column=1).alignment = Alignment(indent=section.depth, vertical="top")
            if section.depth == 0:
                for column in (1, 2, 3):
                    sheet.cell(row=row_number, column=column).font = self.bold
            sheet.cell(row=row_number, column=3).number_format = "0.0"

    def items(self, sheet: Any) -> None:
        columns = [
            ("xlsx.column.item", 11),
            ("xlsx.column.clause", 9),
            ("xlsx.column.question", 60),
            ("xlsx.column.status", 11),
            ("xlsx.column.rating", 8),
            ("xlsx.column.level", 18),
            ("xlsx.column.item_score", 10),
            ("xlsx.column.finding", 13),
            ("xlsx.column.weight", 8),
            ("xlsx.column.critical", 8),
            ("xlsx.column.lab", 8),
            ("xlsx.column.note", 36),
            ("xlsx.column.justification", 30),
            ("xlsx.column.evidence", 30),
            ("xlsx.column.root_cause", 30),
        ]
        rows = [
            (
                i.id,
                i.section,
                localize(i.text, self.lang),
                self._status(i),
                i.rating,
                self.scale_labels.get(i.rating, "") if i.rating is not None else "",
                i.score,
                self._vocab("grade", i.grade),
                i.weight,
                self._yes_no(i.critical),
                self._yes_no(i.lab),
                i.note,
                i.justification,
                "\n".join(i.evidence),
                i.root_cause,
            )
            for i in self.result.items
        ]
        self._table(sheet, "xlsx.result.sheet.items", columns, rows)
        for row_number in range(2, len(rows) + 2):
            sheet.cell(row=row_number, column=7).number_format = "0%"
        self._grade_fill(sheet, 8, [i.grade for i in self.result.items])

    def findings(self, sheet: Any) -> None:
        columns = [
            ("xlsx.column.item", 11),
            ("xlsx.column.clause", 9),
            ("xlsx.column.finding", 13),
            ("xlsx.column.rating", 8),
            ("xlsx.column.question", 60),
            ("xlsx.column.note", 36),
            ("xlsx.column.root_cause", 30),
        ]
        rows = [
            (
                f.item_id,
                f.clause,
                self._vocab("grade", f.grade),
                f.rating,
                localize(f.text, self.lang),
                f.note,
                f.root_cause,
            )
            for f in self.result.findings
        ]
        self._table(sheet, "xlsx.result.sheet.findings", columns, rows)
        self._grade_fill(sheet, 3, [f.grade for f in self.result.findings])

    def plan(self, sheet: Any) -> None:
        columns = [
            ("xlsx.column.number", 5),
            ("xlsx.column.item", 11),
            ("xlsx.column.clause", 9),
            ("xlsx.column.finding", 13),
            ("xlsx.column.priority", 9),
            ("xlsx.column.timeframe_days", 10),
            ("xlsx.column.impact", 9),
            ("xlsx.column.action", 80),
        ]
        rows = [
            (
                number,
                a.item_id,
                a.clause,
                self._vocab("grade", a.grade),
                self._vocab("priority", a.priority),
                a.timeframe_days,
                a.impact,
                localize(a.text, self.lang),
            )
            for number, a in enumerate(self.result.actions, start=1)
        ]
        self._table(sheet, "xlsx.result.sheet.plan", columns, rows)
        for row_number in range(2, len(rows) + 2):
            sheet.cell(row=row_number, column=7).number_format = "0.00"
        self._grade_fill(sheet, 4, [a.grade for a in self.result.actions])
