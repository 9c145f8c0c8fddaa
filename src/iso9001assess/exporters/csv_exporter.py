"""The ``csv`` exporter: one row per checklist item, for spreadsheets and further analysis.

Column names are fixed (English, snake_case) so scripts can rely on them; text columns (titles, item text,
rating label, the words of status, kind of not applicable, grade and of the assessment's verdicts) are in the
report language, next to the codes scripts use. Numbers are rounded once, half up (scores to one decimal,
item scores to four). The file is UTF-8 with a byte-order mark, which Excel needs to show Chinese. A text
cell that would start with ``= + - @`` (or a tab or line break) gets a leading apostrophe so a spreadsheet shows
it instead of evaluating it as a formula (docs/report.md).
"""

from __future__ import annotations

from typing import IO

from ..i18n import message
from ..models.base import localize
from ..models.result import ItemResult, Result
from ..rounding import format_number, round_half_up
from .base import ExportOptions
from .csv_table import csv_bytes, spreadsheet_safe

__all__ = ["COLUMNS", "CsvExporter", "item_rows", "spreadsheet_safe"]

COLUMNS: tuple[str, ...] = (
    "enterprise",
    "credit_code",
    "checklist",
    "checklist_version",
    "assessment_kind",
    "assessment_date",
    "overall_score",
    "readiness",
    "completeness",
    "lab_index",
    "lab_verdict",
    "lab_completeness",
    "item_id",
    "section_id",
    "section_title",
    "item_text",
    "status",
    "status_text",
    "na_kind",
    "rating",
    "rating_label",
    "score",
    "weight",
    "critical",
    "scored",
    "lab",
    "grade",
    "grade_text",
    "note",
    "justification",
    "evidence",
    "root_cause",
)


def _number(value: float | None, digits: int = 4) -> str:
    return "" if value is None else f"{round_half_up(value, digits):g}"


def _status_text(item: ItemResult, lang: str) -> str:
    """Answered / not assessed, or the kind of not applicable (excluded, not triggered, no laboratory)."""
    if item.status == "not-applicable" and item.na_kind:
        return message(f"vocab.na_kind.{item.na_kind}", lang)
    return message(f"vocab.status.{item.status}", lang)


def item_rows(result: Result, lang: str) -> list[dict[str, str]]:
    titles = {section.id: localize(section.title, lang) for section in result.sections}
    labels = {level.value: localize(level.label, lang) for level in result.scale}
    date = result.assessment.date.isoformat() if result.assessment.date else ""
    verdict = result.lab.verdict
    # The assessment's figures and verdicts in words, the same on every row (as the enterprise is).
    figures = {
        "overall_score": format_number(result.overall.score, 1, none=""),
        "readiness": message(f"vocab.readiness.{result.overall.readiness}", lang),
        "completeness": _number(result.overall.completeness),
        "lab_index": format_number(result.lab.score, 1, none=""),
        "lab_verdict": message(f"vocab.lab_verdict.{verdict}", lang) if verdict else "",
        "lab_completeness": _number(result.lab.completeness),
    }

    def row(item: ItemResult) -> dict[str, str]:
        return {
            "enterprise": spreadsheet_safe(result.enterprise.name),
            "credit_code": result.enterprise.credit_code or "",
            "checklist": result.checklist.id,
            "checklist_version": result.checklist.version,
            "assessment_kind": result.assessment.kind,
            "assessment_date": date,
            **figures,
            "item_id": item.id,
            "section_id": item.section,
            "section_title": spreadsheet_safe(titles.get(item.section, "")),
            "item_text": spreadsheet_safe(localize(item.text, lang)),
            "status": item.status,
            "status_text": _status_text(item, lang),
            "na_kind": item.na_kind or "",
            "rating": "" if item.rating is None else str(item.rating),
            "rating_label": spreadsheet_safe(labels.get(item.rating, "") if item.rating is not None else ""),
            "score": _number(item.score),
            "weight": _number(item.weight),
            "critical": "true" if item.critical else "false",
            "scored": "true" if item.scored else "false",
            "lab": "true" if item.lab else "false",
            "grade": item.grade or "",
            "grade_text": message(f"vocab.grade.{item.grade}", lang) if item.grade else "",
            "note": spreadsheet_safe(item.note),
            "justification": spreadsheet_safe(item.justification),
            "evidence": spreadsheet_safe("; ".join(item.evidence)),
            "root_cause": spreadsheet_safe(item.root_cause),
        }

    return [row(item) for item in result.items]


class CsvExporter:
    suffixes = (".csv",)

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        table = item_rows(result, options.lang)
        out.write(csv_bytes(COLUMNS, ([row[column] for column in COLUMNS] for row in table)))
