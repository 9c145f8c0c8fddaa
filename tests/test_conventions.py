"""Packaging and command-line conventions: python -m, help on every option, choices listed, shell completion,
the pre-commit configuration, the questionnaire in its own language, logging through one channel."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
import pytest
import yaml

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess.cli import cli
from iso9001assess.i18n import languages, message
from iso9001assess.plugin_manager import get_registry

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "iso9001assess"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
WITH_MINI = ("--plugin", FIXTURE_PLUGIN)


def every_command(
    group: click.Command = cli, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command of the click group, nested ones included, with its words (``("checklists", "show")``)."""
    found = [(path, group)]
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            found += every_command(command, (*path, name))
    return found


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "iso9001assess", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


# -- packaging ------------------------------------------------------------------------------------------------
def test_python_dash_m_prints_the_installed_version() -> None:
    outcome = run("--version")
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.strip().endswith(version("iso9001assess"))
    assert qa.__version__ == version("iso9001assess")


def test_python_dash_m_runs_a_command_like_the_script() -> None:
    outcome = run(*WITH_MINI, "score", str(MINI_ANSWERS), "--checklist", str(MINI_CHECKLIST), "--lang", "en")
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.startswith(f"{MINI_ANSWERS}: overall 56.3")  # 56.25 rounded half up once


def test_the_package_metadata_names_its_home_and_audience() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {"Homepage", "Documentation", "Source", "Issues", "Changelog"} <= set(project["urls"])
    assert project["authors"]
    assert "Natural Language :: Chinese (Simplified)" in project["classifiers"]
    assert "Typing :: Typed" in project["classifiers"]


def test_the_changelog_follows_keep_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", h) for h in headings[1:]), headings
    for heading in headings:  # every heading is a link defined at the bottom
        assert re.search(rf"^\[{re.escape(heading)}\]: \S+", text, flags=re.MULTILINE), heading
    kinds = set(re.findall(r"^### (\w+)", text, flags=re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kinds


def test_the_pre_commit_configuration_is_valid_and_runs_ruff_and_mypy() -> None:
    config = ROOT / ".pre-commit-config.yaml"
    hooks = [
        hook for repo in yaml.safe_load(config.read_text(encoding="utf-8"))["repos"] for hook in repo["hooks"]
    ]
    entries = " ".join(hook["entry"] for hook in hooks)
    assert "ruff check" in entries and "ruff format" in entries and "mypy" in entries
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (it is in the dev extra)")
    checked = subprocess.run(
        [pre_commit, "validate-config", str(config)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- options --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("words", [words for words, _ in every_command()], ids=" ".join)
def test_every_option_has_help_text(words: tuple[str, ...]) -> None:
    command = dict(every_command())[words]
    assert command.help, f"{' '.join(words) or 'the group'} has no description"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{' '.join(words)} {param.opts[0]} has no help text"


def _help(run_cli: CliRunner, *words: str) -> str:
    outcome = run_cli(*words, "--help")
    assert outcome.code == 0, outcome.err
    return " ".join(outcome.out.split())  # click wraps long lines


def test_help_lists_the_choices_of_lang_strategy_and_format(run_cli: CliRunner) -> None:
    strategies = sorted(get_registry().strategies)
    exporters = sorted(get_registry().exporters)
    assert {"weighted", "flat-unweighted"} <= set(strategies) and {"pdf", "json"} <= set(exporters)
    for words, command in every_command():
        names = {opt for param in command.params for opt in param.opts}
        if not isinstance(command, click.Group) or words == ("checklists",):
            text = _help(run_cli, *words)
            if "--lang" in names:
                assert f"[{'|'.join(languages())}]" in text, words
            if "--strategy" in names:
                assert f"[{'|'.join(strategies)}]" in text, words
    assert f"--format [{'|'.join(exporters)}]" in _help(run_cli, "report")
    assert f"--formats [{'|'.join(exporters)}],..." in _help(run_cli, "batch")
    assert "--format [yaml|xlsx]" in _help(run_cli, "template")
    assert "--format [text|json|pdf]" in _help(run_cli, "compare")
    assert "--format [pdf|csv|json]" in _help(run_cli, "portfolio")
    demo = _help(run_cli, "demo")  # in the reader's language: Chinese by default
    assert "-o, --output 文件夹" in demo and "默认：demo-output" in demo
    demo_en = _help(run_cli, "demo", "--lang", "en")
    assert "-o, --output DIRECTORY" in demo_en and "default: demo-output" in demo_en


def test_a_plugins_strategy_is_listed_in_help(run_cli: CliRunner) -> None:
    # strict-maturity is an installed example plugin: the choices are the registry's, not a fixed list.
    assert "strict-maturity" in get_registry().strategies
    assert "strict-maturity" in _help(run_cli, "score")


@pytest.mark.usefixtures("in_english")
def test_an_unknown_strategy_still_suggests_the_nearest(run_cli: CliRunner) -> None:
    outcome = run_cli("score", MINI_ANSWERS, "--strategy", "weigthed")
    assert outcome.code == 2
    assert "unknown scoring strategy 'weigthed'" in outcome.err and "weighted" in outcome.err


# -- shell completion -----------------------------------------------------------------------------------------
def test_bash_completion_script_and_completed_values() -> None:
    script = run(env={"_ISO9001ASSESS_COMPLETE": "bash_source"})
    assert script.returncode == 0
    assert "_iso9001assess_completion" in script.stdout and "complete " in script.stdout
    words = {"COMP_WORDS": "iso9001assess score a.yaml --strategy f", "COMP_CWORD": "4"}
    completed = run(env={"_ISO9001ASSESS_COMPLETE": "bash_complete", **words})
    assert completed.returncode == 0
    assert "plain,flat-unweighted" in completed.stdout.splitlines()
    commands = run(
        env={"_ISO9001ASSESS_COMPLETE": "bash_complete", "COMP_WORDS": "iso9001assess ch", "COMP_CWORD": "1"}
    )
    assert "plain,checklists" in commands.stdout.splitlines()


# -- the questionnaire in its own language --------------------------------------------------------------------
def test_the_yaml_template_speaks_the_questionnaires_language(tmp_path: Path, run_cli: CliRunner) -> None:
    english, chinese = tmp_path / "en.yaml", tmp_path / "zh.yaml"
    assert run_cli(*WITH_MINI, "template", "mini", "--lang", "en", "-o", english).code == 0
    assert run_cli(*WITH_MINI, "template", "mini", "--lang", "zh", "-o", chinese).code == 0
    english_text = english.read_text(encoding="utf-8")
    assert not CJK.search(english_text), CJK.findall(english_text)  # the mini checklist has English text too
    assert "# Rating scale:" in english_text and "critical" in english_text
    comments = [line for line in chinese.read_text(encoding="utf-8").splitlines() if "#" in line]
    assert "# 评分标准：" in comments
    assert any("关键项" in line for line in comments)  # 4.3-01 is critical
    # Comments carry no English words of the template's own (codes to type and the YAML syntax apart).
    own_words = {"Rating", "scale", "Write", "excludable", "critical", "assessed", "one of", "leave null"}
    assert not any(word in line for line in comments[1:] for word in own_words)


# -- logging --------------------------------------------------------------------------------------------------
def test_verbose_says_what_was_written_and_quiet_says_nothing(tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "r.json"
    args = ("report", MINI_ANSWERS, "--checklist", MINI_CHECKLIST, "-o", out)
    normal = run_cli(*WITH_MINI, *args)
    assert (normal.code, normal.out, normal.err) == (
        0,
        message("cli.status.wrote", "zh", path=out) + "\n",
        "",
    )
    verbose = run_cli(*WITH_MINI, "-v", *args)
    # What was done is said in the command's language (Chinese by default), the level's word too.
    assert f"信息：已写出 {out}（json，zh）" in verbose.err.splitlines()
    english = run_cli(*WITH_MINI, "-v", *args, "--lang", "en")
    assert f"info: wrote {out} (json, en)" in english.err.splitlines()
    hant = run_cli(*WITH_MINI, "-v", *args, "--lang", "zh-Hant")
    assert f"資訊：已寫出 {out}（json，zh-Hant）" in hant.err.splitlines()
    debug = run_cli(*WITH_MINI, "-vv", *args)
    registered = "debug: strategy 'weighted' registered by iso9001assess.strategies ("
    assert any(line.startswith(registered) for line in debug.err.splitlines()), debug.err
    quiet = run_cli(*WITH_MINI, "--quiet", *args)
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    assert out.exists()


@pytest.mark.usefixtures("in_english")
def test_plugin_warnings_go_through_the_log_and_quiet_hides_them(tmp_path: Path) -> None:
    broken = tmp_path / "broken_plugin.py"
    broken.write_text("raise RuntimeError('this plugin is broken')\n", encoding="utf-8")
    loud = run("--plugin", str(broken), "checklists")
    assert loud.returncode == 0
    assert f"warning: plugin {broken}: failed to import: RuntimeError: this plugin is broken" in (
        loud.stderr.splitlines()
    )
    quiet = run("--quiet", "--plugin", str(broken), "checklists")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    assert quiet.stdout == loud.stdout  # results are printed either way


def test_the_library_itself_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    import logging

    capfd.readouterr()
    logging.getLogger("iso9001assess").setLevel(
        logging.DEBUG
    )  # even with every logger open, nothing on screen
    try:
        checklist = qa.load_checklist(MINI_CHECKLIST)
        result = qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist))
        qa.export(result, tmp_path / "mini.json")
        answers_dir = tmp_path / "in"
        answers_dir.mkdir()
        shutil.copy(MINI_ANSWERS, answers_dir / "a.yaml")
        (answers_dir / "bad.yaml").write_text("schema_version: 1\nchecklist: nope\n", encoding="utf-8")
        report = qa.batch(answers_dir, tmp_path / "out", formats=["json"], jobs=1, checklist=MINI_CHECKLIST)
    finally:
        logging.getLogger("iso9001assess").setLevel(logging.NOTSET)
    assert len(report.summaries) == 1 and len(report.failures) == 1
    assert capfd.readouterr() == ("", "")


def _library_modules() -> list[Path]:
    # cli.py and commands/ are the command line: the only code that prints.
    return [
        path
        for path in SOURCE.rglob("*.py")
        if path.name != "cli.py"
        and "commands" not in path.relative_to(SOURCE).parts
        and path.name != "__main__.py"
    ]


def test_no_library_module_prints() -> None:
    offenders = []
    for path in _library_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name in {"print", "click.echo", "click.secho", "sys.stdout.write", "sys.stderr.write"}:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert offenders == []


def test_modules_that_log_use_their_own_named_logger() -> None:
    modules = [*_library_modules(), SOURCE / "cli.py", *(SOURCE / "commands").glob("*.py")]
    logging_modules = 0
    for path in modules:
        text = path.read_text(encoding="utf-8")
        # The root logger (logging.info(...)) cannot be told apart or silenced by a user of the library.
        assert not re.search(r"\blogging\.(debug|info|warning|error|exception|critical|log)\(", text), path
        if re.search(r"^import logging$", text, flags=re.MULTILINE) and "logging.getLogger(__name__)" in text:
            logging_modules += 1
    assert logging_modules >= 3  # plugin_manager, api, programme.batch at least
