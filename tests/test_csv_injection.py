"""Every CSV file the library writes (item CSV, summary.csv, portfolio.csv) goes through one writer with one
guard: a field never splits its row, and no cell reaches a spreadsheet as a formula — checked with the csv
module and with LibreOffice itself."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from iso9001assess.exporters.csv_table import FORMULA_STARTS, cell, csv_bytes
from iso9001assess.programme.portfolio import build_portfolio
from iso9001assess.programme.portfolio_export import portfolio_csv
from iso9001assess.programme.summary import summary_csv
from test_portfolio_export import summary

HOSTILE = [
    "ACME Ltd\r=2+2",
    "\r=2+2",
    "\t=1+1",
    "\n@SUM(A1)",
    "-2+3",
    "+cmd|' /C calc'!A0",
    '=HYPERLINK("x")',
]


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _summaries() -> list:  # type: ignore[type-arg]
    return [
        summary(f"s{n}", name, 50.0 + n, None, city=text, industry=text, size="small")
        for n, (name, text) in enumerate(zip(HOSTILE, reversed(HOSTILE), strict=True))
    ]


@pytest.mark.parametrize("text", HOSTILE[1:])
def test_text_that_a_spreadsheet_would_run_is_quoted_as_text(text: str) -> None:
    assert cell(text) == "'" + text
    assert not cell(text).startswith(FORMULA_STARTS)


def test_numbers_stay_numbers() -> None:
    assert [cell(v) for v in (-3, 2.5, None, True, "ok")] == ["-3", "2.5", "", "true", "ok"]


def test_a_carriage_return_in_a_field_never_splits_the_row() -> None:
    rows = _rows(csv_bytes(["a", "b"], [["ACME Ltd\r=2+2", "x"], ["\r=2+2", "y"]]))
    assert rows == [["a", "b"], ["ACME Ltd\r=2+2", "x"], ["'\r=2+2", "y"]]


def test_summary_csv_keeps_one_row_per_enterprise_and_no_formula() -> None:
    rows = _rows(summary_csv(_summaries()))
    assert len(rows) == 1 + len(HOSTILE)
    assert [row[1] for row in rows[1:]] == ["ACME Ltd\r=2+2", *("'" + name for name in HOSTILE[1:])]
    for row in rows:
        assert not any(value.startswith(FORMULA_STARTS) for value in row)


def test_portfolio_csv_has_no_formula_cell() -> None:
    rows = _rows(portfolio_csv(build_portfolio(_summaries())))
    width = len(rows[0])
    assert all(len(row) == width for row in rows)
    for row in rows:
        assert not any(value.startswith(FORMULA_STARTS) for value in row), row
    assert any(row[1] == "'\r=2+2" for row in rows)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_evaluates_no_cell_of_summary_or_portfolio(tmp_path: Path) -> None:
    summaries = _summaries()
    (tmp_path / "summary.csv").write_bytes(summary_csv(summaries))
    (tmp_path / "portfolio.csv").write_bytes(portfolio_csv(build_portfolio(summaries)))
    profile = tmp_path / "profile"
    for name in ("summary", "portfolio"):
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--infilter=CSV:44,34,76,1",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp_path),
                str(tmp_path / f"{name}.csv"),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        workbook = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        sheet = workbook.active
        assert sheet is not None
        formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == []
        if name == "summary":
            assert sheet.max_row == 1 + len(HOSTILE)  # the CR inside "ACME Ltd\r=2+2" split no row
