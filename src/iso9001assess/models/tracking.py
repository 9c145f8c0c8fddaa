"""The statuses an improvement-plan action moves through, defined once (the store, the tracker workbook and
the reports share them)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from .base import FrozenModel

ActionStatus = Literal["open", "in-progress", "done", "verified", "reopened"]
ACTION_STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
# Statuses of an action still to be carried out: counted as open, and overdue past their due date.
PENDING: tuple[ActionStatus, ...] = ("open", "in-progress", "reopened")
# Statuses only a follow-up assessment sets (the enterprise cannot declare its own action verified).
SET_BY_FOLLOW_UP: tuple[ActionStatus, ...] = ("verified", "reopened")


class TrackedAction(FrozenModel):
    """One action of a plan as the programme store tracks it (what a report shows of its state)."""

    id: str
    clause: str
    status: ActionStatus
    due_on: dt.date | None = None
    overdue: bool = False
    owner: str | None = None


class PlanState(FrozenModel):
    """The state of an enterprise's plan in the programme store: every tracked action, ``overdue`` as of
    ``as_of``. A follow-up's report shows it (``report --db``)."""

    as_of: dt.date
    revision: int | None = None
    actions: tuple[TrackedAction, ...] = ()

    def action(self, item_id: str) -> TrackedAction | None:
        """The tracked action of ``item_id``, or None when the plan in the store has none."""
        return next((action for action in self.actions if action.id == item_id), None)

    def count(self, status: ActionStatus) -> int:
        return sum(1 for action in self.actions if action.status == status)

    @property
    def still_open(self) -> int:
        """Open or in progress (reopened ones are counted apart)."""
        return self.count("open") + self.count("in-progress")

    @property
    def overdue(self) -> tuple[TrackedAction, ...]:
        return tuple(action for action in self.actions if action.overdue)
