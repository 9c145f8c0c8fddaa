"""A plugin's exporter, strategy or report chapter that fails while it runs — it raises, or calls ``sys.exit`` —
is a clear error naming the plugin and what failed, exit status 3 (the input is fine, the environment — a
plugin — failed), never a traceback, never a half-written file; in ``batch`` the other enterprises and the
other formats are still done, and the failure is listed in errors.txt.

The plugins are real local plugin files (``--plugin path.py``), loaded in worker processes too.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, MINI_ANSWERS
from iso9001assess.i18n import message as catalogue_message

HOSTILE = """
import sys
from iso9001assess import hookimpl
from iso9001assess.scoring import WeightedStrategy


class Exporter:
    suffixes = (".bad",)

    def export(self, result, out, options):
        out.write(b"half a report")
        if result.enterprise.name.startswith("Beta"):
            {how}


class Strategy(WeightedStrategy):
    name = "fragile"

    def score(self, checklist, answers):
        if answers.enterprise.name.startswith("Beta"):
            {how}
        return super().score(checklist, answers)


class Chapter:
    def build(self, report):
        if report.result.enterprise.name.startswith("Beta"):
            {how}
        return []


@hookimpl
def register_exporters(register):
    register("bad", Exporter())


@hookimpl
def register_scoring_strategies(register):
    register("fragile", Strategy())


@hookimpl
def register_report_chapters(register):
    register("fragile-note", Chapter())
"""
FAILURES = {
    "raises": ("raise ValueError('no template')", "ValueError: no template"),
    "exits": ("sys.exit(7)", "called sys.exit(7)"),
}


def _plugin(tmp_path: Path, how: str) -> Path:
    path = tmp_path / f"hostile_{how}.py"
    path.write_text(textwrap.dedent(HOSTILE).replace("{how}", FAILURES[how][0]), encoding="utf-8")
    return path


def _answers(folder: Path, stem: str, name: str) -> Path:
    document = yaml.safe_load(MINI_ANSWERS.read_text(encoding="utf-8"))
    document["enterprise"]["name"] = name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("how", sorted(FAILURES))
def test_an_exporter_that_fails_is_named_exit_3_and_writes_nothing(
    tmp_path: Path, run_cli: CliRunner, how: str
) -> None:
    plugin = _plugin(tmp_path, how)
    beta = _answers(tmp_path / "in", "beta", "Beta Ltd")
    out = tmp_path / "out"
    outcome = run_cli("--plugin", FIXTURE_PLUGIN, "--plugin", plugin, "report", beta, "-o", out / "beta.bad")
    assert outcome.code == 3
    assert outcome.err.strip().splitlines() == [
        f"error: plugin {plugin}: exporter 'bad' failed: {FAILURES[how][1]}"
    ]
    assert _leftovers(out) == []  # not the half report, not its temporary file
    # The same plugin's exporter works for an enterprise it does not fail on.
    acme = _answers(tmp_path / "in", "acme", "Acme Ltd")
    fine = run_cli("--plugin", FIXTURE_PLUGIN, "--plugin", plugin, "report", acme, "-o", out / "acme.bad")
    assert fine.code == 0 and (out / "acme.bad").read_bytes() == b"half a report"


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("how", sorted(FAILURES))
def test_a_strategy_that_fails_is_named_exit_3(tmp_path: Path, run_cli: CliRunner, how: str) -> None:
    plugin = _plugin(tmp_path, how)
    beta = _answers(tmp_path / "in", "beta", "Beta Ltd")
    outcome = run_cli("--plugin", FIXTURE_PLUGIN, "--plugin", plugin, "score", beta, "--strategy", "fragile")
    assert outcome.code == 3
    assert f"error: plugin {plugin}: scoring strategy 'fragile' failed: {FAILURES[how][1]}" in outcome.err
    assert "Traceback" not in outcome.err and outcome.out == ""


@pytest.mark.usefixtures("in_english")
def test_a_report_chapter_that_fails_is_named_exit_3_and_writes_no_pdf(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    plugin = _plugin(tmp_path, "exits")
    beta = _answers(tmp_path / "in", "beta", "Beta Ltd")
    out = tmp_path / "out"
    outcome = run_cli("--plugin", FIXTURE_PLUGIN, "--plugin", plugin, "report", beta, "-o", out / "beta.pdf")
    assert outcome.code == 3
    assert f"error: plugin {plugin}: report chapter 'fragile-note' failed: called sys.exit(7)" in outcome.err
    assert _leftovers(out) == []


def test_debug_shows_the_plugins_own_traceback(tmp_path: Path, run_cli: CliRunner) -> None:
    plugin = _plugin(tmp_path, "raises")
    beta = _answers(tmp_path / "in", "beta", "Beta Ltd")
    with pytest.raises(Exception, match="exporter 'bad' failed") as raised:
        run_cli(
            "--debug",
            "--plugin",
            FIXTURE_PLUGIN,
            "--plugin",
            plugin,
            "report",
            beta,
            "-o",
            tmp_path / "b.bad",
        )
    assert isinstance(raised.value.__cause__, ValueError)


@pytest.mark.parametrize("how", sorted(FAILURES))
@pytest.mark.usefixtures("in_english")
def test_batch_goes_on_past_a_failing_exporter_and_lists_it(
    tmp_path: Path, run_cli: CliRunner, how: str
) -> None:
    plugin = _plugin(tmp_path, how)
    folder = tmp_path / "in"
    for stem, name in (("acme", "Acme Ltd"), ("beta", "Beta Ltd"), ("gamma", "Gamma Ltd")):
        _answers(folder, stem, name)
    out = tmp_path / "out"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "--plugin", plugin,
        "batch", folder, "-o", out, "--formats", "json,bad", "--jobs", "2", "--portfolio-formats", "json", "--json",
    )  # fmt: skip
    assert outcome.code == 3
    message = f"plugin {plugin}: exporter 'bad' failed: {FAILURES[how][1]}"
    # Every enterprise diagnosed; Beta has its JSON report, and no file at all of the failed format.
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "acme.bad", "acme.json", "beta.json", "errors.txt", "gamma.bad", "gamma.json", "portfolio.json",
        "summary.csv",
    ]  # fmt: skip
    assert not list(out.glob(".*.part"))
    errors = (out / "errors.txt").read_text(encoding="utf-8").splitlines()
    assert errors == [f"{folder / 'beta.yaml'}: {message}"]
    document = json.loads(outcome.out)
    assert [entry["source"] for entry in document["diagnosed"]] == ["acme", "beta", "gamma"]
    assert document["failed"] == []
    assert document["plugin_failed"][0]["problems"][0]["message"] == message
    assert (
        catalogue_message("cli.status.plugin_failed_inputs", "zh", count=1, path=out / "errors.txt")
        not in outcome.err
    )  # --json
    assert f"{folder / 'beta.yaml'}: {message}" in outcome.err


def test_batch_goes_on_past_a_failing_strategy_and_lists_it(tmp_path: Path, run_cli: CliRunner) -> None:
    plugin = _plugin(tmp_path, "exits")
    folder = tmp_path / "in"
    for stem, name in (("acme", "Acme Ltd"), ("beta", "Beta Ltd")):
        _answers(folder, stem, name)
    out = tmp_path / "out"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "--plugin", plugin,
        "batch", folder, "-o", out, "--formats", "json", "--jobs", "1", "--strategy", "fragile",
        "--portfolio-formats", "json",
    )  # fmt: skip
    assert outcome.code == 3
    # In the command's language (Chinese by default), the plugin named as it is.
    message = f"插件 {plugin}：评分策略 'fragile' 运行失败：调用了 sys.exit(7)"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "acme.json",
        "errors.txt",
        "portfolio.json",
        "summary.csv",
    ]
    assert (out / "errors.txt").read_text(encoding="utf-8") == f"{folder / 'beta.yaml'}: {message}\n"
    assert "2 个答卷文件中 1 个已诊断" in outcome.out
    assert (
        catalogue_message("cli.status.plugin_failed_inputs", "zh", count=1, path=out / "errors.txt")
        in outcome.err
    )
    assert "bad input" not in outcome.err  # the input is fine


@pytest.mark.usefixtures("in_english")
def test_portfolio_stops_at_a_failing_strategy_exit_3_and_writes_nothing(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    plugin = _plugin(tmp_path, "raises")
    folder = tmp_path / "in"
    for stem, name in (("acme", "Acme Ltd"), ("beta", "Beta Ltd")):
        _answers(folder, stem, name)
    out = tmp_path / "out" / "portfolio.json"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "--plugin", plugin,
        "portfolio", folder, "-o", out, "--strategy", "fragile", "--jobs", "1",
    )  # fmt: skip
    # Every file would fail the same way: the run stops, as for any failure of the environment.
    assert outcome.code == 3
    message = f"plugin {plugin}: scoring strategy 'fragile' failed: ValueError: no template"
    assert f"error: {folder / 'beta.yaml'}: {message}" in outcome.err
    assert "bad input" not in outcome.err
    assert not out.parent.exists() or _leftovers(out.parent) == []
