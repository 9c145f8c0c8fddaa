"""The one rounding every output uses: results keep full precision, and a number is rounded once, half up,
when it is displayed (76.65 → 76.7, 37.949 → 37.9; never a value rounded twice)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

# Binary floats hold 76.65 as 76.6499999…; a sum of weighted scores may land a hair below a true .x5. Snapping
# to 9 decimals first removes that noise (far below any shown digit) without moving a real value such as 37.949.
_NOISE = Decimal("1e-9")


def round_half_up(value: float, digits: int = 1) -> float:
    """``value`` rounded to ``digits`` decimals, half away from zero, as people round."""
    return float(half_up_decimal(value, digits))


def half_up_decimal(value: float, digits: int = 1) -> Decimal:
    """``value`` rounded to ``digits`` decimals, half up, as an exact Decimal (``str`` shows every digit)."""
    snapped = Decimal(repr(value)).quantize(_NOISE, rounding=ROUND_HALF_EVEN)
    return snapped.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def shown_change(before: float | None, after: float | None, digits: int = 1) -> float | None:
    """The change a reader sees: the difference of the two values as shown (each rounded once, half up), so
    that 69.3 → 87.6 reads +18.3 even when the exact change is 18.35 (shown rounded: 18.4). Every output that
    prints a change next to its two values uses this; results and JSON keep the exact change."""
    if before is None or after is None:
        return None
    return float(half_up_decimal(after, digits) - half_up_decimal(before, digits))


def format_number(value: float | None, digits: int = 1, none: str = "—") -> str:
    """The number as shown: rounded half up, with exactly ``digits`` decimals; ``none`` when there is none."""
    if value is None:
        return none
    return f"{half_up_decimal(value, digits):f}"


def format_percent(fraction: float | None, digits: int = 0, none: str = "—") -> str:
    """A 0..1 fraction as a percentage, rounded half up (0.875 → "88%")."""
    if fraction is None:
        return none
    return f"{half_up_decimal(fraction * 100, digits):f}%"
