"""The command line's own words, and the errors of plugins, the store, outputs and runs, in the command's
language: Chinese by default, English with --lang en (read from the real stdout and stderr), the English text
unchanged, and every such catalogue entry really translated."""

from __future__ import annotations

import errno
import json
import pickle
from pathlib import Path

import pytest

from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess.errors import MissingDependencyError, NotFoundError, PluginError, os_reason
from iso9001assess.i18n import catalogue, said
from iso9001assess.i18n.catalogue import read_bundled

WITH_MINI = ("--plugin", FIXTURE_PLUGIN)


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)  # the default is the command's own


def test_an_unknown_name_is_said_in_chinese_by_default_and_in_english_with_lang_en(
    run_cli: CliRunner,
) -> None:
    chinese = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--checklist", "mni")
    assert chinese.code == 2
    assert chinese.err.startswith("错误：检查表 'mni' 不存在（是不是要写 'mini'？）；可用的有：")
    english = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--checklist", "mni", "--lang", "en")
    assert english.code == 2
    assert english.err.startswith("error: unknown checklist 'mni' (did you mean 'mini'?); available: ")
    strategy = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--strategy", "weigted")
    assert "评分策略 'weigted' 不存在（是不是要写 'weighted'？）" in strategy.err


def test_a_store_that_cannot_be_opened_is_said_in_the_commands_language(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'programme.db'}"
    chinese = run_cli("enterprises", "--db", url)
    assert chinese.code == 1
    assert f"文件夹 {tmp_path / 'nowhere'} 不存在（请先创建该文件夹或换一个位置）" in chinese.err
    english = run_cli("enterprises", "--db", url, "--lang", "en")
    assert f": the folder {tmp_path / 'nowhere'} does not exist" in english.err


def test_an_output_folder_that_cannot_be_written_names_the_reason_in_words(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    taken = tmp_path / "out"
    taken.write_text("a file where the output folder should be", encoding="utf-8")
    chinese = run_cli(*WITH_MINI, "batch", MINI_ANSWERS, "-o", taken, "--checklist", str(MINI_CHECKLIST))
    assert chinese.code == 3  # the environment's failure, not the input's
    assert chinese.err.strip() == f"错误：无法写入文件夹 {taken}：文件已存在"
    english = run_cli(
        *WITH_MINI, "batch", MINI_ANSWERS, "-o", taken, "--checklist", str(MINI_CHECKLIST), "--lang", "en"
    )
    assert english.code == 3 and english.err.strip() == f"error: cannot write to {taken}: File exists"


def test_usage_errors_of_our_options_follow_lang(run_cli: CliRunner) -> None:
    chinese = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json", "--jsonl")
    assert chinese.code == 2 and "--json 和 --jsonl 只能选一个" in chinese.err
    english = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json", "--jsonl", "--lang", "en")
    assert english.code == 2 and "choose one of --json and --jsonl" in english.err
    # --lang is read first, so an option's check speaks it wherever --lang is written.
    late = run_cli("batch", MINI_ANSWERS, "-o", "x", "--executor", "foo", "--lang", "en")
    assert late.code == 2 and "give the scheduler's address, tcp://HOST:8786" in late.err
    early = run_cli("batch", MINI_ANSWERS, "-o", "x", "--executor", "foo")
    assert early.code == 2 and "请写调度器的地址，如 tcp://主机:8786" in early.err


def test_validate_and_the_listings_speak_the_commands_language(run_cli: CliRunner) -> None:
    chinese = run_cli("checklists", "validate", MINI_CHECKLIST)
    assert chinese.code == 0 and chinese.out == f"{MINI_CHECKLIST}：通过\n"
    english = run_cli("checklists", "validate", MINI_CHECKLIST, "--lang", "en")
    assert english.code == 0 and english.out == f"{MINI_CHECKLIST}: ok\n"
    shown = run_cli(*WITH_MINI, "checklists", "show", "mini")
    assert "标准：" in shown.out and "检查项：" in shown.out and "评分标度：" in shown.out
    listed = run_cli("plugins")
    assert "iso9001assess.checklists  [iso9001assess " in listed.out and "  内置  正常\n" in listed.out
    assert "  钩子：register_checklists\n  检查表：iso9001-2015\n" in listed.out
    listed_en = run_cli("plugins", "--lang", "en")
    assert "  built-in  ok\n" in listed_en.out and "  hooks: register_checklists\n" in listed_en.out
    assert "  checklists: iso9001-2015\n" in listed_en.out


def test_an_errors_words_survive_the_trip_from_a_batch_worker() -> None:
    error = PluginError("demo (demo-plugin 1.0)", said("errors.plugin.part.exporter", name="'html'"), "boom")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == "plugin demo (demo-plugin 1.0): exporter 'html' failed: boom"
    assert copy.localized("zh") == "插件 demo (demo-plugin 1.0)：导出器 'html' 运行失败：boom"


def test_the_os_reasons_users_meet_are_said_in_words_the_rest_kept() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_reason(full)("zh") == "磁盘空间已满（请清理磁盘或换一个输出位置）"  # type: ignore[operator]
    assert str(os_reason(full)) == "No space left on device"
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"


def test_a_missing_dependency_and_a_plugins_kind_are_named() -> None:
    missing = MissingDependencyError("openpyxl", "xlsx_export", "xlsx")
    assert (
        str(missing)
        == "the xlsx export needs the package 'openpyxl'; install it with: pip install 'iso9001assess[xlsx]'"
    )
    assert (
        missing.localized("zh")
        == "导出 xlsx：需要安装软件包 'openpyxl'；请运行 pip install 'iso9001assess[xlsx]'"
    )
    # A kind the catalogue does not know (a plugin's own) is shown as it is.
    unknown = NotFoundError("widget", "wdget", ["widget-a"])
    assert unknown.localized("zh") == "widget 'wdget' 不存在（是不是要写 'widget-a'？）；可用的有：widget-a"
    assert NotFoundError("checklist", "x", []).localized("en") == "unknown checklist 'x'; available: none"


# Entries whose Chinese is rightly the English: only placeholders and punctuation, or a proper name.
SAME_IN_EVERY_LANGUAGE = {
    "errors.compare.who",  # the enterprise's name, quoted
    "errors.not_found.kind.schema",  # "JSON Schema" is the standard's name
    "cli.plugins.line",  # name, distribution, version: each one said already
    "cli.plugins.line_unpackaged",  # name, origin, state: each one said already
}
OWN_PREFIXES = (
    "errors.not_found",
    "errors.plugin.",
    "errors.dependency.",
    "errors.os.",
    "errors.store.",
    "errors.run.",
    "errors.compare.",
    "errors.narrative.",
    "errors.output.",
    "errors.tracker_store.",
    "errors.invalid_input",
    "cli.usage.",
    "cli.plugins.",
    "cli.checklist",
    "cli.file_valid",
)


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_every_entry_of_these_errors_and_labels_is_translated(lang: str) -> None:
    bundled = read_bundled()
    english, translated = bundled.messages["en"], bundled.messages[lang]
    keys = [key for key in english if key.startswith(OWN_PREFIXES)]
    assert len(keys) > 100  # the words of this part of the code, all of them catalogued
    untranslated = [
        key for key in keys if key not in SAME_IN_EVERY_LANGUAGE and translated[key] == english[key]
    ]
    assert not untranslated, untranslated
    assert catalogue().lookup("errors.store.no_folder", lang) != english["errors.store.no_folder"]


def test_json_problems_stay_english_and_name_their_catalogue_key(run_cli: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    outcome = run_cli("checklists", "validate", "--json", missing)  # Chinese on stderr, English in the JSON
    assert outcome.code == 1
    (problem,) = json.loads(outcome.out)["files"][0]["problems"]
    assert problem["message_key"] == "errors.path.no_file"
    assert problem["text"] == f"{missing}: no such file: check the file's name and its folder"
    assert f"{missing}: 文件不存在：" in outcome.err


def test_the_progress_bar_is_labelled_in_the_batchs_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import iso9001assess as qa
    from iso9001assess.plugin_manager import add_local_plugins, reset_registry

    reset_registry()
    add_local_plugins([str(FIXTURE_PLUGIN)])
    try:
        for lang, label in (("zh", "诊断中"), ("en", "diagnosing")):
            qa.batch([MINI_ANSWERS], tmp_path / lang, formats=["json"], jobs=1, progress=True, lang=lang)
            assert f"{label}: 100%" in capsys.readouterr().err
    finally:
        reset_registry()


def test_a_comparison_of_two_enterprises_is_refused_in_the_commands_language(run_cli: CliRunner) -> None:
    samples = Path(__file__).resolve().parents[1] / "samples"
    baseline, other = samples / "dg-textiles.yaml", samples / "gz-denim-self.yaml"
    chinese = run_cli("compare", baseline, other)
    assert chinese.code == 1
    assert f"{other}: 基线评估（{baseline}）属于 '东莞市锦绣服饰有限公司'（统一社会信用代码 " in chinese.err
    assert chinese.err.rstrip().endswith("；只有同一企业的评估才能对比")
    english = run_cli("compare", baseline, other, "--lang", "en")
    assert english.code == 1
    assert f"{other}: the baseline ({baseline}) is of '东莞市锦绣服饰有限公司' (credit code " in english.err
    assert english.err.rstrip().endswith("; only assessments of the same enterprise can be compared")
