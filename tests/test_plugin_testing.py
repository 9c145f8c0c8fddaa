"""iso9001assess.testing: the helper plugin authors test with."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import click
import pytest

import iso9001assess as qa
from iso9001assess import hookimpl
from iso9001assess.plugin_manager import DISABLE_ENV, PLUGINS_ENV, PluginWarning, get_registry, inline_info
from iso9001assess.testing import answers_for, assert_no_failures, plugin_registry, registered_plugin

MINI = Path(__file__).parent / "fixtures" / "valid" / "mini-checklist.yaml"


class Mini:
    @hookimpl
    def register_checklists(self, register: Callable[[Any], None]) -> None:
        register(MINI)


def test_the_isolated_registry_is_process_wide_and_restored_even_on_failure() -> None:
    before = get_registry()
    with pytest.raises(ZeroDivisionError), plugin_registry(Mini()) as registry:
        assert get_registry() is registry
        assert qa.load_checklist("mini").id == "mini"
        raise ZeroDivisionError
    assert get_registry() is before
    with pytest.raises(qa.NotFoundError):
        before.checklists.get("mini")


def test_builtins_can_be_left_out_and_plugins_named() -> None:
    with plugin_registry(Mini(), builtins=False, names={0: "mini-pack"}) as registry:
        assert list(registry.plugins) == ["mini-pack"]
        assert registry.strategies == {} and registry.checklists.ids() == ["mini"]
        info = registry.plugins["mini-pack"]
        assert (info.distribution, info.version, info.origin) == ("inline", "-", "inline")


def test_environment_is_ignored_unless_installed_plugins_are_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = tmp_path / "local_pack.py"
    local.write_text(
        "from pathlib import Path\nfrom iso9001assess import hookimpl\n\n"
        f"@hookimpl\ndef register_checklists(register):\n    register(Path({str(MINI)!r}))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(PLUGINS_ENV, str(local))
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    with plugin_registry() as registry:
        assert "mini" not in registry.checklists.ids()
    with registered_plugin(Mini(), name="inline-mini") as registry:
        assert registry.plugins[str(local)].origin == "local"
        assert registry.plugins["inline-mini"].origin == "inline"
        with pytest.warns(
            PluginWarning, match=r"checklist 'mini' .* is already registered by .*local_pack\.py"
        ):
            registry.checklists.ids()
    monkeypatch.setenv(DISABLE_ENV, "inline-mini")
    with registered_plugin(Mini(), name="inline-mini") as registry:
        assert registry.plugins["inline-mini"].disabled
        assert_no_failures(registry)


def test_assert_no_failures_lists_them() -> None:
    class Broken:
        @hookimpl
        def register_exporters(self, register: Callable[[str, Any], None]) -> None:
            raise ValueError("bad settings")

    with (
        pytest.warns(PluginWarning),
        plugin_registry(Broken()) as registry,
        pytest.raises(AssertionError, match=r"1 plugin failure\(s\):\nBroken: register_exporters raised"),
    ):
        assert_no_failures(registry)


def test_answers_for_builds_valid_answers() -> None:
    with plugin_registry(Mini()):
        mini = qa.load_checklist("mini")
        first, second, *rest = list(mini.items_by_id)
        answers = answers_for(
            mini, {first: 1}, default=3, not_applicable={second: "no such activity"}, size="micro"
        )
        assert answers.enterprise.size == "micro" and answers.enterprise.name == "Test Co."
        assert answers.answer(first).rating == 1  # type: ignore[union-attr]
        assert answers.answer(second).na  # type: ignore[union-attr]
        assert all(answers.answer(item).rating == 3 for item in rest)  # type: ignore[union-attr]
        with pytest.raises(KeyError, match=r"no such item in 'mini': 9\.9-01"):
            answers_for(mini, {"9.9-01": 2})
    base = qa.load_checklist("iso9001-2015")
    without_lab = answers_for(base, default=2, has_lab=False)
    assert not any(item.is_lab for item in base.items_by_id.values() if item.id in without_lab.answers)
    assert qa.score(base, without_lab).lab.score is None


def test_inline_plugins_are_attributed_to_their_distribution() -> None:
    info = inline_info(click)
    assert (info.name, info.distribution, info.version) == ("click", "click", version("click"))
