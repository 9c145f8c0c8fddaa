"""The comparison as a PDF of its own: the diagnostic report's progress section on a page of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, NextPageTemplate

from ..comparison import Comparison
from ..exporters.pdf.chapters.progress import progress_story
from ..exporters.pdf.document import PdfDocument
from ..files import atomic_write
from ..i18n import message


class ComparisonDocument(PdfDocument):
    """Title, enterprise, then the same section ``report --baseline`` shows (one layout for both)."""

    def __init__(self, comparison: Comparison, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison

    def story(self) -> list[Flowable]:
        s = self.styles
        return [
            self.text(message("cmp.title", self.lang), s.cover_title),
            self.text(self.comparison.enterprise.name, s.cover_subtitle),
            NextPageTemplate("body"),  # the pages after the first carry the header
            *progress_story(self, self.comparison, list_findings=True),
        ]


def write_comparison_pdf(
    comparison: Comparison, path: str | Path, *, lang: str = "zh", font: str | Path | None = None
) -> Path:
    """The comparison as a PDF, written atomically; dated by the follow-up (byte-identical reruns)."""
    document = ComparisonDocument(
        comparison,
        lang=lang,
        font=font,
        date=comparison.followup.assessment.date,
        subject=comparison.enterprise.name,
        title=message("cmp.title", lang),
        footer_note="iso9001assess",
    )
    with atomic_write(path) as out:
        document.build(out)
    return Path(path)
