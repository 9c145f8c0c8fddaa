"""Cell values to the values an answers file would hold.

Excel gives numbers, dates, booleans and text where YAML gives what was typed; these functions turn what a
cell holds into the YAML equivalent (a rating from "3 – Implemented", a date from a date cell, text from a
number typed in a note). What they cannot make sense of is passed on unchanged, so the models reject it with
the same message a YAML file would get.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from ...i18n import languages, message
from .layout import Choice, na_spellings

# The rating dropdown shows "3 – Implemented": a number, a dash, a label.
_NUMBER_THEN_LABEL = re.compile(r"^(\d+)\s+[–—-]\s")
_EVIDENCE_SEPARATORS = re.compile(r"[\r\n;；]+")


class NotApplicable:
    """The rating cell says N/A."""

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"


NOT_APPLICABLE = NotApplicable()


def text(value: object) -> str | None:
    """Text as written (numbers and dates as Excel shows them); blank is None."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def evidence(value: object) -> list[str]:
    """One piece of evidence per line (semicolons also separate)."""
    written = text(value)
    if written is None:
        return []
    return [part.strip() for part in _EVIDENCE_SEPARATORS.split(written) if part.strip()]


def _number(value: object) -> object:
    """An integral number as an int; anything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        stripped = value.strip()
        if re.fullmatch(r"[+-]?\d+", stripped):
            return int(stripped)
        try:
            number = float(stripped)
        except ValueError:
            return stripped
        return int(number) if number.is_integer() else number
    return value


def scale_spellings(choices: Iterable[str]) -> dict[str, int]:
    """What may be written for each level, from the dropdown entries ("3 – Implemented"): the entry or the label."""
    spellings: dict[str, int] = {}
    for entry in choices:
        match = _NUMBER_THEN_LABEL.match(entry)
        if match:
            value = int(match.group(1))
            spellings[entry.strip().casefold()] = value
            spellings[entry[match.end() :].strip().casefold()] = value
    return spellings


def rating(value: object, spellings: Mapping[str, int] | None = None) -> object:
    """None (blank), NOT_APPLICABLE, an int rating, or the cell value unchanged for the models to reject.

    ``spellings`` maps the scale's labels (casefolded) to their values, so "Implemented" reads as 3.
    """
    if value is None:
        return None
    if isinstance(value, str):
        written = value.strip()
        if not written:
            return None
        folded = written.casefold()
        if folded in na_spellings():
            return NOT_APPLICABLE
        match = _NUMBER_THEN_LABEL.match(written)
        if match:
            return int(match.group(1))
        if spellings and folded in spellings:
            return spellings[folded]
        return _number(written)
    if isinstance(value, bool):
        return value  # TRUE typed in a rating cell: not a rating
    if isinstance(value, (dt.date, dt.time)):
        return text(value)
    return _number(value)


def whole_number(value: object) -> object:
    """A count such as the number of employees; text digits count too (a cell formatted as text)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    return _number(value)


def date(value: object) -> object:
    """A date cell as YYYY-MM-DD; text is passed on for the model to parse."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    return value  # a bare number: the model says how to write a date


def choice(value: object, choices: Iterable[Choice]) -> object:
    """The value a dropdown entry stands for, matched on its code, its label in any language, or its display."""
    if value is None:
        return None
    if isinstance(value, bool):
        known = {c.value for c in choices}
        return value if value in known else text(value)
    written = text(value)
    if written is None:
        return None
    folded = written.casefold()
    for entry in choices:
        if folded in {spelling.casefold() for spelling in entry.spellings()}:
            return entry.value
        # "code – label" as an earlier template worded the label: the code decides.
        if entry.show_code and re.match(re.escape(entry.code.casefold()) + r"\s+[–-]\s", folded):
            return entry.value
    if {c.value for c in choices} == {True, False}:
        true_words = {"true", "1", "y", *(message("xlsx.yes_word", lang).casefold() for lang in languages())}
        false_words = {"false", "0", "n", *(message("xlsx.no_word", lang).casefold() for lang in languages())}
        if folded in true_words | false_words:
            return folded in true_words
    return written
