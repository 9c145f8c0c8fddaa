"""The Chinese guide: the quick start runs as written, every command and option is documented in English and in
Chinese, and the README sends readers to the Chinese guide first."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from iso9001assess.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ZH = DOCS / "zh"
# A block the quick start runs (``<!-- quickstart:run -->``) or a file it has the reader write as shown
# (``<!-- quickstart:file NAME -->``), each followed by a fenced code block.
MARKED = re.compile(r"<!-- quickstart:(run|file)(?: ([^>]+?))? -->\n```[\w-]*\n(.*?)^```", re.S | re.M)


def english_pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def chinese_pages() -> list[Path]:
    return sorted(ZH.glob("*.md"))


# -- the quick start, step by step ------------------------------------------------------------------------------
def quickstart_steps() -> list[tuple[str, str | None, str]]:
    text = (ZH / "quickstart.md").read_text(encoding="utf-8")
    return [(kind, name, body) for kind, name, body in MARKED.findall(text)]


def test_the_quickstart_marks_its_steps() -> None:
    kinds = [kind for kind, _, _ in quickstart_steps()]
    assert kinds.count("run") >= 6 and kinds.count("file") >= 2
    commands = " ".join(body for kind, _, body in quickstart_steps() if kind == "run")
    for step in ("template", "score", "report", "batch", "compare", "portfolio"):
        assert f"iso9001assess {step}" in commands, step


def test_the_zh_quickstart_runs_as_written(tmp_path: Path) -> None:
    # The installation step (pip install) is the only one not run: this test runs in the installed project.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "ISO9001ASSESS_DISABLE_PLUGINS": "",
    }
    for kind, name, body in quickstart_steps():
        if kind == "file":
            assert name
            (tmp_path / name).write_text(body, encoding="utf-8")
            continue
        ran = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", body],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert ran.returncode == 0, f"{body}\n--- stdout\n{ran.stdout}\n--- stderr\n{ran.stderr}"
    # What the page says the steps leave behind.
    for produced in (
        "问卷.xlsx",
        "acme.yaml",
        "answers.schema.json",
        "acme.pdf",
        "acme-复评.pdf",
        "汇总.pdf",
    ):
        assert (tmp_path / produced).stat().st_size > 0, produced
    reports = tmp_path / "报告"
    assert {"acme.pdf", "acme.json", "summary.csv", "portfolio.pdf"} <= {p.name for p in reports.iterdir()}
    assert not (reports / "errors.txt").exists()


# -- every command and option, in both languages ----------------------------------------------------------------
def commands() -> list[tuple[str, list[list[str]]]]:
    """Every command (``"checklists show"``; the group itself as ``"iso9001assess"``) with its options, each as
    the forms it can be written in (``["-o", "--output"]``; ``["--items", "--no-items"]``)."""
    found = []

    def walk(command: click.Command, words: tuple[str, ...]) -> None:
        options = [
            [*param.opts, *param.secondary_opts]
            for param in command.params
            if isinstance(param, click.Option) and not param.hidden and "--help" not in param.opts
        ]
        found.append((" ".join(words) or "iso9001assess", options))
        if isinstance(command, click.Group):
            for name, child in sorted(command.commands.items()):
                walk(child, (*words, name))

    walk(cli, ())
    return found


def units(pages: list[Path]) -> list[tuple[str, str]]:
    """Each paragraph, table row and code line of the pages, with the headings it sits under."""
    found = []
    for page in pages:
        headings: list[str] = []  # the enclosing headings, outermost first
        for block in re.split(r"\n\s*\n", page.read_text(encoding="utf-8")):
            lines = block.strip().splitlines()
            if lines and re.match(r"#+ ", lines[0]):
                level = len(lines[0]) - len(lines[0].lstrip("#"))
                headings = [*headings[: level - 1], lines[0]]
            heading = " / ".join(headings)
            if block.lstrip().startswith("|") or block.lstrip().startswith("```"):
                found += [(heading, line) for line in lines]
            else:
                found.append((heading, " ".join(lines)))
    return found


def mentioned(command: str, option: list[str] | None, found: list[tuple[str, str]]) -> bool:
    """The command (and one form of the option) named together in one paragraph, table row or code line, or the
    option named under a heading that names the command."""
    last = command.split()[-1]
    names_command = re.compile(rf"(?<![\w-]){re.escape(last)}(?![\w-])")
    names_option = re.compile("|".join(rf"(?<![\w-]){re.escape(form)}(?![\w-])" for form in option or ["-"]))
    for heading, text in found:
        about = bool(names_command.search(text) or names_command.search(heading))
        if option is None:
            if about:
                return True
        elif names_option.search(text) and about:
            return True
    return False


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_command_and_option_is_documented(language: str) -> None:
    found = units(english_pages() if language == "en" else chinese_pages())
    missing = [
        f"{command} {'/'.join(option or [])}".strip()
        for command, options in commands()
        for option in [None, *options]
        if not mentioned(command, option, found)
    ]
    assert missing == [], f"undocumented in the {language} docs: {missing}"


def test_the_check_sees_a_missing_option(tmp_path: Path) -> None:
    page = tmp_path / "cli.md"
    page.write_text("## score\n\n`score --json` prints JSON.\n\n`batch -o DIR`\n", encoding="utf-8")
    found = units([page])
    assert mentioned("score", ["--json"], found) and mentioned("batch", ["-o", "--output"], found)
    assert not mentioned("score", ["--strategy"], found) and not mentioned("batch", ["--json"], found)


# -- the README -------------------------------------------------------------------------------------------------
def test_the_readme_links_the_chinese_guide_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((docs/[^)#]+)", readme)
    assert links[0].startswith("docs/zh/"), links[:3]
    for link in links:
        assert (ROOT / link).exists(), link
