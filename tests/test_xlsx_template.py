"""The blank Excel questionnaire: sheets, rows, dropdowns, protection, languages, overlays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import iso9001assess as qa
from iso9001assess.compose import compose
from iso9001assess.errors import MissingDependencyError
from iso9001assess.loading.checklists import read_checklist_file
from iso9001assess.models.checklist import Checklist, Overlay
from iso9001assess.xlsx import template as template_module
from iso9001assess.xlsx.template import write_template

FIXTURES = Path(__file__).parent / "fixtures" / "valid"


def _checklist(name: str) -> Checklist:
    definition = read_checklist_file(FIXTURES / name)
    assert isinstance(definition, Checklist)
    return definition


@pytest.fixture(scope="module")
def mini() -> Checklist:
    return _checklist("mini-checklist.yaml")


@pytest.fixture(scope="module")
def overlay(mini: Checklist) -> Checklist:
    definition = read_checklist_file(FIXTURES / "mini-overlay-electronics.yaml")
    assert isinstance(definition, Overlay)
    return compose(definition, mini)


@pytest.fixture(scope="module")
def mini_zh(mini: Checklist, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("template") / "mini.xlsx"
    write_template(mini, path, lang="zh")
    return openpyxl.load_workbook(path)


def _meta(workbook: Any) -> dict[str, Any]:
    sheet = workbook["_meta"]
    return {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if row[0]}


def _column(sheet: Any, letter: str, first: int = 2) -> list[Any]:
    return [sheet[f"{letter}{row}"].value for row in range(first, sheet.max_row + 1)]


def test_sheets_and_what_the_workbook_is_for(mini_zh: Any, mini: Checklist) -> None:
    assert mini_zh.sheetnames == ["Instructions", "Enterprise", "Answers", "_meta"]
    assert mini_zh.active.title == "Instructions"
    assert mini_zh["_meta"].sheet_state == "veryHidden"
    meta = _meta(mini_zh)
    assert meta["format"] == "iso9001assess-questionnaire"
    assert meta["format_version"] == 1
    assert meta["checklist"] == "mini@1.0"
    assert meta["checklist_sha256"] == mini.sha256
    assert meta["lang"] == "zh"
    assert mini_zh["Enterprise"]["B2"].value == "mini@1.0"


def test_one_row_per_item_under_its_section_headings(mini_zh: Any, mini: Checklist) -> None:
    sheet = mini_zh["Answers"]
    ids = [value for value in _column(sheet, "A") if value is not None]
    assert ids == [item.id for item, _ in mini.iter_items()]
    headings = [
        (row, sheet[f"B{row}"].value) for row in range(2, sheet.max_row + 1) if sheet[f"A{row}"].value is None
    ]
    assert [section_id for _, section_id in headings] == [section.id for section, _ in mini.walk_sections()]
    assert sheet["C2"].value == "组织环境"
    rows = {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}
    assert sheet[f"C{rows['4.1-01']}"].value == "是否识别内外部因素？"
    assert sheet[f"B{rows['4.1-01']}"].value == "4.1"
    assert sheet[f"C{rows['4.3-01']}"].value == "范围是否形成文件？\n★关键项"
    assert sheet[f"C{rows['8.3-01']}"].value == "是否策划设计开发？\n◇可删减"
    assert sheet[f"C{rows['8.3-02']}"].value.endswith("（仅供参考，不计分）")
    assert [sheet[f"{c}1"].value for c in "ABCDEFGHIJ"] == [
        "编号",
        "条款",
        "问题",
        "评分",
        "不适用理由",
        "情况说明",
        "证据（每行一项）",
        "原因分析",
        "评估指南",
        "典型证据",
    ]


def test_rating_dropdowns_offer_na_only_on_excludable_items(mini_zh: Any) -> None:
    sheet = mini_zh["Answers"]
    rows = {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}
    by_formula = {dv.formula1: dv for dv in sheet.data_validations.dataValidation}
    with_na = by_formula["'_meta'!$D$1:$D$6"]
    scale_only = by_formula["'_meta'!$E$1:$E$5"]
    assert {str(r) for r in with_na.sqref.ranges} == {f"D{rows['8.3-01']}"}
    expected = {f"D{rows[i]}" for i in ("4.1-01", "4.1-02", "4.3-01", "8.3-02", "LAB.1-01", "LAB.1-02")}
    assert {str(r) for r in scale_only.sqref.ranges} == expected
    assert with_na.showErrorMessage and with_na.type == "list"
    meta = mini_zh["_meta"]
    assert _column(meta, "D", 1)[:6] == [
        "0 – 未建立",
        "1 – 初步建立",
        "2 – 部分实施",
        "3 – 全面实施",
        "4 – 有效并持续改进",
        "N/A – 不适用",
    ]
    assert _column(meta, "E", 1)[:5] == _column(meta, "D", 1)[:5]
    [formatting] = list(sheet.conditional_formatting)
    assert str(formatting.sqref) == f"E2:E{sheet.max_row}"
    assert formatting.rules[0].formula == ['AND(LEFT($D2,3)="N/A",LEN(TRIM($E2))=0)']


def test_a_conditional_item_offers_na_and_reads_back_as_not_triggered(
    mini: Checklist, tmp_path: Path
) -> None:
    import iso9001assess as qa
    from xlsx_filling import fill

    items = {"4.1-02": {"conditional": True}}
    conditional = compose_patch(mini, items)
    path = tmp_path / "conditional.xlsx"
    write_template(conditional, path, lang="zh")
    sheet = openpyxl.load_workbook(path)["Answers"]
    rows = {sheet[f"A{row}"].value: row for row in range(2, sheet.max_row + 1)}
    with_na = {dv.formula1: dv for dv in sheet.data_validations.dataValidation}["'_meta'!$D$1:$D$6"]
    assert {str(r) for r in with_na.sqref.ranges} == {f"D{rows['8.3-01']}", f"D{rows['4.1-02']}"}
    assert "△可不涉及" in sheet[f"C{rows['4.1-02']}"].value
    filled = tmp_path / "filled.xlsx"
    fill(
        path,
        filled,
        {("enterprise", "name"): "Acme"},
        {"4.1-02": {"rating": "N/A – 不适用", "justification": "无外包过程"}},
    )
    result = qa.score(conditional, qa.load_answers(filled, conditional))
    assert (result.item("4.1-02").status, result.item("4.1-02").na_kind) == (
        "not-applicable",
        "not-triggered",
    )


def compose_patch(base: Checklist, patches: dict[str, dict[str, Any]]) -> Checklist:
    from iso9001assess.models import Overlay

    overlay = Overlay.model_validate(
        {
            "schema_version": 1,
            "id": base.id,
            "version": base.version,
            "title": "t",
            "extends": base.id,
            "modify": patches,
        }
    )
    return compose(overlay, base)


def test_enterprise_sheet_fields_validation_and_prefill(mini_zh: Any) -> None:
    sheet = mini_zh["Enterprise"]
    labels = {sheet[f"A{row}"].value: row for row in range(1, sheet.max_row + 1)}
    assert labels["企业名称 *"] == 4
    assert sheet[f"B{labels['设有实验室']}"].value == "是"
    assert sheet[f"B{labels['已获 ISO 9001 认证']}"].value == "否"
    assert sheet[f"B{labels['评估类型']}"].value == "self – 自评"
    validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert validations[f"B{labels['企业规模']}"].formula1 == "'_meta'!$F$1:$F$4"
    assert validations[f"B{labels['员工人数']}"].type == "whole"
    assert validations[f"B{labels['评估日期']}"].type == "date"
    credit = validations[f"B{labels['统一社会信用代码']}"]
    assert (credit.type, credit.operator, credit.formula1) == ("textLength", "equal", "18")
    assert sheet[f"B{labels['评估日期']}"].number_format == "yyyy-mm-dd"
    assert _column(mini_zh["_meta"], "F", 1)[:4] == [
        "micro – 微型",
        "small – 小型",
        "medium – 中型",
        "large – 大型",
    ]


def test_only_input_cells_are_unlocked_and_the_structure_is_protected(mini_zh: Any) -> None:
    assert mini_zh.security.lockStructure
    answers = mini_zh["Answers"]
    assert answers.protection.sheet and not answers.protection.formatColumns
    assert answers.freeze_panes == "D2"
    assert answers.auto_filter.ref == f"A1:J{answers.max_row}"
    row = next(r for r in range(2, answers.max_row + 1) if answers[f"A{r}"].value == "4.1-01")
    unlocked = {letter for letter in "ABCDEFGHIJ" if not answers[f"{letter}{row}"].protection.locked}
    assert unlocked == set("DEFGH")
    enterprise = mini_zh["Enterprise"]
    assert enterprise.protection.sheet
    assert enterprise["B2"].protection.locked  # the checklist it belongs to is not for editing
    assert not enterprise["B4"].protection.locked
    assert mini_zh["Instructions"].protection.sheet


def test_english_template_of_the_bundled_checklist(tmp_path: Path) -> None:
    checklist = qa.load_checklist("iso9001-2015")
    path = tmp_path / "en.xlsx"
    write_template(checklist, path, lang="en")
    workbook = openpyxl.load_workbook(path)
    answers = workbook["Answers"]
    assert answers["D1"].value == "Rating" and answers["I1"].value == "Guidance"
    ids = [value for value in _column(answers, "A") if value is not None]
    assert ids == [item.id for item, _ in checklist.iter_items()]
    item = checklist.items_by_id["4.1-01"]
    row = next(r for r in range(2, answers.max_row + 1) if answers[f"A{r}"].value == "4.1-01")
    assert answers[f"C{row}"].value.startswith(
        "Has the organization determined the external and internal issues"
    )
    assert isinstance(item.guidance, dict)
    assert answers[f"I{row}"].value == item.guidance["en"]
    assert answers[f"J{row}"].value.split("\n")[0] == "• Internal and external issues analysis (SWOT/PESTLE)"
    instructions = [
        cell for row in workbook["Instructions"].iter_rows(values_only=True) for cell in row if cell
    ]
    assert "Rating scale" in instructions
    assert "Effective and improving" in instructions
    assert workbook["Enterprise"]["A4"].value == "Enterprise *"
    # merged cells never grow to fit their text, so the template sets their height: 150 characters, 2 lines
    sheet = workbook["Instructions"]
    lab_step = next(
        r
        for r in range(1, sheet.max_row + 1)
        if str(sheet[f"B{r}"].value).startswith("An enterprise without")
    )
    assert len(sheet[f"B{lab_step}"].value) > 122
    assert sheet.row_dimensions[lab_step].height == 30


def test_overlay_template_has_the_composed_items(overlay: Checklist, tmp_path: Path) -> None:
    path = tmp_path / "overlay.xlsx"
    write_template(overlay, path, lang="en")
    workbook = openpyxl.load_workbook(path)
    ids = [value for value in _column(workbook["Answers"], "A") if value is not None]
    assert ids == ["4.1-01", "4.1-02", "4.1-E01", "4.3-01", "8.3-01", "8.5-E01", "LAB.1-01", "LAB.1-02"]
    assert _meta(workbook)["checklist"] == "mini-electronics@1.0"
    assert _meta(workbook)["checklist_sha256"] == overlay.sha256
    sheet = workbook["Answers"]
    row = ids.index("4.1-02")
    rows = [r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value is not None]
    assert sheet[f"C{rows[row]}"].value == "Are these issues monitored?\n★ critical"


def test_same_checklist_gives_the_same_bytes(mini: Checklist, tmp_path: Path) -> None:
    write_template(mini, tmp_path / "a.xlsx")
    write_template(mini, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_failed_write_leaves_no_file(
    mini: Checklist, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_save(workbook: Any, out: Any) -> None:
        out.write(b"PK partial")
        raise OSError("disk full")

    monkeypatch.setattr(template_module, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_template(mini, tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_missing_openpyxl_is_a_clear_error(
    mini: Checklist, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError) as raised:
        write_template(mini, tmp_path / "out.xlsx")
    assert str(raised.value) == (
        "the Excel questionnaire needs the package 'openpyxl'; install it with: pip install 'iso9001assess[xlsx]'"
    )
    assert not (tmp_path / "out.xlsx").exists()


def test_importing_the_library_does_not_import_openpyxl() -> None:
    code = (
        "import sys, iso9001assess\n"
        "from iso9001assess.plugin_manager import get_registry\n"
        "assert 'xlsx' in get_registry().exporters\n"
        "import iso9001assess.xlsx.template, iso9001assess.loading.xlsx.reading\n"
        "print('openpyxl' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"
