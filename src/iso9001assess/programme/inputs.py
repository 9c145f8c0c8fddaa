"""The inputs of the programme commands: the files named or found in directories, the checklist they are
scored against, and one input file to one result (an answer file is scored, a JSON result read back)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from .. import api
from ..errors import InvalidInputError, Problem
from ..i18n import Text, said
from ..loading.paths import input_problem
from ..models.checklist import Checklist
from ..models.result import Result

# .xls and .ods are inputs too: each is reported with what to do (save it as .xlsx), not passed over.
INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xls", ".ods")
PORTFOLIO_STEM = "portfolio"


def _is_listed(path: Path) -> bool:
    """An answer or result file found in a directory: not hidden, not an Excel lock file, and not one of
    this package's own programme outputs (so ``portfolio OUTDIR`` reads a batch's results and nothing else)."""
    name = path.name
    own_output = path.stem == PORTFOLIO_STEM or path.stem.endswith("-comparison")
    return (
        path.is_file()
        and path.suffix.lower() in INPUT_SUFFIXES
        and not name.startswith((".", "~$"))
        and not own_output
    )


NotAnswers = Literal["schema", "programme"]
SNIFFED_BYTES = 16384  # enough to hold a programme file's period and targets after its list of cities


class _Key:
    """A key of a JSON object (anywhere), or a top-level key of a YAML mapping (at the start of a line).

    The pattern's alternation keeps ``re`` from searching for a literal first: it tries every position of
    the head (0.12 ms a file for each key). A file without the key's name anywhere in it cannot hold the key, so a plain
    ``in`` decides first (an answer file holds no ``$schema`` and rarely ``period``); the pattern decides
    only when the name is there, perhaps in a value or a comment rather than as a key."""

    def __init__(self, name: bytes) -> None:
        self.name = name
        escaped = re.escape(name)
        self.pattern = re.compile(rb'"%s"\s*:|^%s\s*:' % (escaped, escaped), re.MULTILINE)

    def found_in(self, head: bytes) -> bool:
        return self.name in head and self.pattern.search(head) is not None


_SCHEMA_KEY = _Key(b"$schema")
_ANSWERS_KEY = _Key(b"answers")
_PROGRAMME_KEYS = (_Key(b"period"), _Key(b"targets"))


def not_answers(path: Path) -> NotAnswers | None:
    """What a YAML or JSON file recognisably is when it is no answer file (nor a result): a JSON Schema (a
    ``$schema`` key: the ``answers.schema.json`` that ``template`` writes beside a questionnaire, which answer
    files refuse as an unknown key) or a programme file (``period`` and ``targets``, no ``answers``). None
    otherwise, and for a file that cannot be read (reading it later says why)."""
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFFED_BYTES)
    except OSError:
        return None
    if _SCHEMA_KEY.found_in(head):
        return "schema"
    if all(key.found_in(head) for key in _PROGRAMME_KEYS) and not _ANSWERS_KEY.found_in(head):
        return "programme"
    return None


def not_answers_problem(path: Path) -> Problem | None:
    """The one problem of a file named as answers that is recognisably something else."""
    kind = not_answers(path)
    return None if kind is None else Problem.said(str(path), said(f"errors.run.not_answers.{kind}"))


def skipped_inputs(sources: str | Path | Iterable[str | Path]) -> list[tuple[Path, Text]]:
    """The files of the directories among ``sources`` that ``collect_inputs`` passes over as recognisably no
    answer file, each with what it is in words: what a command says on stderr."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    skipped = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for found in sorted(p for p in path.iterdir() if _is_listed(p)):
                kind = not_answers(found)
                if kind is not None:
                    skipped.append((found, said(f"cli.status.skipped.{kind}", path=str(found))))
    return skipped


def collect_inputs(sources: str | Path | Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The input files named or found (directories: their answer and result files, not recursively, passing
    over the files that are recognisably no answers: a JSON Schema, a programme file), in a stable order, and
    a problem for each source that does not exist or, named, is recognisably no answer file."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    files: list[Path] = []
    problems: list[Problem] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            listed = sorted(p for p in path.iterdir() if _is_listed(p))
            found = [p for p in listed if not_answers(p) is None]
            if not found:
                no_files = said("errors.run.no_answer_files", suffixes=", ".join(INPUT_SUFFIXES))
                problems.append(Problem.said(str(path), no_files))
            files.extend(found)
        elif path.is_file():
            refused = not_answers_problem(path)
            if refused is not None:
                problems.append(refused)
            else:
                files.append(path)
        else:  # missing, unreadable on the way, or no regular file: said as every command says it
            problem = input_problem(source, folders=True) or said("errors.path.not_a_file")
            problems.append(Problem.said(str(path), problem))
    return files, problems


def checklist_reference(checklist: str | Path | None) -> str | None:
    """What a worker is told of ``checklist``: an id as is, a file as an absolute path (checked first)."""
    if checklist is None:
        return None
    api.load_checklist(checklist)
    is_path = isinstance(checklist, Path) or Path(checklist).suffix in (".yaml", ".yml", ".json")
    return str(Path(checklist).resolve()) if is_path else str(checklist)


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
            raise InvalidInputError.single(
                str(path), said("errors.run.not_a_result", detail=str(exc))
            ) from None
    answers = api.load_answers(path, checklist)
    if checklist is None:
        checklist = api.load_checklist(answers.checklist_id)
    return api.score(checklist, answers, strategy)


def output_name(stem: str, fmt: str) -> str:
    """The name of an input's output in ``fmt``: ``<stem>.<format>``, or ``<stem><file_suffix>`` for an
    exporter that names its file ending (the ``plan`` exporter writes ``<stem>.plan.xlsx``)."""
    from ..plugin_manager import get_registry

    registered = get_registry().exporters.get(fmt)
    ending = getattr(registered.value, "file_suffix", None) if registered is not None else None
    return f"{stem}{ending}" if isinstance(ending, str) and ending.startswith(".") else f"{stem}.{fmt}"
