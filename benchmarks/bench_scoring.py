"""Scoring throughput against the bare baseline of merely parsing the same files with PyYAML's C loader.

    python benchmarks/bench_scoring.py [--checklist iso9001-2015] [-n 300] [--repeat 3] [--profile]

(a) parse: read each file and ``yaml.load(text, Loader=yaml.CSafeLoader)``;
(b) load + score: ``load_answers(path, checklist)`` (parse with positions, limits, validation, meaning checks)
    then ``score(checklist, answers)``.
Both run in the same process on the same files; the best of ``--repeat`` rounds counts. Aim: (b)/(a) <= 1.5.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_answers

import iso9001assess as qa
from iso9001assess.models import Checklist

AIM = 1.5


def parse_only(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def load_and_score(paths: list[Path], checklist: Checklist) -> None:
    for path in paths:
        qa.score(checklist, qa.load_answers(path, checklist))


def best_of(repeat: int, *runs: Callable[[], None]) -> list[float]:
    """The best time of each run; rounds alternate between the runs so that both see the same machine load."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for index, run in enumerate(runs):
            start = time.process_time()
            run()
            best[index] = min(best[index], time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description="scoring throughput vs. parsing with the C loader")
    parser.add_argument("--checklist", default="iso9001-2015", help="a registered checklist id or a file")
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile load + score (cProfile, top 25)")
    args = parser.parse_args(argv)

    checklist = qa.load_checklist(args.checklist)
    items = sum(1 for _ in checklist.iter_items())
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_answers(checklist, args.count, tmp, seed=1)
        size = sum(p.stat().st_size for p in paths)
        load_and_score(paths[:5], checklist)  # warm up: imports, the registry, pydantic's first validations
        parse, scored = best_of(
            args.repeat, lambda: parse_only(paths), lambda: load_and_score(paths, checklist)
        )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(load_and_score, paths, checklist)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    ratio = scored / parse
    print(
        f"checklist {checklist.id} {checklist.version}: {items} items; {args.count} answer files, {size / 1024:.0f} KiB"
    )
    print(f"(a) parse only (yaml.CSafeLoader): {parse:.3f} s  ({1000 * parse / args.count:.2f} ms/file)")
    print(f"(b) load_answers + score:          {scored:.3f} s  ({1000 * scored / args.count:.2f} ms/file)")
    print(f"ratio (b)/(a): {ratio:.2f}x  (aim: within {AIM}x) {'ok' if ratio <= AIM else 'ABOVE AIM'}")
    return ratio


if __name__ == "__main__":
    main()
