"""``iso9001assess demo``: the whole job on the bundled sample enterprises.

One diagnostic report per enterprise (PDF and JSON), summary.csv, the portfolio report (PDF, CSV, JSON), and
for each enterprise assessed twice the follow-up comparison (text, JSON, PDF) and a follow-up report that
shows the progress since the baseline. Yields lines that say what was written where.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import api
from ..bundled import bundled_dir
from ..files import atomic_write
from ..i18n import message
from ..plugin_manager import get_registry
from .summary import EnterpriseSummary

INPUT_SUFFIXES = (".yaml", ".yml", ".json")


def sample_files(directory: Path | None = None) -> list[Path]:
    folder = directory or bundled_dir("samples")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in INPUT_SUFFIXES and not p.name.startswith("."))


def follow_up_pairs(summaries: list[EnterpriseSummary]) -> list[tuple[EnterpriseSummary, EnterpriseSummary]]:
    """Per enterprise assessed more than once: its first baseline and its latest follow-up."""
    by_identity: dict[str, list[EnterpriseSummary]] = {}
    for summary in summaries:
        by_identity.setdefault(summary.identity, []).append(summary)
    pairs = []
    for assessments in by_identity.values():
        dated = sorted(assessments, key=lambda s: (s.assessment_date is None, s.assessment_date, s.source))
        baselines = [s for s in dated if s.assessment_kind == "baseline"]
        followups = [s for s in dated if s.assessment_kind == "follow-up"]
        if baselines and followups:
            pairs.append((baselines[0], followups[-1]))
    return pairs


def run_demo(
    output: Path, samples: Path | None = None, lang: str = "zh", jobs: int | None = None
) -> Iterator[str]:
    """Run the demo into ``output``; yields one line per step, the last ones saying where everything is."""
    from .batch import batch
    from .compare import compare, comparison_json, comparison_text
    from .inputs import result_from_file

    files = sample_files(samples)
    if not files:
        from ..errors import InvalidInputError
        from ..i18n import said

        raise InvalidInputError.single(str(samples or bundled_dir("samples")), said("errors.run.no_samples"))
    has_pdf = "pdf" in get_registry().exporters
    formats = ["pdf", "json"] if has_pdf else ["json"]
    yield message("cli.demo.diagnosing", lang, count=len(files), formats=", ".join(formats))
    report = batch(
        files,
        output,
        formats=formats,
        jobs=jobs,
        lang=lang,
        portfolio_formats=["pdf", "csv", "json"],
        on_failure=lambda failure: None,
    )
    for failure in report.failures:
        for problem in failure.problems:
            yield message("cli.demo.problem", lang, problem=problem.localized(lang))
    by_source = {path.stem: path for path in files}
    comparisons: list[Path] = []
    for before, after in follow_up_pairs(report.summaries):
        baseline = result_from_file(by_source[before.source])
        followup = result_from_file(by_source[after.source])
        comparison = compare(baseline, followup)
        stem = f"{after.source}-comparison"
        with atomic_write(output / f"{stem}.txt") as out:
            out.write(comparison_text(comparison, lang).encode("utf-8"))
        with atomic_write(output / f"{stem}.json") as out:
            out.write(comparison_json(comparison))
        comparisons += [output / f"{stem}.txt", output / f"{stem}.json"]
        if has_pdf:
            from .compare_pdf import write_comparison_pdf

            comparisons.append(write_comparison_pdf(comparison, output / f"{stem}.pdf", lang=lang))
            # The follow-up's own report, now with its progress since the baseline.
            api.export(followup, output / f"{after.source}.pdf", format="pdf", lang=lang, baseline=baseline)
        yield message(
            "cli.demo.follow_up",
            lang,
            name=after.name,
            before=before.overall,
            after=after.overall,
            closed=len(comparison.closed),
            new=len(comparison.new),
            persisting=len(comparison.persisting),
        )
    reports = [output / f"{s.source}.{fmt}" for s in report.summaries for fmt in formats]
    yield ""
    yield message("cli.demo.everything", lang, path=output.resolve())
    names = ", ".join(sorted({p.name for p in reports if p.suffix == f".{formats[0]}"}))
    yield message("cli.demo.reports", lang, count=len(report.summaries), names=names)
    if comparisons:
        yield message("cli.demo.comparisons", lang, names=", ".join(p.name for p in comparisons))
    yield message("cli.demo.summary", lang, path=report.summary_path)
    for path in report.portfolio_paths:
        yield message("cli.demo.portfolio", lang, path=path)
    if report.errors_path:
        yield message("cli.demo.problems", lang, path=report.errors_path)
