"""Pydantic's own words said through the catalogues: its common error types, by their type code.

Pydantic writes "Input should be less than or equal to 100" in English. Each common type has an entry
``errors.value.<type>`` whose English is pydantic's own template, filled from the error's ``ctx``; a type
without an entry, or whose English would not come out word for word as pydantic's, keeps pydantic's words as the
``{detail}`` of ``errors.value.other`` (so the English of every message stays what pydantic says).
"""

from __future__ import annotations

import re
from typing import Any

from ..i18n.text import Text, said

# pydantic lists the allowed values of a Literal as "'a', 'b' or 'c'"; another language joins them its own way.
_LAST_CHOICE = re.compile(r"^(.*) or ('(?:[^'\\]|\\.)*'|[^' ]+)$")
# The kinds whose English says "1 item" or "2 items": one key for one, one for more (Chinese has no plural).
_COUNTED = {
    "too_long": "max_length",
    "too_short": "min_length",
    "string_too_long": "max_length",
    "string_too_short": "min_length",
}


# Why a date did not parse, in pydantic's words (its ctx["error"]): the frequent reasons have an entry each.
_DATE_REASONS = {
    "input is too short": "errors.value.date_reason.too_short",
    "month value is outside expected range of 1-12": "errors.value.date_reason.month",
    "day value is outside expected range": "errors.value.date_reason.day",
    "invalid date separator, expected `-`": "errors.value.date_reason.separator",
    "invalid character in year": "errors.value.date_reason.year_character",
    "invalid character in month": "errors.value.date_reason.month_character",
    "invalid character in day": "errors.value.date_reason.day_character",
    "invalid datetime separator, expected `T`, `t`, `_` or space": "errors.value.date_reason.trailing",
}


def said_by_pydantic(error: Any) -> Text:
    """The words of a pydantic error (``ValidationError.errors()`` entry) as a Text; English unchanged."""
    kind = str(error["type"])
    english = str(error["msg"])
    # A date's parse error in ctx is pydantic's own words ("input is too short"): kept as they are.
    ctx = {name: _plain(value) for name, value in (error.get("ctx") or {}).items()}
    key = f"errors.value.{kind}"
    if kind in ("literal_error", "enum"):
        key, ctx["expected"] = "errors.value.literal_error", _choices(str(ctx.get("expected", "")))
    elif kind in _COUNTED:
        ctx.pop("expected_plural", None)
        key += "_one" if ctx.get(_COUNTED[kind]) == 1 else ""
        if "field_type" in ctx:  # "List", "Tuple", "Dictionary": said in the reader's language
            ctx["field_type"] = said(f"errors.value.kind.{str(ctx['field_type']).lower()}")
    elif kind in ("date_parsing", "date_from_datetime_parsing") and ctx.get("error") in _DATE_REASONS:
        ctx["error"] = said(_DATE_REASONS[str(ctx["error"])])
    try:
        text = said(key, **ctx)
        if text("en") == english:
            return text
    except KeyError:  # no entry for this kind (or for its field_type), or a placeholder pydantic did not fill
        pass
    return said("errors.value.other", detail=english)


def _choices(expected: str) -> object:
    """The values a Literal allows: one value as pydantic quotes it, several as a list in any language."""
    match = _LAST_CHOICE.match(expected)
    if match is None:
        return expected
    return said("errors.value.choices", options=match[1], last=match[2])


def _plain(value: object) -> object:
    # pydantic shows a bound of 1.0 as "1"; plain data also keeps the Text picklable (batch workers).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
