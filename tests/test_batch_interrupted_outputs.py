"""A Ctrl-C during ``batch`` never costs a good report: an output completed (written whole, atomically) stays and
is recorded in the manifest, the one being written leaves the previous file in place, and the next run renders
exactly the outputs the interrupted run did not complete. Real processes, a real SIGINT to the command's process
group (as a terminal's Ctrl-C), and a local exporter plugin, ``slow``, that waits while a marker file exists, so
the interruption always finds every worker between its ``json`` output (completed) and its ``slow`` one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BASELINES = [
    "dg-textiles",
    "fs-appliances",
    "hz-automotive-parts",
    "sz-medical-devices",
    "zh-plastics",
    "zs-food",
]

SLOW = """
import os, time
from iso9001assess import hookimpl

MARKER = {marker!r}
LOG = {log!r}


class SlowExporter:
    suffixes = (".slow",)

    def export(self, result, out, options):
        if os.path.exists(MARKER):
            with open(LOG, "a") as log:
                log.write(f"{{os.getpid()}}\\n")
            time.sleep(120)
        out.write(f"{{result.enterprise.name}} {{options.lang}}\\n".encode("utf-8"))


@hookimpl
def register_exporters(register):
    register("slow", SlowExporter())
"""


def _setup(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    folder = tmp_path / "answers"
    folder.mkdir()
    for stem in BASELINES:
        shutil.copy(SAMPLES / f"{stem}.yaml", folder / f"{stem}.yaml")
    marker, log = tmp_path / "slow-now", tmp_path / "slow.log"
    plugin = tmp_path / "slow_exporter.py"
    plugin.write_text(textwrap.dedent(SLOW.format(marker=str(marker), log=str(log))), "utf-8")
    return folder, plugin, marker, log


def _command(plugin: Path, folder: Path, out: Path, lang: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "iso9001assess", "--plugin", str(plugin), "batch", str(folder), "-o", str(out),
        "--formats", "json,slow", "--portfolio-formats", "", "--lang", lang, "--jobs", "2", "--json", *extra,
    ]  # fmt: skip


def _run(command: list[str], cwd: Path) -> dict[str, object]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, cwd=cwd)
    assert done.returncode == 0, done.stderr
    document: dict[str, object] = json.loads(done.stdout)
    return document


def _reports(out: Path) -> dict[str, tuple[int, bytes]]:
    """Each report's inode (a file replaced whole gets a new one) and bytes, by name."""
    return {
        path.name: (path.stat().st_ino, path.read_bytes())
        for path in out.iterdir()
        if path.suffix in (".json", ".slow") and not path.name.startswith(".")
    }


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (workers are the children of the pool's forkserver, not of the command)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_keeps_completed_reports_and_the_next_run_renders_only_the_rest(tmp_path: Path) -> None:
    folder, plugin, marker, log = _setup(tmp_path)
    out = tmp_path / "out"
    first = _run(_command(plugin, folder, out, "zh"), tmp_path)
    assert first["written"] == 2 * len(BASELINES)
    before = _reports(out)

    # Every report again, in English: each worker completes its json, then waits in the slow exporter.
    marker.touch()
    process = subprocess.Popen(
        _command(plugin, folder, out, "en", "--force"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        start_new_session=True,  # its own process group: the Ctrl-C of a terminal reaches it and its workers
    )
    deadline = time.monotonic() + 120
    while not (log.exists() and len(log.read_text().split()) >= 2):
        assert process.poll() is None and time.monotonic() < deadline, (
            "both workers should reach the slow export"
        )
        time.sleep(0.1)
    processes = _descendants(process.pid)
    assert len(processes) >= 3  # the forkserver and two workers at least
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err

    started = 2
    now = _reports(out)
    assert sorted(now) == sorted(before)  # no report lost
    rewritten = sorted(name for name in now if now[name][0] != before[name][0])
    # The two interrupted inputs' json reports are new files (replaced whole: a new inode), complete; their
    # slow outputs (being written) are the previous Chinese ones, the same file and bytes; the inputs never
    # started keep all theirs.
    assert len(rewritten) == started and all(name.endswith(".json") for name in rewritten), rewritten
    for name in rewritten:
        assert (
            json.loads(now[name][1])["enterprise"]["name"]
            == json.loads(before[name][1])["enterprise"]["name"]
        )
        slow = name.removesuffix(".json") + ".slow"
        assert now[slow] == before[slow] and before[slow][1].endswith(b" zh\n")
    assert all(now[name] == before[name] for name in now if name not in rewritten)
    assert not list(out.glob("*.part"))

    # Nothing of the pool outlives the command: forkserver, workers, resource tracker.
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in processes if _alive(pid)]

    # The next run renders exactly what the interrupted one did not complete: everything but those two json.
    marker.unlink()
    after = _run(_command(plugin, folder, out, "en"), tmp_path)
    assert after["written"] == 2 * len(BASELINES) - started
    assert after["kept"] == started
    renewed = _reports(out)
    for name in rewritten:
        assert renewed[name] == now[name]  # kept, not rendered again
    assert all(renewed[name][1].endswith(b" en\n") for name in renewed if name.endswith(".slow"))


def test_an_unguarded_script_with_jobs_is_told_to_guard_its_code(tmp_path: Path) -> None:
    """Workers import the caller's script: one that runs ``qa.batch(..., jobs=2)`` at import time, outside
    ``if __name__ == "__main__":``, breaks the pool; the error says what to do instead of "worker lost"."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import iso9001assess as qa\n"
        f"qa.batch({str(SAMPLES)!r}, {str(tmp_path / 'out')!r}, formats=('json',), portfolio_formats=(), jobs=2)\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path
    )
    assert done.returncode == 1
    said = f"the worker processes could not start: they import the script {script}, and its code that runs"
    assert said in done.stderr, done.stderr[-2000:]
    assert "under 'if __name__ == \"__main__\":' in the script, or use jobs=1" in done.stderr
    assert "was lost" not in done.stderr
