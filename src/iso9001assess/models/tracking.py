"""The statuses an improvement-plan action moves through, defined once (the store, the tracker workbook and
the reports share them)."""

from __future__ import annotations

from typing import Literal, get_args

ActionStatus = Literal["open", "in-progress", "done", "verified", "reopened"]
ACTION_STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
# Statuses of an action still to be carried out: counted as open, and overdue past their due date.
PENDING: tuple[ActionStatus, ...] = ("open", "in-progress", "reopened")
# Statuses only a follow-up assessment sets (the enterprise cannot declare its own action verified).
SET_BY_FOLLOW_UP: tuple[ActionStatus, ...] = ("verified", "reopened")
