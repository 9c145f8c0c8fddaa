"""Each scoring strategy states its own method: the report's appendix (PDF, Word, Markdown, Excel) and the
portfolio's method appendix show the rules of the strategy that scored the result, never the weighted
strategy's in its place. The bundled strategies' words are catalogue entries in every language; a plugin's
strategy gives its own (``describe()``), else a sentence names it and says its rules are the plugin's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import iso9001assess as qa
from fixture_paths import MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess import hookimpl
from iso9001assess.i18n import languages, locale, message
from iso9001assess.models.base import LocalizedText
from iso9001assess.programme.portfolio_export import write_portfolio
from iso9001assess.scoring import FlatUnweightedStrategy, WeightedStrategy
from iso9001assess.testing import plugin_registry

# A phrase only each strategy's method says, by language (compared with every space removed: PDF lines wrap).
WEIGHTED = {
    "en": "Each item weighs its weight w in the checklist",
    "zh": "每个检查项的权重 w 取检查表中的权重",
}
OWN = {
    "weighted": WEIGHTED,
    "flat-unweighted": {
        "en": "every answered scored item weighs 1",
        "zh": "每个已评估且计分的检查项权重均为 1",
    },
    "strict-maturity": {"en": "consecutive levels met from level 2", "zh": "自第2级起连续达成的级数"},
    "acme-median": {"en": "Acme rules: the median of the ratings", "zh": "Acme 规则：评分的中位数"},
    "acme-silent": {
        "en": "“acme-silent” is a scoring strategy from a plugin that does not describe its method",
        "zh": "“acme-silent”是插件提供的评分方法，插件未说明其计算方法",
    },
}


class _AcmeMedian(WeightedStrategy):
    """A third party's strategy that describes itself (in English and Chinese)."""

    name = "acme-median"

    def describe(self) -> LocalizedText:
        return {"en": "Acme rules: the median of the ratings.", "zh": "Acme 规则：评分的中位数。"}


class _AcmeSilent(WeightedStrategy):
    """A third party's strategy that says nothing of its method."""

    name = "acme-silent"

    def describe(self) -> LocalizedText:
        return ""


class _AcmeStrategies:
    @hookimpl
    def register_scoring_strategies(self, register: Any) -> None:
        register("acme-median", _AcmeMedian())
        register("acme-silent", _AcmeSilent())


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _method_section(pdf: Path, lang: str) -> str:
    """The appendix's scoring-method section of a diagnostic report, spaces removed."""
    text = _flat("\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
    start = text.rindex(_flat(message("report.appendix.h_method", lang)))
    end = text.index(_flat(message("report.appendix.h_checklist", lang)), start)
    return text[start:end]


def test_the_bundled_strategies_describe_exactly_their_catalogue_words() -> None:
    # Scoring never reads the catalogues, so the words are in the code too: they must be the same.
    for strategy in (WeightedStrategy(), FlatUnweightedStrategy()):
        described = strategy.describe()
        assert isinstance(described, dict) and set(described) == {"en", "zh"}
        for lang, text in described.items():
            assert text == message(f"report.method.{strategy.name}", lang), (strategy.name, lang)
        for lang in languages():  # and every catalogued language has them
            assert message(f"report.method.{strategy.name}", lang)


@pytest.mark.parametrize("strategy", list(OWN))
def test_the_pdf_appendix_states_the_method_of_the_strategy_that_scored(
    strategy: str, tmp_path: Path
) -> None:
    with plugin_registry(_AcmeStrategies(), installed=True):
        checklist = qa.load_checklist(MINI_CHECKLIST)
        result = qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist), strategy)
        assert result.strategy == strategy
        for lang in ("zh", "en"):
            pdf = qa.export(result, tmp_path / f"{lang}.pdf", lang=lang)
            section = _method_section(pdf, lang)
            assert _flat(OWN[strategy][lang]) in section, (lang, section)
            if strategy != "weighted":
                assert _flat(WEIGHTED[lang]) not in section, (lang, section)


def test_traditional_chinese_reports_take_the_bundled_methods_from_their_catalogue(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    result = qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist), "flat-unweighted")
    section = _method_section(qa.export(result, tmp_path / "r.pdf", lang="zh-Hant"), "zh-Hant")
    assert _flat("每個已評估且計分的檢查項權重均為 1") in section
    # The entry itself (up to its impact formula, whose minus sign the PDF's font may show as a hyphen).
    entry = message("report.method.flat-unweighted", "zh-Hant")
    assert _flat(entry[: entry.index("按影響度")]) in section


def test_word_markdown_and_excel_state_the_strategys_own_method(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    from docx import Document
    from openpyxl import load_workbook

    checklist = qa.load_checklist(MINI_CHECKLIST)
    result = qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist), "flat-unweighted")
    own, weighted = _flat(OWN["flat-unweighted"]["en"]), _flat(WEIGHTED["en"])
    docx_text = _flat(
        "\n".join(p.text for p in Document(str(qa.export(result, tmp_path / "r.docx", lang="en"))).paragraphs)
    )
    markdown = _flat(qa.export(result, tmp_path / "r.md", lang="en").read_text("utf-8"))
    sheet = load_workbook(qa.export(result, tmp_path / "r.xlsx", lang="en")).worksheets[0]
    cells = {str(row[0].value): str(row[1].value) for row in sheet.iter_rows(min_row=3) if row[0].value}
    assert cells[message("xlsx.result.method", "en")] == message("report.method.flat-unweighted", "en")
    assert cells[message("vocab.field.strategy", "en")] == "Flat, unweighted scoring"  # in words, not a code
    for text in (docx_text, markdown):
        assert own in text and weighted not in text


def test_the_portfolio_states_each_strategy_used_and_its_method(tmp_path: Path) -> None:
    with plugin_registry(_AcmeStrategies(), installed=True):
        checklist = qa.load_checklist(MINI_CHECKLIST)
        first = qa.load_answers(MINI_ANSWERS, checklist)
        other = first.enterprise.model_copy(update={"name": "另一家企业", "credit_code": None})
        second = first.model_copy(update={"enterprise": other})  # two enterprises, each scored its own way
        results = [qa.score(checklist, first, "strict-maturity"), qa.score(checklist, second, "acme-silent")]
        portfolio = qa.portfolio(results)
        assert portfolio.strategies == ("acme-silent", "strict-maturity")
        for lang in ("zh", "en"):
            pdf = write_portfolio(portfolio, tmp_path / f"p-{lang}.pdf", lang=lang)
            text = _flat("\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
            appendix = text[text.rindex(_flat(message("portfolio.method", lang))) :]
            assert _flat(OWN["strict-maturity"][lang]) in appendix
            assert _flat(OWN["acme-silent"][lang]) in appendix
            assert _flat(WEIGHTED[lang]) not in appendix
            # A plugin's strategy without words of its own (vocab.strategy.<name>) is named as registered.
            joined = locale(lang).join(["acme-silent", "strict-maturity"])
            named = message("portfolio.strategies", lang, strategies=joined)
            assert _flat(named) in appendix
