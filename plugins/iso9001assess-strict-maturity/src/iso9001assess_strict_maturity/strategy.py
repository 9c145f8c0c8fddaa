"""``strict-maturity``: the weighted scores, with a maturity level that counts only when every criterion of it
and of every level below it is met (ISO 9004:2018 style self-assessment).

With the checklist's thresholds t2 < t3 < ... (default 20, 40, 60, 80 for levels 2 to 5), level L is *met* when

  (a) the overall score reaches t_L,
  (b) every clause (a top-level section with items not tagged ``lab`` and a score) reaches t_L,
  (c) from level 3: no major nonconformity; from level 4: no minor one either; from level 5: no observation
      (findings on items tagged ``lab`` do not count, as they do not count in the overall score).

The maturity level is 1 + the number of consecutive levels met, counting from level 2: a level met above a
level that is not met does not count. Scores, findings, readiness and the plan are those of ``weighted``.
"""

from __future__ import annotations

from collections.abc import Sequence

from iso9001assess import Answers, Checklist, Result
from iso9001assess.models.base import LocalizedText
from iso9001assess.rounding import format_number
from iso9001assess.scoring import WeightedStrategy

# The finding grades that a level, and every level above it, does not tolerate.
GRADES_BARRED_FROM = {3: "major", 4: "minor", 5: "observation"}


def clause_ids(checklist: Checklist) -> list[str]:
    """The top-level sections that hold QMS items (the laboratory section holds only items tagged lab)."""
    clauses = []
    for top in checklist.sections:
        stack = [top]
        while stack:
            section = stack.pop()
            if any(not item.is_lab for item in section.items):
                clauses.append(top.id)
                break
            stack.extend(section.sections)
    return clauses


def unmet_criteria(
    result: Result, clauses: Sequence[str], thresholds: Sequence[float]
) -> dict[int, list[str]]:
    """For each level from 2 up, the criteria it misses (an empty list: the level is met)."""
    overall = result.overall.score
    lab_items = {item.id for item in result.items if item.lab}
    grades = {finding.grade for finding in result.findings if finding.item_id not in lab_items}
    scores = {section.id: section.score for section in result.sections}
    unmet: dict[int, list[str]] = {}
    for level, threshold in enumerate(thresholds, start=2):
        missing = []
        if overall is None or overall < threshold:
            missing.append(f"overall score {format_number(overall)} is below {threshold}")
        for clause in clauses:
            score = scores.get(clause)
            if score is not None and score < threshold:
                missing.append(f"clause {clause} scores {format_number(score)}, below {threshold}")
        for from_level, grade in GRADES_BARRED_FROM.items():
            if level >= from_level and grade in grades:
                missing.append(f"a finding graded {grade} remains")
        unmet[level] = missing
    return unmet


def strict_level(result: Result, clauses: Sequence[str], thresholds: Sequence[float]) -> int | None:
    """1 + the number of consecutive levels met from level 2; None when nothing was applicable."""
    if result.overall.score is None:
        return None
    level = 1
    for candidate, missing in sorted(unmet_criteria(result, clauses, thresholds).items()):
        if missing:
            break
        level = candidate
    return level


class StrictMaturityStrategy(WeightedStrategy):
    """The ``weighted`` strategy with the strict, stepwise maturity level described above."""

    name = "strict-maturity"

    def score(self, checklist: Checklist, answers: Answers) -> Result:
        result = super().score(checklist, answers)
        level = strict_level(result, clause_ids(checklist), checklist.maturity.thresholds)
        overall = result.overall.model_copy(update={"maturity_level": level})
        return result.model_copy(update={"overall": overall})

    def describe(self) -> LocalizedText:
        """This strategy's own rules, in full (the report's appendix shows them in place of any other's)."""
        return {
            "en": (
                "Item score s = rating / max rating (0 to 1), for answered items only: an item not assessed, a "
                "not-applicable item and an unscored item are out of every score. Section score = 100 × Σ(w·s) "
                "/ Σw over the answered scored items of the section's subtree, w being the item's weight in the "
                "checklist; overall = the same over the items not tagged lab; lab capability index = the same "
                "over the items tagged lab. Maturity is strict and stepwise: with the checklist's thresholds "
                "t2..t5 (20/40/60/80 unless it sets its own), level L is met when the overall score and every "
                "clause score reach t_L, with no major nonconformity from level 3, no minor one from level 4 "
                "and no observation at level 5 (findings on lab items aside); the maturity level is 1 + the "
                "number of consecutive levels met from level 2, so a level counts only when every level below "
                "it is met. One action per finding, ordered by impact = w × (1 − s) × (2 if critical else 1)."
            ),
            "zh": (
                "检查项得分 s = 评分 / 最高分（0～1），仅对已评估检查项计算；未评估、不适用和不计分的检查项不计入"
                "任何得分。章节得分 = 100 × Σ(w·s) / Σw，对该章节全部下级中已评估且计分的检查项求和，w 为检查项"
                "在检查表中的权重；总分为全部未标注 lab 的检查项之加权得分，实验室能力指数为标注 lab 的检查项之"
                "加权得分。成熟度采用严格逐级判定：取检查表的阈值 t2..t5（检查表未另行规定时为 20/40/60/80），"
                "当总分和每一章得分均达到 t_L，且自第3级起无严重不符合、自第4级起无一般不符合、第5级无观察项"
                "（实验室检查项的发现项不计）时，第 L 级达成；成熟度等级 = 1 + 自第2级起连续达成的级数，只有下面"
                "各级全部达成，上一级才计入。每个发现项对应一项改进措施，按影响度 = w × (1 − s) × (关键检查项取 2，"
                "否则取 1) 从高到低排列。"
            ),
        }
