"""Answer files: parse (aliases refused), validate, then check every answer against its checklist."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from difflib import get_close_matches
from pathlib import Path

from ..errors import InvalidInputError, NotFoundError
from ..models.answers import Answers
from ..models.applicability import declared_kind, kind_problem
from ..models.checklist import Checklist, Item, Section
from .documents import Document, PathKey, read_document
from .validation import validate_model

AnswerIssue = tuple[tuple[PathKey, ...], str]
MAX_ANSWER_FILE_BYTES = 5 * 1024 * 1024


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
            (
                f"the answers are for version {wanted_version!r} of {checklist.id!r}; "
                f"the available version is {checklist.version!r}"
            ),
        )
    items = checklist.items_by_id
    lab_ids = checklist.lab_item_ids
    max_rating = checklist.max_rating
    has_lab = answers.enterprise.has_lab
    for item_id, entry in answers.answers.items():
        item = items.get(item_id)
        if item is None:
            close = get_close_matches(item_id, list(items), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield ("answers", item_id), f"unknown item {item_id!r} (not in checklist {checklist.id!r}){hint}"
            continue
        if entry is None:
            continue
        # A bare rating (most answers) or the full form: read without making the full form of a bare one.
        bare = isinstance(entry, int)
        rating: int | None
        if isinstance(entry, int):
            rating, na = entry, False
        else:
            rating, na = entry.rating, entry.na
        at: tuple[PathKey, ...] = ("answers", item_id) if bare else ("answers", item_id, "rating")
        if rating is not None and rating > max_rating:
            yield at, f"rating {rating} is not on the scale 0–{max_rating}"
        lab_not_applicable = not has_lab and item_id in lab_ids
        if na and not lab_not_applicable:  # without a lab, N/A says the same: no kind to check
            assert not isinstance(entry, int)
            if declared_kind(item, entry.na_kind) is None:
                where = "na" if entry.na_kind is None else "na_kind"
                yield ("answers", item_id, where), kind_problem(item, entry.na_kind)
        if lab_not_applicable and rating is not None:
            yield at, f"item {item_id!r} is a laboratory item, but the enterprise has has_lab: false"
    if answers.not_applicable:
        yield from _section_issues(answers, checklist)


def _section_issues(answers: Answers, checklist: Checklist) -> Iterator[AnswerIssue]:
    """Sections declared not applicable: each exists, every item under it allows it, none is rated."""
    sections = {section.id: section for section, _ in checklist.walk_sections()}
    lab_ids = checklist.lab_item_ids if not answers.enterprise.has_lab else frozenset()
    for section_id in answers.not_applicable:
        at: tuple[PathKey, ...] = ("not_applicable", section_id)
        section = sections.get(section_id)
        if section is None:
            close = get_close_matches(section_id, list(sections), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield at, f"unknown section {section_id!r} (not in checklist {checklist.id!r}){hint}"
            continue
        for item in subtree_items(section):
            if item.id in lab_ids:
                continue
            if declared_kind(item, None) is None:
                yield (
                    at,
                    f"section {section_id!r} cannot be declared not applicable: "
                    f"item {item.id!r} is neither excludable nor conditional",
                )
            answer = answers.answer(item.id)
            if answer is not None and answer.rating is not None:
                yield (
                    ("answers", item.id),
                    f"item {item.id!r} is rated, but its section {section_id!r} is declared not applicable",
                )


def subtree_items(section: Section) -> Iterator[Item]:
    """Every item of ``section``'s whole subtree, in document order."""
    yield from section.items
    for child in section.sections:
        yield from subtree_items(child)


# The last pairs found to fit (both immutable): scoring what load_answers has just checked checks nothing twice.
_fitting: deque[tuple[Answers, Checklist]] = deque(maxlen=16)


def validate_answers_against(answers: Answers, checklist: Checklist, source: str = "<answers>") -> None:
    """Raise InvalidInputError when ``answers`` does not fit ``checklist`` (no file positions)."""
    if any(known is answers and against is checklist for known, against in list(_fitting)):
        return
    document = Document(source, None)
    issues = list(answer_issues(answers, checklist))
    if issues:
        raise InvalidInputError(document.problem(path, message) for path, message in issues)
    _fitting.append((answers, checklist))


def read_answers(path: str | Path) -> tuple[Answers, Document]:
    """Parse and validate an answer file on its own (without its checklist)."""
    if Path(path).suffix.lower() == ".xlsx":
        from ..xlsx.reading import read_answers_workbook

        return read_answers_workbook(path)
    document = read_document(path, allow_aliases=False, max_bytes=MAX_ANSWER_FILE_BYTES)
    data = document.data
    if isinstance(data, dict) and data.get("schema_version", 1) != 1:
        raise InvalidInputError(
            [
                document.problem(
                    ["schema_version"],
                    f"unsupported schema_version {data['schema_version']!r}"
                    " (this library reads schema_version: 1)",
                )
            ]
        )
    return validate_model(Answers, document), document


def load_answers(
    path: str | Path,
    checklist: Checklist | None = None,
    resolve: Callable[[str], Checklist] | None = None,
) -> Answers:
    """An answer file, validated and checked against its checklist (given, or resolved by the id it names)."""
    answers, document = read_answers(path)
    if checklist is None:
        if resolve is None:
            from ..plugin_manager import get_registry

            resolve = get_registry().checklists.get
        try:
            checklist = resolve(answers.checklist_id)
        except NotFoundError as exc:
            raise InvalidInputError([document.problem(["checklist"], str(exc))]) from None
    issues = list(answer_issues(answers, checklist))
    if issues:
        raise InvalidInputError(document.problem(path, message) for path, message in issues)
    _fitting.append((answers, checklist))
    return answers
