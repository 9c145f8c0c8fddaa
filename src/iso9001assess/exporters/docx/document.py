"""The base of every Word document this package writes: A4 pages, fonts, heading styles, header, footer with
"Page X of Y", tables, chart images, and the same bytes for the same input.

Built with python-docx (the ``docx`` extra). Chapters are real Word headings (Heading 1 to 3, so the
navigation pane and a table of contents work), tables are real tables (editable, the heading row repeated on
each page), charts are PNG images of the PDF's own chart drawings (``pdf.raster``). East-Asian text gets an
East-Asian font (``w:eastAsia``) in every style, so Word, WPS and LibreOffice set Chinese in a Chinese face.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.document import Document as WordFile
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from reportlab.graphics.shapes import Drawing

from ...i18n import locale, message, template
from ..pdf.fonts import FontSet, register_fonts
from ..pdf.numbering import Numbering
from ..pdf.raster import drawing_png

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_LIGHT = "DCE6F0"
STRIPE = "F3F5F7"
MUTED = RGBColor(0x5B, 0x67, 0x70)
RED = RGBColor(0xC0, 0x39, 0x2B)
AMBER = RGBColor(0xE0, 0x7B, 0x39)
GREEN = RGBColor(0x3A, 0x8D, 0x5C)
OLIVE = RGBColor(0xB7, 0x95, 0x0B)
LATIN_FONT = "Arial"
# The East-Asian face named in the styles, by the locale's CID font (Simplified or Traditional Chinese): the
# usual system font of each, which Word and WPS have and LibreOffice replaces by an installed CJK font.
EAST_ASIAN_FONTS = {"STSong-Light": "SimSun", "MSung-Light": "PMingLiU"}
DEFAULT_EAST_ASIAN_FONT = "SimSun"
FIXED_DATE = dt.date(2000, 1, 1)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN = Mm(18)
TEXT_WIDTH_MM = 174.0  # A4 less both margins
# XML 1.0 forbids these characters: a note holding one would make the file unreadable.
WordCell = Any  # python-docx names its cell class privately (docx.table.WordCell)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PAGE, _PAGES = "\x00page\x00", "\x00pages\x00"


def xml_safe(text: object) -> str:
    """``text`` as a string Word can hold: a character XML forbids is shown as its code point."""
    return _NOT_XML.sub(lambda m: f"[U+{ord(m.group()):04X}]", "" if text is None else str(text))


def _shade(cell: WordCell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _field(paragraph: Paragraph, instruction: str, size: float) -> None:
    """A field Word computes when it lays the pages out (PAGE, NUMPAGES), with a placeholder until then."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(round(size * 2)))
        properties.append(half_points)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class WordDocument:
    """An A4 Word document in the house style: subclass it, write ``write()``, call ``build(stream)``.

    ``subject`` and ``title`` are the header's left and right, ``footer_note`` the footer's left; every
    page's footer says "Page X of Y" in ``lang``. ``date`` is the document's date (its core properties'
    created and modified dates): never the clock, so the same input gives the same bytes.
    """

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
        self.date = date
        self.subject = subject
        self.title = title
        self.footer_note = footer_note
        self.author = author
        self.banner = banner
        self.numbering = Numbering(lang)
        # The charts are laid out with the PDF's font metrics and drawn with the same font file.
        self.fonts: FontSet = register_fonts(font, cid_font=locale(lang).cid_font)
        self.doc: WordFile = Document()
        self.east_asian_font = EAST_ASIAN_FONTS.get(locale(lang).cid_font, DEFAULT_EAST_ASIAN_FONT)
        self._setup_page()
        self._setup_styles()

    # -- setup ------------------------------------------------------------------------------------------------
    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        section.header_distance, section.footer_distance = Mm(10), Mm(9)

    def _fonts_of(self, style_name: str, size: float | None = None, color: RGBColor | None = None) -> None:
        style: Any = self.doc.styles[style_name]
        style.font.name = LATIN_FONT
        if size is not None:
            style.font.size = Pt(size)
        if color is not None:
            style.font.color.rgb = color
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), self.east_asian_font)
        # Theme fonts would win over the names above in Word: drop them.
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)

    def _setup_styles(self) -> None:
        tag = locale(self.lang).tag
        self._fonts_of("Normal", 10)
        normal_rpr = self.doc.styles["Normal"].element.get_or_add_rPr()
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), tag)
        language.set(qn("w:eastAsia"), tag)
        normal_rpr.append(language)
        self._fonts_of("Title", 22, ACCENT)
        self._fonts_of("Subtitle", 14, MUTED)
        for name, size in (("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
            self._fonts_of(name, size, ACCENT)
        for name in ("Header", "Footer", "Caption", "Table Grid"):
            self._fonts_of(name)
        for name in ("Header", "Footer"):  # the template's Letter-size tab stops: ours are set per line
            self.doc.styles[name].paragraph_format.tab_stops.clear_all()

    # -- writing ----------------------------------------------------------------------------------------------
    def write(self) -> None:
        """Add the document's contents (``self.doc``)."""
        raise NotImplementedError

    def build(self, out: IO[bytes]) -> None:
        self.numbering.restart()
        self.write()
        self._header_and_footer()
        self._core_properties()
        raw = io.BytesIO()
        self.doc.save(raw)
        out.write(stable_zip(raw.getvalue(), self.date or FIXED_DATE))

    def _header_and_footer(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True  # the cover has no header
        right = Mm(TEXT_WIDTH_MM)
        header = section.header.paragraphs[0]
        header.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        self.run(header, self.subject, size=8.5, color=MUTED)
        header.add_run("\t")
        self.run(header, self.title, size=8.5, color=MUTED)
        if self.banner:
            banner = section.header.add_paragraph()
            banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(banner, self.banner, size=8.5, color=RED, bold=True)
        for footer in (section.footer, section.first_page_footer):
            line = footer.paragraphs[0]
            line.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
            self.run(line, self.footer_note, size=7.5, color=MUTED)
            line.add_run("\t")
            self._page_x_of_y(line)

    def _page_x_of_y(self, paragraph: Paragraph) -> None:
        """The catalogue's "Page {page} of {pages}" with the two numbers as Word fields."""
        words = template("common.page_x_of_y", self.lang).format(page=_PAGE, pages=_PAGES)
        for part in re.split(f"({_PAGE}|{_PAGES})", words):
            if part == _PAGE:
                _field(paragraph, "PAGE", 8)
            elif part == _PAGES:
                _field(paragraph, "NUMPAGES", 8)
            elif part:
                self.run(paragraph, part, size=8, color=MUTED)

    def _core_properties(self) -> None:
        properties = self.doc.core_properties
        when = dt.datetime.combine(self.date or FIXED_DATE, dt.time(0, 0), tzinfo=dt.timezone.utc)
        properties.created = properties.modified = properties.last_printed = when
        properties.author = properties.last_modified_by = xml_safe(self.author)
        properties.title = xml_safe(self.title)
        properties.subject = xml_safe(self.subject)
        properties.revision = 1
        properties.language = locale(self.lang).tag
        properties.comments = properties.keywords = properties.category = ""

    # -- helpers for subclasses -------------------------------------------------------------------------------
    def msg(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    def run(
        self,
        paragraph: Paragraph,
        text: object,
        *,
        size: float | None = None,
        color: RGBColor | None = None,
        bold: bool = False,
    ) -> Any:
        run = paragraph.add_run(xml_safe(text))
        if size is not None:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        if bold:
            run.bold = True
        return run

    def heading(self, text: str, level: int = 1) -> Paragraph:
        heading: Paragraph = self.doc.add_heading(xml_safe(text), level=level)
        return heading

    def chapter(self, key: str) -> Paragraph:
        """A numbered chapter heading ("三、…" / "3. …"), Heading 1."""
        return self.heading(self.numbering.heading(self.msg(key)), 1)

    def paragraph(
        self,
        text: object = "",
        *,
        size: float | None = None,
        color: RGBColor | None = None,
        bold: bool = False,
        style: str | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        if style is None:  # a body paragraph keeps a little room from a table above it (cells keep none)
            paragraph.paragraph_format.space_before = Pt(4)
        if text != "":
            self.run(paragraph, text, size=size, color=color, bold=bold)
        return paragraph

    def small(self, text: object) -> Paragraph:
        return self.paragraph(text, size=8.5, color=MUTED)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def picture(self, drawing: Drawing, caption: str | None = None) -> None:
        """A chart as an image the width of the text (or the drawing's own width when narrower)."""
        png = drawing_png(drawing, font_file=self.fonts.source if self.fonts.embedded else None)
        width_mm = min(TEXT_WIDTH_MM, float(drawing.width) * 25.4 / 72)
        self.doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if caption is not None:
            line = self.paragraph(style="Caption")
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(line, self.numbering.figure(caption), color=MUTED)

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        *,
        header: bool = True,
        align: str = "",
        size: float = 9,
        label_column: bool = False,
    ) -> Table:
        """A table whose column widths are fractions of the text width. A cell is text, or a list of parts
        (each text, or (text, colour) for a coloured line); ``align`` gives "l", "r" or "c" per column. The
        heading row (``header``) is shaded and repeats on every page; ``label_column`` shades the first
        column instead (a key/value table)."""
        total = sum(fractions)
        widths = [Mm(TEXT_WIDTH_MM * f / total) for f in fractions]
        table: Table = self.doc.add_table(rows=len(rows), cols=len(fractions))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: LibreOffice and WPS lay out by it, Word by the cells' widths
        alignments = {
            "l": WD_ALIGN_PARAGRAPH.LEFT,
            "r": WD_ALIGN_PARAGRAPH.RIGHT,
            "c": WD_ALIGN_PARAGRAPH.CENTER,
        }
        for index, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            is_head = header and index == 0
            if is_head:
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(flag)
            for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = widths[column]
                self.fill(cell, value, size=size, bold=is_head or (label_column and column == 0))
                cell.paragraphs[0].alignment = alignments[(align[column : column + 1] or "l")]
                if is_head:
                    _shade(cell, "1F4E79")
                    for run in cell.paragraphs[0].runs:
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                elif label_column and column == 0:
                    _shade(cell, ACCENT_LIGHT)
                elif index % 2 == 0:
                    _shade(cell, STRIPE)
        return table

    def fill(self, cell: WordCell, value: Any, *, size: float = 9, bold: bool = False) -> None:
        """Put text (or a list of lines, each text or (text, colour)) into a cell, one paragraph a line."""
        parts = value if isinstance(value, list) else [value]
        first = True
        for part in parts:
            text, color = part if isinstance(part, tuple) else (part, None)
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            if text is None or text == "":
                continue
            self.run(paragraph, text, size=size, color=color, bold=bold)

    def shade_row(self, table: Table, index: int, fill: str = ACCENT_LIGHT) -> None:
        for cell in table.rows[index].cells:
            _shade(cell, fill)

    def merge_row(self, table: Table, index: int) -> WordCell:
        """One cell across the whole row (a group's title inside a table)."""
        cells = table.rows[index].cells
        merged: WordCell = cells[0].merge(cells[-1])
        for paragraph in merged.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        return merged


def stable_zip(data: bytes, date: dt.date) -> bytes:
    """The .docx zip again with every member dated ``date`` (python-docx stamps the clock): the same document
    gives the same bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
