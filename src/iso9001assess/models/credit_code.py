"""The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters, the last a checksum."""

from __future__ import annotations

from ..i18n.text import Text, said

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
CREDIT_CODE_PATTERN = "^[0-9A-HJ-NPQRTUWXY]{18}$"  # the form; the checksum needs code
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The checksum character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> Text | None:
    """Why ``code`` is not a valid unified social credit code, or None when it is valid."""
    if len(code) != 18:
        shown = code if len(code) <= 24 else code[:24] + "…"  # a pasted paragraph is not echoed whole
        return said("errors.credit_code.length", code=shown, length=len(code))
    bad = sorted({char for char in code if char not in ALPHABET})
    if bad:
        return said("errors.credit_code.characters", code=code, characters="".join(bad))
    expected = check_character(code[:17])
    if code[17] != expected:
        return said("errors.credit_code.checksum", code=code, expected=expected)
    return None
