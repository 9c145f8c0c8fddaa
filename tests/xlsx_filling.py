"""Filling a questionnaire template the way a script (or an enterprise) would, for the xlsx tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from iso9001assess.loading.xlsx.layout import ANSWERS_SHEET, COLUMN, ENTERPRISE_SHEET, field_rows
from iso9001assess.models.answers import Answers

ENTERPRISE_CELLS = {path: f"B{row}" for path, row in field_rows().items()}


def item_rows(workbook: Any) -> dict[str, int]:
    """Item id -> row of the Answers sheet, read from column A."""
    sheet = workbook[ANSWERS_SHEET]
    return {
        str(row[0].value): row[0].row
        for row in sheet.iter_rows(min_row=2, max_col=1)
        if row[0].value is not None
    }


def write_text(sheet: Any, cell: str, value: object) -> None:
    sheet[cell] = value
    if isinstance(value, str):
        sheet[cell].data_type = "s"  # text that starts with "=" stays text, as Excel does for a text cell


def fill(
    template: Path,
    out: Path,
    enterprise: Mapping[tuple[str, ...], object] = {},
    answers: Mapping[str, Mapping[str, object]] = {},
) -> dict[str, int]:
    """Fill ``template`` and save it as ``out``; answers give column keys (rating, note, ...) per item id."""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[ENTERPRISE_SHEET]
    for path, value in enterprise.items():
        write_text(sheet, ENTERPRISE_CELLS[path], value)
    rows = item_rows(workbook)
    sheet = workbook[ANSWERS_SHEET]
    for item_id, cells in answers.items():
        for key, value in cells.items():
            write_text(sheet, f"{COLUMN[key].letter}{rows[item_id]}", value)
    workbook.save(out)
    return rows


MINI_ENTERPRISE: dict[tuple[str, ...], object] = {
    ("enterprise", "name"): "广州某某电子科技有限公司",
    ("enterprise", "credit_code"): "91440101MA5CXXXXX2",
    ("enterprise", "region", "province"): "广东省",
    ("enterprise", "region", "city"): "广州市",
    ("enterprise", "region", "district"): "天河区",
    ("enterprise", "industry"): "electronics",
    ("enterprise", "size"): "small – 小型",
    ("enterprise", "employees"): 85,
    ("enterprise", "has_lab"): "是",
    ("assessment", "kind"): "baseline – 首次评价",
    ("assessment", "date"): dt.date(2026, 5, 10),
    ("assessment", "assessor"): "张三",
}
# tests/fixtures/valid/mini-answers.yaml, as an enterprise fills it in Excel
MINI_ANSWERS: dict[str, dict[str, object]] = {
    "4.1-01": {"rating": 3},
    "4.1-02": {"rating": "1 – 初步建立", "note": "未形成文件", "root_cause": "职责不清"},
    "4.3-01": {"rating": 2},
    "8.3-01": {"rating": "N/A – 不适用", "justification": "不从事产品设计开发"},
    "LAB.1-01": {"rating": 4},
}


def cells_from_answers(
    answers: Answers,
) -> tuple[dict[tuple[str, ...], object], dict[str, dict[str, object]]]:
    """What an enterprise types in Excel to give the same answers as an answers file."""
    enterprise, assessment = answers.enterprise, answers.assessment
    fields: dict[tuple[str, ...], object] = {
        ("enterprise", "name"): enterprise.name,
        ("enterprise", "credit_code"): enterprise.credit_code,
        ("enterprise", "region", "province"): enterprise.region.province,
        ("enterprise", "region", "city"): enterprise.region.city,
        ("enterprise", "region", "district"): enterprise.region.district,
        ("enterprise", "industry"): enterprise.industry,
        ("enterprise", "size"): enterprise.size,
        ("enterprise", "employees"): enterprise.employees,
        ("enterprise", "has_lab"): "是" if enterprise.has_lab else "否",
        ("enterprise", "certified"): "yes" if enterprise.certified else "no",
        ("assessment", "kind"): assessment.kind,
        ("assessment", "date"): assessment.date,
        ("assessment", "assessor"): assessment.assessor,
    }
    rows: dict[str, dict[str, object]] = {}
    for item_id in answers.answers:
        answer = answers.answer(item_id)
        if answer is None:
            continue
        cells: dict[str, object] = {"rating": "N/A" if answer.na else answer.rating}
        cells.update(
            justification=answer.justification,
            note=answer.note,
            evidence="\n".join(answer.evidence) or None,
            root_cause=answer.root_cause,
        )
        rows[item_id] = cells
    return fields, rows
