"""``Store``: the programme store as Python objects — ingest files, read the register and the assessments."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError

from ..errors import EnvironmentFailure, InvalidInputError, NotFoundError, Problem
from ..i18n import said
from ..models.answers import Answers, Enterprise, Region
from ..models.base import localize
from ..models.checklist import Checklist
from ..models.result import Result
from ..models.stage import Stage
from ..plugin_manager import get_registry
from ..programme.record import ScoredFile, compact_result
from ..programme.summary import EnterpriseSummary
from ..programme.worker import BaselineRef
from . import reading, writing
from .actions import ACTION_STATUSES, RESERVED_SOURCES, set_action
from .connection import (
    DEFAULT_FILE,
    ENV_VAR,
    StoreError,
    create_store_engine,
    display_url,
    require_existing,
    resolve_url,
)
from .interrupts import interrupts_held
from .migrate import upgrade
from .narratives import read_narrative, write_narrative
from .records import ActionRecord, AssessmentRecord, EnterpriseRecord, IngestOutcome, TrackerOutcome
from .scoring import scored_in_order, workers_for
from .snapshot import Snapshot, read_snapshot

if TYPE_CHECKING:
    from ..models.tracking import PlanState
    from ..xlsx.tracker import TrackerBinding, TrackerRow

DEFAULT_STRATEGY = "weighted"
# Files recorded per transaction by ``ingest``: fewer commits, and a writer holds SQLite's lock only briefly.
FILES_PER_TRANSACTION = 20
EnterpriseKey = int | str | EnterpriseRecord


class StoreUnreachable(StoreError, EnvironmentFailure):
    """The store's database cannot be reached or opened (a PostgreSQL server down or refusing, an SQLite file
    the system will not open): the environment failed, not the input (the command line exits 3)."""


def url_as_given(url: str | os.PathLike[str] | None) -> str:
    """The store as its user named it, for messages: a path as written, a URL without the driver the package
    adds (``+psycopg``) and with its password masked."""
    text = os.fspath(url) if url is not None else (os.environ.get(ENV_VAR) or DEFAULT_FILE)
    if "://" not in text:
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: resolve_url has said so already
        return text


def driver_reason(exc: BaseException) -> str:
    """What the database driver said, on one line: without SQLAlchemy's wrapping (the exception's class in
    brackets, the statement, the link to its documentation)."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    # A line without its own stop gets one, so that the driver's hint reads as a sentence of its own.
    return " ".join(
        line if line.endswith((".", "?", "!", ":")) or n == len(lines) - 1 else f"{line}."
        for n, line in enumerate(lines)
    )


@dataclass
class IngestReport:
    """What one ``ingest`` did: an outcome per recorded file, and every bad file with its problems."""

    outcomes: list[IngestOutcome] = field(default_factory=list)
    failures: list[tuple[str, tuple[Problem, ...]]] = field(default_factory=list)
    trackers: list[TrackerOutcome] = field(default_factory=list)  # action tracker workbooks applied

    @property
    def ok(self) -> bool:
        return not self.failures

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


class IngestInterrupted(KeyboardInterrupt):
    """A Ctrl-C stopped ``ingest``: ``report`` holds what was committed before it, every file of every
    committed transaction (whether or not its outcome was passed on yet), every tracker applied."""

    def __init__(self, report: IngestReport) -> None:
        super().__init__()
        self.report = report


@contextlib.contextmanager
def _counted_when_interrupted(report: IngestReport) -> Iterator[None]:
    try:
        yield
    except IngestInterrupted:
        raise
    except KeyboardInterrupt as exc:
        raise IngestInterrupted(report) from exc


class Store:
    """The programme store at ``url`` (an SQLite path or URL, a PostgreSQL URL; default: ``$ISO9001ASSESS_DB``
    or ``programme.db`` in the working directory). Its schema is created or migrated when it is opened.

    ``create``: an SQLite file that does not exist is created (the default, for writers); with
    ``create=False`` it is refused with ``StoreError`` and nothing is created (for readers: a mistyped path
    is an error, not an empty store). A PostgreSQL database is never created, whatever ``create`` says."""

    def __init__(self, url: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        self.url = resolve_url(url)
        if not create:
            require_existing(self.url)
        self.engine: Engine = create_store_engine(self.url)
        try:
            upgrade(self.engine)
        except StoreError:
            self.engine.dispose()
            raise
        except (OperationalError, InterfaceError) as exc:  # no connection: the server, the file, the network
            self.engine.dispose()
            raise StoreUnreachable(
                said("errors.store.unreachable", store=url_as_given(url), reason=driver_reason(exc))
            ) from exc
        except Exception as exc:
            self.engine.dispose()
            raise StoreError(
                said("errors.store.cannot_open", store=display_url(self.url), reason=str(exc))
            ) from exc

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------------------
    def ingest(
        self,
        *sources: str | os.PathLike[str],
        strategy: str = DEFAULT_STRATEGY,
        checklist: Checklist | None = None,
        on_outcome: Callable[[IngestOutcome], None] | None = None,
        on_failure: Callable[[str, tuple[Problem, ...]], None] | None = None,
        on_tracker: Callable[[TrackerOutcome], None] | None = None,
        on: dt.date | None = None,
        jobs: int | None = 1,
    ) -> IngestReport:
        """Validate, score and record answer files (directories: their answer files), and apply action
        tracker workbooks (recognised by their binding sheet; applied after the answer files, status changes
        dated ``on``, default today). Nothing is written for a bad file; the same content twice changes
        nothing; a corrected file for the same enterprise, kind and date supersedes the earlier version,
        which stays in the history.

        ``jobs``: the processes that validate and score (1: this one alone; N: N worker processes while
        this one writes the store; None: all cores, or this process alone for fewer than
        ``POOL_MIN_FILES`` answer files). However many, the files are recorded and reported in the order
        given, a few per transaction; a worker lost stops the run with EnvironmentFailure, and what was
        committed before stays. A ``checklist`` object is scored against in this process. A Ctrl-C raises
        IngestInterrupted (a KeyboardInterrupt) whose report holds every file committed before it."""
        if strategy not in get_registry().strategies:
            raise NotFoundError("strategy", strategy, list(get_registry().strategies))
        report = IngestReport()
        with _counted_when_interrupted(report):
            self._ingest(sources, strategy, checklist, on_outcome, on_failure, on_tracker, on, jobs, report)
        return report

    def _ingest(
        self,
        sources: Sequence[str | os.PathLike[str]],
        strategy: str,
        checklist: Checklist | None,
        on_outcome: Callable[[IngestOutcome], None] | None,
        on_failure: Callable[[str, tuple[Problem, ...]], None] | None,
        on_tracker: Callable[[TrackerOutcome], None] | None,
        on: dt.date | None,
        jobs: int | None,
        report: IngestReport,
    ) -> None:
        from ..loading.xlsx.tracker import is_tracker
        from ..programme.inputs import collect_inputs

        files, missing = collect_inputs([Path(source) for source in sources])
        for problem in missing:
            report.failures.append((problem.source, (problem,)))
            if on_failure:
                on_failure(problem.source, (problem,))
        is_workbook = [path.suffix.lower() == ".xlsx" and is_tracker(path) for path in files]
        trackers = [path for path, tracker in zip(files, is_workbook, strict=True) if tracker]
        answer_files = [path for path, tracker in zip(files, is_workbook, strict=True) if not tracker]
        workers = workers_for(jobs, len(answer_files), checklist)
        pending: list[ScoredFile] = []
        pending_paths: list[Path] = []

        def flush() -> None:
            # A Ctrl-C lands before the commit (nothing of it kept) or once its files are in the report and
            # passed on (a command prints them all): never between.
            with interrupts_held():
                recorded = self._with_current(writing.record_all(self.engine, pending))
                # The path as given: two folders may each hold an x.yaml (the store keeps the file name).
                outcomes = [
                    outcome.model_copy(update={"source": str(path)})
                    for path, outcome in zip(pending_paths, recorded, strict=True)
                ]
                report.outcomes.extend(outcomes)
                pending.clear()
                pending_paths.clear()
                if on_outcome:
                    for outcome in outcomes:
                        on_outcome(outcome)

        # Enough files in flight that the workers go on scoring while this process writes a transaction.
        in_flight = max(4 * workers, 3 * FILES_PER_TRANSACTION)
        # closing(): a failure or a Ctrl-C while writing stops the workers at once, not when the report is gone.
        with contextlib.closing(
            scored_in_order(answer_files, strategy, checklist, workers, in_flight)
        ) as scored_files:
            for path, scored in scored_files:
                if not isinstance(scored, ScoredFile):
                    report.failures.append((str(path), scored))
                    if on_failure:
                        on_failure(str(path), scored)
                    continue
                pending.append(scored)
                pending_paths.append(path)
                if len(pending) >= FILES_PER_TRANSACTION:
                    flush()
        flush()
        for path in trackers:
            try:
                with interrupts_held():
                    applied = self.apply_tracker(path, on=on)
                    report.trackers.append(applied)
            except InvalidInputError as exc:
                report.failures.append((str(path), exc.problems))
                if on_failure:
                    on_failure(str(path), exc.problems)
                continue
            if on_tracker:
                on_tracker(applied)

    def apply_tracker(self, path: str | os.PathLike[str], on: dt.date | None = None) -> TrackerOutcome:
        """Apply a filled action tracker workbook (see :mod:`.tracker`): every row checked against the store
        first, then every change in one transaction, status changes dated ``on`` (default today).
        InvalidInputError lists every problem, and nothing is written, when any row is bad. Status changes
        dated more than ``LATE_AFTER_DAYS`` after the assessment the tracker follows are logged as a warning
        (the ``iso9001assess`` logger), saying the date used."""
        from ..loading.xlsx.tracker import read_tracker
        from .tracker import apply_tracker, late_warning

        workbook = read_tracker(Path(path), strict=False)
        day = on or dt.date.today()
        with self.engine.begin() as connection:
            writing.serialize_writers(connection)
            applied = apply_tracker(connection, workbook, day, writing.now())
        late = late_warning(str(path), applied, day, given=on is not None)
        if late is not None:
            logging.getLogger("iso9001assess").warning(late)
        return TrackerOutcome(
            source=str(path),
            enterprise_id=applied.enterprise_id,
            changed=applied.changed,
            status_changes=applied.status_changes,
            on=day,
            assessment_kind=applied.assessment_kind,
            assessment_date=applied.assessment_date,
        )

    def tracker(self, enterprise: EnterpriseKey, lang: str = "zh") -> tuple[TrackerBinding, list[TrackerRow]]:
        """The action tracker of an enterprise as the store has it: bound to its latest current assessment
        and plan revision, one row per action in plan order (``actions``': that assessment's plan first, the
        top actions first), the verified last, each with its text from the latest assessment that calls for it."""
        from ..xlsx.tracker import TrackerRow, finding_text
        from .tracker import latest_assessment, plan_revision, tracker_binding

        with self.engine.connect() as connection:
            enterprise_id = self._id(enterprise, connection)
            record = reading.enterprise(connection, enterprise_id)
            latest = latest_assessment(connection, enterprise_id)
            revision = plan_revision(connection, enterprise_id)
        if latest is None:
            raise StoreError(said("errors.store.no_assessment", enterprise=record.name))
        tracked = self.actions(enterprise_id)
        results: dict[int, Result] = {}

        def result_of(assessment_id: int) -> Result:
            if assessment_id not in results:
                results[assessment_id] = self.result(assessment_id)
            return results[assessment_id]

        rows: list[TrackerRow] = []
        for action in tracked:
            source = result_of(int(latest.id))
            planned = {a.item_id: a for a in source.actions}
            if action.item_id not in planned:
                source = result_of(action.opened_by)
                planned = {a.item_id: a for a in source.actions}
            text = planned[action.item_id].text if action.item_id in planned else ""
            rows.append(
                TrackerRow(
                    id=action.item_id,
                    clause=action.clause,
                    finding=finding_text(source, action.item_id, lang),
                    action=localize(text, lang),
                    priority=action.priority,
                    timeframe_days=action.timeframe_days,
                    due_on=action.due_on,
                    owner=action.owner,
                    status=action.status,
                    evidence=action.evidence,
                    comments=action.comments,
                )
            )
        # Plan order (as ``actions`` lists them: the latest assessment's plan first), the verified actions last.
        order = {action.item_id: index for index, action in enumerate(tracked)}
        rows.sort(key=lambda row: (row.status == "verified", order[row.id]))
        return tracker_binding(record, latest, revision), rows

    def write_tracker(
        self, enterprise: EnterpriseKey, path: str | os.PathLike[str], lang: str = "zh"
    ) -> Path:
        """Write the enterprise's action tracker workbook to ``path`` (whole, or not at all)."""
        from ..files import atomic_write
        from ..xlsx.tracker import write_tracker

        binding, rows = self.tracker(enterprise, lang)
        with atomic_write(Path(path)) as out:
            write_tracker(out, binding, rows, lang)
        return Path(path)

    def record(self, scored: ScoredFile) -> IngestOutcome:
        """Record one scored file (what ``batch --db`` does for each enterprise it diagnoses)."""
        try:
            return self._with_current([writing.record(self.engine, scored)])[0]
        except writing.MissingDateError:
            raise InvalidInputError.single(scored.source_name, said("errors.store.no_date")) from None

    def record_all(self, files: Sequence[ScoredFile]) -> list[IngestOutcome]:
        """Record scored files, a few per transaction (what ``ingest`` does once it has scored them)."""
        outcomes: list[IngestOutcome] = []
        for start in range(0, len(files), FILES_PER_TRANSACTION):
            outcomes += writing.record_all(self.engine, files[start : start + FILES_PER_TRANSACTION])
        return self._with_current(outcomes)

    def _with_current(self, outcomes: list[IngestOutcome]) -> list[IngestOutcome]:
        """Each ``unchanged`` outcome whose assessment a correction has superseded since, with the version
        current now (``superseded_by``: 65 recorded again, but 109 replaced it). One query per round of the
        chain, for the unchanged outcomes only: recording new files reads nothing more."""
        from sqlalchemy import select

        from .schema import assessments

        unchanged = [o.assessment_id for o in outcomes if o.status == "unchanged"]
        if not unchanged:
            return outcomes
        current = {aid: aid for aid in unchanged}
        with self.engine.connect() as connection:
            for _round in range(len(current) + 100):  # a chain of corrections ends; the bound is a guard
                query = select(assessments.c.id, assessments.c.superseded_by).where(
                    assessments.c.id.in_(sorted(set(current.values())))
                )
                successors = {int(i): int(by) for i, by in connection.execute(query) if by not in (None, i)}
                if not successors:
                    break
                current = {start: successors.get(now, now) for start, now in current.items()}
        return [
            o.model_copy(update={"superseded_by": current[o.assessment_id]})
            if o.status == "unchanged" and current[o.assessment_id] != o.assessment_id
            else o
            for o in outcomes
        ]

    def mark_plan_issued(self, enterprise: EnterpriseKey, on: dt.date | None = None) -> None:
        """The enterprise's improvement plan was handed over (its stage becomes ``plan-issued``)."""
        writing.mark_plan_issued(self.engine, self._id(enterprise), on or dt.date.today())

    # -- reading --------------------------------------------------------------------------------------------
    def enterprises(
        self, city: str | None = None, stage: Stage | None = None, as_of: dt.date | None = None
    ) -> list[EnterpriseRecord]:
        """The register, ordered by city and name, each with its stage, latest assessments, and its pending
        and overdue actions as of ``as_of`` (default today)."""
        with self.engine.connect() as connection:
            return reading.list_enterprises(connection, city, stage, as_of)

    def cities(self) -> list[str]:
        """The cities of the register's enterprises, in pinyin order."""
        with self.engine.connect() as connection:
            return reading.cities(connection)

    def actions(self, enterprise: EnterpriseKey, as_of: dt.date | None = None) -> list[ActionRecord]:
        """The enterprise's improvement-plan actions in plan order, each with its status history;
        ``overdue`` as of ``as_of`` (default today)."""
        with self.engine.connect() as connection:
            return reading.enterprise_actions(
                connection, self._id(enterprise, connection), as_of or dt.date.today()
            )

    def update_action(
        self,
        enterprise: EnterpriseKey,
        item_id: str,
        *,
        status: str | None = None,
        owner: str | None = None,
        evidence: str | None = None,
        comments: str | None = None,
        due_on: dt.date | None = None,
        on: dt.date | None = None,
        source: str = "update",
    ) -> bool:
        """Record the enterprise's progress on one action (``open``, ``in-progress``, ``done``; only a
        follow-up assessment verifies or reopens). A status change joins the action's history, dated ``on``
        (default today). False when nothing changed."""
        if status is not None and status not in ACTION_STATUSES:
            raise StoreError(
                said("errors.store.bad_status", status=repr(status), known=", ".join(ACTION_STATUSES))
            )
        if status in ("verified", "reopened"):
            raise StoreError(
                said("errors.store.follow_up_status", status=said(f"vocab.action_status.{status}"))
            )
        if source.startswith(RESERVED_SOURCES):  # what the history reads as an assessment's own change
            raise StoreError(said("errors.store.reserved_source", source=repr(source)))
        values = {
            "status": status,
            "owner": owner,
            "evidence": evidence,
            "comments": comments,
            "due_on": due_on,
        }
        changes = {key: value for key, value in values.items() if value is not None}
        with self.engine.begin() as connection:
            writing.serialize_writers(connection)
            enterprise_id = self._id(enterprise, connection)
            try:
                return set_action(
                    connection, enterprise_id, item_id, changes, on or dt.date.today(), source, writing.now()
                )
            except KeyError:
                raise StoreError(
                    said("errors.store.no_action", enterprise=enterprise_id, item=repr(item_id))
                ) from None

    def candidates(self, key: str) -> list[str]:
        """The enterprises a name or code could mean (its text in a current or former name, or the start of
        a credit code), each as ``name (credit code, city)``: what an error lists when ``key`` is not one."""
        wanted = key.strip().casefold()
        found = []
        for record in self.enterprises():
            names = {record.name, *(n.name for n in record.names)}
            code = record.credit_code or ""
            if any(wanted in name.casefold() for name in names) or (
                wanted and code.casefold().startswith(wanted)
            ):
                details = ", ".join(part for part in (record.credit_code, record.city) if part)
                found.append(f"{record.name} ({details})" if details else record.name)
        return found

    def enterprise(self, key: EnterpriseKey) -> EnterpriseRecord:
        """One enterprise by id, credit code or (current or former) name."""
        with self.engine.connect() as connection:
            return reading.enterprise(connection, self._id(key, connection))

    def assessments(
        self, enterprise: EnterpriseKey, include_superseded: bool = False
    ) -> list[AssessmentRecord]:
        """The enterprise's assessments, oldest first; with ``include_superseded``, corrected versions too."""
        with self.engine.connect() as connection:
            return reading.enterprise_assessments(
                connection, self._id(enterprise, connection), include_superseded
            )

    def latest(self, enterprise: EnterpriseKey, kind: str | None = None) -> AssessmentRecord | None:
        """The enterprise's most recent current assessment (of ``kind`` when given)."""
        records = [r for r in self.assessments(enterprise) if kind is None or r.kind == kind]
        return records[-1] if records else None

    def first_plan(self, enterprise: EnterpriseKey) -> AssessmentRecord | None:
        """The assessment whose plan the enterprise was first given: the one that opened its earliest actions
        (its baseline, as a rule; a later follow-up adds a plan revision but is not where the plan began).
        None when it has no actions. A plan handed over is dated on or after this assessment."""
        from sqlalchemy import select

        from .schema import actions

        with self.engine.connect() as connection:
            enterprise_id = self._id(enterprise, connection)
            first = connection.execute(
                select(actions.c.opened_by)
                .where(actions.c.enterprise_id == enterprise_id)
                .order_by(actions.c.opened_on, actions.c.id)
                .limit(1)
            ).scalar_one_or_none()
            if first is None:
                return None
            record, _answers, _result = reading.stored_assessment(connection, int(first))
        return record

    def answers(self, assessment: int | AssessmentRecord) -> Answers:
        """The answers of a recorded assessment, as they were given."""
        _, answers, _ = self._stored(assessment)
        return Answers.model_validate(json.loads(answers))

    def result(self, assessment: int | AssessmentRecord) -> Result:
        """The full result of a recorded assessment, re-derived from its answers and checklist. The
        checklist must be the one it was scored against (same SHA-256), else this says so."""
        record, answers_text, compact_text = self._stored(assessment)
        registry = get_registry()
        checklist = registry.checklists.get(record.checklist_id)
        if checklist.sha256 != record.checklist_sha256:
            raise StoreError(
                said(
                    "errors.store.checklist_changed",
                    assessment=record.id,
                    checklist=record.checklist_id,
                    version=record.checklist_version,
                    recorded=record.checklist_sha256[:12],
                    installed=checklist.sha256[:12],
                )
            )
        if record.strategy not in registry.strategies:
            raise NotFoundError("strategy", record.strategy, list(registry.strategies))
        answers = Answers.model_validate(json.loads(answers_text))
        result: Result = registry.strategies[record.strategy].value.score(checklist, answers)
        if compact_result(result) != json.loads(compact_text):
            raise StoreError(said("errors.store.result_differs", assessment=record.id))
        return result

    def baseline_for(
        self, enterprise: Answers | Result | EnterpriseKey, before: dt.date | None = None
    ) -> Result | None:
        """The full result of the enterprise's latest current baseline (dated on or before ``before``), or
        None when the store has none: what a follow-up's report compares against."""
        if isinstance(enterprise, (Answers, Result)):
            before = before or enterprise.assessment.date
            try:
                with self.engine.connect() as connection:
                    key = self._identify(enterprise, connection)
            except NotFoundError:
                return None
        else:
            key = self._id(enterprise)
        baselines = [
            r for r in self.assessments(key) if r.kind == "baseline" and (before is None or r.date <= before)
        ]
        return self.result(baselines[-1]) if baselines else None

    def plan_state(self, enterprise: EnterpriseKey, as_of: dt.date | None = None) -> PlanState:
        """The state of the enterprise's plan: every tracked action with its status, ``overdue`` as of
        ``as_of`` (default today)."""
        from ..models.tracking import PlanState, TrackedAction

        day = as_of or dt.date.today()
        tracked = self.actions(enterprise, day)
        return PlanState(
            as_of=day,
            revision=max((action.revision for action in tracked), default=None),
            actions=tuple(
                TrackedAction(
                    id=a.item_id,
                    clause=a.clause,
                    status=a.status,
                    due_on=a.due_on,
                    overdue=a.overdue,
                    owner=a.owner,
                )
                for a in tracked
            ),
        )

    def plan_state_for(self, result: Result) -> PlanState | None:
        """What a follow-up's report shows of the plan: its state as of the follow-up's date, when that
        follow-up is recorded in the store (so its verifications are in); None otherwise."""
        return self._follow_up_plan_state(result.enterprise, result.assessment.kind, result.assessment.date)

    def plan_state_reference(self, summary: EnterpriseSummary) -> PlanState | None:
        """``plan_state_for`` the follow-up ``summary`` describes: what ``batch --db`` shows in its report."""
        enterprise = Enterprise(
            name=summary.name, credit_code=summary.credit_code, region=Region(city=summary.city)
        )
        return self._follow_up_plan_state(enterprise, summary.assessment_kind, summary.assessment_date)

    def _follow_up_plan_state(
        self, enterprise: Enterprise, kind: str | None, date: dt.date | None
    ) -> PlanState | None:
        if kind != "follow-up" or date is None:
            return None
        with self.engine.connect() as connection:
            found = writing.locate(connection, enterprise)
        if found is None:
            return None
        recorded = any(r.kind == "follow-up" and r.date == date for r in self.assessments(found))
        return self.plan_state(found, date) if recorded else None

    def baseline_reference(self, summary: EnterpriseSummary) -> BaselineRef | None:
        """The answers of the enterprise's latest current baseline dated on or before ``summary``'s
        assessment, for ``batch`` to render a follow-up's progress (None: the store has none)."""
        enterprise = Enterprise(
            name=summary.name, credit_code=summary.credit_code, region=Region(city=summary.city)
        )
        with self.engine.connect() as connection:
            found = writing.locate(connection, enterprise)
            if found is None:
                return None
            baselines = [
                record
                for record in reading.enterprise_assessments(connection, found)
                if record.kind == "baseline"
                and (summary.assessment_date is None or record.date <= summary.assessment_date)
            ]
            if not baselines:
                return None
            record, answers, _compact = reading.stored_assessment(connection, baselines[-1].id)
        return BaselineRef(sha256=record.answers_sha256, answers_json=answers)

    # -- staged progress reports ---------------------------------------------------------------------------
    def snapshot(self, city: str | None = None) -> Snapshot:
        """What a staged progress report reads (of one city, or all), in one transaction."""
        with self.engine.connect() as connection:
            return read_snapshot(connection, city)

    def narrative(
        self, programme_id: str, city: str | None, report_date: dt.date, lang: str
    ) -> dict[str, str]:
        """The narrative sections stored for one staged report (section key -> text)."""
        with self.engine.connect() as connection:
            return read_narrative(connection, programme_id, city, report_date, lang)

    def set_narrative(
        self, programme_id: str, city: str | None, report_date: dt.date, lang: str, sections: dict[str, str]
    ) -> None:
        """Keep a bureau's own text for the sections of one staged report (replacing earlier text)."""
        with self.engine.begin() as connection:
            write_narrative(connection, programme_id, city, report_date, lang, sections)

    # -- helpers --------------------------------------------------------------------------------------------
    def _identify(self, subject: Answers | Result, connection: Connection) -> int:
        """The register's id of the enterprise an answers file or result is about."""
        found = writing.locate(connection, subject.enterprise)
        if found is None:
            raise NotFoundError("enterprise", subject.enterprise.name, [])
        return found

    def _id(self, key: EnterpriseKey, connection: Connection | None = None) -> int:
        if isinstance(key, EnterpriseRecord):
            return key.id
        if connection is None:
            with self.engine.connect() as fresh:
                return reading.find_enterprise(fresh, key)
        return reading.find_enterprise(connection, key)

    def _stored(self, assessment: int | AssessmentRecord) -> tuple[AssessmentRecord, str, str]:
        assessment_id = assessment.id if isinstance(assessment, AssessmentRecord) else assessment
        with self.engine.connect() as connection:
            return reading.stored_assessment(connection, assessment_id)
