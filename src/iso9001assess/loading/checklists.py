"""Checklist and overlay files: parse, validate against the models, then check meaning."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from ..checks import checklist_issues
from ..compose import CompositionError, compose
from ..errors import InvalidInputError, NotFoundError, Problem
from ..i18n.text import said
from ..models.checklist import Checklist, Overlay
from . import cache
from .documents import MAX_FILE_BYTES, Document, read_document
from .validation import unsupported_version, validate_model


def _version_problem(document: Document) -> Problem | None:
    data = document.data
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(data, dict) and (version != 1 or isinstance(version, bool)):
        message = said("errors.version.missing") if version is None else unsupported_version(version)
        return document.problem(["schema_version"], message)
    return None


def _definition_from(document: Document) -> Checklist | Overlay:
    data = document.data
    version_problem = _version_problem(document)
    if version_problem is not None:
        raise InvalidInputError([version_problem])
    model: type[Checklist | Overlay] = Overlay if isinstance(data, dict) and "extends" in data else Checklist
    definition = validate_model(model, document)
    if isinstance(definition, Checklist):
        issues = checklist_issues(definition)
        if issues:
            raise InvalidInputError(document.problem(path, message) for path, message in issues)
    return definition


def read_checklist_file(path: str | Path) -> Checklist | Overlay:
    """A checklist or overlay file as a model; an overlay is not composed here (its base may be elsewhere).
    A file read before with the same bytes comes from the cache (see :mod:`.cache`)."""
    try:
        raw = Path(path).read_bytes() if Path(path).stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        raw = None  # read_document says why
    known = cache.load(raw) if raw is not None else None
    if known is not None:
        return known
    definition = _definition_from(read_document(path))
    with contextlib.suppress(OSError):
        if raw is not None and Path(path).read_bytes() == raw:  # not changed while it was read
            cache.store(raw, definition)
    return definition


def validate_checklist_file(path: str | Path, resolve: Callable[[str], Checklist]) -> list[Problem]:
    """Every problem of a checklist file: JSON Schema, model, meaning, and (overlays) composition on its base."""
    from ..schemas import schema_problems

    try:
        document = read_document(path)
    except InvalidInputError as exc:
        return list(exc.problems)
    # A file of another schema_version is named as such, not as a list of schema violations.
    version_problem = _version_problem(document)
    if version_problem is not None:
        return [version_problem]
    problems = schema_problems("checklist", document)
    if problems:
        return problems
    try:
        definition = _definition_from(document)
    except InvalidInputError as exc:
        return list(exc.problems)
    if isinstance(definition, Overlay):
        try:
            compose(definition, resolve(definition.extends))
        except NotFoundError as exc:
            return [document.problem(["extends"], exc.text or str(exc))]
        except CompositionError as exc:
            return [document.problem(list(at), message) for at, message in exc.issues]
    return []
