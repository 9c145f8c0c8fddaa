"""Turning pydantic's validation errors into located problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import InvalidInputError, Problem
from .documents import Document, PathKey

ModelT = TypeVar("ModelT", bound=BaseModel)

# Union members and wrappers pydantic adds to an error's location; they are not keys of the document.
_TYPE_TAGS = (
    "str",
    "int",
    "dict[",
    "tuple[",
    "list[",
    "function-",
    "constrained-",
    "lax-",
    "strict-",
    "plain",
    "mapping",
    "rating",
    "full",
    "none",
)


def _document_path(loc: Sequence[Any]) -> list[PathKey]:
    return [part for part in loc if isinstance(part, int) or not str(part).startswith(_TYPE_TAGS)]


def _message(error: Any) -> str:
    message = str(error["msg"])
    kind = error["type"]
    path = _document_path(error["loc"])
    field = str(path[-1]) if path else ""
    if kind == "extra_forbidden":
        return f"unknown field {field!r}"
    if kind == "missing":
        return f"missing required field {field!r}"
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if field and not field.isdigit() and kind != "model_type":
        return f"{field}: {message}"
    return message


def problems_from(
    error: ValidationError, document: Document, prefix: Sequence[PathKey] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[PathKey, ...]] = set()
    for detail in error.errors():
        path = (*prefix, *_document_path(detail["loc"]))
        # A value that fits no member of a union is reported once per member; one line is enough.
        if path not in seen:
            seen.add(path)
            problems.append(document.problem(path, _message(detail)))
    return problems


def validate_model(model: type[ModelT], document: Document) -> ModelT:
    if not isinstance(document.data, dict):
        raise InvalidInputError([document.problem([], "expected a mapping of fields at the top of the file")])
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None
