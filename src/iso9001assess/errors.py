"""One error tree. Errors meant for users carry every problem found, each located in its file."""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .i18n.text import Text, said


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``line`` and ``column`` are 1-based; ``location`` replaces them for inputs that are not text
    (for a workbook it is ``Sheet!B7``). ``message`` is English; ``text``, when the problem was said through
    the catalogues (``Problem.said``), gives it in any language: ``problem.localized("zh")``.
    """

    source: str
    message: str
    line: int | None = None
    column: int | None = None
    location: str | None = None
    text: Text | None = field(default=None, compare=False, repr=False)

    @classmethod
    def said(
        cls,
        source: str,
        text: str | Text,
        line: int | None = None,
        column: int | None = None,
        location: str | None = None,
    ) -> Problem:
        """A problem whose words come from the catalogues (a plain string is kept as it is)."""
        if isinstance(text, Text):
            return cls(source, text(), line, column, location, text)
        return cls(source, text, line, column, location)

    def localized(self, lang: str) -> str:
        """The problem as one line, its words in ``lang``."""
        # One problem is one line: a newline or control character quoted from the input is shown escaped.
        message = _CONTROL.sub(_escaped, self.text(lang) if self.text is not None else self.message)
        if self.location is not None:
            return f"{self.source}:{self.location}: {message}"
        if self.line is not None:
            return f"{self.source}:{self.line}:{self.column or 1}: {message}"
        return f"{self.source}: {message}"

    def __str__(self) -> str:
        return self.localized("en")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def in_reading_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """A file's problems from its top down, by line and column, each file where its first problem was.

    They are found in passes (the parser, the model, then the checklist), not in the order a reader fixes them.
    Problems with no line (the file as a whole, a workbook's ``Sheet!B7``) come first in the order found; the
    "… and N more" note stays last.
    """
    listed = list(problems)
    files: dict[str, int] = {}
    for problem in listed:
        files.setdefault(problem.source, len(files))

    def place(problem: Problem) -> tuple[int, bool, int, int]:
        last = problem.text is not None and problem.text.key == "errors.problems.more"
        return files[problem.source], last, problem.line or 0, problem.column or 0

    return tuple(sorted(listed, key=place))  # stable: equal places keep the order found


class Iso9001AssessError(Exception):
    """Base of every error this library raises on purpose.

    Raised with a ``Text`` (``said("errors.…", ...)``), its ``str()`` is English and ``localized(lang)`` says it
    in the reader's language, as the command line does; raised with a plain string, both are that string.
    """

    def __init__(self, *args: object) -> None:
        # The Text stays the argument: str() says it in English, and it is pickled whole (batch workers).
        self.text: Text | None = args[0] if len(args) == 1 and isinstance(args[0], Text) else None
        super().__init__(*args)

    def localized(self, lang: str) -> str:
        return self.text(lang) if self.text is not None else str(self)


class InvalidInputError(Iso9001AssessError):
    """An input file or object is invalid; ``problems`` lists every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem], document: object = None) -> None:
        self.problems: tuple[Problem, ...] = in_reading_order(problems)
        # The parsed input the problems were found in, when it parsed: the loader reads it further to report
        # the problems that need a checklist in the same run.
        self.document = document
        super().__init__("\n".join(str(p) for p in self.problems) or said("errors.invalid_input"))

    def localized(self, lang: str) -> str:
        return "\n".join(problem.localized(lang) for problem in self.problems) or super().localized(lang)

    @classmethod
    def single(
        cls, source: str, message: str | Text, line: int | None = None, column: int | None = None
    ) -> InvalidInputError:
        return cls([Problem.said(source, message, line, column)])


# The kinds of OS errors a user meets (a missing file, no permission, a full or read-only disk), said in
# words; the rarer rest keeps the system's own words.
_OS_WORDS = frozenset(
    {"ENOENT", "EACCES", "EPERM", "ENOSPC", "EROFS", "EISDIR", "ENOTDIR", "EDQUOT", "EEXIST"}
)


def os_reason(exc: OSError) -> str | Text:
    """Why an OS call failed, in words the catalogues say (``errors.os.ENOSPC``...), else the system's."""
    code = errno.errorcode.get(exc.errno) if exc.errno is not None else None
    if code in _OS_WORDS:
        return said(f"errors.os.{code}")
    return exc.strerror or str(exc)


class NotFoundError(Iso9001AssessError):
    """A checklist, strategy or exporter asked for by name is not registered.

    ``kind`` is a code (``checklist``, ``strategy``, ``exporter``...) said through ``errors.not_found.kind.*``;
    a kind the catalogue does not know (a plugin's) is shown as it is."""

    def __init__(self, kind: str, name: str, known: Sequence[str]) -> None:
        self.kind, self.name, self.known = kind, name, tuple(known)
        from difflib import get_close_matches

        from .i18n import has_message

        close = get_close_matches(name, self.known, n=1)
        kind_key = f"errors.not_found.kind.{kind}"
        super().__init__(
            said(
                "errors.not_found",
                kind=said(kind_key) if has_message(kind_key) else kind,
                name=repr(name),
                hint=said("errors.not_found.hint", name=repr(close[0])) if close else "",
                listing=", ".join(sorted(self.known)) or said("errors.not_found.none"),
            )
        )


class EnvironmentFailure(Iso9001AssessError):
    """The environment failed, not the input: the output cannot be written (disk full, read-only, no
    permission), or a cluster lost its workers. The work stops at the first such failure; every file already
    written is whole, and a re-run renders only what is missing or changed."""


class PluginError(EnvironmentFailure):
    """A plugin's exporter, strategy or report chapter failed while it ran: the input is fine, the plugin is
    not. The message names the plugin (and its distribution) and what of it failed; nothing half-written is
    left. ``plugin`` is the plugin's label, ``part`` what failed (``exporter 'html'``, said through the
    catalogues), ``reason`` the plugin's own words (its exception), quoted as they are."""

    def __init__(self, plugin: str, part: str | Text, reason: str | Text) -> None:
        self.plugin, self.part, self.reason = plugin, part, reason
        super().__init__(said("errors.plugin.failed", plugin=plugin, part=part, reason=reason))

    def __reduce__(self) -> tuple[type[PluginError], tuple[str, str | Text, str | Text]]:
        return (PluginError, (self.plugin, self.part, self.reason))  # crosses process boundaries whole


class MissingDependencyError(Iso9001AssessError):
    """An optional dependency needed by a feature is not installed; ``feature`` is a code said through
    ``errors.dependency.feature.*`` (shown as it is when the catalogue does not know it)."""

    def __init__(self, package: str, feature: str, extra: str) -> None:
        from .i18n import has_message

        key = f"errors.dependency.feature.{feature}"
        words = said(key) if has_message(key) else feature
        super().__init__(said("errors.dependency.missing", feature=words, package=repr(package), extra=extra))
