"""``ingest --jobs N``: worker processes validate and score, the command's own process writes the store in the
order the files were given. Real worker processes, on SQLite and on PostgreSQL: the store they fill is the
store one process fills, row for row; bad files are the same bad files with the same words; a correction
whose original is scored last still supersedes it; a worker that dies and a Ctrl-C leave whole transactions.

A local strategy plugin, ``paced`` (the weighted strategy), lets a file say how it is scored through its
assessor: ``slow`` sleeps first (it finishes after files given after it), ``dies`` kills the worker process
scoring it. Every scoring writes its process id to a log, so a test knows where the work ran.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import DateTime, func, select

from conftest import POSTGRES_ENV, CliRunner, new_postgres_database
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.programme.runner import default_jobs
from iso9001assess.store import Store
from iso9001assess.store.schema import assessments, metadata
from iso9001assess.store.scoring import POOL_MIN_FILES, workers_for
from iso9001assess.store.store import FILES_PER_TRANSACTION, IngestReport
from store_support import answers_data, programme_files

PACED = """
import multiprocessing, os, signal, time
from iso9001assess import hookimpl
from iso9001assess.scoring import WeightedStrategy

LOG = {log!r}


class Paced(WeightedStrategy):
    def score(self, checklist, answers):
        with open(LOG, "a") as log:
            log.write(f"{{os.getpid()}}\\n")
        assessor = answers.assessment.assessor
        if assessor == "slow":
            time.sleep({slow})
        elif assessor == "dies" and multiprocessing.parent_process() is not None:  # only ever a worker
            os.kill(os.getpid(), signal.SIGKILL)
        return super().score(checklist, answers)


@hookimpl
def register_scoring_strategies(register):
    register("paced", Paced())
"""


def paced_plugin(folder: Path, slow: float = 1.5) -> tuple[Path, Path]:
    """The plugin file and the log of the processes that scored."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "scored-by.log"
    plugin = folder / "paced_strategy.py"
    plugin.write_text(textwrap.dedent(PACED.format(log=str(log), slow=slow)), "utf-8")
    return plugin, log


def scoring_processes(log: Path) -> set[int]:
    return {int(line) for line in log.read_text().split()} if log.exists() else set()


def write(path: Path, assessor: str | None = None, **fields: Any) -> Path:
    data = answers_data(**fields)
    if assessor is not None:
        data["assessment"]["assessor"] = assessor
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def mixed_folder(folder: Path) -> Path:
    """24 good files (12 enterprises), a correction whose original is slow to score, and three bad files:
    a rating out of range, a result file, an assessment without a date."""
    programme_files(folder, 12)
    write(folder / "c-original.yaml", assessor="slow", name="更正测试有限公司", ratings={"4.1-01": 1})
    write(folder / "d-corrected.yaml", name="更正测试有限公司", ratings={"4.1-01": 3})
    write(folder / "b-bad-rating.yaml", name="评分有误有限公司", ratings={"4.1-01": 9})
    (folder / "b-result.json").write_text('{"strategy": "weighted", "overall": {}}', "utf-8")
    data = answers_data(name="无日期有限公司")
    del data["assessment"]["date"]
    (folder / "b-no-date.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


@pytest.fixture
def second_url(store_url: str, tmp_path: Path) -> Iterator[str]:
    """Another new, empty store on the same kind of database as ``store_url``."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    with new_postgres_database(os.environ[POSTGRES_ENV]) as url:
        yield url


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in id order; a moment of recording (a DateTime column) only as set or not: it is the
    one thing two runs legitimately differ in. Ids are compared: one writer, the same order, the same ids."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with Store(url) as store, store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            stamps = [isinstance(column.type, DateTime) for column in table.columns]
            tables[table.name] = [
                tuple(
                    (value is not None) if stamp else value for value, stamp in zip(row, stamps, strict=True)
                )
                for row in rows
            ]
    return tables


def reported(report: IngestReport) -> tuple[list[tuple[Any, ...]], list[tuple[str, list[str]]]]:
    outcomes = [(o.source, o.status, o.enterprise_id, o.assessment_id, o.supersedes) for o in report.outcomes]
    failures = [(source, [str(problem) for problem in problems]) for source, problems in report.failures]
    return outcomes, failures


def test_workers_store_what_one_process_stores(store_url: str, second_url: str, tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path / "answers")
    plugin, log = paced_plugin(tmp_path / "plugin")
    add_local_plugins([str(plugin)])
    with Store(store_url) as store:
        alone = store.ingest(folder, strategy="paced", jobs=1)
    assert scoring_processes(log) == {os.getpid()}
    log.unlink()
    with Store(second_url) as store:
        pooled = store.ingest(folder, strategy="paced", jobs=2)
    workers = scoring_processes(log)
    assert os.getpid() not in workers and len(workers) == 2  # really scored in two worker processes
    assert reported(pooled) == reported(alone)
    outcomes, failures = reported(pooled)
    assert len(outcomes) == 26 and [status for _, status, *_ in outcomes].count("superseded") == 1
    assert [source for source, _ in failures] == [
        str(folder / name) for name in ("b-bad-rating.yaml", "b-no-date.yaml", "b-result.json")
    ]
    assert "assessment.date: the programme store needs the date of the assessment" in failures[1][1][0]
    assert "a result file: the store records answer files" in failures[2][1][0]
    first, second = table_rows(store_url), table_rows(second_url)
    assert first == second
    assert len(first["assessments"]) == 26 and len(first["enterprises"]) == 13


def test_a_correction_given_after_its_slower_original_supersedes_it(store_url: str, tmp_path: Path) -> None:
    # The original takes 1.5 s in one worker; the correction, in the other, is scored long before it. Recorded
    # in the order given, the correction still supersedes the original, as in one process.
    folder = tmp_path / "answers"
    write(folder / "a-original.yaml", assessor="slow", code=None, ratings={"4.1-01": 1})
    write(folder / "b-corrected.yaml", code=None, ratings={"4.1-01": 3})
    plugin, log = paced_plugin(tmp_path / "plugin")
    add_local_plugins([str(plugin)])
    with Store(store_url) as store:
        report = store.ingest(folder, strategy="paced", jobs=2)
        assert [(o.source, o.status) for o in report.outcomes] == [
            (str(folder / "a-original.yaml"), "added"),  # the path as given; the store keeps the name
            (str(folder / "b-corrected.yaml"), "superseded"),
        ]
        history = store.assessments(report.outcomes[0].enterprise_id, include_superseded=True)
        current = store.assessments(report.outcomes[0].enterprise_id)
        assert [r.source_name for r in history] == ["a-original.yaml", "b-corrected.yaml"]
        assert [r.source_name for r in current] == ["b-corrected.yaml"]
        assert store.answers(current[0]).answers["4.1-01"] == 3
    assert os.getpid() not in scoring_processes(log)


@pytest.mark.usefixtures("in_english")
def test_the_command_line_reports_the_same_with_workers(
    run_cli: CliRunner, store_url: str, second_url: str, tmp_path: Path
) -> None:
    folder = mixed_folder(tmp_path / "answers")
    plugin, _log = paced_plugin(tmp_path / "plugin", slow=0.5)
    runs = [
        run_cli("--plugin", plugin, "ingest", "--db", url, "--strategy", "paced", "--jobs", jobs, folder)
        for url, jobs in ((store_url, "1"), (second_url, "2"))
    ]
    assert [run.code for run in runs] == [1, 1]
    one, two = runs
    assert one.err == two.err and one.err.count("\n") == 3
    assert one.out.splitlines()[:-1] == two.out.splitlines()[:-1]  # the last line names the store
    assert "25 added, 1 corrected, 0 unchanged, bad files: 3" in two.out.splitlines()[-1]


@pytest.mark.usefixtures("in_english")
def test_the_command_line_scores_a_few_files_in_its_own_process(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    programme_files(folder, 2)  # four files: fewer than it takes for workers to pay for their start
    plugin, log = paced_plugin(tmp_path / "plugin")
    run = run_cli("--plugin", plugin, "ingest", "--db", tmp_path / "p.db", "--strategy", "paced", folder)
    assert run.code == 0, run.err
    assert "4 added" in run.out
    assert scoring_processes(log) == {os.getpid()}


def test_how_many_processes_score() -> None:
    assert workers_for(None, POOL_MIN_FILES - 1) == 1
    assert workers_for(None, POOL_MIN_FILES) == default_jobs()
    assert workers_for(1, 500) == 1
    assert workers_for(4, 3) == 3  # never more workers than files
    assert workers_for(4, 1) == 1
    assert workers_for(None, 500, checklist=object()) == 1  # type: ignore[arg-type]  # an object: scored here


def _committed(url: str) -> int:
    with Store(url) as store, store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(assessments)).scalar_one())


def _command(plugin: Path, url: str, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "iso9001assess",
        "--plugin",
        str(plugin),
        "ingest",
        "--lang",
        "en",
        "--db",
        url,
        "--strategy",
        "paced",
        "--jobs",
        "2",
        str(folder),
    ]


def test_a_worker_that_dies_stops_the_run_with_whole_transactions(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    programme_files(folder, 15)  # 30 files
    write(folder / "e0011-zz.yaml", assessor="dies", name="退出测试有限公司", date=dt.date(2026, 5, 1))
    plugin, _log = paced_plugin(tmp_path / "plugin")
    done = subprocess.run(
        _command(plugin, store_url, folder), capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 3, done.stderr
    assert "error: the worker running" in done.stderr and "was lost" in done.stderr
    assert "Traceback" not in done.stderr
    recorded = [line for line in done.stdout.splitlines() if ": recorded (" in line]
    # The dying file is the 23rd: the first transaction (20 files) may be committed, never a part of one, and
    # nothing from the dying file on.
    assert len(recorded) in (0, FILES_PER_TRANSACTION)
    assert _committed(store_url) == len(recorded)


def test_ctrl_c_exits_130_and_keeps_whole_transactions(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    programme_files(folder, 20)  # 40 files; the 21st is slow: the run is interrupted while it is scored
    write(folder / "e0010-zz.yaml", assessor="slow", name="中断测试有限公司", date=dt.date(2026, 5, 1))
    plugin, _log = paced_plugin(tmp_path / "plugin", slow=60)
    process = subprocess.Popen(
        _command(plugin, store_url, folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group: the Ctrl-C of a terminal reaches it and its workers
    )
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(FILES_PER_TRANSACTION)]
    assert all(": recorded (" in line for line in lines), lines
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert ": recorded (" not in out  # nothing after the interruption
    assert _committed(store_url) == FILES_PER_TRANSACTION
    # What was kept, in a count the store agrees with, and that running the command again is safe.
    said = re.search(r"interrupted: (\d+) files? (?:was|were) recorded before the interruption; (.*)", err)
    assert said is not None, err
    assert int(said.group(1)) == _committed(store_url) == len(lines)
    assert "running the same command again records the rest" in said.group(2)


def test_pool_workers_collect_garbage_at_the_pace_of_their_parent() -> None:
    import gc

    from iso9001assess.programme.runner import process_pool

    saved = gc.get_threshold()
    gc.set_threshold(12_345, 17, 19)
    try:
        with process_pool(1) as pool:
            assert pool.submit(gc.get_threshold).result(timeout=60) == (12_345, 17, 19)
    finally:
        gc.set_threshold(*saved)
