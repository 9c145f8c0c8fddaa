"""The action tracker workbook: written from the store (and from a result), filled with openpyxl as an enterprise
would, brought back through ``ingest``; every mistake named by sheet and cell with nothing written; the same
workbook twice changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import iso9001assess as qa
from iso9001assess.errors import InvalidInputError
from iso9001assess.i18n import vocab
from iso9001assess.loading.xlsx.tracker import is_tracker, read_tracker
from iso9001assess.store import Store
from store_support import credit_code, write_answers
from tracker_support import (
    BASELINE_DAY,
    COMMENTS,
    DUE,
    EVIDENCE,
    FIRST,
    ID,
    OWNER,
    STATUS,
    fill,
    scored_baseline,
)

CODE = credit_code(71)
OTHER = credit_code(72)
FILLED_ON = dt.date(2026, 6, 1)


def _baseline(tmp_path: Path, code: str = CODE) -> tuple[Path, qa.Result]:
    return scored_baseline(tmp_path / f"b-{code}.yaml", code)


def _row_of(sheet: Any, action_id: str) -> int:
    for row in range(FIRST, sheet.max_row + 1):
        if sheet[f"{ID}{row}"].value == action_id:
            return row
    raise AssertionError(action_id)


def _events(store: Store, code: str = CODE) -> int:
    return sum(len(action.events) for action in store.actions(code))


def _problems(exc: pytest.ExceptionInfo[InvalidInputError]) -> list[str]:
    return [str(problem) for problem in exc.value.problems]


# -- the workbook as written --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tracker_as_written(store_url: str, tmp_path: Path, lang: str) -> None:
    path, result = _baseline(tmp_path)
    with Store(store_url) as store:
        store.ingest(path)
        tracker = store.write_tracker(CODE, tmp_path / "plan.xlsx", lang)
    assert is_tracker(tracker)
    workbook = openpyxl.load_workbook(tracker)
    assert workbook.sheetnames == ["Plan", "_binding"]
    assert workbook["_binding"].sheet_state == "veryHidden"
    assert workbook.security.lockStructure
    sheet = workbook["Plan"]
    # One row per action, in the plan's order: the top actions (highest impact) first.
    ids = [sheet[f"{ID}{row}"].value for row in range(FIRST, FIRST + len(result.actions))]
    assert ids == [action.id for action in result.actions]
    assert sheet[f"{ID}{FIRST + len(result.actions)}"].value is None
    first = result.actions[0]
    assert first.timeframe_days is not None
    # The due date is a real date cell: the assessment date + the action's timeframe.
    due = sheet[f"{DUE}{FIRST}"]
    assert due.value == dt.datetime.combine(BASELINE_DAY + dt.timedelta(days=first.timeframe_days), dt.time())
    assert due.number_format == "yyyy-mm-dd"
    assert sheet[f"{STATUS}{FIRST}"].value == vocab("action_status", "open", lang)
    assert sheet["D4"].value == ("Action" if lang == "en" else "改进措施")
    # Protected: only due date, owner, status, evidence and comments are editable.
    assert sheet.protection.sheet and not sheet.protection.password
    editable = {column for column in "ABCDEFGHIJK" if not sheet[f"{column}{FIRST}"].protection.locked}
    assert editable == {DUE, OWNER, STATUS, EVIDENCE, COMMENTS}
    assert sheet.freeze_panes == f"B{FIRST}"
    assert sheet.column_dimensions["D"].width > 40 and sheet[f"D{FIRST}"].alignment.wrap_text
    # The dropdown offers the five statuses in the workbook's language; the due date accepts dates only.
    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    words = [
        vocab("action_status", code, lang) for code in ("open", "in-progress", "done", "verified", "reopened")
    ]
    assert validations["list"].formula1 == '"' + ",".join(words) + '"'
    last = FIRST + len(result.actions) - 1
    assert str(validations["list"].sqref) == f"{STATUS}{FIRST}:{STATUS}{last}"
    assert (
        validations["date"].operator == "between"
        and str(validations["date"].sqref) == f"{DUE}{FIRST}:{DUE}{last}"
    )
    # The binding: the enterprise, its assessment and the plan revision.
    read = read_tracker(tracker)
    assert (read.binding["credit_code"], read.binding["assessment_kind"]) == (CODE, "baseline")
    assert (read.binding["assessment_date"], read.binding["revision"]) == ("2026-04-16", "1")
    assert read.ids == tuple(ids)


# -- back in --------------------------------------------------------------------------------------------------
def test_a_filled_tracker_updates_the_actions_once(store_url: str, tmp_path: Path) -> None:
    path, result = _baseline(tmp_path)
    top, second = result.actions[0].id, result.actions[1].id
    with Store(store_url) as store:
        store.ingest(path)
        tracker = store.write_tracker(CODE, tmp_path / "plan.xlsx", "zh")

        def edit(sheet: Any) -> None:
            sheet[f"{STATUS}{FIRST}"] = "进行中"
            sheet[f"{OWNER}{FIRST}"] = "质量部 李工"
            sheet[f"{EVIDENCE}{FIRST}"] = "内审计划 2026-05"
            sheet[f"{STATUS}{FIRST + 1}"] = "Done"  # the English word, or the code, is understood too
            sheet[f"{DUE}{FIRST + 1}"] = dt.datetime(2026, 9, 30)
            sheet[f"{COMMENTS}{FIRST + 1}"] = "已于五月完成"

        filled = fill(tracker, tmp_path / "filled.xlsx", edit)
        before = _events(store)
        report = store.ingest(filled, on=FILLED_ON)
        assert report.ok and [t.changed for t in report.trackers] == [2]
        actions = {action.item_id: action for action in store.actions(CODE)}
        assert (actions[top].status, actions[top].owner, actions[top].evidence) == (
            "in-progress",
            "质量部 李工",
            "内审计划 2026-05",
        )
        assert (actions[second].status, actions[second].due_on) == ("done", dt.date(2026, 9, 30))
        assert actions[second].comments == "已于五月完成"
        # Each status change joins the history, dated.
        assert [(e.status, e.on) for e in actions[top].events] == [
            ("open", BASELINE_DAY),
            ("in-progress", FILLED_ON),
        ]
        assert _events(store) == before + 2
        # The same workbook again changes nothing, and adds no history.
        again = store.ingest(filled, on=FILLED_ON + dt.timedelta(days=3))
        assert again.ok and [t.changed for t in again.trackers] == [0]
        assert _events(store) == before + 2
        assert {a.item_id: a for a in store.actions(CODE)} == actions


def test_every_mistake_is_named_by_cell_and_nothing_is_written(store_url: str, tmp_path: Path) -> None:
    path, result = _baseline(tmp_path)
    with Store(store_url) as store:
        store.ingest(path)
        tracker = store.write_tracker(CODE, tmp_path / "plan.xlsx", "en")
        deleted = result.actions[5].id

        def edit(sheet: Any) -> None:
            sheet[f"{STATUS}{FIRST}"] = "Done"  # a good change: must not be written either
            sheet[f"{STATUS}{FIRST + 1}"] = "almost there"
            sheet[f"{DUE}{FIRST + 2}"] = "next week"
            sheet[f"{ID}{FIRST + 3}"] = "9.9-99"  # an id changed
            sheet.delete_rows(FIRST + 5)  # a row deleted
            added = FIRST + len(result.actions) + 2
            sheet[f"{OWNER}{added}"] = "someone"  # a row added, without an id

        bad = fill(tracker, tmp_path / "bad.xlsx", edit)
        before = store.actions(CODE)
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(bad, on=FILLED_ON)
        problems = _problems(exc)
        changed_id = result.actions[3].id
        assert problems == [
            f"{bad}:Plan!I{FIRST + 1}: unknown status 'almost there'; choose one from the list "
            "(Open; In progress; Done; Verified; Reopened)",  # the dropdown's words, in the tracker's language
            f"{bad}:Plan!G{FIRST + 2}: 'next week' is not a date; enter a date such as 2026-08-31",
            f"{bad}:Plan!A{FIRST + 3}: action '9.9-99' is not in the plan this tracker was issued with "
            "(a row added, or an id changed); action ids cannot be changed",
            f"{bad}:Plan!A{FIRST + len(result.actions) + 2}: a row with no action id: rows cannot be added "
            "to the tracker",
            f"{bad}:Plan!A{FIRST + 3}: action {changed_id!r} was deleted from the tracker; every action keeps "
            "its row (set its status instead)",
            f"{bad}:Plan!A{FIRST + 5}: action {deleted!r} was deleted from the tracker; every action keeps its "
            "row (set its status instead)",
        ]
        # The command reports the same, exit 1, and the store is as it was.
        report = store.ingest(bad)
        assert not report.ok and report.failures[0][1] == exc.value.problems
        assert store.actions(CODE) == before


def test_the_binding_is_checked_against_the_store(store_url: str, tmp_path: Path) -> None:
    path, result = _baseline(tmp_path)
    top = max(level.value for level in result.scale)
    with Store(store_url) as store:
        store.ingest(path)
        issued = store.write_tracker(CODE, tmp_path / "plan.xlsx", "en")
        # A binding sheet edited by hand (here: the credit code) no longer matches its digest.
        workbook = openpyxl.load_workbook(issued)
        workbook["_binding"]["B4"] = OTHER
        workbook.save(tmp_path / "tampered.xlsx")
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(tmp_path / "tampered.xlsx")
        assert _problems(exc) == [
            f"{tmp_path / 'tampered.xlsx'}:_binding!B12: the hidden binding sheet was changed (its digest no "
            "longer matches what was issued); make a new tracker with: iso9001assess plan ENTERPRISE -o "
            "FILE.xlsx"
        ]
        # An enterprise's status cannot be declared verified: only a follow-up verifies.
        verified = fill(
            issued, tmp_path / "verified.xlsx", lambda s: s.__setitem__(f"{STATUS}{FIRST}", "Verified")
        )
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(verified)
        assert _problems(exc) == [
            # The statuses in words, in the command's language (never their codes).
            f"{verified}:Plan!I{FIRST}: an action becomes 'Verified' only by a follow-up assessment "
            f"(action {result.actions[0].id!r} is 'Open')"
        ]
        # A tracker of another enterprise: the other enterprise is not in this store.
        other_path, _ = _baseline(tmp_path, OTHER)
        with Store(f"sqlite:///{tmp_path / 'other.db'}") as other_store:
            other_store.ingest(other_path)
            foreign = other_store.write_tracker(OTHER, tmp_path / "other.xlsx", "en")
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(foreign)
        assert _problems(exc) == [
            f"{foreign}:_binding!B4: the enterprise 广州禾川智控电子有限公司 ({OTHER}) is not in this programme "
            "store; ingest its answers first"
        ]
        # A follow-up with a new finding: the plan moves to revision 2, the baseline's tracker is out of date.
        fine = next(i.id for i in result.items if i.status == "answered" and i.grade is None and not i.lab)
        follow_up = write_answers(
            tmp_path / "f.yaml",
            code=CODE,
            kind="follow-up",
            date="2026-10-20",
            ratings={result.actions[0].id: top, fine: 0},
        )
        store.ingest(follow_up)
        before = store.actions(CODE)
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(issued)
        assert _problems(exc) == [
            f"{issued}:_binding!B7: this tracker was issued for the baseline of 2026-04-16, but the "
            "enterprise's latest assessment in the store is the follow-up of 2026-10-20; make a new tracker "
            "with: iso9001assess plan ENTERPRISE -o FILE.xlsx",
            f"{issued}:_binding!B9: this tracker is of plan revision 1; the plan in the store is at revision 2; "
            "make a new tracker with: iso9001assess plan ENTERPRISE -o FILE.xlsx",
        ]
        assert store.actions(CODE) == before
        # The new tracker: revision 2, the verified action last, and it cannot be un-verified.
        current = store.write_tracker(CODE, tmp_path / "plan2.xlsx", "en")
        sheet = openpyxl.load_workbook(current)["Plan"]
        assert "plan revision 2" in sheet["A2"].value
        last = FIRST + len(before) - 1
        assert (sheet[f"{ID}{last}"].value, sheet[f"{STATUS}{last}"].value) == (
            result.actions[0].id,
            "Verified",
        )
        undo = fill(current, tmp_path / "undo.xlsx", lambda s: s.__setitem__(f"{STATUS}{last}", "Open"))
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(undo)
        assert _problems(exc) == [
            f"{undo}:Plan!I{last}: action {result.actions[0].id!r} was verified by a follow-up assessment; "
            "only a follow-up reopens it"
        ]


def test_a_workbook_that_is_not_a_tracker(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.create_sheet("_binding")["A1"] = "format"
    workbook.save(tmp_path / "fake.xlsx")
    assert is_tracker(tmp_path / "fake.xlsx")
    with pytest.raises(InvalidInputError) as exc:
        read_tracker(tmp_path / "fake.xlsx")
    assert _problems(exc) == [
        f"{tmp_path / 'fake.xlsx'}: this workbook is not an iso9001assess action tracker; make one with: "
        "iso9001assess plan ENTERPRISE -o FILE.xlsx"
    ]
