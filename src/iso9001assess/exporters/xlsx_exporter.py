"""The ``xlsx`` exporter: one enterprise's result as a workbook (summary, sections, items, findings, plan).

Everything comes from the Result: nothing is recomputed. Numbers stay numbers (so they can be sorted and
charted in Excel) at full precision, and Excel rounds them once for display through the cell's number format;
user text stays text (never read as a formula). Readiness, the lab verdict and the status of each item (not
assessed, excluded, not triggered, no laboratory) are words from the message catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from ..i18n import message
from ..models.base import localize
from ..models.result import ItemResult, Result
from .base import ExportOptions

_WORDS: dict[str, dict[str, str]] = {
    "Summary": {"zh": "概要"},
    "Sections": {"zh": "章节得分"},
    "Items": {"zh": "逐项结果"},
    "Findings": {"zh": "发现"},
    "Plan": {"zh": "改进计划"},
    "Self-assessment result": {"zh": "质量管理体系诊断结果"},
    "Enterprise": {"zh": "企业名称"},
    "Unified social credit code": {"zh": "统一社会信用代码"},
    "Region": {"zh": "地区"},
    "Industry": {"zh": "行业"},
    "Size": {"zh": "企业规模"},
    "Employees": {"zh": "员工人数"},
    "Has a laboratory": {"zh": "是否有实验室"},
    "ISO 9001 certified": {"zh": "是否已获ISO 9001认证"},
    "Assessment": {"zh": "评价类型"},
    "Date": {"zh": "评价日期"},
    "Assessor": {"zh": "评价人"},
    "Checklist": {"zh": "检查表"},
    "Checklist SHA-256": {"zh": "检查表SHA-256"},
    "Strategy": {"zh": "评分方法"},
    "Overall score": {"zh": "总体得分"},
    "Maturity level": {"zh": "成熟度等级"},
    "Readiness": {"zh": "认证准备度"},
    "Lab capability index": {"zh": "实验室能力指数"},
    "QMS completeness": {"zh": "体系评估完整度"},
    "Lab verdict": {"zh": "实验室管理结论"},
    "Lab completeness": {"zh": "实验室评估完整度"},
    "Minimum completeness": {"zh": "最低完整度要求"},
    "Major nonconformities": {"zh": "严重不符合"},
    "Minor nonconformities": {"zh": "一般不符合"},
    "Observations": {"zh": "观察项"},
    "Actions": {"zh": "改进措施数"},
    "Method": {"zh": "计算方法"},
    "Clause": {"zh": "条款"},
    "Title": {"zh": "标题"},
    "Score": {"zh": "得分"},
    "Applicable": {"zh": "适用项"},
    "Answered": {"zh": "已评价"},
    "Not applicable": {"zh": "不适用"},
    "Unanswered": {"zh": "未评价"},
    "Item": {"zh": "编号"},
    "Question": {"zh": "问题"},
    "Status": {"zh": "状态"},
    "Rating": {"zh": "评分"},
    "Level": {"zh": "等级"},
    "Item score": {"zh": "单项得分"},
    "Finding": {"zh": "发现等级"},
    "Weight": {"zh": "权重"},
    "Critical": {"zh": "关键项"},
    "Lab": {"zh": "实验室"},
    "Note": {"zh": "情况说明"},
    "Justification": {"zh": "不适用理由"},
    "Evidence": {"zh": "证据"},
    "Root cause": {"zh": "原因分析"},
    "#": {"zh": "序号"},
    "Priority": {"zh": "优先级"},
    "Timeframe (days)": {"zh": "期限（天）"},
    "Impact": {"zh": "影响度"},
    "Action": {"zh": "改进措施"},
    "yes": {"zh": "是"},
    "no": {"zh": "否"},
    "n/a": {"zh": "不适用"},
}
_GRADE_FILLS = {"major": "F8CBAD", "minor": "FCE4D6", "observation": "FFF2CC"}
_HEADER_FILL = "DDEBF7"


def _word(text: str | None, lang: str) -> str:
    """A sheet, column or row label of this workbook in ``lang`` (the labels are written in English)."""
    if text is None:
        return ""
    return _WORDS.get(text, {}).get(lang, text)


class XlsxExporter:
    """Writes a Result as an .xlsx workbook, in the language of ``options.lang``."""

    suffixes = (".xlsx",)

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        from ..xlsx.dependency import import_openpyxl
        from ..xlsx.writing import save

        openpyxl = import_openpyxl("the xlsx export")
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

    def _w(self, text: str | None) -> str:
        return _word(text, self.lang)

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

    def _v(self, vocabulary: str, code: str | None) -> str:
        """A code of a vocabulary (grade, priority, size, kind) in words, from the message catalogue."""
        return "" if code is None else message(f"{vocabulary}.{code}", self.lang)

    def _status(self, item: ItemResult) -> str:
        """Assessed / not assessed, or the kind of not applicable (excluded, not triggered, no laboratory)."""
        if item.status == "not-applicable" and item.na_kind:
            return message(f"na_kind.{item.na_kind}", self.lang)
        return message(f"status.{item.status}", self.lang)

    def _yes_no(self, value: bool) -> str:
        return self._w("yes" if value else "no")

    # -- sheets -----------------------------------------------------------------------------------------------
    def summary(self, sheet: Any) -> None:
        from ..xlsx.writing import put

        result, lang = self.result, self.lang
        enterprise, assessment = result.enterprise, result.assessment
        region = " ".join(
            part
            for part in (enterprise.region.province, enterprise.region.city, enterprise.region.district)
            if part
        )
        counts = result.finding_counts()
        na = self._w("n/a")
        rows: list[tuple[str, object, str | None]] = [
            ("Enterprise", enterprise.name, None),
            ("Unified social credit code", enterprise.credit_code, None),
            ("Region", region, None),
            ("Industry", enterprise.industry, None),
            ("Size", self._v("size", enterprise.size), None),
            ("Employees", enterprise.employees, "0"),
            ("Has a laboratory", self._yes_no(enterprise.has_lab), None),
            ("ISO 9001 certified", self._yes_no(enterprise.certified), None),
            ("Assessment", self._v("kind", assessment.kind), None),
            ("Date", assessment.date, "yyyy-mm-dd"),
            ("Assessor", assessment.assessor, None),
            (
                "Checklist",
                f"{result.checklist.id} {result.checklist.version} {localize(result.checklist.title, lang)}",
                None,
            ),
            ("Checklist SHA-256", result.checklist.sha256, None),
            ("Strategy", result.strategy, None),
            ("Overall score", na if result.overall.score is None else result.overall.score, "0.0"),
            (
                "Maturity level",
                na if result.overall.maturity_level is None else result.overall.maturity_level,
                "0",
            ),
            ("Readiness", message(f"readiness.{result.overall.readiness}", lang), None),
            (
                "QMS completeness",
                na if result.overall.completeness is None else result.overall.completeness,
                "0%",
            ),
            ("Lab capability index", na if result.lab.score is None else result.lab.score, "0.0"),
            ("Lab verdict", message(f"lab_verdict.{result.lab.verdict or 'none'}", lang), None),
            ("Lab completeness", na if result.lab.completeness is None else result.lab.completeness, "0%"),
            ("Minimum completeness", result.min_completeness, "0%"),
            ("Major nonconformities", counts["major"], "0"),
            ("Minor nonconformities", counts["minor"], "0"),
            ("Observations", counts["observation"], "0"),
            ("Actions", len(result.actions), "0"),
            ("Method", localize(result.method, lang), None),
        ]
        sheet.title = self._w("Summary")
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 90
        title = put(sheet, 1, 1, self._w("Self-assessment result"))
        title.font = self.bold
        for row_number, (label, value, number_format) in enumerate(rows, start=3):
            put(sheet, row_number, 1, self._w(label)).font = self.bold
            cell = put(sheet, row_number, 2, value)
            cell.alignment = self.wrap
            if number_format and not isinstance(value, str):
                cell.number_format = number_format

    def sections(self, sheet: Any) -> None:
        from openpyxl.styles import Alignment

        na = self._w("n/a")
        columns = [
            ("Clause", 12),
            ("Title", 50),
            ("Score", 10),
            ("Applicable", 11),
            ("Answered", 11),
            ("Not applicable", 11),
            ("Unanswered", 11),
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
        self._table(sheet, "Sections", columns, rows)
        for row_number, section in enumerate(self.result.sections, start=2):
            sheet.cell(row=row_number, column=1).alignment = Alignment(indent=section.depth, vertical="top")
            if section.depth == 0:
                for column in (1, 2, 3):
                    sheet.cell(row=row_number, column=column).font = self.bold
            sheet.cell(row=row_number, column=3).number_format = "0.0"

    def items(self, sheet: Any) -> None:
        columns = [
            ("Item", 11),
            ("Clause", 9),
            ("Question", 60),
            ("Status", 11),
            ("Rating", 8),
            ("Level", 18),
            ("Item score", 10),
            ("Finding", 13),
            ("Weight", 8),
            ("Critical", 8),
            ("Lab", 8),
            ("Note", 36),
            ("Justification", 30),
            ("Evidence", 30),
            ("Root cause", 30),
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
                self._v("grade", i.grade),
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
        self._table(sheet, "Items", columns, rows)
        for row_number in range(2, len(rows) + 2):
            sheet.cell(row=row_number, column=7).number_format = "0%"
        self._grade_fill(sheet, 8, [i.grade for i in self.result.items])

    def findings(self, sheet: Any) -> None:
        columns = [
            ("Item", 11),
            ("Clause", 9),
            ("Finding", 13),
            ("Rating", 8),
            ("Question", 60),
            ("Note", 36),
            ("Root cause", 30),
        ]
        rows = [
            (
                f.item_id,
                f.clause,
                self._v("grade", f.grade),
                f.rating,
                localize(f.text, self.lang),
                f.note,
                f.root_cause,
            )
            for f in self.result.findings
        ]
        self._table(sheet, "Findings", columns, rows)
        self._grade_fill(sheet, 3, [f.grade for f in self.result.findings])

    def plan(self, sheet: Any) -> None:
        columns = [
            ("#", 5),
            ("Item", 11),
            ("Clause", 9),
            ("Finding", 13),
            ("Priority", 9),
            ("Timeframe (days)", 10),
            ("Impact", 9),
            ("Action", 80),
        ]
        rows = [
            (
                number,
                a.item_id,
                a.clause,
                self._v("grade", a.grade),
                self._v("priority", a.priority),
                a.timeframe_days,
                a.impact,
                localize(a.text, self.lang),
            )
            for number, a in enumerate(self.result.actions, start=1)
        ]
        self._table(sheet, "Plan", columns, rows)
        for row_number in range(2, len(rows) + 2):
            sheet.cell(row=row_number, column=7).number_format = "0.00"
        self._grade_fill(sheet, 4, [a.grade for a in self.result.actions])
