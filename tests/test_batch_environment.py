"""When the environment fails, not the input: a full disk, a read-only output folder, a temporary file left
by a killed writer, a bad cluster address. Exit 3 (2 for a bad option value) with what failed, stopped at the
first failure, nothing half-written, no good input listed as bad."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.errors import EnvironmentFailure
from iso9001assess.files import _writer, remove_stale_parts
from test_batch import MINI, answers, rows, write


@pytest.fixture
def four(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for n in range(4):
        write(folder / f"ent-{n:02d}.yaml", answers(enterprise={"name": f"企业{n}", "credit_code": None}))
    return folder


@contextlib.contextmanager
def tmpfs(path: Path, *options: str) -> Iterator[Path]:
    """A real small or read-only file system (a tmpfs; needs the right to mount, which CI's root has)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _whole(folder: Path) -> list[str]:
    """The names in ``folder``, after checking each output is whole (PDF parses, JSON parses)."""
    for path in folder.iterdir():
        if path.suffix == ".pdf":
            assert PdfReader(path).pages
        elif path.suffix == ".json" and not path.name.startswith("."):  # not the manifest
            qa.models.Result.model_validate_json(path.read_text(encoding="utf-8"))
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.usefixtures("in_english")
def test_a_full_disk_stops_the_batch_with_exit_3(four: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    with tmpfs(tmp_path / "disk", "size=24k") as disk:
        out = disk / "out"
        outcome = run_cli(
            "batch", four, "-o", out, "--checklist", MINI, "--formats", "json,pdf", "--jobs", "1"
        )
        assert outcome.code == 3, outcome.err
        lines = outcome.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: cannot write {out}/ent-")
        assert lines[0].endswith(": No space left on device")
        names = _whole(out)
        assert "errors.txt" not in names and "summary.csv" not in names  # no good input listed as bad
        assert not [name for name in names if name.endswith(".part")]
        # Each enterprise has all its formats or none (the one whose PDF did not fit lost its JSON too).
        stems = {name.rsplit(".", 1)[0] for name in names if not name.startswith(".")}  # not the manifest
        assert all({f"{stem}.json", f"{stem}.pdf"} <= set(names) for stem in stems)


@pytest.mark.usefixtures("in_english")
def test_a_read_only_output_folder_fails_before_any_work(
    four: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    with tmpfs(tmp_path / "ro", "size=64k", "ro") as folder:
        outcome = run_cli("batch", four, "-o", folder, "--checklist", MINI, "--formats", "json")
        assert outcome.code == 3
        assert outcome.err == f"error: cannot write to {folder}: Read-only file system\n"
        assert list(folder.iterdir()) == []


def test_the_api_raises_environment_failure(four: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=64k", "ro") as folder, pytest.raises(EnvironmentFailure):
        qa.batch(four, folder, checklist=MINI, formats=["json"], jobs=1)


@pytest.mark.parametrize(
    ("stem", "fmt", "own"),
    [
        ("summary", "csv", "summary.csv"),
        ("SUMMARY", "csv", "summary.csv"),
        ("portfolio", "json", "portfolio.json"),
    ],
)
def test_an_input_never_takes_the_name_of_a_batch_file(stem: str, fmt: str, own: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / f"{stem}.yaml", answers())
    write(folder / "other.yaml", answers(enterprise={"name": "Other", "credit_code": None}))
    report = qa.batch(
        folder, tmp_path / "out", checklist=MINI, formats=[fmt], jobs=1, portfolio_formats=["json"]
    )
    if stem == "portfolio":  # a batch's own output is never read as an input (portfolio OUTDIR reads results)
        assert [summary.source for summary in report.summaries] == ["other"]
        return
    assert [str(p) for p in report.problems] == [
        f"{folder / (stem + '.yaml')}: its output {stem}.{fmt} would overwrite the batch's own {stem}.{fmt}; "
        "rename the file"
    ]
    assert [row["source"] for row in rows(tmp_path / "out" / own)] == ["other"]


def test_stems_that_differ_only_in_case_collide(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "Acme.yaml", answers())
    write(folder / "acme.yaml", answers())
    report = qa.batch(
        folder, tmp_path / "out", checklist=MINI, formats=["json"], jobs=1, portfolio_formats=[]
    )
    assert len(report.summaries) == 1 and len(report.failures) == 1
    assert "same name 'acme'" in str(report.failures[0].problems[0])


def test_temporary_files_of_dead_writers_are_removed_and_live_ones_kept(four: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    host, _, _ = _writer().partition("-")
    dead_pid = _finished_pid()
    stale = out / f".ent-00.pdf.{host}-{dead_pid}.k2j3h4.part"
    other_host = out / f".ent-02.pdf.00000000-{dead_pid}.zz.part"
    for path in (stale, other_host):
        path.write_bytes(b"")
    with _writer_at_work(out / "ent-01.pdf") as live:
        qa.batch(four, out, checklist=MINI, formats=["json"], jobs=1, portfolio_formats=[])
        assert not stale.exists()
        # A live writer's, and another machine's: not ours to judge.
        assert live.exists() and other_host.exists()
        assert remove_stale_parts(out) == []


def test_a_killed_writer_left_unreaped_or_whose_pid_was_reused_is_known_dead(tmp_path: Path) -> None:
    with _writer_at_work(tmp_path / "zombie.pdf") as zombie_part:
        os.kill(_writer_pid(zombie_part), signal.SIGKILL)
        # Killed and never waited for: its pid stays taken (a zombie), as when no init reaps orphaned workers.
        _wait_until_dead(_writer_pid(zombie_part))
        reused = tmp_path / f".reused.pdf.{_writer()}.x1y2.part"  # our own, live pid: the pid was reused
        reused.write_bytes(b"")
        assert sorted(remove_stale_parts(tmp_path)) == sorted([zombie_part, reused])


_HOLD_A_WRITE = """
import sys
from iso9001assess.files import atomic_write
with atomic_write(sys.argv[1]) as stream:
    stream.write(b"half")
    print("writing", flush=True)
    sys.stdin.read()
"""


@contextlib.contextmanager
def _writer_at_work(target: Path) -> Iterator[Path]:
    """Another process in the middle of writing ``target``; yields its temporary file. The process is reaped
    only on leaving, so one killed inside stays a zombie until then."""
    with subprocess.Popen(
        [sys.executable, "-c", _HOLD_A_WRITE, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as process:
        try:
            assert process.stdout is not None and process.stdout.readline() == b"writing\n"
            (part,) = target.parent.glob(f".{target.name}.*.part")
            yield part
        finally:
            process.kill()


def _writer_pid(part: Path) -> int:
    return int(part.name.split(".")[-3].rpartition("-")[2])


def _wait_until_dead(pid: int) -> None:
    for _ in range(500):
        if Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} did not die")


def _finished_pid() -> int:
    """The pid of a process that has ended (free, as a killed writer's is)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("foo", "give the scheduler's address, tcp://HOST:8786"),
        ("http://127.0.0.1:8787", "http:// is the dashboard's address"),
        ("tcp://127.0.0.1", "needs a host and a port"),
        ("tls://127.0.0.1:8786", "tls:// needs Dask's TLS settings"),
    ],
)
@pytest.mark.usefixtures("in_english")
def test_a_bad_executor_address_is_a_usage_error(
    address: str, says: str, four: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    outcome = run_cli("batch", four, "-o", tmp_path / "out", "--executor", address)
    assert outcome.code == 2
    assert says in outcome.err and "Traceback" not in outcome.err
    assert not (tmp_path / "out").exists()


def test_an_os_error_escaping_a_command_is_exit_3(tmp_path: Path, run_cli: CliRunner) -> None:
    with tmpfs(tmp_path / "ro", "size=64k", "ro") as folder:
        outcome = run_cli("template", "iso9001-2015", "-o", folder / "t.yaml")
    assert outcome.code == 3
    assert "Read-only file system" in outcome.err


def test_a_folder_of_xls_and_ods_is_told_to_save_them_as_xlsx(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "b.ods").write_bytes(b"PK\x03\x04")  # the start of a ZIP package, cut short
    report = qa.batch(
        folder, tmp_path / "out", checklist=MINI, formats=["json"], jobs=1, portfolio_formats=[]
    )
    messages = [str(problem) for problem in report.problems]
    assert len(messages) == 2
    assert "save it as an Excel workbook (.xlsx)" in messages[0]
    assert messages[1] == (
        f"{folder / 'b.ods'}: this is an OpenDocument spreadsheet (.ods); open it in Excel, WPS or LibreOffice "
        "and save it as an Excel workbook (.xlsx)"
    )
