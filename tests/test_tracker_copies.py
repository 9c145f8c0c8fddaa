"""Two copies of one tracker in circulation: a workbook applies only what was changed in it since it was issued,
and an older copy never overwrites what the store was told since (the change is refused, located, and nothing of
that workbook is applied). Workbooks filled with openpyxl as an enterprise or a consultant would; a workbook
written before the issued values were kept (format version 1) keeps the former behaviour. Every problem of a
workbook is reported at once. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.errors import InvalidInputError
from iso9001assess.loading.xlsx.tracker_layout import BINDING_KEYS, binding_digest
from iso9001assess.store import Store
from store_support import credit_code
from tracker_support import (
    COMMENTS,
    DUE,
    EVIDENCE,
    FIRST,
    OWNER,
    STATUS,
    fill,
    scored_baseline,
)

CODE = credit_code(91)
FILLED_ON = dt.date(2026, 6, 1)
LATER = dt.date(2026, 6, 15)


def _baseline(tmp_path: Path) -> tuple[Path, qa.Result]:
    return scored_baseline(tmp_path / "baseline.yaml", CODE)


def _state(store: Store) -> dict[str, tuple[Any, ...]]:
    return {
        a.item_id: (a.status, a.owner, a.evidence, a.comments, a.due_on, len(a.events))
        for a in store.actions(CODE)
    }


def _problems(exc: pytest.ExceptionInfo[InvalidInputError], lang: str = "en") -> list[str]:
    return [problem.localized(lang) for problem in exc.value.problems]


def _filled(sheet: Any) -> None:
    """The enterprise's work on four actions: what the trial's filled tracker held."""
    sheet[f"{STATUS}{FIRST}"] = "已完成"
    sheet[f"{OWNER}{FIRST}"] = "质量部 李工"
    sheet[f"{EVIDENCE}{FIRST}"] = "内审报告 2026-05"
    sheet[f"{STATUS}{FIRST + 1}"] = "进行中"
    sheet[f"{OWNER}{FIRST + 1}"] = "生产部 王工"
    sheet[f"{STATUS}{FIRST + 2}"] = "已完成"
    sheet[f"{EVIDENCE}{FIRST + 2}"] = "培训记录"
    sheet[f"{STATUS}{FIRST + 3}"] = "进行中"


def test_an_older_copy_does_not_overwrite_the_filled_tracker(store_url: str, tmp_path: Path) -> None:
    """The trial: the filled tracker is applied, then a copy of the workbook as issued with one cell changed."""
    path, result = _baseline(tmp_path)
    ids = [action.id for action in result.actions]
    with Store(store_url) as store:
        store.ingest(path)
        issued = store.write_tracker(CODE, tmp_path / "plan.xlsx", "zh")
        filled = fill(issued, tmp_path / "filled.xlsx", _filled)
        assert [t.changed for t in store.ingest(filled, on=FILLED_ON).trackers] == [4]
        after_filled = _state(store)
        assert after_filled[ids[0]][:3] == ("done", "质量部 李工", "内审报告 2026-05")
        assert after_filled[ids[1]][:2] == ("in-progress", "生产部 王工")

        # The copy kept as issued, one cell changed on another action: only that cell is applied.
        copy = fill(
            issued, tmp_path / "copy.xlsx", lambda s: s.__setitem__(f"{COMMENTS}{FIRST + 5}", "下月完成")
        )
        report = store.ingest(copy, on=LATER)
        assert report.ok and [t.changed for t in report.trackers] == [1]
        now = _state(store)
        assert {key: value for key, value in now.items() if key != ids[5]} == {
            key: value for key, value in after_filled.items() if key != ids[5]
        }
        assert now[ids[5]][3] == "下月完成" and now[ids[5]][0] == "open"

        # The copy changing one of the four actions the other way: refused at its cell, with what the store
        # holds and since when; nothing of it applied (not even its good change on a fifth action).
        def stale(sheet: Any) -> None:
            sheet[f"{STATUS}{FIRST}"] = "进行中"
            sheet[f"{OWNER}{FIRST + 6}"] = "采购部"

        older = fill(issued, tmp_path / "older.xlsx", stale)
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(older, on=LATER)
        assert _problems(exc, "zh") == [
            f"{older}:Plan!I{FIRST}: 措施 {ids[0]!r} 在这份跟踪表发出后已在项目数据库中更改：数据库中现为“已完成”"
            f"（自 {FILLED_ON} 起），本表填写的是“进行中”；这是较早的副本，本表的内容均未导入。"
            "请用 iso9001assess plan 企业 -o 文件.xlsx 重新生成跟踪表后再填写"
        ]
        assert _state(store) == now


def test_two_consultants_copies(store_url: str, tmp_path: Path) -> None:
    path, result = _baseline(tmp_path)
    ids = [action.id for action in result.actions]
    with Store(store_url) as store:
        store.ingest(path)
        issued = store.write_tracker(CODE, tmp_path / "plan.xlsx", "en")

        def first(sheet: Any) -> None:
            sheet[f"{STATUS}{FIRST}"] = "Done"
            sheet[f"{OWNER}{FIRST}"] = "Li"

        def second(sheet: Any) -> None:
            sheet[f"{STATUS}{FIRST + 1}"] = "In progress"
            sheet[f"{DUE}{FIRST + 1}"] = dt.datetime(2026, 12, 31)

        a = fill(issued, tmp_path / "a.xlsx", first)
        b = fill(issued, tmp_path / "b.xlsx", second)
        assert [t.changed for t in store.ingest(a, b, on=FILLED_ON).trackers] == [1, 1]
        state = _state(store)
        # Both applied: each copy's action as its consultant left it, the other untouched by it.
        assert state[ids[0]][:2] == ("done", "Li")
        assert (state[ids[1]][0], state[ids[1]][4]) == ("in-progress", dt.date(2026, 12, 31))
        assert state[ids[1]][1] is None

        # A third copy changing the first action too (its owner): refused, located at the owner cell.
        c = fill(issued, tmp_path / "c.xlsx", lambda s: s.__setitem__(f"{OWNER}{FIRST}", "Wang"))
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(c, on=LATER)
        stamp = dt.datetime.now(dt.timezone.utc).date()  # the owner was recorded today (the store's clock)
        assert _problems(exc) == [
            f"{c}:Plan!H{FIRST}: action {ids[0]!r} was changed in the store after this tracker was issued: the "
            f"store holds 'Li' (changed on {stamp}), this copy says 'Wang'; it is an older copy and nothing of "
            "it was applied. Make a new tracker with iso9001assess plan ENTERPRISE -o FILE.xlsx and enter the "
            "change there"
        ]
        # A copy saying what the store already says is no conflict, and changes nothing.
        same = fill(issued, tmp_path / "same.xlsx", lambda s: s.__setitem__(f"{OWNER}{FIRST}", "Li"))
        assert [t.changed for t in store.ingest(same, on=LATER).trackers] == [0]
        # The same workbook twice: nothing changes, no history added.
        assert [t.changed for t in store.ingest(a, on=LATER).trackers] == [0]
        assert _state(store) == state


def test_a_tracker_issued_after_a_change_applies_over_it(store_url: str, tmp_path: Path) -> None:
    """The refusal is about copies older than the store: a tracker made after the change may change it."""
    path, result = _baseline(tmp_path)
    top = result.actions[0].id
    with Store(store_url) as store:
        store.ingest(path)
        store.update_action(CODE, top, status="done", owner="Li", on=FILLED_ON)
        issued = store.write_tracker(CODE, tmp_path / "plan.xlsx", "en")
        back = fill(
            issued, tmp_path / "back.xlsx", lambda s: s.__setitem__(f"{STATUS}{FIRST}", "In progress")
        )
        assert [t.changed for t in store.ingest(back, on=LATER).trackers] == [1]
        assert _state(store)[top][:2] == ("in-progress", "Li")


def _as_version_1(issued: Path, target: Path) -> Path:
    """The workbook as the program wrote it before the issued values were kept: format version 1, the binding
    sheet without its issued-values columns (E to I), its digest over the binding and the ids alone."""
    workbook = openpyxl.load_workbook(issued)
    binding = workbook["_binding"]
    binding.delete_cols(5, 5)
    row_of = {key: index + 1 for index, key in enumerate(BINDING_KEYS)}
    binding[f"B{row_of['format_version']}"] = "1"
    values = {key: binding[f"B{row}"].value or "" for key, row in row_of.items()}
    ids = [binding[f"D{row}"].value for row in range(1, binding.max_row + 1) if binding[f"D{row}"].value]
    binding[f"B{row_of['digest']}"] = binding_digest(values, ids)
    workbook.save(target)
    return target


def test_a_version_1_tracker_sets_every_cell_as_before(store_url: str, tmp_path: Path) -> None:
    path, result = _baseline(tmp_path)
    ids = [action.id for action in result.actions]
    with Store(store_url) as store:
        store.ingest(path)
        old = _as_version_1(store.write_tracker(CODE, tmp_path / "plan.xlsx", "zh"), tmp_path / "v1.xlsx")
        filled = fill(old, tmp_path / "filled.xlsx", _filled)
        assert [t.changed for t in store.ingest(filled, on=FILLED_ON).trackers] == [4]
        copy = fill(
            old, tmp_path / "copy.xlsx", lambda s: s.__setitem__(f"{COMMENTS}{FIRST + 5}", "下月完成")
        )
        # Without issued values an older copy is taken as it reads: the four actions go back to open (the
        # documented behaviour of trackers written before; a new tracker from `plan` avoids it).
        assert [t.changed for t in store.ingest(copy, on=LATER).trackers] == [5]
        state = _state(store)
        assert [state[ids[index]][:3] for index in range(4)] == [("open", None, None)] * 4


def test_a_tracker_of_a_later_format_is_refused(store_url: str, tmp_path: Path) -> None:
    path, _result = _baseline(tmp_path)
    with Store(store_url) as store:
        store.ingest(path)
        workbook = openpyxl.load_workbook(store.write_tracker(CODE, tmp_path / "plan.xlsx", "en"))
        workbook["_binding"][f"B{BINDING_KEYS.index('format_version') + 1}"] = "3"
        workbook.save(tmp_path / "later.xlsx")
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(tmp_path / "later.xlsx")
        assert _problems(exc) == [
            f"{tmp_path / 'later.xlsx'}: the tracker is in format version '3'; this version of iso9001assess "
            "reads version 1–2 (make a new tracker)"
        ]


def test_every_problem_of_a_workbook_at_once(store_url: str, tmp_path: Path) -> None:
    """The trial's workbook: a status not in the list, a date in words, and a status only a follow-up sets —
    all three reported in one pass, the statuses in words in the command's language."""
    path, result = _baseline(tmp_path)
    ids = [action.id for action in result.actions]
    with Store(store_url) as store:
        store.ingest(path)
        issued = store.write_tracker(CODE, tmp_path / "plan.xlsx", "zh")

        def edit(sheet: Any) -> None:
            sheet[f"{STATUS}{FIRST}"] = "快完成了"
            sheet[f"{DUE}{FIRST + 1}"] = "2022年9月1日"
            sheet[f"{STATUS}{FIRST + 5}"] = "已验证关闭"
            sheet[f"{STATUS}{FIRST + 6}"] = "已完成"  # good, and not applied either

        bad = fill(issued, tmp_path / "bad.xlsx", edit)
        before = _state(store)
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(bad, on=FILLED_ON)
        assert _problems(exc, "zh") == [
            f"{bad}:Plan!I{FIRST}: 无法识别的状态 '快完成了'；请从下拉列表中选择一项"
            "（未开始；进行中；已完成；已验证关闭；重新打开）",
            f"{bad}:Plan!G{FIRST + 1}: '2022年9月1日' 不是日期；请填写日期，例如 2026-08-31",
            f"{bad}:Plan!I{FIRST + 5}: 措施只能由跟踪评估改为“已验证关闭”（措施 {ids[5]!r} 目前为“未开始”）；请改回原状态",
        ]
        assert [p.split(": ", 1)[1] for p in _problems(exc)][2] == (
            f"an action becomes 'Verified' only by a follow-up assessment (action {ids[5]!r} is 'Open')"
        )
        assert _state(store) == before


def test_the_command_reports_every_problem_and_exits_1(run_cli: CliRunner, tmp_path: Path) -> None:
    path, result = _baseline(tmp_path)
    db = tmp_path / "programme.db"
    assert run_cli("ingest", "--db", db, path).code == 0
    assert run_cli("plan", CODE, "--db", db, "-o", tmp_path / "plan.xlsx").code == 0
    filled = fill(tmp_path / "plan.xlsx", tmp_path / "filled.xlsx", _filled)
    applied = run_cli("ingest", "--db", db, filled)
    assert applied.code == 0 and "更新 4 项措施" in applied.out
    older = fill(
        tmp_path / "plan.xlsx", tmp_path / "older.xlsx", lambda s: s.__setitem__(f"{STATUS}{FIRST}", "进行中")
    )
    refused = run_cli("ingest", "--db", db, older)
    assert refused.code == 1
    assert (
        f"{older}:Plan!I{FIRST}: 措施 {result.actions[0].id!r} 在这份跟踪表发出后已在项目数据库中更改"
        in refused.err
    )
    assert "更新" not in refused.out
    with Store(db) as store:
        assert store.actions(CODE)[0].status == "done"


def test_an_older_copy_with_several_stale_cells_says_what_to_do_once(store_url: str, tmp_path: Path) -> None:
    """The trial: ten near-identical errors repeated the whole advice per cell. Several stale cells: the advice
    once, for the workbook, then one short line per cell, each at its cell."""
    path, result = _baseline(tmp_path)
    ids = [action.id for action in result.actions]
    with Store(store_url) as store:
        store.ingest(path)
        issued = store.write_tracker(CODE, tmp_path / "plan.xlsx", "en")
        assert [
            t.changed for t in store.ingest(fill(issued, tmp_path / "f.xlsx", _filled), on=FILLED_ON).trackers
        ]
        before = _state(store)

        def stale(sheet: Any) -> None:  # three cells of actions the filled tracker changed, the other way
            sheet[f"{STATUS}{FIRST}"] = "In progress"
            sheet[f"{OWNER}{FIRST}"] = "Wang"
            sheet[f"{STATUS}{FIRST + 2}"] = "In progress"

        older = fill(issued, tmp_path / "older.xlsx", stale)
        with pytest.raises(InvalidInputError) as exc:
            store.apply_tracker(older, on=LATER)
        stamp = dt.datetime.now(dt.timezone.utc).date()  # the owner was recorded today (the store's clock)
        assert _problems(exc) == [
            f"{older}: this tracker is an older copy: 3 cells changed in it were changed in the store too after "
            "it was issued (below); nothing of it was applied. Make a new tracker with iso9001assess plan "
            "ENTERPRISE -o FILE.xlsx and enter the changes there",
            f"{older}:Plan!{OWNER}{FIRST}: action {ids[0]!r}: the store holds '质量部 李工' (changed on {stamp}), "
            "this copy says 'Wang'",
            f"{older}:Plan!{STATUS}{FIRST}: action {ids[0]!r}: the store holds 'Done' (since {FILLED_ON}), "
            "this copy says 'In progress'",
            f"{older}:Plan!{STATUS}{FIRST + 2}: action {ids[2]!r}: the store holds 'Done' (since {FILLED_ON}), "
            "this copy says 'In progress'",
        ]
        assert _state(store) == before
        # In Chinese, the advice is said once too.
        said_zh = _problems(exc, "zh")
        assert sum("重新生成跟踪表" in line for line in said_zh) == 1 and len(said_zh) == 4
