"""A real Dask cluster failing under a batch: no worker at all, and a worker killed while it works. Each is
reported as what it is (the environment failed: exit 3), never as bad input and never as a silent wait."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import iso9001assess as qa
from iso9001assess.cli import main
from iso9001assess.errors import EnvironmentFailure
from iso9001assess.plugin_manager import add_local_plugins
from test_batch import MINI, answers, write

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

KILLER = """
import os, signal
from iso9001assess import hookimpl

class Killer:
    suffixes = (".kill",)

    def export(self, result, out, options):
        os.kill(os.getpid(), signal.SIGKILL)  # the worker process dies in the middle of the work

@hookimpl
def register_exporters(register):
    register("kill", Killer())
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for n in range(2):
        write(folder / f"ent-{n}.yaml", answers(enterprise={"name": f"E{n}", "credit_code": None}))
    return folder


@pytest.fixture
def no_workers() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster


def test_a_cluster_without_workers_is_reported_not_waited_on(
    no_workers: Any, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISO9001ASSESS_NO_WORKERS_TIMEOUT", "3")
    with distributed.Client(no_workers) as client, pytest.raises(EnvironmentFailure) as error:
        qa.batch(inputs, tmp_path / "out", checklist=MINI, formats=["json"], executor=client.get_executor())
    assert "the Dask cluster has had no worker for 3 s" in str(error.value)
    assert "2 tasks cannot run" in str(error.value)


@pytest.mark.usefixtures("in_english")
def test_the_command_line_exits_3_on_a_cluster_without_workers(
    no_workers: Any,
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ISO9001ASSESS_NO_WORKERS_TIMEOUT", "3")
    with pytest.raises(SystemExit) as exit_info:
        address = no_workers.scheduler_address
        main(
            [
                "batch",
                str(inputs),
                "-o",
                str(tmp_path / "out"),
                "--checklist",
                str(MINI),
                "--executor",
                address,
            ]
        )
    assert exit_info.value.code == 3
    assert "no worker" in capsys.readouterr().err


def test_a_worker_killed_at_work_is_an_environment_failure(inputs: Path, tmp_path: Path) -> None:
    plugin = tmp_path / "killer_plugin.py"
    plugin.write_text(KILLER, encoding="utf-8")
    add_local_plugins([str(plugin)])
    # No retries: the first death is the task's last (Dask's default retries it on other workers 3 times).
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster) as client,
        pytest.raises(EnvironmentFailure) as error,
    ):
        qa.batch(inputs, tmp_path / "out", checklist=MINI, formats=["kill"], executor=client.get_executor())
    assert "was lost: KilledWorker" in str(error.value)
    out = tmp_path / "out"
    assert not (out / "errors.txt").exists()  # no good input listed as bad
    assert not [p for p in out.iterdir() if p.suffix in (".kill", ".part")]
