"""Failure isolation: each way a plugin can fail is named (plugin and distribution) and the rest keeps working.

The plugins here are real installed distributions: a ``*.dist-info`` with METADATA and entry_points.txt and a
module, in a directory put on sys.path, found by importlib.metadata exactly as pip-installed ones are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import iso9001assess as qa
from iso9001assess.cli import cli
from iso9001assess.plugin_manager import (
    DISABLE_ENV,
    PLUGINS_ENV,
    PluginRegistry,
    PluginWarning,
    build_registry,
    swap_registry,
)

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"

GOOD_OVERLAY = """\
schema_version: 1
id: good-pack
version: "1.0"
title: {zh: 良好的补充表, en: Good pack}
extends: mini
modify:
  "4.1-01": {weight: 5}
"""

MakeDist = Callable[..., Path]


@pytest.fixture
def make_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeDist]:
    """Install a distribution into a fresh site directory: name, version, entry points and module sources."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    created: list[str] = []

    def make(name: str, version: str, entry_points: dict[str, str], modules: dict[str, str]) -> Path:
        info = site / f"{name.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        lines = "".join(f"{ep} = {target}\n" for ep, target in entry_points.items())
        (info / "entry_points.txt").write_text(f"[iso9001assess]\n{lines}")
        for module, source in modules.items():
            (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            created.append(module)
        return site

    yield make
    for module in created:
        sys.modules.pop(module, None)


def _good_pack(make_dist: MakeDist) -> None:
    """A healthy plugin that registers the mini checklist and an overlay on it."""
    site = make_dist(
        "iso9001assess-goodpack",
        "1.0",
        {"goodpack": "goodpack_plugin"},
        {
            "goodpack_plugin": f"""
                from pathlib import Path
                from iso9001assess import hookimpl

                @hookimpl
                def register_checklists(register):
                    register(Path({str(MINI)!r}))
                    register(Path(__file__).with_name("good-pack.yaml"))
            """
        },
    )
    (site / "good-pack.yaml").write_text(GOOD_OVERLAY, encoding="utf-8")


def _broken(make_dist: MakeDist, name: str = "broken", message: str = "boom") -> None:
    """An installed plugin (distribution iso9001assess-NAME 0.3) that raises RuntimeError(message) at import."""
    make_dist(
        f"iso9001assess-{name}",
        "0.3",
        {name: f"{name}_plugin"},
        {f"{name}_plugin": f"raise RuntimeError({message!r})\n"},
    )


def _assert_the_rest_works(registry: PluginRegistry) -> None:
    """Built-ins and the healthy plugin are untouched by the failing one."""
    assert registry.plugins["goodpack"].failures == []
    assert registry.checklists.get("good-pack").items_by_id["4.1-01"].weight == 5
    assert registry.checklists.get("iso9001-2015").id == "iso9001-2015"
    assert {"weighted", "flat-unweighted"} <= set(registry.strategies)
    assert "json" in registry.exporters


def _failures(registry: PluginRegistry, name: str) -> list[str]:
    return registry.plugins[name].failures


def test_a_plugin_that_fails_to_import(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    _broken(make_dist, message="no licence file")
    with pytest.warns(
        PluginWarning,
        match=r"plugin broken \(iso9001assess-broken 0\.3\): failed to import broken_plugin: RuntimeError: no licence file",
    ):
        registry = build_registry()
    info = registry.plugins["broken"]
    assert (info.distribution, info.version, info.hooks) == ("iso9001assess-broken", "0.3", [])
    _assert_the_rest_works(registry)


def test_a_hook_that_raises_keeps_nothing_it_registered(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    source = """
        from iso9001assess import hookimpl
        from iso9001assess.scoring import WeightedStrategy

        @hookimpl
        def register_scoring_strategies(register):
            register("half-done", WeightedStrategy())
            raise KeyError("settings")

        @hookimpl
        def register_exporters(register):
            register("never", object())
    """
    make_dist("iso9001assess-raiser", "2.0", {"raiser": "raiser_plugin"}, {"raiser_plugin": source})
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry()
    messages = [str(w.message) for w in caught]
    assert any(
        m.startswith("plugin raiser (iso9001assess-raiser 2.0): register_scoring_strategies raised KeyError")
        for m in messages
    )
    assert any(
        "register_exporters raised TypeError: exporter 'never' must be an object with an export" in m
        for m in messages
    )
    assert "half-done" not in registry.strategies and "never" not in registry.exporters
    assert registry.plugins["raiser"].registered == {}
    assert registry.plugins["raiser"].hooks == ["register_exporters", "register_scoring_strategies"]
    _assert_the_rest_works(registry)


def test_duplicate_ids_and_names_keep_the_first(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    source = f"""
        from pathlib import Path
        from iso9001assess import hookimpl
        from iso9001assess.scoring import FlatUnweightedStrategy

        @hookimpl
        def register_checklists(register):
            register(Path({str(MINI)!r}))

        @hookimpl
        def register_scoring_strategies(register):
            register("weighted", FlatUnweightedStrategy())
            register("copycat-flat", FlatUnweightedStrategy())
    """
    # Installed plugins load in the order of their distribution names: goodpack before zz-copycat.
    make_dist("iso9001assess-zz-copycat", "0.1", {"copycat": "copycat_plugin"}, {"copycat_plugin": source})
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry()
        registry.checklists.ids()
    messages = sorted(str(w.message) for w in caught)
    assert messages == [
        "plugin copycat (iso9001assess-zz-copycat 0.1): checklist 'mini' "
        f"({MINI}) is already registered by goodpack (iso9001assess-goodpack 1.0); ignored",
        "plugin copycat (iso9001assess-zz-copycat 0.1): strategy 'weighted' is already registered by "
        f"iso9001assess.strategies (iso9001assess {qa.__version__}); ignored",
    ]
    assert type(registry.strategies["weighted"].value).__name__ == "WeightedStrategy"
    assert registry.plugins["copycat"].registered == {"strategy": ["copycat-flat"]}
    _assert_the_rest_works(registry)


def test_invalid_checklists_are_left_out_with_their_location(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    site = make_dist(
        "iso9001assess-sloppy",
        "1.1",
        {"sloppy": "sloppy_plugin"},
        {
            "sloppy_plugin": """
                from pathlib import Path
                from iso9001assess import hookimpl

                @hookimpl
                def register_checklists(register):
                    here = Path(__file__).parent
                    for name in ("bad-schema.yaml", "bad-overlay.yaml", "orphan.yaml", "on-bad.yaml"):
                        register(here / name)
            """
        },
    )
    (site / "bad-schema.yaml").write_text("schema_version: 1\nid: bad-schema\nversion: 1\n", encoding="utf-8")
    bad_overlay = GOOD_OVERLAY.replace("good-pack", "bad-overlay").replace('"4.1-01"', '"4.1-99"')
    (site / "bad-overlay.yaml").write_text(bad_overlay, encoding="utf-8")
    (site / "orphan.yaml").write_text(
        GOOD_OVERLAY.replace("good-pack", "orphan").replace("extends: mini", "extends: nowhere"),
        encoding="utf-8",
    )
    (site / "on-bad.yaml").write_text(
        GOOD_OVERLAY.replace("good-pack", "on-bad").replace("extends: mini", "extends: bad-overlay"),
        encoding="utf-8",
    )
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry()
        ids = registry.checklists.ids()
    assert "good-pack" in ids and not {"bad-schema", "bad-overlay", "orphan", "on-bad"} & set(ids)
    failures = _failures(registry, "sloppy")
    assert len(failures) == len(caught) == 4
    assert failures[0].startswith(f"registered an invalid checklist {site / 'bad-schema.yaml'}:")
    assert f"{site / 'bad-schema.yaml'}:3:" in failures[0]  # the version is not a string: file:line:column
    assert failures[1].startswith(
        f"checklist 'bad-overlay' ({site / 'bad-overlay.yaml'}) is invalid and left out:"
    )
    assert f"{site / 'bad-overlay.yaml'}:7:" in failures[1]  # the line of the modify entry
    assert "item '4.1-99' does not exist in the base checklist 'mini'; did you mean '4.1-02'?" in failures[1]
    assert "extends 'nowhere', which no plugin registered" in failures[2]
    assert "its base 'bad-overlay' is invalid" in failures[3]
    with pytest.raises(qa.InvalidInputError, match=r"4\.1-99"):
        registry.checklists.get("bad-overlay")
    _assert_the_rest_works(registry)


def test_overlays_in_a_cycle_are_both_left_out(make_dist: MakeDist) -> None:
    site = make_dist(
        "iso9001assess-loop",
        "1.0",
        {"loop": "loop_plugin"},
        {
            "loop_plugin": """
                from pathlib import Path
                from iso9001assess import hookimpl

                @hookimpl
                def register_checklists(register):
                    register(Path(__file__).with_name("ping.yaml"))
                    register(Path(__file__).with_name("pong.yaml"))
            """
        },
    )
    for name, base in (("ping", "pong"), ("pong", "ping")):
        overlay = GOOD_OVERLAY.replace("good-pack", name).replace("extends: mini", f"extends: {base}")
        (site / f"{name}.yaml").write_text(
            overlay.replace('modify:\n  "4.1-01": {weight: 5}\n', ""), encoding="utf-8"
        )
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry()
        ids = registry.checklists.ids()
    assert "iso9001-2015" in ids and "ping" not in ids and "pong" not in ids
    ping, pong = _failures(registry, "loop")
    assert len(caught) == 2
    assert ping.endswith("ping.yaml: overlays extend each other: ping -> pong -> ping")
    assert pong.endswith("pong.yaml: its base 'ping' is invalid")


def test_mistakes_in_calling_register_are_named(make_dist: MakeDist) -> None:
    source = """
        from iso9001assess import hookimpl
        from iso9001assess.scoring import WeightedStrategy

        @hookimpl
        def register_checklists(register):
            register("relative/pack.yaml")

        @hookimpl
        def register_scoring_strategies(register):
            register("as-class", WeightedStrategy)

        @hookimpl
        def register_exporters(register):
            return ["json"]
    """
    make_dist("iso9001assess-careless", "0.9", {"careless": "careless_plugin"}, {"careless_plugin": source})
    with pytest.warns(PluginWarning):
        registry = build_registry()
    failures = _failures(registry, "careless")
    assert failures[0].startswith("register_checklists raised ValueError: register() takes an absolute path")
    assert "a class, not an instance" in failures[1]
    assert failures[2].startswith("register_exporters returned list; hooks return None")
    assert "as-class" not in registry.strategies


def test_a_misspelled_hook_is_rejected(make_dist: MakeDist) -> None:
    source = """
        from iso9001assess import hookimpl

        @hookimpl
        def register_checklist(register):
            pass
    """
    make_dist("iso9001assess-typo", "1.0", {"typo": "typo_plugin"}, {"typo_plugin": source})
    with pytest.warns(PluginWarning) as warned:
        registry = build_registry()
    assert [str(warning.message) for warning in warned] == [
        "plugin typo (iso9001assess-typo 1.0): unknown hook 'register_checklist', the plugin is not loaded; "
        "did you mean 'register_checklists'?"
    ]
    assert registry.plugins["typo"].failures_in("zh") == [
        "没有名为 'register_checklist' 的钩子，插件未加载；是不是想写 'register_checklists'？"
    ]
    assert registry.plugins["typo"].hooks == []


def test_two_plugins_with_one_name(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    make_dist("iso9001assess-zz-goodpack", "9.9", {"goodpack": "other_goodpack"}, {"other_goodpack": "\n"})
    with pytest.warns(
        PluginWarning,
        match=r"goodpack \(iso9001assess-zz-goodpack 9\.9\): a plugin named 'goodpack' is already loaded from goodpack \(iso9001assess-goodpack 1\.0\)",
    ):
        registry = build_registry()
    assert registry.plugins["goodpack@iso9001assess-zz-goodpack"].failures
    _assert_the_rest_works(registry)


def test_disabled_plugins_are_never_imported(make_dist: MakeDist, monkeypatch: pytest.MonkeyPatch) -> None:
    _good_pack(make_dist)
    _broken(make_dist)
    _broken(make_dist, "extra")
    monkeypatch.setenv(DISABLE_ENV, "broken, iso9001assess-extra")  # by plugin name and by distribution
    registry = build_registry()  # no warning: filterwarnings = error would fail the test
    assert registry.plugins["broken"].disabled and registry.plugins["extra"].disabled
    assert "broken_plugin" not in sys.modules and "extra_plugin" not in sys.modules
    _assert_the_rest_works(registry)


@pytest.mark.usefixtures("in_english")
def test_the_plugins_command_lists_everything(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    _broken(make_dist)
    with pytest.warns(PluginWarning):
        registry = build_registry()
    previous = swap_registry(registry)
    try:
        text = CliRunner().invoke(cli, ["plugins"])
        as_json = CliRunner().invoke(cli, ["plugins", "--json"])
    finally:
        swap_registry(previous)
    assert text.exit_code == 0 and as_json.exit_code == 0
    lines = text.output.splitlines()
    good = lines.index("goodpack  [iso9001assess-goodpack 1.0]  entry point  ok")
    assert lines[good + 1 : good + 3] == ["  hooks: register_checklists", "  checklists: mini, good-pack"]
    broken = lines.index("broken  [iso9001assess-broken 0.3]  entry point  FAILED")
    assert lines[broken + 2] == "  failure: failed to import broken_plugin: RuntimeError: boom"
    assert f"iso9001assess.strategies  [iso9001assess {qa.__version__}]  built-in  ok" in lines
    listing = {entry["name"]: entry for entry in json.loads(as_json.output)}
    assert listing["goodpack"]["registered"] == {"checklists": ["mini", "good-pack"]}
    assert listing["broken"]["failures"] == ["failed to import broken_plugin: RuntimeError: boom"]
    assert listing["iso9001assess.exporters"]["registered"]["exporters"][0] == "json"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from iso9001assess.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, check=False)


@pytest.mark.usefixtures("in_english")
def test_command_line_warns_on_stderr_and_keeps_working(tmp_path: Path) -> None:
    plugin = tmp_path / "shaky.py"
    plugin.write_text(
        "from iso9001assess import hookimpl\n\n@hookimpl\ndef register_exporters(register):\n    raise OSError('disk')\n",
        encoding="utf-8",
    )
    env = {PLUGINS_ENV: str(plugin), DISABLE_ENV: ""}
    listing = _run(["plugins"], env)
    assert listing.returncode == 0
    assert f"warning: plugin {plugin}: register_exporters raised OSError: disk" in listing.stderr
    assert f"{plugin}  local  FAILED" in listing.stdout
    assert any(line.startswith("  exporters: json") for line in listing.stdout.splitlines())
    checklists = _run(["checklists"], env)
    assert checklists.returncode == 0
    assert any(line.startswith("iso9001-2015\t") for line in checklists.stdout.splitlines())
    blocked = _run(["plugins"], {**env, DISABLE_ENV: str(plugin)})
    assert blocked.stderr == "" and f"{plugin}  local  disabled" in blocked.stdout


def test_an_installed_plugin_named_again_loads_once(make_dist: MakeDist) -> None:
    _good_pack(make_dist)
    registry = build_registry(["goodpack_plugin"], environment=False)  # as with --plugin goodpack_plugin
    assert [name for name in registry.plugins if "goodpack" in name] == ["goodpack"]
    _assert_the_rest_works(registry)


def _exiting_plugins(make_dist: MakeDist) -> Path:
    """Three plugins that end the process if let: sys.exit at import, sys.exit in a hook, and a BaseException
    of their own in a hook (neither Exception nor KeyboardInterrupt)."""
    _good_pack(make_dist)
    make_dist(
        "iso9001assess-quitter",
        "1.0",
        {"quitter": "quitter_plugin"},
        {"quitter_plugin": "import sys\nsys.exit(3)\n"},
    )
    hook_exit = """
        import sys
        from iso9001assess import hookimpl
        from iso9001assess.scoring import WeightedStrategy

        @hookimpl
        def register_scoring_strategies(register):
            register("never-kept", WeightedStrategy())
            sys.exit(4)
    """
    make_dist(
        "iso9001assess-hookexit", "2.0", {"hookexit": "hookexit_plugin"}, {"hookexit_plugin": hook_exit}
    )
    own_base = """
        from iso9001assess import hookimpl

        class Abort(BaseException):
            pass

        @hookimpl
        def register_exporters(register):
            raise Abort("stop everything")
    """
    return make_dist(
        "iso9001assess-basefail", "0.1", {"basefail": "basefail_plugin"}, {"basefail_plugin": own_base}
    )


EXIT_FAILURES = {
    "quitter": "failed to import quitter_plugin: called sys.exit(3)",
    "hookexit": "register_scoring_strategies called sys.exit(4); nothing it registered is kept",
    "basefail": "register_exporters raised Abort: stop everything; nothing it registered is kept",
}


def test_a_plugin_that_exits_at_import_or_in_a_hook_is_named_and_the_rest_works(make_dist: MakeDist) -> None:
    _exiting_plugins(make_dist)
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry()
    for name, failure in EXIT_FAILURES.items():
        assert registry.plugins[name].failures == [failure]
    assert len(caught) == 3
    assert "never-kept" not in registry.strategies
    _assert_the_rest_works(registry)


@pytest.mark.usefixtures("in_english")
def test_every_command_survives_a_plugin_that_exits(make_dist: MakeDist) -> None:
    site = _exiting_plugins(make_dist)
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]), DISABLE_ENV: ""}
    listing = _run(["plugins"], env)
    assert listing.returncode == 0, listing.stderr
    as_json = _run(["plugins", "--json"], env)
    assert as_json.returncode == 0, as_json.stderr
    failures = {entry["name"]: entry["failures"] for entry in json.loads(as_json.stdout)}
    checklists = _run(["checklists"], env)
    assert checklists.returncode == 0, checklists.stderr
    for name, failure in EXIT_FAILURES.items():
        assert failures[name] == [failure]
        assert any(
            line.startswith(f"{name}  [iso9001assess-{name} ") and line.endswith("FAILED")
            for line in listing.stdout.splitlines()
        )
        assert f"  failure: {failure}" in listing.stdout.splitlines()
        # Other commands say it on stderr, by name, and do their work.
        assert any(
            line.startswith(f"warning: plugin {name} (iso9001assess-{name} ") and line.endswith(failure)
            for line in checklists.stderr.splitlines()
        )
    assert failures["goodpack"] == []
    assert any(line.startswith("good-pack\t") for line in checklists.stdout.splitlines())


def test_ctrl_c_in_a_hook_is_the_users_not_the_plugins(make_dist: MakeDist) -> None:
    source = """
        from iso9001assess import hookimpl

        @hookimpl
        def register_exporters(register):
            raise KeyboardInterrupt
    """
    make_dist("iso9001assess-slow", "1.0", {"slow": "slow_plugin"}, {"slow_plugin": source})
    with pytest.raises(KeyboardInterrupt):
        build_registry()
