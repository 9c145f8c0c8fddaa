"""iso9001assess: ISO 9001 self-assessment — checklists, scoring, diagnostic reports, programme summaries.

import iso9001assess as qa
checklist = qa.load_checklist("iso9001-2015")
answers = qa.load_answers("acme.yaml")
result = qa.score(checklist, answers)
qa.export(result, "acme.pdf", lang="zh")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__
from .api import (
    compact_result,
    expand_result,
    export,
    export_bytes,
    get_exporter,
    get_strategy,
    load_answers,
    load_checklist,
    load_programme,
    portfolio,
    progress,
    score,
)
from .errors import (
    EnvironmentFailure,
    InvalidInputError,
    Iso9001AssessError,
    NotFoundError,
    PluginError,
    Problem,
)
from .exporters.base import Exporter, ExportOptions
from .hookspecs import hookimpl
from .models import Answers, Checklist, Overlay, Result
from .scoring.engine import ScoringStrategy

if TYPE_CHECKING:
    from .models.programme import Programme
    from .models.progress import ProgressFigures
    from .programme.batch import BatchReport, batch
    from .programme.benchmark import BenchmarkRule
    from .programme.portfolio import Portfolio, PortfolioOptions
    from .store import Store

# Loaded when first used, not with every ``import iso9001assess`` (a command that scores files needs none of
# them): the store (SQLAlchemy, Alembic), the batch and portfolio machinery, the programme models.
_LAZY = {
    "Store": "store",
    "BatchReport": "programme.batch",
    "batch": "programme.batch",
    "BenchmarkRule": "programme.benchmark",
    "Portfolio": "programme.portfolio",
    "PortfolioOptions": "programme.portfolio",
    "Programme": "models.programme",
    "ProgressFigures": "models.progress",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'iso9001assess' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Answers",
    "BatchReport",
    "BenchmarkRule",
    "Checklist",
    "EnvironmentFailure",
    "ExportOptions",
    "Exporter",
    "InvalidInputError",
    "Iso9001AssessError",
    "NotFoundError",
    "Overlay",
    "PluginError",
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
    "export_bytes",
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
