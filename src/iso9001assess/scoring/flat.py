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
                "XCCDF 1.2 flat-unweighted model on graded ratings: every answered scored item has weight 1. "
                "Item score s = rating / max rating, for answered items only (an item not assessed and a "
                "not-applicable item leave the mean); section, overall and lab scores = 100 × mean(s) over "
                "the answered scored items they cover. Completeness, findings, maturity, readiness, lab "
                "verdict and action impact (1 × (1 − s) × (2 if critical else 1)) as in the weighted strategy."
            ),
            "zh": (
                "XCCDF 1.2 平面不加权模型（等级评分）：每个已评估且计分的检查项权重均为 1。检查项得分 s = 评分 / 最高分，"
                "仅对已评估检查项计算（未评估和不适用检查项不进入平均）；章节、总分和实验室指数 = 100 × 所覆盖已评估"
                "计分检查项 s 的平均值。完整度、发现项、成熟度、认证准备度、实验室结论及改进措施影响度"
                "（1 × (1 − s) × (关键检查项取 2，否则取 1)）与加权策略相同。"
            ),
        }
