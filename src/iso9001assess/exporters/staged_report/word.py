"""The staged progress report as an editable Word document (the city bureau edits and signs it): the blocks of
``view.layout`` on the Word base of the diagnostic report (``docx.document``). Importing this module imports
python-docx (the ``docx`` extra): callers check for it first (``docx.exporter.require_python_docx``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...files import atomic_write
from ...models.progress import Narrative, ProgressFigures
from ..docx.document import ACCENT, MUTED, RED, WordDocument
from .view import Figure, Grid, Heading, StagedLayout, Text, layout

CHART_WIDTH = 480.0  # points: the drawing is laid out this wide, then set at the text's width


class StagedWord(WordDocument):
    def __init__(self, staged: StagedLayout, date: dt.date) -> None:
        self.staged = staged
        super().__init__(
            lang=staged.lang,
            date=date,
            subject=staged.header,
            title=staged.title_page.title,
            footer_note=staged.footer,
        )

    def write(self) -> None:
        page = self.staged.title_page
        self.paragraph(page.title, style="Title")
        self.paragraph(page.programme, style="Subtitle")
        for line in page.lines:
            self.paragraph(line, size=12, color=ACCENT)
        self.paragraph()
        self.table(
            [[value for value, _ in page.boxes], [label for _, label in page.boxes]],
            [1.0] * len(page.boxes),
            header=False,
            align="c" * len(page.boxes),
            size=12,
        )
        self.page_break()
        for block in self.staged.blocks:
            if isinstance(block, Heading):
                text = self.numbering.heading(block.text) if block.level == 1 else block.text
                self.heading(text, block.level)
            elif isinstance(block, Text):
                if block.tone == "draft":
                    self.paragraph(block.text, size=9, color=RED, bold=True)
                elif block.tone == "small":
                    self.paragraph(block.text, size=8.5, color=MUTED)
                else:
                    self.paragraph(block.text, bold=block.tone == "strong")
            elif isinstance(block, Grid):
                table = self.table(block.rows, block.fractions, align=block.align, size=8.5)
                if block.total:
                    self.shade_row(table, len(block.rows) - 1)
            elif isinstance(block, Figure):
                self.picture(block.draw(self.fonts.regular, CHART_WIDTH), block.caption)


def write_docx(figures: ProgressFigures, narrative: Narrative, lang: str, path: Path) -> None:
    """The staged report as a .docx at ``path`` (whole or not at all), dated by its as-of date."""
    document = StagedWord(layout(figures, narrative, lang), figures.as_of)
    with atomic_write(path) as out:
        document.build(out)
