"""JSON Schemas (draft 2020-12) of checklist and answer files and of results, generated from the models and
shipped as data, beside the schemas of each command's ``--json`` document (``commands/documents.py``).

Editors use them through ``# yaml-language-server: $schema=...``; ``checklists validate`` runs them;
``iso9001assess schema NAME`` prints any of them. Regenerate with ``python -m iso9001assess.schemas``; a test
fails when the shipped files fall out of step with the models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from ..i18n.text import Text, said
from .problem_words import said_by_schema

if TYPE_CHECKING:
    from ..errors import Problem
    from ..loading.documents import Document

SchemaName = Literal["checklist", "answers", "result", "programme"]
MODEL_SCHEMAS: tuple[SchemaName, ...] = ("checklist", "answers", "result", "programme")
DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_URL = "https://iso9001assess.example/schemas/"


def generate(name: SchemaName) -> dict[str, Any]:
    """The schema as the models define it today."""
    from pydantic import TypeAdapter

    from ..models.answers import Answers
    from ..models.checklist import Checklist, Overlay
    from ..models.result import Result

    if name == "checklist":
        schema = TypeAdapter(Checklist | Overlay).json_schema()
        # An overlay is told apart by ``extends``. Saying so (rather than "any of the two") lets validators and
        # editors report the errors of the kind of file it is, instead of "not valid under any of the schemas".
        del schema["anyOf"]
        schema["if"] = {"type": "object", "required": ["extends"]}
        schema["then"] = {"$ref": "#/$defs/Overlay"}
        schema["else"] = {"$ref": "#/$defs/Checklist"}
        title, description = (
            "iso9001assess checklist",
            "A checklist, or an overlay that extends one (schema_version 1).",
        )
    elif name == "programme":
        from ..models.programme import Programme

        schema = Programme.model_json_schema()
        title, description = (
            "iso9001assess programme",
            "A programme: period, targets and city quotas, clusters, phases, staged reports, acceptance and "
            "benchmark rules (schema_version 1).",
        )
    elif name == "result":
        schema = Result.model_json_schema(mode="serialization")
        title, description = (
            "iso9001assess result",
            "The result of scoring one enterprise's answers (JSON export, schema_version 1).",
        )
    else:
        schema = Answers.model_json_schema()
        title, description = (
            "iso9001assess answers",
            "An enterprise's answers to a checklist (schema_version 1).",
        )
    return {
        "$schema": DIALECT,
        "$id": f"{BASE_URL}{name}.schema.json",
        "title": title,
        "description": description,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_path(name: str) -> Any:
    return resources.files(__package__).joinpath(f"{name}.schema.json")


def shipped_names() -> list[str]:
    """Every schema shipped in this package: the files' and results' and each command's JSON document."""
    suffix = ".schema.json"
    return sorted(
        entry.name[: -len(suffix)]
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(suffix)
    )


@cache
def load(name: str) -> dict[str, Any]:
    """The shipped schema file."""
    return json.loads(schema_path(name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def registry() -> Any:
    """A ``referencing.Registry`` of every shipped schema by its ``$id``: what a validator needs to follow a
    reference from one shipped schema to another (``checklist-show`` refers to ``checklist``)."""
    from referencing import Registry, Resource

    return Registry().with_resources(
        (load(name)["$id"], Resource.from_contents(load(name))) for name in shipped_names()
    )


def validator(name: str) -> Any:
    """A Draft 2020-12 validator of the shipped schema ``name``, formats checked, references resolved."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load(name), format_checker=FormatChecker(), registry=registry())


def schema_problems(name: SchemaName, document: Document) -> list[Problem]:
    """Every place where ``document`` breaks the shipped schema, located in the file."""
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import best_match

    # JSON has only text keys, and a schema cannot judge others: YAML reads an unquoted 101 or 7.1 as a number.
    keys = list(_non_text_keys(document.data, ()))
    if keys:
        return [
            document.problem([*at, key], said("errors.value.key_not_text", key=repr(key), raw=str(key)))
            for at, key in keys
        ]
    validator = Draft202012Validator(load(name), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path))):
        # "not valid under any of the given schemas" says nothing: name the error of the closest alternative.
        error = best_match([error]) or error
        if error.context:  # alternatives that fail alike (an int and a float bound): the first one speaks
            error = error.context[0]
        problems.append(document.problem(list(error.absolute_path), _said(error.message)))
    return problems


def _non_text_keys(data: Any, at: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                yield at, key
            else:
                yield from _non_text_keys(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_text_keys(value, (*at, index))


def _said(message: str, limit: int = 200) -> Text:
    # jsonschema quotes the offending value whole; a large value would drown the message.
    if len(message) > limit:
        return said("errors.schema.other", detail=message[: limit - 1] + "…")
    return said_by_schema(message)


def write_all() -> None:
    from pathlib import Path

    here = Path(__file__).parent
    for name in MODEL_SCHEMAS:
        text = json.dumps(generate(name), indent=2, ensure_ascii=False) + "\n"
        (here / f"{name}.schema.json").write_text(text, encoding="utf-8")
