"""Errors are said in the reader's language: a ``Text`` carries the catalogue key until someone reads it;
``str()`` stays English (logs, tracebacks), the command line shows the command's ``--lang``."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.errors import EnvironmentFailure, InvalidInputError, Problem
from iso9001assess.i18n import message, said


def test_a_text_is_said_in_the_language_asked_and_in_english_by_str() -> None:
    text = said("errors.file.too_large", size=2_000_000, limit=1_000_000)
    assert text("zh") == "文件大小为 2,000,000 字节，上限为 1,000,000 字节"
    assert text("en") == str(text) == "the file is 2,000,000 bytes; the limit is 1,000,000"
    nested = said(
        "cli.error", message=said("errors.file.directory")
    )  # a Text value is said in the same language
    assert nested("zh") == "错误：这是一个文件夹，不是文件"
    assert nested("en") == "error: is a directory, not a file"


def test_a_problem_keeps_its_words_for_every_language_and_across_processes() -> None:
    problem = Problem.said("a.yaml", said("errors.file.not_utf8"), 3, 1)
    assert str(problem) == "a.yaml:3:1: the file is not UTF-8 text"
    assert problem.localized("zh") == "a.yaml:3:1: 文件不是 UTF-8 编码的文本（请用 UTF-8 另存）"
    assert problem.message == "the file is not UTF-8 text"  # the English text stays readable as before
    copy = pickle.loads(pickle.dumps(problem))  # batch workers send problems back to the parent
    assert copy.localized("zh-Hant") == "a.yaml:3:1: 檔案不是 UTF-8 編碼的文字（請以 UTF-8 另存）"
    plain = Problem("b.yaml", "said by a plugin", 1, 2)  # a plain string is shown as it is, in every language
    assert plain.localized("zh") == str(plain) == "b.yaml:1:2: said by a plugin"


def test_an_error_raised_with_words_is_english_as_text_and_localized_on_demand() -> None:
    error = EnvironmentFailure(said("errors.file.unreadable", reason="disk full"))
    assert str(error) == "cannot read the file: disk full"
    assert error.localized("zh") == "无法读取文件：disk full"
    assert pickle.loads(pickle.dumps(error)).localized("zh") == "无法读取文件：disk full"
    invalid = InvalidInputError.single("c.yaml", said("errors.file.directory"))
    assert invalid.localized("en") == str(invalid) == "c.yaml: is a directory, not a file"
    assert invalid.localized("zh") == "c.yaml: 这是一个文件夹，不是文件"
    assert EnvironmentFailure("plain words").localized("zh") == "plain words"


@pytest.fixture
def not_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("schema_version: 1\nenterprise: 企业\n".encode("gbk"))  # saved by an editor in GBK
    return path


def test_the_command_line_speaks_the_commands_language(
    run_cli: CliRunner, not_utf8: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)
    chinese = run_cli("score", not_utf8)  # --lang defaults to zh, and so do its errors
    assert chinese.code == 1
    assert chinese.err.strip() == f"{not_utf8}:2:1: " + message("errors.file.not_utf8", "zh")
    english = run_cli("score", not_utf8, "--lang", "en")
    assert english.err.strip() == f"{not_utf8}:2:1: the file is not UTF-8 text"
    assert (
        run_cli("score", "--lang=zh-Hant", not_utf8)
        .err.strip()
        .endswith("檔案不是 UTF-8 編碼的文字（請以 UTF-8 另存）")
    )


def test_a_command_without_lang_follows_the_environment(
    run_cli: CliRunner, not_utf8: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISO9001ASSESS_LANG", "en")
    outcome = run_cli("checklists", "validate", not_utf8)
    assert outcome.code == 1
    assert "the file is not UTF-8 text" in outcome.err
    monkeypatch.setenv("ISO9001ASSESS_LANG", "zh")
    assert "文件不是 UTF-8 编码的文本" in run_cli("checklists", "validate", not_utf8).err
