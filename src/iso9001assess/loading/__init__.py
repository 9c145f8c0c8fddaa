"""Files to validated models: parsing with positions, limits, and every problem reported at once."""

from .answers import load_answers, read_answers, validate_answers_against
from .checklists import read_checklist_file, validate_checklist_file
from .documents import Document, read_document

__all__ = [
    "Document",
    "load_answers",
    "read_answers",
    "read_checklist_file",
    "read_document",
    "validate_answers_against",
    "validate_checklist_file",
]
