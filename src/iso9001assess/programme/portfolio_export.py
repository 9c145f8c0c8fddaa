"""Writing a portfolio: JSON (the model as is), CSV (one figure per row), PDF (the agency report)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import NotFoundError
from ..exporters.csv_table import csv_bytes
from ..files import atomic_write
from ..models.base import localize
from ..rounding import round_half_up
from .portfolio import GroupStats, Portfolio

PORTFOLIO_FORMATS = ("pdf", "csv", "json")
CSV_COLUMNS = ("table", "key", "metric", "value")


def check_portfolio_format(fmt: str) -> None:
    if fmt not in PORTFOLIO_FORMATS:
        raise NotFoundError("portfolio_format", fmt, PORTFOLIO_FORMATS)


def portfolio_format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    check_portfolio_format(suffix)
    return suffix


def portfolio_json(portfolio: Portfolio) -> bytes:
    return (portfolio.model_dump_json(indent=2) + "\n").encode("utf-8")


Row = tuple[str, str, str, object]


def _groups(table: str, groups: tuple[GroupStats, ...]) -> Iterator[Row]:
    for group in groups:
        key = group.key if group.key is not None else ""
        for metric in (
            "enterprises",
            "mean_overall",
            "mean_lab",
            "ready",
            "conditionally_ready",
            "not_ready",
            "incomplete",
        ):
            yield table, key, metric, getattr(group, metric)
        yield table, key, "benchmark_candidates", group.candidates


def portfolio_rows(portfolio: Portfolio, lang: str = "zh") -> Iterator[Row]:
    """Every figure of the portfolio as (table, key, metric, value): easy to filter in a spreadsheet."""
    p = portfolio
    yield "overview", "", "assessments", p.assessments
    yield "overview", "", "enterprises", p.enterprises
    yield "overview", "", "incomplete", p.incomplete  # counted apart: in no score figure below
    yield "overview", "", "given_twice", p.given_twice  # the same assessment given twice, counted once
    yield "overview", "", "checklists", " ".join(p.checklists)
    yield "overview", "", "strategies", " ".join(p.strategies)
    for metric in ("mean", "median", "min", "max"):
        yield "overview", "", f"overall_{metric}", getattr(p.overall, metric)
    yield "overview", "", "not_scored", p.not_scored
    for grade, found in p.findings.items():
        yield "overview", "", f"findings_{grade}", found
    for bin_ in p.score_distribution:
        yield "score_distribution", bin_.label, "enterprises", bin_.count
    for count in p.maturity:
        yield "maturity", count.key, "enterprises", count.count
    for count in p.readiness:
        yield "readiness", count.key, "enterprises", count.count
    yield from _groups("by_city", p.by_city)
    yield from _groups("by_industry", p.by_industry)
    yield from _groups("by_size", p.by_size)
    for clause in p.weak_clauses:
        yield "weak_clauses", clause.id, "title", localize(clause.title, lang)
        for metric in ("assessed", "weak", "share", "mean_score"):
            yield "weak_clauses", clause.id, metric, getattr(clause, metric)
    lab = p.lab
    yield "lab", "", "with_lab", lab.with_lab
    yield "lab", "", "without_lab", lab.without_lab
    for metric in ("mean", "median", "min", "max"):
        yield "lab", "", f"index_{metric}", getattr(lab.index, metric)
    yield "lab", "", f"index_at_or_above_{lab.threshold:g}", lab.at_or_above
    yield "lab", "", "incomplete", lab.incomplete
    for bin_ in lab.distribution:
        yield "lab_distribution", bin_.label, "enterprises", bin_.count
    improvement = p.improvement
    for metric in ("pairs", "improved", "unchanged", "declined", "mean_delta", "incomplete"):
        yield "improvement", "", metric, getattr(improvement, metric)
    for pair in improvement.enterprises:
        key = pair.credit_code or pair.name
        for metric in ("name", "baseline_overall", "followup_overall", "delta", "baseline_maturity"):
            yield "improvement_by_enterprise", key, metric, getattr(pair, metric)
        for metric in ("followup_maturity", "baseline_findings", "followup_findings"):
            yield "improvement_by_enterprise", key, metric, getattr(pair, metric)
    yield "benchmark", "", "rule", p.benchmark_rule.describe(lang)
    yield "benchmark", "", "eligible", p.eligible
    for candidate in p.benchmark_candidates:
        key = str(candidate.rank)
        for metric in ("name", "credit_code", "city", "industry", "size", "overall", "lab_index"):
            yield "benchmark_candidates", key, metric, getattr(candidate, metric)
        for metric in ("maturity_level", "readiness", "minor", "observation", "source"):
            yield "benchmark_candidates", key, metric, getattr(candidate, metric)


def _shown(row: Row) -> Row:
    """A figure as the CSV shows it: scores with one decimal and shares with four, each rounded once, half up
    (the portfolio itself keeps full precision)."""
    table, key, metric, value = row
    if isinstance(value, float):
        return table, key, metric, round_half_up(value, 4 if metric == "share" else 1)
    return row


def portfolio_csv(portfolio: Portfolio, lang: str = "zh") -> bytes:
    return csv_bytes(CSV_COLUMNS, (_shown(row) for row in portfolio_rows(portfolio, lang)))


def write_portfolio(
    portfolio: Portfolio,
    path: str | Path,
    *,
    format: str | None = None,
    lang: str = "zh",
    font: str | Path | None = None,
) -> Path:
    """Write ``portfolio`` to ``path`` whole or not at all; the format comes from ``format`` or the suffix."""
    fmt = format or portfolio_format_for(path)
    check_portfolio_format(fmt)
    with atomic_write(path) as out:
        if fmt == "json":
            out.write(portfolio_json(portfolio))
        elif fmt == "csv":
            out.write(portfolio_csv(portfolio, lang))
        else:
            from .portfolio_pdf import write_portfolio_pdf

            write_portfolio_pdf(portfolio, out, lang=lang, font=Path(font) if font else None)
    return Path(path)
