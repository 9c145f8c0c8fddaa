"""One input file to one result: an answer file is scored, a JSON result file is read back."""

from __future__ import annotations

import json
from pathlib import Path

from .. import api
from ..errors import InvalidInputError
from ..models.checklist import Checklist
from ..models.result import Result


def is_result_file(path: Path) -> bool:
    """A JSON file that holds a result (it records a strategy) rather than answers."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return b'"strategy"' in head and b'"answers"' not in head


def result_from_file(
    path: Path, strategy: str = api.DEFAULT_STRATEGY, checklist: Checklist | None = None
) -> Result:
    """Score an answer file, or load a result previously exported as JSON (whole, or compact)."""
    if is_result_file(path):
        from pydantic import ValidationError

        from ..loading.documents import read_document
        from ..loading.validation import problems_from

        document = read_document(path)
        if isinstance(document.data, dict) and document.data.get("form") == "compact":
            # What score --json prints: the checklist's texts are re-attached from the checklist it names.
            return api.expand_result(document.data, checklist, source=str(path))
        try:
            return Result.model_validate(document.data)
        except ValidationError as exc:
            raise InvalidInputError(problems_from(exc, document)) from None
        except (TypeError, json.JSONDecodeError) as exc:
            raise InvalidInputError.single(str(path), f"not a result file: {exc}") from None
    answers = api.load_answers(path, checklist)
    if checklist is None:
        checklist = api.load_checklist(answers.checklist_id)
    return api.score(checklist, answers, strategy)
