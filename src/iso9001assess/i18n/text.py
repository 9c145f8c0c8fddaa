"""Words said later: a catalogue key and its values, put into a language only when someone reads them.

An error is raised deep in the library, where nobody knows the reader's language; the command line shows it
in the language of the command (``--lang``). So errors and problems carry a ``Text`` and render it on demand;
their plain ``str()`` stays English, the language of logs and of Python tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .language import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Text:
    """The catalogue entry ``key`` filled with ``values``; a value that is itself a ``Text`` is said in the
    same language. Values are plain data, so a ``Text`` crosses process boundaries (batch workers) whole."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def __call__(self, lang: str = DEFAULT_LANGUAGE) -> str:
        from . import message  # the package imports this module: resolve at call time

        values = {name: value(lang) if isinstance(value, Text) else value for name, value in self.values}
        return message(self.key, lang, **values)

    def __str__(self) -> str:
        return self(DEFAULT_LANGUAGE)


def said(key: str, /, **values: object) -> Text:
    """``said("errors.file.unreadable", reason=...)``: the words of ``key``, to be said in a language later."""
    return Text(key, tuple(values.items()))


def in_language(text: str | Text, lang: str) -> str:
    """``text`` said in ``lang``; a plain string (from a plugin, or from a library we call) is shown as it is."""
    return text(lang) if isinstance(text, Text) else text
