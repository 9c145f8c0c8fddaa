"""The ``plan`` exporter: a result's improvement plan as the action tracker workbook (``<stem>.plan.xlsx``).

Without a programme store the plan is the one the result calls for, as first issued: every action open, due
on the assessment date plus its timeframe, its id the item id — the id the store gives the action when the
answers are recorded, so the filled workbook can come back through ``ingest`` once they are. With a store,
``plan ENTERPRISE`` and ``batch --db --formats plan`` write the tracker from the store's actions instead.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from .base import ExportOptions

if TYPE_CHECKING:
    from ..models.result import Result


class PlanTrackerExporter:
    """Writes the action tracker workbook of a result's plan."""

    suffixes = (".plan.xlsx",)
    file_suffix = ".plan.xlsx"  # batch names its output <stem>.plan.xlsx, not <stem>.plan

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        from ..xlsx.tracker import binding_from_result, rows_from_result, write_tracker

        write_tracker(out, binding_from_result(result), rows_from_result(result, options.lang), options.lang)
