"""``html-summary``: a one-page HTML summary of a result, in Chinese or English.

An exporter receives a finished Result (it never re-reads input files or recomputes a score) and writes bytes
to a stream that iso9001assess opens for it and renames into place only when ``export`` returns.
"""

from __future__ import annotations

from html import escape
from typing import IO

from iso9001assess.plugin import ExportOptions, Result, locale, localize, message, vocab

STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left}"
    ".num{text-align:right}"
)
TOP_ACTIONS = 10


def _number(value: float | None, lang: str) -> str:
    """One decimal, rounded half up once (as every output of iso9001assess rounds), or "n/a"."""
    return message("common.not_available", lang) if value is None else locale(lang).number(value)


class HtmlSummaryExporter:
    """Writes the summary as a self-contained UTF-8 HTML page; every piece of text is escaped."""

    suffixes = (".html", ".htm")

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        out.write(self.render(result, options.lang).encode("utf-8"))

    def render(self, result: Result, lang: str) -> str:
        def w(key: str) -> str:
            return message(key, lang)

        counts = result.finding_counts()
        date = result.assessment.date.isoformat() if result.assessment.date else w("common.dash")
        level = result.overall.maturity_level
        facts = [
            (
                w("vocab.field.checklist"),
                f"{localize(result.checklist.title, lang)} ({result.checklist.id} "
                f"{result.checklist.version})",
            ),
            (w("vocab.field.date"), date),
            (w("vocab.measure.overall"), _number(result.overall.score, lang)),
            (w("vocab.measure.maturity"), w("common.not_available") if level is None else str(level)),
            (w("vocab.measure.readiness"), vocab("readiness", result.overall.readiness, lang)),
            (w("vocab.measure.lab"), _number(result.lab.score, lang)),
            (
                w("vocab.measure.qms_completeness"),
                w("common.not_available")
                if result.overall.completeness is None
                else locale(lang).percent(result.overall.completeness),
            ),
            (
                w("vocab.measure.findings"),
                locale(lang).join(f"{vocab('grade', g, lang)} {n}" for g, n in counts.items()),
            ),
        ]
        clauses = [s for s in result.sections if s.depth == 0]
        actions = result.actions[:TOP_ACTIONS]
        parts = [
            f'<!DOCTYPE html>\n<html lang="{escape(locale(lang).tag)}">\n<head><meta charset="utf-8">',
            f"<title>{escape(result.enterprise.name)}: {escape(w('report.summary.title'))}</title>",
            f"<style>{STYLE}</style></head>\n<body>",
            f"<h1>{escape(result.enterprise.name)}</h1>\n<h2>{escape(w('report.summary.title'))}</h2>",
            "<table>",
            *(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts),
            "</table>",
            f"<h2>{escape(w('report.charts.title'))}</h2>",
            f"<table><tr><th>{escape(w('report.summary.clause'))}</th><th>{escape(w('report.summary.score'))}</th></tr>",
            *(
                f"<tr><td>{escape(s.id)} {escape(localize(s.title, lang))}</td>"
                f'<td class="num">{escape(_number(s.score, lang))}</td></tr>'
                for s in clauses
            ),
            "</table>",
            f"<h2>{escape(w('report.summary.top_actions'))}</h2>",
            f"<table><tr><th>{escape(w('report.detail.id'))}</th><th>{escape(w('report.plan.priority'))}</th>"
            f"<th>{escape(w('report.plan.action'))}</th></tr>",
            *(
                f"<tr><td>{escape(a.item_id)}</td><td>{escape(vocab('priority', a.priority, lang))}</td>"
                f"<td>{escape(localize(a.text, lang))}</td></tr>"
                for a in actions
            ),
            "</table>\n</body>\n</html>\n",
        ]
        return "\n".join(parts)
