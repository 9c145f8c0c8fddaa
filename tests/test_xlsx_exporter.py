"""The ``xlsx`` results exporter: summary, sections, items, findings and plan, read back from the file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import iso9001assess as qa
from iso9001assess.errors import MissingDependencyError
from iso9001assess.loading.answers import load_answers
from iso9001assess.loading.checklists import read_checklist_file
from iso9001assess.models.checklist import Checklist
from iso9001assess.models.result import Result

FIXTURES = Path(__file__).parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def result() -> Result:
    checklist = read_checklist_file(FIXTURES / "mini-checklist.yaml")
    assert isinstance(checklist, Checklist)
    return qa.score(checklist, load_answers(FIXTURES / "mini-answers.yaml", checklist))


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]


def _summary(sheet: Any) -> dict[str, Any]:
    return {row[0]: row[1] for row in _rows(sheet)[1:]}


def test_chosen_by_suffix_and_registered_through_the_hook() -> None:
    from iso9001assess.api import exporter_for_path
    from iso9001assess.plugin_manager import get_registry

    assert exporter_for_path("acme.xlsx") == "xlsx"
    assert get_registry().exporters["xlsx"].plugin.name == "iso9001assess.exporters"


def test_english_workbook(result: Result, tmp_path: Path) -> None:
    path = qa.export(result, tmp_path / "acme.xlsx", lang="en")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Summary", "Sections", "Items", "Findings", "Plan"]
    summary = _summary(workbook["Summary"])
    assert summary["Enterprise"] == "广州某某电子科技有限公司"
    assert summary["Region"] == "广东省, 广州市, 天河区"  # the region joined as every output joins it
    assert summary["Size"] == "Small"  # codes in words, as in the PDF
    assert summary["QMS overall score"] == 56.25
    assert summary["Maturity level"] == 3
    assert summary["Readiness for certification"] == "Not ready"
    assert summary["QMS completeness"] == 1.0  # a number, shown as a percentage by the cell's format
    assert summary["Lab capability index"] == 100.0  # LAB.1-01 only: LAB.1-02 is not assessed
    assert summary["Laboratory management"] == "Incomplete assessment: no verdict"  # 1 of 2 answered
    assert (summary["Lab completeness"], summary["Minimum completeness"]) == (0.5, 0.9)
    assert (summary["Major nonconformity"], summary["Minor nonconformity"], summary["Observation"]) == (
        0,
        1,
        1,
    )
    assert summary["Checklist SHA-256"] == result.checklist.sha256
    sections = _rows(workbook["Sections"])
    assert sections[0][:3] == ("Clause", "Title", "Score")
    assert [row[0] for row in sections[1:]] == [s.id for s in result.sections]
    assert sections[1][2] == 56.25
    eight = next(row for row in sections if row[0] == "8")
    assert eight[2] == "n/a" and eight[5] == 1  # not applicable, never 0
    items = _rows(workbook["Items"])
    assert [row[0] for row in items[1:]] == [i.id for i in result.items]
    by_id = {row[0]: row for row in items[1:]}
    assert by_id["4.1-02"][3:8] == ("Assessed", 1, "Initial", 0.25, "Minor nonconformity")
    assert by_id["4.1-02"][11] == "未形成文件" and by_id["4.1-02"][14] == "职责不清"
    assert by_id["8.3-01"][3] == "Excluded (ISO 9001 4.3)" and by_id["8.3-01"][12] == "不从事产品设计开发"
    assert by_id["LAB.1-02"][3] == "Not assessed" and by_id["LAB.1-02"][7] is None  # never a finding
    findings = _rows(workbook["Findings"])
    words = {"major": "Major nonconformity", "minor": "Minor nonconformity", "observation": "Observation"}
    assert [(row[0], row[2]) for row in findings[1:]] == [
        (f.item_id, words[f.grade]) for f in result.findings
    ]
    plan = _rows(workbook["Plan"])
    assert plan[0][-1] == "Action"
    assert [(row[0], row[1], row[6]) for row in plan[1:]] == [
        (number, a.item_id, a.impact) for number, a in enumerate(result.actions, start=1)
    ]
    assert [row[7] for row in plan[1:]] == [a.text["en"] for a in result.actions if isinstance(a.text, dict)]


def test_chinese_workbook(result: Result, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(qa.export(result, tmp_path / "acme.xlsx", lang="zh"))
    assert workbook.sheetnames == ["概要", "章节得分", "逐项结果", "发现项", "改进计划"]
    summary = _summary(workbook["概要"])
    assert summary["企业规模"] == "小型"
    assert summary["认证准备度"] == "暂不具备认证条件"  # the PDF's wording: one word per verdict
    assert summary["实验室管理规范性"] == "评估不完整，暂不判定"
    assert summary["质量管理体系总分"] == 56.25
    items = {row[0]: row for row in _rows(workbook["逐项结果"])[1:]}
    assert items["4.3-01"][3:8] == ("已评", 2, "部分实施", 0.5, "观察项")
    assert items["8.3-01"][3] == "删减（GB/T 19001 4.3）" and items["LAB.1-02"][3] == "未评估"
    assert items["4.3-01"][9] == "是"  # critical
    plan = _rows(workbook["改进计划"])
    assert plan[0] == ("序号", "编号", "条款", "发现等级", "优先级", "期限（天）", "影响度", "改进措施")


def test_user_text_stays_text(result: Result, tmp_path: Path) -> None:
    tricky = '=HYPERLINK("http://example.invalid","click")'
    item = result.item("4.1-02").model_copy(update={"note": tricky + "\x07"})
    changed = result.model_copy(update={"items": tuple(item if i.id == item.id else i for i in result.items)})
    workbook = openpyxl.load_workbook(qa.export(changed, tmp_path / "acme.xlsx", lang="en"))
    sheet = workbook["Items"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == "4.1-02")
    assert sheet[f"L{row}"].value == tricky
    assert sheet[f"L{row}"].data_type == "s"


def test_same_result_same_bytes(result: Result, tmp_path: Path) -> None:
    first = qa.export(result, tmp_path / "a.xlsx").read_bytes()
    assert qa.export(result, tmp_path / "b.xlsx").read_bytes() == first


def test_missing_openpyxl_writes_nothing(
    result: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"the xlsx export needs the package 'openpyxl'"):
        qa.export(result, tmp_path / "acme.xlsx")
    assert list(tmp_path.iterdir()) == []
