"""``flat-unweighted``: the XCCDF 1.2 flat model with unit weights, on graded ratings."""

from __future__ import annotations

from ..models.base import LocalizedText
from ..models.checklist import Item
from .engine import WeightedStrategy


class FlatUnweightedStrategy(WeightedStrategy):
    """Every applicable scored item counts the same: score = 100 × mean(rating / max)."""

    name = "flat-unweighted"

    def item_weight(self, item: Item) -> float:
        return 1.0

    def describe(self) -> LocalizedText:
        return {
            "en": (
                "XCCDF 1.2 flat-unweighted model on graded ratings: every applicable scored item has weight 1. "
                "Item score s = rating / max rating (unanswered = 0); section, overall and lab scores = "
                "100 × mean(s) over the applicable scored items they cover. Findings, maturity, readiness and "
                "action impact (1 × (1 − s) × (2 if critical else 1)) as in the weighted strategy."
            ),
            "zh": (
                "XCCDF 1.2 平面不加权模型（等级评分）：每个适用且计分的条款权重均为 1。条款得分 s = 评分 / 最高分"
                "（未作答记 0）；章节、总分和实验室指数 = 100 × 所覆盖适用计分条款 s 的平均值。发现项、成熟度、"
                "认证准备度及改进措施影响度（1 × (1 − s) × (关键条款取 2，否则取 1)）与加权策略相同。"
            ),
        }
