"""Every hook of hookspecs.py, exercised through an inline plugin as docs/plugins.md describes it.

tests/test_plugin_docs.py fails when a hook has no test here named ``test_hook_<hook name>...``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner

import iso9001assess as qa
from iso9001assess import hookimpl
from iso9001assess.cli import cli
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.i18n import message
from iso9001assess.loading import read_checklist_file
from iso9001assess.models.base import LocalizedText
from iso9001assess.plugin_manager import PluginWarning
from iso9001assess.scoring import WeightedStrategy
from iso9001assess.testing import answers_for, plugin_registry

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"
MINI_ANSWERS = FIXTURES / "mini-answers.yaml"

OVERLAY = """\
schema_version: 1
id: mini-plus
version: "2"
title: {zh: 补充, en: Mini plus}
extends: mini
add:
  - under: "4.1"
    items:
      - id: "4.1-P1"
        text: {zh: 行业补充条款, en: Industry item}
        weight: 4
modify:
  "4.1-01": {critical: true}
"""


class MiniChecklists:
    """Registers the mini checklist by path and an overlay on it as a model object."""

    @hookimpl
    def register_checklists(self, register: Callable[[Any], None]) -> None:
        register(MINI)
        register(qa.Overlay.model_validate({**_overlay_data(), "id": "mini-plus-object"}))


def _overlay_data() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(OVERLAY)
    return data


def test_hook_register_checklists_by_path_and_by_object(tmp_path: Path) -> None:
    overlay_file = tmp_path / "mini-plus.yaml"
    overlay_file.write_text(OVERLAY, encoding="utf-8")

    class FromFile:
        @hookimpl
        def register_checklists(self, register: Callable[[Any], None]) -> None:
            register(str(overlay_file))  # a str path is accepted like a Path
            register(read_checklist_file(MINI).model_copy(update={"id": "mini-copy"}))  # a Checklist

    with plugin_registry(MiniChecklists(), FromFile()) as registry:
        plus = qa.load_checklist("mini-plus")  # registered files are parsed on first use, all at once
        assert registry.plugins["MiniChecklists"].registered == {"checklist": ["mini", "mini-plus-object"]}
        assert registry.plugins["FromFile"].registered == {"checklist": ["mini-plus", "mini-copy"]}
        assert plus.items_by_id["4.1-P1"].weight == 4 and plus.items_by_id["4.1-01"].critical
        assert qa.load_checklist("mini-plus-object").items_by_id.keys() == plus.items_by_id.keys()
        assert registry.checklists.entries()["mini-plus"].source == str(overlay_file)
        # The registered overlay scores like any checklist: 4.1-P1 (weight 4) left unanswered is not assessed.
        result = qa.score(plus, answers_for(plus, {"4.1-P1": None}, default=4))
        assert result.item("4.1-P1").status == "unanswered"
        assert "4.1-P1" not in [f.item_id for f in result.findings]
        assert result.overall.score == 100.0  # every other item at 4; 4.1-P1 is in neither sum
        listed = CliRunner().invoke(cli, ["checklists", "--lang", "en"])
    assert "mini-plus\t2\tMini plus (extends mini)\t[FromFile]" in listed.output.splitlines()


def test_hook_register_checklists_rejects_what_it_cannot_use() -> None:
    class Careless:
        @hookimpl
        def register_checklists(self, register: Callable[[Any], None]) -> None:
            register(MINI)
            register({"id": "a-dict"})

    with (
        pytest.warns(
            PluginWarning, match=r"register\(\) takes a file path, a Checklist or an Overlay, got dict"
        ),
        plugin_registry(Careless()) as registry,
    ):
        assert "mini" not in registry.checklists.ids()  # the failed hook call registered nothing


class HalfMarks(WeightedStrategy):
    """A strategy that counts every answered item as half done, to be told apart from ``weighted``."""

    name = "half-marks"

    def describe(self) -> LocalizedText:
        return {"en": "Every answered item scores 0.5.", "zh": "每个已答条款记 0.5 分。"}

    def evaluate(self, checklist: qa.Checklist, answers: qa.Answers) -> list[Any]:
        return [
            e if e.score is None or e.status != "answered" else type(e)(**{**e.__dict__, "score": 0.5})
            for e in super().evaluate(checklist, answers)
        ]


def test_hook_register_scoring_strategies() -> None:
    class Strategies:
        @hookimpl
        def register_scoring_strategies(self, register: Callable[[str, Any], None]) -> None:
            register("half-marks", HalfMarks())

    with plugin_registry(Strategies(), MiniChecklists()) as registry:
        assert registry.plugins["Strategies"].hooks == ["register_scoring_strategies"]
        assert qa.get_strategy("half-marks").describe() == HalfMarks().describe()
        checklist = qa.load_checklist("mini")
        result = qa.score(checklist, answers_for(checklist, default=4), "half-marks")
        assert (result.strategy, result.overall.score) == ("half-marks", 50.0)
        assert result.method == {"en": "Every answered item scores 0.5.", "zh": "每个已答条款记 0.5 分。"}
        outcome = CliRunner().invoke(cli, ["score", str(MINI_ANSWERS), "--strategy", "half-marks", "--json"])
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(outcome.output)["strategy"] == "half-marks"


class Plain:
    """An exporter of the overall score as one line of text."""

    suffixes = (".txt",)

    def export(self, result: qa.Result, out: IO[bytes], options: ExportOptions) -> None:
        name = result.enterprise.name
        out.write(f"{name}: {result.overall.score} ({options.lang}, {dict(options.extra)})\n".encode())


def test_hook_register_exporters(tmp_path: Path) -> None:
    class Exporters:
        @hookimpl
        def register_exporters(self, register: Callable[[str, Any], None]) -> None:
            register("plain", Plain())

    with plugin_registry(Exporters(), MiniChecklists()) as registry:
        assert registry.plugins["Exporters"].registered == {"exporter": ["plain"]}
        checklist = qa.load_checklist("mini")
        result = qa.score(checklist, answers_for(checklist, default=2, name="Acme"))
        by_suffix = qa.export(result, tmp_path / "acme.txt", lang="en", colour="none")
        by_name = qa.export(result, tmp_path / "acme.out", format="plain")
        outcome = CliRunner().invoke(cli, ["report", str(MINI_ANSWERS), "-o", str(tmp_path / "cli.txt")])
    assert by_suffix.read_text() == "Acme: 50.0 (en, {'colour': 'none'})\n"
    assert by_name.read_text() == "Acme: 50.0 (zh, {})\n"
    assert outcome.exit_code == 0, outcome.output
    assert (tmp_path / "cli.txt").read_text().startswith("广州")  # the fixture's enterprise


def test_hook_register_exporters_failure_leaves_no_file(tmp_path: Path) -> None:
    class Failing(Plain):
        def export(self, result: qa.Result, out: IO[bytes], options: ExportOptions) -> None:
            out.write(b"half")
            raise RuntimeError("disk full")

    class Exporters:
        @hookimpl
        def register_exporters(self, register: Callable[[str, Any], None]) -> None:
            register("failing", Failing())

    with plugin_registry(Exporters(), MiniChecklists()):
        checklist = qa.load_checklist("mini")
        result = qa.score(checklist, answers_for(checklist, default=2))
        with pytest.raises(qa.PluginError) as raised:
            qa.export(result, tmp_path / "out.txt", format="failing")
    # The plugin and its exporter are named; the exporter's own exception is kept as the cause (--debug).
    assert str(raised.value) == "plugin Exporters: exporter 'failing' failed: RuntimeError: disk full"
    assert isinstance(raised.value.__cause__, RuntimeError)
    assert list(tmp_path.iterdir()) == []  # written whole or not at all


class Note:
    """A chapter: a heading and one line, after the chapter it names."""

    def __init__(self, title: str, after: str | None = None) -> None:
        self.title, self.after = title, after

    def build(self, report: Any) -> list[Any]:
        return [
            report.chapter_break(),
            report.text(self.title, report.styles.h1),
            report.text("chapter text"),
        ]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_hook_register_report_chapters(tmp_path: Path) -> None:
    class Chapters:
        @hookimpl
        def register_report_chapters(self, register: Callable[[str, Any], None]) -> None:
            register("benchmarks", Note("Benchmark programme", after="findings"))
            register("closing", Note("Closing words"))  # no place named: before the appendix
            register("overview", Note("Scores in a sentence"))  # a built-in chapter, replaced in place

    with plugin_registry(Chapters(), MiniChecklists()) as registry:
        assert registry.plugins["Chapters"].registered == {"chapter": ["benchmarks", "closing", "overview"]}
        checklist = qa.load_checklist("mini")
        result = qa.score(checklist, answers_for(checklist, default=1, name="Acme"))
        text = pdf_text(qa.export(result, tmp_path / "acme.pdf", lang="en", font="cid"))
    order = [
        "Summary for the general manager",
        "Scores in a sentence",
        "Findings by clause",
        "Benchmark programme",
        "Laboratory and inspection",
        "Improvement plan",
        "Closing words",
        "Appendix",
    ]
    positions = [text.index(title) for title in order]
    assert positions == sorted(positions)
    assert "Scores by clause" not in text  # the replaced chapter is gone


def test_hook_register_report_chapters_refuses_what_it_cannot_build() -> None:
    class Chapters:
        @hookimpl
        def register_report_chapters(self, register: Callable[[str, Any], None]) -> None:
            register("good", Note("Fine"))
            register("bad", Note)  # a class, not an instance

    warned = pytest.warns(PluginWarning, match="report chapter 'bad' must be an object with a build")
    with warned, plugin_registry(Chapters()) as registry:
        assert registry.chapters == {}  # the hook call failed: nothing it registered is kept
        assert registry.plugins["Chapters"].failures


class _MessagesPlugin:
    @hookimpl
    def register_messages(self, register):  # type: ignore[no-untyped-def]
        register({"acme.greeting": {"en": "Hello {name}", "zh": "你好，{name}"}})


class _RedefiningPlugin:
    @hookimpl
    def register_messages(self, register):  # type: ignore[no-untyped-def]
        register({"vocab.yes": {"en": "Yep"}})


def test_hook_register_messages_brings_a_plugins_words_and_cannot_redefine_the_packages() -> None:
    with (
        pytest.warns(UserWarning, match="already defined by iso9001assess"),
        plugin_registry(
            _MessagesPlugin(),
            _RedefiningPlugin(),
            builtins=False,
            names={0: "acme-messages", 1: "redefining"},
        ) as registry,
    ):
        registry.run_hooks()
        failures = {info.name: info.failures for info in registry.plugins.values()}
        assert message("acme.greeting", "zh", name="张三") == "你好，张三"
        assert message("acme.greeting", "en", name="Ann") == "Hello Ann"
        assert message("vocab.yes", "en") == "Yes"
    assert any("already defined by iso9001assess" in failure for failure in failures["redefining"])
    assert not failures["acme-messages"]
    # The words live as long as the registry that brought them: once it is gone, so are they.
    with pytest.raises(KeyError):
        message("acme.greeting", "en")


def test_hook_register_messages_a_key_another_plugin_defined_is_refused() -> None:
    class Copycat:
        @hookimpl
        def register_messages(self, register):  # type: ignore[no-untyped-def]
            register({"acme.greeting": {"en": "Howdy {name}"}, "copycat.only": {"en": "mine"}})

    with (
        pytest.warns(UserWarning, match="acme.greeting: already defined by acme-messages"),
        plugin_registry(_MessagesPlugin(), Copycat(), builtins=False, names={0: "acme-messages"}) as registry,
    ):
        assert message("acme.greeting", "en", name="Ann") == "Hello Ann"  # the first plugin keeps its key
        with pytest.raises(KeyError):
            message("copycat.only", "en")  # all or none: nothing of the refused call is kept
        assert registry.plugins["Copycat"].registered == {}
