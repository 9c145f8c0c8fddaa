"""The command line's garbage-collector pace: set for one run of a command, the caller's restored after."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

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


def _count_freezes(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    frozen: list[None] = []
    monkeypatch.setattr(collection.gc, "freeze", lambda: frozen.append(None))  # never freeze the test process
    return frozen


def test_the_process_command_line_leaves_the_heap_to_the_system_when_done(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    frozen = _count_freezes(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["iso9001assess", "checklists", "--json"])
    main()
    assert '"iso9001-2015"' in capsys.readouterr().out and frozen == [None]
    monkeypatch.setattr(sys, "argv", ["iso9001assess", "score", "no-such-file.yaml"])
    with pytest.raises(SystemExit):  # on the way out of a failed command too
        main()
    assert frozen == [None, None]


def test_a_command_line_run_inside_a_program_leaves_its_heap_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    frozen = _count_freezes(monkeypatch)
    main(["checklists", "--json"])  # argv given: a caller that goes on running
    assert '"iso9001-2015"' in capsys.readouterr().out and frozen == []


def test_a_real_process_ends_with_its_output_and_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nchecklist: iso9001-2015\nenterprise: [\n", "utf-8")
    sample = Path(__file__).parents[1] / "samples" / "dg-textiles.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "iso9001assess", "score", str(sample), str(bad), "--jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    (line,) = done.stdout.splitlines()  # the good file's result, written out whole before the exit
    assert json.loads(line)["form"] == "compact"
    assert f"{bad}:" in done.stderr
