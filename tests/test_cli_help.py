"""The command line's help and click's usage errors in the reader's language: every help text of every command
and option is a catalogue key in every language, `--help` speaks Chinese by default and English with
ISO9001ASSESS_LANG=en or --lang en, Chinese lines fit an 80-column terminal, and click's usage errors are said
from their fields, exit code 2."""

from __future__ import annotations

import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner as ClickRunner

from conftest import CliRunner
from fixture_paths import MINI_ANSWERS
from iso9001assess.commands.help import (
    CatalogueCommandMixin,
    CatalogueGroup,
    help_reference,
    help_text,
)
from iso9001assess.commands.wrapping import CLOSING, display_width, wrap_line, wrap_text
from iso9001assess.i18n.catalogue import read_bundled
from test_conventions import every_command

LANGUAGES = ("zh", "en", "zh-Hant")


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "80")  # click's help width follows the terminal: 80 columns here


# -- every help text is a catalogue key in every language -------------------------------------------------------
def _texts(command: click.Command) -> list[tuple[str, str]]:
    """(what, help text) for the command and each of its parameters, metavars included when set."""
    texts = [("description", command.help or "")]
    for param in command.params:
        name = param.opts[0] if param.opts else str(param.name)
        if isinstance(param, click.Option):
            texts.append((name, param.help or ""))
        if (
            isinstance(param, click.Option) and param.metavar is not None
        ):  # an argument's name stays as written
            texts.append((f"{name} metavar", param.metavar))
    return texts


@pytest.mark.parametrize("words", [words for words, _ in every_command()], ids=" ".join)
def test_every_help_text_is_a_catalogue_key_in_every_language(words: tuple[str, ...]) -> None:
    command = dict(every_command())[words]
    assert isinstance(command, CatalogueCommandMixin), f"{words}: made with cls=CatalogueCommand/Group"
    bundled = read_bundled()
    for what, text in _texts(command):
        reference = help_reference(text)
        assert reference is not None, (
            f"{' '.join(words)} {what}: {text!r} is not a catalogue key (cli.help.*)"
        )
        key, values = reference
        for lang in LANGUAGES:
            entry = bundled.messages[lang].get(key)
            assert entry, f"{key} missing in {lang}"
            fields = {field for _, field, _, _ in string.Formatter().parse(entry) if field}
            assert fields == set(values), f"{key} ({lang}) is filled with {sorted(values)}"
        said = {help_text(text, lang) for lang in LANGUAGES}
        assert len(said) == len(LANGUAGES) or key.startswith("cli.help.metavar.url"), key  # translated


def test_the_option_types_placeholders_are_catalogued() -> None:
    # An option with neither metavar nor choices shows its type's name: PATH, INTEGER RANGE... in words.
    bundled = read_bundled()
    for _, command in every_command():
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag and param.metavar is None:
                ctx = click.Context(command)
                if param.type.get_metavar(param=param, ctx=ctx) is None:
                    key = f"cli.help.metavar.{param.type.name.replace(' ', '_')}"
                    assert all(key in bundled.messages[lang] for lang in LANGUAGES), key


# -- --help in Chinese and in English -----------------------------------------------------------------------------
def _help(run_cli: CliRunner, *words: str) -> str:
    outcome = run_cli(*words, "--help")
    assert outcome.code == 0, outcome.err
    return outcome.out


def test_help_is_chinese_by_default(run_cli: CliRunner) -> None:
    score = _help(run_cli, "score")
    assert score.startswith(
        "用法：iso9001assess score [选项] FILES...\n\n  为答卷评分并显示得分。\n\n选项：\n"
    )
    assert "  --strategy [flat-unweighted|strict-maturity|weighted]\n" in score
    # click's two spaces before the bracket, and the line wrapped at 78 columns.
    assert "                                  评分方法（内置的或插件提供的）。  [默认：\n" in score
    assert "[默认： weighted]" in " ".join(score.split())
    assert "  --checklist 编号或路径  " in score
    assert "  -h, --help " in score and "显示本帮助并退出。" in score
    assert "Usage" not in score and "Options" not in score and "Show this" not in score
    root = _help(run_cli)
    assert root.startswith("用法：iso9001assess [选项] 命令 [参数]...\n")
    assert "\n命令：\n" in root and "  score        为答卷评分并显示得分。\n" in root
    assert "  --version            显示版本并退出。\n" in root  # aligned by display width
    assert "  --plugin 模块或路径  加载本地插件（模块名或 .py 文件），可重复。\n" in root
    batch = _help(run_cli, "batch")
    assert "  -o, --output 路径" in batch and "输出文件夹。  [必填]" in batch
    assert "[默认：30；x>=1]" in batch  # --top: default and range in the reader's words and punctuation


def test_help_in_english_with_the_environment_or_lang(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_option = _help(run_cli, "score", "--lang", "en")
    assert by_option.startswith(
        "Usage: iso9001assess score [OPTIONS] FILES...\n\n  Score answer files and print the scores.\n\nOptions:\n"
    )
    assert "Scoring strategy (built-in or from a plugin). [default: weighted]" in " ".join(by_option.split())
    assert "  --checklist ID_OR_PATH  " in by_option and "Show this message and exit." in by_option
    # --lang is read wherever it is written, even after --help (which click handles first).
    assert run_cli("score", "--help", "--lang", "en").out == by_option
    monkeypatch.setenv("ISO9001ASSESS_LANG", "en")
    assert _help(run_cli, "score") == by_option
    root = _help(run_cli)
    assert root.startswith("Usage: iso9001assess [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in root and "  score        Score answer files and print the scores.\n" in root
    hant = _help(run_cli, "template", "--lang", "zh-Hant")
    assert "為一份檢查表寫出空白問卷。" in hant and "選項：" in hant


def test_chinese_help_fits_80_columns_and_breaks_where_chinese_may(run_cli: CliRunner) -> None:
    # click's width in an 80-column terminal is 78; a CJK character takes two columns.
    for words, _command in every_command():
        text = _help(run_cli, *words)
        for line in text.splitlines():
            pieces = line.split()
            # The only lines allowed wider: one unbreakable piece (a long --formats [a|b|...] spec) on its own.
            assert display_width(line) <= 78 or len(pieces) == 1, f"{words}: {line!r}"
            assert not line.strip() or line.strip()[0] not in CLOSING, f"{words}: {line!r}"
    ingest = _help(run_cli, "ingest")
    widths = [display_width(line) for line in ingest.splitlines() if "把答卷" in line or "每个文件" in line]
    assert widths and all(70 <= width <= 78 for width in widths), widths  # filled, not cut at 39 characters


def test_wrapping_by_display_width() -> None:
    text = "每个文件按批处理的方式校验和评分，有误的文件在标准错误输出中列出。"
    lines = wrap_line(text, 20)
    # 20 columns hold 10 characters; "，" and "。" stay with the character before them.
    assert lines == ["每个文件按批处理的方", "式校验和评分，有误的", "文件在标准错误输出中", "列出。"]
    assert wrap_line("score the answers files", 10) == ["score the", "answers", "files"]
    assert wrap_line("用 --lang en 显示英文", 12) == ["用 --lang en", "显示英文"]
    assert wrap_text("第一段。\n\n第二段。", 40, "  ", "  ") == "  第一段。\n\n  第二段。"


# -- click's usage errors in the reader's language ----------------------------------------------------------------
USAGE_ERRORS = [
    (
        ["score"],
        "错误：缺少参数 'FILES...'。",
        "error: Missing argument 'FILES...'.",
    ),
    (
        ["score", "a.yaml", "--stratgy", "plain"],
        "错误：没有选项 '--stratgy'。是不是要写 '--strategy'？",
        "error: No such option '--stratgy'. Did you mean '--strategy'?",
    ),
    (
        ["template", "mini", "--format", "pdf", "-o", "x.pdf"],
        "错误：'--format' 的取值无效：'pdf' 不是可选的取值；可选：'yaml'、'xlsx'。",
        "error: Invalid value for '--format': 'pdf' is not one of 'yaml', 'xlsx'.",
    ),
    (
        ["demo", "--enterprises", "many"],
        "错误：'--enterprises' 的取值无效：'many' 不是整数。",
        "error: Invalid value for '--enterprises': 'many' is not a valid integer.",
    ),
    (
        ["demo", "--enterprises", "-3"],
        "错误：'--enterprises' 的取值无效：-3 不在范围 x>=0 内。",
        "error: Invalid value for '--enterprises': -3 is not in the range x>=0.",
    ),
    (
        ["ingest", "a.yaml", "--on", "2026-13-01"],
        "错误：'--on' 的取值无效：'2026-13-01' 不是日期；请写成 YYYY-MM-DD 的形式。",
        "error: Invalid value for '--on': '2026-13-01' is not a date written YYYY-MM-DD.",
    ),
    (
        ["score", "a.yaml", "--o"],
        "错误：没有选项 '--o'。是不是要写以下之一：'--json'、'--jsonl'？",
        "error: No such option '--o'. (Did you mean one of: '--json', '--jsonl'?)",
    ),
    (
        ["scor"],
        "错误：没有命令 'scor'。是不是要写 'score'？",
        "error: No such command 'scor'. Did you mean 'score'?",
    ),
    (
        ["score", "a.yaml", "--json=yes"],
        "错误：选项 '--json' 不带取值。",
        "error: Option '--json' does not take a value.",
    ),
    (
        ["schema", "result", "extra"],
        "错误：多出了参数：extra",
        "error: Got unexpected extra argument (extra)",
    ),
]


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE_ERRORS, ids=lambda value: str(value)[:40])
def test_usage_errors_in_the_readers_language_exit_2(
    args: list[str], chinese: str, english: str, run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = run_cli(*args)
    assert said.code == 2 and said.out == ""
    lines = said.err.splitlines()
    command = "iso9001assess " + args[0] if args[0] != "scor" else "iso9001assess"
    assert lines[0].startswith(f"用法：{command} [选项]"), lines
    assert lines[1] == f"运行 '{command} --help' 查看帮助。"
    assert lines[2:] == ["", chinese]
    assert "Traceback" not in said.err
    monkeypatch.setenv("ISO9001ASSESS_LANG", "en")
    english_said = run_cli(*args)
    assert english_said.code == 2
    lines = english_said.err.splitlines()
    assert (
        lines[0].startswith(f"Usage: {command} [OPTIONS]") and lines[1] == f"Try '{command} --help' for help."
    )
    assert lines[2:] == ["", english]


def test_option_without_its_value_and_group_without_command(run_cli: CliRunner) -> None:
    needs = run_cli("score", "a.yaml", "--lang")
    assert needs.code == 2 and needs.err.splitlines()[-1] == "错误：选项 '--lang' 后面缺少取值。"
    assert needs.err.startswith("用法：iso9001assess score [选项] FILES...\n")
    alone = run_cli("--debug")
    assert alone.code == 2 and alone.err.splitlines()[-1] == "错误：缺少命令。"
    english = run_cli("score", "a.yaml", "--lang", "en", "--nope")
    assert english.code == 2 and english.err.splitlines()[-1] == "error: No such option '--nope'."


def test_a_bad_value_from_the_environment_names_its_variable(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISO9001ASSESS_LANG", "fr")  # no such language: the words fall back to English
    said = run_cli("score", str(MINI_ANSWERS))
    assert said.code == 2
    assert said.err.splitlines()[-1] == (
        "error: Invalid value for '--lang' (env var ISO9001ASSESS_LANG): 'fr' is not one of 'zh', 'en', 'zh-Hant'."
    )


def test_our_own_checks_keep_their_words_in_the_readers_frame(run_cli: CliRunner) -> None:
    said = run_cli("batch", str(MINI_ANSWERS), "-o", "out", "--executor", "foo")
    assert said.code == 2
    assert said.err.splitlines()[-1] == (
        "错误：'--executor' 的取值无效：'foo'：请写调度器的地址，如 tcp://主机:8786"
    )


def test_a_plugins_plain_english_command_keeps_its_help(tmp_path: Path) -> None:
    group = CatalogueGroup(name="iso9001assess", help="cli.help.root")
    group.add_command(
        click.Command(
            "hello",
            help="Greet the assessor.",
            params=[click.Option(["--name"], help="Who to greet.")],
            callback=lambda name: None,
        )
    )
    runner = ClickRunner()
    listed = runner.invoke(group, ["--help"], env={"ISO9001ASSESS_LANG": "zh"})
    assert "  hello  Greet the assessor.\n" in listed.output and "命令：" in listed.output
    own = runner.invoke(group, ["hello", "--help"])
    assert "Greet the assessor." in own.output and "--name TEXT  Who to greet." in own.output
