"""The numbering of a document's headings and figures, in the words of its language.

A document holds one ``Numbering``; chapters ask it for "三、…" / "3. …" and "图 2" / "Figure 2" (the numerals
are the language's Locale's), so the numbers follow the chapters present (no gap when one has nothing to say).
"""

from __future__ import annotations

from ...i18n import locale, message


class Numbering:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.headings = 0
        self.figures = 0

    def restart(self) -> None:
        self.headings = self.figures = 0

    def heading(self, title: str) -> str:
        self.headings += 1
        number = locale(self.lang).heading_number(self.headings)
        return message("common.heading.numbered", self.lang, number=number, title=title)

    def figure(self, caption: str) -> str:
        self.figures += 1
        return message("common.figure.numbered", self.lang, number=self.figures, caption=caption)
