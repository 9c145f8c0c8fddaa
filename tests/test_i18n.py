"""The message catalogues: every key in every language, languages from files, locales, plugin entries, and
that no user-visible word is written outside the catalogues."""

from __future__ import annotations

import ast
import functools
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
        "log",
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
# The endings a city's name may be given without (市, 地区: `--city 广州` finds 广州市) are read, never shown.
RESULT_DATA = {
    "staged/demo.py",
    "cities.py",
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
        # Read now, with the layer in use (Chinese falls back to English).
        assert message("test.later", "zh") == "said later"
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


# -- no English sentence handed to a user outside the catalogues ----------------------------------------------
# An English sentence (two or more words in a row) written as a literal where the code speaks to a user: what
# the CLI prints, an error of ours, a problem of an input, a warning. Such words must come from the catalogues
# (`said(...)`, `message(...)`), so that `--lang` says them. A --help text too: every `help=` (and `short_help=`,
# `epilog=`, `metavar=`) is a catalogue key (`cli.help.*`, read when help is shown; tests/test_cli_help.py checks
# the keys). Developer-facing words stay English: a TypeError, an assertion, a log record are not scanned.
PLACEHOLDER = "\x00"  # what an f-string's {value} becomes: never a word, but words around it are a sentence
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]+(?:'[a-z]+)?(?: +\x00)* +[A-Za-z]+\b")
CLICK_SPEAKERS = {"echo", "secho", "BadParameter", "UsageError", "ClickException"}
HELP_KEYWORDS = {"help", "short_help", "epilog", "metavar"}  # what --help shows of a command or option
# Files that still hold such words, and why. This list may only shrink: a file leaves it when its words are in
# the catalogues (the test below fails on a listed file that has none left).
NOT_YET_CATALOGUED: dict[str, str] = {}


def _error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """Names of iso9001assess.errors' exception classes and of every class deriving from one of them."""
    import iso9001assess.errors as errors

    names = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    }
    names -= {"Exception", "BaseException"}
    grown = True
    while grown:  # a subclass of a subclass, in any module
        grown = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {_called_name(base) for base in node.bases}
                    if bases & names:
                        names.add(node.name)
                        grown = True
    return names


def _called_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _speaks_to_a_user(call: ast.Call, name: str, error_classes: set[str]) -> bool:
    func = call.func
    owner = _called_name(func.value) if isinstance(func, ast.Attribute) else ""
    called = _called_name(func)
    return (
        (called in CLICK_SPEAKERS and owner in {"click", ""})
        or called == "status"
        or called in error_classes
        or (called == "ValueError" and name.startswith("models/"))
        or called == "Problem"
        or (called == "said" and owner == "Problem")
        or (called == "single" and owner == "InvalidInputError")
        or (called == "problem" and isinstance(func, ast.Attribute))
        or (called == "warn" and owner in {"warnings", ""})
        # A plugin's failure, listed by `iso9001assess plugins` and warned about.
        or (called in {"fail", "add_failed", "_on_failure"} and isinstance(func, ast.Attribute))
    )


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else PLACEHOLDER
            for part in node.values
        )
    return None


def english_sentences(source: str, name: str, error_classes: set[str]) -> list[str]:
    """`line: literal` for every English sentence literal handed to something that shows it to a user: written
    in the call, or reaching it through a local name of the same function (`message = "..."; raise X(message)`)
    or through what a function of the same module returns (`raise X(_reason(value))`)."""
    tree = ast.parse(source)
    returned = {
        function.name: [
            node.value for node in ast.walk(function) if isinstance(node, ast.Return) and node.value
        ]
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    scope_of: dict[int, dict[str, list[ast.expr]]] = {}  # a call's innermost function's local assignments
    for scope in ast.walk(tree):  # ast.walk meets outer functions first: the innermost one wins
        if isinstance(scope, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef):
            assigned = _assignments(scope)
            scope_of.update((id(node), assigned) for node in ast.walk(scope) if isinstance(node, ast.Call))
    found = set()

    def read(expression: ast.expr, scope: dict[str, list[ast.expr]], seen: set[int]) -> None:
        nodes = list(ast.walk(expression))
        # An f-string is read whole: its constant parts are not sentences of their own.
        parts = {id(part) for node in nodes if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in nodes:
            text = _literal_text(node) if isinstance(node, ast.expr) and id(node) not in parts else None
            if isinstance(node, ast.expr) and text is not None and ENGLISH_WORDS.search(text):
                found.add(f"{node.lineno}: {text[:60]!r}")
            for value in _flowing_into(node, scope, returned):
                if id(value) not in seen:
                    seen.add(id(value))
                    read(value, scope, seen)

    # An error of ours that words its own message: `super().__init__(f"...")` in its class.
    own_words = {
        id(node)
        for cls in ast.walk(tree)
        if isinstance(cls, ast.ClassDef) and cls.name in error_classes
        for node in ast.walk(cls)
        if isinstance(node, ast.Call) and _called_name(node.func) == "__init__"
    }
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and (
            id(call) in own_words or _speaks_to_a_user(call, name, error_classes)
        ):
            for argument in [*call.args, *(keyword.value for keyword in call.keywords)]:
                read(argument, scope_of[id(call)], set())
        elif isinstance(call, ast.Call):  # click.option(help=...), @cli.command(help=...)
            for keyword in call.keywords:
                if keyword.arg in HELP_KEYWORDS:
                    read(keyword.value, scope_of[id(call)], set())
    for function in ast.walk(tree):  # def lang_option(help: str = "Language of the output.")
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = function.args
            positional = [*arguments.posonlyargs, *arguments.args]
            pairs = [
                *zip(
                    positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
                ),
                *(
                    (arg, default)
                    for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
                ),
            ]
            for arg, default in pairs:
                if arg.arg in HELP_KEYWORDS and default is not None:
                    read(default, {}, set())
    return sorted(found, key=lambda entry: int(entry.partition(":")[0]))


def _assignments(scope: ast.AST) -> dict[str, list[ast.expr]]:
    assigned: dict[str, list[ast.expr]] = {}
    for statement in ast.walk(scope):
        if isinstance(statement, ast.Assign):
            targets: list[ast.expr] = statement.targets
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign) and statement.value is not None:
            targets = [statement.target]
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                assigned.setdefault(target.id, []).append(statement.value)  # type: ignore[arg-type]
    return assigned


def _flowing_into(
    node: ast.AST, scope: dict[str, list[ast.expr]], returned: dict[str, list[ast.expr]]
) -> list[ast.expr]:
    """The expressions whose value `node` may be: a local name's assignments, a same-module function's returns."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        return scope.get(node.id, [])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return returned.get(node.func.id, [])
    return []


def _package_sources() -> dict[str, str]:
    base = ROOT / "src" / "iso9001assess"
    return {path.relative_to(base).as_posix(): path.read_text("utf-8") for path in sorted(base.rglob("*.py"))}


@functools.cache
def _english_offenders() -> dict[str, list[str]]:
    sources = _package_sources()
    classes = _error_classes({name: ast.parse(source) for name, source in sources.items()})
    found = {name: english_sentences(source, name, classes) for name, source in sources.items()}
    return {name: lines for name, lines in found.items() if lines}


def test_no_english_sentence_reaches_a_user_outside_the_catalogues() -> None:
    offenders = _english_offenders()
    new = {name: lines for name, lines in offenders.items() if name not in NOT_YET_CATALOGUED}
    assert not new, "words to move into the catalogues (said/message):\n" + "\n".join(
        f"{name}:{line}" for name, lines in new.items() for line in lines
    )


def test_the_list_of_files_not_yet_catalogued_only_shrinks() -> None:
    offenders = _english_offenders()
    done = sorted(name for name in NOT_YET_CATALOGUED if name not in offenders)
    assert not done, f"no English sentence left in {done}: take them off NOT_YET_CATALOGUED"
    for name, reason in NOT_YET_CATALOGUED.items():
        assert (ROOT / "src" / "iso9001assess" / name).is_file(), name
        assert len(reason.split()) >= 3, f"say why {name} is listed"


ERRORS = {"Iso9001AssessError", "InvalidInputError", "NotFoundError", "EnvironmentFailure", "PluginError"}


@pytest.mark.parametrize(
    ("snippet", "name"),
    [
        ('click.echo(f"{path}: wrote the report")', "cli.py"),
        ('click.secho("all files are valid", fg="green")', "cli.py"),
        ('echo("nothing to do")', "cli.py"),
        ('status(f"wrote {count} reports")', "commands/plan.py"),
        ('raise EnvironmentFailure(f"cannot write {path}")', "store/store.py"),
        ('raise errors.NotFoundError("checklist", name, known, hint="did you mean")', "catalog.py"),
        ('raise ChapterError("the chapter failed")', "exporters/base.py"),
        ('raise ValueError("must be positive")', "models/answers.py"),
        ('Problem(path, "unknown item", 3, 1)', "loading/answers.py"),
        ('Problem.said(path, "duplicate key " + key)', "loading/documents.py"),
        ('document.problem(path, f"expected a number, got {value!r}")', "loading/answers.py"),
        ('raise InvalidInputError.single(path, "not a workbook")', "loading/xlsx/reader.py"),
        ('warnings.warn("font not found", UserWarning)', "exporters/pdf/fonts.py"),
        ('warn(message="font not found")', "exporters/pdf/fonts.py"),
        ('raise click.BadParameter("not a language")', "commands/options.py"),
        ('raise click.UsageError(f"give either {a} or {b}")', "cli.py"),
        ('raise click.ClickException("it failed")', "cli.py"),
        ('self.fail(info, f"{kind} {name!r} is already registered; ignored")', "plugin_manager/registry.py"),
        ('message = f"cannot open {path}"\nraise EnvironmentFailure(message)', "store/store.py"),
        (
            'def _reason(v):\n    return f"{v} is not a status"\nraise PluginError(_reason(v))',
            "store/store.py",
        ),
        (
            "class ChapterMissing(ChapterError):\n    def __init__(self, name):\n"
            '        super().__init__(f"no chapter named {name!r}")',
            "exporters/base.py",
        ),
        (
            '@click.option("--debug", is_flag=True, help="Show the full traceback of errors.")\ndef f():\n    pass',
            "cli.py",
        ),
        ('@cli.command(help="Score answer files and print the scores.")\ndef score():\n    pass', "cli.py"),
        (
            'STRATEGY = "Scoring strategy (built-in or from a plugin)."\nclick.option("--s", help=STRATEGY)',
            "cli.py",
        ),
        ('def lang_option(help: str = "Language of the output.") -> None:\n    pass', "commands/options.py"),
        ('click.option("--plugin", metavar="MODULE OR PATH", help="cli.help.root.plugins")', "cli.py"),
    ],
)
def test_the_english_scan_catches_each_way_words_reach_a_user(snippet: str, name: str) -> None:
    source = "class ChapterError(PluginError):\n    pass\n" + snippet + "\n"
    tree = ast.parse(source)
    classes = ERRORS | {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    assert english_sentences(source, name, classes), snippet


@pytest.mark.parametrize(
    ("snippet", "name"),
    [
        ('click.echo(message("cli.status.wrote", lang, path=path))', "cli.py"),
        ('raise EnvironmentFailure(said("errors.store.locked", path=path))', "store/store.py"),
        ('click.echo(f"{path}: {reason}")', "cli.py"),  # no word: the catalogue said them
        ("click.echo(json.dumps(document, indent=2))", "cli.py"),
        ('raise TypeError("expected a Checklist")', "api.py"),  # a developer's mistake stays English
        (
            'raise ValueError("not a valid date")',
            "scoring/engine.py",
        ),  # only models/ validators speak to users
        ('logger.warning("plugin %s failed to load", name)', "plugin_manager/registry.py"),
        ("Problem(path, message)", "loading/answers.py"),
        ('click.option("--debug", is_flag=True, help="cli.help.root.debug")', "cli.py"),
        (
            'click.option("--json", help=catalogued("cli.help.option.json", schema="batch"))',
            "commands/options.py",
        ),
        ('click.option("--db", metavar="URL", help="cli.help.option.db")', "commands/options.py"),
    ],
)
def test_the_english_scan_lets_catalogued_and_developer_words_pass(snippet: str, name: str) -> None:
    assert not english_sentences(snippet + "\n", name, ERRORS), snippet
