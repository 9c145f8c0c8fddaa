"""Registers the built-in scoring strategies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..hookspecs import hookimpl
from ..scoring import FlatUnweightedStrategy, WeightedStrategy


@hookimpl
def register_scoring_strategies(register: Callable[[str, Any], None]) -> None:
    register("weighted", WeightedStrategy())
    register("flat-unweighted", FlatUnweightedStrategy())
