"""The diagnostic PDF, read back with pypdf: contents, languages, escaping, page numbers, determinism."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import iso9001assess as qa
from iso9001assess.errors import InvalidInputError
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.exporters.pdf import PdfExporter
from iso9001assess.exporters.pdf.fonts import find_system_cjk_font
from iso9001assess.models import Answers, Checklist, Result

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MISSING_GLYPH = "\u25a0"
NASTY_NAME = "<b>ACME & Co</b>"
NASTY_NOTE = "记录缺失 </para> & <font size=40>big</font>"


@pytest.fixture(autouse=True)
def no_font_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_FONT", raising=False)


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return qa.load_checklist(FIXTURES / "mini-checklist.yaml")


def answers_data() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))
    return data


def score(checklist: Checklist, data: dict[str, Any]) -> Result:
    return qa.score(checklist, Answers.model_validate(data))


@pytest.fixture(scope="module")
def result(checklist: Checklist) -> Result:
    return score(checklist, answers_data())


@pytest.fixture(scope="module")
def nasty(checklist: Checklist) -> Result:
    data = answers_data()
    data["enterprise"]["name"] = NASTY_NAME
    data["answers"]["4.1-02"] = {"rating": 1, "note": NASTY_NOTE, "root_cause": "a < b && c > d"}
    return score(checklist, data)


def render(result: Result, **options: Any) -> bytes:
    out = io.BytesIO()
    PdfExporter().export(result, out, ExportOptions(**options))
    return out.getvalue()


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    """Text without the line breaks and spaces a table cell's wrapping puts into extracted text."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def zh_pages(result: Result) -> list[str]:
    return pages_text(render(result, lang="zh"))


@pytest.fixture(scope="module")
def en_pages(result: Result) -> list[str]:
    return pages_text(render(result, lang="en"))


def test_zh_report_shows_every_clause_title_and_no_missing_glyph(zh_pages: list[str]) -> None:
    text = "\n".join(zh_pages)
    for title in (
        "组织环境",
        "理解组织及其环境",
        "确定质量管理体系的范围",
        "产品和服务的设计和开发",
        "实验室与检验检测能力",
    ):
        assert title in text
    assert "是否监视这些因素？" in squeezed(text)  # the requirement of a finding
    assert MISSING_GLYPH not in text
    assert "质量管理体系诊断报告" in zh_pages[0]


def test_en_report_is_in_english_with_the_checklist_text_in_english(en_pages: list[str]) -> None:
    text = "\n".join(en_pages)
    for title in (
        "Context of the organization",
        "Understanding the organization and its context",
        "Operation",
    ):
        assert title in text
    assert "Are these issues monitored?" in " ".join(text.split())
    assert "Quality Management System Diagnostic Report" in " ".join(en_pages[0].split())
    assert "Summary for the general manager" in text and "Improvement plan" in text and "Appendix" in text
    assert "组织环境" not in text  # the English titles, not the Chinese ones
    assert MISSING_GLYPH not in text


def test_every_page_says_page_x_of_y_and_names_the_enterprise(
    zh_pages: list[str], en_pages: list[str], result: Result
) -> None:
    for pages, label in ((zh_pages, "第 {x} 页，共 {y} 页"), (en_pages, "Page {x} of {y}")):
        assert len(pages) >= 5
        for number, text in enumerate(pages, start=1):
            assert label.format(x=number, y=len(pages)) in text
            assert result.enterprise.name in text


def test_summary_figures_are_the_results_figures(zh_pages: list[str], en_pages: list[str]) -> None:
    # The mini fixture by hand: overall (2*0.75 + 0.25 + 0.5) / 4 = 56.25 -> 56.3 (half up); maturity
    # 1 + |{20, 40}| = 3; every QMS item answered or not applicable; no major, overall < 60 -> not ready.
    # Findings: 4.1-02 (rating 1) minor, 4.3-01 (rating 2) observation; LAB.1-02 is not assessed: no finding.
    # Lab: only LAB.1-01 answered (4 of 4): index 2*1/2 = 100.0, completeness 1/2 = 50% < 90% -> incomplete.
    summary = " ".join(en_pages[1].split())
    assert "The quality management system scores 56.3 out of 100" in summary
    assert "Nonconformities in its items: major 0, minor 1; observations: 1." in summary
    assert "maturity is level 3 (Defined)" in summary
    assert "the overall score (56.3) is below 60" in summary
    assert "Only 50% of the laboratory items were assessed: the index 100.0 is provisional" in summary
    assert "56.3" in zh_pages[0] and "100.0" in zh_pages[0] and "暂不具备认证条件" in zh_pages[0]


def test_findings_and_plan_follow_the_result(en_pages: list[str]) -> None:
    text = " ".join("\n".join(en_pages).split())
    plan = text[text.index("Improvement plan One action") : text.index("Appendix")]
    # impact: 4.3-01 1*(1-0.5)*2 = 1.0, 4.1-02 1*(1-0.25) = 0.75; LAB.1-02 is not assessed: no action.
    positions = [plan.index(item) for item in ("4.3-01", "4.1-02")]
    assert positions == sorted(positions) and "LAB.1-02" not in plan
    assert "Put in place: Are these issues monitored?" in plan  # 4.1-02 has no recommendation
    assert "Put in place: Is the scope documented?" in plan  # 4.3-01's recommendation is for ratings <= 1
    assert "Run a SWOT analysis" not in plan  # 4.1-01 (rating 3) is not a finding
    assert "Owner" in plan and "Due date" in plan
    findings = text[text.index("Findings by clause") : text.index("Improvement plan One action")]
    assert "4 Context of the organization (score 56.3; 2 findings)" in findings
    assert "Minor" in findings and "Observation" in findings  # the grades, short under the item id
    assert "未形成文件" in findings and "职责不清" in findings  # the assessor's note and root cause
    assert "Action #2: Put in place: Are these issues monitored?" in findings  # the action, by its number


def test_appendix_lists_not_applicable_items_scale_method_and_hash(
    en_pages: list[str], result: Result
) -> None:
    appendix = "\n".join(en_pages[-2:])
    flat = " ".join(appendix.split())
    assert "8.3-01" in appendix and "不从事产品设计开发" in appendix
    not_assessed = flat[flat.index("B. Items not assessed (1)") : flat.index("C. Items not applicable")]
    assert "LAB.1-02" in not_assessed
    assert "Exclusions (ISO 9001 clause 4.3; 1)" in flat
    for label in ("Not in place", "Initial", "Partly implemented", "Implemented", "Effective and improving"):
        assert label in flat
    assert "Σ" in flat or "100 ×" in flat  # the strategy's formula is repeated
    assert result.checklist.sha256 in squeezed(appendix)
    assert "Scoring method: Weighted scoring." in flat


def test_user_text_is_shown_literally(nasty: Result) -> None:
    for lang in ("zh", "en"):
        pages = pages_text(render(nasty, lang=lang))
        text = "\n".join(pages)
        assert all(NASTY_NAME in page for page in pages)
        assert "</para>" in text and squeezed("<font size=40>big</font>") in squeezed(text)
        assert "a < b && c > d" in text
        assert MISSING_GLYPH not in text


def test_the_same_input_gives_the_same_bytes(result: Result) -> None:
    first, second = render(result, lang="zh"), render(result, lang="zh")
    assert first == second
    info = PdfReader(io.BytesIO(first)).metadata
    assert info is not None
    assert str(info["/CreationDate"]).startswith("D:20260510")  # the assessment date, not the clock


def test_another_process_writes_the_same_bytes(result: Result, tmp_path: Path) -> None:
    output = tmp_path / "other.pdf"
    code = (
        "import sys\n"
        "from iso9001assess.cli import main\n"
        f"main(['report', {str(FIXTURES / 'mini-answers.yaml')!r}, '--checklist', "
        f"{str(FIXTURES / 'mini-checklist.yaml')!r}, '-o', {str(output)!r}, '--lang', 'en'])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ISO9001ASSESS_FONT"}
    subprocess.run([sys.executable, "-c", code], check=True, env={**env, "PYTHONHASHSEED": "123"})
    assert output.read_bytes() == render(result, lang="en")


def test_without_an_assessment_date_the_pdf_date_is_fixed(
    checklist: Checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = answers_data()
    del data["assessment"]["date"]
    undated = score(checklist, data)
    first = render(undated)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render(undated) == first
    info = PdfReader(io.BytesIO(first)).metadata
    assert info is not None and str(info["/CreationDate"]).startswith("D:20000101")


def test_a_truetype_font_is_embedded(result: Result) -> None:
    font = find_system_cjk_font()
    if font is None:
        pytest.skip("no system CJK font (CI installs fonts-wqy-zenhei)")
    pdf = render(result, lang="zh", font=font)
    assert pdf == render(result, lang="zh", font=font)
    reader = PdfReader(io.BytesIO(pdf))
    assert b"/FontFile2" in pdf
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "理解组织及其环境" in text and MISSING_GLYPH not in text


def test_an_installed_cjk_font_is_embedded_by_default_and_the_cid_font_on_request(
    result: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = render(result, lang="zh", font="cid")
    assert b"STSong-Light" in cid and b"/FontFile2" not in cid
    if find_system_cjk_font() is not None:
        assert b"/FontFile2" in render(result, lang="zh")  # found and embedded without being asked
    from iso9001assess.exporters.pdf import fonts

    monkeypatch.setattr(fonts, "SYSTEM_CJK_FONTS", ())  # none installed: the CID font
    assert render(result, lang="zh") == cid


def test_a_missing_or_bad_font_is_a_clear_error(result: Result, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="font file not found"):
        render(result, font=tmp_path / "missing.ttf")
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font at all")
    with pytest.raises(InvalidInputError, match="not a usable TrueType/TTC font"):
        render(result, font=bad)


def test_progress_since_the_baseline(checklist: Checklist, result: Result) -> None:
    data = answers_data()
    data["assessment"] = {"kind": "baseline", "date": "2025-11-02"}
    # Baseline: 4.1-01 at 1 (minor), 4.1-02 at 1 (minor), 4.3-01 at 4, LAB.1-02 at 3.
    data["answers"].update({"4.1-01": 1, "4.3-01": 4, "LAB.1-02": 3})
    baseline = score(checklist, data)
    pages = pages_text(render(result, lang="en", baseline=baseline))
    text = " ".join("\n".join(pages).split())
    progress = text[text.index("Progress since the baseline Baseline assessed") : text.index("Appendix")]
    assert "2025-11-02" in progress and "2026-05-10" in progress
    # closed: 4.1-01 (minor -> none); new: 4.3-01 (observation); persisting: 4.1-02 (minor);
    # LAB.1-02 is not assessed now: no finding, neither new nor closed (it was none before: rating 3).
    # In the report they are counted by clause (the findings chapter lists the current ones).
    assert "Findings: 1 closed, 1 new, 1 persisting" in progress
    # 4.1: baseline (2*0.25 + 0.25)/3 = 25.0, now (2*0.75 + 0.25)/3 = 58.3: +33.3
    assert "4.1 Understanding the organization and its context 25.0 58.3 +33.3" in progress


def test_a_baseline_on_another_checklist_is_refused(result: Result) -> None:
    other = result.model_copy(update={"checklist": result.checklist.model_copy(update={"id": "other"})})
    with pytest.raises(InvalidInputError, match="same checklist"):
        render(result, baseline=other)


def test_an_enterprise_without_a_lab_gets_the_lab_part_as_not_applicable(checklist: Checklist) -> None:
    data = answers_data()
    data["enterprise"]["has_lab"] = False
    del data["answers"]["LAB.1-01"]
    text = " ".join("\n".join(pages_text(render(score(checklist, data), lang="en"))).split())
    assert "The enterprise has no laboratory: this part is not applicable, not zero." in text
    assert "the whole laboratory section is not applicable" in text
    assert "has_lab" not in text


def test_chinese_wraps_inside_table_cells(checklist: Checklist) -> None:
    data = answers_data()
    long_note = "现场抽查发现记录不完整，" * 30
    data["answers"]["4.1-02"] = {"rating": 1, "note": long_note}
    pdf = render(score(checklist, data), lang="zh")
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert long_note in squeezed(text)
    # Wrapped: the note is spread over many lines, none of them wider than the note column allows.
    note_lines = [line for line in text.splitlines() if "现场抽查" in line or "记录不完整" in line]
    assert len(note_lines) >= 10
    assert max(len(line) for line in note_lines) < 45


def test_a_note_longer_than_a_page_flows_over_pages(checklist: Checklist) -> None:
    data = answers_data()
    note = "现场抽查发现记录不完整。" * 333  # 3,996 characters (the limit is 4,000): pages in a table cell
    data["answers"]["4.1-02"] = {"rating": 1, "note": note}
    plain = pages_text(render(score(checklist, answers_data()), lang="zh"))
    pages = pages_text(render(score(checklist, data), lang="zh"))
    assert len(pages) >= len(plain) + 1  # the note, shown once, takes pages of its own
    # Nothing lost where the row splits: "抽" occurs only in the note, shown once (with its finding).
    assert "".join(pages).count("抽") == 333
