"""Plan order everywhere: ``Store.actions``, ``Store.plan_state`` and the tracker workbook list the actions as the
result's plan does (most impact first, ties in clause order: 8.5.ESD-02 before 10.2.1-02, never the ids' string
order); after a follow-up, its plan's order, then the actions it no longer calls for (verified). On SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import iso9001assess as qa
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(93)


def test_ties_of_impact_keep_the_plans_clause_order(store_url: str, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    result = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(path))
    planned = [action.item_id for action in result.actions]
    # The sample's plan has ties whose clause order is not the ids' string order: the case that matters.
    ties = [
        (a.item_id, b.item_id)
        for a, b in zip(result.actions, result.actions[1:], strict=False)
        if a.impact == b.impact and a.item_id > b.item_id
    ]
    assert ("8.5.ESD-02", "10.2.1-02") in ties
    with Store(store_url) as store:
        store.ingest(path)
        assert [a.item_id for a in store.actions(CODE)] == planned
        assert [a.id for a in store.plan_state(CODE).actions] == planned
        _binding, rows = store.tracker(CODE, "en")
        assert [row.id for row in rows] == planned


def test_after_a_follow_up_its_plan_comes_first_the_verified_last(store_url: str, tmp_path: Path) -> None:
    baseline_path = write_answers(tmp_path / "b.yaml", code=CODE, date="2026-04-16")
    baseline = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(baseline_path))
    top = max(level.value for level in baseline.scale)
    fixed = [action.item_id for action in baseline.actions[:3]]
    fine = next(i.id for i in baseline.items if i.status == "answered" and i.grade is None and not i.lab)
    follow_path = write_answers(
        tmp_path / "f.yaml",
        code=CODE,
        kind="follow-up",
        date="2026-10-20",
        ratings={**dict.fromkeys(fixed, top), fine: 0},
    )
    follow_up = qa.score(qa.load_checklist("electronics-gd"), qa.load_answers(follow_path))
    planned = [action.item_id for action in follow_up.actions]
    assert fine in planned and not set(fixed) & set(planned)
    with Store(store_url) as store:
        store.ingest(baseline_path, follow_path)
        listed = store.actions(CODE)
        # The follow-up's plan in its order (the new finding's action among them, by its impact), then the
        # three actions it verified, in the order their plan (the baseline's) listed them.
        assert [a.item_id for a in listed] == planned + fixed
        assert [a.status for a in listed[-3:]] == ["verified"] * 3
        _binding, rows = store.tracker(CODE, "en")
        assert [row.id for row in rows] == planned + fixed
