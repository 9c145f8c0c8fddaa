"""An enterprise without a laboratory: the Markdown report's table of section scores shows the laboratory section
as one row saying so, not each of its sub-sections as n/a (the trial counted 20 such rows)."""

from __future__ import annotations

from pathlib import Path

from conftest import CliRunner

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_the_lab_section_is_one_row_without_a_laboratory(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "dg.md"
    assert (
        run_cli("report", SAMPLES / "dg-textiles.yaml", "--lang", "en", "-o", out).code == 0
    )  # has_lab: false
    text = out.read_text(encoding="utf-8")
    scores = text[text.index("| **4 ") :].split("\n\n")[0].splitlines()
    lab_rows = [row for row in scores if row.startswith(("| **LAB", "| LAB"))]
    assert lab_rows == ["| **LAB Laboratory and inspection/testing capability** | No laboratory |"]
    # An enterprise with a laboratory keeps a row per laboratory sub-section, scored.
    with_lab = tmp_path / "gz.md"
    assert (
        run_cli("report", SAMPLES / "gz-electronics-baseline.yaml", "--lang", "en", "-o", with_lab).code == 0
    )
    rows = with_lab.read_text(encoding="utf-8").splitlines()
    assert sum(row.startswith("| LAB.") for row in rows) >= 19
    assert "| LAB.1 Impartiality and confidentiality | n/a |" not in rows
