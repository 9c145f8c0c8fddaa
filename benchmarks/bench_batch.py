"""Batch throughput and memory: N generated enterprises through ``batch``, against the bare-reportlab bound.

    python benchmarks/bench_batch.py [--n 800] [--formats pdf,json] [--jobs 1,2]

Measured in the same run:
  * bare: the comparable document of bench_report.py (the report's whole content, charts included) made
    with reportlab alone from one scored result: no loading, no scoring, no plugins; the median of several
    builds. The bound for a batch is N x bare / cores.
  * batch with 1 process and with 2 processes (each in a fresh interpreter), wall time, its ratio to the
    bound, and the speed-up from 1 to 2 processes.
  * peak memory (max RSS) of the parent and of the largest worker, for N/4 and N enterprises: the parent
    keeps only small summaries (no results, no PDFs), so it stays flat as N grows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHECKLIST_ID = "iso9001-2015"


def generate_enterprises(directory: Path, n: int, seed: int = 9001) -> None:
    """``n`` realistic answer files for the bundled checklist (benchmarks/generate.py)."""
    from generate import generate_answers

    import iso9001assess as qa

    generate_answers(qa.load_checklist(CHECKLIST_ID), n, directory, seed=seed)


def bare_report(out_path: Path, result: Any) -> None:
    """The comparable bare-reportlab document of benchmarks/bench_report.py, written to a file."""
    from bench_report import bare_reportlab

    out_path.write_bytes(bare_reportlab(result, "zh"))


RUN_BATCH = """
import json, os, resource, sys, threading, time
from pathlib import Path
import iso9001assess as qa

def descendants(root):
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found

def peak_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

def cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime

worker_peak, worker_ticks, done = [0], {}, threading.Event()
def watch():  # workers are the forkserver's children, out of reach of RUSAGE_CHILDREN: read /proc
    while not done.wait(0.1):
        for pid in descendants(os.getpid()):
            worker_peak[0] = max(worker_peak[0], peak_kib(pid))
            ticks = cpu_ticks(pid)
            if ticks is not None:
                worker_ticks[pid] = ticks
threading.Thread(target=watch, daemon=True).start()

source, out, jobs, formats = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
start = time.perf_counter()
report = qa.batch(source, out, jobs=jobs, formats=formats, portfolio_formats=["pdf"], progress=False)
elapsed = time.perf_counter() - start
done.set()
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime + sum(worker_ticks.values()) / os.sysconf("SC_CLK_TCK")
print(json.dumps({"seconds": elapsed, "cpu": cpu, "ok": report.ok, "done": len(report.summaries),
                  "parent_kib": usage.ru_maxrss, "worker_kib": worker_peak[0]}))
"""


def run_batch(source: Path, out: Path, jobs: int, formats: str) -> dict[str, float]:
    """One batch in a fresh interpreter (so peak memory is its own); its figures as a dict."""
    completed = subprocess.run(
        [sys.executable, "-c", RUN_BATCH, str(source), str(out), str(jobs), formats],
        check=False,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise SystemExit(f"the batch with {jobs} process(es) failed:\n{completed.stderr}")
    figures: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures


def cpu_seconds(function: Any, *args: Any) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU time is what another developer's load does not inflate)."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=800, help="enterprises (default 800)")
    parser.add_argument("--formats", default=None, help="report formats (default: pdf,json when pdf exists)")
    parser.add_argument("--jobs", default="1,2", help="process counts to try (default 1,2)")
    parser.add_argument("--bare-runs", type=int, default=5, help="builds of the bare report (median)")
    args = parser.parse_args()

    import iso9001assess as qa
    from iso9001assess.plugin_manager import get_registry

    formats = args.formats or ("pdf,json" if "pdf" in get_registry().exporters else "json")
    cores = len(os.sched_getaffinity(0))
    job_counts = [int(j) for j in args.jobs.split(",")]
    print(
        f"enterprises: {args.n}   formats: {formats}   cores: {cores}   load average: {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as scratch:
        root = Path(scratch)
        small_n = max(args.n // 4, 1)
        generate_enterprises(root / "in", args.n)
        generate_enterprises(root / "in-small", small_n)

        sample = sorted((root / "in").iterdir())[0]
        result = qa.score(qa.load_checklist(CHECKLIST_ID), qa.load_answers(sample))
        bare_report(root / "warm.pdf", result)  # fonts and imports out of the timing
        runs = [cpu_seconds(bare_report, root / f"bare-{run}.pdf", result) for run in range(args.bare_runs)]
        bare, bare_cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        from pypdf import PdfReader

        pages = len(PdfReader(root / "warm.pdf").pages)
        print(
            f"bare reportlab report: {bare * 1000:.0f} ms wall, {bare_cpu * 1000:.0f} ms CPU, {pages} pages"
        )
        if "pdf" in formats.split(","):
            qa.export(result, root / "real.pdf", format="pdf")  # warm
            wall, cpu = cpu_seconds(qa.export, result, root / "real.pdf")
            pages = len(PdfReader(root / "real.pdf").pages)
            print(
                f"the pdf exporter alone, on a scored result: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, {pages} pages"
            )

        measured: dict[int, dict[str, float]] = {}
        for jobs in job_counts:
            figures = run_batch(root / "in", root / f"out-{jobs}", jobs, formats)
            measured[jobs] = figures
            bound = args.n * bare / min(jobs, cores)
            per = figures["cpu"] / args.n
            print(
                f"batch, {jobs} process(es): {figures['seconds']:.1f} s wall, ratio to the bound "
                f"{args.n} x bare / {min(jobs, cores)} = {bound:.1f} s: {figures['seconds'] / bound:.2f}x; "
                f"CPU {per * 1000:.0f} ms per enterprise ({per / bare_cpu:.2f}x a bare report's CPU); "
                f"peak RSS parent {figures['parent_kib'] / 1024:.0f} MiB, worker {figures['worker_kib'] / 1024:.0f} MiB"
            )
        if 1 in measured and 2 in measured:
            print(f"speed-up 1 -> 2 processes (wall): {measured[1]['seconds'] / measured[2]['seconds']:.2f}x")
        jobs = max(job_counts)
        small = run_batch(root / "in-small", root / "out-small", jobs, formats)
        large = measured[jobs]
        print(
            f"memory, {jobs} process(es): parent peak {small['parent_kib'] / 1024:.0f} MiB for {small_n} "
            f"enterprises, {large['parent_kib'] / 1024:.0f} MiB for {args.n}; worker peak "
            f"{small['worker_kib'] / 1024:.0f} -> {large['worker_kib'] / 1024:.0f} MiB"
        )
        print(
            f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine slows wall times)"
        )


if __name__ == "__main__":
    main()
