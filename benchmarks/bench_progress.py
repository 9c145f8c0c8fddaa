"""The staged progress report: its figures against reading the same rows bare, on a generated programme year.

    python benchmarks/bench_progress.py [-n 800]

N enterprises of the bundled Guangdong programme, generated as ``demo`` does (seeded; baselines and most
follow-ups on the base checklist), recorded in a new SQLite store; then in one process:
(a) bare: the rows the report reads, fetched with plain SQL (enterprises, current assessments' headline
    columns and recorded results, which hold the clause scores, actions, the changes of their status) and nothing else;
(b) ``qa.progress(...)`` as of 2022-11-20: the same reads as typed records, then every figure (the figures at
    the previous staged report date included);
(c) the whole report: figures, narrative drafts, and the JSON and xlsx files written.
Wall-clock medians of 3 runs. Aim: (b)/(a) <= 3 (the figures are computed in Python over records); and (c) under
a few seconds for 800 enterprises. The generation (scoring and recording) is reported per assessment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import iso9001assess as qa
from iso9001assess.staged.demo import generate_programme
from iso9001assess.staged.outputs import render
from iso9001assess.staged.report import progress_report
from iso9001assess.store import Store

AIM_FIGURES = 3.0
AS_OF = dt.date(2022, 11, 20)


def bare(database: Path) -> int:
    connection = sqlite3.connect(database)
    rows = 0
    for query in (
        "SELECT id, name, credit_code, city, industry, size, has_lab, plan_issued_on FROM enterprises",
        "SELECT id, enterprise_id, kind, assessed_on, overall, readiness, lab_verdict, major, result "
        "FROM assessments WHERE superseded_by IS NULL",
        "SELECT id, enterprise_id, item_id, opened_on, due_on FROM actions",
        # The changes after each action's opening (the opening is the action's opened_on, read above).
        "SELECT action_id, status, changed_on FROM action_events "
        "WHERE NOT (status = 'open' AND source LIKE 'assessment %') ORDER BY changed_on, id",
    ):
        rows += len(connection.execute(query).fetchall())
    connection.close()
    return rows


def timed(run: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "programme.db"
        programme = qa.load_programme("gd-2022-qms")
        with Store(database) as store:
            start = time.perf_counter()
            enterprises, assessments = generate_programme(store, args.n, programme=programme)
            generation = time.perf_counter() - start
            rows = bare(database)
            t_bare = timed(lambda: bare(database))
            t_figures = timed(lambda: qa.progress(programme, db=store, as_of=AS_OF))

            def whole() -> None:
                report = progress_report(store, programme, AS_OF, None, "zh")
                for suffix in ("json", "xlsx"):
                    render(report.figures, report.narrative, "zh", Path(folder) / f"report.{suffix}")

            t_whole = timed(whole)
        print(f"programme: {enterprises} enterprises, {assessments} assessments, {rows:,} rows read")
        print(
            f"generation (score + record): {generation:.1f} s = {generation / assessments * 1000:.1f} ms per assessment"
        )
        print(f"(a) bare SQL reads:       {t_bare:.3f} s")
        ratio = t_figures / t_bare
        print(f"(b) qa.progress figures:  {t_figures:.3f} s = {ratio:.2f}x bare (aim <= {AIM_FIGURES})")
        print(f"(c) figures + narrative + json + xlsx: {t_whole:.3f} s")


if __name__ == "__main__":
    main()
