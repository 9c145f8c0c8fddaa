"""The shared base of every model, and the small value types the file formats use."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StrictStr, Tag

from ..i18n.text import said

LANGUAGES: tuple[str, ...] = ("zh", "en")


# A localized string: a plain string (the same in every language) or {language: text}.
def _text_form(value: object) -> str:
    return "mapping" if isinstance(value, dict) else "plain"


LanguageCode = Annotated[StrictStr, Field(pattern=r"^[a-z]{2}(-[A-Za-z0-9]+)?$")]
LocalizedText = Annotated[
    Annotated[StrictStr, Tag("plain")] | Annotated[dict[LanguageCode, StrictStr], Tag("mapping")],
    Discriminator(_text_form),
    Field(description="A plain string, or a mapping of language code (zh, en, ...) to text."),
]


def _whole_number(value: object) -> object:
    # JSON Schema counts 3.0 as an integer; so do the models, while 3.5 and true stay errors.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Put after the constraints: Annotated[StrictInt, Field(ge=0), WHOLE_NUMBER] keeps "minimum" in the schema.
WHOLE_NUMBER = BeforeValidator(_whole_number)


def _not_a_boolean(value: object) -> object:
    # YAML reads yes/on/true as a boolean, and Python counts True as 1: a version is a number, never a boolean.
    if isinstance(value, bool):
        raise ValueError(said("errors.version.not_a_number", value=str(value).lower()))
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_not_a_boolean)]

# A date is written as text, YYYY-MM-DD (or given as a date object from Python code). A bare number is no date:
# pydantic would read 20260301 (or the text "20260301") as seconds since 1970 and say the date "should have zero
# time", and would take 86400 for 1970-01-02 without a word.
_NUMBER = re.compile(r"[+-]?\d+(\.\d*)?")


def _written_date(value: object) -> object:
    if isinstance(value, (int, float)) or (isinstance(value, str) and _NUMBER.fullmatch(value.strip())):
        raise ValueError(said("errors.value.not_a_date", value=_number_as_written(value)))
    return value


def _number_as_written(value: object) -> str:
    # As the file shows it: true (YAML), 20260301 (an Excel number cell gives 20260301.0).
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


Date = Annotated[dt.date, Field(strict=False), BeforeValidator(_written_date)]

Identifier = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]
# Section and item ids: clause numbers such as "7.1.5" and item ids such as "7.1.5-01".
NodeId = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=60)]


class FrozenModel(BaseModel):
    """Immutable, and refuses fields it does not know: a typo in a file is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def localize(text: Any, lang: str) -> str:
    """The text in ``lang``, else in the other bundled language, else in any language given."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return str(text[lang])
    for fallback in LANGUAGES:
        if fallback in text:
            return str(text[fallback])
    return str(next(iter(text.values()), ""))
