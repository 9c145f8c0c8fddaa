"""A date written as a bare number (20260301, or the text "20260301") is said to be no date, with the form a
date takes (2026-03-01), located by line:column or Sheet!Cell, in the command's language; exit 1.

pydantic alone reads such a number as seconds since 1970: 20260301 got "should have zero time", and 86400
passed as 1970-01-02."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import CliRunner
from iso9001assess.models.answers import Answers
from xlsx_filling import MINI_ENTERPRISE, fill

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "valid" / "mini-checklist.yaml"
ANSWERS = (FIXTURES / "valid" / "mini-answers.yaml").read_text(encoding="utf-8")

ZH = "{value} 不是日期：请把日期写成 YYYY-MM-DD 的形式，例如 2026-03-01"
EN = "{value} is not a date: write the date as YYYY-MM-DD, e.g. 2026-03-01"
HANT = "{value} 不是日期：請把日期寫成 YYYY-MM-DD 的形式，例如 2026-03-01"


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)


def _said(run_cli: CliRunner, path: Path, where: str, shown: str) -> None:
    """score says, in each language, that the date at ``where`` is no date, and prints no result."""
    for lang, words, colon in (("zh", ZH, "："), ("en", EN, ": "), ("zh-Hant", HANT, "：")):
        outcome = run_cli("score", "--checklist", MINI, "--lang", lang, "--json", path)
        assert outcome.code == 1 and outcome.out == ""  # no result for the bad file: nothing on stdout
        assert outcome.err.strip() == f"{path}:{where}: date{colon}" + words.format(value=shown)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("20260301", "20260301"),
        ('"20260301"', "20260301"),
        ("'86400'", "86400"),
        ("20260301.5", "20260301.5"),
    ],
)
def test_a_number_for_a_date_in_yaml_is_said_to_be_no_date(
    run_cli: CliRunner, tmp_path: Path, written: str, shown: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS.replace("date: 2026-05-10", f"date: {written}"), encoding="utf-8")
    _said(run_cli, path, "13:9", shown)  # line 13 of mini-answers.yaml; the value after "  date: "


def test_a_number_for_a_date_in_json_is_said_to_be_no_date(run_cli: CliRunner, tmp_path: Path) -> None:
    for written, shown in (("20260301", "20260301"), ('"20260301"', "20260301")):
        path = tmp_path / "answers.json"
        # JSON problems are located at the key: line 5, column 5 of '    "date": ...'.
        path.write_text(
            '{"schema_version": 1, "checklist": "mini",\n'
            ' "enterprise": {"name": "广州某某电子科技有限公司"},\n'
            ' "assessment": {\n'
            '    "kind": "baseline",\n'
            f'    "date": {written}}},\n'
            ' "answers": {"4.1-01": 3}}\n',
            encoding="utf-8",
        )
        json.loads(path.read_text(encoding="utf-8"))  # the file itself is good JSON
        _said(run_cli, path, "5:5", shown)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (20260301, "20260301"),  # a number typed into the date cell: Excel shows ####, openpyxl #VALUE!
        (20260301.5, "20260301.5"),
        ("20260301", "20260301"),  # typed into the cell as text
    ],
)
def test_a_number_in_the_questionnaires_date_cell_is_said_to_be_no_date(
    run_cli: CliRunner, tmp_path: Path, typed: object, shown: str
) -> None:
    template = tmp_path / "mini.xlsx"
    assert run_cli("template", MINI, "--format", "xlsx", "-o", template).code == 0
    enterprise = {**MINI_ENTERPRISE, ("assessment", "date"): typed}
    fill(template, tmp_path / "filled.xlsx", enterprise, {"4.1-01": {"rating": 3}})
    _said(run_cli, tmp_path / "filled.xlsx", "Enterprise!B16", shown)


def test_a_date_cell_holding_a_serial_date_stays_a_date(run_cli: CliRunner, tmp_path: Path) -> None:
    # 46082 in the date-formatted cell is what Excel stores for 2026-03-01, and shows as that date.
    template = tmp_path / "mini.xlsx"
    assert run_cli("template", MINI, "--format", "xlsx", "-o", template).code == 0
    enterprise = {**MINI_ENTERPRISE, ("assessment", "date"): 46082}
    fill(template, tmp_path / "filled.xlsx", enterprise, {"4.1-01": {"rating": 3}})
    outcome = run_cli("score", "--checklist", MINI, "--json", tmp_path / "filled.xlsx")
    assert outcome.code == 0
    assert json.loads(outcome.out)["assessment"]["date"] == "2026-03-01"


def test_ingest_says_the_same_and_stores_nothing(run_cli: CliRunner, tmp_path: Path) -> None:
    sample = (Path(__file__).parents[1] / "samples" / "zh-plastics.yaml").read_text(encoding="utf-8")
    path = tmp_path / "zh-plastics.yaml"
    path.write_text(sample.replace("date: 2026-05-19", "date: 20260519"), encoding="utf-8")
    db = tmp_path / "programme.db"
    outcome = run_cli("ingest", "--db", db, "--lang", "en", path)
    assert outcome.code == 1
    assert f"{path}:18:9: date: " + EN.format(value="20260519") in outcome.err
    assert json.loads(run_cli("enterprises", "--db", db, "--json").out) == []


def test_the_library_refuses_a_number_for_a_date_and_keeps_real_dates() -> None:
    base = {"schema_version": 1, "checklist": "mini", "enterprise": {"name": "x"}}
    for number in (86400, "86400", 20260301, True):
        with pytest.raises(ValidationError, match="is not a date"):
            Answers.model_validate({**base, "assessment": {"date": number}})
    for written in ("2026-03-01", dt.date(2026, 3, 1)):
        assert Answers.model_validate({**base, "assessment": {"date": written}}).assessment.date == dt.date(
            2026, 3, 1
        )
