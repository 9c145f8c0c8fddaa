"""``iso9001assess report`` writing the PDF, CSV and Markdown exporters from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from iso9001assess.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
ANSWERS = str(FIXTURES / "mini-answers.yaml")
CHECKLIST = str(FIXTURES / "mini-checklist.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The console entry point as a user runs it: the exit code, and stdout with stderr."""
    try:
        main(["report", ANSWERS, "--checklist", CHECKLIST, *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_report_writes_a_pdf_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "acme.pdf"
    code, text = run(capsys, "-o", str(output), "--lang", "en")
    assert code == 0, text
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    assert "Page 1 of" in reader.pages[0].extract_text()
    assert list(tmp_path.iterdir()) == [output]  # no temporary file left behind


def test_report_with_a_baseline_adds_the_progress_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "acme.pdf"
    code, text = run(capsys, "-o", str(output), "--baseline", ANSWERS)
    assert code == 0, text
    pages = PdfReader(io.BytesIO(output.read_bytes())).pages
    assert any("与基线评估对比" in page.extract_text() for page in pages)


@pytest.mark.usefixtures("in_english")
def test_a_missing_font_is_exit_1_and_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "acme.pdf"
    missing = tmp_path / "nope.ttf"
    code, text = run(capsys, "-o", str(output), "--font", str(missing))
    assert code == 1
    assert f"{missing}: font file not found" in text
    assert "Traceback" not in text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("in_english")
def test_the_font_can_come_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISO9001ASSESS_FONT", str(tmp_path / "env.ttf"))
    code, text = run(capsys, "-o", str(tmp_path / "acme.pdf"))
    assert code == 1
    assert "env.ttf: font file not found" in text


def test_csv_and_markdown_are_chosen_by_suffix_or_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, extra in (("acme.csv", []), ("acme.md", []), ("summary.txt", ["--format", "md"])):
        output = tmp_path / name
        code, text = run(capsys, "-o", str(output), *extra)
        assert code == 0, text
        assert "广州某某电子科技有限公司" in output.read_text(encoding="utf-8-sig")
