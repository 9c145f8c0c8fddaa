"""Answer files into scored records, as ``batch`` scores them: a bad file gives its problems and nothing
is written for it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InvalidInputError
from ..i18n import said
from ..loading.answers import load_answers
from ..models.checklist import Checklist
from ..plugin_manager import get_registry
from ..programme.inputs import is_result_file
from ..programme.record import ScoredFile, scored_file


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def score_for_store(path: Path, strategy: str, checklist: Checklist | None = None) -> ScoredFile:
    """Validate and score one answers file (YAML, JSON or .xlsx) for recording."""
    if is_result_file(path):
        raise InvalidInputError.single(str(path), said("errors.store.result_file"))
    registry = get_registry()
    answers = load_answers(path, checklist, None if checklist else registry.checklists.get)
    chosen = checklist or registry.checklists.get(answers.checklist_id)
    result = registry.strategies[strategy].value.score(chosen, answers)
    if answers.assessment.date is None:
        raise InvalidInputError.single(str(path), said("errors.store.no_date"))
    return scored_file(path.name, file_sha256(path), answers, result)
