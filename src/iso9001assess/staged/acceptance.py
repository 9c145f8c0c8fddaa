"""Acceptance (验收): whether an enterprise counts as helped under the programme's rule, and why not.

Judged on what was assessed on or before the date: the latest baseline and the latest follow-up dated after
it (``needs: follow-up``), or the latest assessment (``needs: baseline``). An incomplete assessment is never
accepted, and an incomplete baseline gives no gain to measure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..i18n import languages, locale, message
from ..models.programme import AcceptanceRule
from ..models.progress import Reason
from ..store.records import AssessmentRecord
from ..store.snapshot import EnterpriseHistory


@dataclass(frozen=True)
class Judgement:
    baseline: AssessmentRecord | None
    judged: AssessmentRecord | None  # the follow-up (or the latest assessment) the rule is applied to
    gain: float | None
    reasons: tuple[Reason, ...]

    @property
    def accepted(self) -> bool:
        return self.judged is not None and not self.reasons


def reason(code: str, **values: float | int | str) -> Reason:
    """A reason with its sentence in every language (numbers rounded once, half up, as every output)."""
    texts = {}
    for lang in languages():
        shown = {
            key: locale(lang).number(value) if isinstance(value, float) else value
            for key, value in values.items()
        }
        texts[lang] = message(f"progress.reason.{code}", lang, **shown)
    return Reason(code=code, text=texts)


def judge(enterprise: EnterpriseHistory, rule: AcceptanceRule, day: dt.date) -> Judgement:
    """The enterprise's acceptance as of ``day`` under ``rule``."""
    baselines = enterprise.assessed_by(day, "baseline")
    baseline = baselines[-1] if baselines else None
    if rule.needs == "follow-up":
        if baseline is None:
            return Judgement(None, None, None, (reason("no_baseline"),))
        follow_ups = [r for r in enterprise.assessed_by(day, "follow-up") if r.date >= baseline.date]
        if not follow_ups:
            return Judgement(baseline, None, None, (reason("no_follow_up"),))
        judged = follow_ups[-1]
    else:
        assessed = enterprise.assessed_by(day)
        if not assessed:
            return Judgement(None, None, None, (reason("no_baseline"),))
        judged = assessed[-1]
    reasons: list[Reason] = []
    if judged.readiness == "incomplete" or judged.overall is None:
        reasons.append(reason(f"incomplete_{judged.kind.replace('-', '_')}"))
        return Judgement(baseline, judged, None, tuple(reasons))
    gain = None
    if baseline is not None and judged is not baseline and baseline.overall is not None:
        gain = judged.overall - baseline.overall if baseline.readiness != "incomplete" else None
    if rule.min_overall is not None and judged.overall < rule.min_overall:
        reasons.append(reason("score", score=judged.overall, min=f"{rule.min_overall:g}"))
    if rule.min_gain is not None:
        if gain is None:
            reasons.append(reason("baseline_incomplete"))
        elif gain < rule.min_gain:
            reasons.append(reason("gain", gain=gain, min=f"{rule.min_gain:g}"))
    if rule.no_major and judged.major:
        reasons.append(reason("major", count=judged.major))
    return Judgement(baseline, judged, gain, tuple(reasons))
