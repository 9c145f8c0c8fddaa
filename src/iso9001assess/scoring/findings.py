"""Grading items into findings, and the levels and verdicts derived from scores."""

from __future__ import annotations

from collections.abc import Sequence

from ..models.checklist import Grading
from ..models.result import Grade, Readiness

READY_AT = 60.0
# Ratings are integers and the table holds fractions: allow for binary rounding of M x fraction.
_EPSILON = 1e-9


def grade(rating: int | None, max_rating: int, critical: bool, table: Grading) -> Grade | None:
    """The finding an applicable scored item gives; an unanswered item counts as rating 0."""
    reached = 0 if rating is None else rating
    if reached <= table.nonconformity_at_most * max_rating + _EPSILON:
        return "major" if critical else "minor"
    if reached <= table.observation_at_most * max_rating + _EPSILON:
        return "observation"
    return None


def maturity_level(score: float | None, thresholds: Sequence[float]) -> int | None:
    """1 + how many thresholds the overall score reaches; None when nothing was applicable."""
    if score is None:
        return None
    return 1 + sum(1 for threshold in thresholds if score >= threshold)


def readiness(overall: float | None, grades: Sequence[Grade]) -> Readiness:
    if overall is None or overall < READY_AT or "major" in grades:
        return "not-ready"
    if "minor" in grades:
        return "conditionally-ready"
    return "ready"
