"""A real ``batch`` process (and its worker processes) killed with SIGKILL at random moments, several times,
then resumed with ``--skip-existing``: every output is whole (PDFs parse, JSON parses), nothing is stale, no
temporary ``.part`` file is left, and the final set of files equals a clean run's, byte for byte."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from iso9001assess.models import Result
from test_batch import MINI, answers, write

KILLS = 5
SEED = 20261130  # the moments are random, and the same in every run of the test


def _command(inputs: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-c", "from iso9001assess.cli import main; main()", "batch", str(inputs), "-o", str(out),
        "--checklist", str(MINI), "--formats", "json,pdf", "--jobs", "2", "--portfolio-formats", "json", *extra,
    ]  # fmt: skip


def _run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command, capture_output=True, check=False, timeout=300)


def _check_whole(out: Path) -> None:
    for path in out.iterdir():
        assert not path.name.endswith(".part"), f"a temporary file was left: {path.name}"
        if path.name.startswith("."):  # the batch's manifest: what each report was made from
            continue
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) > 0
        elif path.suffix == ".json" and path.stem != "portfolio":
            Result.model_validate_json(path.read_text(encoding="utf-8"))


def test_killed_and_resumed_batches_end_equal_to_a_clean_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    for n in range(6):
        write(inputs / f"ent-{n:02d}.yaml", answers(enterprise={"name": f"企业{n}", "credit_code": None}))
    clean, resumed = tmp_path / "clean", tmp_path / "resumed"
    assert _run(_command(inputs, clean)).returncode == 0

    moments = random.Random(SEED)
    killed_with_work_left = 0
    for _ in range(KILLS):
        done = _outputs(resumed)
        # Its own session: the kill reaches the workers and the forkserver too, as a crash of the machine would.
        process = subprocess.Popen(
            _command(inputs, resumed, "--skip-existing"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # A random moment while it works: after 0 to 2 more outputs, then up to a quarter second more
        # (often in the middle of writing the next one).
        more = moments.randint(0, 2)
        deadline = time.monotonic() + 120
        while process.poll() is None and _outputs(resumed) < done + more and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(moments.uniform(0, 0.25))
        if process.poll() is None:
            killed_with_work_left += 1
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for path in resumed.iterdir() if resumed.exists() else ():
            if (
                path.suffix in (".pdf", ".json")
                and path.stem != "portfolio"
                and not path.name.startswith(".")
            ):
                _check_whole_file(path)  # between kills too, whatever is there is whole
    assert killed_with_work_left >= KILLS - 1, "the kills must interrupt real work"

    final = _run(_command(inputs, resumed, "--skip-existing"))
    assert final.returncode == 0, final.stderr.decode()
    _check_whole(resumed)
    assert sorted(p.name for p in resumed.iterdir()) == sorted(p.name for p in clean.iterdir())
    for path in clean.iterdir():
        if path.name.startswith("."):  # the manifest records modification times, which differ between runs
            continue
        assert (resumed / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} differs from a clean run"
        )


def _outputs(out: Path) -> int:
    return len([p for p in out.iterdir() if not p.name.startswith(".")]) if out.exists() else 0


def _check_whole_file(path: Path) -> None:
    if path.suffix == ".pdf":
        assert len(PdfReader(path).pages) > 0
    else:
        Result.model_validate_json(path.read_text(encoding="utf-8"))
