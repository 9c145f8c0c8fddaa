"""The programme store: ingest against scoring the same files without a store, and the register listing.

    python benchmarks/bench_store.py [-n 800] [--postgres URL]

N enterprises, a baseline and a follow-up each (2N answer files on the default checklist), then in one process:
(a) score alone: ``load_answers`` + ``score`` of every file (what ``batch`` does before writing reports);
(b) ``Store(sqlite).ingest(folder)``: the same, plus hashing, recording and the register, into a new SQLite file;
(c) the same into a new PostgreSQL database, when ``--postgres`` (or $ISO9001ASSESS_TEST_POSTGRES) names a server;
(d) ``iso9001assess enterprises --json`` on each store (a whole command: start-up included), and the listing
    alone in-process (``Store.enterprises()`` and the JSON).
Wall-clock times (the database server's work counts too). Aims: (b)/(a) and (c)/(a) <= 1.3; the listing < 1 s
(the whole command is shown beside ``iso9001assess --version``, the cost of starting any command).

(a), (b) and (c) run twice per round: at the garbage collector's pace of the command line (``fewer_collections``,
what ``iso9001assess ingest`` and ``batch`` run under: the headline, and the aim's verdict) and at Python's
default pace (what a program calling the library gets). Each figure shows the time spent in collections
(measured with ``gc.callbacks``) and how many there were.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generate import answers_document

import iso9001assess as qa
from iso9001assess.commands.collection import fewer_collections
from iso9001assess.models import Checklist

AIM_INGEST = 1.3
AIM_LISTING = 1.0
# The CPU ratios this benchmark measured before the write path's last rework (2026-11-30, docs/store.md), shown
# beside each run's own for comparison.
EARLIER_CPU_RATIO = {"sqlite": 1.72, "postgresql": 2.13}


def programme(checklist: Checklist, enterprises: int, folder: Path, seed: int = 1) -> list[Path]:
    """A baseline and a follow-up (six months later, most ratings one step better) for each enterprise."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    top = checklist.max_rating
    paths = []
    for index in range(1, enterprises + 1):
        document = answers_document(checklist, rng, index)
        baseline_on = date(2026, 3, 1) + timedelta(days=rng.randint(0, 90))
        document["assessment"].update(kind="baseline", date=baseline_on.isoformat())
        follow_up = json.loads(json.dumps(document))
        follow_up["assessment"].update(kind="follow-up", date=(baseline_on + timedelta(days=180)).isoformat())
        for item, answer in follow_up["answers"].items():
            if isinstance(answer, int) and rng.random() < 0.6:
                follow_up["answers"][item] = min(top, answer + 1)
        for kind, data in (("baseline", document), ("followup", follow_up)):
            path = folder / f"e{index:04d}-{kind}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), "utf-8")
            paths.append(path)
    return paths


class Collections:
    """The time the garbage collector spends collecting, and how many collections, while counting."""

    def __init__(self) -> None:
        self.seconds, self.count, self._started = 0.0, 0, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.count += 1


class Clock:
    """Wall-clock and this process's CPU time of a block, and the collector's share of it (the best of several
    rounds is kept by the caller)."""

    def __enter__(self) -> Clock:
        self.collections = Collections()
        gc.callbacks.append(self.collections)
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        gc.callbacks.remove(self.collections)

    def __str__(self) -> str:
        return (
            f"{self.wall:8.2f} s wall {self.cpu:8.2f} s CPU, of which collections "
            f"{self.collections.seconds:5.2f} s ({self.collections.count} collections)"
        )


# The paces compared: the command line's (the headline) and Python's default.
PACES: dict[str, Callable[[], contextlib.AbstractContextManager[None]]] = {
    "command line's gc pace": fewer_collections,
    "default gc pace (Python's own)": contextlib.nullcontext,
}


def score_alone(paths: list[Path]) -> Clock:
    with Clock() as clock:
        checklists: dict[str, Checklist] = {}
        for path in paths:
            answers = qa.load_answers(path)
            checklist = checklists.get(answers.checklist_id) or qa.load_checklist(answers.checklist_id)
            checklists[answers.checklist_id] = checklist
            qa.score(checklist, answers)
    return clock


def ingest(url: str, folder: Path, files: int) -> tuple[float, Clock]:
    """The time to create the store (the schema from nothing: once per programme), then to ingest."""
    start = time.perf_counter()
    with qa.Store(url) as store:
        created = time.perf_counter() - start
        with Clock() as clock:
            report = store.ingest(folder)
    assert report.ok and report.count("added") == files, report.failures[:3]
    return created, clock


def startup() -> float:
    """The bare baseline of a command: starting ``iso9001assess --version``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "iso9001assess", "--version"], capture_output=True, check=True)
    return time.perf_counter() - start


def listing(url: str) -> tuple[float, float, int]:
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "iso9001assess", "enterprises", "--db", url, "--json"],
        capture_output=True,
        check=True,
    )
    command = time.perf_counter() - start
    register = json.loads(completed.stdout)
    with qa.Store(url) as store:
        start = time.perf_counter()
        records = store.enterprises()
        json.dumps([record.model_dump(mode="json") for record in records], ensure_ascii=False)
        alone = time.perf_counter() - start
    assessments = sum(entry["assessments"] for entry in register)
    return command, alone, assessments


def postgres_database(admin_url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from iso9001assess.store import resolve_url

    name = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(resolve_url(admin_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(resolve_url(admin_url)).set(database=name).render_as_string(hide_password=False), name


def drop_database(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    from iso9001assess.store import resolve_url

    engine = create_engine(resolve_url(admin_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="programme store: ingest vs scoring alone, and the listing")
    parser.add_argument("-n", "--enterprises", type=int, default=800)
    parser.add_argument("--checklist", default="iso9001-2015")
    parser.add_argument("--repeat", type=int, default=2, help="rounds; the best of each run counts")
    parser.add_argument("--postgres", default=os.environ.get("ISO9001ASSESS_TEST_POSTGRES"), metavar="URL")
    args = parser.parse_args(argv)
    checklist = qa.load_checklist(args.checklist)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "answers"
        paths = programme(checklist, args.enterprises, folder)
        print(
            f"{args.enterprises} enterprises, {len(paths)} answer files on {checklist.id} {checklist.version}"
        )
        qa.score(checklist, qa.load_answers(paths[0], checklist))  # warm: registry, checklist caches
        rounds: dict[tuple[str, str], list[Clock]] = {}
        created: dict[str, float] = {}
        last_url: dict[str, str] = {}
        databases: list[str] = []
        labels = ["sqlite"] + (["postgresql"] if args.postgres else [])
        if not args.postgres:
            print(
                "(c) PostgreSQL skipped: give --postgres URL (an admin URL) or set ISO9001ASSESS_TEST_POSTGRES"
            )
        try:
            # Rounds alternate between the runs and the paces so that each sees the same machine load; the
            # best counts.
            for _round in range(args.repeat):
                for pace, at_pace in PACES.items():
                    with at_pace():
                        gc.collect()
                        rounds.setdefault((pace, "score"), []).append(score_alone(paths))
                        for label in labels:
                            if label == "sqlite":
                                url = f"sqlite:///{Path(tmp) / f'programme-{uuid.uuid4().hex[:10]}.db'}"
                            else:
                                url, name = postgres_database(args.postgres)
                                databases.append(name)
                            gc.collect()
                            took_to_create, clock = ingest(url, folder, len(paths))
                            created[label] = min(created.get(label, took_to_create), took_to_create)
                            rounds.setdefault((pace, label), []).append(clock)
                            last_url[label] = url
            for headline, pace in enumerate(PACES):
                bare = min(rounds[pace, "score"], key=lambda c: c.wall)
                print(f"at the {pace}{' (the headline)' if headline == 0 else ''}:")
                print(f"(a) score alone            {bare}   {len(paths) / bare.wall:7.1f} files/s")
                for label in labels:
                    best = min(rounds[pace, label], key=lambda c: c.wall)
                    ratio, cpu_ratio = best.wall / bare.wall, best.cpu / bare.cpu
                    verdict = "ok" if ratio <= AIM_INGEST else f"ABOVE the aim of {AIM_INGEST}"
                    print(
                        f"    ingest into {label:<11}{best}   ratio {ratio:.2f} wall, {cpu_ratio:.2f} CPU of "
                        f"this process ({verdict}); per file {1000 * (best.cpu - bare.cpu) / len(paths):.2f} ms "
                        f"of CPU more, of which collections "
                        f"{1000 * (best.collections.seconds - bare.collections.seconds) / len(paths):.2f} ms"
                    )
                    if headline == 0:
                        failed |= ratio > AIM_INGEST
            print(
                f"(earlier CPU ratios, before the write path's rework, default pace: "
                f"{', '.join(f'{label} {EARLIER_CPU_RATIO[label]:.2f}' for label in labels)}); creating the "
                f"store first: {', '.join(f'{label} {created[label]:.2f} s' for label in labels)}"
            )
            for label in labels:
                command, alone, assessments = listing(last_url[label])
                bare_start = startup()
                verdict = "ok" if alone < AIM_LISTING else f"ABOVE the aim of {AIM_LISTING} s"
                print(
                    f"    enterprises --json ({label}) {command:8.2f} s for {assessments} assessments, of which "
                    f"starting the command ({bare_start:.2f} s for --version); the listing alone {alone:.2f} s "
                    f"({verdict})"
                )
                failed |= alone >= AIM_LISTING
        finally:
            for name in databases:
                drop_database(args.postgres, name)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
