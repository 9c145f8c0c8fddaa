"""One enterprise's headline figures: a summary.csv row, and all a portfolio needs.

A batch keeps only these small records (never a whole result, never a PDF): a few kilobytes per enterprise
whatever the size of its report. Clause titles, the same for every enterprise on a checklist, are kept once
per batch (see :func:`clause_titles`), not once per enterprise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import Field

from ..exporters.csv_table import csv_bytes
from ..models.answers import AssessmentKind, Size
from ..models.base import FrozenModel, LocalizedText
from ..models.result import LabVerdict, Readiness, Result
from ..rounding import format_number

# Sections down to this depth are kept (0 = clauses 4–10, 1 = sub-clauses such as 7.1): the portfolio looks
# for the clauses most often weak at one of these depths.
KEPT_SECTION_DEPTH = 1


# A clause's depth (0 for clauses 4–10) and score (None: not applicable).
ClauseScore = tuple[int, float | None]


class EnterpriseSummary(FrozenModel):
    """The headline figures of one assessment of one enterprise."""

    source: str
    name: str
    credit_code: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    industry: str | None = None
    size: Size | None = None
    employees: int | None = None
    has_lab: bool = True
    certified: bool = False
    assessment_kind: AssessmentKind = "self"
    assessment_date: dt.date | None = None
    assessor: str | None = None
    checklist_id: str
    checklist_version: str
    strategy: str
    overall: float | None
    maturity_level: int | None
    readiness: Readiness
    lab_index: float | None
    lab_verdict: LabVerdict | None = None
    # Answered ÷ applicable scored items, for the QMS and the lab (None when none applies).
    completeness: float | None
    lab_completeness: float | None = None
    major: int
    minor: int
    observation: int
    clauses: dict[str, ClauseScore] = Field(default_factory=dict)

    @property
    def identity(self) -> str:
        """What ties a baseline to its follow-up: the credit code when given, else the name."""
        return self.credit_code or self.name

    @property
    def findings(self) -> int:
        return self.major + self.minor + self.observation

    @property
    def assessment(self) -> tuple[str, str, dt.date | None, str]:
        """What names one assessment, whichever file it came from (its answers, or its JSON result)."""
        return (self.identity, self.assessment_kind, self.assessment_date, self.checklist_id)

    @property
    def incomplete(self) -> bool:
        """Too few QMS items assessed for a verdict: counted apart, kept out of averages and benchmarks."""
        return self.readiness == "incomplete"


def _lab_sections(result: Result) -> set[str]:
    """Sections whose scored items are all tagged lab: the lab capability part, kept out of clause rankings."""
    parents = {s.id: s.parent for s in result.sections}
    holds_lab: set[str] = set()
    holds_other: set[str] = set()
    for item in result.items:
        target = holds_lab if item.lab else holds_other
        section: str | None = item.section
        while section is not None:
            target.add(section)
            section = parents.get(section)
    return holds_lab - holds_other


def summarize(result: Result, source: str) -> EnterpriseSummary:
    """The summary of ``result``; ``source`` names the input it came from (a file stem, usually)."""
    enterprise, assessment = result.enterprise, result.assessment
    counts = result.finding_counts()
    lab_sections = _lab_sections(result)
    clauses = {
        s.id: (s.depth, s.score)
        for s in result.sections
        if s.depth <= KEPT_SECTION_DEPTH and s.id not in lab_sections
    }
    return EnterpriseSummary(
        source=source,
        name=enterprise.name,
        credit_code=enterprise.credit_code,
        province=enterprise.region.province,
        city=enterprise.region.city,
        district=enterprise.region.district,
        industry=enterprise.industry,
        size=enterprise.size,
        employees=enterprise.employees,
        has_lab=enterprise.has_lab,
        certified=enterprise.certified,
        assessment_kind=assessment.kind,
        assessment_date=assessment.date,
        assessor=assessment.assessor,
        checklist_id=result.checklist.id,
        checklist_version=result.checklist.version,
        strategy=result.strategy,
        overall=result.overall.score,
        maturity_level=result.overall.maturity_level,
        readiness=result.overall.readiness,
        lab_index=result.lab.score,
        lab_verdict=result.lab.verdict,
        completeness=result.overall.completeness,
        lab_completeness=result.lab.completeness,
        major=counts["major"],
        minor=counts["minor"],
        observation=counts["observation"],
        clauses=clauses,
    )


def clause_titles(result: Result) -> dict[str, LocalizedText]:
    """The titles of the clauses a summary of ``result`` keeps."""
    return {s.id: s.title for s in result.sections if s.depth <= KEPT_SECTION_DEPTH}


SUMMARY_COLUMNS: tuple[str, ...] = (
    "source",
    "name",
    "credit_code",
    "province",
    "city",
    "district",
    "industry",
    "size",
    "employees",
    "has_lab",
    "certified",
    "assessment_kind",
    "assessment_date",
    "assessor",
    "checklist_id",
    "checklist_version",
    "strategy",
    "overall",
    "maturity_level",
    "readiness",
    "lab_index",
    "lab_verdict",
    "completeness",
    "lab_completeness",
    "major",
    "minor",
    "observation",
)


# summary.csv shows scores as every output does (one decimal, rounded once, half up) and completeness as a
# fraction with three decimals; the JSON results keep full precision.
_SHOWN_DIGITS = {"overall": 1, "lab_index": 1, "completeness": 3, "lab_completeness": 3}


def _shown(summary: EnterpriseSummary, column: str) -> object:
    value = getattr(summary, column)
    digits = _SHOWN_DIGITS.get(column)
    if digits is not None and isinstance(value, float):
        return format_number(value, digits)
    return value


def summary_csv(summaries: Iterable[EnterpriseSummary]) -> bytes:
    """summary.csv: a header, then one row per enterprise; UTF-8 with a BOM so Excel reads the Chinese."""
    return csv_bytes(
        SUMMARY_COLUMNS, ([_shown(summary, column) for column in SUMMARY_COLUMNS] for summary in summaries)
    )
