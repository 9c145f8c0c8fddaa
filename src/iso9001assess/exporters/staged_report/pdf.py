"""The staged progress report as a PDF in the diagnostic report's house style (``PdfDocument``: fonts, header,
"Page X of Y", tables, charts): the blocks of ``view.layout`` drawn one after the other."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer

from ...files import atomic_write
from ...models.progress import Narrative, ProgressFigures
from ..pdf.cells import RED, colored
from ..pdf.chapters.cover import headline_boxes
from ..pdf.document import ACCENT_LIGHT, PdfDocument
from .view import Figure, Grid, Heading, StagedLayout, Text, layout

CHAPTER_ROOM = 0.3  # a chapter starts on the next page unless this share of the page is left


class StagedPdf(PdfDocument):
    def __init__(self, staged: StagedLayout, *, date: dt.date, font: str | Path | None = None) -> None:
        self.staged = staged
        super().__init__(
            lang=staged.lang,
            font=font,
            date=date,
            subject=staged.header,
            title=staged.title_page.title,
            footer_note=staged.footer,
        )

    def story(self) -> list[Flowable]:
        self.numbering.restart()
        s, page = self.styles, self.staged.title_page
        flowables: list[Flowable] = [
            Spacer(1, 30 * mm),
            self.text(page.title, s.cover_title),
            self.text(page.programme, s.cover_subtitle),
            Spacer(1, 4 * mm),
        ]
        flowables += [self.text(line, s.h3) for line in page.lines]
        flowables += [
            Spacer(1, 10 * mm),
            headline_boxes(self, page.boxes),
            NextPageTemplate("body"),
            PageBreak(),
        ]
        # Headings and notes wait for what follows them and stay on its page: a table's first rows, a chart,
        # or (a narrative section) its first paragraphs.
        pending: list[Flowable] = []

        def flush() -> None:
            if pending:
                flowables.append(KeepTogether(list(pending)))
                pending.clear()

        for block in self.staged.blocks:
            if isinstance(block, Heading):
                flush()
                if block.level == 1:
                    flowables.append(CondPageBreak(self.frame_height * CHAPTER_ROOM))
                    pending.append(self.text(self.numbering.heading(block.text), s.h1))
                else:
                    pending.append(self.text(block.text, s.h2))
            elif isinstance(block, Text):
                pending.append(self.paragraph(block))
            elif isinstance(block, Grid):
                flowables += self.with_table(list(pending), self.grid(block))
                pending.clear()
            elif isinstance(block, Figure):
                drawing = block.draw(self.fonts.regular, self.frame_width)
                flowables.append(KeepTogether([*pending, drawing, self.caption(block.caption)]))
                pending.clear()
        flush()
        return flowables

    def paragraph(self, block: Text) -> Flowable:
        s = self.styles
        if block.tone == "draft":
            return colored(self, block.text, RED, s.small)
        return self.text(block.text, {"body": s.body, "small": s.small, "strong": s.h3}[block.tone])

    def grid(self, block: Grid) -> Any:
        extra: list[tuple[Any, ...]] = []
        if block.total:
            extra.append(("BACKGROUND", (0, -1), (-1, -1), ACCENT_LIGHT))
        return self.table(block.rows, block.fractions, align=block.align, extra_style=extra, padding=2)


def write_pdf(figures: ProgressFigures, narrative: Narrative, lang: str, path: Path) -> None:
    """The staged report as a PDF at ``path`` (whole or not at all), dated by its as-of date."""
    document = StagedPdf(layout(figures, narrative, lang), date=figures.as_of)
    with atomic_write(path) as out:
        document.build(out)
