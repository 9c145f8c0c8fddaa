"""``html-summary``: a one-page HTML summary of a result, in Chinese or English.

An exporter receives a finished Result (it never re-reads input files or recomputes a score) and writes bytes
to a stream that iso9001assess opens for it and renames into place only when ``export`` returns.
"""

from __future__ import annotations

from html import escape
from typing import IO

from iso9001assess import ExportOptions, Result
from iso9001assess.models.base import localize
from iso9001assess.rounding import format_number, format_percent

LABELS = {
    "en": {
        "title": "Self-assessment summary",
        "checklist": "Checklist",
        "date": "Date",
        "overall": "Overall score",
        "maturity": "Maturity level",
        "readiness": "Readiness",
        "lab": "Lab capability index",
        "completeness": "QMS completeness",
        "findings": "Findings",
        "clauses": "Scores by clause",
        "actions": "Top improvement actions",
        "clause": "Clause",
        "score": "Score",
        "item": "Item",
        "priority": "Priority",
        "action": "Action",
        "none": "n/a",
        "major": "major",
        "minor": "minor",
        "observation": "observation",
        "incomplete": "incomplete assessment, no verdict yet",
        "not-ready": "not ready",
        "conditionally-ready": "conditionally ready",
        "ready": "ready",
        "high": "high",
        "medium": "medium",
        "low": "low",
    },
    "zh": {
        "title": "自评估结果摘要",
        "checklist": "检查表",
        "date": "日期",
        "overall": "总分",
        "maturity": "成熟度等级",
        "readiness": "认证准备度",
        "lab": "实验室能力指数",
        "completeness": "体系评估完整度",
        "findings": "发现项",
        "clauses": "各章得分",
        "actions": "优先改进措施",
        "clause": "章节",
        "score": "得分",
        "item": "条款",
        "priority": "优先级",
        "action": "措施",
        "none": "不适用",
        "major": "严重不符合",
        "minor": "一般不符合",
        "observation": "观察项",
        "incomplete": "评估不完整，暂不判定",
        "not-ready": "尚未具备认证条件",
        "conditionally-ready": "有条件具备",
        "ready": "具备认证条件",
        "high": "高",
        "medium": "中",
        "low": "低",
    },
}
STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left}"
    ".num{text-align:right}"
)
TOP_ACTIONS = 10


def _number(value: float | None, label: str) -> str:
    # Results keep full precision; shown once, rounded half up (the library's one rounding).
    return format_number(value, 1, none=label)


class HtmlSummaryExporter:
    """Writes the summary as a self-contained UTF-8 HTML page; every piece of text is escaped."""

    suffixes = (".html", ".htm")

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        out.write(self.render(result, options.lang).encode("utf-8"))

    def render(self, result: Result, lang: str) -> str:
        words = LABELS.get(lang, LABELS["en"])
        counts = result.finding_counts()
        date = result.assessment.date.isoformat() if result.assessment.date else "-"
        facts = [
            (
                words["checklist"],
                f"{localize(result.checklist.title, lang)} ({result.checklist.id} "
                f"{result.checklist.version})",
            ),
            (words["date"], date),
            (words["overall"], _number(result.overall.score, words["none"])),
            (words["maturity"], str(result.overall.maturity_level or words["none"])),
            (words["readiness"], words[result.overall.readiness]),
            (words["lab"], _number(result.lab.score, words["none"])),
            (words["completeness"], format_percent(result.overall.completeness, none=words["none"])),
            (words["findings"], ", ".join(f"{words[g]} {n}" for g, n in counts.items())),
        ]
        clauses = [s for s in result.sections if s.depth == 0]
        actions = result.actions[:TOP_ACTIONS]
        parts = [
            f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head><meta charset="utf-8">',
            f"<title>{escape(result.enterprise.name)}: {escape(words['title'])}</title>",
            f"<style>{STYLE}</style></head>\n<body>",
            f"<h1>{escape(result.enterprise.name)}</h1>\n<h2>{escape(words['title'])}</h2>",
            "<table>",
            *(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts),
            "</table>",
            f"<h2>{escape(words['clauses'])}</h2>",
            f"<table><tr><th>{escape(words['clause'])}</th><th>{escape(words['score'])}</th></tr>",
            *(
                f"<tr><td>{escape(s.id)} {escape(localize(s.title, lang))}</td>"
                f'<td class="num">{escape(_number(s.score, words["none"]))}</td></tr>'
                for s in clauses
            ),
            "</table>",
            f"<h2>{escape(words['actions'])}</h2>",
            f"<table><tr><th>{escape(words['item'])}</th><th>{escape(words['priority'])}</th>"
            f"<th>{escape(words['action'])}</th></tr>",
            *(
                f"<tr><td>{escape(a.item_id)}</td><td>{escape(words[a.priority])}</td>"
                f"<td>{escape(localize(a.text, lang))}</td></tr>"
                for a in actions
            ),
            "</table>\n</body>\n</html>\n",
        ]
        return "\n".join(parts)
