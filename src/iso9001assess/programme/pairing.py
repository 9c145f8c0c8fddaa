"""A follow-up's baseline for ``report`` without a store: the same enterprise's latest baseline among the
answer files beside it, dated on or before it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Iso9001AssessError
from ..models.checklist import Checklist
from ..models.result import Result
from .inputs import result_from_file

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


def same_enterprise(one: Result, other: Result) -> bool:
    """The credit code when both give one, else the name and the city."""
    a, b = one.enterprise, other.enterprise
    if a.credit_code and b.credit_code:
        return a.credit_code == b.credit_code
    return (a.name, a.region.city) == (b.name, b.region.city)


def baseline_in_folder(
    path: Path, follow_up: Result, strategy: str, checklist: Checklist | None = None
) -> Result | None:
    """The baseline of ``follow_up`` (read from ``path``) among the other files in its folder; files that
    cannot be read are passed over (they are not this report's input)."""
    day = follow_up.assessment.date or dt.date.max
    found: list[tuple[dt.date, str, Result]] = []
    for other in sorted(path.parent.iterdir()):
        if other == path or other.suffix.lower() not in SUFFIXES or other.name.startswith((".", "~$")):
            continue
        try:
            result = result_from_file(other, strategy=strategy, checklist=checklist)
        except (Iso9001AssessError, OSError, ValueError):
            continue
        when = result.assessment.date or dt.date.min
        if result.assessment.kind == "baseline" and same_enterprise(result, follow_up) and when <= day:
            found.append((when, other.name, result))
    return max(found, key=lambda entry: entry[:2])[2] if found else None
