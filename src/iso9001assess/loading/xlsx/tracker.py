"""Reading a filled action tracker workbook back: the binding, and each action's due date, owner, status,
evidence and comments, with the cell each came from.

What can be judged from the workbook alone is checked here, and every problem is listed by sheet and cell:
a binding sheet that was edited (its digest no longer matches), a row added or whose id was changed, a row
deleted, a status not in the list, a due date that is not a date. Whether the binding matches the store
(the enterprise, its latest assessment, the plan revision) is the store's to check; so that the user hears
of every problem at once, the store checks the rows too when some cells could not be read
(``read_tracker(..., strict=False)``).
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import InvalidInputError, Problem
from ...i18n import languages, locale, vocab
from ...i18n.text import Text, said
from ...models.tracking import ACTION_STATUSES
from . import values
from .dependency import import_openpyxl
from .layout import ref
from .reading import check_package, open_sheet, unreadable
from .tracker_layout import (
    BINDING_KEYS,
    BINDING_SHEET,
    FIRST_ROW,
    IDS_COLUMN,
    ISSUED_COLUMNS,
    ISSUED_KEYS,
    MAX_TRACKER_ROWS,
    PLAN_SHEET,
    READABLE_FORMAT_VERSIONS,
    TRACKER_COLUMN,
    TRACKER_COLUMNS,
    TRACKER_FORMAT,
    binding_digest,
)

Issued = dict[str, object]  # an action's editable cells as issued: ISSUED_KEYS -> date, text or None


@dataclass(frozen=True)
class TrackedRow:
    """One action's row as the enterprise filled it in."""

    id: str
    row: int
    due_on: dt.date | None
    owner: str | None
    status: str | None  # None: unreadable (then "status" is in ``unreadable``)
    evidence: str | None
    comments: str | None
    unreadable: frozenset[str] = frozenset()  # cells already reported as bad (an unknown status, not a date)

    def cell(self, key: str) -> str:
        return ref(PLAN_SHEET, f"{TRACKER_COLUMN[key].letter}{self.row}")

    def written(self) -> Issued:
        """The editable cells as the workbook has them now (``ISSUED_KEYS``), the unreadable ones left out."""
        cells: Issued = {
            "due": self.due_on,
            "owner": self.owner,
            "status": self.status,
            "evidence": self.evidence,
            "comments": self.comments,
        }
        return {key: value for key, value in cells.items() if key not in self.unreadable}


@dataclass(frozen=True)
class TrackerWorkbook:
    """A tracker read back: its binding (text values by key), the action ids it was issued with, its rows,
    each action's editable cells as issued (None for a version 1 workbook, which did not keep them), and the
    problems found in its rows (only when read with ``strict=False``)."""

    source: str
    binding: dict[str, str]
    ids: tuple[str, ...]
    rows: tuple[TrackedRow, ...] = field(default_factory=tuple)
    issued: dict[str, Issued] | None = None
    problems: tuple[Problem, ...] = ()

    def binding_cell(self, key: str) -> str:
        return ref(BINDING_SHEET, f"B{BINDING_KEYS.index(key) + 1}")

    def problem(self, message: str | Text, location: str | None = None) -> Problem:
        return Problem.said(self.source, message, location=location)


def is_tracker(path: str | Path) -> bool:
    """Whether ``path`` is an .xlsx package with a tracker's binding sheet (cheap: reads the workbook part)."""
    try:
        with zipfile.ZipFile(path) as package:
            workbook = package.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    return f'name="{BINDING_SHEET}"'.encode() in workbook


def _status_spellings() -> dict[str, str]:
    """What may be written for each status: its code, or its word in any catalogued language."""
    spellings: dict[str, str] = {}
    for code in ACTION_STATUSES:
        spellings[code.casefold()] = code
        for lang in languages():
            spellings[vocab("action_status", code, lang).casefold()] = code
    return spellings


def read_tracker(path: str | Path, *, strict: bool = True) -> TrackerWorkbook:
    """Read and check a filled tracker; InvalidInputError lists every problem found. With ``strict=False``
    the problems of its rows are returned in ``problems`` instead (a broken binding is raised either way),
    and the rows keep what could be read of them."""
    source = str(path)
    check_package(Path(path), source, (BINDING_SHEET, PLAN_SHEET))
    openpyxl = import_openpyxl("tracker_reading")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # features of other programs openpyxl drops; none is read here
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged package fails in many ways deep inside openpyxl
            raise unreadable(source, exc) from None
        try:
            return _Reader(workbook, source).read(strict)
        except InvalidInputError:
            raise
        except Exception as exc:  # a damaged sheet is only parsed here
            raise unreadable(source, exc) from None
        finally:
            workbook.close()


class _Reader:
    def __init__(self, workbook: Any, source: str) -> None:
        self.workbook, self.source = workbook, source
        self.problems: list[Problem] = []

    def _sheet(self, name: str) -> Any:
        return open_sheet(self.workbook, self.source, name, "errors.tracker.missing_sheet")

    def _problem(self, location: str | None, message: Text) -> None:
        self.problems.append(Problem.said(self.source, message, location=location))

    def read(self, strict: bool) -> TrackerWorkbook:
        binding, ids, issued = self._binding()
        tracker = TrackerWorkbook(self.source, binding, tuple(ids))
        rows = self._rows(tracker, _workbook_language(binding))
        if self.problems and strict:
            raise InvalidInputError(self.problems)
        return TrackerWorkbook(
            self.source, binding, tuple(ids), tuple(rows), _issued_by_id(ids, issued), tuple(self.problems)
        )

    def _binding(self) -> tuple[dict[str, str], list[str], list[list[str]] | None]:
        sheet = self._sheet(BINDING_SHEET)
        ids_index = ord(IDS_COLUMN) - ord("A")
        width = ord(ISSUED_COLUMNS[-1]) - ord("A") + 1
        binding: dict[str, str] = {}
        ids: list[str] = []
        issued: list[list[str]] = []
        for number, row in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
            if number > MAX_TRACKER_ROWS:
                self._problem(ref(BINDING_SHEET, f"A{number}"), said("errors.tracker.binding_too_long"))
                break
            padded = tuple(row) + (None,) * (width - len(row))
            key = values.text(padded[0])
            if key is not None and key not in binding:
                binding[key] = values.text(padded[1]) or ""
            action_id = values.text(padded[ids_index])
            if action_id is not None:
                ids.append(action_id)
                issued.append([values.text(value) or "" for value in padded[ids_index + 1 : width]])
        if binding.get("format") != TRACKER_FORMAT:
            raise InvalidInputError.single(self.source, said("errors.tracker.not_a_tracker"))
        if binding.get("format_version") not in {str(version) for version in READABLE_FORMAT_VERSIONS}:
            raise InvalidInputError.single(
                self.source,
                said(
                    "errors.tracker.format_version",
                    version=repr(binding.get("format_version")),
                    # Every version still read (1: without issued values), as a range: 1–2.
                    supported=f"{READABLE_FORMAT_VERSIONS[0]}–{READABLE_FORMAT_VERSIONS[-1]}",
                ),
            )
        kept = issued if binding["format_version"] != "1" else None
        if binding.get("digest") != binding_digest(binding, ids, kept):
            raise InvalidInputError(
                [
                    Problem.said(
                        self.source,
                        said("errors.tracker.binding_changed"),
                        location=ref(BINDING_SHEET, f"B{BINDING_KEYS.index('digest') + 1}"),
                    )
                ]
            )
        return binding, ids, kept

    def _rows(self, tracker: TrackerWorkbook, lang: str) -> list[TrackedRow]:
        sheet = self._sheet(PLAN_SHEET)
        width = TRACKER_COLUMNS[-1].index
        keys = [column.key for column in TRACKER_COLUMNS]
        issued = {action_id: index for index, action_id in enumerate(tracker.ids)}
        seen: dict[str, int] = {}
        rows: list[TrackedRow] = []
        statuses = _status_spellings()
        for number, raw in enumerate(
            sheet.iter_rows(min_row=FIRST_ROW, max_col=width, values_only=True), start=FIRST_ROW
        ):
            if number - FIRST_ROW >= MAX_TRACKER_ROWS:
                self._problem(
                    ref(PLAN_SHEET, f"A{number}"),
                    said("errors.tracker.too_many_rows", limit=MAX_TRACKER_ROWS),
                )
                break
            cells = dict(zip(keys, tuple(raw) + (None,) * (width - len(raw)), strict=False))
            if all(values.text(value) is None for value in cells.values()):
                continue
            where = ref(PLAN_SHEET, f"A{number}")
            action_id = values.text(cells["id"])
            if action_id is None:
                self._problem(where, said("errors.tracker.row_without_id"))
                continue
            if action_id not in issued:
                self._problem(where, said("errors.tracker.unknown_action", action=repr(action_id)))
                continue
            if action_id in seen:
                self._problem(
                    where,
                    said(
                        "errors.tracker.action_twice",
                        action=repr(action_id),
                        first=seen[action_id],
                        row=number,
                    ),
                )
                continue
            seen[action_id] = number
            rows.append(self._row(action_id, number, cells, statuses, lang))
        for action_id, index in issued.items():
            if action_id not in seen:
                self._problem(
                    ref(PLAN_SHEET, f"A{FIRST_ROW + index}"),
                    said("errors.tracker.action_deleted", action=repr(action_id)),
                )
        return rows

    def _row(
        self, action_id: str, number: int, cells: dict[str, Any], statuses: dict[str, str], lang: str
    ) -> TrackedRow:
        def at(key: str) -> str:
            return ref(PLAN_SHEET, f"{TRACKER_COLUMN[key].letter}{number}")

        unreadable: set[str] = set()
        written = values.text(cells["status"])
        status = statuses.get(written.casefold()) if written else None
        if written is None:
            self._problem(at("status"), said("errors.tracker.status_empty"))
            unreadable.add("status")
        elif status is None:
            # The list is the dropdown's: the statuses in the workbook's language, whatever the reader's.
            choices = locale(lang).join(vocab("action_status", code, lang) for code in ACTION_STATUSES)
            self._problem(
                at("status"), said("errors.tracker.unknown_status", status=repr(written), choices=choices)
            )
            unreadable.add("status")
        due = _date(cells["due"])
        if isinstance(due, _NotADate):
            shown = values.text(cells["due"])
            self._problem(at("due"), said("errors.tracker.not_a_date", value=repr(shown)))
            unreadable.add("due")
        return TrackedRow(
            id=action_id,
            row=number,
            due_on=None if isinstance(due, _NotADate) else due,
            owner=values.text(cells["owner"]),
            status=status,
            evidence=values.text(cells["evidence"]),
            comments=values.text(cells["comments"]),
            unreadable=frozenset(unreadable),
        )


def _issued_by_id(ids: list[str], issued: list[list[str]] | None) -> dict[str, Issued] | None:
    """Each action's issued values, typed as the Plan sheet's cells are read (a date, text or None)."""
    if issued is None:
        return None
    by_id: dict[str, Issued] = {}
    for action_id, texts in zip(ids, issued, strict=True):
        cells: Issued = {key: text or None for key, text in zip(ISSUED_KEYS, texts, strict=True)}
        due = _date(cells["due"])
        cells["due"] = None if isinstance(due, _NotADate) else due
        by_id[action_id] = cells
    return by_id


def _workbook_language(binding: dict[str, str]) -> str:
    """The language the tracker was written in (its dropdowns' words); English for one that names none."""
    lang = binding.get("lang", "")
    return lang if lang in languages() else "en"


class _NotADate:
    pass


_NOT_A_DATE = _NotADate()


def _date(value: object) -> dt.date | _NotADate | None:
    """A date cell's date; ISO text (2026-08-31) typed into a text cell is a date too."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            return _NOT_A_DATE
    return _NOT_A_DATE  # a bare number: a serial date only when the cell is formatted as a date
