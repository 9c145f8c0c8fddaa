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
    "float",
    "bool",
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


def _document_path(loc: Sequence[Any], data: Any) -> list[PathKey]:
    """The error's location as keys of the document: a part that is a key of the data is kept even when it
    looks like a union tag (an item id such as "structure-01" or "int-02")."""
    path: list[PathKey] = []
    node, in_data = data, True
    for part in loc:
        if (in_data and isinstance(node, dict) and part in node) or (
            in_data and isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(part, str) and part.startswith(_TYPE_TAGS):
            continue
        else:
            in_data = False
        path.append(part)
    return path


def _message(error: Any, data: Any) -> str:
    message = str(error["msg"])
    kind = error["type"]
    path = _document_path(error["loc"], data)
    field = str(path[-1]) if path else ""
    if len(path) == 3 and path[0] == "answers" and path[2] == "rating":
        field = str(path[1])  # a rating is named by its item, whether written bare or in full
    if kind == "extra_forbidden":
        return f"unknown field {field!r}"
    if field == "[key]" and len(path) >= 2:
        key = path[-2]
        if not isinstance(key, str):  # YAML read an unquoted key such as 101 or 7.1 as a number
            return f'the key {_shown(key)} is not text; write it in quotes: "{key}"'
        return (
            f"the key {_shown(key)} is not an id: an id starts with a letter or digit and holds only letters, "
            "digits, '.', '_' and '-' (at most 60 characters, no spaces)"
        )
    if (
        kind == "string_type"
        and isinstance(error.get("input"), (int, float))
        and not isinstance(error.get("input"), bool)
    ):  # YAML read an unquoted all-digit value (a credit code, a name) as a number
        return (
            f"{field}: {_shown(error['input'])} was read as a number; write it in quotes to keep it as text"
        )
    if kind == "missing":
        return f"missing required field {field!r}"
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if field and not field.isdigit() and kind != "model_type":
        return f"{field}: {message}"
    return message


def unsupported_version(version: object) -> str:
    if isinstance(version, bool):  # YAML 1.1 reads yes, on and true as true, and Python counts True as 1
        return (
            f"schema_version is {str(version).lower()} (YAML reads yes, on and true as true); "
            "write schema_version: 1"
        )
    return f"unsupported schema_version {_shown(version)} (this library reads schema_version: 1)"


def _shown(value: object, limit: int = 40) -> str:
    """A value quoted for a message, cut short: a message never repeats a megabyte of input."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _at(data: Any, prefix: Sequence[PathKey]) -> Any:
    for key in prefix:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def problems_from(
    error: ValidationError, document: Document, prefix: Sequence[PathKey] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[PathKey, ...]] = set()
    details = error.errors(include_url=False)
    for index, detail in enumerate(details):
        if len(problems) == MAX_PROBLEMS:  # locating each costs a search of the file: stop at a readable list
            problems.append(more_problems(document, len(details) - index))
            break
        path = (*prefix, *_document_path(detail["loc"], _at(document.data, prefix)))
        # A value that fits no member of a union is reported once per member; one line is enough.
        if path not in seen:
            seen.add(path)
            problems.append(document.problem(path, _message(detail, _at(document.data, prefix))))
    return problems


# More problems than anyone reads in one go; a file with more is not a near miss.
MAX_PROBLEMS = 100


def more_problems(document: Document, count: int) -> Problem:
    return document.problem([], f"… and {count:,} more problem(s) not listed; fix these first")


def validate_model(model: type[ModelT], document: Document) -> ModelT:
    if not isinstance(document.data, dict):
        raise InvalidInputError([document.problem([], "expected a mapping of fields at the top of the file")])
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document), document) from None
