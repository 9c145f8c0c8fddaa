"""The public face for plugin authors: everything an exporter or a scoring strategy needs, in one module.

    from iso9001assess.plugin import ExportOptions, Result, ReportView, hookimpl, localize, message

Exporters get the finished ``Result`` and the report's view of it (``ReportView``: sections by level, the
laboratory part, weaknesses, every code in words); words come from the message catalogues (``message``,
``vocab``, ``locale``) so a plugin's output says what the package's outputs say, in every catalogued
language — and a plugin brings its own words with the ``register_messages`` hook. Strategies extend
``WeightedStrategy``. Tests use the helpers of ``iso9001assess.testing``, re-exported here. Nothing else in
the package is a promise to plugin authors: private modules may change.
"""

from __future__ import annotations

from .exporters.base import Exporter, ExportOptions
from .exporters.report_view import ReportView, maturity_label, score_text
from .hookspecs import hookimpl
from .i18n import Locale, languages, locale, message, vocab
from .models import Answers, Checklist, Result
from .models.base import LocalizedText, localize
from .plugin_manager import PluginRegistry
from .scoring import ItemEvaluation, ScoringStrategy, WeightedStrategy
from .testing import added_items, answers_for, assert_no_failures, plugin_registry, registered_plugin

__all__ = [
    "Answers",
    "Checklist",
    "ExportOptions",
    "Exporter",
    "ItemEvaluation",
    "Locale",
    "LocalizedText",
    "PluginRegistry",
    "ReportView",
    "Result",
    "ScoringStrategy",
    "WeightedStrategy",
    "added_items",
    "answers_for",
    "assert_no_failures",
    "hookimpl",
    "languages",
    "locale",
    "localize",
    "maturity_label",
    "message",
    "plugin_registry",
    "registered_plugin",
    "score_text",
    "vocab",
]
