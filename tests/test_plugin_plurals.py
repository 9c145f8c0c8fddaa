"""A plugin's counted messages: ``register_messages`` takes plural forms in the same shape as the package's
catalogues (English one/other, Chinese one form), through a real plugin file loaded with ``--plugin``; a
malformed counted entry fails the plugin with the key and the language named, and keeps none of its words."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.i18n import message
from iso9001assess.plugin_manager import PluginWarning
from iso9001assess.testing import plugin_registry

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "gz-electronics-baseline.yaml"

# An exporter that writes what the plugin's counted entries say for the result's findings and actions.
PLUGIN = """
from iso9001assess import hookimpl
from iso9001assess.plugin import message


class CountsExporter:
    suffixes = (".counts",)

    def export(self, result, out, options):
        lines = [
            message("acme.findings", options.lang, count=len(result.findings)),
            message("acme.actions", options.lang, count=len(result.actions)),
            message("acme.actions", options.lang, count=1),
            message("acme.actions", options.lang),
        ]
        out.write(("\\n".join(lines) + "\\n").encode("utf-8"))


@hookimpl
def register_messages(register):
    register(
        {
            "acme.findings": {
                "en": {"one": "{count} finding to close", "other": "{count} findings to close"},
                "zh": {"other": "待关闭发现项 {count} 项"},
            },
            "acme.actions": {
                "en": {"one": "one action", "other": "{count} actions"},
                "zh": "改进措施 {count} 项",
            },
        }
    )


@hookimpl
def register_exporters(register):
    register("counts", CountsExporter())
"""


def _plugin(tmp_path: Path, source: str, name: str = "acme_counts.py") -> Path:
    path = tmp_path / name
    path.write_text(source, "utf-8")
    return path


def test_a_plugin_file_gives_counted_messages_in_each_languages_forms(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    plugin = _plugin(tmp_path, PLUGIN)
    score = run_cli("--plugin", plugin, "score", SAMPLE, "--json")
    assert score.code == 0, score.err
    scored = json.loads(score.out)
    result = scored[0] if isinstance(scored, list) else scored
    findings, actions = len(result["findings"]), len(result["actions"])
    assert findings > 1 and actions > 1  # so that English takes its "other" form below

    out_en = tmp_path / "en.counts"
    done = run_cli("--plugin", plugin, "report", SAMPLE, "-o", out_en, "--lang", "en")
    assert done.code == 0, done.err
    assert out_en.read_text("utf-8").splitlines() == [
        f"{findings} findings to close",
        f"{actions} actions",
        "one action",  # count=1: the "one" form
        "{count} actions",  # no count: the "other" form, unfilled
    ]
    out_zh = tmp_path / "zh.counts"
    assert run_cli("--plugin", plugin, "report", SAMPLE, "-o", out_zh, "--lang", "zh").code == 0
    assert out_zh.read_text("utf-8").splitlines() == [
        f"待关闭发现项 {findings} 项",
        f"改进措施 {actions} 项",
        "改进措施 1 项",  # Chinese has one form: a plain text serves every count
        "改进措施 {count} 项",
    ]
    # zh-Hant has none of the plugin's words: it borrows the Chinese ones, in their (only) form.
    out_hant = tmp_path / "hant.counts"
    assert run_cli("--plugin", plugin, "report", SAMPLE, "-o", out_hant, "--lang", "zh-Hant").code == 0
    assert out_hant.read_text("utf-8").splitlines()[0] == f"待关闭发现项 {findings} 项"


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ('{"en": {"one": "{count} audit"}}', "acme.audits [en]: a counted entry needs its 'other' form"),
        (
            '{"en": {"one": "{count} audit", "other": "{count} audits"}, "zh": {"one": "x", "other": "共 {count} 次"}}',
            "acme.audits [zh]: 'one' is not a plural form of this language (its forms: other)",
        ),
        (
            '{"en": {"one": "{count} audit", "few": "{count} audits", "other": "{count} audits"}}',
            "acme.audits [en]: 'few' is not a plural form of this language (its forms: one, other)",
        ),
        (
            '{"en": {"one": 1, "other": "{count} audits"}}',
            "acme.audits [en]: a text is a string, or for a counted",
        ),
    ],
)
def test_a_malformed_counted_entry_fails_the_plugin_by_key_and_language(
    tmp_path: Path, entry: str, reason: str
) -> None:
    source = (
        "from iso9001assess import hookimpl\n\n\n@hookimpl\ndef register_messages(register):\n"
        f'    register({{"acme.fine": {{"en": "fine"}}}})\n'
        f'    register({{"acme.audits": {entry}}})\n'
    )
    plugin = _plugin(tmp_path, source, "acme_bad.py")
    # A real process (the command line turns a plugin's warning into a line on stderr).
    command = [sys.executable, "-c", "from iso9001assess.cli import main; main()"]
    listed = subprocess.run(
        [*command, "--plugin", str(plugin), "plugins", "--json"], capture_output=True, text=True, check=False
    )
    assert listed.returncode == 0, listed.stderr  # a failed plugin is reported; the command still works
    assert reason in listed.stderr  # warned about, named
    assert "Traceback" not in listed.stderr
    failures = {entry["name"]: entry["failures"] for entry in json.loads(listed.stdout)}
    assert any(reason in failure for failure in failures[str(plugin)]), failures
    # The refused entry is not kept: loaded in a registry of its own, the plugin brings no acme.audits.
    spec = importlib.util.spec_from_file_location("acme_bad", plugin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with (
        pytest.warns(PluginWarning, match="acme.audits"),
        plugin_registry(module, builtins=False) as registry,
    ):
        registry.run_hooks()
        with pytest.raises(KeyError):
            message("acme.audits", "en", count=2)
