"""Answer files: parse (aliases refused), validate, then check every answer against its checklist."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, NotFoundError, Problem
from ..files import file_sha256
from ..i18n.text import Text, said
from ..models.answers import Answers, DeclaredNotApplicable
from ..models.applicability import declared_kind, kind_problem
from ..models.checklist import Checklist, Item, Section
from .documents import Document, PathKey, read_document
from .validation import MAX_PROBLEMS, more_problems, unsupported_version, validate_model, with_scale

AnswerIssue = tuple[tuple[PathKey, ...], Text]
MAX_ANSWER_FILE_BYTES = 5 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et")
MAX_SUGGESTIONS = 20  # "did you mean" guesses for unknown item ids, per file


def _located(document: Document, issues: Iterator[AnswerIssue]) -> list[Problem]:
    """The issues as problems, at most MAX_PROBLEMS of them (locating each one searches the file)."""
    problems: list[Problem] = []
    for path, message in issues:
        if len(problems) == MAX_PROBLEMS:
            problems.append(more_problems(document, 1 + sum(1 for _ in issues)))
            break
        problems.append(document.problem(path, message))
    return problems


def answer_issues(answers: Answers, checklist: Checklist) -> Iterator[AnswerIssue]:
    """What in ``answers`` does not fit ``checklist``: unknown ids, off-scale ratings, misplaced N/A.

    The checklist the answers name is how a checklist is found, not a lock: answers may be scored against
    another one chosen explicitly (an industry overlay of their base, say) when every answered item is in it.
    A version pinned with ``id@version`` is held to when the named checklist is the one given.
    """
    wanted_version = answers.checklist_version
    if answers.checklist_id == checklist.id and wanted_version not in (None, checklist.version):
        yield (
            ("checklist",),
            said(
                "errors.answers.other_version",
                wanted=wanted_version,
                checklist=checklist.id,
                available=checklist.version,
            ),
        )
    yield from _entry_issues(checklist, answers.enterprise.has_lab, _model_entries(answers))
    if answers.not_applicable:
        yield from _section_issues(answers, checklist)


# (item id, (rating, na, na_kind) or None when unanswered, written bare)
Entry = tuple[str, tuple[int | None, bool, DeclaredNotApplicable | None] | None, bool]


def _model_entries(answers: Answers) -> Iterator[Entry]:
    # A bare rating (most answers) or the full form: read without making the full form of a bare one.
    for item_id, entry in answers.answers.items():
        if entry is None:
            yield item_id, None, True
        elif isinstance(entry, int):
            yield item_id, (entry, False, None), True
        else:
            yield item_id, (entry.rating, entry.na, entry.na_kind), False


def _entry_issues(checklist: Checklist, has_lab: bool, entries: Iterable[Entry]) -> Iterator[AnswerIssue]:
    """Issues of (item id, (rating, na, na_kind) or None when unanswered, written bare) entries against
    ``checklist``."""
    items = checklist.items_by_id
    lab_ids = checklist.lab_item_ids
    max_rating = checklist.max_rating
    suggestions_left = MAX_SUGGESTIONS
    for item_id, entry, bare in entries:
        item = items.get(item_id)
        if item is None:
            hint: str | Text = ""
            if suggestions_left:  # a guess costs a comparison with every item id: only for the first few
                suggestions_left -= 1
                hint = did_you_mean(item_id, items)
            yield (
                ("answers", item_id),
                said("errors.answers.unknown_item", item=item_id, checklist=checklist.id, hint=hint),
            )
            continue
        if entry is None:
            continue
        rating, na, na_kind = entry
        at: tuple[PathKey, ...] = ("answers", item_id) if bare else ("answers", item_id, "rating")
        if rating is not None and rating > max_rating:
            yield at, said("errors.answers.off_scale", rating=rating, max=max_rating)
        lab_not_applicable = not has_lab and item_id in lab_ids
        if na and not lab_not_applicable and declared_kind(item, na_kind) is None:
            # Without a lab, N/A on a lab item says the same as has_lab: false: no kind to check.
            yield ("answers", item_id, "na" if na_kind is None else "na_kind"), kind_problem(item, na_kind)
        if lab_not_applicable and rating is not None:
            yield at, said("errors.answers.lab_item_without_lab", item=item_id)


def _section_issues(answers: Answers, checklist: Checklist) -> Iterator[AnswerIssue]:
    """Sections declared not applicable: each exists, every item under it allows it, none is rated."""
    sections = {section.id: section for section, _ in checklist.walk_sections()}
    lab_ids = checklist.lab_item_ids if not answers.enterprise.has_lab else frozenset()
    for section_id in answers.not_applicable:
        at: tuple[PathKey, ...] = ("not_applicable", section_id)
        section = sections.get(section_id)
        if section is None:
            hint = did_you_mean(section_id, sections)
            yield (
                at,
                said("errors.answers.unknown_section", section=section_id, checklist=checklist.id, hint=hint),
            )
            continue
        for item in subtree_items(section):
            if item.id in lab_ids:
                continue
            if declared_kind(item, None) is None:
                yield at, said("errors.answers.section_not_applicable", section=section_id, item=item.id)
            answer = answers.answer(item.id)
            if answer is not None and answer.rating is not None:
                yield (
                    ("answers", item.id),
                    said("errors.answers.rated_in_section_not_applicable", item=item.id, section=section_id),
                )


def did_you_mean(wrong: str, known: Iterable[str]) -> str | Text:
    """ "; did you mean '4.1-02'?" when an id close to ``wrong`` is known, else nothing."""
    from difflib import get_close_matches

    close = get_close_matches(wrong, list(known), n=1)
    return said("errors.hint.did_you_mean", close=close[0]) if close else ""


def subtree_items(section: Section) -> Iterator[Item]:
    """Every item of ``section``'s whole subtree, in document order."""
    yield from section.items
    for child in section.sections:
        yield from subtree_items(child)


def _raw_entries(data: dict[Any, Any]) -> Iterator[Entry]:
    """The entries of answers that failed validation, as far as they can be read: every problem of a file is
    reported in one run, those that need the checklist included."""
    raw = data.get("answers")
    if not isinstance(raw, dict):
        return
    for item_id, entry in raw.items():
        if not isinstance(item_id, str):
            continue
        if _whole(entry) is not None:
            yield item_id, (_whole(entry), False, None), True
        elif isinstance(entry, dict):
            kind = entry.get("na_kind")
            na_kind: DeclaredNotApplicable | None = kind if kind in ("excluded", "not-triggered") else None
            yield item_id, (_whole(entry.get("rating")), entry.get("na") is True, na_kind), False
        elif entry is None:
            yield item_id, None, True


def _whole(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if float(value).is_integer() else None


def _checklist_of(
    document: Document, resolve: Callable[[str], Checklist] | None, checklist: Checklist | None
) -> Checklist | None:
    """The checklist of answers that failed validation: the one given, else the one they name, if found."""
    if checklist is not None:
        return checklist
    data = document.data
    named = data.get("checklist") if isinstance(data, dict) else None
    if resolve is None or not isinstance(named, str):
        return None
    try:
        found = resolve(named.partition("@")[0])
    except Exception:  # the model problems already say what is wrong with the name
        return None
    return found if isinstance(found, Checklist) else None


def _raw_issues(document: Document, checklist: Checklist) -> list[AnswerIssue]:
    data = document.data
    if not isinstance(data, dict):
        return []
    enterprise = data.get("enterprise")
    has_lab = enterprise.get("has_lab") if isinstance(enterprise, dict) else True
    return list(_entry_issues(checklist, has_lab if isinstance(has_lab, bool) else True, _raw_entries(data)))


def _on_scale(problem: Problem, max_rating: int) -> Problem:
    """A problem of a value that is no rating, said with the checklist's scale now that it is known."""
    if problem.text is None:
        return problem
    text = with_scale(problem.text, max_rating)
    return problem if text is problem.text else replace(problem, message=text(), text=text)


# The last pairs found to fit (both immutable): scoring what load_answers has just checked checks nothing twice.
_fitting: deque[tuple[Answers, Checklist]] = deque(maxlen=16)


def validate_answers_against(answers: Answers, checklist: Checklist, source: str = "<answers>") -> None:
    """Raise InvalidInputError when ``answers`` does not fit ``checklist`` (no file positions)."""
    if any(known is answers and against is checklist for known, against in list(_fitting)):
        return
    document = Document(source, None)
    problems = _located(document, answer_issues(answers, checklist))
    if problems:
        raise InvalidInputError(problems)
    _fitting.append((answers, checklist))


def read_answers(path: str | Path, digest: bool = False) -> tuple[Answers, Document]:
    """Parse and validate an answer file on its own (without its checklist); with ``digest``, a YAML or JSON
    document carries the SHA-256 of the bytes parsed (see :func:`read_document`)."""
    # .xls and .ods are recognised there too, and told to be saved as .xlsx
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES or _is_a_package(Path(path)):
        from .xlsx.reading import read_answers_workbook

        return read_answers_workbook(path)
    document = read_document(path, allow_aliases=False, max_bytes=MAX_ANSWER_FILE_BYTES, digest=digest)
    data = document.data
    version = data.get("schema_version", 1) if isinstance(data, dict) else 1
    if version != 1 or isinstance(version, bool):
        raise InvalidInputError([document.problem(["schema_version"], unsupported_version(version))])
    return validate_model(Answers, document), document


def _is_a_package(path: Path) -> bool:
    """A spreadsheet (ZIP package or OLE file) whatever its name: read as one, so its message says what it is."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        return False  # the YAML reader reports it
    return head.startswith(b"PK\x03\x04") or head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_answers(
    path: str | Path,
    checklist: Checklist | None = None,
    resolve: Callable[[str], Checklist] | None = None,
) -> Answers:
    """An answer file, validated and checked against its checklist: the one given, or the one ``resolve``
    finds by the id the file names (the API passes the plugin registry's lookup: loading sits below it)."""
    return _load(path, checklist, resolve, digest=False)[0]


def load_answers_and_sha256(
    path: str | Path,
    checklist: Checklist | None = None,
    resolve: Callable[[str], Checklist] | None = None,
) -> tuple[Answers, str]:
    """:func:`load_answers`, and the SHA-256 of the file: of the very bytes parsed for YAML and JSON (the file
    is read once); a workbook, which openpyxl reads in parts, is hashed once it has been read."""
    answers, document = _load(path, checklist, resolve, digest=True)
    return answers, document.sha256 or file_sha256(path)


def _load(
    path: str | Path, checklist: Checklist | None, resolve: Callable[[str], Checklist] | None, digest: bool
) -> tuple[Answers, Document]:
    if checklist is None and resolve is None:
        raise TypeError("load_answers needs the checklist or a resolve function that finds it by id")
    try:
        answers, document = read_answers(path, digest)
    except InvalidInputError as exc:
        if exc.document is None:
            raise
        found = _checklist_of(exc.document, resolve, checklist)  # type: ignore[arg-type]
        if found is None:
            raise
        located = {(p.line, p.column, p.location) for p in exc.problems}
        more = [
            problem
            for problem in _located(exc.document, iter(_raw_issues(exc.document, found)))  # type: ignore[arg-type]
            if (problem.line, problem.column, problem.location) not in located
        ]
        problems = [_on_scale(problem, found.max_rating) for problem in exc.problems]
        raise InvalidInputError([*problems, *more], exc.document) from None
    if checklist is None:
        assert resolve is not None
        try:
            checklist = resolve(answers.checklist_id)
        except NotFoundError as exc:
            raise InvalidInputError([document.problem(["checklist"], exc.text or str(exc))]) from None
    problems = _located(document, answer_issues(answers, checklist))
    if problems:
        raise InvalidInputError(problems)
    _fitting.append((answers, checklist))
    return answers, document
