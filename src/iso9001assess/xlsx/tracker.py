"""Writing the action tracker workbook: the improvement plan as the enterprise fills it in and sends it back.

One row per action, the top actions first: id, clause, finding, action, priority, timeframe (locked), then
due date (a real date cell), owner, status (a dropdown of the statuses in the workbook's language), evidence
and comments (editable). The sheet is protected without a password (anybody can unprotect it; nobody breaks
the layout by accident) and the workbook's structure is locked. A very hidden ``_binding`` sheet binds it to
the enterprise, the assessment and the plan revision (see :mod:`..loading.xlsx.tracker_layout`).

The rows come from a programme store (``plan ENTERPRISE``, ``batch --db --formats plan``) or, without one,
from a result (``batch --formats plan``, the ``plan`` exporter): the action ids are the item ids either way,
the same stable ids the store gives its actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from .._version import __version__
from ..i18n import message, vocab
from ..loading.xlsx import values as cell_values
from ..loading.xlsx.dependency import import_openpyxl
from ..loading.xlsx.tracker_layout import (
    BINDING_KEYS,
    BINDING_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    HINT_ROW,
    IDS_COLUMN,
    ISSUED_COLUMNS,
    PLAN_SHEET,
    SUBTITLE_ROW,
    TITLE_ROW,
    TRACKER_COLUMN,
    TRACKER_COLUMNS,
    TRACKER_FORMAT,
    TRACKER_FORMAT_VERSION,
    binding_digest,
)
from ..models.base import localize
from ..models.result import Result
from ..models.tracking import ACTION_STATUSES
from .writing import print_landscape, put, save

_INPUT_FILL = "FFF9DB"  # pale yellow: where to type
_HEADER_FILL = "DDEBF7"
_DONE_FILL = "E2EFDA"  # verified rows: pale green
_DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class TrackerRow:
    """One action as the tracker shows it."""

    id: str
    clause: str
    finding: str
    action: str
    priority: str  # a code (high, medium, low)
    timeframe_days: int | None
    due_on: dt.date | None
    owner: str | None
    status: str  # a code of ACTION_STATUSES
    evidence: str | None
    comments: str | None


@dataclass(frozen=True)
class TrackerBinding:
    """What the tracker belongs to. ``assessment_id`` and ``revision`` are known only when it is made from a
    programme store; without one they stay blank and ``ingest`` checks the action ids alone."""

    enterprise: str
    credit_code: str | None
    city: str | None
    assessment_kind: str
    assessment_date: dt.date | None
    assessment_id: int | None = None
    revision: int | None = None

    def values(self, lang: str) -> dict[str, str]:
        return {
            "format": TRACKER_FORMAT,
            "format_version": str(TRACKER_FORMAT_VERSION),
            "enterprise": self.enterprise,
            "credit_code": self.credit_code or "",
            "city": self.city or "",
            "assessment_kind": self.assessment_kind,
            "assessment_date": self.assessment_date.isoformat() if self.assessment_date else "",
            "assessment_id": "" if self.assessment_id is None else str(self.assessment_id),
            "revision": "" if self.revision is None else str(self.revision),
            "lang": lang,
            "generator": f"iso9001assess {__version__}",
        }


def _issued_values(row: TrackerRow) -> tuple[str, ...]:
    """The editable cells of ``row`` as issued, as the binding keeps them (``ISSUED_KEYS``' order)."""
    due = row.due_on.isoformat() if row.due_on else ""
    return (due, row.owner or "", row.status, row.evidence or "", row.comments or "")


def finding_text(result: Result, item_id: str, lang: str) -> str:
    """The finding an action answers: its grade in words, the requirement, and the assessor's note."""
    for finding in result.findings:
        if finding.item_id == item_id:
            text = message(
                "xlsx.tracker.finding",
                lang,
                grade=vocab("grade", finding.grade, lang),
                requirement=localize(finding.text, lang).strip(),
            )
            return f"{text}\n{finding.note}" if finding.note else text
    return ""


def rows_from_result(result: Result, lang: str) -> list[TrackerRow]:
    """The plan of one result as first issued: every action open, due on the assessment date + timeframe."""
    date = result.assessment.date
    return [
        TrackerRow(
            id=action.id,
            clause=action.clause,
            finding=finding_text(result, action.item_id, lang),
            action=localize(action.text, lang),
            priority=action.priority,
            timeframe_days=action.timeframe_days,
            due_on=None
            if date is None or action.timeframe_days is None
            else date + dt.timedelta(days=action.timeframe_days),
            owner=None,
            status="open",
            evidence=None,
            comments=None,
        )
        for action in result.actions
    ]


def binding_from_result(result: Result) -> TrackerBinding:
    enterprise = result.enterprise
    return TrackerBinding(
        enterprise=enterprise.name,
        credit_code=enterprise.credit_code,
        city=enterprise.region.city if enterprise.region else None,
        assessment_kind=result.assessment.kind,
        assessment_date=result.assessment.date,
    )


def write_tracker(
    out: IO[bytes], binding: TrackerBinding, rows: Sequence[TrackerRow], lang: str = "zh"
) -> None:
    """Write the tracker to ``out`` (callers write files through ``files.atomic_write``)."""
    save(build_tracker(binding, rows, lang), out)


def build_tracker(binding: TrackerBinding, rows: Sequence[TrackerRow], lang: str = "zh") -> Any:
    """The tracker as an openpyxl Workbook."""
    openpyxl = import_openpyxl("tracker")
    from openpyxl.workbook.protection import WorkbookProtection

    workbook = openpyxl.Workbook()
    writer = _TrackerWriter(binding, rows, lang)
    writer.plan(workbook.active)
    writer.binding_sheet(workbook.create_sheet(BINDING_SHEET))
    workbook.active = 0
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook


class _TrackerWriter:
    def __init__(self, binding: TrackerBinding, rows: Sequence[TrackerRow], lang: str) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.bound, self.rows, self.lang = binding, rows, lang
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.unlocked = Protection(locked=False)
        self.input_fill = PatternFill("solid", start_color=_INPUT_FILL, end_color=_INPUT_FILL)
        self.header_fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
        self.done_fill = PatternFill("solid", start_color=_DONE_FILL, end_color=_DONE_FILL)

    def _say(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    def plan(self, sheet: Any) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        binding, lang = self.bound, self.lang
        sheet.title = PLAN_SHEET
        put(
            sheet, TITLE_ROW, 1, self._say("xlsx.tracker.title", enterprise=binding.enterprise)
        ).font = self.title_font
        date = binding.assessment_date.isoformat() if binding.assessment_date else self._say("common.dash")
        subtitle = self._say(
            "xlsx.tracker.subtitle", kind=vocab("kind", binding.assessment_kind, lang), date=date
        )
        if binding.revision is not None:
            subtitle += " · " + self._say("xlsx.tracker.revision", revision=binding.revision)
        put(sheet, SUBTITLE_ROW, 1, subtitle)
        put(sheet, HINT_ROW, 1, self._say("xlsx.tracker.hint"))
        for column in TRACKER_COLUMNS:
            sheet.column_dimensions[column.letter].width = column.width
            header = put(sheet, HEADER_ROW, column.index, self._say(column.title))
            header.font, header.fill, header.alignment = self.bold, self.header_fill, self.wrap
        words = [vocab("action_status", code, lang) for code in ACTION_STATUSES]
        status = DataValidation(
            type="list",
            formula1='"' + ",".join(words) + '"',
            allow_blank=False,
            showErrorMessage=True,
            error=self._say("xlsx.choose_from_list"),
        )
        due = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1990,1,1)",
            formula2="DATE(2100,12,31)",
            allow_blank=True,
            showErrorMessage=True,
            error=self._say("xlsx.date_error"),
        )
        for row_number, row in enumerate(self.rows, start=FIRST_ROW):
            self._row(sheet, row_number, row)
        last = FIRST_ROW + max(len(self.rows), 1) - 1
        status.add(f"{TRACKER_COLUMN['status'].letter}{FIRST_ROW}:{TRACKER_COLUMN['status'].letter}{last}")
        due.add(f"{TRACKER_COLUMN['due'].letter}{FIRST_ROW}:{TRACKER_COLUMN['due'].letter}{last}")
        sheet.add_data_validation(status)
        sheet.add_data_validation(due)
        sheet.freeze_panes = f"B{FIRST_ROW}"
        print_landscape(sheet, HEADER_ROW)
        sheet.protection.sheet = True
        # Users may still resize columns and rows; everything else stays as the reader expects.
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False

    def _row(self, sheet: Any, row_number: int, row: TrackerRow) -> None:
        lang = self.lang
        timeframe = (
            self._say("common.days", days=row.timeframe_days)
            if row.timeframe_days is not None
            else self._say("common.dash")
        )
        fixed = {
            "id": row.id,
            "clause": row.clause,
            "finding": row.finding,
            "action": row.action,
            "priority": vocab("priority", row.priority, lang),
            "timeframe": timeframe,
        }
        for key, value in fixed.items():
            cell = put(sheet, row_number, TRACKER_COLUMN[key].index, value)
            cell.alignment = self.wrap
            if row.status == "verified":
                cell.fill = self.done_fill
        editable: dict[str, str | dt.date | None] = {
            "due": row.due_on,
            "owner": row.owner or "",
            "status": vocab("action_status", row.status, lang),
            "evidence": row.evidence or "",
            "comments": row.comments or "",
        }
        for key, entry in editable.items():
            cell = put(sheet, row_number, TRACKER_COLUMN[key].index, entry)
            if entry == "":
                cell.value = None
            cell.protection = self.unlocked
            cell.fill = self.input_fill
            cell.alignment = self.wrap
            cell.number_format = _DATE_FORMAT if key == "due" else "@"

    def binding_sheet(self, sheet: Any) -> None:
        values = self.bound.values(self.lang)
        ids = [row.id for row in self.rows]
        column = ord(IDS_COLUMN) - ord("A") + 1
        issued: list[list[str]] = []
        for row_number, row in enumerate(self.rows, start=1):
            put(sheet, row_number, column, row.id)
            written = []
            for letter, value in zip(ISSUED_COLUMNS, _issued_values(row), strict=True):
                cell = put(sheet, row_number, ord(letter) - ord("A") + 1, value)
                # What the reader will see (text as written, stripped), so that the digest agrees.
                written.append(cell_values.text(cell.value) or "")
                if not written[-1]:
                    cell.value = None
            issued.append(written)
        values["digest"] = binding_digest(values, ids, issued)
        for row_number, key in enumerate(BINDING_KEYS, start=1):
            put(sheet, row_number, 1, key)
            put(sheet, row_number, 2, values[key])
        sheet.sheet_state = "veryHidden"
        sheet.protection.sheet = True
