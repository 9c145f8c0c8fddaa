"""Run every benchmark in turn with its default settings (``make bench``); each prints its own ratios.

    python benchmarks/run_all.py [--quick]

``--quick`` uses smaller inputs (a few minutes in all); the defaults follow the issues' aims (800 enterprises
through ``batch`` takes about half an hour on two cores).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    # (script, default arguments, --quick arguments)
    ("bench_scoring.py", ["-n", "300", "--repeat", "5"], ["-n", "100", "--repeat", "3"]),
    ("bench_score_cli.py", ["-n", "300", "--repeat", "3"], ["-n", "100", "--repeat", "1"]),
    ("bench_report.py", ["--repeat", "3", "--lang", "both"], ["--repeat", "1", "--lang", "zh"]),
    ("bench_xlsx.py", [], []),
    ("bench_plugins.py", [], []),
    ("bench_batch.py", ["--n", "800"], ["--n", "40"]),
    ("bench_store.py", ["-n", "800"], ["-n", "40"]),
    ("bench_progress.py", ["-n", "800"], ["-n", "40"]),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    args = parser.parse_args(argv)
    failed = []
    for script, default, quick in BENCHMARKS:
        print(f"== {script}", flush=True)
        completed = subprocess.run([sys.executable, str(HERE / script), *(quick if args.quick else default)])
        if completed.returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
