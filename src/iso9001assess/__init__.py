"""iso9001assess: ISO 9001 self-assessment — checklists, scoring, diagnostic reports, programme summaries.

import iso9001assess as qa
checklist = qa.load_checklist("iso9001-2015")
answers = qa.load_answers("acme.yaml")
result = qa.score(checklist, answers)
qa.export(result, "acme.pdf", lang="zh")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__
from .api import (
    compact_result,
    expand_result,
    export,
    get_exporter,
    get_strategy,
    load_answers,
    load_checklist,
    load_programme,
    portfolio,
    progress,
    score,
)
from .errors import InvalidInputError, Iso9001AssessError, NotFoundError, Problem
from .exporters.base import Exporter, ExportOptions
from .hookspecs import hookimpl
from .models import Answers, Checklist, Overlay, Result
from .models.programme import Programme
from .models.progress import ProgressFigures
from .programme.batch import BatchReport, batch
from .programme.benchmark import BenchmarkRule
from .programme.portfolio import Portfolio, PortfolioOptions
from .scoring.engine import ScoringStrategy

if TYPE_CHECKING:
    from .store import Store


def __getattr__(name: str) -> object:
    # The store (SQLAlchemy, Alembic) loads when it is first used, not with every ``import iso9001assess``.
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'iso9001assess' has no attribute {name!r}")


__all__ = [
    "Answers",
    "BatchReport",
    "BenchmarkRule",
    "Checklist",
    "ExportOptions",
    "Exporter",
    "InvalidInputError",
    "Iso9001AssessError",
    "NotFoundError",
    "Overlay",
    "Portfolio",
    "PortfolioOptions",
    "Problem",
    "Programme",
    "ProgressFigures",
    "Result",
    "ScoringStrategy",
    "Store",
    "__version__",
    "batch",
    "compact_result",
    "expand_result",
    "export",
    "get_exporter",
    "get_strategy",
    "hookimpl",
    "load_answers",
    "load_checklist",
    "load_programme",
    "portfolio",
    "progress",
    "score",
]
