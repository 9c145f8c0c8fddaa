"""Where everything sits in the action tracker workbook (``plan ENTERPRISE -o plan.xlsx``): shared by the
writer and the reader, so they agree.

The tracker has two sheets: ``Plan`` (one row per action; only due date, owner, status, evidence and comments
are editable) and ``_binding``, very hidden, which says which enterprise, assessment and plan revision the
workbook belongs to, lists the action ids it was issued with and (from format version 2) the values each
action's editable cells were issued with, and carries a digest of all of these so that an edited binding is
noticed. The digest is a checksum, not a secret: it catches accidents and careless edits.

The issued values are what makes two copies of one tracker safe: a workbook applies only the cells changed
in it since it was issued, and a change made in the store since then is not overwritten by an older copy.
A version 1 workbook (written before the issued values were kept) is still read, without them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TRACKER_FORMAT = "iso9001assess-plan-tracker"
TRACKER_FORMAT_VERSION = 2
# 1: no issued values (every row's editable cells are applied as they are); 2: issued values kept.
READABLE_FORMAT_VERSIONS = (1, 2)
PLAN_SHEET = "Plan"
BINDING_SHEET = "_binding"

TITLE_ROW = 1
SUBTITLE_ROW = 2
HINT_ROW = 3
HEADER_ROW = 4
FIRST_ROW = 5
MAX_TRACKER_ROWS = 5_000  # a plan has one action per finding: a few hundred at most


@dataclass(frozen=True)
class TrackerColumn:
    key: str
    letter: str
    width: float
    title: str  # a catalogue key
    editable: bool

    @property
    def index(self) -> int:
        return ord(self.letter) - ord("A") + 1


TRACKER_COLUMNS: tuple[TrackerColumn, ...] = (
    TrackerColumn("id", "A", 12, "xlsx.tracker.column.id", False),
    TrackerColumn("clause", "B", 9, "xlsx.tracker.column.clause", False),
    TrackerColumn("finding", "C", 44, "xlsx.tracker.column.finding", False),
    TrackerColumn("action", "D", 52, "report.plan.action", False),
    TrackerColumn("priority", "E", 9, "report.plan.priority", False),
    TrackerColumn("timeframe", "F", 10, "report.plan.timeframe", False),
    TrackerColumn("due", "G", 13, "report.plan.due", True),
    TrackerColumn("owner", "H", 14, "report.plan.owner", True),
    TrackerColumn("status", "I", 14, "xlsx.tracker.column.status", True),
    TrackerColumn("evidence", "J", 36, "xlsx.column.evidence", True),
    TrackerColumn("comments", "K", 36, "xlsx.tracker.column.comments", True),
)
TRACKER_COLUMN = {column.key: column for column in TRACKER_COLUMNS}

# The binding sheet: key in column A, value in column B; the action ids down column D.
BINDING_KEYS = (
    "format",
    "format_version",
    "enterprise",
    "credit_code",
    "city",
    "assessment_kind",
    "assessment_date",
    "assessment_id",
    "revision",
    "lang",
    "generator",
    "digest",
)
# What the digest covers: the binding's identity fields and the action ids (not the language or the version
# of the program that wrote it, nor the digest itself).
DIGESTED = tuple(key for key in BINDING_KEYS if key not in {"lang", "generator", "digest"})
IDS_COLUMN = "D"
# The editable cells' values as issued, beside each action id (columns E to I): the due date in ISO form, the
# owner, the status code, the evidence and the comments; blank is empty.
ISSUED_KEYS = ("due", "owner", "status", "evidence", "comments")
ISSUED_COLUMNS = tuple(chr(ord(IDS_COLUMN) + 1 + index) for index in range(len(ISSUED_KEYS)))


def binding_digest(
    values: Mapping[str, object], ids: Sequence[str], issued: Sequence[Sequence[str]] | None = None
) -> str:
    """SHA-256 over the binding's identity fields (as text; blank is empty), the action ids, in order, and
    (version 2) each action's issued values as text (``ISSUED_KEYS``' order)."""
    fields = {key: "" if values.get(key) is None else str(values.get(key)) for key in DIGESTED}
    covered: dict[str, object] = {"binding": fields, "ids": list(ids)}
    if issued is not None:
        covered["issued"] = [list(row) for row in issued]
    text = json.dumps(covered, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
