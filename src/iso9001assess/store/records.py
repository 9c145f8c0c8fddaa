"""What the store hands back: typed, immutable records (pydantic, like every other result of the library)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import RootModel

from ..models.answers import AssessmentKind, Size
from ..models.base import FrozenModel
from ..models.result import LabVerdict, Readiness
from ..models.stage import Stage
from .actions import ActionStatus

IngestStatus = Literal["added", "superseded", "unchanged"]


class NameRecord(FrozenModel):
    """A name and place an enterprise was recorded under, and the assessment dates it was seen on."""

    name: str
    province: str | None
    city: str | None
    district: str | None
    first_seen: dt.date
    last_seen: dt.date


class AssessmentRecord(FrozenModel):
    """One recorded assessment: its headline figures and where it came from. ``Store.result(record)``
    re-derives the full result from the answers kept with it."""

    id: int
    enterprise_id: int
    kind: AssessmentKind
    date: dt.date
    assessor: str | None
    checklist_id: str
    checklist_version: str
    checklist_sha256: str
    strategy: str
    source_name: str
    source_sha256: str
    answers_sha256: str
    overall: float | None
    maturity_level: int | None
    readiness: Readiness
    lab_index: float | None
    lab_verdict: LabVerdict | None
    completeness: float | None
    lab_completeness: float | None
    major: int
    minor: int
    observation: int
    recorded_at: dt.datetime
    superseded_by: int | None
    superseded_at: dt.datetime | None

    @property
    def current(self) -> bool:
        """Not superseded by a corrected file."""
        return self.superseded_by is None


class ActionEvent(FrozenModel):
    """One status change of an action: the new status, on what date, and what caused it."""

    status: ActionStatus
    on: dt.date
    source: str
    note: str | None = None


class ActionRecord(FrozenModel):
    """One action of an enterprise's improvement plan, with its tracking state (``overdue`` as of the date
    asked for: still pending after its due date)."""

    id: int
    enterprise_id: int
    item_id: str
    clause: str
    grade: str
    priority: str
    impact: float
    timeframe_days: int | None
    revision: int
    opened_by: int
    opened_on: dt.date
    due_on: dt.date | None
    owner: str | None
    status: ActionStatus
    status_on: dt.date
    evidence: str | None
    comments: str | None
    verified_by: int | None
    overdue: bool = False
    events: tuple[ActionEvent, ...] = ()


class EnterpriseRecord(FrozenModel):
    """An enterprise of the register, with its stage and its latest current assessment of each kind."""

    id: int
    credit_code: str | None
    name: str
    province: str | None
    city: str | None
    district: str | None
    industry: str | None
    size: Size | None
    employees: int | None
    has_lab: bool
    certified: bool
    stage: Stage
    plan_issued_on: dt.date | None
    enrolled_at: dt.datetime
    names: tuple[NameRecord, ...] = ()
    baseline: AssessmentRecord | None = None
    follow_up: AssessmentRecord | None = None
    latest: AssessmentRecord | None = None
    assessments: int = 0
    actions_open: int = 0  # actions of its plan still pending (open, in progress, reopened)
    actions_overdue: int = 0  # of those, past their due date (as of the listing's date)


class EnterpriseListing(RootModel[list[EnterpriseRecord]]):
    """``enterprises --json``: the register, each enterprise with its stage, latest assessments and open and
    overdue actions."""


class IngestOutcome(FrozenModel):
    """What recording one file did: ``added`` (new), ``superseded`` (a correction: the earlier version is
    kept as history), ``unchanged`` (this content was already recorded). ``source``: the file's path as
    given to ``ingest`` (the store records its name). ``superseded_by``: for ``unchanged``, the version that a
    later correction made current (the file recorded again is an old version)."""

    source: str
    status: IngestStatus
    enterprise_id: int
    assessment_id: int
    supersedes: int | None = None
    superseded_by: int | None = None
    enterprise_created: bool = False


class TrackerOutcome(FrozenModel):
    """What applying one action tracker workbook did: how many of the enterprise's actions it changed (0: it
    had been applied already, or nothing was filled in), how many of them changed status, the date those
    changes were recorded with (``on``) and the assessment the tracker follows (its kind and date).
    ``days_after``: how long after that assessment the changes are dated."""

    source: str
    enterprise_id: int
    changed: int
    status_changes: int = 0
    on: dt.date | None = None
    assessment_kind: str | None = None
    assessment_date: dt.date | None = None

    @property
    def days_after(self) -> int | None:
        if self.on is None or self.assessment_date is None:
            return None
        return (self.on - self.assessment_date).days
