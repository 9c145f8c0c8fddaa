"""The ``pdf`` exporter: the diagnostic report. reportlab is imported only when a report is written."""

from __future__ import annotations

from typing import IO

from ...models.result import Result
from ..base import ExportOptions, plan_state_option


class PdfExporter:
    suffixes = (".pdf",)

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        from .report import DEFAULT_TOP_ACTIONS, DiagnosticReport

        top_actions = options.extra.get("top_actions", DEFAULT_TOP_ACTIONS)
        DiagnosticReport(
            result,
            lang=options.lang,
            font=options.font,
            baseline=options.baseline,
            top_actions=int(top_actions),
            plan_state=plan_state_option(options),
        ).build(out)
