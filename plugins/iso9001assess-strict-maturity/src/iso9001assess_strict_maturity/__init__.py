"""The ``strict-maturity`` scoring strategy for iso9001assess: an example strategy plugin (see strategy.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iso9001assess import hookimpl

from .strategy import StrictMaturityStrategy, clause_ids, strict_level, unmet_criteria

__all__ = [
    "StrictMaturityStrategy",
    "clause_ids",
    "register_scoring_strategies",
    "strict_level",
    "unmet_criteria",
]


@hookimpl
def register_scoring_strategies(register: Callable[[str, Any], None]) -> None:
    register("strict-maturity", StrictMaturityStrategy())
