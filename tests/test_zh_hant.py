"""Traditional Chinese (zh-Hant, for Hong Kong and Macao enterprises): one catalogue file and a font choice
make a language — the report's cover and summary and the Excel questionnaire speak it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

import iso9001assess as qa
from iso9001assess.exporters.pdf.fonts import register_fonts
from iso9001assess.i18n import languages, locale, message
from iso9001assess.xlsx.template import write_template

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "valid"


def test_zh_hant_is_a_language_because_its_file_exists() -> None:
    assert "zh-Hant" in languages()
    hant = locale("zh-Hant")
    assert hant.chain == ("zh-Hant", "zh", "en") and hant.tag == "zh-Hant"
    assert message("vocab.readiness.not-ready", "zh-Hant") == "暫不具備認證條件"
    assert message("report.title", "zh-Hant") == "質量管理體系診斷報告"


@pytest.fixture(scope="module")
def report_text(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    checklist = qa.load_checklist(FIXTURES / "mini-checklist.yaml")
    answers = qa.load_answers(FIXTURES / "mini-answers.yaml", checklist)
    out = tmp_path_factory.mktemp("hant") / "acme.pdf"
    qa.export(qa.score(checklist, answers), out, lang="zh-Hant")
    reader = PdfReader(out)
    return [page.extract_text() for page in reader.pages]


def test_the_report_cover_and_summary_in_traditional_chinese(report_text: list[str]) -> None:
    cover = report_text[0]
    assert "質量管理體系診斷報告" in cover
    for field in ("企業名稱", "統一社會信用代碼", "評估日期", "評估類型"):
        assert field in cover, field
    assert "质量管理体系诊断报告" not in cover  # the Simplified title is not what a zh-Hant reader gets
    opening = "".join(report_text[:3])
    assert message("report.gm.title", "zh-Hant") in opening and "認證準備度" in opening
    assert "第 1 頁，共" in "".join(report_text)


@pytest.fixture
def template(tmp_path: Path) -> tuple[qa.Checklist, Path]:
    checklist = qa.load_checklist(FIXTURES / "mini-checklist.yaml")
    path = tmp_path / "q.xlsx"
    write_template(checklist, path, lang="zh-Hant")
    return checklist, path


def test_the_excel_questionnaire_in_traditional_chinese(template: tuple[qa.Checklist, Path]) -> None:
    workbook = openpyxl.load_workbook(template[1])
    enterprise = workbook["Enterprise"]
    labels = [enterprise[f"A{row}"].value for row in range(1, enterprise.max_row + 1)]
    assert "企業名稱 *" in labels and "設有實驗室" in labels and "評估類型" in labels
    assert workbook["Answers"]["C1"].value == "問題"
    steps = [cell for row in workbook["Instructions"].iter_rows(values_only=True) for cell in row if cell]
    assert any("黃色單元格" in str(step) for step in steps)
    meta = {row[0]: row[1] for row in workbook["_meta"].iter_rows(values_only=True) if row[0]}
    assert meta["lang"] == "zh-Hant"


def test_a_filled_traditional_workbook_reads_back(template: tuple[qa.Checklist, Path]) -> None:
    checklist, path = template
    workbook = openpyxl.load_workbook(path)
    enterprise = workbook["Enterprise"]
    rows = {enterprise[f"A{row}"].value: row for row in range(1, enterprise.max_row + 1)}
    enterprise[f"B{rows['企業名稱 *']}"] = "澳門某某電子有限公司"
    enterprise[f"B{rows['評估類型']}"] = "baseline – 基線評估"  # the zh-Hant dropdown's entry
    enterprise[f"B{rows['設有實驗室']}"] = "否"
    workbook.save(path)
    answers = qa.load_answers(path, checklist)
    assert answers.enterprise.name == "澳門某某電子有限公司"
    assert answers.assessment.kind == "baseline"
    assert answers.enterprise.has_lab is False


def test_a_locale_may_name_the_traditional_cid_font_with_its_own_cmap() -> None:
    # reportlab pairs MSung-Light with the GB CMap; the font set registers it with the CNS one.
    from reportlab.pdfbase import pdfmetrics

    fonts = register_fonts("cid", cid_font="MSung-Light")
    assert fonts.regular == "MSung-Light" and not fonts.embedded
    assert pdfmetrics.getFont("MSung-Light").encodingName == "UniCNS-UCS2-H"
