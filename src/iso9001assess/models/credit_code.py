"""The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters, the last a checksum.

The standard's letters are capitals; a code typed in lower case (``91442506tfx318h65h``) is the same code, so it
is accepted and kept in upper case (:func:`upper_code`): the register knows one enterprise by it either way.
"""

from __future__ import annotations

from ..i18n.text import Text, said

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
# The form, either case (a lower-case code is upper-cased on reading); the checksum needs code.
CREDIT_CODE_PATTERN = "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"
# Only ASCII letters change case: str.upper() would turn some other characters into two ("ß" -> "SS").
_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The checksum character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def upper_code(code: str) -> str:
    """``code`` with its ASCII letters in upper case, as the standard writes them."""
    return code.translate(_UPPER)


def credit_code_problem(code: str) -> Text | None:
    """Why ``code`` is not a valid unified social credit code, or None when it is valid (lower-case letters are
    read as their capitals)."""
    if len(code) != 18:
        shown = code if len(code) <= 24 else code[:24] + "…"  # a pasted paragraph is not echoed whole
        return said("errors.credit_code.length", code=shown, length=len(code))
    bad = sorted({char for char in code if upper_code(char) not in ALPHABET})
    if bad:
        return said("errors.credit_code.characters", code=code, characters="".join(bad))
    upper = upper_code(code)
    expected = check_character(upper[:17])
    if upper[17] != expected:
        return said("errors.credit_code.checksum", code=code, expected=expected)
    return None
