"""The diagnostic report of one enterprise: a ``PdfDocument`` whose story is a list of chapters.

Its first reader is the general manager, its second the quality manager. The chapters (``chapters/``, one
module each) come in the order of ``chapters.DEFAULT_CHAPTERS``; a plugin adds or replaces one through the
``register_report_chapters`` hook. This class holds what every chapter shares: the result and its view, the
comparison with a baseline, the numbering, and the plan split into top and further actions.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import IO

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ...comparison import Comparison, compare
from ...i18n import template
from ...models.result import Action, Result
from ...models.tracking import PlanState
from ..report_view import ReportView
from .chapters import Chapter, report_chapters
from .document import PdfDocument, Styles, default_styles
from .fonts import FontSet
from .markup import markup

DEFAULT_TOP_ACTIONS = 10
MAX_PAGES = 30  # no report is longer: past it the long tables are set denser, then again
DENSER_TABLES = (7.0, 6.5)  # point sizes of the compact style, tried in turn
CHAPTER_ROOM = 0.5  # a chapter starts on a fresh page unless at least this share of the page is left


class DiagnosticReport(PdfDocument):
    def __init__(
        self,
        result: Result,
        *,
        lang: str = "zh",
        font: str | Path | None = None,
        baseline: Result | None = None,
        top_actions: int = DEFAULT_TOP_ACTIONS,
        chapters: Sequence[Chapter] | None = None,
        plan_state: PlanState | None = None,
    ) -> None:
        self.result = result
        self.plan_state = plan_state  # the plan's state in the programme store (a follow-up's, report --db)
        self.view = ReportView(result, lang)
        self.top_action_count = max(0, top_actions)
        self.compact_size: float | None = None  # the compact style's size, None: the default
        self.chapters: list[Chapter] = list(chapters) if chapters is not None else report_chapters()
        # compare() refuses a baseline on another checklist before any page is laid out.
        self.comparison: Comparison | None = compare(baseline, result) if baseline is not None else None
        checklist = result.checklist
        super().__init__(
            lang=lang,
            font=font,
            date=result.assessment.date,
            subject=result.enterprise.name,
            title=self.view.msg("report.title"),
            footer_note=f"{checklist.id} {checklist.version} · {self.view.date()}",
            author=result.assessment.assessor or "",
            banner=self.view.msg("report.provisional") if self.view.provisional else "",
        )

    def make_styles(self, fonts: FontSet) -> Styles:
        return default_styles(fonts, compact_size=self.compact_size)

    def build(self, out: IO[bytes]) -> None:
        """Build; when the report runs past ``MAX_PAGES`` (a very weak enterprise in a verbose language), build
        it again with its long tables set denser. The choice depends on the content only: same input, same
        bytes."""
        attempt = io.BytesIO()
        super().build(attempt)
        for size in DENSER_TABLES:
            if self.page_count <= MAX_PAGES:
                break
            self.compact_size = size
            self.restyle()
            attempt = io.BytesIO()
            super().build(attempt)
        out.write(attempt.getvalue())

    def story(self) -> list[Flowable]:
        self.numbering.restart()
        flowables: list[Flowable] = []
        for chapter in self.chapters:
            flowables.extend(chapter.build(self))
        return flowables

    # -- what chapters share ----------------------------------------------------------------------------------
    def msg(self, key: str, **values: object) -> str:
        return self.view.msg(key, **values)

    def filled(self, key: str, **values: object) -> str:
        """A catalogue entry that holds markup, with ``values`` escaped into it."""
        return markup(template(key, self.lang, values.get("count")), **values)

    def heading(self, key: str) -> Paragraph:
        """A numbered chapter heading ("三、…" / "3. …"): numbers follow the chapters present."""
        return self.text(self.numbering.heading(self.msg(key)), self.styles.h1)

    def chapter_break(self) -> Flowable:
        """Where a chapter starts: on the same page when the page is less than half full, else on the next."""
        return CondPageBreak(self.frame_height * CHAPTER_ROOM)

    def figure(self, key: str) -> Paragraph:
        return self.caption(self.msg(key))

    @property
    def top_actions(self) -> tuple[Action, ...]:
        """The first actions of the plan (ordered by impact): the roadmap of the summary and plan."""
        return self.result.actions[: self.top_action_count]

    @property
    def further_actions(self) -> tuple[Action, ...]:
        return self.result.actions[self.top_action_count :]

    @cached_property
    def action_numbers(self) -> dict[str, int]:
        """Each item's action number in the plan, so a finding can point to its action."""
        return {action.item_id: number for number, action in enumerate(self.result.actions, start=1)}

    @cached_property
    def actions_by_item(self) -> dict[str, Action]:
        return {action.item_id: action for action in self.result.actions}
