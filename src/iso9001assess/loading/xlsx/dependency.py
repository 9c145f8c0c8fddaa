"""openpyxl is an optional extra: imported only when a workbook is read or written, with a clear message."""

from __future__ import annotations

from typing import Any

from ...errors import MissingDependencyError

EXTRA = "xlsx"


def import_openpyxl(feature: str) -> Any:
    """The openpyxl module, or MissingDependencyError naming ``feature`` (a code of errors.dependency.feature.*)
    and the extra that installs it."""
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError("openpyxl", feature, EXTRA) from None
    return openpyxl
