"""The JSON document each command prints with ``--json``: one model per command, its schema shipped with the
package (``schemas/<name>.schema.json``, beside the checklist, answers and result schemas).

``iso9001assess schema NAME`` prints any of them; ``python -m iso9001assess.commands.documents`` rewrites the
shipped files from these models, and a test fails when they fall out of step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, RootModel

from ..errors import Problem
from ..models.base import LocalizedText
from ..models.checklist import Checklist
from ..schemas import BASE_URL, DIALECT


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProblemEntry(Document):
    """One problem of an input, located: ``line``/``column`` in a text file, ``location`` (``Sheet!B7``) in a
    workbook; ``text`` is the whole line in English (stderr says it in the command's ``--lang``): a program's
    input does not change with the reader's language. ``message_key`` names the catalogue entry the words
    come from (``errors.answers.unknown_item``), for a program that sorts problems by kind (null for words not
    catalogued: a plugin's)."""

    source: str
    line: int | None
    column: int | None
    location: str | None
    message: str
    text: str
    message_key: str | None = None

    @classmethod
    def of(cls, problem: Problem) -> ProblemEntry:
        return cls(
            source=problem.source,
            line=problem.line,
            column=problem.column,
            location=problem.location,
            message=problem.message,
            text=str(problem),
            message_key=problem.text.key if problem.text is not None else None,
        )


def problems(found: Iterable[Problem]) -> list[ProblemEntry]:
    return [ProblemEntry.of(problem) for problem in found]


# -- checklists -----------------------------------------------------------------------------------------------
class ChecklistEntry(Document):
    id: str
    version: str
    title: LocalizedText
    extends: str | None
    plugin: str


class ChecklistListing(RootModel[list[ChecklistEntry]]):
    """``checklists --json``: every available checklist, sorted by id."""


class ChecklistShown(Document):
    """``checklists show ID --json``: the composed checklist (overlays applied) and its identity."""

    id: str
    version: str
    sha256: str
    items: int
    checklist: Checklist


class FileValidation(Document):
    path: str
    valid: bool
    problems: list[ProblemEntry]


class ValidationReport(Document):
    """``checklists validate FILE... --json``: each file's verdict and problems."""

    valid: bool
    files: list[FileValidation]


# -- template -------------------------------------------------------------------------------------------------
class ChecklistRef(Document):
    id: str
    version: str
    sha256: str


class WrittenFile(Document):
    path: str
    role: Literal["questionnaire", "schema"]


class TemplateWritten(Document):
    """``template ID -o FILE --json``: what was written."""

    checklist: ChecklistRef
    format: Literal["yaml", "xlsx"]
    lang: str
    files: list[WrittenFile]


# -- batch ----------------------------------------------------------------------------------------------------
class Diagnosed(Document):
    source: str
    name: str
    overall: float | None
    maturity_level: int | None
    readiness: str
    lab_index: float | None
    completeness: float
    major: int
    minor: int
    observation: int


class Failed(Document):
    source: str
    problems: list[ProblemEntry]


class BatchDone(Document):
    """``batch DIR -o OUTDIR --json``: the outcome of every input, and the files the run wrote."""

    output_dir: str
    inputs: int
    written: int
    kept: int
    summary: str | None
    errors: str | None
    portfolio: list[str]
    diagnosed: list[Diagnosed]
    failed: list[Failed]
    # Inputs on which a plugin failed (its exporter: that format is missing; its strategy: not diagnosed).
    plugin_failed: list[Failed]


def batch_document(report: Any) -> BatchDone:
    """From a :class:`~iso9001assess.programme.batch.BatchReport`."""
    return BatchDone(
        output_dir=str(report.output_dir),
        inputs=report.inputs,
        written=report.written,
        kept=report.kept,
        summary=str(report.summary_path) if report.summary_path else None,
        errors=str(report.errors_path) if report.errors_path else None,
        portfolio=[str(path) for path in report.portfolio_paths],
        diagnosed=[
            Diagnosed.model_validate(summary.model_dump(include=set(Diagnosed.model_fields), mode="json"))
            for summary in report.summaries
        ],
        failed=[
            Failed(source=failure.path, problems=problems(failure.problems)) for failure in report.failures
        ],
        plugin_failed=[
            Failed(source=failure.path, problems=problems(failure.plugin))
            for failure in report.plugin_failures
        ],
    )


# -- plugins --------------------------------------------------------------------------------------------------
class PluginEntry(Document):
    name: str
    distribution: str
    version: str
    origin: str
    disabled: bool
    hooks: list[str]
    registered: dict[str, list[str]]
    failures: list[str]


class PluginListing(RootModel[list[PluginEntry]]):
    """``plugins --json``: every plugin, in loading order."""


def _enterprise_listing_model() -> type[BaseModel]:
    from ..store.records import EnterpriseListing  # the store loads SQLAlchemy: only when asked

    return EnterpriseListing


def _comparison_model() -> type[BaseModel]:
    from ..programme.compare import Comparison

    return Comparison


def _progress_model() -> type[BaseModel]:
    from ..models.progress import ProgressReport

    return ProgressReport


# name -> (model, title); the model's own schema, named and described for editors and validators.
def documents() -> dict[str, tuple[Any, str]]:
    return {
        "checklists": (ChecklistListing, "iso9001assess checklists --json"),
        "checklist-show": (ChecklistShown, "iso9001assess checklists show ID --json"),
        "validation": (ValidationReport, "iso9001assess checklists validate FILE... --json"),
        "template": (TemplateWritten, "iso9001assess template ID -o FILE --json"),
        "batch": (BatchDone, "iso9001assess batch DIR -o OUTDIR --json"),
        "comparison": (_comparison_model(), "iso9001assess compare BASELINE FOLLOWUP --json"),
        "plugins": (PluginListing, "iso9001assess plugins --json"),
        "enterprises": (_enterprise_listing_model(), "iso9001assess enterprises --json"),
        "progress": (_progress_model(), "iso9001assess progress --programme FILE --json (and -o FILE.json)"),
        "result-compact": (None, "iso9001assess score FILE --json"),
    }


def generate(name: str) -> dict[str, Any]:
    if name == "result-compact":
        return _compact_result_schema()
    model, title = documents()[name]
    schema = model.model_json_schema()
    if name == "checklist-show":
        # The embedded checklist is a checklist document: the checklist schema itself, bundled under its own
        # $id (a compound schema document), so that the two never differ and a plain validator resolves the
        # reference from this one file, with no registry and no network.
        from ..schemas import generate as generate_model_schema

        schema["properties"]["checklist"] = {"$ref": "checklist.schema.json"}
        schema["$defs"] = {"checklist": generate_model_schema("checklist")}
    description = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else title
    return {
        "$schema": DIALECT,
        "$id": f"{BASE_URL}{name}.schema.json",
        "title": title,
        "description": description,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def write_all(directory: Path | None = None, names: Sequence[str] | None = None) -> None:
    here = directory or Path(__file__).resolve().parents[1] / "schemas"
    for name in names or documents():
        text = json.dumps(generate(name), indent=2, ensure_ascii=False) + "\n"
        (here / f"{name}.schema.json").write_text(text, encoding="utf-8")


def _compact_result_schema() -> dict[str, Any]:
    """The result's schema without what the compact form leaves out (``scoring.compact``): a value the checklist
    determines is optional (present only when a strategy changed it), ``method`` absent, ``form`` required."""
    import copy

    from ..schemas import generate as generate_model_schema
    from ..scoring.compact import ALWAYS_LEFT_OUT, DERIVED, FORM, TOP_DERIVED

    schema = copy.deepcopy(generate_model_schema("result"))
    definitions = schema.get("$defs", {})

    def part(reference: dict[str, Any]) -> dict[str, Any]:
        target = reference.get("items", reference)["$ref"].rsplit("/", 1)[1]
        return definitions[target]  # type: ignore[no-any-return]

    def optional(node: dict[str, Any], names: tuple[str, ...]) -> None:
        node["required"] = [name for name in node.get("required", []) if name not in names]

    for name in ALWAYS_LEFT_OUT:
        schema["properties"].pop(name, None)
    optional(schema, (*ALWAYS_LEFT_OUT, *TOP_DERIVED))
    for kind, names in DERIVED.items():
        node = part(schema["properties"][kind])
        optional(node, names)
        if kind != "checklist":  # a part's empty fields (null, an empty list) are left out
            nullable = tuple(
                name
                for name, property_schema in node["properties"].items()
                if {"type": "null"} in property_schema.get("anyOf", [])
                or property_schema.get("type") == "array"
            )
            optional(node, nullable)
    schema["properties"] = {
        "form": {"const": FORM, "description": "The compact form of a result."},
        **schema["properties"],
    }
    schema["required"] = ["form", *schema["required"]]
    return {
        **schema,
        "$id": f"{BASE_URL}result-compact.schema.json",
        "title": "iso9001assess result, compact form",
        "description": "What score --json prints: a result without the texts its checklist (named by SHA-256) holds.",
    }


if __name__ == "__main__":
    write_all()
