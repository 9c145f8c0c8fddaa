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
