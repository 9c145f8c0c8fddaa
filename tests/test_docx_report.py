"""The diagnostic report as a Word document, read back with python-docx: headings in the PDF's order, tables
whose numbers are the JSON export's, CJK fonts, page numbers, the same bytes twice, LibreOffice opening it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.document import Document as WordFile
from docx.oxml.ns import qn

import iso9001assess as qa
from iso9001assess.errors import MissingDependencyError
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.exporters.docx import DocxExporter
from iso9001assess.exporters.json_exporter import JsonExporter
from iso9001assess.models import Answers, Checklist, Result

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return qa.load_checklist(FIXTURES / "mini-checklist.yaml")


def answers_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def result(checklist: Checklist) -> Result:
    return qa.score(checklist, Answers.model_validate(answers_data()))


@pytest.fixture(scope="module")
def followup() -> tuple[Result, Result]:
    """A real sample pair: the electronics enterprise's baseline and follow-up (250 + its pack's items)."""

    def scored(name: str) -> Result:
        answers = qa.load_answers(SAMPLES / name)
        return qa.score(qa.load_checklist(answers.checklist), answers)

    return scored("gz-electronics-baseline.yaml"), scored("gz-electronics-followup.yaml")


def render(result: Result, **options: Any) -> bytes:
    out = io.BytesIO()
    DocxExporter().export(result, out, ExportOptions(**options))
    return out.getvalue()


def read(data: bytes) -> WordFile:
    return Document(io.BytesIO(data))


def as_json(result: Result) -> dict[str, Any]:
    out = io.BytesIO()
    JsonExporter().export(result, out, ExportOptions())
    loaded: dict[str, Any] = json.loads(out.getvalue())
    return loaded


def one_decimal(value: float) -> str:
    """The JSON's full-precision score as the report writes it (half up, once)."""
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP"))


def headings(document: WordFile, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]


def cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_chapters_are_word_headings_in_the_pdf_order_in_zh_and_en(result: Result) -> None:
    zh = headings(read(render(result, lang="zh")), 1)
    assert zh == [
        "一、总经理摘要",
        "二、条款得分概览",
        "三、按条款列出的发现",
        "四、实验室与检验检测能力",
        "五、改进计划（一企一策）",
        "附录",
    ]
    en = headings(read(render(result, lang="en")), 1)
    assert en == [
        "1. Summary for the general manager",
        "2. Scores by clause",
        "3. Findings by clause",
        "4. Laboratory and inspection/testing capability",
        "5. Improvement plan",
        "Appendix",
    ]


def test_the_headline_and_clause_tables_hold_the_json_numbers(result: Result) -> None:
    exported = as_json(result)
    document = read(render(result, lang="en"))
    cover, headline = document.tables[0], document.tables[1]
    assert cells(cover)[0] == ["Enterprise", exported["enterprise"]["name"]]
    overall = one_decimal(exported["overall"]["score"])
    assert overall == "56.3"  # the mini fixture: (2 + 2.5) / 8 -> 56.25, rounded half up
    assert cells(headline)[0][0] == overall
    assert cells(headline)[0][3].split("\n")[0] == one_decimal(exported["lab"]["score"])
    assert cells(headline)[1] == [
        "QMS overall score",
        "Maturity level",
        "Readiness for certification",
        "Lab capability index",
    ]
    # Every clause row of every table that lists clauses shows the JSON's score for it.
    scores = {s["id"]: s["score"] for s in exported["sections"]}
    checked = 0
    for table in document.tables:
        for row in cells(table):
            first = row[0].split(" ")[0]
            if first in scores and scores[first] is not None and len(row) == 2:
                assert row[1] == one_decimal(scores[first])
                checked += 1
    assert checked >= 2  # the weakest clauses (and strengths) tables


def test_the_plan_lists_the_json_actions_in_order_with_owner_and_due_left_blank(result: Result) -> None:
    exported = as_json(result)
    document = read(render(result, lang="en"))
    plan = next(t for t in document.tables if cells(t)[0][-2:] == ["Owner", "Due date"])
    rows = cells(plan)[1:]
    assert [row[2].split("\n")[0] for row in rows] == [a["item_id"] for a in exported["actions"]]
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert all(row[5] == "" and row[6] == "" for row in rows)  # filled in by hand (or in Word)


def test_a_follow_up_has_the_progress_chapter_with_the_comparison_figures(
    followup: tuple[Result, Result],
) -> None:
    baseline, later = followup
    document = read(render(later, lang="zh", baseline=baseline))
    chapters = headings(document, 1)
    assert chapters[-3:] == ["五、改进计划（一企一策）", "六、与基线评估对比", "附录"]
    progress = next(t for t in document.tables if cells(t)[0][:3] == ["指标", "基线", "本次"])
    measures = cells(progress)
    before, after = as_json(baseline)["overall"]["score"], as_json(later)["overall"]["score"]
    assert measures[1][1:3] == [one_decimal(before), one_decimal(after)]
    assert measures[1][3] == "+" + one_decimal(after - before)  # the change at full precision, rounded once
    summary = "\n".join(p.text for p in document.paragraphs)
    assert f"总分由 {one_decimal(before)} 分变为 {one_decimal(after)} 分（+" in summary
    # Three charts (radar, bars, baseline against follow-up) and the lab's: images in the package.
    names = zipfile.ZipFile(io.BytesIO(render(later, lang="zh", baseline=baseline))).namelist()
    assert sum(1 for name in names if name.startswith("word/media/")) >= 4


def test_styles_name_an_east_asian_font_and_the_document_language(result: Result) -> None:
    document = read(render(result, lang="zh"))
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "SimSun", name
    language = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert language.get(qn("w:eastAsia")) == "zh-CN"


def test_every_page_footer_says_page_x_of_y_with_word_fields(result: Result) -> None:
    document = read(render(result, lang="en"))
    section = document.sections[0]
    for footer in (section.footer, section.first_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml
        assert "Page " in footer.paragraphs[0].text and " of " in footer.paragraphs[0].text
    header = section.header.paragraphs[0].text
    assert header.startswith(result.enterprise.name) and header.endswith("Diagnostic Report")


def test_the_same_input_gives_the_same_bytes_dated_by_the_assessment(result: Result) -> None:
    first, second = render(result, lang="zh"), render(result, lang="zh")
    assert first == second
    properties = read(first).core_properties
    assert result.assessment.date is not None
    assert properties.created is not None and properties.created.date() == result.assessment.date
    assert properties.author == (result.assessment.assessor or "")
    stamps = {info.date_time[:3] for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    date = result.assessment.date
    assert stamps == {(date.year, date.month, date.day)}


def test_user_text_is_shown_literally_and_a_character_xml_forbids_is_named(checklist: Checklist) -> None:
    data = answers_data()
    data["enterprise"]["name"] = "<b>ACME & Co</b>"
    data["answers"]["4.1-02"] = {"rating": 1, "note": "记录缺失\x07 </w:t> & more", "root_cause": "a < b"}
    document = read(render(qa.score(checklist, Answers.model_validate(data)), lang="zh"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "<b>ACME & Co</b>" in text
    notes = "\n".join(c for t in document.tables for row in cells(t) for c in row)
    assert "记录缺失[U+0007] </w:t> & more" in notes


def test_without_python_docx_the_message_names_the_extra(
    result: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependencyError, match=r"iso9001assess\[docx\]"):
        render(result)


def test_report_and_batch_write_docx_by_suffix_and_by_format(tmp_path: Path, run_cli: Any) -> None:
    answers, mini = FIXTURES / "mini-answers.yaml", FIXTURES / "mini-checklist.yaml"
    outcome = run_cli("report", answers, "--checklist", mini, "-o", tmp_path / "acme.docx", "--lang", "en")
    assert outcome.code == 0, outcome.out + outcome.err
    assert headings(Document(str(tmp_path / "acme.docx")), 1)[0] == "1. Summary for the general manager"
    outcome = run_cli(
        "report", answers, "--checklist", mini, "-o", tmp_path / "named.out", "--format", "docx"
    )
    assert outcome.code == 0, outcome.out + outcome.err
    assert zipfile.is_zipfile(tmp_path / "named.out")
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(answers, inputs / "acme.yaml")
    outcome = run_cli("batch", inputs, "-o", tmp_path / "out", "--checklist", mini, "--formats", "docx,json")
    assert outcome.code == 0, outcome.out + outcome.err
    assert headings(Document(str(tmp_path / "out" / "acme.docx")), 1)[0] == "一、总经理摘要"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_it_to_a_pdf_that_shows_the_headings(
    followup: tuple[Result, Result], tmp_path: Path
) -> None:
    baseline, later = followup
    source = tmp_path / "report.docx"
    source.write_bytes(render(later, lang="zh", baseline=baseline))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    from pypdf import PdfReader

    reader = PdfReader(str(tmp_path / "report.pdf"))
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for heading in headings(read(source.read_bytes()), 1):
        assert "".join(heading.split()) in text
    assert 8 <= len(reader.pages) <= 30
    last = "".join(reader.pages[-1].extract_text().split())
    assert f"第{len(reader.pages)}页，共{len(reader.pages)}页" in last  # the fields were computed
