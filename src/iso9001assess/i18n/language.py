"""What a language needs besides its words: fallbacks, numbers, lists, heading numerals and fonts.

A ``Locale`` is read from the ``locale:`` part of a catalogue file, so adding a language is one file: code
paths ask the locale (``locale.join(parts)``, ``locale.heading_number(3)``) instead of testing the language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..rounding import half_up_decimal

Numerals = Literal["arabic", "chinese"]
# How a language chooses the form of a counted message (a catalogue entry that is a mapping of forms):
# "one-other" (English: "one" for exactly 1, else "other" -- CLDR's rule for integer counts) or "other"
# (Chinese: one form whatever the count). Other CLDR rules (few, many...) would be added here with a language.
PluralRule = Literal["one-other", "other"]
PLURAL_FORMS: dict[str, tuple[str, ...]] = {"one-other": ("one", "other"), "other": ("other",)}
DEFAULT_LANGUAGE = "en"  # the last resort of every fallback chain: every catalogue key exists in English
_CHINESE_DIGITS = "零一二三四五六七八九"


def half_up(value: float, places: int = 1) -> Decimal:
    """``value`` rounded once, half up, as people round (76.65 -> 76.7): the library's one rounding
    (``iso9001assess.rounding``), which every output uses to show a full-precision result."""
    return half_up_decimal(value, places)


def chinese_numeral(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三 (heading numbers up to 99)."""
    if number < 10:
        return _CHINESE_DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Locale:
    """One catalogued language: its code (``zh``, ``en``, ``zh-Hant``) and how it writes things."""

    code: str
    name: str
    tag: str  # the BCP 47 tag written into documents (PDF /Lang, HTML lang)
    fallbacks: tuple[str, ...] = ()  # where a missing entry is looked up next, before English
    numerals: Numerals = "arabic"
    list_separator: str = ", "
    region_separator: str = ", "
    cid_font: str = "STSong-Light"  # the viewer-supplied CID font for CJK text when no font file is embedded
    plural: PluralRule = "other"

    @property
    def plural_forms(self) -> tuple[str, ...]:
        """The forms every counted entry of this language has (``("one", "other")`` in English)."""
        return PLURAL_FORMS[self.plural]

    def plural_form(self, count: object) -> str:
        """The form of a counted entry for ``count``: "one" for exactly the integer 1 under the one-other rule
        (so "1 enterprise", "0 enterprises", "2 enterprises"), else "other"."""
        if (
            self.plural == "one-other"
            and isinstance(count, int)
            and not isinstance(count, bool)
            and count == 1
        ):
            return "one"
        return "other"

    @property
    def chain(self) -> tuple[str, ...]:
        """The languages an entry is looked up in, in order: this one, its fallbacks, then English."""
        ordered = dict.fromkeys((self.code, *self.fallbacks, DEFAULT_LANGUAGE))
        return tuple(ordered)

    def number(self, value: float, places: int = 1) -> str:
        return str(half_up(value, places))

    def percent(self, fraction: float) -> str:
        return f"{half_up(fraction * 100, 0)}%"

    def join(self, parts: Iterable[str]) -> str:
        return self.list_separator.join(parts)

    def join_region(self, parts: Iterable[str]) -> str:
        return self.region_separator.join(parts)

    def heading_number(self, number: int) -> str:
        return chinese_numeral(number) if self.numerals == "chinese" else str(number)

    @classmethod
    def from_mapping(cls, code: str, raw: Mapping[str, object]) -> Locale:
        """The locale a catalogue file describes; unknown settings are an error (a typo is not silence)."""
        known = {
            "name",
            "tag",
            "fallbacks",
            "numerals",
            "list_separator",
            "region_separator",
            "cid_font",
            "plural",
        }
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"catalogue {code}: unknown locale settings {sorted(unknown)}")
        numerals = str(raw.get("numerals", "arabic"))
        if numerals not in ("arabic", "chinese"):
            raise ValueError(f"catalogue {code}: numerals must be arabic or chinese, not {numerals!r}")
        plural = str(raw.get("plural", "other"))
        if plural not in PLURAL_FORMS:
            raise ValueError(
                f"catalogue {code}: plural must be one of {sorted(PLURAL_FORMS)}, not {plural!r}"
            )
        return cls(
            code=code,
            name=str(raw.get("name", code)),
            tag=str(raw.get("tag", code)),
            fallbacks=tuple(str(x) for x in _sequence(raw.get("fallbacks"))),
            numerals="chinese" if numerals == "chinese" else "arabic",
            list_separator=str(raw.get("list_separator", ", ")),
            region_separator=str(raw.get("region_separator", ", ")),
            cid_font=str(raw.get("cid_font", "STSong-Light")),
            plural="one-other" if plural == "one-other" else "other",
        )

    @classmethod
    def guessed(cls, code: str) -> Locale:
        """A language no catalogue file names (``zh-TW``): looked up by its base language, then English."""
        base = code.split("-")[0]
        return cls(code=code, name=code, tag=code, fallbacks=(base,) if base != code else ())


def _sequence(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]
