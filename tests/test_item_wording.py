"""One Chinese word for a checklist item: 检查项 (檢查項). 条款 (條款) is an ISO 9001 clause, a numbered
requirement such as 7.1.5 (a section of the checklist), never one question under it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.i18n import catalogue, message

CLAUSE = {"zh": "条款", "zh-Hant": "條款"}
ITEM = {"zh": "检查项", "zh-Hant": "檢查項"}


def _english_says(pattern: str, key: str) -> bool:
    return re.search(pattern, message(key, "en"), re.IGNORECASE) is not None


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_where_the_english_says_item_the_chinese_never_says_clause(lang: str) -> None:
    keys = [key for key in catalogue().keys("en") if _english_says(r"\bitems?\b", key)]
    assert len(keys) > 40  # errors, the report's appendix, the questionnaire's steps...
    said_clause = [key for key in keys if CLAUSE[lang] in message(key, lang)]
    assert not said_clause, said_clause


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_an_error_says_clause_only_of_a_clause_or_section(lang: str) -> None:
    errors = [key for key in catalogue().keys("en") if key.startswith("errors.")]
    wrong = [
        key
        for key in errors
        if CLAUSE[lang] in message(key, lang) and not _english_says(r"\b(clause|section)s?\b", key)
    ]
    assert not wrong, wrong
    # the item errors say 检查项 (a count keeps the test from passing on an empty catalogue)
    assert sum(ITEM[lang] in message(key, lang) for key in errors) >= 15


def test_an_unknown_item_is_a_checklist_item_in_chinese(run_cli: CliRunner, tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        (fixtures / "valid" / "mini-answers.yaml")
        .read_text(encoding="utf-8")
        .replace("4.3-01: 2", "4.3-09: 2"),
        encoding="utf-8",
    )
    outcome = run_cli(
        "score", "--checklist", fixtures / "valid" / "mini-checklist.yaml", "--lang", "zh", answers
    )
    assert outcome.code == 1
    assert outcome.err.startswith(f"{answers}:")
    assert "检查项 '4.3-09' 不在检查表 'mini' 中" in outcome.err and "条款" not in outcome.err


# -- the terms settled after the user trial: stage names, findings, and the docs' words for an item ------------
DOCS_ZH = Path(__file__).resolve().parents[1] / "docs" / "zh"
STAGES = {
    "zh": {
        "enrolled": "已登记",
        "baseline": "已完成基线评估",
        "plan-issued": "已下发改进计划",
        "followed-up": "已完成跟踪评估",
    },
    "zh-Hant": {
        "enrolled": "已登記",
        "baseline": "已完成基線評估",
        "plan-issued": "已下發改進計劃",
        "followed-up": "已完成跟蹤評估",
    },
}
# Words the program no longer says: awkward stage names, "closed finding" said as a verb on a noun, and the
# questionnaire's words for what the program calls a checklist item (检查项) or a finding (发现项).
RETIRED = {
    "zh": ["已基线评估", "已跟踪评估", "已下达", "已关闭发现", "题目", "问题项"],
    "zh-Hant": ["已基線評估", "已跟蹤評估", "已下達", "已關閉發現", "題目", "問題項"],
}


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_stage_names_are_the_settled_ones_and_retired_words_are_gone(lang: str) -> None:
    assert {code: message(f"vocab.stage.{code}", lang) for code in STAGES[lang]} == STAGES[lang]
    said = {key: message(key, lang) for key in catalogue().keys("en")}
    retired = [(key, word) for key, text in said.items() for word in RETIRED[lang] if word in text]
    assert not retired, retired
    # The counts of the staged report say the stage as the register does.
    assert message("progress.count.followed_up", lang) == STAGES[lang]["followed-up"]
    assert message("progress.count.plans_issued", lang) == STAGES[lang]["plan-issued"]


def test_the_chinese_docs_say_checklist_item_and_finding_as_the_program_does() -> None:
    pages = sorted(DOCS_ZH.glob("*.md"))
    assert len(pages) >= 10
    found = [
        f"{page.name}:{number}: {word}"
        for page in pages
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        for word in RETIRED["zh"]
        if word in line
    ]
    assert not found, found
    text = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert text.count(ITEM["zh"]) >= 20 and text.count("发现项") >= 5
    # Where the docs name the stages, they name them as the program does.
    store = (DOCS_ZH / "store.md").read_text(encoding="utf-8")
    assert all(f"`{code}` {word}" in store for code, word in STAGES["zh"].items())


def test_the_scan_for_retired_words_can_fail() -> None:
    line = "未填写的题目视为未评估；阶段：已跟踪评估"
    assert [word for word in RETIRED["zh"] if word in line] == ["已跟踪评估", "题目"]
