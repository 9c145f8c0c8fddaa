"""The html-summary exporter: the page is read back and its cells compared with the result."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import iso9001assess_html_summary as plugin
import pytest
from click.testing import CliRunner

import iso9001assess as qa
from iso9001assess.cli import cli
from iso9001assess.plugin import PluginRegistry, answers_for, plugin_registry

SMALL = Path(__file__).with_name("small-checklist.yaml")


class _Cells(HTMLParser):
    """The text of every table cell and heading, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th", "h1", "h2", "title"):
            self.cells.append("")
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.cells[-1] += data


def _cells(path: Path) -> list[str]:
    parser = _Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.cells


@pytest.fixture
def registry() -> Iterator[PluginRegistry]:
    with plugin_registry(plugin) as isolated:
        yield isolated


@pytest.fixture
def result(registry: PluginRegistry) -> qa.Result:
    checklist = qa.load_checklist(SMALL)
    ratings = {"4-01": 4, "4-02": 1, "7-01": 2, "7-02": 3, "LAB-01": 2}
    return qa.score(checklist, answers_for(checklist, ratings, name="A & B <Electronics> Co."))


def test_english_page(result: qa.Result, tmp_path: Path) -> None:
    out = qa.export(result, tmp_path / "acme.html", lang="en")  # chosen by the suffix
    cells = _cells(out)
    # overall = 100 x (1 + 0.25 + 2 x 0.5 + 0.75) / 5 = 60; clause 4 = 62.5; clause 7 = 58.33; lab = 50.
    assert cells[:3] == [
        "A & B <Electronics> Co.: Executive summary",
        "A & B <Electronics> Co.",
        "Executive summary",
    ]
    facts = dict(zip(cells[3:19:2], cells[4:20:2], strict=True))
    assert facts["QMS overall score"] == "60.0"
    assert facts["Maturity level"] == "4"
    assert facts["Readiness for certification"] == "Not ready"  # the words of every output
    assert facts["Lab capability index"] == "50.0"
    assert facts["Findings"] == "Major nonconformity 1; Minor nonconformity 0; Observation 2"
    assert facts["Checklist"] == "Small checklist (small 1)"
    clauses = cells[cells.index("Scores by clause") + 3 : cells.index("Top improvement actions")]
    assert clauses == ["4 Context", "62.5", "7 Support", "58.3", "LAB Laboratory", "50.0"]
    actions = cells[cells.index("Top improvement actions") + 4 :]
    assert actions[:3] == ["4-02", "High", "Put in place: Quality policy"]  # major: the most impact
    assert [actions[i] for i in range(0, len(actions), 3)] == [a.item_id for a in result.actions]


def test_user_text_is_escaped_and_chinese_labels_are_used(result: qa.Result, tmp_path: Path) -> None:
    out = qa.export(result, tmp_path / "acme.html", lang="zh")
    raw = out.read_text(encoding="utf-8")
    assert "A &amp; B &lt;Electronics&gt; Co." in raw and "<Electronics>" not in raw
    cells = _cells(out)
    assert "质量管理体系总分" in cells and "暂不具备认证条件" in cells and "4 组织环境" in cells
    assert '<html lang="zh-CN">' in raw


def test_the_command_line_writes_the_page(tmp_path: Path) -> None:
    answers = tmp_path / "acme.yaml"
    answers.write_text(
        "schema_version: 1\nchecklist: small\nenterprise: {name: Acme}\nanswers: {4-01: 4, 4-02: 4, 7-01: 4, 7-02: 4}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "acme.html"
    with plugin_registry(installed=True) as registry:
        info = registry.plugins["html-summary"]
        assert (info.distribution, info.failures) == ("iso9001assess-html-summary", [])
        outcome = CliRunner().invoke(
            cli, ["report", str(answers), "-o", str(out), "--lang", "en", "--checklist", str(SMALL)]
        )
    assert outcome.exit_code == 0, outcome.output
    facts = _cells(out)
    assert facts[facts.index("QMS overall score") + 1] == "100.0"
    # LAB-01 unanswered is not assessed (no finding), and readiness looks at the QMS items only
    assert facts[facts.index("Readiness for certification") + 1] == "Ready"
    assert [p.name for p in out.parent.iterdir()] == ["acme.html"]  # no temporary file left behind
