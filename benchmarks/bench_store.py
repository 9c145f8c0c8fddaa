"""The programme store: ingest against scoring the same files without a store, and the register listing.

    python benchmarks/bench_store.py [-n 800] [--repeat 2] [--per-round 100] [--postgres URL] [--quick]

N enterprises, a baseline and a follow-up each (2N answer files on the default checklist), then in one process:
(a) score alone: ``load_answers`` + ``score`` of every file (what ``batch`` does before writing reports);
(b) ``Store(sqlite).ingest(folder)``: the same, plus hashing, recording and the register, into a new SQLite file;
(c) the same into a new PostgreSQL database, when ``--postgres`` (or $ISO9001ASSESS_TEST_POSTGRES) names a server;
(d) ``iso9001assess enterprises --json`` on each store (a whole command: start-up included), and the listing
    alone in-process (``Store.enterprises()`` and the JSON).

(a), (b) and (c) run in short rounds: the files are split into folders of ``--per-round`` files (whole
enterprises), and each pass (``--repeat``) fills a new store of each kind one folder at a time. Within a round
the same folder is scored alone, ingested into SQLite and into PostgreSQL, one run right after the other (the
order turned round from one round to the next): each round's ratio compares runs that saw the same load, on a
machine whose load moves the same work by 20% from one minute to the next. Shown: the best round of each run,
and the median of the rounds' ratios to scoring alone (with the lowest and highest), wall and this process's
CPU. The aim's verdict is the median wall ratio at the command line's pace: ingest <= 1.3x scoring alone. Wall
counts the database server's work too; CPU is this process's. The listing's aim: under 1 s (the whole command
is shown beside ``iso9001assess --version``, the cost of starting any command). ``--quick``: 100 enterprises,
one pass, rounds of 40 files, no (e): a check in about a minute.

(e) the pipeline, ``ingest --jobs N``: worker processes score while the ingesting process writes. Each line of
(e) runs in a process of its own, started for it and warmed (the registry and the checklist loaded, one file
scored) before its clock starts: (e1) scoring alone in that one process, (e2) scoring alone on N worker
processes (``batch``'s runner with no output formats: what ``batch`` does before writing reports), (e3)
``Store.ingest(jobs=1)`` and (e4) ``Store.ingest(jobs=N)`` into SQLite (and PostgreSQL when given). The worker
processes start inside the clock (starting them is what the pipeline costs). Each line shows wall and the CPU
of every process it used: the measured process and its descendants (the forkserver, the workers, the resource
tracker), collected when they end (this process is made their subreaper, Linux's PR_SET_CHILD_SUBREAPER), the
measured process's own start-up and warm-up taken off. The database server's CPU is not counted (it is no
descendant). N: ``--jobs`` (default all cores). Before the lines, the start-up of a pool alone: the time from
creating it to the first outcome of two files, against scoring them in-process.

(a), (b) and (c) run at two paces in each pass: at the garbage collector's pace of the command line
(``fewer_collections``, what ``iso9001assess ingest`` and ``batch`` run under: the headline, and the aim's
verdict) and at Python's default pace (what a program calling the library gets). Each figure shows the time
spent in collections (measured with ``gc.callbacks``) and how many there were.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import random
import resource
import shutil
import statistics
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


def score_files(paths: list[Path]) -> None:
    """Scoring alone: each file loaded and scored, each checklist loaded once."""
    checklists: dict[str, Checklist] = {}
    for path in paths:
        answers = qa.load_answers(path)
        checklist = checklists.get(answers.checklist_id) or qa.load_checklist(answers.checklist_id)
        checklists[answers.checklist_id] = checklist
        qa.score(checklist, answers)


def score_alone(paths: list[Path]) -> Clock:
    with Clock() as clock:
        score_files(paths)
    return clock


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


# -- (e) the pipeline: every line in a process of its own -------------------------------------------------------
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Orphaned descendants (the forkserver a measured process leaves) are handed to this process, so their CPU
    time, and their own children's, is counted in RUSAGE_CHILDREN once reaped."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def reap_descendants(timeout: float = 60.0) -> None:
    """Wait for every descendant handed to this process (a forkserver ends when its parent has)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)
    raise RuntimeError("a descendant of the measured process did not end")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_main(kind: str, folder: Path, url: str, jobs: int) -> None:
    """One measured line of (e), in this (fresh) process: prints its wall time and this process's CPU for the
    block, and this process's CPU in all, as JSON."""
    from iso9001assess.programme.runner import TaskSettings, run_files

    paths = sorted(folder.glob("*.yaml"))
    if kind == "start":
        pooled, alone = pool_start(paths, jobs)
        print(json.dumps({"pooled": pooled, "alone": alone}))
        return
    qa.score(qa.load_checklist("iso9001-2015"), qa.load_answers(paths[0]))  # warm: registry, checklist
    with fewer_collections():  # the command line's pace, as the commands run
        cpu, wall = self_cpu(), time.perf_counter()
        if kind == "score":
            score_files(paths)
        elif kind == "score-pool":
            run = run_files(paths, TaskSettings(), jobs=jobs, progress=False)
            assert not run.failures and len(run.summaries) == len(paths)
        else:
            with qa.Store(url) as store:
                cpu, wall = self_cpu(), time.perf_counter()  # the schema is created before the clock
                report = store.ingest(folder, jobs=jobs)
            assert report.ok and report.count("added") == len(paths), report.failures[:3]
        wall, cpu = time.perf_counter() - wall, self_cpu() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "total": self_cpu()}), flush=True)
    os._exit(0)  # no interpreter teardown: the CPU counted after the block is only what this line measured


class Measured:
    """One line of (e): wall time, CPU of the measured process, and of every process it used."""

    def __init__(self, wall: float, cpu: float, tree: float, processes: str) -> None:
        self.wall, self.cpu, self.tree, self.processes = wall, cpu, tree, processes

    def __str__(self) -> str:
        return (
            f"{self.wall:7.2f} s wall {self.tree:7.2f} s CPU of all its processes "
            f"({self.cpu:6.2f} s in the measured one)"
        )


def measure_in_child(kind: str, folder: Path, url: str, jobs: int) -> Measured:
    before = children_cpu()
    completed = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--folder",
            str(folder),
            "--url",
            url,
            "--jobs",
            str(jobs),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    reap_descendants()
    if completed.returncode != 0:
        raise RuntimeError(f"the measured process failed: {completed.stderr[-2000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    # Everything the measured process and its descendants used, less the measured process's own use outside
    # the block (its start-up, the warm-up; it leaves with os._exit, no teardown).
    tree = children_cpu() - before - (figures["total"] - figures["cpu"])
    pooled = kind == "score-pool" or (kind == "ingest" and jobs > 1)
    processes = f"1 + {jobs} worker processes" if pooled else "1 process"
    return Measured(figures["wall"], figures["cpu"], tree, processes)


def pool_start(paths: list[Path], jobs: int) -> tuple[float, float]:
    """The time to the first outcome of two files: on a new pool of ``jobs`` workers, and in this process
    (run in a process of its own: the pool's forkserver ends with it)."""
    from iso9001assess.programme.runner import iter_outcomes
    from iso9001assess.programme.worker import BatchTask

    tasks = [BatchTask(str(p), "", (), "weighted", None, "en", None, for_store=True) for p in paths[:2]]
    timings = []
    for workers in (jobs, 1):
        start = time.perf_counter()
        outcomes = iter_outcomes(iter(tasks), jobs=workers)
        first = next(outcomes)
        timings.append(time.perf_counter() - start)
        assert first.scored is not None
        outcomes.close()
    return timings[0], timings[1]


def pipeline(folder: Path, paths: list[Path], labels: list[str], args: argparse.Namespace) -> None:
    from iso9001assess.programme.runner import default_jobs

    jobs = args.jobs or default_jobs()
    if not become_subreaper():
        print("(e) skipped: the CPU of worker processes cannot be collected here (Linux's prctl is needed)")
        return
    started = subprocess.run(
        [sys.executable, __file__, "--child", "start", "--folder", str(folder), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    reap_descendants()
    start = json.loads(started.stdout.strip().splitlines()[-1])
    pooled, alone = start["pooled"], start["alone"]
    print(
        f"(e) the pipeline, N = {jobs}, each line in a process of its own (load average before: "
        f"{os.getloadavg()[0]:.1f}); a pool's start-up: first outcome after {pooled:.2f} s on {jobs} new "
        f"workers, {alone:.2f} s in this process"
    )
    lines = [("score", "sqlite", 1), ("score-pool", "sqlite", jobs)]
    lines += [("ingest", label, n) for label in labels for n in (1, jobs)]
    rounds: dict[tuple[str, str, int], list[Measured]] = {}
    databases: list[str] = []
    try:
        for _round in range(args.repeat):
            for kind, label, n in lines:
                if kind != "ingest":
                    url = ""
                elif label == "sqlite":
                    url = f"sqlite:///{folder.parent / f'pipeline-{uuid.uuid4().hex[:10]}.db'}"
                else:
                    url, name = postgres_database(args.postgres)
                    databases.append(name)
                rounds.setdefault((kind, label, n), []).append(measure_in_child(kind, folder, url, n))
    finally:
        for name in databases:
            drop_database(args.postgres, name)
    best = {key: min(found, key=lambda m: m.wall) for key, found in rounds.items()}
    alone_score, pool_score = best["score", "sqlite", 1], best["score-pool", "sqlite", jobs]
    print(f"(e1) score alone, {alone_score.processes:<26}{alone_score}")
    print(f"(e2) score alone, {pool_score.processes:<26}{pool_score}")
    for label in labels:
        for n, name in ((1, "e3"), (jobs, "e4")):
            line = best["ingest", label, n]
            like = alone_score if n == 1 else pool_score
            print(
                f"({name}) ingest into {label:<11}{line.processes:<26}{line}   "
                f"/ score alone on as many: {line.wall / like.wall:.2f} wall, {line.tree / like.tree:.2f} CPU; "
                f"/ (e1): {line.wall / alone_score.wall:.2f} wall"
            )


def chunks(folder: Path, paths: list[Path], per_round: int) -> list[Path]:
    """The answer files in folders of ``per_round`` files (hard links, or copies where links are refused),
    whole enterprises each (their baseline and follow-up side by side): one folder per round."""
    folders = []
    for start in range(0, len(paths), per_round):
        part = folder.parent / f"round-{start // per_round:03d}"
        part.mkdir()
        for path in paths[start : start + per_round]:
            try:
                os.link(path, part / path.name)
            except OSError:
                shutil.copyfile(path, part / path.name)
        folders.append(part)
    return folders


def open_store(
    label: str, tmp: Path, admin_url: str | None, databases: list[str]
) -> tuple[qa.Store, str, float]:
    """A new store (SQLite file, or PostgreSQL database), open, and the time its schema took to create."""
    if label == "sqlite":
        url = f"sqlite:///{tmp / f'programme-{uuid.uuid4().hex[:10]}.db'}"
    else:
        assert admin_url is not None
        url, name = postgres_database(admin_url)
        databases.append(name)
    start = time.perf_counter()
    store = qa.Store(url)
    return store, url, time.perf_counter() - start


def ingest_round(store: qa.Store, folder: Path, files: int) -> Clock:
    with Clock() as clock:
        report = store.ingest(folder)
    assert report.ok and report.count("added") == files, report.failures[:3]
    return clock


class Runs:
    """The clocks of one pace: scoring alone and each ingest, round by round (the same files in a round)."""

    def __init__(self) -> None:
        self.rounds: list[dict[str, Clock]] = []

    def best(self, label: str) -> tuple[float, float, float]:
        """The best round's wall and CPU (each the lowest of the rounds: the load moves them apart), and the
        collections of the round with the lowest CPU."""
        clocks = [r[label] for r in self.rounds]
        least = min(clocks, key=lambda c: c.cpu)
        return min(c.wall for c in clocks), least.cpu, least.collections.seconds

    def median_ratios(self, label: str) -> tuple[float, float, float, float]:
        """The median of the rounds' ratios to scoring alone, wall and CPU, and the lowest and highest wall
        ratio (how far one round can be from another on this machine)."""
        walls = [r[label].wall / r["score"].wall for r in self.rounds]
        cpus = [r[label].cpu / r["score"].cpu for r in self.rounds]
        return statistics.median(walls), statistics.median(cpus), min(walls), max(walls)


def headline(
    folders: list[Path], labels: list[str], args: argparse.Namespace, tmp: Path, databases: list[str]
) -> tuple[dict[str, Runs], dict[str, float], dict[str, str]]:
    """(a), (b), (c): each pass fills a new store of each kind, a round's files at a time; within a round
    the same files are scored alone and ingested, one run right after the other (the order turned round
    from one round to the next), so each ratio compares runs that saw the same machine load."""
    runs = {pace: Runs() for pace in PACES}
    created: dict[str, float] = {}
    last_url: dict[
        str, str
    ] = {}  # the stores of the last pass: the listing reads them (the caller drops them)
    for _pass in range(args.repeat):
        for pace, at_pace in PACES.items():
            stores: dict[str, qa.Store] = {}
            try:
                for label in labels:
                    stores[label], last_url[label], took = open_store(label, tmp, args.postgres, databases)
                    created[label] = min(created.get(label, took), took)
                with at_pace():
                    for index, folder in enumerate(folders):
                        paths = sorted(folder.iterdir())
                        order = ["score", *labels]
                        if index % 2:
                            order.reverse()
                        clocks: dict[str, Clock] = {}
                        for run in order:
                            gc.collect()
                            if run == "score":
                                clocks[run] = score_alone(paths)
                            else:
                                clocks[run] = ingest_round(stores[run], folder, len(paths))
                        runs[pace].rounds.append(clocks)
            finally:
                for store in stores.values():
                    store.close()
    return runs, created, last_url


def report_headline(runs: dict[str, Runs], labels: list[str], per_round: int) -> bool:
    """Print (a), (b), (c) per pace; True when the headline misses the aim (the median of the rounds' wall
    ratios at the command line's pace)."""
    failed = False
    for headline_pace, pace in enumerate(PACES):
        found = runs[pace]
        bare = found.best("score")
        print(
            f"at the {pace}{' (the headline)' if headline_pace == 0 else ''}: {len(found.rounds)} rounds of "
            f"{per_round} files, scoring alone and each ingest one after the other in each round"
        )
        print(f"(a) score alone            best round {per_file(bare, per_round)}")
        for label in labels:
            best = found.best(label)
            wall, cpu, low, high = found.median_ratios(label)
            verdict = "ok" if wall <= AIM_INGEST else f"ABOVE the aim of {AIM_INGEST}"
            print(
                f"    ingest into {label:<11}best round {per_file(best, per_round)}\n"
                f"        median of the rounds' ratios {wall:.2f} wall, {cpu:.2f} CPU ({verdict}; the rounds "
                f"{low:.2f}-{high:.2f} wall); best / best {best[0] / bare[0]:.2f} wall, {best[1] / bare[1]:.2f} "
                f"CPU; {1000 * (best[1] - bare[1]) / per_round:.2f} ms of CPU more a file"
            )
            if headline_pace == 0:
                failed |= wall > AIM_INGEST
    return failed


def per_file(best: tuple[float, float, float], files: int) -> str:
    wall, cpu, collections = best
    return (
        f"{1000 * wall / files:6.2f} ms wall {1000 * cpu / files:6.2f} ms CPU a file (collections "
        f"{1000 * collections / files:5.2f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="programme store: ingest vs scoring alone, and the listing")
    parser.add_argument("-n", "--enterprises", type=int, default=800)
    parser.add_argument("--checklist", default="iso9001-2015")
    parser.add_argument("--repeat", type=int, default=2, help="passes, each into new stores")
    parser.add_argument(
        "--per-round",
        type=int,
        default=100,
        help="answer files per round of (a)-(c) (even: whole enterprises)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a check in about a minute: -n 100 --repeat 1 --per-round 40, without (e)",
    )
    parser.add_argument("--postgres", default=os.environ.get("ISO9001ASSESS_TEST_POSTGRES"), metavar="URL")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes in (e) (default: all cores)")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one line of (e), run in a process of its own
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child, args.folder, args.url, args.jobs)
        return 0
    if args.quick:
        args.enterprises, args.repeat, args.per_round = min(args.enterprises, 100), 1, min(args.per_round, 40)
    per_round = max(2, args.per_round - args.per_round % 2)
    checklist = qa.load_checklist(args.checklist)
    failed = False
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f} (1 min)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "answers"
        paths = programme(checklist, args.enterprises, folder)
        print(
            f"{args.enterprises} enterprises, {len(paths)} answer files on {checklist.id} {checklist.version}"
        )
        per_round = min(per_round, len(paths))
        # Rounds of equal numbers of files (the files beyond the last whole round are left out of (a)-(c)).
        folders = chunks(folder, paths[: len(paths) - len(paths) % per_round], per_round)
        qa.score(checklist, qa.load_answers(paths[0], checklist))  # warm: registry, checklist caches
        labels = ["sqlite"] + (["postgresql"] if args.postgres else [])
        if not args.postgres:
            print(
                "(c) PostgreSQL skipped: give --postgres URL (an admin URL) or set ISO9001ASSESS_TEST_POSTGRES"
            )
        databases: list[str] = []
        try:
            runs, created, last_url = headline(folders, labels, args, Path(tmp), databases)
            failed |= report_headline(runs, labels, per_round)
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
            if args.quick:
                print("(e) skipped (--quick)")
            else:
                pipeline(folder, paths, labels, args)
        finally:
            for name in databases:
                drop_database(args.postgres, name)
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f} (1 min)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
