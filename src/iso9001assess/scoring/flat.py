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
        # The catalogues' report.method.flat-unweighted, word for word (tests/test_strategy_methods.py
        # holds them equal): scoring never reads the catalogues; the outputs take the words from there.
        return {
            "en": (
                "Unweighted (XCCDF 1.2 flat-unweighted model on graded ratings): every answered scored item weighs "
                "1, whatever its weight in the checklist. Item score s = rating / max rating (0 to 1), for answered "
                "items only: an item not assessed (no answer), a not-applicable item and an unscored item leave the "
                "mean. Section score = 100 × the mean of s over the answered scored items of the section's subtree "
                "(none: no score). Overall = the same mean over every item not tagged lab; lab capability index = "
                "the same mean over the items tagged lab. Completeness = answered ÷ applicable scored items, for the "
                "QMS and the lab apart. Maturity level = 1 + the number of the checklist's maturity thresholds "
                "(20/40/60/80 unless it sets its own) the overall score reaches. One action per finding, ordered by "
                "impact = (1 − s) × (2 if critical else 1), then in checklist order."
            ),
            "zh": (
                "不加权（XCCDF 1.2 平面不加权模型，等级评分）：每个已评估且计分的检查项权重均为 1，不论其"
                "在检查表中的权重。检查项得分 s = 评分 / 最高分（0～1），仅对已评估检查项计算；未评估（未作"
                "答）、不适用和不计分的检查项均不进入平均。章节得分 = 100 × 该章节全部下级中已评估且计分检查"
                "项 s 的平均值（无则不计分）。总分为全部未标注 lab 的检查项 s 的平均值 × 100；实验室"
                "能力指数为标注 lab 的检查项 s 的平均值 × 100。完整度 = 已评估 ÷ 适用的计分检查项"
                "数，体系与实验室分别计算。成熟度等级 = 1 + 总分达到的检查表成熟度阈值个数（检查表未另行规定时"
                "为 20/40/60/80）。每个发现项对应一项改进措施，按影响度 = (1 − s) × (关键检"
                "查项取 2，否则取 1) 从高到低排列，影响度相同时按检查表顺序。"
            ),
        }
