"""The improvement plan ("one enterprise, one plan"): one action per finding, most impact first."""

from __future__ import annotations

from ..models.base import LocalizedText
from ..models.checklist import Item, Priority, Recommendation
from ..models.result import Grade

PRIORITY_BY_GRADE: dict[Grade, Priority] = {"major": "high", "minor": "medium", "observation": "low"}


def impact(weight: float, item_score: float, critical: bool) -> float:
    return weight * (1.0 - item_score) * (2.0 if critical else 1.0)


def recommendation_for(item: Item, rating: int | None) -> Recommendation | None:
    """The recommendation for the rating reached: the one with the smallest max_rating at or above it."""
    reached = 0 if rating is None else rating
    chosen = None
    for recommendation in item.recommendations:  # the first of the smallest, as min() would give
        if recommendation.max_rating >= reached and (
            chosen is None or recommendation.max_rating < chosen.max_rating
        ):
            chosen = recommendation
    return chosen


def fallback_text(item: Item) -> LocalizedText:
    """When the checklist gives no recommendation, the action is to meet the requirement itself."""
    text = item.text
    if isinstance(text, str):
        return {"zh": f"按要求落实：{text}", "en": f"Put in place: {text}"}
    return {
        "zh": f"按要求落实：{text.get('zh') or text.get('en', '')}",
        "en": f"Put in place: {text.get('en') or text.get('zh', '')}",
    }
