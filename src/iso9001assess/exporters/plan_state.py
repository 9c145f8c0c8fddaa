"""The plan's state, as a follow-up's report words it (PDF and Markdown alike): how many actions are verified,
reopened, still open, done awaiting verification and overdue, and which are overdue or reopened. The state
comes from the programme store (``report --db``); an exporter never reads the store itself."""

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
