"""Batch throughput and memory: N generated enterprises through ``batch``, against the bare-reportlab bound.

    python benchmarks/bench_batch.py [--n 800] [--formats pdf,json] [--jobs 1,2]

Measured in the same run:
  * bare: one "bare" report made with reportlab alone (the same kind of content as the diagnostic report:
    a cover, the clause scores and every item in tables, in the same CJK font; no loading, no scoring, no
    plugins), timed as the median of several builds. The bound for a batch is N x bare / cores.
  * batch with 1 process and with 2 processes (each in a fresh interpreter), wall time, its ratio to the
    bound, and the speed-up from 1 to 2 processes.
  * peak memory (max RSS) of the parent and of the largest worker, for N/4 and N enterprises: the parent
    keeps only small summaries (no results, no PDFs), so it stays flat as N grows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

CITIES = ["广州市", "深圳市", "佛山市", "东莞市", "珠海市", "中山市", "惠州市", "江门市", "汕头市", "肇庆市"]
INDUSTRIES = [
    "electronics",
    "machinery",
    "food",
    "textiles",
    "chemicals",
    "plastics",
    "furniture",
    "auto-parts",
]
SIZES = ["micro", "small", "medium", "large"]


def generate_enterprises(
    directory: Path, n: int, seed: int = 9001, checklist_id: str = "iso9001-2015"
) -> None:
    """``n`` answer files for the bundled checklist: varied maturity, labs, cities, industries, sizes."""
    import iso9001assess as qa

    checklist = qa.load_checklist(checklist_id)
    items = [item for item, _ in checklist.iter_items() if item.scored]
    top = checklist.max_rating
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(n):
        maturity = rng.betavariate(4, 2.5)
        has_lab = rng.random() < 0.6
        lab_maturity = min(1.0, max(0.0, maturity + rng.uniform(-0.2, 0.2)))
        answers: dict[str, object] = {}
        for item in items:
            if item.is_lab and not has_lab:
                continue
            if item.excludable and rng.random() < 0.25:
                answers[item.id] = {"na": True, "justification": "不涉及该过程"}
                continue
            if rng.random() < 0.02:
                continue  # unanswered
            level = (lab_maturity if item.is_lab else maturity) * top
            answers[item.id] = max(0, min(top, round(rng.gauss(level, 0.8))))
        city = rng.choice(CITIES)
        document = {
            "schema_version": 1,
            "checklist": checklist_id,
            "enterprise": {
                "name": f"{city[:-1]}示例{index:05d}有限公司",
                "region": {"province": "广东省", "city": city},
                "industry": rng.choice(INDUSTRIES),
                "size": rng.choice(SIZES),
                "employees": rng.randint(5, 900),
                "has_lab": has_lab,
            },
            "assessment": {
                "kind": "baseline",
                "date": f"2026-{rng.randint(3, 9):02d}-{rng.randint(1, 28):02d}",
            },
            "answers": answers,
        }
        with (directory / f"e{index:05d}.yaml").open("w", encoding="utf-8") as out:
            yaml.safe_dump(document, out, allow_unicode=True, sort_keys=False)


def _zh(text: object) -> str:
    return str(text.get("zh") or next(iter(text.values()))) if isinstance(text, dict) else str(text)


def bare_report(out_path: Path, result_json: dict[str, Any]) -> None:
    """The diagnostic report's content laid out with reportlab alone: a cover, the clause scores, the
    clause-by-clause item tables (requirement, rating, grade, note), the findings and the improvement plan,
    in the same CID font and the same wrapped-Paragraph table cells; no charts, no loading, no scoring."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=8.5, leading=12, wordWrap="CJK")
    head = ParagraphStyle("h", fontName="STSong-Light", fontSize=16, leading=22)

    def cells(*values: object) -> list[Paragraph]:
        return [Paragraph(str("" if value is None else value), body) for value in values]

    story: list[Any] = [Paragraph(result_json["enterprise"]["name"], head), PageBreak()]
    story.append(Table([cells(s["id"], _zh(s["title"]), s["score"]) for s in result_json["sections"]]))
    by_section: dict[str, list[list[Paragraph]]] = {}
    for item in result_json["items"]:  # the clause-by-clause detail: one table per clause
        row = cells(item["id"], _zh(item["text"]), item["rating"], item["grade"], item["note"])
        by_section.setdefault(item["section"], []).append(row)
    for section_id, rows in by_section.items():
        story.append(Paragraph(section_id, body))
        story.append(Table(rows, colWidths=[50, 230, 50, 60, 120], repeatRows=0))
    story.append(PageBreak())
    findings = [cells(f["item_id"], _zh(f["text"]), f["grade"], f["note"]) for f in result_json["findings"]]
    story.append(Table(findings or [cells("-")], colWidths=[50, 280, 60, 120]))
    story.append(PageBreak())
    actions = [
        cells(n, _zh(a["text"]), a["item_id"], a["priority"], a["timeframe_days"])
        for n, a in enumerate(result_json["actions"], 1)
    ]
    story.append(Table(actions or [cells("-")], colWidths=[25, 300, 55, 50, 50]))
    document = SimpleDocTemplate(str(out_path), pagesize=A4)
    document.build(story)


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
        result = qa.score(qa.load_checklist("iso9001-2015"), qa.load_answers(sample))
        data = json.loads(result.model_dump_json())
        bare_report(root / "warm.pdf", data)  # fonts and imports out of the timing
        runs = [cpu_seconds(bare_report, root / f"bare-{run}.pdf", data) for run in range(args.bare_runs)]
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
