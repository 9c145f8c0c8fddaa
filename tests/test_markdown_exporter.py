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
    assert "- **Findings**: major 0, minor 1, observations 1" in text  # LAB.1-02 not assessed: no finding
    assert "- **QMS completeness**: 100%" in text
    assert "- **Lab capability index**: 100.0" in text  # LAB.1-01 only
    assert "- **Laboratory management**: Incomplete assessment: no verdict" in text
    assert "- **Lab completeness**: 50%" in text
    assert "> Below 90% completeness, no readiness or lab verdict is given." in text
    assert "### B. Items not assessed\n\n- LAB.1-02 " in text
    assert "| **4 Context of the organization** | 56.3 |" in text
    assert "| 8.3 Design and development of products and services | n/a |" in text
    html = PARSER.render(text)
    assert html.count("<table>") == 4  # facts, scores, findings, plan
    plan = text[text.index("## Improvement plan") : text.index("## Appendix")]
    assert plan.index("4.3-01") < plan.index("4.1-02") and "LAB.1-02" not in plan
    assert "**Excluded items** (Excluded (ISO 9001 4.3))\n\n- 8.3-01 " in text


def test_not_triggered_and_a_whole_section_apart_from_exclusions() -> None:
    from builders import answers, checklist, item, section

    cl = checklist(
        section("7", item("7-01"), item("7-02", conditional=True)),
        section(
            "8", sections=(section("8.3", item("8.3-01", excludable=True), item("8.3-02", conditional=True)),)
        ),
    )
    ans = answers({"7-01": 4, "7-02": {"na": True, "justification": "no customer property"}})
    ans = ans.model_copy(update={"not_applicable": {"8.3": "build to print"}})
    text = export(qa.score(cl, ans), lang="en")
    assert "**Whole sections not applicable**\n\n- 8.3 Section 8.3: build to print" in text
    assert "**Items not triggered** (Not triggered)\n\n- 7-02 Question 7-02: no customer property" in text
    assert "- 8.3-02 Question 8.3-02: build to print" in text  # conditional under 8.3: not triggered
    excluded = text[text.index("**Excluded items**") : text.index("**Items not triggered**")]
    assert "- 8.3-01 Question 8.3-01: build to print" in excluded


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
    # Baseline overall (2*0.25 + 0.25 + 1.0) / 4 = 43.75; now 56.25. Lab (2*1 + 0.75) / 3 = 91.67; now 2/2 = 100
    # (LAB.1-02 not assessed now): +8.33.
    assert "| QMS overall score | 43.8 | 56.3 | +12.5 |" in text
    assert "| Lab capability index | 91.7 | 100.0 | +8.3 |" in text
    assert "| Readiness for certification | Not ready | Not ready |  |" in text
    assert "| Laboratory management | Standardized | Incomplete assessment: no verdict |  |" in text
    assert "| Minor nonconformity | 2 | 1 | -1 |" in text
    assert "| Observation | 0 | 1 | +1 |" in text
    assert "### Findings closed (1)\n\n- 4.1-01 Are internal and external issues determined?" in text
    assert "### New findings (1)" in text and "### Findings persisting (1)\n\n- 4.1-02" in text
