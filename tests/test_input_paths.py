"""Every command that takes input paths says the same words for the same case: a missing file, a missing
folder, a file it cannot read. Read from each command's stderr, in Chinese (the default) and with --lang en;
exit 1 and nothing written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliRunner

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "samples" / "zh-plastics.yaml"

# Each command, given the path P, with its outputs under the test's folder.
COMMANDS: dict[str, Callable[[Path, Path], tuple[str | Path, ...]]] = {
    "score": lambda path, tmp: ("score", path),
    "report": lambda path, tmp: ("report", path, "-o", tmp / "out" / "report.pdf"),
    "ingest": lambda path, tmp: ("ingest", "--db", tmp / "programme.db", path),
    "batch": lambda path, tmp: ("batch", path, "-o", tmp / "out"),
    "portfolio": lambda path, tmp: ("portfolio", path, "-o", tmp / "out" / "portfolio.pdf"),
    "compare-baseline": lambda path, tmp: ("compare", path, SAMPLE),
    "compare-followup": lambda path, tmp: ("compare", SAMPLE, path),
    "checklists-validate": lambda path, tmp: ("checklists", "validate", path),
}


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)


def _first_line(run_cli: CliRunner, command: str, path: Path, tmp: Path, *lang: str) -> str:
    outcome = run_cli(*COMMANDS[command](path, tmp), *lang)
    assert outcome.code == 1, outcome.err
    assert not (tmp / "out" / "report.pdf").exists() and not (tmp / "out" / "portfolio.pdf").exists()
    return outcome.err.splitlines()[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_file(run_cli: CliRunner, tmp_path: Path, command: str) -> None:
    path = tmp_path / "nowhere.yaml"
    assert _first_line(run_cli, command, path, tmp_path) == f"{path}: 文件不存在：请核对文件名和所在的文件夹"
    assert _first_line(run_cli, command, path, tmp_path, "--lang", "en") == (
        f"{path}: no such file: check the file's name and its folder"
    )
    assert _first_line(run_cli, command, path, tmp_path, "--lang", "zh-Hant") == (
        f"{path}: 檔案不存在：請核對檔名和所在的資料夾"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_named(run_cli: CliRunner, tmp_path: Path, command: str) -> None:
    folder = tmp_path / "gone"
    path = folder / "deeper" / "answers.yaml"  # the first folder missing on the way is the one named
    assert _first_line(run_cli, command, path, tmp_path) == f"{path}: 文件夹 {folder} 不存在：请核对路径"
    assert _first_line(run_cli, command, path, tmp_path, "--lang", "en") == (
        f"{path}: no such folder: {folder}"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_cannot_be_read_says_why(run_cli: CliRunner, tmp_path: Path, command: str) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("not a folder", encoding="utf-8")
    path = plain / "answers.yaml"  # a file where a folder should be on the way: the system refuses (ENOTDIR)
    assert _first_line(run_cli, command, path, tmp_path) == f"{path}: 无法读取文件：路径中有一部分不是文件夹"
    assert _first_line(run_cli, command, path, tmp_path, "--lang", "en") == (
        f"{path}: cannot read the file: Not a directory"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a file whatever its mode")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_without_read_permission_says_why(run_cli: CliRunner, tmp_path: Path, command: str) -> None:
    path = tmp_path / "locked.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    path.chmod(0)
    try:
        assert _first_line(run_cli, command, path, tmp_path) == (
            f"{path}: 无法读取文件：没有权限（请检查文件或文件夹的访问权限）"
        )
        assert _first_line(run_cli, command, path, tmp_path, "--lang", "en") == (
            f"{path}: cannot read the file: Permission denied"
        )
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("command", ["batch", "ingest", "portfolio"])
def test_a_missing_folder_given_as_an_input(run_cli: CliRunner, tmp_path: Path, command: str) -> None:
    # These commands take folders: a name without a suffix that is not there is a missing folder.
    path = tmp_path / "answers"
    assert _first_line(run_cli, command, path, tmp_path) == f"{path}: 文件夹 {path} 不存在：请核对路径"
    assert _first_line(run_cli, command, path, tmp_path, "--lang", "en") == f"{path}: no such folder: {path}"
