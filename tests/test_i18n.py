"""The message catalogues: every key in every language, languages from files, locales, plugin entries, and
that no user-visible word is written outside the catalogues."""

from __future__ import annotations

import ast
import io
import re
import string
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from iso9001assess.i18n import catalogue, languages, locale, message, numbered, template, vocab
from iso9001assess.i18n.catalogue import catalogue_languages, read_bundled, read_catalogues

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "src" / "iso9001assess" / "i18n" / "catalogues"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_languages_are_the_catalogue_files_chinese_first() -> None:
    files = {path.stem for path in CATALOGUES.glob("*.yaml")}
    assert set(languages()) == files
    assert languages()[:2] == ("zh", "en")
    # Listed from the file names (the command line's --lang choices), in the order of the catalogue read whole.
    assert languages() == catalogue().languages


def test_languages_from_file_names_follow_the_catalogue_order(tmp_path: Path) -> None:
    for code in ("fr", "en", "de", "zh"):
        (tmp_path / f"{code}.yaml").write_text("locale: {}\nmessages: {}\n", "utf-8")
    assert catalogue_languages(tmp_path) == ("zh", "en", "de", "fr")
    assert catalogue_languages(tmp_path) == read_catalogues(tmp_path).languages


@pytest.mark.parametrize("lang", sorted(path.stem for path in CATALOGUES.glob("*.yaml")))
def test_every_key_exists_in_every_language_with_the_same_fields(lang: str) -> None:
    bundled = read_bundled()  # the files as shipped, whatever plugins added to the process's catalogue
    english = bundled.messages["en"]
    entries = bundled.messages[lang]
    assert set(entries) >= set(english), sorted(set(english) - set(entries))
    assert not set(entries) - set(english), "a key only in " + lang
    for key, text in english.items():
        assert entries[key].strip(), key
        assert fields(entries[key]) == fields(text), key


def test_keys_are_namespaced() -> None:
    # The process's catalogue, whatever tests ran before: plugins' words leave with their registry.
    namespaces = {key.split(".")[0] for key in catalogue().keys("en")}
    assert namespaces <= {
        "common",
        "vocab",
        "report",
        "cmp",
        "portfolio",
        "xlsx",
        "cli",
        "template",
        "store",
        "progress",
        "errors",
    }, namespaces


def test_messages_are_filled_and_fall_back_to_english() -> None:
    assert message("common.page_x_of_y", "zh", page=2, pages=9) == "第 2 页，共 9 页"
    assert message("common.page_x_of_y", "en", page=2, pages=9) == "Page 2 of 9"
    assert message("common.page_x_of_y", "fr", page=1, pages=1) == "Page 1 of 1"
    assert template("vocab.measure.lab", "zh") == "实验室能力指数"
    assert vocab("readiness", "not-ready", "en") == "Not ready"
    assert [text[:2] for text in numbered("xlsx.step", "zh")][:2] == ["在“", "在“"]
    with pytest.raises(KeyError):
        message("no.such.key", "en")


def test_vocabulary_is_defined_once_with_the_programme_verdicts() -> None:
    english = catalogue().messages["en"]
    for code in ("standardized", "basically-standardized", "not-standardized", "incomplete"):
        assert f"vocab.lab_verdict.{code}" in english
    for code in ("not-ready", "conditionally-ready", "ready", "incomplete"):
        assert f"vocab.readiness.{code}" in english
    # One word per code: the xlsx export once said 首次评价 and 尚未具备认证条件 where the PDF said otherwise.
    zh = catalogue().messages["zh"]
    assert zh["vocab.kind.baseline"] == "基线评估"
    assert zh["vocab.readiness.not-ready"] == "暂不具备认证条件"
    assert "首次评价" not in "".join(zh.values())


def test_a_locale_rounds_once_half_up_joins_and_numbers_headings() -> None:
    zh, en = locale("zh"), locale("en")
    assert en.number(76.65) == "76.7"  # Decimal("76.65") -> 76.7, where f"{76.65:.1f}" gives 76.6
    assert en.number(56.25) == "56.3"
    assert en.percent(0.975) == "98%"
    assert zh.join(["a", "b"]) == "a；b" and en.join(["a", "b"]) == "a; b"
    assert zh.join_region(["广东省", "广州市"]) == "广东省广州市"
    assert en.join_region(["Guangdong", "Guangzhou"]) == "Guangdong, Guangzhou"
    assert [zh.heading_number(n) for n in (1, 10, 12, 23)] == ["一", "十", "十二", "二十三"]
    assert en.heading_number(3) == "3"
    assert zh.tag == "zh-CN"


def test_a_language_without_a_file_borrows_its_base_language() -> None:
    borrowed = locale("zh-SG")
    assert borrowed.chain == ("zh-SG", "zh", "en")
    assert borrowed.numerals == "chinese"
    assert message("vocab.size.small", "zh-SG") == "小型"
    assert locale("fr").chain == ("fr", "en")


def test_a_new_catalogue_file_is_a_new_language(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text('locale: {name: English}\nmessages: {a.b: "Hello {name}"}\n', "utf-8")
    (tmp_path / "fr.yaml").write_text(
        'locale: {name: Français, tag: fr-FR}\nmessages: {a.b: "Bonjour {name}"}\n', "utf-8"
    )
    read = read_catalogues(tmp_path)
    assert set(read.languages) == {"en", "fr"}
    assert read.lookup("a.b", "fr") == "Bonjour {name}"
    assert read.locale("fr").tag == "fr-FR"
    (tmp_path / "de.yaml").write_text("locale: {colour: blue}\nmessages: {}\n", "utf-8")
    with pytest.raises(ValueError, match="unknown locale settings"):
        read_catalogues(tmp_path)


# -- no user-visible word outside the catalogues ------------------------------------------------------------
SOURCES = [ROOT / "src" / "iso9001assess", *sorted((ROOT / "plugins").glob("*/src"))]
CJK = re.compile("[\u3400-\u9fff]")  # ideographs: words, where CJK punctuation may be a separator
# Texts that are data of the result, not words of an output: a strategy describes its method in the
# result it produces (result.method), and an action without a recommendation gets a text of its own.
# Words recognised in input (placeholder justifications such as 无 / 不适用) are read, never shown. The demo's
# generated enterprises (their names, province, assessor) are input data, as the sample answer files are.
RESULT_DATA = {
    "staged/demo.py",
    "models/answers.py",
    "scoring/engine.py",
    "scoring/flat.py",
    "scoring/plan.py",
    "iso9001assess_strict_maturity/strategy.py",
}


def _python_files() -> Iterator[tuple[Path, str]]:
    for base in SOURCES:
        for path in sorted(base.rglob("*.py")):
            yield path, path.relative_to(base).as_posix().removeprefix("iso9001assess/")


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def test_no_chinese_string_literal_outside_the_catalogues() -> None:
    offenders = []
    for path, name in _python_files():
        if any(name.endswith(allowed) for allowed in RESULT_DATA) or name.startswith("i18n/"):
            continue
        source = path.read_text("utf-8")
        docstrings = _docstring_lines(ast.parse(source))
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if (
                token.type == tokenize.STRING
                and CJK.search(token.string)
                and token.start[0] not in docstrings
            ):
                offenders.append(f"{name}:{token.start[0]}: {token.string[:40]}")
    assert not offenders, "\n".join(offenders)


def test_no_language_branches_or_side_tables_of_words() -> None:
    # `lang == "zh"` or a {"zh": ..., "en": ...} table in code is a word (or a rule) kept outside the catalogue.
    branch = re.compile(r"""lang\s*[!=]=\s*["']|["']zh["']\s*:\s*["']""")
    offenders = []
    for path, name in _python_files():
        if any(name.endswith(allowed) for allowed in RESULT_DATA) or name.startswith("i18n/"):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if branch.search(line):
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The two scans above must be able to fail: they do on the shapes the old code had.
    source = 'WORDS = {"zh": "首次评价"}\nif lang == "zh":\n    pass\n'
    tokens = [
        t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.STRING
    ]
    assert any(CJK.search(t) for t in tokens)
    assert re.search(r"""lang\s*[!=]=\s*["']""", source)


def test_importing_the_package_and_its_plugins_does_not_import_reportlab() -> None:
    code = (
        "import sys, iso9001assess as qa\n"
        "from iso9001assess.plugin_manager import get_registry\n"
        "names = sorted(get_registry().exporters)\n"
        "assert {'pdf', 'csv', 'md'} <= set(names), names\n"
        "loaded = [m for m in sys.modules if m.startswith('reportlab')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plugin_words_set_before_the_catalogue_is_read_are_there_when_it_is() -> None:
    from iso9001assess.i18n import use_plugin_messages
    from iso9001assess.plugin_manager import get_registry

    in_use = get_registry().messages
    catalogue.cache_clear()
    try:
        use_plugin_messages({"en": {"test.later": "said later"}})
        assert catalogue.cache_info().currsize == 0  # nothing read yet
        assert (
            message("test.later", "zh") == "said later"
        )  # read now, with the layer in use (English fallback)
        use_plugin_messages({})  # once read, a new layer takes effect at once
        with pytest.raises(KeyError):
            message("test.later", "en")
    finally:
        use_plugin_messages(in_use)


def test_score_json_never_reads_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    from iso9001assess.cli import main

    sample = Path(__file__).parents[1] / "samples" / "dg-textiles.yaml"
    catalogue.cache_clear()
    main(["score", str(sample), "--json"])
    assert '"form":"compact"' in capsys.readouterr().out
    assert catalogue.cache_info().currsize == 0  # a command that prints no words does not read them
