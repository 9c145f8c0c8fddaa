"""batch on a Dask cluster: through the API (a client's executor) and the CLI (--executor tcp://...)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.cli import main

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A one-worker cluster in this process, reachable over TCP on the loopback interface."""
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=":0",  # any free port: a fixed 8787 collides with another cluster on the machine
    ) as local:
        yield local


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    base = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))
    folder = tmp_path / "in"
    folder.mkdir()
    for index, rating in enumerate((0, 2, 4)):
        document = dict(base, enterprise=dict(base["enterprise"], name=f"E{index}", credit_code=None))
        document["answers"] = {"4.1-01": rating, "4.1-02": rating, "4.3-01": rating, "8.3-01": rating}
        (folder / f"e{index}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    (folder / "bad.yaml").write_text("schema_version: 2\n", encoding="utf-8")
    return folder


def overall_scores(summary: Path) -> dict[str, str]:
    with summary.open(encoding="utf-8-sig", newline="") as stream:
        return {row["source"]: row["overall"] for row in csv.DictReader(stream)}


def test_batch_runs_on_a_dask_client_executor(cluster: Any, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with distributed.Client(cluster) as client:
        report = qa.batch(
            inputs,
            out,
            formats=["json"],
            executor=client.get_executor(),
            checklist=MINI,
            portfolio_formats=["json"],
        )
    # Every QMS item at the rating r: overall = 100·r/4; e0 has 0 → 0.0.
    assert overall_scores(out / "summary.csv") == {"e0": "0.0", "e1": "50.0", "e2": "100.0"}
    e2 = json.loads((out / "e2.json").read_text(encoding="utf-8"))
    # The lab items are not assessed: no lab index, and readiness looks at the QMS only (100, no finding).
    assert (e2["overall"]["readiness"], e2["lab"]["score"], e2["lab"]["verdict"]) == ("ready", None, None)
    assert [Path(f.path).name for f in report.failures] == ["bad.yaml"]
    # errors.txt speaks the batch's language (Chinese by default), whichever process found the problem.
    assert "不支持的 schema_version 2" in (out / "errors.txt").read_text(encoding="utf-8")
    assert json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["enterprises"] == 3


def test_cli_executor_address(
    cluster: Any, inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (inputs / "bad.yaml").unlink()
    out = tmp_path / "out"
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    main(["batch", str(inputs), "-o", str(out), "--formats", "json", "--executor", address, "--checklist", str(MINI),
          "--portfolio-formats", ""])  # fmt: skip
    assert "3 个答卷文件中 3 个已诊断" in capsys.readouterr().out
    assert overall_scores(out / "summary.csv") == {"e0": "0.0", "e1": "50.0", "e2": "100.0"}


@pytest.mark.usefixtures("in_english")
def test_cli_unreachable_scheduler_is_a_clear_error(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISO9001ASSESS_DASK_TIMEOUT", "1s")
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "batch",
                str(inputs),
                "-o",
                str(tmp_path / "out"),
                "--executor",
                "tcp://127.0.0.1:9",
                "--formats",
                "json",
            ]
        )
    assert exit_info.value.code == 3  # the environment failed, not the input
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
