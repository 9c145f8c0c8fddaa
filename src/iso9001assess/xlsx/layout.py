"""Where everything sits in the questionnaire workbook: shared by the writer and the reader, so they agree.

The sheet names are the same in every language (error messages name them: ``Answers!D17``); the texts in
the cells are in the language the template was made in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models.base import localize

QUESTIONNAIRE_FORMAT = "iso9001assess-questionnaire"
FORMAT_VERSION = 1

INSTRUCTIONS_SHEET = "Instructions"
ENTERPRISE_SHEET = "Enterprise"
ANSWERS_SHEET = "Answers"
META_SHEET = "_meta"  # hidden: what the workbook is, for which checklist, and the dropdown lists

Localized = dict[str, str]


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
    title: Localized
    is_input: bool

    @property
    def index(self) -> int:
        return ord(self.letter) - ord("A") + 1


ANSWER_COLUMNS: tuple[AnswerColumn, ...] = (
    AnswerColumn("id", "A", 11, {"zh": "编号", "en": "Item"}, False),
    AnswerColumn("clause", "B", 8, {"zh": "条款", "en": "Clause"}, False),
    AnswerColumn("question", "C", 60, {"zh": "问题", "en": "Question"}, False),
    AnswerColumn("rating", "D", 24, {"zh": "评分", "en": "Rating"}, True),
    AnswerColumn("justification", "E", 28, {"zh": "不适用理由", "en": "N/A justification"}, True),
    AnswerColumn("note", "F", 36, {"zh": "情况说明", "en": "Note"}, True),
    AnswerColumn("evidence", "G", 30, {"zh": "证据（每行一项）", "en": "Evidence (one per line)"}, True),
    AnswerColumn("root_cause", "H", 28, {"zh": "原因分析", "en": "Root cause"}, True),
    AnswerColumn("guidance", "I", 60, {"zh": "评价指南", "en": "Guidance"}, False),
    AnswerColumn("typical_evidence", "J", 40, {"zh": "典型证据", "en": "Typical evidence"}, False),
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
    label: Localized
    show_code: bool = True

    def display(self, lang: str) -> str:
        label = localize(self.label, lang)
        if not self.show_code:
            return label
        return self.code if label.casefold() == self.code else f"{self.code} – {label}"


FieldKind = Literal["text", "choice", "whole", "date", "credit-code"]


@dataclass(frozen=True)
class EnterpriseField:
    path: tuple[str, ...]
    kind: FieldKind
    label: Localized
    hint: Localized
    choices: tuple[Choice, ...] = ()
    prefill: str | bool | None = None  # the value a blank template starts with (as the YAML template does)


@dataclass(frozen=True)
class Heading:
    title: Localized


YES_NO = (
    Choice(True, "yes", {"zh": "是", "en": "yes"}, show_code=False),
    Choice(False, "no", {"zh": "否", "en": "no"}, show_code=False),
)
SIZES = (
    Choice("micro", "micro", {"zh": "微型", "en": "micro"}),
    Choice("small", "small", {"zh": "小型", "en": "small"}),
    Choice("medium", "medium", {"zh": "中型", "en": "medium"}),
    Choice("large", "large", {"zh": "大型", "en": "large"}),
)
KINDS = (
    Choice("baseline", "baseline", {"zh": "首次评价", "en": "first assessment"}),
    Choice("follow-up", "follow-up", {"zh": "跟踪评价", "en": "after improvement"}),
    Choice("self", "self", {"zh": "自我评价", "en": "self-assessment"}),
)

ENTERPRISE_TITLE_ROW = 1
CHECKLIST_ROW = 2
LABEL_COLUMN, VALUE_COLUMN, HINT_COLUMN = "A", "B", "C"

ENTERPRISE_LAYOUT: tuple[EnterpriseField | Heading, ...] = (
    Heading({"zh": "企业信息", "en": "Enterprise"}),
    EnterpriseField(
        ("enterprise", "name"), "text", {"zh": "企业名称", "en": "Name"}, {"zh": "必填", "en": "required"}
    ),
    EnterpriseField(
        ("enterprise", "credit_code"),
        "credit-code",
        {"zh": "统一社会信用代码", "en": "Unified social credit code"},
        {"zh": "18位，校验位会被检查", "en": "18 characters; the check digit is verified"},
    ),
    EnterpriseField(("enterprise", "region", "province"), "text", {"zh": "省", "en": "Province"}, {}),
    EnterpriseField(("enterprise", "region", "city"), "text", {"zh": "市", "en": "City"}, {}),
    EnterpriseField(("enterprise", "region", "district"), "text", {"zh": "区/县", "en": "District"}, {}),
    EnterpriseField(
        ("enterprise", "industry"),
        "text",
        {"zh": "行业", "en": "Industry"},
        {
            "zh": "文字或行业集群编号，如 electronics",
            "en": "free text or an industry-cluster id, e.g. electronics",
        },
    ),
    EnterpriseField(
        ("enterprise", "size"),
        "choice",
        {"zh": "企业规模", "en": "Size"},
        {"zh": "从下拉列表选择", "en": "choose from the list"},
        SIZES,
    ),
    EnterpriseField(
        ("enterprise", "employees"),
        "whole",
        {"zh": "员工人数", "en": "Employees"},
        {"zh": "整数", "en": "a whole number"},
    ),
    EnterpriseField(
        ("enterprise", "has_lab"),
        "choice",
        {"zh": "是否有实验室/检验室", "en": "Has a laboratory"},
        {
            "zh": "选“否”时，实验室部分按不适用处理，请留空",
            "en": "with “no” the laboratory section is not applicable: leave it blank",
        },
        YES_NO,
        prefill=True,
    ),
    EnterpriseField(
        ("enterprise", "certified"),
        "choice",
        {"zh": "是否已获ISO 9001认证", "en": "Holds an ISO 9001 certificate"},
        {},
        YES_NO,
        prefill=False,
    ),
    Heading({"zh": "评价信息", "en": "Assessment"}),
    EnterpriseField(
        ("assessment", "kind"),
        "choice",
        {"zh": "评价类型", "en": "Kind"},
        {"zh": "从下拉列表选择", "en": "choose from the list"},
        KINDS,
        prefill="self",
    ),
    EnterpriseField(
        ("assessment", "date"),
        "date",
        {"zh": "评价日期", "en": "Date"},
        {"zh": "日期，如 2026-05-10", "en": "a date, e.g. 2026-05-10"},
    ),
    EnterpriseField(("assessment", "assessor"), "text", {"zh": "评价人", "en": "Assessor"}, {}),
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
NA_TOKENS = ("n/a", "na", "不适用")
NA_LABEL = {"zh": "N/A – 不适用", "en": "N/A – not applicable"}


def choice_list_column(choices: tuple[Choice, ...]) -> str:
    for letter, listed in CHOICE_LIST_COLUMNS:
        if listed is choices:
            return letter
    raise KeyError(choices)
