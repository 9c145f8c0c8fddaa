"""PDF documents: the diagnostic report, and a shared layer to build other documents on.

Importing this package does not import reportlab; the modules below do.

Building another document (e.g. the portfolio report) on the shared layer::

    from iso9001assess.exporters.pdf.document import PdfDocument
    from iso9001assess.exporters.pdf.charts import Series, bar_chart, column_chart, radar_chart
    from iso9001assess.exporters.pdf.markup import markup
    from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

    class PortfolioDocument(PdfDocument):
        def __init__(self, data, **kwargs):
            super().__init__(**kwargs)        # lang, font, date, subject (header left), title (header right),
            self.data = data                  # footer_note (footer left); "Page X of Y" is added for you

        def story(self):
            s = self.styles                   # Styles: cover_title, h1, h2, h3, body, small, caption, cell...
            return [
                self.text(self.title, s.cover_title),   # self.text(...) escapes user text: use it for any
                NextPageTemplate("body"),               #   name, note or checklist text
                PageBreak(),                            # first page uses the "cover" template (no header)
                self.rich(markup("<b>{name}</b>", name=self.data.name)),  # trusted markup, escaped values
                bar_chart(["4", "5"], [Series("2026", [70.0, None])], font=self.fonts.regular),
                self.table([["City", "Score"], ["广州市", "71.2"]], [3, 1], align="lr"),
            ]

    PortfolioDocument(data, lang="zh", font=None, date=the_date, subject="…", title="…").build(stream)

Override ``setup_fonts``, ``make_styles``, ``page_templates``, ``draw_header``, ``draw_footer`` or
``draw_page_number`` to change a step. Fixed strings come from ``iso9001assess.i18n.message``. Tables: pass
column widths as fractions; text cells are wrapped Paragraphs (Chinese breaks inside cells), a cell may also
be a flowable or a list of them. ``with_table(headings, table)`` keeps headings with the first rows of their
table. ``chapters.progress.progress_story(document, comparison)`` is the baseline → follow-up section on any
document; the report itself is a list of chapters (``chapters/``).
docs/report.md describes all of it.
"""

from __future__ import annotations

from .exporter import PdfExporter

__all__ = ["PdfExporter"]
