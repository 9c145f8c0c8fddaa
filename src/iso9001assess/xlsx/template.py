"""Writing the blank Excel questionnaire of a checklist."""

from __future__ import annotations

from pathlib import Path

from ..errors import Iso9001AssessError
from ..models.checklist import Checklist


def write_template(checklist: Checklist, path: str | Path, lang: str = "zh") -> None:
    raise Iso9001AssessError("the Excel questionnaire is not available yet; use --format yaml")
