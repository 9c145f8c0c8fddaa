"""Answer-file problems a user can act on, read from the real stderr of ``score`` and ``ingest``: an answer
that is no rating says what to write on the checklist's own scale, a file's problems come in reading order, and
the YAML parser's words (a README or text given by mistake, an unclosed bracket or quote) are said in the
command's language, naming where the bracket or quote was opened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CliRunner
from fixture_paths import MINI_CHECKLIST
from iso9001assess.errors import InvalidInputError, Problem
from iso9001assess.i18n.text import said

HEAD = """schema_version: 1
checklist: mini
enterprise:
  name: 测试企业
  has_lab: true
assessment:
  kind: baseline
  date: 2026-05-10
answers:
"""  # 9 lines: the first answer is on line 10, its value at column 11 ("  4.1-01: " is 10 characters)

FORMS_ZH = "或写成 {rating: …, note: …}；不适用时写成 {na: true, justification: …}"
FORMS_EN = "or the full form {rating: …, note: …}; an item that does not apply is written {na: true, justification: …}"


@pytest.fixture(autouse=True)
def default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)


def _answers(tmp_path: Path, body: str, name: str = "items.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def _stderr(run_cli: CliRunner, path: Path, *more: str | Path) -> tuple[list[str], list[str]]:
    """The lines of stderr in Chinese (the default) and in English; each run fails with exit 1, no traceback."""
    said_in: list[list[str]] = []
    for lang in ((), ("--lang", "en")):
        outcome = run_cli("score", path, *more, *lang)
        assert outcome.code == 1, outcome.err
        assert "Traceback" not in outcome.err and outcome.out == ""
        said_in.append(outcome.err.splitlines())
    return said_in[0], said_in[1]


def _scale_checklist(tmp_path: Path) -> Path:
    """The mini checklist with a scale 0..6 instead of 0..4 (its recommendations stay on the scale)."""
    text = MINI_CHECKLIST.read_text(encoding="utf-8")
    last = "  - {value: 4, label: {zh: 有效并持续改进, en: Effective and improving}}\n"
    assert last in text
    more = "".join(f"  - {{value: {value}, label: {{zh: 级{value}, en: L{value}}}}}\n" for value in (5, 6))
    path = tmp_path / "scale.yaml"
    path.write_text(text.replace(last, last + more), encoding="utf-8")
    return path


# -- 1. an answer that is no rating ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [('"好"', "'好'"), ("[1, 2]", "[1, 2]"), ("n/a", "'n/a'"), ("true", "true"), ("3.5", "3.5")],
)
def test_an_answer_that_is_no_rating_says_what_to_write_on_the_scale(
    written: str, shown: str, tmp_path: Path, run_cli: CliRunner
) -> None:
    path = _answers(tmp_path, f"  4.1-01: {written}\n")
    zh, en = _stderr(run_cli, path, "--checklist", MINI_CHECKLIST)
    assert zh == [
        f"{path}:10:11: 检查项 '4.1-01' 的回答 {shown} 不是评分：请填写 0 到 4 之间的整数评分，{FORMS_ZH}"
    ]
    assert en == [
        f"{path}:10:11: the answer {shown} to item '4.1-01' is not a rating: write a whole number from 0 to 4, "
        + FORMS_EN
    ]


def test_a_rating_of_the_full_form_that_is_no_number_is_told_the_scale(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    path = _answers(tmp_path, '  4.1-01: {rating: "好", note: 未形成文件}\n')
    zh, en = _stderr(run_cli, path, "--checklist", MINI_CHECKLIST)
    # "  4.1-01: {rating: " is 19 characters: the value at column 20
    assert zh == [f"{path}:10:20: 检查项 '4.1-01' 的评分 '好' 不是整数：请填写 0 到 4 之间的整数"]
    assert en == [
        f"{path}:10:20: the rating '好' of item '4.1-01' is not a whole number: write a whole number from 0 to 4"
    ]


def test_the_scale_is_the_checklists_own(tmp_path: Path, run_cli: CliRunner) -> None:
    checklist = _scale_checklist(tmp_path)
    path = _answers(tmp_path, "  4.1-01: [3]\n")
    zh, en = _stderr(run_cli, path, "--checklist", checklist)
    assert zh == [
        f"{path}:10:11: 检查项 '4.1-01' 的回答 [3] 不是评分：请填写 0 到 6 之间的整数评分，{FORMS_ZH}"
    ]
    assert "write a whole number from 0 to 6, " in en[0]


def test_without_its_checklist_the_scale_is_named_as_the_checklists(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    # the file names a checklist nobody has: the problem of the answer still says what a rating is
    path = tmp_path / "items.yaml"
    path.write_text(
        HEAD.replace("checklist: mini", "checklist: nowhere") + "  4.1-01: 好\n", encoding="utf-8"
    )
    zh, en = _stderr(run_cli, path)
    assert (
        f"{path}:10:11: 检查项 '4.1-01' 的回答 '好' 不是评分：请填写检查表评分范围内的整数评分，{FORMS_ZH}"
        in zh
    )
    assert (
        f"{path}:10:11: the answer '好' to item '4.1-01' is not a rating: write a whole number on the checklist's "
        f"scale, {FORMS_EN}" in en
    )


# -- 2. a file's problems in reading order ---------------------------------------------------------------------


def test_a_files_problems_come_in_line_order(tmp_path: Path, run_cli: CliRunner) -> None:
    # line 11: off the scale (found against the checklist), 12 and 13: no rating (found by the model, first)
    path = _answers(tmp_path, "  4.1-01: 3\n  4.1-02: 9\n  4.2-01: 好\n  4.2-02: [1]\n")
    zh, en = _stderr(run_cli, path, "--checklist", MINI_CHECKLIST)
    assert [line.split(": ", 1)[0] for line in zh] == [f"{path}:11:11", f"{path}:12:11", f"{path}:13:11"]
    assert zh[0] == f"{path}:11:11: 评分 9 超出了评分范围 0–4：请改为 0 到 4 之间的整数"
    assert [line.split(": ", 1)[0] for line in en] == [f"{path}:11:11", f"{path}:12:11", f"{path}:13:11"]


def test_reading_order_keeps_files_apart_and_the_count_of_more_last() -> None:
    more = Problem.said("a.yaml", said("errors.problems.more", count=7), 1, 1)
    problems = [
        Problem("b.yaml", "b late", 9, 1),
        Problem("a.yaml", "a late", 5, 3),
        more,
        Problem("a.yaml", "a early", 5, 1),
        Problem("b.yaml", "b whole file"),
        Problem("a.yaml", "a first", 2, 8),
    ]
    ordered = [problem.message for problem in InvalidInputError(problems).problems]
    assert ordered == ["b whole file", "b late", "a first", "a early", "a late", more.message]


# -- 3. the YAML parser's words ----------------------------------------------------------------------------------


def test_a_readme_given_as_answers_is_told_in_chinese_and_in_english(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n**中文用户指南**：见 docs\n", encoding="utf-8")
    zh, en = _stderr(run_cli, readme)
    assert zh == [
        f"{readme}:3:2: YAML 写法有误：* 或 & 后面应紧跟一个名称（YAML 把 *、& 开头的值当作别名或锚点）：这若是正文，"
        "请给整个值加上引号；这个文件若不是回答文件（例如 README 或说明文字），请改选回答文件"
    ]
    assert en[0].startswith(
        f"{readme}:3:2: invalid YAML: did not find expected alphabetic or numeric character"
    )
    assert "if this is not an answer file (a README or other text), choose the answer file" in en[0]


def test_a_text_with_a_table_is_told_in_its_language(tmp_path: Path, run_cli: CliRunner) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("| 列 | 值 |\n", encoding="utf-8")
    zh, en = _stderr(run_cli, notes)
    assert zh[0].startswith(f"{notes}:1:3: YAML 写法有误：| 或 > 开头的值被当作多行文字")
    assert en[0].startswith(f"{notes}:1:3: invalid YAML: did not find expected comment or line break")
    assert all(
        not ("a" <= ch <= "z") for ch in zh[0].split(": ", 1)[1].replace("YAML", "")
    )  # no English inside


def test_an_unclosed_bracket_names_where_it_was_opened(tmp_path: Path, run_cli: CliRunner) -> None:
    path = _answers(tmp_path, "  4.1-01: [1, 2\n  4.1-02: 3\n")
    zh, en = _stderr(run_cli, path, "--checklist", MINI_CHECKLIST)
    # reported at the next line's ":" (11:9); the bracket is at line 10, column 11
    assert zh == [
        f"{path}:11:9: YAML 写法有误：方括号 [ ] 中缺少逗号或右方括号：请补上“,”或“]”（左方括号“[”在第 10 行第 11 列）"
    ]
    assert en == [
        f"{path}:11:9: invalid YAML: did not find expected ',' or ']' (the bracket [ opened at line 10, column 11)"
    ]


def test_an_unclosed_quote_names_where_it_was_opened(tmp_path: Path, run_cli: CliRunner) -> None:
    path = _answers(tmp_path, '  4.1-01: {rating: 2, note: "未形成文件}\n  4.1-02: 3\n')
    zh, en = _stderr(run_cli, path, "--checklist", MINI_CHECKLIST)
    # "  4.1-01: {rating: 2, note: " is 28 characters: the quote at column 29; the file ends on line 12
    assert zh == [
        f"{path}:12:1: YAML 写法有误：引号没有闭合，文件就结束了：请补上缺少的引号（开头的引号在第 10 行第 29 列）"
    ]
    assert en == [
        f"{path}:12:1: invalid YAML: found unexpected end of stream (the quote opened at line 10, column 29)"
    ]


def test_a_bracket_closed_on_its_own_line_names_no_opening(tmp_path: Path, run_cli: CliRunner) -> None:
    path = _answers(tmp_path, "  4.1-01: [b: c: d]\n")
    zh, _ = _stderr(run_cli, path, "--checklist", MINI_CHECKLIST)
    assert zh == [f"{path}:10:16: YAML 写法有误：方括号 [ ] 中缺少逗号或右方括号：请补上“,”或“]”"]


def test_ingest_of_a_readme_says_it_in_the_language(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n**中文用户指南**\n", encoding="utf-8")
    db = tmp_path / "store.sqlite"
    for lang, words in (
        ("zh", "YAML 写法有误：* 或 & 后面应紧跟一个名称"),
        ("en", "invalid YAML: did not find"),
    ):
        outcome = subprocess.run(
            [sys.executable, "-m", "iso9001assess", "ingest", "--db", str(db), "--lang", lang, str(readme)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert outcome.returncode == 1, outcome.stderr
        assert "Traceback" not in outcome.stderr
        assert f"{readme}:3:2: {words}" in outcome.stderr
