"""The ``csv`` exporter: one row per item, read back with the csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.exporters.csv_exporter import COLUMNS, CsvExporter, spreadsheet_safe
from iso9001assess.models import Answers, Result

FIXTURES = Path(__file__).parent / "fixtures" / "valid"


def result_with(**answers: Any) -> Result:
    data = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))
    data["answers"].update(answers)
    checklist = qa.load_checklist(FIXTURES / "mini-checklist.yaml")
    return qa.score(checklist, Answers.model_validate(data))


def rows(result: Result, lang: str = "zh") -> tuple[bytes, list[dict[str, str]]]:
    out = io.BytesIO()
    CsvExporter().export(result, out, ExportOptions(lang=lang))
    raw = out.getvalue()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_row_per_item_with_fixed_columns() -> None:
    raw, table = rows(result_with())
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
    assert list(table[0]) == list(COLUMNS)
    assert [r["item_id"] for r in table] == [
        "4.1-01",
        "4.1-02",
        "4.3-01",
        "8.3-01",
        "8.3-02",
        "LAB.1-01",
        "LAB.1-02",
    ]


def test_rows_carry_the_result_of_each_item() -> None:
    _, table = rows(result_with())
    by_id = {r["item_id"]: r for r in table}
    minor = by_id["4.1-02"]
    assert (minor["status"], minor["rating"], minor["rating_label"], minor["score"]) == (
        "answered",
        "1",
        "初步建立",
        "0.25",
    )
    assert (minor["grade"], minor["note"], minor["root_cause"]) == ("minor", "未形成文件", "职责不清")
    assert (minor["status_text"], minor["grade_text"]) == ("已评", "一般不符合")
    assert minor["section_title"] == "理解组织及其环境" and minor["item_text"] == "是否监视这些因素？"
    na = by_id["8.3-01"]
    assert (na["status"], na["rating"], na["score"], na["justification"]) == (
        "not-applicable",
        "",
        "",
        "不从事产品设计开发",
    )
    assert (na["na_kind"], na["status_text"]) == (
        "excluded",
        "删减（GB/T 19001 4.3）",
    )  # excludable: an exclusion
    assert by_id["8.3-02"]["scored"] == "false" and by_id["8.3-02"]["grade"] == ""
    assert by_id["LAB.1-01"]["lab"] == "true" and by_id["LAB.1-01"]["critical"] == "true"
    # not assessed: in words, and never a finding
    assert (by_id["LAB.1-02"]["status"], by_id["LAB.1-02"]["status_text"], by_id["LAB.1-02"]["grade"]) == (
        "unanswered",
        "未评估",
        "",
    )
    # the assessment's figures in words on every row: 56.25 shown once half up; lab 1 of 2 answered
    first = table[0]
    assert (first["overall_score"], first["readiness"], first["completeness"]) == (
        "56.3",
        "暂不具备认证条件",
        "1",
    )
    assert (first["lab_index"], first["lab_verdict"], first["lab_completeness"]) == (
        "100.0",
        "评估不完整，暂不判定",
        "0.5",
    )
    assert by_id["4.1-01"]["weight"] == "2" and by_id["4.1-01"]["enterprise"] == "广州某某电子科技有限公司"
    assert by_id["4.1-01"]["assessment_date"] == "2026-05-10"


def test_text_columns_follow_the_language() -> None:
    _, table = rows(result_with(), lang="en")
    assert table[1]["item_text"] == "Are these issues monitored?"
    assert table[1]["rating_label"] == "Initial"


@pytest.mark.parametrize("note", ['=HYPERLINK("http://x")', "+1", "-2 days", "@SUM(A1)"])
def test_free_text_never_becomes_a_spreadsheet_formula(note: str) -> None:
    _, table = rows(result_with(**{"4.1-02": {"rating": 1, "note": note}}))
    assert table[1]["note"] == "'" + note


def test_markup_commas_quotes_and_line_breaks_survive() -> None:
    note = 'a, "quoted" <b>ACME & Co</b>\nsecond line'
    _, table = rows(result_with(**{"4.1-02": {"rating": 1, "note": note}}))
    assert table[1]["note"] == note
    assert spreadsheet_safe(None) == "" and spreadsheet_safe("ok") == "ok"
