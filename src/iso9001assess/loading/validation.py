"""Turning pydantic's validation errors into located problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import InvalidInputError, Problem
from ..i18n.text import Text, said
from .documents import Document, PathKey
from .pydantic_words import said_by_pydantic

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


def _message(error: Any, data: Any) -> Text:
    kind = error["type"]
    path = _document_path(error["loc"], data)
    field = _cut(str(path[-1])) if path else ""
    if len(path) == 3 and path[0] == "answers" and path[2] == "rating":
        field = _cut(str(path[1]))  # a rating is named by its item, whether written bare or in full
    if kind == "extra_forbidden":
        return said("errors.value.unknown_field", field=field)
    if field == "[key]" and len(path) >= 2:
        key = path[-2]
        if not isinstance(key, str):  # YAML read an unquoted key such as 101 or 7.1 as a number
            return said("errors.value.key_not_text", key=_shown(key), raw=str(key))
        return said("errors.value.key_not_id", key=_shown(key))
    if (
        kind == "string_type"
        and isinstance(error.get("input"), (int, float))
        and not isinstance(error.get("input"), bool)
    ):  # YAML read an unquoted all-digit value (a credit code, a name) as a number
        return said("errors.value.read_as_number", field=field, value=_shown(error["input"]))
    if kind == "missing":
        return said("errors.value.missing", field=field)
    if kind in _NOT_A_NUMBER and path[:1] == ["answers"] and (len(path) == 2 or path[2:] == ["rating"]):
        return not_a_rating(str(path[1]), error.get("input"), bare=len(path) == 2)
    words = _validator_words(error) if kind == "value_error" else said_by_pydantic(error)
    if field and not field.isdigit() and kind != "model_type":
        return said("errors.value.at_field", field=field, message=words)
    return words


# What pydantic says of an answer that is no rating: text or a list where the bare rating or the full form
# goes (model_type), true or 3.5 where a whole number goes.
_NOT_A_NUMBER = ("model_type", "int_type", "int_parsing", "int_from_float")
# The forms an answer takes, as the file writes them (YAML, the same in every language).
_FULL_FORM = "{rating: …, note: …}"
_NA_FORM = "{na: true, justification: …}"


def not_a_rating(item: str, value: object, bare: bool, max_rating: int | None = None) -> Text:
    """An answer (``bare``) or the rating of a full answer that is not a whole number: what to write instead,
    on the checklist's scale when known (``with_scale`` fills it in once the checklist is found)."""
    shown = str(value).lower() if isinstance(value, bool) else _shown(value)
    key = "errors.answers.not_an_answer" if bare else "errors.answers.rating_not_whole"
    forms = {"full_form": _FULL_FORM, "na_form": _NA_FORM} if bare else {}
    return said(key, item=_cut(item), value=shown, scale=_scale(max_rating), **forms)


def with_scale(text: Text, max_rating: int) -> Text:
    """``text`` with the checklist's scale, when it is a ``not_a_rating`` said before the checklist was found."""
    if text.key not in ("errors.answers.not_an_answer", "errors.answers.rating_not_whole"):
        return text
    values = tuple((name, _scale(max_rating) if name == "scale" else value) for name, value in text.values)
    return Text(text.key, values)


def _scale(max_rating: int | None) -> Text:
    if max_rating is None:
        return said("errors.answers.scale_of_checklist")
    return said("errors.answers.scale", max=max_rating)


def _validator_words(error: Any) -> Text:
    """A model validator's words: the Text it raised (``ValueError(said(...))``, kept by pydantic in
    ``ctx["error"]``), else its plain string as pydantic gives it, without pydantic's "Value error, "."""
    raised = (error.get("ctx") or {}).get("error")
    if isinstance(raised, ValueError) and len(raised.args) == 1 and isinstance(raised.args[0], Text):
        return raised.args[0]
    message = str(error["msg"])
    return said("errors.value.other", detail=message.removeprefix("Value error, "))


def unsupported_version(version: object) -> Text:
    if isinstance(version, bool):  # YAML 1.1 reads yes, on and true as true, and Python counts True as 1
        return said("errors.version.boolean", value=str(version).lower())
    return said("errors.version.unsupported", value=_shown(version))


def _cut(text: str, limit: int = 60) -> str:
    """A key or field name as a message shows it: a message never repeats a megabyte of input."""
    return text if len(text) <= limit else text[:limit] + "…"


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
    return document.problem([], said("errors.problems.more", count=count))


def validate_model(model: type[ModelT], document: Document) -> ModelT:
    if not isinstance(document.data, dict):
        raise InvalidInputError([document.problem([], said("errors.document.not_mapping"))])
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document), document) from None
