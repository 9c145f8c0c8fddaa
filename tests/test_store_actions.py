"""The plan followed through: a baseline's actions as records, tracked, and their closure verified when the
follow-up comes in (verified, reopened, new revision), overdue as of a date; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import iso9001assess as qa
from iso9001assess.store import Store, StoreError
from store_support import credit_code, write_answers

CODE = credit_code(61)


def test_a_baselines_plan_becomes_tracked_actions(store_url: str, tmp_path: Path) -> None:
    baseline = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    expected = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline)).actions
    with Store(store_url) as store:
        store.ingest(baseline)
        tracked = store.actions(CODE)
        # One action per action of the plan, with its id, priority and due date (assessment date + timeframe).
        assert {a.item_id for a in tracked} == {a.item_id for a in expected}
        first = next(a for a in expected if a.timeframe_days is not None)
        record = next(a for a in tracked if a.item_id == first.item_id)
        assert record.status == "open" and record.revision == 1 and record.priority == first.priority
        assert record.due_on == dt.date(2026, 4, 16) + dt.timedelta(days=first.timeframe_days or 0)
        assert [(e.status, e.on) for e in record.events] == [("open", dt.date(2026, 4, 16))]
        # Ingesting the baseline again opens nothing twice.
        store.ingest(baseline)
        assert len(store.actions(CODE)) == len(expected)


def test_closure_is_verified_at_follow_up(store_url: str, tmp_path: Path) -> None:
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    baseline = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline_path))
    fixed, done_but_persisting, left_open = (a.item_id for a in baseline.actions[:3])
    top = max(level.value for level in baseline.scale)
    fine_at_baseline = next(
        item.id
        for item in baseline.items
        if item.status == "answered" and item.grade is None and not item.lab
    )
    with Store(store_url) as store:
        store.ingest(baseline_path)
        store.update_action(
            CODE, done_but_persisting, status="done", owner="质量部 李工", on=dt.date(2026, 7, 1)
        )
        store.update_action(CODE, fixed, status="in-progress", on=dt.date(2026, 6, 1))
        # The follow-up: one finding fixed, the others as they were, a new one where all was fine.
        follow_up = write_answers(
            tmp_path / "f.yaml",
            code=CODE,
            kind="follow-up",
            date="2026-10-20",
            ratings={fixed: top, fine_at_baseline: 0},
        )
        store.ingest(follow_up)
        actions = {a.item_id: a for a in store.actions(CODE)}
        follow_up_id = store.latest(CODE, "follow-up").id  # type: ignore[union-attr]
        assert actions[fixed].status == "verified" and actions[fixed].verified_by == follow_up_id
        assert [e.status for e in actions[fixed].events] == ["open", "in-progress", "verified"]
        assert actions[done_but_persisting].status == "reopened"
        assert actions[done_but_persisting].owner == "质量部 李工"
        assert [e.status for e in actions[done_but_persisting].events] == ["open", "done", "reopened"]
        assert actions[left_open].status == "open"
        # The new finding opens an action in a new plan revision; the open ones are kept.
        new = actions[fine_at_baseline]
        assert (new.status, new.revision, new.opened_on) == ("open", 2, dt.date(2026, 10, 20))
        assert {a.revision for a in actions.values() if a.item_id != fine_at_baseline} == {1}


def test_a_follow_up_recorded_before_its_baseline_still_verifies(store_url: str, tmp_path: Path) -> None:
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    baseline = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline_path))
    fixed = baseline.actions[0].item_id
    top = max(level.value for level in baseline.scale)
    follow_up = write_answers(
        tmp_path / "f.yaml", code=CODE, kind="follow-up", date="2026-10-20", ratings={fixed: top}
    )
    with Store(store_url) as store:
        store.ingest(follow_up)
        store.ingest(baseline_path)
        actions = {a.item_id: a for a in store.actions(CODE)}
        assert actions[fixed].status == "verified"
        assert sum(a.status == "verified" for a in actions.values()) == 1


def test_overdue_as_of_a_date_and_counted_in_the_register(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        store.ingest(write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16"))
        actions = store.actions(CODE)
        dated = sorted((a for a in actions if a.due_on is not None), key=lambda a: a.due_on)  # type: ignore[arg-type, return-value]
        earliest = dated[0].due_on
        assert earliest is not None
        # On its due date an action is not yet overdue; the day after, it is (while not done).
        on_the_day = store.actions(CODE, as_of=earliest)
        assert not any(a.overdue for a in on_the_day if a.due_on == earliest)
        after = store.actions(CODE, as_of=earliest + dt.timedelta(days=1))
        late = {a.item_id for a in after if a.overdue}
        assert late == {a.item_id for a in dated if a.due_on == earliest}
        store.update_action(CODE, dated[0].item_id, status="done", on=earliest)
        assert dated[0].item_id not in {
            a.item_id for a in store.actions(CODE, as_of=dt.date(2027, 1, 1)) if a.overdue
        }
        (enterprise,) = store.enterprises(as_of=dt.date(2027, 1, 1))
        assert enterprise.actions_open == len(actions) - 1
        assert enterprise.actions_overdue == sum(1 for a in actions if a.due_on is not None) - 1


def test_a_follow_up_alone_verifies_nothing_and_statuses_are_checked(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        store.ingest(write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16"))
        item = store.actions(CODE)[0].item_id
        with pytest.raises(StoreError, match="becomes 'Verified' only by a follow-up"):
            store.update_action(CODE, item, status="verified")
        with pytest.raises(StoreError, match="not a status"):
            store.update_action(CODE, item, status="finished")
        with pytest.raises(StoreError, match="no action"):
            store.update_action(CODE, "9.9-99", status="done")
        # The sources of assessments' own changes are theirs: an update naming one would read as an opening
        # or a follow-up's change in the history. Nothing is written.
        history = store.actions(CODE)[0].events
        for source in ("assessment 1", "follow-up 2"):
            with pytest.raises(StoreError, match=f"the source '{source}' is the store's own word"):
                store.update_action(CODE, item, status="open", source=source)
        assert store.actions(CODE)[0].events == history and len(history) == 1
        assert store.update_action(CODE, item, status="in-progress", source="consultant visit")


def _statuses(store: Store, code: str) -> dict[str, tuple[str, int]]:
    return {a.item_id: (a.status, a.revision) for a in store.actions(code)}


def test_a_corrected_follow_up_undoes_what_the_superseded_one_did(store_url: str, tmp_path: Path) -> None:
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    baseline = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline_path))
    wrongly_fixed, fixed, done = (a.item_id for a in baseline.actions[:3])
    top = max(level.value for level in baseline.scale)
    fine_at_baseline = next(
        item.id
        for item in baseline.items
        if item.status == "answered" and item.grade is None and not item.lab
    )
    with Store(store_url) as store:
        store.ingest(baseline_path)
        store.update_action(CODE, done, status="done", on=dt.date(2026, 7, 1))
        # The follow-up as first sent: two findings gone, a new one where all was fine at baseline.
        first = write_answers(
            tmp_path / "f.yaml",
            code=CODE,
            kind="follow-up",
            date="2026-10-20",
            ratings={wrongly_fixed: top, done: top, fine_at_baseline: 0},
        )
        store.ingest(first)
        before = _statuses(store, CODE)
        assert before[wrongly_fixed] == before[done] == ("verified", 1)
        assert before[fine_at_baseline] == ("open", 2)
        # The corrected file (same enterprise, kind and date): the first finding was not fixed after all,
        # another one was, the action marked done still has its finding, and there is no new finding.
        corrected = write_answers(
            tmp_path / "f.yaml", code=CODE, kind="follow-up", date="2026-10-20", ratings={fixed: top}
        )
        (outcome,) = store.ingest(corrected).outcomes
        assert outcome.status == "superseded"
        actions = {a.item_id: a for a in store.actions(CODE)}
        # Back to what it was before the superseded follow-up (open, not "reopened": it never was done).
        assert (actions[wrongly_fixed].status, actions[wrongly_fixed].verified_by) == ("open", None)
        assert [e.status for e in actions[wrongly_fixed].events] == ["open", "verified", "open"]
        undone = actions[wrongly_fixed].events[-1]
        assert undone.source == f"follow-up {outcome.assessment_id}"
        assert undone.note is not None and str(outcome.supersedes) in undone.note
        assert (actions[fixed].status, actions[fixed].verified_by) == ("verified", outcome.assessment_id)
        # Marked done, verified by the superseded file, back to done, then reopened by the correction.
        assert [e.status for e in actions[done].events] == ["open", "done", "verified", "done", "reopened"]
        # The action only the superseded file called for is gone with it.
        assert fine_at_baseline not in actions
        corrected_statuses = _statuses(store, CODE)

        # The same as if the corrected file had been the only follow-up.
        other = credit_code(62)
        store.ingest(write_answers(tmp_path / "b2.yaml", code=other, date="2026-04-16"))
        store.update_action(other, done, status="done", on=dt.date(2026, 7, 1))
        store.ingest(
            write_answers(
                tmp_path / "f2.yaml", code=other, kind="follow-up", date="2026-10-20", ratings={fixed: top}
            )
        )
        assert corrected_statuses == _statuses(store, other)


def test_a_superseded_follow_ups_new_action_worked_on_is_kept(store_url: str, tmp_path: Path) -> None:
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    baseline = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline_path))
    fine_at_baseline = next(
        item.id
        for item in baseline.items
        if item.status == "answered" and item.grade is None and not item.lab
    )
    with Store(store_url) as store:
        store.ingest(baseline_path)
        first = {"code": CODE, "kind": "follow-up", "date": "2026-10-20"}
        store.ingest(write_answers(tmp_path / "f.yaml", **first, ratings={fine_at_baseline: 0}))
        store.update_action(
            CODE, fine_at_baseline, status="in-progress", owner="王工", on=dt.date(2026, 10, 25)
        )
        (outcome,) = store.ingest(write_answers(tmp_path / "f.yaml", **first)).outcomes
        assert outcome.status == "superseded"
        # The enterprise already works on it: it stays, and the correction (no such finding) verifies it.
        kept = next(a for a in store.actions(CODE) if a.item_id == fine_at_baseline)
        assert (kept.status, kept.owner, kept.opened_by) == ("verified", "王工", outcome.assessment_id)
