"""The ``docx`` exporter: the diagnostic report as an editable Word document. python-docx (the ``docx``
extra) is imported only when a report is written, with a clear message naming the extra when it is missing."""

from __future__ import annotations

from typing import IO

from ...errors import MissingDependencyError
from ...models.result import Result
from ..base import ExportOptions, plan_state_option

EXTRA = "docx"


def require_python_docx(feature: str) -> None:
    """Raise MissingDependencyError naming ``feature`` (a code of errors.dependency.feature.*) and the extra
    when python-docx is not installed."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise MissingDependencyError("python-docx", feature, EXTRA) from None


class DocxExporter:
    suffixes = (".docx",)

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        require_python_docx("docx_report")
        from .report import DEFAULT_TOP_ACTIONS, DiagnosticWordReport

        top_actions = options.extra.get("top_actions", DEFAULT_TOP_ACTIONS)
        DiagnosticWordReport(
            result,
            lang=options.lang,
            font=options.font,
            baseline=options.baseline,
            top_actions=int(top_actions),
            plan_state=plan_state_option(options),
        ).build(out)
