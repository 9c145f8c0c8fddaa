"""A workbook's answers as a Document: problems are located by sheet and cell instead of line and column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ...errors import Problem
from ...i18n import has_message
from ...i18n.text import Text
from ..documents import Document, PathKey

CellMap = Mapping[tuple[PathKey, ...], str]

# The models speak YAML; in the workbook N/A is a choice in the rating column. Words from the catalogues
# have their workbook wording under the same key + ".workbook" where it differs (errors.answers.*.workbook).


@dataclass(frozen=True)
class WorkbookDocument(Document):
    """``cells`` maps a path in the answers data (``("answers", "4.1-01", "rating")``) to ``Answers!D17``.

    A path is located at its longest prefix found in ``cells``; a problem with no such prefix names the file only.
    """

    cells: CellMap = field(default_factory=dict)

    def location(self, path: Sequence[PathKey]) -> str | None:
        key = tuple(path)
        while key:
            found = self.cells.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return None

    def position(self, path: Sequence[PathKey]) -> tuple[int | None, int | None]:
        return None, None

    def problem(self, path: Sequence[PathKey], message: str | Text) -> Problem:
        if isinstance(message, Text):
            message = _workbook_words(message)
        return Problem.said(self.source, message, location=self.location(path))


def _workbook_words(text: Text) -> Text:
    """``text`` with the workbook wording of its key, and of every Text among its values (a field's message)."""
    values = tuple(
        (name, _workbook_words(value) if isinstance(value, Text) else value) for name, value in text.values
    )
    workbook_key = text.key + ".workbook"
    return Text(workbook_key if has_message(workbook_key) else text.key, values)
