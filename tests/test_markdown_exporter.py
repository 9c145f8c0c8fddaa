"""The ``md`` exporter, parsed back with markdown-it: contents, escaping, progress."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

import iso9001assess as qa
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.exporters.markdown import MarkdownExporter, md_escape
from iso9001assess.models import Answers, Result

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
PARSER = MarkdownIt("commonmark").enable("table")


def result_with(enterprise: dict[str, Any] | None = None, **answers: Any) -> Result:
    data = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))
    data["answers"].update(answers)
    data["enterprise"].update(enterprise or {})
    checklist = qa.load_checklist(FIXTURES / "mini-checklist.yaml")
    return qa.score(checklist, Answers.model_validate(data))


def export(result: Result, lang: str = "zh", baseline: Result | None = None) -> str:
    out = io.BytesIO()
    MarkdownExporter().export(result, out, ExportOptions(lang=lang, baseline=baseline))
    return out.getvalue().decode("utf-8")


def test_summary_figures_scores_findings_and_plan() -> None:
    text = export(result_with(), lang="en")
    assert text.startswith("# Quality Management System Diagnostic Report: 广州某某电子科技有限公司\n")
    assert "- **QMS overall score**: 56.3 / 100" in text
    assert "- **Maturity level**: 3 (Defined)" in text
    assert "- **Readiness for certification**: Not ready" in text
    assert "- **Findings**: 0 major, 2 minor, 1 observations" in text
    assert "- **Lab capability index**: 66.7" in text
    assert "| **4 Context of the organization** | 56.3 |" in text
    assert "| 8.3 Design and development of products and services | n/a |" in text
    html = PARSER.render(text)
    assert html.count("<table>") == 4  # facts, scores, findings, plan
    plan = text[text.index("## Improvement plan") :]
    assert plan.index("4.3-01") < plan.index("LAB.1-02") < plan.index("4.1-02")


def test_user_text_is_shown_literally() -> None:
    name = "<b>ACME & Co</b> | *x*"
    note = "1. </para>\nsecond | line"
    text = export(result_with({"name": name}, **{"4.1-02": {"rating": 1, "note": note}}))
    html = PARSER.render(text)
    assert "<b>ACME" not in html
    assert "&lt;b&gt;ACME &amp; Co&lt;/b&gt; | *x*" in html
    assert "1. &lt;/para&gt; second | line" in html
    assert md_escape("- item") == "\\- item"


def test_progress_since_the_baseline() -> None:
    baseline = result_with(**{"4.1-01": 1, "4.3-01": 4, "LAB.1-02": 3})
    text = export(result_with(), lang="en", baseline=baseline)
    assert "## Progress since the baseline" in text
    # Baseline overall (2*0.25 + 0.25 + 1.0) / 4 = 43.75; now 56.25. Lab (2*1 + 0.75) / 3 = 91.67; now 66.67.
    assert "| QMS overall score | 43.8 | 56.3 | +12.5 |" in text
    assert "| Lab capability index | 91.7 | 66.7 | -25.0 |" in text
    assert "| Minor nonconformity | 2 | 2 | 0 |" in text
    assert "| Observation | 0 | 1 | +1 |" in text
    assert "### Findings closed (1)\n\n- 4.1-01 Are internal and external issues determined?" in text
    assert "### New findings (2)" in text and "### Findings persisting (1)\n\n- 4.1-02" in text
