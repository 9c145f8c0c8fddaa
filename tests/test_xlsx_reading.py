"""Reading a filled questionnaire: the same answers and scores as YAML, and every problem located by cell."""

from __future__ import annotations

import datetime as dt
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iso9001assess as qa
from iso9001assess.compose import compose
from iso9001assess.errors import InvalidInputError, MissingDependencyError
from iso9001assess.loading.answers import load_answers, read_answers
from iso9001assess.loading.checklists import read_checklist_file
from iso9001assess.loading.xlsx import values
from iso9001assess.loading.xlsx.reading import read_answers_workbook
from iso9001assess.models.checklist import Checklist, Overlay
from iso9001assess.xlsx.template import write_template
from xlsx_filling import MINI_ANSWERS, MINI_ENTERPRISE, fill

FIXTURES = Path(__file__).parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def mini() -> Checklist:
    definition = read_checklist_file(FIXTURES / "mini-checklist.yaml")
    assert isinstance(definition, Checklist)
    return definition


@pytest.fixture(scope="module")
def overlay(mini: Checklist) -> Checklist:
    definition = read_checklist_file(FIXTURES / "mini-overlay-electronics.yaml")
    assert isinstance(definition, Overlay)
    return compose(definition, mini)


@pytest.fixture(scope="module")
def template(mini: Checklist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "mini-template.xlsx"
    write_template(mini, path, lang="zh")
    return path


def _problems(path: Path, checklist: Checklist) -> list[str]:
    with pytest.raises(InvalidInputError) as raised:
        load_answers(path, checklist)
    return [str(problem) for problem in raised.value.problems]


# -- the round trip -------------------------------------------------------------------------------------------
def test_filled_template_scores_like_the_same_answers_in_yaml(
    template: Path, mini: Checklist, tmp_path: Path
) -> None:
    path = tmp_path / "acme.xlsx"
    fill(template, path, MINI_ENTERPRISE, MINI_ANSWERS)
    from_excel = load_answers(path, mini)
    from_yaml = load_answers(FIXTURES / "mini-answers.yaml", mini)
    assert from_excel.checklist == "mini@1.0"
    assert from_excel.enterprise == from_yaml.enterprise
    assert from_excel.assessment == from_yaml.assessment
    for item in mini.items_by_id:
        assert from_excel.answer(item) == from_yaml.answer(item), item
    result = qa.score(mini, from_excel)
    assert result == qa.score(mini, from_yaml)
    # by hand: (2·3/4 + 1·1/4 + 1·2/4) / (2+1+1) = 56.25; lab: LAB.1-01 only (LAB.1-02 not assessed) 2·1/2
    assert result.overall.score == 56.25
    assert result.overall.maturity_level == 3
    assert result.lab.score == 100.0


def test_overlay_questionnaire_round_trip(overlay: Checklist, tmp_path: Path) -> None:
    template = tmp_path / "overlay.xlsx"
    write_template(overlay, template, lang="en")
    answers = {
        "4.1-01": {"rating": "4 – Effective and improving"},
        "4.1-02": {"rating": 2},
        "4.1-E01": {"rating": "N/A – not applicable", "justification": "no ESD-sensitive parts"},
        "4.3-01": {"rating": 3},
        "8.5-E01": {"rating": "Initial", "evidence": "reflow log 2026-04\nprofile card"},
    }
    fill(
        template,
        tmp_path / "filled.xlsx",
        {("enterprise", "name"): "Acme", ("enterprise", "has_lab"): "no"},
        answers,
    )
    from_excel = load_answers(tmp_path / "filled.xlsx", overlay)
    yaml_text = """
schema_version: 1
checklist: mini-electronics@1.0
enterprise: {name: Acme, has_lab: false, certified: false}
assessment: {kind: self}
answers:
  4.1-01: 4
  4.1-02: 2
  4.1-E01: {na: true, justification: no ESD-sensitive parts}
  4.3-01: 3
  8.5-E01: {rating: 1, evidence: [reflow log 2026-04, profile card]}
"""
    (tmp_path / "same.yaml").write_text(yaml_text, encoding="utf-8")
    from_yaml = load_answers(tmp_path / "same.yaml", overlay)
    result = qa.score(overlay, from_excel)
    assert result == qa.score(overlay, from_yaml)
    # by hand: 4.1-01 w2·1 + 4.1-02 w3·0.5 + 4.3-01 w1·0.75 + 8.5-E01 w1·0.25 = 4.5 over weights 2+3+1+1 = 7;
    # 4.1-E01 is N/A and 8.3-01 not assessed: both leave both sums
    assert result.overall.score == pytest.approx(450 / 7)
    assert result.lab.score is None
    assert result.item("8.5-E01").evidence == ("reflow log 2026-04", "profile card")


_ITEM_IDS = ("4.1-01", "4.1-02", "4.3-01", "8.3-01", "8.3-02", "LAB.1-01", "LAB.1-02")
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())
_answer = st.one_of(
    st.none(),
    st.fixed_dictionaries({"rating": st.integers(0, 4)}, optional={"note": _text, "root_cause": _text}),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.fixed_dictionaries(dict.fromkeys(_ITEM_IDS, _answer)), design_na=st.booleans())
def test_any_answers_score_the_same_from_excel_and_yaml(
    answers: dict[str, dict[str, Any] | None],
    design_na: bool,
    template: Path,
    mini: Checklist,
    tmp_path: Path,
) -> None:
    given_answers = {item: answer for item, answer in answers.items() if answer}
    if design_na:
        given_answers["8.3-01"] = {"na": True, "justification": "不从事设计开发 = out of scope"}
    document = {
        "schema_version": 1,
        "checklist": "mini",
        "enterprise": {"name": "Acme"},
        "answers": given_answers,
    }
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    cells = {
        item: {
            ("rating" if key == "na" else key): ("N/A" if key == "na" else value) for key, value in a.items()
        }
        for item, a in given_answers.items()
    }
    fill(template, tmp_path / "a.xlsx", {("enterprise", "name"): "Acme"}, cells)
    from_excel, from_yaml = load_answers(tmp_path / "a.xlsx", mini), load_answers(tmp_path / "a.yaml", mini)
    assert qa.score(mini, from_excel) == qa.score(mini, from_yaml)


def test_api_load_answers_resolves_the_checklist_the_workbook_names(tmp_path: Path) -> None:
    checklist = qa.load_checklist("iso9001-2015")
    write_template(checklist, tmp_path / "t.xlsx", lang="en")
    fill(
        tmp_path / "t.xlsx",
        tmp_path / "acme.xlsx",
        {("enterprise", "name"): "Acme"},
        {"4.1-01": {"rating": 3}},
    )
    answers = qa.load_answers(tmp_path / "acme.xlsx")
    assert answers.checklist == f"iso9001-2015@{checklist.version}"
    first = answers.answer("4.1-01")
    assert first is not None and first.rating == 3
    assert list(answers.answers) == ["4.1-01"]


def test_cells_hold_what_excel_gives(template: Path, mini: Checklist, tmp_path: Path) -> None:
    """Numbers typed as text, dates as text, numbers in text fields: read as an answers file would hold them."""
    enterprise = {
        ("enterprise", "name"): 2024,
        ("enterprise", "employees"): "85",
        ("enterprise", "has_lab"): "yes",
        ("enterprise", "certified"): True,
        ("enterprise", "size"): "medium",
        ("assessment", "date"): "2026-05-10",
        ("assessment", "kind"): "follow-up – 跟踪评价",
    }
    answers = {
        "4.1-01": {"rating": 3.0, "note": 12.5, "evidence": "手册 v2; 记录；培训"},
        "4.1-02": {"rating": "全面实施"},
        "4.3-01": {"rating": "Effective and improving"},
        "8.3-01": {"rating": "不适用", "justification": "无设计"},
        "LAB.1-01": {"rating": " 2 ", "note": "=SUM(A1:A3)"},
    }
    fill(template, tmp_path / "x.xlsx", enterprise, answers)
    read = load_answers(tmp_path / "x.xlsx", mini)
    assert read.enterprise.name == "2024"
    assert (read.enterprise.employees, read.enterprise.has_lab, read.enterprise.certified) == (85, True, True)
    assert read.enterprise.size == "medium"
    assert read.assessment.date == dt.date(2026, 5, 10)
    assert read.assessment.kind == "follow-up"
    first = read.answer("4.1-01")
    assert first is not None
    assert (first.rating, first.note, first.evidence) == (3, "12.5", ("手册 v2", "记录", "培训"))
    assert [read.answer(i).rating for i in ("4.1-02", "4.3-01", "LAB.1-01")] == [3, 4, 2]  # type: ignore[union-attr]
    assert read.answer("LAB.1-01").note == "=SUM(A1:A3)"  # type: ignore[union-attr]
    na = read.answer("8.3-01")
    assert na is not None and na.na and na.justification == "无设计"


def test_reading_alone_gives_answers_and_a_workbook_document(template: Path, tmp_path: Path) -> None:
    fill(template, tmp_path / "x.xlsx", MINI_ENTERPRISE, MINI_ANSWERS)
    answers, document = read_answers(tmp_path / "x.xlsx")
    assert answers.checklist_id == "mini"
    assert (
        str(document.problem(("answers", "4.1-01", "rating"), "m")) == f"{tmp_path / 'x.xlsx'}:Answers!D4: m"
    )
    assert str(document.problem(("answers", "4.1-02", "evidence", 3), "m")).endswith(":Answers!G5: m")
    assert str(document.problem(("enterprise", "region", "city"), "m")).endswith(":Enterprise!B7: m")
    assert str(document.problem(("enterprise", "region"), "m")).endswith(":Enterprise!B6: m")
    assert str(document.problem(("checklist",), "m")).endswith(":Enterprise!B2: m")
    assert str(document.problem(("schema_version",), "m")) == f"{tmp_path / 'x.xlsx'}: m"


# -- problems, by sheet and cell -------------------------------------------------------------------------------
def test_meaning_problems_are_located_at_their_cells(template: Path, mini: Checklist, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    rows = fill(
        template,
        path,
        {("enterprise", "name"): "Acme", ("enterprise", "has_lab"): "否"},
        {
            "4.1-01": {"rating": 7},
            "4.3-01": {"rating": "N/A", "justification": "本公司不从事设计开发"},
            "LAB.1-01": {"rating": 3},
        },
    )
    name = str(path)
    assert _problems(path, mini) == [
        f"{name}:Answers!D{rows['4.1-01']}: rating 7 is not on the scale 0–4",
        f"{name}:Answers!D{rows['4.3-01']}: item '4.3-01' is neither excludable nor conditional, so it cannot be not applicable",
        f"{name}:Answers!D{rows['LAB.1-01']}: item 'LAB.1-01' is a laboratory item, "
        "but the Enterprise sheet says the enterprise has no laboratory",
    ]


def test_model_problems_are_located_at_their_cells(template: Path, mini: Checklist, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    enterprise = {
        ("enterprise", "name"): None,
        ("enterprise", "credit_code"): "91440101MA5CXXXXX3",
        ("enterprise", "size"): "huge",
        ("enterprise", "employees"): -3,
        ("enterprise", "has_lab"): "maybe",
        ("assessment", "date"): "2026/5/10",
    }
    answers = {
        "4.1-01": {"rating": 2.5},
        "8.3-01": {"rating": "N/A"},
        "LAB.1-01": {"rating": 3, "evidence": "x" * 2001},
    }
    rows = fill(template, path, enterprise, answers)
    problems = _problems(path, mini)
    located = [problem.split(":", 2)[1] for problem in problems]
    assert located == [
        "Enterprise!B4",
        "Enterprise!B5",
        "Enterprise!B10",
        "Enterprise!B11",
        "Enterprise!B12",
        "Enterprise!B16",
        f"Answers!D{rows['4.1-01']}",
        f"Answers!D{rows['8.3-01']}",
        f"Answers!G{rows['LAB.1-01']}",
    ]
    assert problems[0].endswith("missing required field 'name'")
    assert problems[1].endswith("fails its checksum (last character should be '2')")
    assert problems[2].endswith("size: Input should be 'micro', 'small', 'medium' or 'large'")
    assert "greater than or equal to 0" in problems[3]
    assert "has_lab: Input should be a valid boolean" in problems[4]
    assert "date: " in problems[5]
    assert problems[6].endswith(
        "the rating 2.5 of item '4.1-01' is not a whole number: write a whole number from 0 to 4"
    )
    assert problems[7].endswith("N/A needs a justification")
    assert "at most 300 characters" in problems[8]


def test_rows_changed_by_hand_are_reported(template: Path, mini: Checklist, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["Answers"]
    last = sheet.max_row
    sheet[f"A{last + 1}"], sheet[f"D{last + 1}"] = "4.1-01", 2  # a copied row
    sheet[f"D{last + 2}"] = 3  # a rating with no item
    sheet[f"A{last + 3}"], sheet[f"D{last + 3}"] = "4.1-99", 1  # an item the checklist does not have
    sheet[f"A{last + 4}"] = "9.9-01"  # an unknown id with no answer: ignored
    workbook["Enterprise"]["B4"] = "Acme"
    workbook.save(tmp_path / "edited.xlsx")
    with pytest.raises(InvalidInputError) as raised:
        read_answers_workbook(tmp_path / "edited.xlsx")
    assert [f"{p.location}: {p.message}" for p in raised.value.problems] == [
        f"Answers!A{last + 1}: item '4.1-01' is listed twice (rows 4 and {last + 1})",
        f"Answers!A{last + 2}: an answer on a row with no item id in column A",
    ]
    sheet.delete_rows(last + 1, 2)
    workbook.save(tmp_path / "edited.xlsx")
    assert _problems(tmp_path / "edited.xlsx", mini) == [
        f"{tmp_path / 'edited.xlsx'}:Answers!D{last + 1}: unknown item '4.1-99' (not in checklist 'mini'); "
        "did you mean '4.1-02'?"
    ]


def test_a_workbook_for_another_checklist_or_version(
    template: Path, mini: Checklist, overlay: Checklist, tmp_path: Path
) -> None:
    fill(template, tmp_path / "acme.xlsx", MINI_ENTERPRISE, MINI_ANSWERS)
    # Scoring against another checklist chosen explicitly (an overlay of the base) is allowed when every
    # answered item is in it; the overlay's own items are then unanswered.
    on_overlay = load_answers(tmp_path / "acme.xlsx", overlay)
    assert on_overlay == load_answers(tmp_path / "acme.xlsx", mini)
    workbook = openpyxl.load_workbook(tmp_path / "acme.xlsx")
    meta = workbook["_meta"]
    row = next(r for r in range(1, 10) if meta[f"A{r}"].value == "checklist")
    meta[f"B{row}"] = workbook["Enterprise"]["B2"].value = "mini@0.9"
    workbook.save(tmp_path / "old.xlsx")
    assert _problems(tmp_path / "old.xlsx", mini) == [
        f"{tmp_path / 'old.xlsx'}:Enterprise!B2: the answers are for version '0.9' of 'mini'; "
        "the available version is '1.0'"
    ]


def test_an_unknown_checklist_is_located_too(template: Path, tmp_path: Path) -> None:
    fill(template, tmp_path / "acme.xlsx", MINI_ENTERPRISE, MINI_ANSWERS)
    with pytest.raises(InvalidInputError) as raised:
        qa.load_answers(tmp_path / "acme.xlsx")
    [problem] = raised.value.problems
    assert problem.location == "Enterprise!B2"
    assert problem.message.startswith("unknown checklist 'mini'")


# -- files that are not questionnaires --------------------------------------------------------------------------
def _only_problem(path: Path) -> str:
    with pytest.raises(InvalidInputError) as raised:
        read_answers(path)
    [problem] = raised.value.problems
    assert problem.source == str(path) and problem.location is None
    return problem.message


def test_a_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    assert (
        _only_problem(path)
        == "not an Excel workbook (.xlsx): the file is not an Office Open XML (ZIP) package"
    )


def test_an_old_xls_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert _only_problem(path).startswith(
        "this is an Excel 97-2003 workbook (.xls) or a password-protected one"
    )


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert _only_problem(path) == "not an Excel workbook (.xlsx): the package has no workbook part"


def test_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-closed")
    assert _only_problem(path).startswith("not a readable Excel workbook (.xlsx): ")


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (201 * 1024 * 1024))
    assert _only_problem(path).startswith("the workbook unpacks to 210,763,787 bytes; the limit is")


def test_an_ordinary_workbook(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "rating"
    workbook.save(path)
    assert _only_problem(path).startswith(
        "this workbook is not an iso9001assess questionnaire; make one with:"
    )


def test_a_questionnaire_with_a_sheet_removed(template: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(template)
    del workbook["Answers"]
    workbook.save(tmp_path / "answers.xlsx")
    assert _only_problem(tmp_path / "answers.xlsx") == (
        "the sheet 'Answers' is missing (sheets: Instructions, Enterprise, _meta); "
        "the questionnaire's sheets must keep their names"
    )


def test_a_questionnaire_from_a_newer_version(template: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(template)
    workbook["_meta"]["B2"] = 2
    workbook.save(tmp_path / "answers.xlsx")
    assert _only_problem(tmp_path / "answers.xlsx").startswith("the questionnaire is in format version 2;")


def test_no_file_and_a_directory(tmp_path: Path) -> None:
    assert _only_problem(tmp_path / "missing.xlsx") == "no such file: check the file's name and its folder"
    (tmp_path / "dir.xlsx").mkdir()
    assert _only_problem(tmp_path / "dir.xlsx") == "is a directory, not a file"


def test_missing_openpyxl_is_a_clear_error(template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'iso9001assess\[xlsx\]'"):
        read_answers(template)


# -- cell values ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (None, None),
        ("  ", None),
        (3, 3),
        (3.0, 3),
        ("3", 3),
        (" 3 – 全面实施", 3),
        ("3 - Implemented", 3),
        ("implemented", 3),
        ("全面实施", 3),
        (2.5, 2.5),
        ("2.5", 2.5),
        ("-1", -1),
        ("high", "high"),
        (True, True),
        (dt.datetime(2026, 5, 1), "2026-05-01"),
    ],
)
def test_rating_cells(cell: object, expected: object) -> None:
    spellings = values.scale_spellings(["3 – 全面实施", "3 – Implemented"])
    assert values.rating(cell, spellings) == expected


@pytest.mark.parametrize("cell", ["N/A", "n/a", "NA", "不适用", "N/A – 不适用", "N/A – not applicable"])
def test_not_applicable_cells(cell: str) -> None:
    assert values.rating(cell) is values.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("是", True),
        ("否", False),
        ("YES", True),
        ("no", False),
        (True, True),
        (1, True),
        ("0", False),
        ("有", True),
    ],
)
def test_yes_no_cells(cell: object, expected: bool) -> None:
    from iso9001assess.loading.xlsx.layout import YES_NO

    assert values.choice(cell, YES_NO) is expected


def _rewrite_member(path: Path, out: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member, change(data) if member.filename == name else data)


def _answers_part(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode()
    position = workbook.index('name="Answers"')
    return f"xl/worksheets/sheet{workbook[:position].count('<sheet ')}.xml"


def test_excel_extensions_in_a_sheet_raise_no_warning(
    template: Path, mini: Checklist, tmp_path: Path
) -> None:
    """Excel saves dropdowns that list another sheet as an extension openpyxl warns about; that is no problem."""
    fill(template, tmp_path / "filled.xlsx", MINI_ENTERPRISE, MINI_ANSWERS)
    extension = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="0"/></ext></extLst></worksheet>'
    )
    _rewrite_member(
        tmp_path / "filled.xlsx",
        tmp_path / "excel.xlsx",
        _answers_part(tmp_path / "filled.xlsx"),
        lambda xml: xml.replace(b"</worksheet>", extension),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        answers = load_answers(tmp_path / "excel.xlsx", mini)
    assert qa.score(mini, answers).overall.score == 56.25


def test_a_damaged_sheet(template: Path, tmp_path: Path) -> None:
    _rewrite_member(
        template, tmp_path / "damaged.xlsx", _answers_part(template), lambda xml: xml[: len(xml) // 2]
    )
    assert _only_problem(tmp_path / "damaged.xlsx").startswith("not a readable Excel workbook (.xlsx): ")
