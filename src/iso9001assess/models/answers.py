"""Answer files: who the enterprise is, how it was assessed, and the rating given to each item."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    Tag,
    field_validator,
    model_validator,
)

from ..i18n.text import Text, said
from .base import WHOLE_NUMBER, Date, FrozenModel, NodeId, SchemaVersion
from .credit_code import CREDIT_CODE_PATTERN, credit_code_problem, upper_code

Size = Literal["micro", "small", "medium", "large"]
AssessmentKind = Literal["baseline", "follow-up", "self"]
# Every dimension of an answer file is bounded far above what an honest file holds (the bundled samples: notes
# of at most 70 characters, 2 pieces of evidence, 2,106 characters of text in all), and checked before any work:
# a report of the largest file allowed still renders in seconds.
MAX_RATING = 100  # a scale's levels run 0..100 at most
MAX_EMPLOYEES = 10_000_000
MAX_EVIDENCE = 20
MAX_ANSWER_TEXT = 100_000
MAX_ANSWERS = 20_000  # answered items in one file (the bundled checklist has 227)  # characters of notes, root causes, justifications and evidence in one file
Rating = Annotated[StrictInt, Field(ge=0, le=MAX_RATING), WHOLE_NUMBER]
ShortText = Annotated[StrictStr, Field(max_length=300)]
LongText = Annotated[StrictStr, Field(max_length=4000)]


class Region(FrozenModel):
    province: ShortText | None = None
    city: ShortText | None = None
    district: ShortText | None = None


class Enterprise(FrozenModel):
    name: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    # The schema checks the form (editors flag it as you type); the checksum is checked by the model.
    credit_code: Annotated[StrictStr | None, Field(json_schema_extra={"pattern": CREDIT_CODE_PATTERN})] = None
    region: Region = Region()
    industry: ShortText | None = None
    size: Size | None = None
    employees: Annotated[StrictInt, Field(ge=0, le=MAX_EMPLOYEES), WHOLE_NUMBER] | None = None
    has_lab: StrictBool = True
    certified: StrictBool = False

    @field_validator("credit_code")
    @classmethod
    def _check_credit_code(cls, value: str | None) -> str | None:
        if value is not None:
            problem = credit_code_problem(value)
            if problem:
                raise ValueError(problem)
            return upper_code(value)  # kept as the standard writes it: one enterprise, whatever the case
        return value


class Assessment(FrozenModel):
    kind: AssessmentKind = "self"
    date: Date | None = None
    assessor: ShortText | None = None


# The two kinds of "not applicable" an answer can state: an exclusion under ISO 9001 4.3 (an excludable item)
# and "not triggered" (不涉及: a conditional item whose subject does not exist). An enterprise without a
# laboratory gets the lab items as a third kind, "no-lab", which is never written in an answer.
DeclaredNotApplicable = Literal["excluded", "not-triggered"]
NotApplicableKind = Literal["excluded", "not-triggered", "no-lab"]
# Words that fill the justification cell without saying why ("无" = none, "不适用" = not applicable).
PLACEHOLDER_JUSTIFICATIONS = frozenset(
    {
        "无",
        "没有",
        "不适用",
        "不涉及",
        "不需要",
        "略",
        "空",
        "同上",
        "待定",
        "na",
        "none",
        "nil",
        "null",
        "tbd",
        "nothing",
    }
)
_PUNCTUATION_AND_SPACE = re.compile(r"[\W_]+")


def justification_problem(text: str | None, *, section: bool = False) -> Text | None:
    """Why ``text`` is not a justification (it says nothing, or only a placeholder word), or None; ``section``:
    of a whole section declared not applicable, rather than of an ``na: true`` answer."""
    meaningful = _PUNCTUATION_AND_SPACE.sub("", text or "").casefold()
    if not meaningful:
        return said(
            "errors.answers.section_no_justification" if section else "errors.answers.no_justification"
        )
    if len(meaningful) < 2 or meaningful in PLACEHOLDER_JUSTIFICATIONS:
        return said("errors.answers.placeholder_justification", text=(text or "").strip())
    return None


def _any_case(word: str) -> str:
    # JSON Schema patterns (ECMA 262) have no inline flags: "na" becomes "[nN][aA]".
    return "".join(f"[{c}{c.upper()}]" if c.isascii() and c.isalpha() else c for c in word)


# What the model validator below says, in JSON Schema: na: true needs a justification and no rating;
# na_kind only with na: true.
_NOT_APPLICABLE_RULE: dict[str, Any] = {
    "if": {"properties": {"na": {"const": True}}, "required": ["na"]},
    "then": {
        "required": ["justification"],
        "properties": {
            "justification": {
                "type": "string",
                "pattern": "\\S.*\\S",
                "not": {
                    "pattern": f"^\\W*({'|'.join(_any_case(word) for word in sorted(PLACEHOLDER_JUSTIFICATIONS))})\\W*$"
                },
            },
            "rating": {"type": "null"},
        },
    },
    "else": {"properties": {"na_kind": {"type": "null"}}},
}


class Answer(FrozenModel):
    """One item's answer. No rating and no ``na`` means unanswered (a note may still be kept)."""

    model_config = ConfigDict(json_schema_extra=_NOT_APPLICABLE_RULE)

    rating: Rating | None = None
    na: StrictBool = False
    # Which kind of not applicable, for an item that is both excludable and conditional (else it is implied).
    na_kind: DeclaredNotApplicable | None = None
    justification: LongText | None = None
    note: LongText | None = None
    evidence: Annotated[tuple[ShortText, ...], Field(max_length=MAX_EVIDENCE)] = ()
    root_cause: LongText | None = None

    @model_validator(mode="after")
    def _na_is_not_a_rating(self) -> Answer:
        if self.na and self.rating is not None:
            raise ValueError(said("errors.answers.rating_and_na"))
        if self.na:
            problem = justification_problem(self.justification)
            if problem:
                raise ValueError(problem)
        if self.na_kind is not None and not self.na:
            raise ValueError(said("errors.answers.na_kind_without_na"))
        return self

    @property
    def answered(self) -> bool:
        return self.rating is not None


@lru_cache(maxsize=256)
def rated_answer(rating: int) -> Answer:
    """The full form of a bare rating. Answers are immutable, so one instance per rating serves every file."""
    return Answer(rating=rating)


def _answer_form(value: object) -> str:
    if value is None:
        return "none"
    # A number (true and 3.5 included) is meant as a rating: its error then says "a valid integer".
    return "rating" if isinstance(value, (int, float)) else "full"


# In a file an answer is written as the bare rating, as null (unanswered), or in full. The discriminator
# reports errors of the form the user chose, not of every form.
AnswerEntry = Annotated[
    Annotated[Rating, Tag("rating")] | Annotated[Answer, Tag("full")] | Annotated[None, Tag("none")],
    Discriminator(_answer_form),
]


def _none_is_empty(value: object) -> object:
    return {} if value is None else value


def _closed_mapping(schema: dict[str, Any]) -> None:
    # The schema refuses keys that are not item ids, as the model does; the rule belongs on the mapping branch.
    for branch in schema.get("anyOf", ()):
        if branch.get("type") == "object":
            branch["additionalProperties"] = False


def _says_why(text: str) -> str:
    problem = justification_problem(text, section=True)
    if problem:
        raise ValueError(problem)
    return text


SectionJustification = Annotated[LongText, Field(pattern=r"\S"), AfterValidator(_says_why)]


class Answers(FrozenModel):
    schema_version: SchemaVersion
    checklist: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9._-]*(@[^@\s]+)?$")]
    enterprise: Enterprise
    assessment: Assessment = Assessment()
    # additionalProperties: the schema refuses keys that are not item ids, as the model does.
    # ``answers:`` left empty (null) is a questionnaire with nothing answered yet: every item unanswered.
    answers: Annotated[
        dict[NodeId, AnswerEntry],
        Field(max_length=MAX_ANSWERS),
        BeforeValidator(_none_is_empty, json_schema_input_type=dict[NodeId, AnswerEntry] | None),
    ] = Field(default_factory=dict, json_schema_extra=_closed_mapping)
    # Whole sections declared not applicable at once, each with one justification: {"8.3": "..."}.
    not_applicable: Annotated[dict[NodeId, SectionJustification], Field(max_length=MAX_ANSWERS)] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _bounded_text(self) -> Answers:
        total = 0
        for entry in self.answers.values():
            # Written out (no generator per answer): this runs over every answer of every file read.
            if isinstance(entry, Answer):
                total += len(entry.justification or "") + len(entry.note or "") + len(entry.root_cause or "")
                if entry.evidence:
                    total += sum(map(len, entry.evidence))
        if total > MAX_ANSWER_TEXT:
            raise ValueError(said("errors.answers.too_much_text", total=total, limit=MAX_ANSWER_TEXT))
        return self

    @property
    def checklist_id(self) -> str:
        return self.checklist.partition("@")[0]

    @property
    def checklist_version(self) -> str | None:
        return self.checklist.partition("@")[2] or None

    def answer(self, item_id: str) -> Answer | None:
        """The answer to ``item_id`` in full form, or None when the item has no answer."""
        entry = self.answers.get(item_id)
        if entry is None:
            return None
        if isinstance(entry, Answer):
            return entry
        return rated_answer(entry)
