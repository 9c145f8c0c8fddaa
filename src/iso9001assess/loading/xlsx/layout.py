"""Where everything sits in the questionnaire workbook: shared by the writer and the reader, so they agree.

The sheet names are the same in every language (error messages name them: ``Answers!D17``); the texts in
the cells are in the language the template was made in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...i18n import languages, message

QUESTIONNAIRE_FORMAT = "iso9001assess-questionnaire"
FORMAT_VERSION = 1

INSTRUCTIONS_SHEET = "Instructions"
ENTERPRISE_SHEET = "Enterprise"
ANSWERS_SHEET = "Answers"
META_SHEET = "_meta"  # hidden: what the workbook is, for which checklist, and the dropdown lists


def ref(sheet: str, cell: str) -> str:
    """An Excel reference to a cell; a sheet name that is not a plain word is quoted."""
    plain = sheet.replace("_", "").isalnum() and sheet.isascii() and not sheet[0].isdigit()
    return f"{sheet}!{cell}" if plain else "'" + sheet.replace("'", "''") + f"'!{cell}"


# -- the Answers sheet ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnswerColumn:
    key: str
    letter: str
    width: float
    title: str  # a catalogue key
    is_input: bool

    @property
    def index(self) -> int:
        return ord(self.letter) - ord("A") + 1


ANSWER_COLUMNS: tuple[AnswerColumn, ...] = (
    AnswerColumn("id", "A", 11, "xlsx.column.item", False),
    AnswerColumn("clause", "B", 8, "xlsx.column.clause", False),
    AnswerColumn("question", "C", 60, "xlsx.column.question", False),
    AnswerColumn("rating", "D", 24, "xlsx.column.rating", True),
    AnswerColumn("justification", "E", 28, "xlsx.column.justification", True),
    AnswerColumn("note", "F", 36, "xlsx.column.note", True),
    AnswerColumn("evidence", "G", 30, "xlsx.column.evidence_lines", True),
    AnswerColumn("root_cause", "H", 28, "xlsx.column.root_cause", True),
    AnswerColumn("guidance", "I", 60, "xlsx.column.guidance", False),
    AnswerColumn("typical_evidence", "J", 40, "xlsx.column.typical_evidence", False),
)
COLUMN = {column.key: column for column in ANSWER_COLUMNS}
ANSWERS_HEADER_ROW = 1
ANSWERS_FIRST_ROW = 2
# The answer fields read from an item's row, in column order.
ANSWER_FIELDS = ("rating", "justification", "note", "evidence", "root_cause")


# -- the Enterprise sheet -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """One entry of a dropdown: the value it stands for in the answers, and what the user sees."""

    value: str | bool
    code: str
    label: str  # a catalogue key: the vocabulary's word for the code
    show_code: bool = True

    def display(self, lang: str) -> str:
        label = message(self.label, lang)
        if not self.show_code:
            return label
        return self.code if label.casefold() == self.code else f"{self.code} – {label}"

    def spellings(self) -> set[str]:
        """What the reader accepts for this entry: its code, and its label and display in every language."""
        return {self.code, *(message(self.label, lang) for lang in languages())} | {
            self.display(lang) for lang in languages()
        }


FieldKind = Literal["text", "choice", "whole", "date", "credit-code"]


@dataclass(frozen=True)
class EnterpriseField:
    path: tuple[str, ...]
    kind: FieldKind
    label: str  # catalogue keys
    hint: str | None
    choices: tuple[Choice, ...] = ()
    prefill: str | bool | None = None  # the value a blank template starts with (as the YAML template does)


@dataclass(frozen=True)
class Heading:
    title: str  # a catalogue key


YES_NO = (
    Choice(True, "yes", "vocab.yes", show_code=False),
    Choice(False, "no", "vocab.no", show_code=False),
)
SIZES = tuple(Choice(size, size, f"vocab.size.{size}") for size in ("micro", "small", "medium", "large"))
KINDS = tuple(Choice(kind, kind, f"vocab.kind.{kind}") for kind in ("baseline", "follow-up", "self"))

ENTERPRISE_TITLE_ROW = 1
CHECKLIST_ROW = 2
LABEL_COLUMN, VALUE_COLUMN, HINT_COLUMN = "A", "B", "C"

ENTERPRISE_LAYOUT: tuple[EnterpriseField | Heading, ...] = (
    Heading("xlsx.heading.enterprise"),
    EnterpriseField(("enterprise", "name"), "text", "vocab.field.enterprise", "xlsx.hint.required"),
    EnterpriseField(
        ("enterprise", "credit_code"), "credit-code", "vocab.field.credit_code", "xlsx.hint.credit_code"
    ),
    EnterpriseField(("enterprise", "region", "province"), "text", "vocab.field.province", None),
    EnterpriseField(("enterprise", "region", "city"), "text", "vocab.field.city", None),
    EnterpriseField(("enterprise", "region", "district"), "text", "vocab.field.district", None),
    EnterpriseField(("enterprise", "industry"), "text", "vocab.field.industry", "xlsx.hint.industry"),
    EnterpriseField(("enterprise", "size"), "choice", "vocab.field.size", "xlsx.hint.choose", SIZES),
    EnterpriseField(("enterprise", "employees"), "whole", "vocab.field.employees", "xlsx.hint.whole"),
    EnterpriseField(
        ("enterprise", "has_lab"), "choice", "vocab.field.has_lab", "xlsx.hint.has_lab", YES_NO, prefill=True
    ),
    EnterpriseField(
        ("enterprise", "certified"), "choice", "vocab.field.certified", None, YES_NO, prefill=False
    ),
    Heading("xlsx.heading.assessment"),
    EnterpriseField(
        ("assessment", "kind"), "choice", "vocab.field.kind", "xlsx.hint.choose", KINDS, prefill="self"
    ),
    EnterpriseField(("assessment", "date"), "date", "vocab.field.date", "xlsx.hint.date"),
    EnterpriseField(("assessment", "assessor"), "text", "vocab.field.assessor", None),
)
ENTERPRISE_FIRST_ROW = 3


def enterprise_rows() -> list[tuple[int, EnterpriseField | Heading]]:
    """Each line of the Enterprise sheet below the checklist row, with its row number."""
    return [(ENTERPRISE_FIRST_ROW + offset, line) for offset, line in enumerate(ENTERPRISE_LAYOUT)]


def field_rows() -> dict[tuple[str, ...], int]:
    return {line.path: row for row, line in enterprise_rows() if isinstance(line, EnterpriseField)}


# -- the hidden _meta sheet -----------------------------------------------------------------------------------
# Column A holds keys, column B values; the dropdown lists sit in the columns named here, from row 1.
META_KEYS = (
    "format",
    "format_version",
    "schema_version",
    "checklist",
    "checklist_sha256",
    "lang",
    "generator",
)
RATING_LIST_COLUMN = "D"  # the scale, then N/A: for excludable items
SCALE_LIST_COLUMN = "E"  # the scale alone
SPELLINGS_COLUMN = "I"  # the scale in every language of its labels: what the reader accepts besides the list
CHOICE_LIST_COLUMNS: tuple[tuple[str, tuple[Choice, ...]], ...] = (("F", SIZES), ("G", YES_NO), ("H", KINDS))
NA_LABEL = "xlsx.na_label"


def na_spellings() -> set[str]:
    """What a rating cell may hold for "not applicable", casefolded: N/A, and the words of every language."""
    words = {"n/a", "na"}
    for lang in languages():
        words |= {message(NA_LABEL, lang), message("vocab.status.not-applicable", lang)}
    return {word.casefold() for word in words}


def choice_list_column(choices: tuple[Choice, ...]) -> str:
    for letter, listed in CHOICE_LIST_COLUMNS:
        if listed is choices:
            return letter
    raise KeyError(choices)
