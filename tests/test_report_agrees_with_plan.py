"""The diagnostic report does not contradict itself, read back from the PDF: the summary's roadmap puts each
top action under the bucket its own timeframe falls in (the plan's timeframe), the appendix states the verdict
rules once in the report's own words for the verdicts, and the summary's finding counts add up to the
comparison's (QMS ones said as such, the laboratory ones beside them)."""

from __future__ import annotations

import io
import re
from collections import Counter
from functools import cache
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

import iso9001assess as qa
from iso9001assess.bundled import bundled_dir
from iso9001assess.exporters.base import ExportOptions
from iso9001assess.exporters.pdf import PdfExporter
from iso9001assess.exporters.report_view import ReportView, bucket_of, roadmap
from iso9001assess.i18n import message
from iso9001assess.models import Answers, Result
from iso9001assess.models.result import Action


@cache
def sample_result(name: str) -> Result:
    data = yaml.safe_load((bundled_dir("samples") / f"{name}.yaml").read_text(encoding="utf-8"))
    return qa.score(qa.load_checklist(str(data["checklist"])), Answers.model_validate(data))


@cache
def followup_pages(lang: str) -> tuple[str, ...]:
    out = io.BytesIO()
    baseline = sample_result("gz-electronics-baseline")
    settings: dict[str, Any] = {
        "lang": lang,
        "font": "cid",
        "baseline": baseline,
    }  # the CID font, as `--font cid`
    options = ExportOptions(**settings)
    PdfExporter().export(sample_result("gz-electronics-followup"), out, options)
    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def summary(lang: str) -> str:
    """The summary for the general manager, squeezed: from page 2 to the next chapter (English runs onto page 3)."""
    text = squeezed("".join(followup_pages(lang)[1:3]))
    return text[: text.index(squeezed(message("report.charts.title", lang)))]


def with_timeframe(days: int | None) -> Action:
    action = sample_result("gz-electronics-followup").actions[0]
    return action.model_copy(update={"timeframe_days": days})


def test_an_action_goes_to_the_first_bucket_its_timeframe_fits_and_none_is_stretched_into_90_days() -> None:
    cases = {
        1: "30",
        30: "30",
        31: "60",
        60: "60",
        61: "90",
        90: "90",
        91: "later",
        365: "later",
        None: "unset",
    }
    assert {days: bucket_of(with_timeframe(days)) for days in cases} == cases
    # Empty buckets are left out and the plan's order is kept inside a bucket.
    actions = [with_timeframe(d) for d in (120, 30, None, 180)]
    assert [(bucket, [a.timeframe_days for a in members]) for bucket, members in roadmap(actions)] == [
        ("30", [30]),
        ("later", [120, 180]),
        ("unset", [None]),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_roadmap_puts_each_top_action_under_the_label_its_timeframe_makes_true(lang: str) -> None:
    result = sample_result("gz-electronics-followup")
    page = summary(lang)
    labels = {
        b: squeezed(message(f"report.gm.bucket.{b}", lang)) for b in ("30", "60", "90", "later", "unset")
    }
    limits = {"30": range(1, 31), "60": range(31, 61), "90": range(61, 91), "later": range(91, 3651)}
    starts = sorted((page.index(label), bucket) for bucket, label in labels.items() if label in page)
    placed = {}
    for action in result.actions[:10]:
        at = page.index(action.item_id)
        placed[action.item_id] = [bucket for start, bucket in starts if start < at][-1]
        assert action.timeframe_days in limits[placed[action.item_id]], (
            action.item_id,
            action.timeframe_days,
        )
    # The user trial's case: five of the ten top actions take 120 or 180 days, none of them "within 90 days".
    later = sorted(a.timeframe_days or 0 for a in result.actions[:10] if placed[a.item_id] == "later")
    assert later == [120, 120, 120, 120, 180]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rules_are_said_once_in_the_report_s_own_words(lang: str) -> None:
    text = squeezed("\n".join(followup_pages(lang)))
    findings_rule = squeezed(message("report.findings.rule", lang))
    assert text.count(findings_rule) == 1  # in the findings chapter; the appendix points there
    assert squeezed(message("report.appendix.findings_rule_ref", lang, chapter="")).split("“")[0] in text
    readiness = squeezed(message("vocab.measure.readiness", lang))
    appendix = text[text.rindex(squeezed(message("report.appendix.h_method", lang))) :]
    for code in ("incomplete", "not-ready", "conditionally-ready", "ready"):
        assert f"“{squeezed(message(f'vocab.readiness.{code}', lang))}”" in appendix
    for code in ("incomplete", "standardized", "basically-standardized", "not-standardized"):
        assert f"“{squeezed(message(f'vocab.lab_verdict.{code}', lang))}”" in appendix
    if lang == "zh":
        assert appendix.count("认证准备度只看") == 1 and readiness in appendix
        for other_words in ("评估未完成", "尚未具备", "“基本具备”", "已具备", "最低要求", "“实验室管理规范”"):
            assert other_words not in appendix, other_words
    else:
        assert appendix.count("Readinesslooksat") == 1
        assert "minimumcompleteness" not in appendix


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_every_language_states_the_verdict_rules_with_the_vocabulary(lang: str) -> None:
    view = ReportView(sample_result("gz-electronics-followup"), lang)
    ref, readiness, lab = view.verdict_rules()
    assert message("report.findings.by_clause", lang) in ref
    for code in ("incomplete", "not-ready", "conditionally-ready", "ready"):
        assert message(f"vocab.readiness.{code}", lang) in readiness
    for code in ("incomplete", "standardized", "basically-standardized", "not-standardized"):
        assert message(f"vocab.lab_verdict.{code}", lang) in lab
    assert "90%" in readiness and "90%" in lab  # the sample's minimum completeness


def test_the_summary_counts_add_up_to_the_comparison_and_score() -> None:
    result = sample_result("gz-electronics-followup")
    # What `score` and the comparison count: every finding, QMS and laboratory.
    assert Counter(f.grade for f in result.findings) == {"minor": 3, "observation": 24}
    zh = summary("zh")
    # 15 QMS observations + 9 laboratory ones = 24; 3 + 0 minor = 3; no major.
    assert "体系检查项共发现严重不符合0项、一般不符合3项、观察项15项" in zh
    assert "另有实验室检查项发现严重不符合0项、一般不符合0项、观察项9项" in zh
    en = summary("en")
    assert "Nonconformitiesinitsitems:major0,minor3;observations:15." in en
    assert "Thelaboratoryitemsaddnonconformities(major0,minor0)andobservations(9)" in en
