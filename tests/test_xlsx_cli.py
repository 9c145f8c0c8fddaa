"""The Excel path on the command line: template --format xlsx, score and report of .xlsx answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

import iso9001assess as qa
from iso9001assess.cli import main
from iso9001assess.i18n import message
from iso9001assess.plugin_manager import reset_registry
from iso9001assess.rounding import format_number
from xlsx_filling import MINI_ANSWERS, MINI_ENTERPRISE, fill, item_rows

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = str(FIXTURES / "mini-checklist.yaml")
COMMAND = str(Path(sys.executable).parent / "iso9001assess")


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    reset_registry()
    yield
    reset_registry()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def full_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "questionnaire.xlsx"
    main(["template", "iso9001-2015", "--format", "xlsx", "--lang", "en", "-o", str(path)])
    return path


def _bundled_answers() -> dict[str, dict[str, object]]:
    """A rating for every other item of the bundled checklist, and N/A on its first excludable item."""
    checklist = qa.load_checklist("iso9001-2015")
    answers: dict[str, dict[str, object]] = {}
    for index, (item, _) in enumerate(checklist.iter_items()):
        if index % 2 == 0:
            answers[item.id] = {"rating": index % 5, "note": f"note {index}"}
    excludable = next(item for item, _ in checklist.iter_items() if item.excludable)
    answers[excludable.id] = {"rating": "N/A", "justification": "does not apply"}
    return answers


def test_template_score_and_report_of_a_filled_workbook(
    full_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _bundled_answers()
    acme = tmp_path / "acme.xlsx"
    fill(
        full_template,
        acme,
        {("enterprise", "name"): "Acme Electronics", ("enterprise", "has_lab"): "yes"},
        answers,
    )
    yaml_answers = {
        item_id: (
            {"na": True, "justification": cells["justification"]} if cells["rating"] == "N/A" else cells
        )
        for item_id, cells in answers.items()
    }
    same = {
        "schema_version": 1,
        "checklist": "iso9001-2015",
        "enterprise": {"name": "Acme Electronics"},
        "answers": yaml_answers,
    }
    (tmp_path / "acme.json").write_text(json.dumps(same), encoding="utf-8")

    code, out, err = run(capsys, "score", "--json", str(acme))
    assert (code, err) == (0, "")
    from_excel = json.loads(out)
    code, out, _ = run(capsys, "score", "--json", str(tmp_path / "acme.json"))
    assert code == 0 and from_excel == json.loads(out)

    code, out, err = run(capsys, "score", "--lang", "en", str(acme))
    assert code == 0
    assert out.startswith(f"{acme}: overall {format_number(from_excel['overall']['score'])}, ")

    code, out, err = run(
        capsys, "report", str(acme), "-o", str(tmp_path / "acme-result.xlsx"), "--lang", "en"
    )
    assert (code, err) == (0, "")
    summary = openpyxl.load_workbook(tmp_path / "acme-result.xlsx")["Summary"]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert values["Enterprise"] == "Acme Electronics"
    assert values["QMS overall score"] == from_excel["overall"]["score"]


@pytest.mark.usefixtures("in_english")  # English words (the command inherits the environment)
def test_bad_cells_exit_1_with_sheet_and_cell(full_template: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(full_template)
    rows = item_rows(workbook)
    at_row_17 = next(item for item, row in rows.items() if row == 17)
    bad = tmp_path / "bad.xlsx"
    fill(
        full_template,
        bad,
        {("enterprise", "name"): "Acme", ("enterprise", "size"): "huge"},
        {at_row_17: {"rating": 3}},
    )
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    done = subprocess.run([COMMAND, "score", str(bad)], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert (
        done.stderr == f"{bad}:Enterprise!B10: size: Input should be 'micro', 'small', 'medium' or 'large'\n"
    )
    fill(full_template, bad, {("enterprise", "name"): "Acme"}, {at_row_17: {"rating": 7}})
    done = subprocess.run([COMMAND, "score", str(bad)], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr == f"{bad}:Answers!D17: rating 7 is not on the scale 0–4\n"
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_file_that_is_not_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("hello", encoding="utf-8")
    code, _out, err = run(capsys, "score", "--lang", "en", str(path))
    assert code == 1
    assert err == f"{path}: not an Excel workbook (.xlsx): the file is not an Office Open XML (ZIP) package\n"


def test_good_and_bad_files_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "mini.xlsx"
    code, out, _ = run(capsys, "template", MINI, "--format", "xlsx", "-o", str(template))
    assert code == 0 and out == message("cli.status.wrote", "zh", path=template) + "\n"
    fill(template, tmp_path / "good.xlsx", MINI_ENTERPRISE, MINI_ANSWERS)
    rows = fill(template, tmp_path / "bad.xlsx", MINI_ENTERPRISE, {**MINI_ANSWERS, "4.1-01": {"rating": -1}})
    code, out, err = run(
        capsys,
        "score",
        "--checklist",
        MINI,
        "--lang",
        "en",
        str(tmp_path / "good.xlsx"),
        str(tmp_path / "bad.xlsx"),
    )
    assert code == 1
    assert out.startswith(
        f"{tmp_path / 'good.xlsx'}: overall 56.3, maturity 3 (Defined), readiness: Not ready; lab index 100.0,"
    )
    assert err == (
        f"{tmp_path / 'bad.xlsx'}:Answers!D{rows['4.1-01']}: 4.1-01: Input should be greater than or equal to 0\n"
    )


def test_overlay_from_a_plugin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plugin = tmp_path / "mini_pack.py"
    plugin.write_text(
        "from iso9001assess import hookimpl\n\n"
        "@hookimpl\n"
        "def register_checklists(register):\n"
        f"    register({MINI!r})\n"
        f"    register({str(FIXTURES / 'mini-overlay-electronics.yaml')!r})\n",
        encoding="utf-8",
    )
    template = tmp_path / "overlay.xlsx"
    code, _, err = run(
        capsys,
        "--plugin",
        str(plugin),
        "template",
        "mini-electronics",
        "--format",
        "xlsx",
        "-o",
        str(template),
    )
    assert (code, err) == (0, "")
    filled = tmp_path / "filled.xlsx"
    fill(
        template,
        filled,
        {("enterprise", "name"): "Acme"},
        {"4.1-E01": {"rating": 4}, "8.5-E01": {"rating": 0}},
    )
    code, out, err = run(capsys, "--plugin", str(plugin), "score", "--json", str(filled))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["checklist"]["id"] == "mini-electronics"
    # only the answered items score: 4.1-E01 w2·1 and 8.5-E01 w1·0 -> 100 × 2 / 3; the rest is not assessed
    assert result["overall"]["score"] == 100 * 2 / 3
    # a critical item rated 0 is a major finding; critical items not assessed are none
    assert [f["item_id"] for f in result["findings"] if f["grade"] == "major"] == ["8.5-E01"]
    assert result["overall"]["readiness"] == "incomplete"


@pytest.mark.usefixtures("in_english")
def test_template_without_openpyxl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, _out, err = run(capsys, "template", MINI, "--format", "xlsx", "-o", str(tmp_path / "t.xlsx"))
    assert code == 1
    assert err == (
        "error: the Excel questionnaire needs the package 'openpyxl'; "
        "install it with: pip install 'iso9001assess[xlsx]'\n"
    )
    assert not (tmp_path / "t.xlsx").exists()
