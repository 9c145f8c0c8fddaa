"""A read-only view of a Result shaped for reports: sections by level, lab part, weaknesses, labels.

Shared by the PDF and Markdown exporters, so both say the same things; it imports no reportlab and never
recomputes a score — it only selects, orders and words what the result holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Literal

from ..comparison import Comparison
from ..i18n import Locale, half_up, has_message, locale, message
from ..models.base import LocalizedText, localize
from ..models.result import Action, Finding, Grade, ItemResult, Result, SectionResult
from ..rounding import format_number, format_percent, shown_change

GRADE_ORDER: tuple[Grade, ...] = ("major", "minor", "observation")
READINESS_CODES = ("incomplete", "not-ready", "conditionally-ready", "ready")
TOP_LIST_LENGTH = 5
STRENGTH_THRESHOLD = 80.0  # a clause is named a strength only from this score
ROADMAP_BUCKETS = (30, 60, 90)  # an action is due within the first of these its timeframe fits
# The roadmap's last columns: a timeframe over 90 days is not "within 90 days", and an unset one is not due at all.
ROADMAP_LATER, ROADMAP_UNSET = "later", "unset"
# Catalogue keys of the column headings the PDF and Markdown reports share.
ITEM_COLUMN_KEYS = (
    "report.detail.id",
    "report.detail.requirement",
    "report.detail.rating",
    "report.detail.grade",
    "report.detail.note",
)
PLAN_COLUMN_KEYS = (
    "report.plan.number",
    "report.plan.action",
    "report.plan.item",
    "report.plan.priority",
    "report.plan.timeframe",
    "report.plan.owner",
    "report.plan.due",
)


def one_decimal(value: float) -> Decimal:
    """Rounded once, half up, as people round (56.25 -> 56.3), from the full-precision value of the result."""
    return half_up(value, 1)


def score_text(value: float | None, lang: str) -> str:
    """A score with one decimal, or "n/a" for a section with nothing answered."""
    return format_number(value, 1, none=message("common.not_available", lang))


def industry_words(industry: str, lang: str) -> str:
    """An industry in words: a catalogued industry id (``electronics``) by its name, free text as written."""
    key = f"vocab.industry.{industry}"
    return message(key, lang) if has_message(key) else industry


def percent_text(fraction: float | None, lang: str) -> str:
    """A completeness as a whole percentage, or "n/a" when nothing applies."""
    return format_percent(fraction, 0, none=message("common.not_available", lang))


def delta_text(value: float | None, lang: str) -> str:
    """A signed change ("+4.5", "-2.0"); no change is "0.0"."""
    if value is None:
        return message("common.not_available", lang)
    rounded = one_decimal(value)
    return "0.0" if rounded == 0 else f"{rounded:+}"


def signed_count(count: int) -> str:
    """A change in a count: "+2", "-1", or "0"."""
    return f"{count:+d}" if count else "0"


def maturity_label(level: int | None, lang: str) -> str:
    if level is None:
        return message("common.not_available", lang)
    key = f"vocab.maturity.{level}"
    return message(key, lang) if has_message(key) else message("vocab.maturity.other", lang, level=level)


HEADLINE_COLUMN_KEYS = (
    "report.progress.measure",
    "report.progress.baseline",
    "report.progress.followup",
    "report.progress.delta",
)
Tone = Literal["better", "worse"] | None


@dataclass(frozen=True)
class HeadlineChange:
    """A row of the follow-up's headline table: a measure, its two values and the change; ``tone`` says whether
    the change is better or worse (a renderer's colour), None when it is neither or not measured."""

    measure: str
    baseline: str
    followup: str
    change: str
    tone: Tone


def score_change(value: float | None, lang: str) -> tuple[str, Tone]:
    """A change of a score in words ("+4.5") and whether it is better or worse (none when unchanged or n/a)."""
    text = delta_text(value, lang)
    return text, None if value is None or text == "0.0" else "better" if value > 0 else "worse"


def headline_changes(comparison: Comparison, lang: str) -> list[HeadlineChange]:
    """Score, maturity, readiness, lab index and the findings of each grade, before and after."""
    before, after = comparison.baseline, comparison.followup

    def msg(key: str) -> str:
        return message(key, lang)

    def score(measure: str, was: float | None, now: float | None, change: float | None) -> HeadlineChange:
        shown = shown_change(was, now) if change is not None else None  # what a reader subtracts
        return HeadlineChange(
            msg(measure), score_text(was, lang), score_text(now, lang), *score_change(shown, lang)
        )

    maturity = comparison.maturity_change
    rows = [
        score("vocab.measure.overall", before.overall, after.overall, comparison.overall_delta),
        HeadlineChange(
            msg("vocab.measure.maturity"),
            maturity_label(before.maturity_level, lang),
            maturity_label(after.maturity_level, lang),
            "" if maturity is None else signed_count(maturity),
            None,
        ),
        HeadlineChange(
            msg("vocab.measure.readiness"),
            msg(f"vocab.readiness.{before.readiness}"),
            msg(f"vocab.readiness.{after.readiness}"),
            "",
            None,
        ),
        score("vocab.measure.lab", before.lab, after.lab, comparison.lab_delta),
    ]
    for grade in GRADE_ORDER:
        change = after.findings[grade] - before.findings[grade]
        rows.append(
            HeadlineChange(
                msg(f"vocab.grade.{grade}"),
                str(before.findings[grade]),
                str(after.findings[grade]),
                signed_count(change),
                None if not change else "worse" if change > 0 else "better",  # more findings is worse
            )
        )
    return rows


def bucket_of(action: Action) -> str:
    """The roadmap column of an action: due within 30, 60 or 90 days, later than that, or with no timeframe —
    each action under the column its own timeframe falls in, so the roadmap says what the plan says."""
    days = action.timeframe_days
    if days is None:
        return ROADMAP_UNSET
    for bucket in ROADMAP_BUCKETS:
        if days <= bucket:
            return str(bucket)
    return ROADMAP_LATER


def roadmap(actions: Sequence[Action]) -> list[tuple[str, list[Action]]]:
    """The actions grouped by when they are due (30 / 60 / 90 days, later, no timeframe), empty buckets left
    out, order kept; a bucket's label is the catalogue key ``report.gm.bucket.<bucket>``."""
    buckets = [*(str(b) for b in ROADMAP_BUCKETS), ROADMAP_LATER, ROADMAP_UNSET]
    grouped = [(bucket, [a for a in actions if bucket_of(a) == bucket]) for bucket in buckets]
    return [(bucket, members) for bucket, members in grouped if members]


def changes_by_clause(comparison: Comparison) -> list[tuple[str, LocalizedText | None, list[int]]]:
    """Findings closed / new / persisting counted under each main clause, in clause order: (id, title,
    [closed, new, persisting]) for each main clause with a change."""
    tops = [d for d in comparison.sections if d.depth == 0]
    top_ids = [d.id for d in tops]

    def top_of(clause: str) -> str:
        # A clause id starts with its main clause's id ("7.1.5" under "7"); the longest such prefix wins.
        matches = [t for t in top_ids if clause == t or clause.startswith(t + ".")]
        return max(matches, key=len) if matches else clause

    counts: dict[str, list[int]] = {}
    for column, changes in enumerate((comparison.closed, comparison.new, comparison.persisting)):
        for change in changes:
            counts.setdefault(top_of(change.clause), [0, 0, 0])[column] += 1
    return [(d.id, d.title, counts[d.id]) for d in tops if d.id in counts]


@dataclass(frozen=True)
class ReportView:
    result: Result
    lang: str = "zh"
    top_list_length: int = field(default=TOP_LIST_LENGTH)

    # -- words ------------------------------------------------------------------------------------------------
    def t(self, text: LocalizedText | None) -> str:
        """Checklist text in the report's language, falling back to the other language."""
        return localize(text, self.lang)

    def msg(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    @cached_property
    def locale(self) -> Locale:
        return locale(self.lang)

    def score(self, value: float | None) -> str:
        return score_text(value, self.lang)

    def maturity(self, level: int | None) -> str:
        return maturity_label(level, self.lang)

    def readiness(self) -> str:
        return self.msg(f"vocab.readiness.{self.result.overall.readiness}")

    def lab_verdict(self) -> str:
        verdict = self.result.lab.verdict
        return self.msg(f"vocab.lab_verdict.{verdict}") if verdict else self.msg("vocab.lab_verdict.none")

    def na_kind(self, item: ItemResult) -> str:
        """How a not-applicable item is so, in words (an exclusion, not triggered, no laboratory)."""
        return (
            self.msg(f"vocab.na_kind.{item.na_kind}")
            if item.na_kind
            else self.msg("vocab.status.not-applicable")
        )

    def grade(self, grade: Grade | None) -> str:
        return self.msg(f"vocab.grade.{grade}") if grade else self.msg("vocab.grade.none")

    def rating(self, item: ItemResult) -> str:
        """ "3 · Implemented", or the status when there is no rating."""
        if item.status == "not-applicable":
            return self.na_kind(item)
        if item.rating is None:
            return self.msg("vocab.status.unanswered")
        label = self.scale_labels.get(item.rating, "")
        return (
            self.msg("report.rating.labelled", rating=item.rating, label=label) if label else str(item.rating)
        )

    def section_label(self, section: SectionResult) -> str:
        return f"{section.id} {self.t(section.title)}"

    def date(self) -> str:
        value = self.result.assessment.date
        return value.isoformat() if value else self.msg("common.dash")

    def region(self) -> str:
        region = self.result.enterprise.region
        parts = [part for part in (region.province, region.city, region.district) if part]
        return self.locale.join_region(parts) if parts else self.msg("common.dash")

    def size(self) -> str:
        size = self.result.enterprise.size
        return self.msg(f"vocab.size.{size}") if size else self.msg("common.dash")

    def kind(self) -> str:
        return self.msg(f"vocab.kind.{self.result.assessment.kind}")

    def findings_counts(self) -> str:
        return self.msg("report.summary.findings_counts", **self.result.finding_counts())

    def completeness(self) -> str:
        """The QMS completeness (what readiness is judged on)."""
        return percent_text(self.result.overall.completeness, self.lang)

    def lab_completeness(self) -> str:
        return percent_text(self.result.lab.completeness, self.lang)

    def percent(self, fraction: float | None) -> str:
        """A share as a whole percentage, rounded half up once (0.625 -> 63%)."""
        return percent_text(fraction, self.lang)

    @property
    def provisional(self) -> bool:
        """While the QMS is not assessed far enough, every verdict is provisional."""
        return self.result.overall.readiness == "incomplete"

    def industry(self) -> str:
        """The industry in words: a known industry or cluster id from the catalogue, else as written."""
        industry = self.result.enterprise.industry
        return industry_words(industry, self.lang) if industry else self.msg("common.dash")

    def strategy(self) -> str:
        """The scoring strategy in words; a plugin's strategy by its name."""
        return strategy_words(self.result.strategy, self.lang)

    def method(self) -> str:
        """The scoring method in words, the scoring strategy's own (see ``method_words``)."""
        return method_words(self.result.strategy, self.result.method, self.lang)

    def verdict_rules(self) -> list[str]:
        """The appendix's rules for the verdicts, in the report's own words for them (vocab.*), said once: the
        findings rule is stated in the findings chapter, so the appendix points there."""
        msg, minimum = self.msg, self.percent(self.result.min_completeness)
        readiness = {code.replace("-", "_"): msg(f"vocab.readiness.{code}") for code in READINESS_CODES}
        lab = {
            "incomplete": msg("vocab.lab_verdict.incomplete"),
            "standardized": msg("vocab.lab_verdict.standardized"),
            "basically": msg("vocab.lab_verdict.basically-standardized"),
            "not_standardized": msg("vocab.lab_verdict.not-standardized"),
        }
        return [
            msg("report.appendix.findings_rule_ref", chapter=msg("report.findings.by_clause")),
            msg("report.appendix.readiness_rule_completeness", minimum=minimum, **readiness),
            msg("report.appendix.lab_rule", minimum=minimum, **lab),
        ]

    def yes_no(self, value: bool) -> str:
        return self.msg("vocab.yes" if value else "vocab.no")

    def cover_fields(self) -> list[tuple[str, str]]:
        """The cover's table: the enterprise, the assessment and the checklist, field by field, in words."""
        enterprise, assessment, checklist = (
            self.result.enterprise,
            self.result.assessment,
            self.result.checklist,
        )
        dash = self.msg("common.dash")
        fields = [
            (self.msg("vocab.field.enterprise"), enterprise.name),
            (self.msg("vocab.field.credit_code"), enterprise.credit_code or dash),
            (self.msg("vocab.field.region"), self.region()),
            (self.msg("vocab.field.industry"), self.industry()),
            (self.msg("vocab.field.size"), self.size()),
            (
                self.msg("vocab.field.employees"),
                dash if enterprise.employees is None else str(enterprise.employees),
            ),
            (self.msg("vocab.field.has_lab"), self.yes_no(enterprise.has_lab)),
            (self.msg("vocab.field.certified"), self.yes_no(enterprise.certified)),
            (self.msg("vocab.field.kind"), self.kind()),
            (self.msg("vocab.field.date"), self.date()),
            (self.msg("vocab.field.assessor"), assessment.assessor or dash),
            (self.msg("vocab.field.checklist"), self.t(checklist.title) or checklist.id),
            (self.msg("vocab.field.version"), checklist.version),
        ]
        if checklist.standard:
            fields.append((self.msg("vocab.field.standard"), checklist.standard))
        return fields

    # -- structure --------------------------------------------------------------------------------------------
    @cached_property
    def scale_labels(self) -> dict[int, str]:
        return {level.value: self.t(level.label) for level in self.result.scale}

    @cached_property
    def top_rating(self) -> int:
        return max((level.value for level in self.result.scale), default=0)

    @cached_property
    def sections_by_id(self) -> dict[str, SectionResult]:
        return {section.id: section for section in self.result.sections}

    @cached_property
    def top_of(self) -> dict[str, str]:
        """Each section's top-level ancestor (itself for a top-level section)."""
        tops: dict[str, str] = {}
        for section in self.result.sections:  # parents come before their children
            tops[section.id] = section.id if section.parent is None else tops[section.parent]
        return tops

    @cached_property
    def items_by_section(self) -> dict[str, list[ItemResult]]:
        grouped: dict[str, list[ItemResult]] = {}
        for item in self.result.items:
            grouped.setdefault(item.section, []).append(item)
        return grouped

    @cached_property
    def lab_tops(self) -> frozenset[str]:
        """Top-level sections whose items are all tagged lab: the laboratory part."""
        lab: dict[str, bool] = {}
        for item in self.result.items:
            top = self.top_of[item.section]
            lab[top] = lab.get(top, True) and item.lab
        return frozenset(top for top, all_lab in lab.items() if all_lab)

    def is_lab(self, section: SectionResult) -> bool:
        return self.top_of[section.id] in self.lab_tops

    def folded_no_lab(self, section: SectionResult) -> bool:
        """A sub-section of the laboratory section of an enterprise without a laboratory: its table shows the
        whole laboratory section as one row saying so, not each sub-section as n/a."""
        return not self.result.enterprise.has_lab and section.depth > 0 and self.is_lab(section)

    @cached_property
    def qms_sections(self) -> list[SectionResult]:
        return [s for s in self.result.sections if not self.is_lab(s)]

    @cached_property
    def lab_sections(self) -> list[SectionResult]:
        return [s for s in self.result.sections if self.is_lab(s)]

    @cached_property
    def qms_top(self) -> list[SectionResult]:
        """The main clauses (4 to 10 in ISO 9001): the radar's spokes."""
        return [s for s in self.qms_sections if s.depth == 0]

    @cached_property
    def qms_clauses(self) -> list[SectionResult]:
        """The second level (4.1, 7.1, ...) — or the top level when a checklist has only one."""
        second = [s for s in self.qms_sections if s.depth == 1]
        return second or self.qms_top

    @cached_property
    def lab_elements(self) -> list[SectionResult]:
        second = [s for s in self.lab_sections if s.depth == 1]
        return second or [s for s in self.lab_sections if s.depth == 0]

    def weakest(self) -> list[SectionResult]:
        """Three to five lowest-scoring clauses (QMS, second level): five when there are ten or more."""
        scored = [s for s in self.qms_clauses if s.score is not None]
        order = {s.id: n for n, s in enumerate(scored)}
        count = min(len(scored), max(3, min(5, len(scored) // 2)))
        return sorted(scored, key=lambda s: (s.score, order[s.id]))[:count]

    def strengths(self) -> list[SectionResult]:
        """Up to five best clauses scoring at least 80, never one of the weakest."""
        weakest = {s.id for s in self.weakest()}
        scored = [s for s in self.qms_clauses if s.score is not None and s.id not in weakest]
        order = {s.id: n for n, s in enumerate(scored)}
        strong = [s for s in scored if (s.score or 0.0) >= STRENGTH_THRESHOLD]
        return sorted(strong, key=lambda s: (-(s.score or 0.0), order[s.id]))[: self.top_list_length]

    def weaknesses_and_strengths(self) -> tuple[list[SectionResult], list[SectionResult]]:
        """The lowest- and highest-scoring clauses (QMS only), never the same clause in both lists."""
        scored = [s for s in self.qms_clauses if s.score is not None]
        order = {s.id: n for n, s in enumerate(scored)}
        if not scored:
            return [], []
        count = min(self.top_list_length, max(1, len(scored) // 2))
        ascending = sorted(scored, key=lambda s: (s.score, order[s.id]))
        weaknesses = ascending[:count]
        taken = {s.id for s in weaknesses}
        descending = sorted(scored, key=lambda s: (-(s.score or 0.0), order[s.id]))
        strengths = [s for s in descending if s.id not in taken][:count]
        return weaknesses, strengths

    def findings_by_grade(self, findings: Iterable[Finding] | None = None) -> dict[Grade, list[Finding]]:
        grouped: dict[Grade, list[Finding]] = {grade: [] for grade in GRADE_ORDER}
        for finding in self.result.findings if findings is None else findings:
            grouped[finding.grade].append(finding)
        return grouped

    def lab_findings(self) -> list[Finding]:
        return [f for f in self.result.findings if self.top_of.get(f.clause) in self.lab_tops]

    @cached_property
    def not_applicable_items(self) -> list[ItemResult]:
        return [i for i in self.result.items if i.status == "not-applicable"]

    def not_applicable_of(self, kind: str) -> list[ItemResult]:
        return [i for i in self.not_applicable_items if i.na_kind == kind]

    @cached_property
    def qms_findings(self) -> list[Finding]:
        return [f for f in self.result.findings if self.top_of.get(f.clause) not in self.lab_tops]

    @cached_property
    def unanswered_items(self) -> list[ItemResult]:
        return [i for i in self.result.items if i.status == "unanswered" and i.scored]

    def sections_with_items(self, sections: Sequence[SectionResult]) -> list[SectionResult]:
        return [s for s in sections if self.items_by_section.get(s.id)]

    # -- the summary's sentences ------------------------------------------------------------------------------
    def verdict_sentences(self) -> list[tuple[str, str]]:
        """One sentence for each verdict (QMS score, maturity, readiness, laboratory), each with its label:
        the summary for the general manager in every format."""
        result, msg = self.result, self.msg
        counts = dict.fromkeys(GRADE_ORDER, 0)
        for finding in self.qms_findings:
            counts[finding.grade] += 1
        overall = msg("report.gm.overall", score=self.score(result.overall.score), **counts)
        qms_unassessed = [i for i in self.unanswered_items if not i.lab]
        if qms_unassessed:
            overall += msg(
                "report.gm.not_assessed", count=len(qms_unassessed), completeness=self.completeness()
            )
        lab_counts = dict.fromkeys(GRADE_ORDER, 0)
        for finding in self.lab_findings():
            lab_counts[finding.grade] += 1
        if any(lab_counts.values()):  # said apart, so that QMS + lab adds up to the comparison and `score`
            overall += msg("report.gm.lab_findings", **lab_counts)
        readiness = result.overall.readiness
        if readiness == "not-ready":  # say why: the major findings, else the score
            readiness_key = (
                "report.gm.readiness.not-ready-major"
                if counts["major"]
                else "report.gm.readiness.not-ready-score"
            )
        else:
            readiness_key = f"report.gm.readiness.{readiness}"
        lab_major = lab_counts["major"]
        lab_key = (
            "report.gm.lab.none"
            if not result.enterprise.has_lab
            else f"report.gm.lab.{result.lab.verdict or 'n/a'}"
        )
        if result.lab.verdict == "not-standardized":  # say why: major lab findings, else the index
            lab_key += "-major" if lab_major else "-score"
        return [
            (msg("vocab.measure.overall"), overall),
            (
                msg("vocab.measure.maturity"),
                msg("report.gm.maturity", level=self.maturity(result.overall.maturity_level)),
            ),
            (
                msg("vocab.measure.readiness"),
                msg(
                    readiness_key,
                    verdict=self.readiness(),
                    major=counts["major"],
                    minor=counts["minor"],
                    score=self.score(result.overall.score),
                    completeness=self.completeness(),
                    minimum=self.percent(result.min_completeness),
                ),
            ),
            (
                msg("vocab.measure.lab"),
                msg(
                    lab_key,
                    score=self.score(result.lab.score),
                    verdict=self.lab_verdict(),
                    major=lab_major,
                    completeness=self.lab_completeness(),
                ),
            ),
        ]


def strategy_words(strategy: str, lang: str) -> str:
    """A scoring strategy in words (``vocab.strategy.<name>``, which a plugin may register for its own
    strategy); else its name as registered."""
    key = f"vocab.strategy.{strategy}"
    return message(key, lang) if has_message(key) else strategy


def method_words(strategy: str, described: LocalizedText | None, lang: str) -> str:
    """What the strategy that scored a result computes, in words: the catalogues' ``report.method.<name>``
    (the bundled strategies', or a plugin's registered with ``register_messages``); else the strategy's own
    ``describe()`` as the result recorded it (``Result.method``), in the language or the nearest one it gives;
    else a sentence that names the strategy and says its rules are the plugin's. Never another strategy's
    rules."""
    key = f"report.method.{strategy}"
    if has_message(key):
        return message(key, lang)
    text = localize(described, lang).strip()
    return text or message("report.method.unknown", lang, strategy=strategy_words(strategy, lang))
