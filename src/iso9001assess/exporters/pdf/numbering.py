"""The numbering of a document's headings and figures, in the words of its language.

A document holds one ``Numbering``; chapters ask it for "三、…" / "3. …" and "图 2" / "Figure 2", so the
numbers follow the chapters actually present (no gap when a chapter has nothing to say).
"""

from __future__ import annotations

from ...i18n import message


class Numbering:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.headings = 0
        self.figures = 0

    def restart(self) -> None:
        self.headings = self.figures = 0

    def heading(self, title: str) -> str:
        self.headings += 1
        return message("heading.numbered", self.lang, number=self.number(self.headings), title=title)

    def figure(self, caption: str) -> str:
        self.figures += 1
        return message("figure.numbered", self.lang, number=self.figures, caption=caption)

    def number(self, value: int) -> str:
        """A heading number as the language writes it (一, 二, … in Chinese; 1, 2, … in English)."""
        words = message("heading.numbers", self.lang).split()
        return words[value - 1] if 0 < value <= len(words) else str(value)
