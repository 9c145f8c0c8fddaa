"""The problems of a filled questionnaire, of an action tracker and of a programme file are said in the
command's language: Chinese by default, English with ``--lang en``, located as before (Sheet!Cell,
line:column). The text is read from the command's stderr."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import CliRunner
from iso9001assess.i18n import message
from store_support import credit_code, write_answers
from xlsx_filling import MINI_ENTERPRISE, fill

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "valid" / "mini-checklist.yaml"
FIRST = 5  # the tracker's first action row
CODE = credit_code(81)


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)


def _lines(text: str) -> list[str]:
    return text.strip().splitlines()


def test_a_questionnaire_changed_by_hand_is_reported_in_chinese_or_in_english(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    template = tmp_path / "mini.xlsx"
    assert run_cli("template", MINI, "--format", "xlsx", "-o", template).code == 0
    rows = fill(template, tmp_path / "filled.xlsx", MINI_ENTERPRISE, {"4.1-01": {"rating": 3}})
    workbook = openpyxl.load_workbook(tmp_path / "filled.xlsx")
    sheet = workbook["Answers"]
    last = sheet.max_row
    sheet[f"A{last + 1}"], sheet[f"D{last + 1}"] = "4.1-01", 2  # a copied row
    sheet[f"D{last + 2}"] = 3  # a rating on a row with no item id
    workbook.save(tmp_path / "bad.xlsx")
    bad = tmp_path / "bad.xlsx"

    chinese = run_cli("score", "--checklist", MINI, bad)
    assert chinese.code == 1 and chinese.out == ""
    assert _lines(chinese.err) == [
        f"{bad}:Answers!A{last + 1}: 检查项 '4.1-01' 出现了两次（第 {rows['4.1-01']} 行和第 {last + 1} 行）；"
        "请删去复制出来的那一行",
        f"{bad}:Answers!A{last + 2}: " + message("errors.xlsx.answer_without_id", "zh"),
    ]
    english = run_cli("score", "--checklist", MINI, "--lang", "en", bad)
    assert english.code == 1
    assert _lines(english.err) == [
        f"{bad}:Answers!A{last + 1}: item '4.1-01' is listed twice (rows {rows['4.1-01']} and {last + 1})",
        f"{bad}:Answers!A{last + 2}: an answer on a row with no item id in column A",
    ]
    traditional = run_cli("score", "--checklist", MINI, "--lang", "zh-Hant", bad)
    assert _lines(traditional.err)[1] == (
        f"{bad}:Answers!A{last + 2}: 這一行填了答案，但 A 欄沒有檢查項編號；請把答案填到對應檢查項的行裡，不要新增行"
    )


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("notes.xlsx", b"hello", "errors.xlsx.not_a_package"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "errors.xlsx.old_or_protected"),
    ],
)
def test_a_file_that_is_no_questionnaire_is_named_in_the_readers_language(
    run_cli: CliRunner, tmp_path: Path, name: str, content: bytes, key: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    chinese = run_cli("score", path)
    assert chinese.code == 1
    assert chinese.err.strip() == f"{path}: " + message(key, "zh")
    english = run_cli("score", "--lang", "en", path)
    assert english.err.strip() == f"{path}: " + message(key, "en")
    assert message(key, "zh") != message(key, "en")


def test_another_spreadsheet_is_named_for_what_it_is(run_cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.ods"
    path.write_bytes(b"not a zip")
    assert run_cli("score", path).err.strip() == (
        f"{path}: 这是 OpenDocument 电子表格（.ods）；请在 Excel、WPS 或 LibreOffice 中打开，"
        "另存为 Excel 工作簿（.xlsx）"
    )
    assert run_cli("score", "--lang", "en", path).err.strip() == (
        f"{path}: this is an OpenDocument spreadsheet (.ods); open it in Excel, WPS or LibreOffice and save it "
        "as an Excel workbook (.xlsx)"
    )


def _chinese_tracker(run_cli: CliRunner, tmp_path: Path) -> Path:
    """A tracker written in Chinese (batch's default language), with a status and a due date mistyped."""
    write_answers(tmp_path / "in" / "acme.yaml", code=CODE, date="2026-04-16")
    out = tmp_path / "out"
    batch = run_cli(
        "batch", tmp_path / "in", "-o", out, "--formats", "plan", "--portfolio-formats", "", "--jobs", "1"
    )
    assert batch.code == 0, batch.err
    workbook = openpyxl.load_workbook(out / "acme.plan.xlsx")
    sheet = workbook["Plan"]
    sheet[f"I{FIRST}"] = "almost there"
    sheet[f"G{FIRST + 1}"] = "next week"
    workbook.save(tmp_path / "filled.xlsx")
    return tmp_path / "filled.xlsx"


def test_a_trackers_problems_are_said_in_the_readers_language_with_the_trackers_own_choices(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    filled = _chinese_tracker(run_cli, tmp_path)
    db = tmp_path / "programme.db"
    chinese = run_cli("ingest", "--db", db, filled)
    assert chinese.code == 1
    assert _lines(chinese.err) == [
        f"{filled}:Plan!I{FIRST}: 无法识别的状态 'almost there'；请从下拉列表中选择一项"
        "（未开始；进行中；已完成；已验证关闭；重新打开）",
        f"{filled}:Plan!G{FIRST + 1}: 'next week' 不是日期；请填写日期，例如 2026-08-31",
        # Every problem at once: the enterprise's answers were not ingested into this store either.
        f"{filled}:_binding!B4: 企业“广州禾川智控电子有限公司” ({CODE})不在此项目数据库中；请先导入该企业的评估数据",
    ]
    # In English the words around them change; the choices stay those of the Chinese tracker's dropdown.
    english = run_cli("ingest", "--db", db, "--lang", "en", filled)
    assert english.code == 1
    assert _lines(english.err) == [
        f"{filled}:Plan!I{FIRST}: unknown status 'almost there'; choose one from the list "
        "(未开始；进行中；已完成；已验证关闭；重新打开)",
        f"{filled}:Plan!G{FIRST + 1}: 'next week' is not a date; enter a date such as 2026-08-31",
        f"{filled}:_binding!B4: the enterprise 广州禾川智控电子有限公司 ({CODE}) is not in this programme store; "
        "ingest its answers first",
    ]


def test_a_tracker_given_as_answers_is_named_in_the_readers_language(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    filled = _chinese_tracker(run_cli, tmp_path)
    assert run_cli("score", filled).err.strip() == (
        f"{filled}: 这是整改跟踪表，不是评估答卷；请用 iso9001assess ingest 文件名 导入它"
    )


def test_a_programme_files_problems_are_said_in_the_readers_language(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    bad = FIXTURES / "invalid" / "programme-phases-out-of-order.yaml"
    args = ("progress", "--programme", bad, "--db", tmp_path / "programme.db", "--json")
    chinese = run_cli(*args)
    assert chinese.code == 1 and chinese.out == ""
    assert chinese.err.strip() == (
        f"{bad}:18:44: 阶段 'accept' 的开始日期（2022-03-10）早于排在它前面的阶段；请按开始日期的先后排列各阶段"
    )
    english = run_cli(*args, "--lang", "en")
    assert english.err.strip() == (
        f"{bad}:18:44: the phase 'accept' starts (2022-03-10) before the phase listed before it"
    )
    assert not (tmp_path / "programme.db").exists()  # refused before the store is opened
    # programme validate says the same, in the same languages.
    validated = run_cli("programme", "validate", bad)
    assert validated.code == 1 and validated.err == chinese.err
    assert run_cli("programme", "validate", "--lang", "en", bad).err == english.err
    assert run_cli("programme", "validate", "--lang", "zh-Hant", bad).err.strip() == (
        f"{bad}:18:44: 階段 'accept' 的開始日期（2022-03-10）早於排在它前面的階段；請按開始日期的先後排列各階段"
    )


def test_every_problem_of_a_workbook_or_programme_has_its_own_chinese_words() -> None:
    from iso9001assess.i18n import catalogue

    keys = [
        key
        for key in catalogue().keys("en")
        if key.startswith(("errors.xlsx.", "errors.tracker.", "errors.programme."))
    ]
    assert len(keys) == 51  # 20 of the questionnaire, 13 of the tracker, 18 of programme files
    for key in keys:
        for lang in ("zh", "zh-Hant"):
            assert message(key, lang) != message(key, "en"), (key, lang)


def test_a_programme_files_structure_problems_are_said_too(run_cli: CliRunner, tmp_path: Path) -> None:
    good = (FIXTURES / "invalid" / "programme-phases-out-of-order.yaml").read_text(encoding="utf-8")
    # A date written as a number (the model's own validator), and a file without its schema_version.
    number_date = tmp_path / "number-date.yaml"
    number_date.write_text(good.replace("start: 2022-03-04", "start: 20220304"), encoding="utf-8")
    no_version = tmp_path / "no-version.yaml"
    no_version.write_text(good.replace("schema_version: 1\n", ""), encoding="utf-8")
    for path, where, english in (
        (number_date, "5:17", "start: 20220304 is not a date: write the date as YYYY-MM-DD, e.g. 2026-03-01"),
        (no_version, "1:1", "missing schema_version (this library reads schema_version: 1)"),
    ):
        args = ("progress", "--programme", path, "--db", tmp_path / "programme.db", "--json")
        said_in_english = run_cli(*args, "--lang", "en").err.strip()
        assert said_in_english == f"{path}:{where}: {english}"
        said_in_chinese = run_cli(*args).err.strip()
        assert said_in_chinese.startswith(f"{path}:{where}: ") and said_in_chinese != said_in_english
    assert run_cli(
        "progress", "--programme", number_date, "--db", tmp_path / "p.db", "--json"
    ).err.strip() == (
        f"{number_date}:5:17: start：20220304 不是日期：请把日期写成 YYYY-MM-DD 的形式，例如 2026-03-01"
    )


def test_a_workbook_that_cannot_be_read_names_the_reason_in_the_readers_language(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "gone.xlsx"
    path.symlink_to(tmp_path / "moved-away.xlsx")  # a link left behind: the name is there, the file is not
    assert run_cli("score", path).err.strip() == f"{path}: 文件不存在：请核对文件名和所在的文件夹"
    assert run_cli("score", "--lang", "en", path).err.strip() == (
        f"{path}: no such file: check the file's name and its folder"
    )
