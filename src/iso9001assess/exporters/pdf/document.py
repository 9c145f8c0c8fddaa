"""The base of every PDF this package writes: fonts, styles, page templates, header, footer, "Page X of Y".

A document is built in steps, each a method a subclass may override:

``setup_fonts`` → ``make_styles`` → ``page_templates`` (``draw_cover_page`` / ``draw_body_page``, which call
``draw_header`` and ``draw_footer``) → ``story`` → ``build``. ``draw_page_number`` runs once the page count
is known (``NumberedCanvas``). Output is deterministic: reportlab's invariant mode, and the PDF's creation
date is the date given (the assessment date), never the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from ...i18n import locale, message
from .fonts import CJK, LATIN_FONT, FontSet, register_fonts, text_runs, text_width
from .markup import escape
from .numbering import Numbering

# The palette: one accent colour, greys for rules and table stripes.
ACCENT = colors.HexColor("#1F4E79")
ACCENT_LIGHT = colors.HexColor("#DCE6F0")
RULE = colors.HexColor("#9AA5B1")
STRIPE = colors.HexColor("#F3F5F7")
MUTED = colors.HexColor("#5B6770")
WARNING = colors.HexColor("#C0392B")

PageDrawer = Callable[[Canvas, int, int], None]
FIXED_DATE = dt.date(2000, 1, 1)
SPLIT_IN_ROW_AT_LEAST = 36
SHORT_TEXT = 40  # markup up to this length is parsed once per document and style
# Styles drawn in Helvetica-Bold when their text is set in Helvetica (the CJK fonts have no bold face).
BOLD_STYLES = frozenset({"h1", "h2", "h3", "cell_head", "cell_head_right", "cell_head_center"})
LATIN_BOLD_FONT = "Helvetica-Bold"

# Chinese line breaking: reportlab's CJK wrap keeps its "cannot start a line" characters on the line before
# (hanging in the margin), but its list lacks the full-width punctuation of Chinese text. Without these a
# cell may start a line with "？" or "，".
CHINESE_CANNOT_START = (
    "\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\u201d\u2019\u300b\u3009\u2026\uff5e\uff09\u3001\u3002"
)


def _extend_line_breaking_rules() -> None:
    # Both splitters hold their own reference: textsplit's (one-font paragraphs) and paragraph's (mixed).
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):
        missing = "".join(c for c in CHINESE_CANNOT_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


_extend_line_breaking_rules()


# reportlab hangs one closing mark in the margin, so with two in a row at a break ("变化”，") the second would
# start the next line. When a line would start with one, the line before is made a character narrower and the
# text broken again: the character before the marks moves down with them.
_RETRIES = 6


def _starts_badly(text: str) -> bool:
    from reportlab.lib.textsplit import ALL_CANNOT_START

    return bool(text) and text[0] in ALL_CANNOT_START


def _widths_for(max_widths: Any, lines: int) -> list[float]:
    widths = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    return widths + [widths[-1]] * max(0, lines + 1 - len(widths))


def _keep_closing_runs_together() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph

    if getattr(paragraph.cjkFragSplit, "keeps_closing_runs", False):
        return
    frag_split, word_split = paragraph.cjkFragSplit, paragraph.wordSplit

    def cjk_frag_split(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
        result = frag_split(frags, max_widths, calc_bounds, encoding)
        for _ in range(_RETRIES):
            texts = ["".join(w.text for w in line.words) for line in result.lines]
            bad = next((k for k in range(1, len(texts)) if _starts_badly(texts[k]) and texts[k - 1]), None)
            if bad is None:
                return result
            last = result.lines[bad - 1].words[-1]
            widths = _widths_for(max_widths, bad)
            widths[bad - 1] -= stringWidth(texts[bad - 1][-1], last.fontName, last.fontSize) + 0.01
            max_widths, result = widths, frag_split(frags, widths, calc_bounds, encoding)
        return result

    def one_font_split(word: Any, max_widths: Any, font: str, size: float, encoding: str = "utf8") -> Any:
        lines = word_split(word, max_widths, font, size, encoding)
        for _ in range(_RETRIES):
            bad = next(
                (k for k in range(1, len(lines)) if _starts_badly(lines[k][1]) and lines[k - 1][1]), None
            )
            if bad is None:
                return lines
            widths = _widths_for(max_widths, bad)
            widths[bad - 1] -= stringWidth(lines[bad - 1][1][-1], font, size) + 0.01
            max_widths, lines = widths, word_split(word, widths, font, size, encoding)
        return lines

    cjk_frag_split.keeps_closing_runs = True  # type: ignore[attr-defined]
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph.wordSplit = one_font_split


_keep_closing_runs_together()


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type information
    """A canvas that holds its pages until the end, so each can say "Page X of Y"."""

    def __init__(
        self, *args: Any, page_number_drawer: PageDrawer, pdf_date: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []
        self._page_number_drawer = page_number_drawer
        # The creation date is the date given (the assessment's), else a fixed one: never the clock, and
        # not SOURCE_DATE_EPOCH either, so the same input gives the same bytes anywhere.
        stamp = f"D:{pdf_date or FIXED_DATE:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)
        # The file id is a digest seeded with reportlab's timestamp (SOURCE_DATE_EPOCH when set): seed it
        # with the same date instead; the content is added to it as the file is written.
        self._doc.signature = hashlib.md5(f"a reportlab document {stamp}".encode(), usedforsecurity=False)

    def showPage(self) -> None:  # reportlab's name
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for number, state in enumerate(self._page_states, start=1):
            self.__dict__.update(state)
            self._page_number_drawer(self, number, total)
            super().showPage()
        super().save()


@dataclass(frozen=True)
class Styles:
    """The paragraph styles every document uses; all wrap CJK text (and back up to spaces in Latin text)."""

    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_head_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    compact: ParagraphStyle  # long tables (findings): smaller and tighter than a cell


def default_styles(fonts: FontSet, base_size: float = 9.5, compact_size: float | None = None) -> Styles:
    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        settings: dict[str, Any] = {
            "fontName": fonts.regular,
            "fontSize": size,
            "leading": round(size * 1.45, 1),
            "wordWrap": "CJK",
            "textColor": colors.black,
        }
        settings.update(extra)
        return ParagraphStyle(name, **settings)

    cell_size = base_size - 1
    return Styles(
        cover_title=style("cover_title", 24, leading=32, textColor=ACCENT, spaceAfter=6 * mm),
        cover_subtitle=style("cover_subtitle", 15, leading=21, textColor=MUTED, spaceAfter=4 * mm),
        h1=style(
            "h1", 15, leading=20, textColor=ACCENT, fontName=fonts.bold, spaceBefore=2 * mm, spaceAfter=3 * mm
        ),
        h2=style(
            "h2", 12, leading=16, textColor=ACCENT, fontName=fonts.bold, spaceBefore=4 * mm, spaceAfter=2 * mm
        ),
        h3=style("h3", 10.5, leading=14, fontName=fonts.bold, spaceBefore=3 * mm, spaceAfter=1.5 * mm),
        body=style("body", base_size, spaceAfter=2 * mm),
        small=style("small", base_size - 1.5, textColor=MUTED),
        caption=style("caption", base_size - 1.5, textColor=MUTED, alignment=TA_CENTER, spaceAfter=3 * mm),
        cell=style("cell", cell_size),
        cell_head=style("cell_head", cell_size, textColor=colors.white, fontName=fonts.bold),
        cell_head_right=style(
            "cell_head_right", cell_size, textColor=colors.white, fontName=fonts.bold, alignment=TA_RIGHT
        ),
        cell_head_center=style(
            "cell_head_center", cell_size, textColor=colors.white, fontName=fonts.bold, alignment=TA_CENTER
        ),
        cell_right=style("cell_right", cell_size, alignment=TA_RIGHT),
        cell_center=style("cell_center", cell_size, alignment=TA_CENTER),
        compact=style(
            "compact",
            compact_size or cell_size - 0.75,
            leading=round((compact_size or cell_size - 0.75) * 1.3, 1),
        ),
    )


# A table cell: a flowable or a list of them, literal text (escaped and wrapped), or None (empty).
Cell = Any


class PdfDocument:
    """A branded A4 document: subclass it, implement ``story``, and call ``build(stream)``.

    ``subject`` (an enterprise or agency name) and ``title`` appear in the header of every body page,
    ``footer_note`` at the left of every footer; every page says "Page X of Y" in ``lang``.
    """

    pagesize: tuple[float, float] = A4
    margin_left = 18 * mm
    margin_right = 18 * mm
    margin_top = 22 * mm
    margin_bottom = 20 * mm

    def __init__(
        self,
        *,
        lang: str = "zh",
        font: str | Path | None = None,
        date: dt.date | None = None,
        subject: str = "",
        title: str = "",
        footer_note: str = "",
        author: str = "",
        banner: str = "",
    ) -> None:
        self.lang = lang
        # A warning on every page (e.g. "provisional"): on the cover band and in every header.
        self.banner = banner
        self.numbering = Numbering(lang)
        self.date = date
        self.subject = subject
        self.title = title
        self.footer_note = footer_note
        self.author = author
        self.fonts = self.setup_fonts(font)
        self.styles = self.make_styles(self.fonts)
        self.page_count = 0  # known once built
        self._variants: dict[tuple[str, str | None, bool], ParagraphStyle] = {}
        self._parsed: dict[tuple[str, str], list[Any]] = {}

    # -- steps ------------------------------------------------------------------------------------------------
    def setup_fonts(self, font: str | Path | None) -> FontSet:
        return register_fonts(font, cid_font=locale(self.lang).cid_font)

    def make_styles(self, fonts: FontSet) -> Styles:
        return default_styles(fonts)

    def restyle(self) -> None:
        """Make the styles again (after a change ``make_styles`` depends on), dropping what was cached."""
        self.styles = self.make_styles(self.fonts)
        self._variants.clear()
        self._parsed.clear()
        self.__dict__.pop("_colored_styles", None)

    def story(self) -> list[Flowable]:
        """The flowables of the document. The first page uses the "cover" template; add
        ``NextPageTemplate("body")`` before the first ``PageBreak`` to switch to headed pages."""
        raise NotImplementedError

    def page_templates(self) -> list[PageTemplate]:
        frame = Frame(
            self.margin_left,
            self.margin_bottom,
            self.frame_width,
            self.pagesize[1] - self.margin_top - self.margin_bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return [
            PageTemplate(id="cover", frames=[frame], onPage=self.draw_cover_page, pagesize=self.pagesize),
            PageTemplate(id="body", frames=[frame], onPage=self.draw_body_page, pagesize=self.pagesize),
        ]

    def draw_cover_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 14 * mm, width, 14 * mm, stroke=0, fill=1)
        canvas.setFillColor(ACCENT_LIGHT)
        canvas.rect(0, height - 16 * mm, width, 2 * mm, stroke=0, fill=1)
        if self.banner:
            canvas.setFillColor(WARNING)
            canvas.rect(0, height - 24 * mm, width, 8 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
            self.draw_text(canvas, width / 2, height - 21.2 * mm, self.banner, 11, "middle")
        canvas.restoreState()
        self.draw_footer(canvas, doc)

    def draw_body_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.draw_header(canvas, doc)
        self.draw_footer(canvas, doc)

    def draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        top = height - self.margin_top + 7 * mm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        room = (self.frame_width - 6 * mm) / 2
        if self.banner:
            # The banner takes the header's middle; subject and title share what is left.
            banner_width = text_width(self.banner, self.fonts.regular, 8.5) + 4 * mm
            room = (self.frame_width - banner_width) / 2 - 3 * mm
            canvas.setFillColor(WARNING)
            self.draw_text(canvas, width / 2, top, self.banner, 8.5, "middle")
            canvas.setFillColor(MUTED)
        self.draw_text(canvas, self.margin_left, top, self.fit(self.subject, room, 8.5), 8.5)
        self.draw_text(canvas, width - self.margin_right, top, self.fit(self.title, room, 8.5), 8.5, "end")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin_left, top - 2.5 * mm, width - self.margin_right, top - 2.5 * mm)
        canvas.restoreState()

    def draw_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, _ = self.pagesize
        bottom = self.margin_bottom - 10 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin_left, bottom + 4 * mm, width - self.margin_right, bottom + 4 * mm)
        canvas.setFillColor(MUTED)
        note = self.fit(self.footer_note, self.frame_width * 0.7, 7.5)
        self.draw_text(canvas, self.margin_left, bottom, note, 7.5)
        canvas.restoreState()

    def draw_page_number(self, canvas: Canvas, page: int, total: int) -> None:
        """Runs when the page count is known; the label is on the right of the footer."""
        width, _ = self.pagesize
        canvas.saveState()
        canvas.setFillColor(MUTED)
        label = message("common.page_x_of_y", self.lang, page=page, pages=total)
        self.draw_text(canvas, width - self.margin_right, self.margin_bottom - 10 * mm, label, 8, "end")
        canvas.restoreState()

    def build(self, out: IO[bytes]) -> None:
        doc = BaseDocTemplate(
            out,
            pagesize=self.pagesize,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            title=self.title,
            author=self.author,
            subject=self.subject,
            creator="iso9001assess",
            producer="iso9001assess (reportlab)",
            invariant=True,
            lang=locale(self.lang).tag,
        )
        doc.addPageTemplates(self.page_templates())
        canvasmaker = functools.partial(
            NumberedCanvas, page_number_drawer=self.draw_page_number, pdf_date=self.date
        )
        doc.build(self.story(), canvasmaker=canvasmaker)
        self.page_count = int(doc.page)

    # -- helpers for subclasses -------------------------------------------------------------------------------
    @property
    def frame_width(self) -> float:
        return float(self.pagesize[0] - self.margin_left - self.margin_right)

    @property
    def frame_height(self) -> float:
        return float(self.pagesize[1] - self.margin_top - self.margin_bottom)

    def text(self, value: object, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of literal (user or checklist) text: escaped here, shown as written."""
        return self.rich(escape(value), style)

    def rich(self, trusted_markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of markup built by this package (``markup.markup`` escapes the values put in it)."""
        chosen = style or self.styles.body
        prepared, font = self.fonts.paragraph(trusted_markup)
        # Latin-only text breaks at spaces: the plain word splitter does that, several times faster.
        cjk = CJK.search(trusted_markup) is not None
        if font is not None or not cjk:
            key = (chosen.name, font, cjk)
            chosen = self._variants.get(key) or self._variant(chosen, font, cjk)
        if len(prepared) > SHORT_TEXT:
            return Paragraph(prepared, chosen)
        # Short texts repeat (grades, ratings, priorities, "—"): parse each once. Paragraphs only read
        # their fragments (splitting and line breaking make new ones), so they can share them.
        parsed = self._parsed.get((prepared, chosen.name))
        if parsed is None:
            paragraph = Paragraph(prepared, chosen)
            self._parsed[(prepared, chosen.name)] = paragraph.frags
            return paragraph
        return Paragraph(prepared, chosen, frags=parsed)

    def _variant(self, style: ParagraphStyle, font: str | None, cjk: bool) -> ParagraphStyle:
        name = font or style.fontName
        if name == LATIN_FONT and style.name in BOLD_STYLES:
            name = LATIN_BOLD_FONT
        variant: ParagraphStyle = style.clone(
            f"{style.name}-{name}-{'cjk' if cjk else 'latin'}", fontName=name, wordWrap="CJK" if cjk else None
        )
        self._variants[(style.name, font, cjk)] = variant
        return variant

    def fit(self, value: str, width: float, size: float) -> str:
        """``value`` shortened with an ellipsis to fit ``width`` (headers and footers are one line)."""
        if text_width(value, self.fonts.regular, size) <= width:
            return value
        while value and text_width(value + "…", self.fonts.regular, size) > width:
            value = value[:-1]
        return value + "…"

    def draw_text(
        self, canvas: Canvas, x: float, y: float, value: str, size: float, anchor: str = "start"
    ) -> None:
        """One line of text on the canvas in the document's font (Latin runs in Helvetica with the CID
        font, see fonts.text_runs); ``anchor`` is "start", "middle" or "end"."""
        width = text_width(value, self.fonts.regular, size)
        start = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        # One text object, so text extraction reads the runs as one line.
        line = canvas.beginText(start, y)
        for run, font in text_runs(value, self.fonts.regular):
            line.setFont(font, size)
            line.textOut(run)
        canvas.drawText(line)

    def caption(self, caption: str) -> Paragraph:
        """A figure's numbered caption ("图 2  …" / "Figure 2. …")."""
        return self.text(self.numbering.figure(caption), self.styles.caption)

    def with_table(self, heads: Sequence[Flowable], table: Table, rows: int = 2) -> list[Flowable]:
        """``heads`` (headings, notes) followed by ``table``, never left alone at the foot of a page: a page
        break comes first unless the heads and the table's first ``rows`` rows fit where they are."""
        height = 0.0
        for head in heads:
            height += (
                head.wrap(self.frame_width, self.pagesize[1])[1]
                + head.getSpaceBefore()
                + head.getSpaceAfter()
            )
        # Measure only the first rows (a small table of the same cells) rather than wrapping the whole table.
        first = Table(table._cellvalues[:rows], colWidths=table._colWidths)
        first.setStyle(
            TableStyle([("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)])
        )
        height += first.wrap(self.frame_width, self.pagesize[1])[1]
        return [CondPageBreak(height + 2), *heads, table]

    def _header_fitting(self, widths: list[float], head: Sequence[Cell]) -> list[float]:
        """Column widths widened so that every text heading stays on one line ("序号", not "序/号"), the room
        taken from the columns with the most to spare; unchanged when the headings cannot all fit."""
        size = self.styles.cell_head.fontSize
        needed = [
            text_width(cell, self.fonts.regular, size) + 7 if isinstance(cell, str) else 0.0 for cell in head
        ]
        deficit = sum(max(n - w, 0.0) for n, w in zip(needed, widths, strict=True))
        spare = [max(w - n, 0.0) for n, w in zip(needed, widths, strict=True)]
        if deficit <= 0.01 or sum(spare) <= deficit:
            return widths
        share = deficit / sum(spare)
        return [max(w, n) - room * share for w, n, room in zip(widths, needed, spare, strict=True)]

    def table(
        self,
        rows: Sequence[Sequence[Cell]],
        fractions: Sequence[float],
        *,
        header: bool = True,
        align: Sequence[str] | None = None,
        extra_style: Sequence[tuple[Any, ...]] = (),
        width: float | None = None,
        padding: float = 2.5,
    ) -> Table:
        """A table whose column widths are fractions of ``width`` (the frame's by default); text cells become
        wrapped Paragraphs (so Chinese breaks inside cells). ``align`` gives "l", "r" or "c" per column."""
        total = sum(fractions)
        widths = [(width or self.frame_width) * f / total for f in fractions]
        if header and rows:
            widths = self._header_fitting(widths, rows[0])
        alignment = list(align or ["l"] * len(fractions))
        body_styles = {"l": self.styles.cell, "r": self.styles.cell_right, "c": self.styles.cell_center}
        head_styles = {
            "l": self.styles.cell_head,
            "r": self.styles.cell_head_right,
            "c": self.styles.cell_head_center,
        }
        converted: list[list[Flowable | str]] = []
        for index, row in enumerate(rows):
            is_head = header and index == 0
            converted.append(
                [
                    cell
                    if isinstance(cell, (Flowable, list))
                    else self.text(
                        "" if cell is None else cell,
                        (head_styles if is_head else body_styles)[alignment[column]],
                    )
                    for column, cell in enumerate(row)
                ]
            )
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
            ]
        else:
            commands.append(("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.white, STRIPE]))
        commands.extend(extra_style)
        return Table(
            converted,
            colWidths=widths,
            repeatRows=1 if header else 0,
            style=TableStyle(commands),
            hAlign="LEFT",
            # A row taller than the room left (a very long note) splits inside the row, at least this many
            # points on each side, instead of failing the whole report.
            splitInRow=SPLIT_IN_ROW_AT_LEAST,
        )
