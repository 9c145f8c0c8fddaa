"""``report`` of a follow-up says so when it finds no baseline: without one the report has no progress chapter,
and a user should not have to notice the chapter's absence to learn that the pairing failed."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from conftest import CliRunner

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FOLLOW_UP = "gz-electronics-followup.yaml"
BASELINE = "gz-electronics-baseline.yaml"
PROGRESS_CHAPTER = "与基线评估对比"  # the progress chapter's title (zh)


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def test_a_follow_up_alone_in_its_folder_is_reported_with_a_notice(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    shutil.copy(SAMPLES / FOLLOW_UP, tmp_path / FOLLOW_UP)
    out = tmp_path / "fu.pdf"
    outcome = run_cli("report", tmp_path / FOLLOW_UP, "-o", out)
    assert outcome.code == 0, outcome.err
    assert f"{tmp_path / FOLLOW_UP}：这是跟踪评估，但在 {tmp_path} 中没有找到它的基线评估" in outcome.err
    assert "--baseline" in outcome.err
    assert out.is_file() and PROGRESS_CHAPTER not in _text(out)

    english = run_cli("report", tmp_path / FOLLOW_UP, "-o", tmp_path / "fu-en.pdf", "--lang", "en")
    assert english.code == 0, english.err
    assert f"a follow-up, but no baseline for it was found in {tmp_path}" in english.err


def test_no_notice_when_the_baseline_is_beside_it(tmp_path: Path, run_cli: CliRunner) -> None:
    for name in (FOLLOW_UP, BASELINE):
        shutil.copy(SAMPLES / name, tmp_path / name)
    outcome = run_cli("report", tmp_path / FOLLOW_UP, "-o", tmp_path / "fu.pdf")
    assert outcome.code == 0, outcome.err
    assert "基线" not in outcome.err
    assert PROGRESS_CHAPTER in _text(tmp_path / "fu.pdf")


def test_no_notice_for_a_baseline(tmp_path: Path, run_cli: CliRunner) -> None:
    shutil.copy(SAMPLES / BASELINE, tmp_path / BASELINE)
    outcome = run_cli("report", tmp_path / BASELINE, "-o", tmp_path / "b.pdf")
    assert outcome.code == 0, outcome.err
    assert outcome.err == ""
