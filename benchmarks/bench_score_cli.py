"""The ``score`` command for scripts, whole process, against the bare floor of merely parsing the same files.

    python benchmarks/bench_score_cli.py [--checklist iso9001-2015] [-n 300] [--repeat 3]

Each run is a fresh process, as a script calls it, stdout to a file (not a terminal):

(a) floor: ``python -c`` that imports PyYAML and parses every file with ``yaml.CSafeLoader``;
(b) ``iso9001assess score FILE... --json``: the compact results, streamed as one JSON list;
(c) ``iso9001assess score FILE... --jsonl``: one compact result per line;
(d) ``iso9001assess score FILE... --json --full``: the full results (every text, both languages);
(e) ``iso9001assess score FILE...``: the one-line summaries;
(f) (b) with the checklist cache off (``ISO9001ASSESS_CACHE=off``): every process parses the checklist;
With ``--baseline-src DIR`` every run (b)-(f) is also made by the package in another source tree (a checkout of
an earlier commit, ``git archive COMMIT | tar -x -C DIR``), interleaved with the others: before and after in one
run, each against the same floor.

Rounds alternate between the runs so that all see the same machine load; the best CPU time (user + system of
the child process) and wall time of each counts, with the bytes each printed. Aim: (b)/(a) <= 2.

The children run as an installed package does: with Python's compiled bytecode (``PYTHONDONTWRITEBYTECODE`` is
lifted for them, so the first round writes the ``.pyc`` files a wheel install would have) and with the
checklist cache in a directory of this run (the first round fills it, as a user's first command does).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_answers

import iso9001assess as qa

AIM = 2.0
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def command_line() -> list[str]:
    return [sys.executable, "-m", "iso9001assess"]


def child_environment(cache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["ISO9001ASSESS_CACHE"] = str(cache)
    return env


def timed(argv: list[str], out_path: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """CPU seconds (user + system) and wall seconds of one child process, and the bytes it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out_path.open("wb") as out:
        done = subprocess.run(argv, stdout=out, stderr=subprocess.PIPE, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv[:4]}... failed: {done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, out_path.stat().st_size


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description="score --json (whole process) vs. parsing with the C loader")
    parser.add_argument("--checklist", default="iso9001-2015")
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline-src",
        type=Path,
        metavar="DIR",
        help="also run score --json with the package of this source tree (DIR/src), e.g. an earlier commit",
    )
    args = parser.parse_args(argv)

    checklist = qa.load_checklist(args.checklist)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [str(p) for p in generate_answers(checklist, args.count, folder / "answers", seed=1)]
        size = sum(Path(p).stat().st_size for p in paths)
        score = [*command_line(), "score", *paths]
        env = child_environment(folder / "cache")
        runs: dict[str, tuple[list[str], dict[str, str]]] = {
            "(a) parse, C loader": ([sys.executable, "-c", FLOOR, *paths], env),
            "(b) score --json": ([*score, "--json"], env),
            "(c) score --jsonl": ([*score, "--jsonl"], env),
            "(d) score --json --full": ([*score, "--json", "--full"], env),
            "(e) score (text)": (score, env),
            "(f) (b), cache off": ([*score, "--json"], {**env, "ISO9001ASSESS_CACHE": "off"}),
        }
        before: dict[str, tuple[list[str], dict[str, str]]] = {}
        if args.baseline_src is not None:
            source = str((args.baseline_src / "src").resolve())
            for name, (run, run_env) in runs.items():
                if name.startswith("(a)"):
                    continue
                path = os.pathsep.join(filter(None, [source, run_env.get("PYTHONPATH")]))
                before[name] = (run, {**run_env, "PYTHONPATH": path})
        best = {name: (float("inf"), float("inf"), 0) for name in runs}
        best_before = {name: (float("inf"), float("inf"), 0) for name in before}
        every_env = [e for _, e in runs.values()] + [e for _, e in before.values()]
        for run_env in {id(e): e for e in every_env}.values():
            timed([*command_line(), "checklists"], folder / "out", run_env)  # bytecode written, cache filled
        # Each run right before its earlier twin, so that both see the same load of the machine.
        order = [
            (table, name, *planned[name])
            for name in runs
            for table, planned in ((best, runs), (best_before, before))
            if name in planned
        ]
        for _ in range(args.repeat):
            for table, name, run, run_env in order:
                cpu, wall, printed = timed(run, folder / "out", run_env)
                old = table[name]
                table[name] = (min(old[0], cpu), min(old[1], wall), printed)

    floor_cpu, floor_wall, _ = best["(a) parse, C loader"]
    print(
        f"{args.count} answer files ({size / 1024:.0f} KiB), {checklist.id} ({len(list(checklist.iter_items()))} items)"
    )
    heading = f"{'run':28} {'CPU s':>7} {'× floor':>8} {'wall s':>7} {'× floor':>8} {'printed':>12}"
    print(heading + (f"   {'before: CPU s':>13} {'× floor':>8}" if best_before else ""))
    for name, (cpu, wall, printed) in best.items():
        line = (
            f"{name:28} {cpu:7.2f} {cpu / floor_cpu:7.2f}× {wall:7.2f} {wall / floor_wall:7.2f}× "
            f"{printed / 1024:9.0f} KiB"
        )
        if name in best_before:
            earlier = best_before[name][0]
            line += f"   {earlier:13.2f} {earlier / floor_cpu:7.2f}×"
        print(line)
    ratio = best["(b) score --json"][0] / floor_cpu
    print(f"score --json / parse (CPU): {ratio:.2f}× (aim <= {AIM}×)")
    return ratio


if __name__ == "__main__":
    main()
