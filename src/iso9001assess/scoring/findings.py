"""Grading items into findings, and the levels and verdicts derived from scores."""

from __future__ import annotations

from collections.abc import Sequence

from ..models.checklist import Grading
from ..models.result import Grade, LabVerdict, Readiness

READY_AT = 60.0
STANDARDIZED_AT = 80.0
BASICALLY_STANDARDIZED_AT = 60.0
# Ratings are integers and the table holds fractions: allow for binary rounding of M x fraction.
_EPSILON = 1e-9


def grade(rating: int, max_rating: int, critical: bool, table: Grading) -> Grade | None:
    """The finding an answered scored item gives (an item not assessed gives none)."""
    reached = rating
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


def _incomplete(completeness: float | None, minimum: float) -> bool:
    return completeness is not None and completeness < minimum


def readiness(
    overall: float | None, qms_grades: Sequence[Grade], completeness: float | None, minimum: float
) -> Readiness:
    """Readiness for ISO 9001 certification, on the QMS (non-lab) items only."""
    if _incomplete(completeness, minimum):
        return "incomplete"
    if overall is None or overall < READY_AT or "major" in qms_grades:
        return "not-ready"
    if "minor" in qms_grades:
        return "conditionally-ready"
    return "ready"


def lab_verdict(
    index: float | None, lab_grades: Sequence[Grade], completeness: float | None, minimum: float
) -> LabVerdict | None:
    """The programme's "standardized laboratory management" verdict; None without a lab index."""
    if index is None:
        return None
    if _incomplete(completeness, minimum):
        return "incomplete"
    if "major" not in lab_grades:
        if index >= STANDARDIZED_AT:
            return "standardized"
        if index >= BASICALLY_STANDARDIZED_AT:
            return "basically-standardized"
    return "not-standardized"
