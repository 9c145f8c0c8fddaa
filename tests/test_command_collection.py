"""The command line's garbage-collector pace: set for one run of a command, the caller's restored after."""

from __future__ import annotations

import gc

import pytest

from iso9001assess.cli import main
from iso9001assess.commands import collection
from iso9001assess.commands.collection import COMMAND_THRESHOLDS, fewer_collections


def test_the_pace_is_set_in_the_block_and_restored_after_even_on_error() -> None:
    saved = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == COMMAND_THRESHOLDS
        raise RuntimeError("a failing command")
    assert gc.get_threshold() == saved


def test_a_command_runs_at_the_command_pace(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[tuple[int, ...]] = []
    original = collection.gc.set_threshold

    def record(*thresholds: int) -> None:
        seen.append(thresholds)
        original(*thresholds)

    saved = gc.get_threshold()
    monkeypatch.setattr(collection.gc, "set_threshold", record)
    main(["checklists", "--json"])
    assert '"iso9001-2015"' in capsys.readouterr().out
    assert seen == [COMMAND_THRESHOLDS, saved]  # set for the command, then the caller's pace again
    assert gc.get_threshold() == saved
