"""The staged report's outputs, by format: a renderer is a function of (figures, narrative, lang, path) that
writes the file whole or not at all. JSON and xlsx are here; PDF and DOCX are drawn by
``exporters.staged_report``; another format registers with ``register_renderer``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..files import atomic_write
from ..models.progress import Narrative, ProgressFigures, ProgressReport

Renderer = Callable[[ProgressFigures, Narrative, str, Path], None]
RENDERERS: dict[str, Renderer] = {}


def register_renderer(fmt: str, renderer: Renderer) -> None:
    RENDERERS[fmt] = renderer


def format_of(path: Path, fmt: str | None = None) -> str:
    """The output's format: ``fmt`` when given, else the file's suffix."""
    return (fmt or path.suffix.lstrip(".")).lower()


def render(
    figures: ProgressFigures, narrative: Narrative, lang: str, path: Path, fmt: str | None = None
) -> None:
    """Write the staged report as ``path`` (its format from ``fmt`` or its suffix); KeyError when unknown."""
    RENDERERS[format_of(path, fmt)](figures, narrative, lang, path)


def write_json(figures: ProgressFigures, narrative: Narrative, lang: str, path: Path) -> None:
    document = ProgressReport(figures=figures, narrative=narrative)
    with atomic_write(path) as out:
        out.write(document.model_dump_json(indent=2).encode("utf-8") + b"\n")


def _write_xlsx(figures: ProgressFigures, narrative: Narrative, lang: str, path: Path) -> None:
    from .workbook import write_workbook

    with atomic_write(path) as out:
        write_workbook(figures, narrative, lang, out)


def _write_pdf(figures: ProgressFigures, narrative: Narrative, lang: str, path: Path) -> None:
    from ..exporters.staged_report.pdf import write_pdf

    write_pdf(figures, narrative, lang, path)


def _write_docx(figures: ProgressFigures, narrative: Narrative, lang: str, path: Path) -> None:
    from ..exporters.docx.exporter import require_python_docx

    require_python_docx("staged_docx")  # names the extra before python-docx is imported
    from ..exporters.staged_report.word import write_docx

    write_docx(figures, narrative, lang, path)


register_renderer("json", write_json)
register_renderer("xlsx", _write_xlsx)
register_renderer("pdf", _write_pdf)
register_renderer("docx", _write_docx)
