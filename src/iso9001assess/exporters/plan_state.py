"""The plan's state, as a follow-up's report words it (PDF and Markdown alike): how many actions are verified,
reopened, still open, done awaiting verification and overdue, and which are overdue or reopened; and, for the
plan chapter's table, each action's owner, due date and status as the store tracks them. The state comes from
the programme store (``report --db``); an exporter never reads the store itself."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import locale, message
from ..models.tracking import PlanState


@dataclass(frozen=True)
class PlanStateWords:
    title: str
    counts: str
    lists: tuple[str, ...]  # "Overdue: 9.2.1-01, ..." and "Reopened: ...", those that are not empty


def plan_state_words(state: PlanState, lang: str) -> PlanStateWords:
    overdue = state.overdue
    reopened = [action for action in state.actions if action.status == "reopened"]
    lists = [
        message(key, lang, actions=locale(lang).join([action.id for action in chosen]))
        for key, chosen in (
            ("report.tracking.overdue_list", overdue),
            ("report.tracking.reopened_list", reopened),
        )
        if chosen
    ]
    return PlanStateWords(
        title=message("report.tracking.title", lang, date=state.as_of.isoformat()),
        counts=message(
            "report.tracking.counts",
            lang,
            count=len(state.actions),
            verified=state.count("verified"),
            reopened=state.count("reopened"),
            open=state.still_open,
            done=state.count("done"),
            overdue=len(overdue),
        ),
        lists=tuple(lists),
    )


@dataclass(frozen=True)
class TrackedCells:
    """An action's tracking as the plan chapter's table shows it: its owner and due date (empty when the store
    has none) and its status in words (None while it is open: the table marks what moved)."""

    owner: str
    due: str
    status: str | None


def tracked_cells(state: PlanState | None, item_id: str, lang: str) -> TrackedCells | None:
    """The cells of ``item_id``'s action from ``state``, or None without a state (or an action in it): the
    cells are then left blank, to fill in by hand."""
    tracked = state.action(item_id) if state is not None else None
    if tracked is None:
        return None
    return TrackedCells(
        owner=tracked.owner or "",
        due=tracked.due_on.isoformat() if tracked.due_on else "",
        status=None if tracked.status == "open" else message(f"vocab.action_status.{tracked.status}", lang),
    )
