"""The diagnostic report for its readers, read back with pypdf: the general manager's summary on page 2, each
finding once, not-assessed items kept out of findings and actions, the provisional banner, words instead of
codes, glyphs that survive extraction in both fonts, and page-count bounds."""

from __future__ import annotations

import io
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

import iso9001assess as qa
from iso9001assess.bundled import bundled_dir
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.exporters.pdf import PdfExporter
from iso9001assess.exporters.pdf.document import CHINESE_CANNOT_START
from iso9001assess.exporters.pdf.fonts import MissingGlyphWarning, find_system_cjk_font
from iso9001assess.models import Answers, Checklist, Result

SYSTEM_FONT = find_system_cjk_font()
FONTS = [
    "cid",
    pytest.param(SYSTEM_FONT, id="ttf", marks=pytest.mark.skipif(not SYSTEM_FONT, reason="no CJK font")),
]


@pytest.fixture(autouse=True)
def no_font_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_FONT", raising=False)


@cache
def checklist() -> Checklist:
    return qa.load_checklist("iso9001-2015")


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (bundled_dir("samples") / f"{name}.yaml").read_text(encoding="utf-8")
    )
    return data


def score(data: dict[str, Any]) -> Result:
    return qa.score(checklist(), Answers.model_validate(data))


@cache
def sample_result(name: str) -> Result:
    return score(sample(name))


def render(result: Result, **options: Any) -> bytes:
    out = io.BytesIO()
    PdfExporter().export(result, out, ExportOptions(**options))
    return out.getvalue()


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def baseline_pages(lang: str) -> list[str]:
    return pages_of(render(sample_result("gz-electronics-baseline"), lang=lang, font="cid"))


def before_appendix(pages: list[str], title: str) -> str:
    """The text of every page before the appendix starts (the appendix lists every item by design)."""
    text = "\n".join(pages)
    return text[: text.rindex(title)]


def item_ids_in(text: str) -> set[str]:
    return set(re.findall(r"\b(?:\d+(?:\.\d+)*|LAB\.\d+)-\d{2}\b", text))


def test_the_summary_on_page_2_names_the_top_actions() -> None:
    result = sample_result("gz-electronics-baseline")
    page = baseline_pages("zh")[1]
    assert "总经理摘要" in page
    top = result.actions[:10]
    for action in top:
        assert action.item_id in page
        text = qa_text(action.text, "zh")
        assert squeezed(text)[:12] in squeezed(page)
    # The roadmap holds the top ten, and only them.
    assert result.actions[10].item_id not in item_ids_in(page)


def qa_text(text: Any, lang: str) -> str:
    from iso9001assess.models.base import localize

    return localize(text, lang)


def test_the_number_of_top_actions_is_an_option() -> None:
    result = sample_result("gz-electronics-baseline")
    page = pages_of(render(result, lang="en", font="cid", extra={"top_actions": 3}))[1]
    assert "Top 3 actions" in page
    assert {a.item_id for a in result.actions[:3]} <= item_ids_in(page)
    assert result.actions[3].item_id not in item_ids_in(page)


def test_the_summary_says_each_verdict_and_names_weakest_clauses_and_strengths_only_from_80() -> None:
    result = sample_result("hz-automotive-parts")
    page = pages_of(render(result, lang="en", font="cid"))[1]
    assert "Summary for the general manager" in page
    for phrase in ("out of 100", "maturity is level", "Readiness for certification", "Lab capability index"):
        assert phrase in page
    view_strengths = [s for s in result.sections if s.depth == 1 and s.score is not None and s.score >= 80]
    assert view_strengths, "the sample has strong clauses"
    strengths = page[page.index("Strengths (80 and above)") :]
    shown = re.findall(r"\n(\d+\.\d+) ", strengths)
    assert shown and all(result.section(s).score >= 80 for s in shown)  # type: ignore[operator]


def test_each_finding_is_printed_once_before_the_appendix() -> None:
    result = sample_result("gz-electronics-baseline")
    text = before_appendix(baseline_pages("en"), "Appendix")
    findings_part = text[text.index("Findings by clause") : text.index("Improvement plan")]
    for finding in result.findings:
        # An item id heads its finding's row once; the plan refers to it by number, not by its text again.
        assert len(re.findall(rf"(?<![\w.-]){re.escape(finding.item_id)}(?![\w-])", findings_part)) == 1


def test_clauses_without_findings_take_one_line() -> None:
    result = sample_result("hz-automotive-parts")
    text = "\n".join(pages_of(render(result, lang="en", font="cid")))
    with_findings = {f.clause.split(".")[0] for f in result.findings}
    clean = [
        s
        for s in result.sections
        if s.depth == 0 and s.id not in with_findings and not s.id.startswith("LAB")
    ]
    assert clean
    for section in clean:
        assert re.search(rf"{re.escape(section.id)} [^\n]*: score [\d.]+, no finding\.", text)


def without(data: dict[str, Any], share: float) -> dict[str, Any]:
    """``data`` with the first ``share`` of its answers removed (those items become not assessed)."""
    answers = dict(data["answers"])
    dropped = list(answers)[: int(len(answers) * share)]
    for item_id in dropped:
        del answers[item_id]
    return {**data, "answers": answers}


def test_an_unassessed_item_is_never_a_finding_or_an_action() -> None:
    data = sample("gz-electronics-baseline")
    full = score(data)
    # Take out answers that were findings: those items are now not assessed.
    dropped = [f.item_id for f in full.findings[:6]]
    answers = {k: v for k, v in data["answers"].items() if k not in dropped}
    result = score({**data, "answers": answers})
    assert not {f.item_id for f in result.findings} & set(dropped)
    pages = pages_of(render(result, lang="zh", font="cid"))
    shown = item_ids_in(before_appendix(pages, "附录"))
    assert not shown & set(dropped)
    appendix = "\n".join(pages)[len(before_appendix(pages, "附录")) :]
    not_assessed = appendix[appendix.index("B. 未评估的检查项") : appendix.index("C. 不适用")]
    assert set(dropped) <= item_ids_in(not_assessed)


def test_a_partly_answered_file_carries_the_provisional_banner_on_every_page() -> None:
    result = score(without(sample("zs-food"), 0.5))
    assert result.overall.readiness == "incomplete"
    for lang, banner in (("zh", "暂定结论：评估未完成"), ("en", "Provisional: assessment incomplete")):
        pages = pages_of(render(result, lang=lang, font="cid"))
        assert all(banner in page for page in pages), lang
    complete = pages_of(render(sample_result("zs-food"), lang="zh", font="cid"))
    assert not any("暂定结论" in page for page in complete)


CODES = (
    "electronics",
    "weighted",
    "has_lab",
    "not-ready",
    "conditionally-ready",
    "baseline",
    "small",
    "high",
)


@pytest.mark.parametrize("name", ["gz-electronics-baseline", "sz-medical-devices"])
def test_a_zh_report_shows_words_not_codes(name: str) -> None:
    text = "\n".join(pages_of(render(sample_result(name), lang="zh", font="cid")))
    for code in (*CODES, sample(name)["enterprise"]["industry"]):
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), code
    assert "电子信息" in text or "医疗器械" in text
    assert "加权评分法" in text


def test_an_english_report_shows_words_not_codes() -> None:
    text = "\n".join(baseline_pages("en"))
    for code in ("electronics", "weighted", "has_lab", "not-ready", "conditionally-ready"):
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), code
    assert "Electronics" in text and "Weighted scoring" in text


@pytest.mark.parametrize("font", FONTS)
def test_the_space_after_a_clause_number_and_the_minus_sign_survive_extraction(font: str | Path) -> None:
    data = sample("gz-electronics-baseline")
    result = score(data)
    finding = result.findings[0]
    answers = dict(data["answers"])
    entry = answers[finding.item_id]
    rating = entry if isinstance(entry, int) else entry["rating"]
    answers[finding.item_id] = {"rating": rating, "note": "见 7.1.5 监视和测量资源，温度 −5 ℃"}
    pages = pages_of(render(score({**data, "answers": answers}), lang="zh", font=font))
    text = "\n".join(pages)
    assert "见 7.1.5 监视和测量资源" in text
    assert re.search(r"温度 [-−]5 ℃", text)
    # Section labels: number, one space, title — in headings, tables and chart labels alike.
    assert "LAB.8 检测或校准物品的处置" in text
    assert "7.1.5 监视和测量资源" in text


@pytest.mark.parametrize("font", FONTS)
def test_characters_no_font_draws_are_shown_visibly_and_warned_about(font: str | Path) -> None:
    data = sample("hz-automotive-parts")
    data["enterprise"]["name"] = "示例😀公司 שלום"
    with pytest.warns(MissingGlyphWarning, match="U\\+1F600"):
        pages = pages_of(render(score(data), lang="zh", font=font))
    assert "示例[U+1F600]公司 [U+05E9][U+05DC][U+05D5][U+05DD]" in pages[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_table_headings_do_not_wrap(lang: str) -> None:
    text = "\n".join(baseline_pages(lang))
    headings = (
        ("序号", "检查项", "优先级", "建议期限", "责任人", "完成日期")
        if lang == "zh"
        else ("Timeframe", "Due date")
    )
    for heading in headings:
        assert heading in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_starts_with_closing_punctuation(lang: str) -> None:
    for page in baseline_pages(lang):
        for line in page.splitlines():
            assert not line.startswith(tuple(CHINESE_CANNOT_START)), line


def test_a_follow_up_gives_the_headline_progress_and_closed_findings_by_clause() -> None:
    baseline, followup = sample_result("gz-electronics-baseline"), sample_result("gz-electronics-followup")
    pages = pages_of(render(followup, lang="zh", font="cid", baseline=baseline))
    assert "与基线评估" in pages[1]
    text = before_appendix(pages, "附录")
    assert "发现的变化：已关闭" in text
    closed = {f.item_id for f in baseline.findings} - {f.item_id for f in followup.findings}
    assert len(closed) > 100
    # Closed findings are counted by clause, not listed one by one.
    assert not item_ids_in(text[text.index("与基线评估对比") :]) & closed


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("gz-electronics-baseline", 15, 30), ("zh-plastics", 15, 30), ("fs-appliances", 6, 20)],
)
def test_page_counts_stay_within_bounds(name: str, low: int, high: int, lang: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pages = PdfReader(io.BytesIO(render(sample_result(name), lang=lang))).pages
    assert low <= len(pages) <= high


def test_a_very_weak_enterprise_in_english_still_fits_30_pages() -> None:
    from iso9001assess.exporters.pdf.report import MAX_PAGES, DiagnosticReport

    data = sample("gz-electronics-baseline")
    # Every item weak, each with a note: a finding and an action for every item of the checklist.
    data["answers"] = {
        item.id: {"rating": 1, "note": "现场抽查发现记录不完整，部分岗位未按程序执行。"}
        for item, _ in checklist().iter_items()
        if item.scored
    }
    result = score(data)
    assert len(result.findings) > 200
    report = DiagnosticReport(result, lang="en", font="cid")
    out = io.BytesIO()
    report.build(out)
    assert report.page_count <= MAX_PAGES == 30
    assert report.compact_size is not None  # it took the denser tables to fit
    assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == report.page_count
