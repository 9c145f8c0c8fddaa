"""Reading a filled Excel questionnaire back into answers."""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidInputError
from ..loading.documents import Document
from ..models.answers import Answers


def read_answers_workbook(path: str | Path) -> tuple[Answers, Document]:
    raise InvalidInputError.single(str(path), "Excel questionnaires are not supported yet; use YAML or JSON")
