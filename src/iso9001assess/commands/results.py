"""How ``score`` prints results for scripts: compact unless ``--full``; one JSON document (an object for one
file, a list streamed one result at a time for several), or one result per line (``--jsonl``); indented only for
a person at a terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import api
from ..errors import InvalidInputError, Iso9001AssessError
from ..models.checklist import Checklist
from ..models.result import Result
from ..scoring.compact import compact_json


def score_file(path: Path, strategy: str, checklist: Checklist | None) -> tuple[Result, Checklist | None]:
    """The result of an answer file (or a result file read back), with the checklist it was scored against
    when that checklist is available (None: the compact form then keeps the checklist's texts)."""
    from ..programme.inputs import not_answers_problem, result_from_file

    refused = not_answers_problem(path)
    if refused is not None:  # the answers.schema.json beside a questionnaire, a programme file: one line
        raise InvalidInputError([refused])
    result = result_from_file(path, strategy=strategy, checklist=checklist)
    if checklist is None or checklist.sha256 != result.checklist.sha256:
        try:
            checklist = api.load_checklist(result.checklist.id)
        except Iso9001AssessError:
            checklist = None
    if checklist is not None and checklist.sha256 != result.checklist.sha256:
        checklist = None  # another version of the checklist is installed: keep the result's own texts
    return result, checklist


class ResultPrinter:
    """Prints each result as soon as it is scored, so that memory does not grow with the number of files."""

    def __init__(self, *, full: bool, lines: bool, single: bool) -> None:
        self.full, self.lines, self.single = full, lines, single
        self.indent = 2 if sys.stdout.isatty() and not lines else None
        self.printed = 0

    def _text(self, result: Result, checklist: Checklist | None) -> str:
        if self.full:
            return result.model_dump_json(indent=self.indent)
        text = compact_json(result, checklist)
        return text if self.indent is None else json.dumps(json.loads(text), ensure_ascii=False, indent=2)

    def add(self, result: Result, checklist: Checklist | None) -> None:
        text = self._text(result, checklist)
        if self.lines or self.single:
            self._write(text + "\n")
        else:
            self._write(("[" if not self.printed else ",") + ("\n" if self.indent else "") + text)
        self.printed += 1

    @staticmethod
    def _write(text: str) -> None:
        """One write per result, flushed (echo does): a script reading the stream gets each result as it is
        scored. ``color=True``: otherwise echo runs its ANSI-stripping regex over every result, for megabytes of
        output that cannot hold an escape character (JSON writes it as \\u001b)."""
        click.echo(text, nl=False, color=True)

    def close(self) -> None:
        # One file that was bad has no result: nothing on stdout (its schema is a result's, an object), as
        # every command that fails before it has its document. Several files: the list of those scored.
        if self.lines or self.single:
            return
        self._write("]\n" if self.printed else "[]\n")
