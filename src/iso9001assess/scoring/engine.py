"""The strategy interface and the default ``weighted`` strategy, exactly as docs/scoring.md states it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

from pydantic import BaseModel

from ..loading.answers import validate_answers_against
from ..models.answers import Answer, Answers, NotApplicableKind, rated_answer
from ..models.applicability import declared_kind
from ..models.base import LocalizedText
from ..models.checklist import Checklist, Item, Section
from ..models.result import (
    Action,
    ChecklistRef,
    Finding,
    Grade,
    ItemResult,
    ItemStatus,
    LabResult,
    OverallResult,
    Result,
    SectionResult,
)
from .findings import grade, lab_verdict, maturity_level, readiness
from .identity_cache import IdentityCache
from .plan import PRIORITY_BY_GRADE, fallback_text, impact, recommendation_for


@runtime_checkable
class ScoringStrategy(Protocol):
    """What a scoring strategy provides. Register one with the ``register_scoring_strategies`` hook."""

    def describe(self) -> LocalizedText:
        """The method in words, with its formulas; the report's appendix repeats it."""
        ...

    def score(self, checklist: Checklist, answers: Answers) -> Result:
        """Score ``answers`` against ``checklist`` (already checked to fit it)."""
        ...


ModelT = TypeVar("ModelT", bound=BaseModel)


def _trusted(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    """A result part from values the engine derived from validated input, every field given: validating them
    again would cost more than the whole parse of the answer file (hundreds of parts per result). The tests
    check that every result validates to itself, so a wrong type here cannot go unnoticed."""
    instance = _new(model)
    _set_attribute(instance, "__dict__", values)
    # Every field is set, so all parts of one model share one fields-set: a frozen model never adds to it,
    # and pydantic copies it before a model_copy(update=...) does.
    fields_set = _ALL_FIELDS.get(model)
    if fields_set is None:
        fields_set = _ALL_FIELDS[model] = set(model.model_fields)
    _set_attribute(instance, "__pydantic_fields_set__", fields_set)
    _set_attribute(instance, "__pydantic_extra__", None)
    _set_attribute(instance, "__pydantic_private__", None)
    return instance


_new = object.__new__
_set_attribute = object.__setattr__
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


@dataclass(frozen=True)
class ItemEvaluation:
    """One item as a strategy sees it: its status, its 0..1 score (answered scored items only), and whether
    it counts. ``na_kind`` and ``justification`` say why a not-applicable item is so."""

    item: Item
    section: Section
    position: int
    answer: Answer | None
    status: ItemStatus
    score: float | None
    weight: float
    na_kind: NotApplicableKind | None = None
    justification: str | None = None

    @property
    def counts(self) -> bool:
        """Answered and scored: the item enters section, overall and lab scores, and may be a finding."""
        return self.score is not None


@dataclass
class _Sums:
    weighted: float = 0.0
    weights: float = 0.0
    applicable: int = 0
    answered: int = 0
    not_applicable: int = 0
    unanswered: int = 0

    @classmethod
    def of(cls, evaluations: Iterable[ItemEvaluation]) -> _Sums:
        """The sums of ``evaluations`` in their order (the order fixes the floating-point result).

        Applicable = answered + not assessed; only answered items enter the weighted sums."""
        weighted = weights = 0.0
        applicable = answered = not_applicable = unanswered = 0
        for evaluation in evaluations:
            if not evaluation.item.scored:
                continue
            status = evaluation.status
            if status == "not-applicable":
                not_applicable += 1
                continue
            applicable += 1
            score = evaluation.score
            if score is None:  # not assessed: out of every score
                unanswered += 1
                continue
            weight = evaluation.weight
            weighted += weight * score
            weights += weight
            answered += 1
        return cls(weighted, weights, applicable, answered, not_applicable, unanswered)

    def merge(self, other: _Sums) -> None:
        self.weighted += other.weighted
        self.weights += other.weights
        self.applicable += other.applicable
        self.answered += other.answered
        self.not_applicable += other.not_applicable
        self.unanswered += other.unanswered

    @property
    def score(self) -> float | None:
        if self.weights == 0:
            return None
        # Σw·s ≤ Σw exactly (s ≤ 1, sums in one order), but 100·Σw·s / Σw may land one ulp above 100.
        return min(100.0, 100.0 * self.weighted / self.weights)

    @property
    def completeness(self) -> float | None:
        """Answered ÷ applicable scored items; None when none applies."""
        return None if self.applicable == 0 else self.answered / self.applicable


class WeightedStrategy:
    """score = 100 x sum(weight x rating / max) / sum(weight), over applicable scored items."""

    name = "weighted"

    def item_weight(self, item: Item) -> float:
        return float(item.weight)

    def describe(self) -> LocalizedText:
        # The catalogues' report.method.weighted, word for word (tests/test_strategy_methods.py
        # holds them equal): scoring never reads the catalogues; the outputs take the words from there.
        return {
            "en": (
                "Item score s = rating / max rating (0 to 1), for answered items only: an item not assessed (no "
                "answer), a not-applicable item and an unscored item leave both sums. Each item weighs its weight w "
                "in the checklist. Section score = 100 × Σ(w·s) / Σw over the answered scored items of the section's "
                "subtree (none: no score). Overall = the same over every item not tagged lab; lab capability index = "
                "the same over the items tagged lab. Completeness = answered ÷ applicable scored items, for the QMS "
                "and the lab apart. Maturity level = 1 + the number of the checklist's maturity thresholds "
                "(20/40/60/80 unless it sets its own) the overall score reaches. One action per finding, ordered by "
                "impact = w × (1 − s) × (2 if critical else 1), then in checklist order."
            ),
            "zh": (
                "检查项得分 s = 评分 / 最高分（0～1），仅对已评估检查项计算；未评估（未作答）、不适用和不计"
                "分的检查项均不进入分子和分母。每个检查项的权重 w 取检查表中的权重。章节得分 = 100 × Σ("
                "w·s) / Σw，对该章节全部下级中已评估且计分的检查项求和（无则不计分）。总分为全部未标注 la"
                "b 的检查项之加权得分；实验室能力指数为标注 lab 的检查项之加权得分。完整度 = 已评估 ÷ 适"
                "用的计分检查项数，体系与实验室分别计算。成熟度等级 = 1 + 总分达到的检查表成熟度阈值个数（检查"
                "表未另行规定时为 20/40/60/80）。每个发现项对应一项改进措施，按影响度 = w × (1 "
                "− s) × (关键检查项取 2，否则取 1) 从高到低排列，影响度相同时按检查表顺序。"
            ),
        }

    # -- the steps, each overridable -------------------------------------------------------------------------
    def layout(self, checklist: Checklist) -> _Layout:
        """What scoring needs of a checklist that does not depend on the answers, worked out once per checklist
        and strategy (the weights are the strategy's ``item_weight``)."""
        layout = _LAYOUTS.get(self, checklist)
        if layout is None:
            layout = _LAYOUTS.put(_Layout(checklist, self.item_weight), self, checklist)
        return layout

    def evaluate(self, checklist: Checklist, answers: Answers) -> list[ItemEvaluation]:
        layout = self.layout(checklist)
        entries = answers.answers
        declared = answers.not_applicable
        has_lab = answers.enterprise.has_lab
        max_rating = checklist.max_rating
        evaluations = []
        for position, (item, section, is_lab, weight, ancestors) in enumerate(layout.items):
            entry = entries.get(item.id)
            answer = entry if entry is None or isinstance(entry, Answer) else rated_answer(entry)
            status: ItemStatus
            score: float | None = None
            na_kind: NotApplicableKind | None = None
            justification = None if answer is None else answer.justification
            if is_lab and not has_lab:
                status, na_kind = "not-applicable", "no-lab"
                if justification is None and declared:
                    covering = next((a for a in ancestors if a in declared), None)
                    justification = None if covering is None else declared[covering]
            elif answer is not None and answer.na:
                status, na_kind = "not-applicable", declared_kind(item, answer.na_kind) or "excluded"
            elif answer is not None and answer.rating is not None:
                status, score = "answered", answer.rating / max_rating
            elif declared and (covering := next((a for a in ancestors if a in declared), None)):
                status, na_kind = "not-applicable", declared_kind(item, None) or "excluded"
                justification = declared[covering]
            else:
                status = "unanswered"  # not assessed: out of every score
            if not item.scored:
                score = None
            evaluations.append(
                _evaluation(item, section, position, answer, status, score, weight, na_kind, justification)
            )
        return evaluations

    def score(self, checklist: Checklist, answers: Answers) -> Result:
        validate_answers_against(answers, checklist)
        evaluations = self.evaluate(checklist, answers)
        by_section: dict[str, list[ItemEvaluation]] = {}
        overall: list[ItemEvaluation] = []
        lab: list[ItemEvaluation] = []
        grades: dict[str, Grade | None] = {}
        qms_grades: list[Grade] = []
        lab_grades: list[Grade] = []
        grade_of = self.grade
        for evaluation in evaluations:
            item_id = evaluation.item.id
            section_id = evaluation.section.id
            if section_id in by_section:
                by_section[section_id].append(evaluation)
            else:
                by_section[section_id] = [evaluation]
            item_grade = grades[item_id] = grade_of(evaluation, checklist)
            if evaluation.item.is_lab:
                lab.append(evaluation)
                if item_grade is not None:
                    lab_grades.append(item_grade)
            else:
                overall.append(evaluation)
                if item_grade is not None:
                    qms_grades.append(item_grade)
        overall_sums, lab_sums = _Sums.of(overall), _Sums.of(lab)
        sections = self.section_results(checklist, by_section, answers.not_applicable)
        overall_score, lab_score = overall_sums.score, lab_sums.score
        minimum = checklist.min_completeness
        item_result, finding = self.item_result, self.finding
        return Result(
            checklist=ChecklistRef(
                id=checklist.id,
                version=checklist.version,
                sha256=checklist.sha256,
                title=checklist.title,
                standard=checklist.standard,
            ),
            strategy=self.name,
            method=self.describe(),
            enterprise=answers.enterprise,
            assessment=answers.assessment,
            scale=checklist.scale,
            min_completeness=minimum,
            overall=OverallResult(
                score=overall_score,
                maturity_level=maturity_level(overall_score, checklist.maturity.thresholds),
                readiness=readiness(overall_score, qms_grades, overall_sums.completeness, minimum),
                completeness=overall_sums.completeness,
            ),
            lab=LabResult(
                score=lab_score,
                verdict=lab_verdict(lab_score, lab_grades, lab_sums.completeness, minimum),
                completeness=lab_sums.completeness,
            ),
            sections=sections,
            items=tuple([item_result(e, grades[e.item.id]) for e in evaluations]),
            findings=tuple([finding(e, g) for e in evaluations if (g := grades[e.item.id]) is not None]),
            actions=self.plan(evaluations, grades),
        )

    def grade(self, evaluation: ItemEvaluation, checklist: Checklist) -> Grade | None:
        """The finding of an answered scored item; an item not assessed is never a finding."""
        if evaluation.score is None or evaluation.answer is None or evaluation.answer.rating is None:
            return None
        return grade(
            evaluation.answer.rating, checklist.max_rating, evaluation.item.critical, checklist.grading
        )

    def section_results(
        self,
        checklist: Checklist,
        by_section: dict[str, list[ItemEvaluation]],
        declared: dict[str, str] | None = None,
    ) -> tuple[SectionResult, ...]:
        layout = self.layout(checklist)
        # Each section's own items first, then (children before parents) each subtree's sums.
        sums = [_Sums.of(by_section.get(section.id, ())) for section, _, _ in layout.sections]
        parents = layout.parents
        for index in reversed(range(len(sums))):
            parent_index = parents[index]
            if parent_index is not None:
                sums[parent_index].merge(sums[index])
        declared = declared or {}
        return tuple(
            [
                _section_result(section, depth, parent, total, declared.get(section.id))
                for (section, depth, parent), total in zip(layout.sections, sums, strict=True)
            ]
        )

    def item_result(self, evaluation: ItemEvaluation, item_grade: Grade | None) -> ItemResult:
        answer, item, section = evaluation.answer, evaluation.item, evaluation.section
        score = evaluation.score
        key: tuple[Any, ...] | None = None
        if answer is None or _plain(answer):
            rating = None if answer is None else answer.rating
            key = (
                "item",
                evaluation.status,
                evaluation.na_kind,
                evaluation.justification,
                rating,
                score,
                item_grade,
                evaluation.weight,
            )
            shared = _shared_part(item, section, key)
            if shared is not None:
                return cast(ItemResult, shared)
        result: ItemResult = _trusted(
            ItemResult,
            {
                "id": item.id,
                "section": section.id,
                "text": item.text,
                "status": evaluation.status,
                "na_kind": evaluation.na_kind,
                "rating": answer.rating if answer is not None else None,
                "score": score,
                "grade": item_grade,
                "weight": evaluation.weight,
                "critical": item.critical,
                "scored": item.scored,
                "lab": item.is_lab,
                "note": answer.note if answer is not None else None,
                "justification": evaluation.justification,
                "evidence": answer.evidence if answer is not None else (),
                "root_cause": answer.root_cause if answer is not None else None,
            },
        )
        return result if key is None else _share(key, item, section, result)

    def finding(self, evaluation: ItemEvaluation, item_grade: Grade) -> Finding:
        answer, item, section = evaluation.answer, evaluation.item, evaluation.section
        key: tuple[Any, ...] | None = None
        if answer is None or _plain(answer):
            key = ("finding", item_grade, None if answer is None else answer.rating)
            shared = _shared_part(item, section, key)
            if shared is not None:
                return cast(Finding, shared)
        finding: Finding = _trusted(
            Finding,
            {
                "item_id": item.id,
                "clause": section.id,
                "grade": item_grade,
                "rating": answer.rating if answer is not None else None,
                "text": item.text,
                "note": answer.note if answer is not None else None,
                "root_cause": answer.root_cause if answer is not None else None,
            },
        )
        return finding if key is None else _share(key, item, section, finding)

    def plan(self, evaluations: list[ItemEvaluation], grades: dict[str, Grade | None]) -> tuple[Action, ...]:
        actions: list[tuple[float, int, Action]] = []
        for evaluation in evaluations:
            item, section = evaluation.item, evaluation.section
            item_grade = grades[item.id]
            if item_grade is None or evaluation.score is None or evaluation.answer is None:
                continue
            rating = evaluation.answer.rating
            value = impact(evaluation.weight, evaluation.score, item.critical)
            # An action depends on the item, its grade and rating and the impact, never on the answer's texts.
            key = ("action", item_grade, rating, value)
            action = cast(Action | None, _shared_part(item, section, key))
            if action is None:
                recommendation = recommendation_for(item, rating)
                if recommendation is None:
                    priority, timeframe, text = PRIORITY_BY_GRADE[item_grade], None, fallback_text(item)
                else:
                    priority, timeframe = recommendation.priority, recommendation.timeframe_days
                    text = recommendation.text
                action = _share(
                    key,
                    item,
                    section,
                    _trusted(
                        Action,
                        {
                            "id": item.id,
                            "item_id": item.id,
                            "clause": section.id,
                            "grade": item_grade,
                            "priority": priority,
                            "timeframe_days": timeframe,
                            "impact": value,
                            "text": text,
                        },
                    ),
                )
            actions.append((-value, evaluation.position, action))
        actions.sort(key=_impact_order)
        return tuple([action for _, _, action in actions])


# Result parts are immutable, so a part that depends only on an item and a plain answer (a bare rating, or
# none: most answers) is built once and shared by every result that has it, by the identity of its item and
# section and the values it depends on (see identity_cache for why an id is never stale).
_SHARED_PARTS: IdentityCache[BaseModel] = IdentityCache(limit=20_000)
_LAYOUTS: IdentityCache[_Layout] = IdentityCache(limit=16)


def _plain(answer: Answer) -> bool:
    """No texts of its own: the answer's part of a result is its rating."""
    return (
        answer.note is None
        and answer.justification is None
        and not answer.evidence
        and answer.root_cause is None
    )


# (item or section, section, key) -> the shared part or None: the cache's own lookup, bound once (no wrapper
# call: this runs for every item, finding, action and section of every result).
_shared_part = _SHARED_PARTS.get


def _share(key: tuple[Any, ...], item: Item | Section, section: Section, part: ModelT) -> ModelT:
    _SHARED_PARTS.put(part, item, section, key)
    return part


def _section_result(
    section: Section, depth: int, parent: str | None, total: _Sums, justification: str | None
) -> SectionResult:
    score = total.score
    counts = (total.applicable, total.answered, total.not_applicable, total.unanswered)
    key = ("section", depth, parent, score, counts, justification)
    shared = _shared_part(section, section, key)
    if shared is not None:
        return cast(SectionResult, shared)
    part: SectionResult = _trusted(
        SectionResult,
        {
            "id": section.id,
            "title": section.title,
            "depth": depth,
            "parent": parent,
            "score": score,
            "applicable": counts[0],
            "answered": counts[1],
            "not_applicable": counts[2],
            "unanswered": counts[3],
            "justification": justification,
        },
    )
    return _share(key, section, section, part)


_impact_order = itemgetter(0, 1)  # most impact first, then checklist order


def _evaluation(
    item: Item,
    section: Section,
    position: int,
    answer: Answer | None,
    status: ItemStatus,
    score: float | None,
    weight: float,
    na_kind: NotApplicableKind | None = None,
    justification: str | None = None,
) -> ItemEvaluation:
    """ItemEvaluation(...) without the frozen dataclass's one guarded assignment per field (227 per file)."""
    evaluation = _new(ItemEvaluation)
    _set_attribute(
        evaluation,
        "__dict__",
        {
            "item": item,
            "section": section,
            "position": position,
            "answer": answer,
            "status": status,
            "score": score,
            "weight": weight,
            "na_kind": na_kind,
            "justification": justification,
        },
    )
    return evaluation


class _Layout:
    """A checklist's items (with section, lab tag and weight) and sections (with depth and parent) in order."""

    def __init__(self, checklist: Checklist, item_weight: Any) -> None:
        self.checklist = checklist
        self.sections: list[tuple[Section, int, str | None]] = []
        self.parents: list[int | None] = []
        index_of: dict[str, int] = {}
        parent_at_depth: list[int] = []
        # Each section's id and its ancestors' (innermost first): where a section declared N/A is looked up.
        ancestors: dict[str, tuple[str, ...]] = {}
        for section, depth in checklist.walk_sections():
            del parent_at_depth[depth:]
            parent_index = parent_at_depth[-1] if parent_at_depth else None
            index_of[section.id] = len(self.sections)
            parent_id = None if parent_index is None else self.sections[parent_index][0].id
            self.sections.append((section, depth, parent_id))
            self.parents.append(parent_index)
            parent_at_depth.append(index_of[section.id])
            ancestors[section.id] = (section.id, *(() if parent_id is None else ancestors[parent_id]))
        self.items: list[tuple[Item, Section, bool, float, tuple[str, ...]]] = [
            (item, section, item.is_lab, item_weight(item), ancestors[section.id])
            for item, section in checklist.iter_items()
        ]
