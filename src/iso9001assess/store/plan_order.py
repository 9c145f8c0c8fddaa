"""Plan order: how an enterprise's actions are listed everywhere (``Store.actions``, ``Store.plan_state``, the
tracker workbook), the same as the result's plan and the report: first the actions of the plan of the
enterprise's latest current assessment, in that plan's order (most impact first, then clause order — never
the ids' string order, which puts 10.2.1 before 4.3); then the actions that plan no longer calls for (their
finding is gone: verified), by plan revision and, within one, in the order their plan listed them (the order
they were opened in).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select

from .records import ActionRecord
from .schema import assessments

A = assessments.c


def plan_positions(connection: Connection, enterprise_id: int) -> dict[str, int]:
    """Each item's place in the plan of the enterprise's latest current assessment (its compact result lists
    the plan's actions in order); empty when it has no assessment."""
    result = connection.execute(
        select(A.result)
        .where(A.enterprise_id == enterprise_id, A.superseded_by.is_(None))
        .order_by(A.assessed_on.desc(), A.recorded_at.desc(), A.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if result is None:
        return {}
    planned = json.loads(result).get("actions", [])
    return {str(item_id): index for index, item_id in enumerate(planned)}


def plan_order(positions: dict[str, int]) -> Callable[[ActionRecord], tuple[Any, ...]]:
    """The sort key of plan order, given ``plan_positions``."""
    after = len(positions)

    def key(action: ActionRecord) -> tuple[Any, ...]:
        position = positions.get(action.item_id)
        if position is not None:
            return (0, position, 0, 0)
        return (1, after, action.revision, action.id)

    return key
