"""Benchmark-enterprise candidates: which enterprises qualify, and in what order they are ranked.

The rule is data (a frozen model), so it is shown in the report next to the candidates it picked, serialised
with the portfolio, and set from the command line or the API.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field

from ..i18n import has_message, locale, message
from ..i18n.collation import NameKey, name_key
from ..models.base import FrozenModel
from .summary import EnterpriseSummary


class BenchmarkRule(FrozenModel):
    """An enterprise is a candidate when it meets every condition; candidates are ranked, the first ``top`` kept.

    Ranking: overall score (high first), then lab capability index (high first, none last), then fewer
    minor findings, then fewer observations, then name — so the order is total and reproducible.
    """

    min_overall: float = Field(default=80.0, ge=0, le=100)
    max_major: int = Field(default=0, ge=0)
    max_minor: int | None = Field(default=None, ge=0)
    require_lab: bool = True
    min_lab: float | None = Field(default=70.0, ge=0, le=100)
    top: int = Field(default=30, ge=1)

    def reasons_against(self, summary: EnterpriseSummary) -> list[str]:
        """Why ``summary`` is not a candidate (empty when it is)."""
        reasons = []
        if summary.incomplete:
            reasons.append("assessment incomplete")
        if summary.overall is None or summary.overall < self.min_overall:
            reasons.append(f"overall below {self.min_overall:g}")
        if summary.major > self.max_major:
            reasons.append(f"more than {self.max_major} major finding(s)")
        if self.max_minor is not None and summary.minor > self.max_minor:
            reasons.append(f"more than {self.max_minor} minor finding(s)")
        has_index = summary.has_lab and summary.lab_index is not None
        if self.require_lab and not has_index:
            reasons.append("no laboratory" if not summary.has_lab else "no lab capability index")
        if self.require_lab and has_index and summary.lab_verdict == "incomplete":
            reasons.append("laboratory assessment incomplete")
        if self.min_lab is not None and has_index and (summary.lab_index or 0.0) < self.min_lab:
            reasons.append(f"lab capability index below {self.min_lab:g}")
        return reasons

    def admits(self, summary: EnterpriseSummary) -> bool:
        return not self.reasons_against(summary)

    def describe(self, lang: str = "en") -> str:
        """The rule in words, as the report prints it."""
        conditions = [
            message("portfolio.rule.overall", lang, min=self.min_overall),
            _at_most("portfolio.rule.major", self.max_major, lang),
        ]
        if self.max_minor is not None:
            conditions.append(_at_most("portfolio.rule.minor", self.max_minor, lang))
        if self.require_lab:
            conditions.append(message("portfolio.rule.lab", lang))
        if self.min_lab is not None:
            conditions.append(message("portfolio.rule.min_lab", lang, min=self.min_lab))
        return message(
            "portfolio.rule.sentence", lang, conditions=locale(lang).join(conditions), top=self.top
        )


def _at_most(key: str, count: int, lang: str) -> str:
    """ "at most N findings", said as a person would for none and for one ("no major finding")."""
    exact = f"{key}.{count}"
    return message(exact, lang) if has_message(exact) else message(key, lang, count=count)


def _rank_key(summary: EnterpriseSummary) -> tuple[float, float, int, int, NameKey, str]:
    lab = summary.lab_index if summary.lab_index is not None else -1.0
    name = name_key(summary.name)  # equal scores: in the reader's (pinyin) order
    return (-(summary.overall or 0.0), -lab, summary.minor, summary.observation, name, summary.source)


def select_candidates(
    summaries: Iterable[EnterpriseSummary], rule: BenchmarkRule
) -> tuple[list[EnterpriseSummary], int]:
    """The ranked candidates (at most ``rule.top``) and how many enterprises met the rule in all."""
    eligible = sorted((s for s in summaries if rule.admits(s)), key=_rank_key)
    return eligible[: rule.top], len(eligible)
