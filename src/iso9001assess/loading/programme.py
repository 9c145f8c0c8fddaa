"""Programme files: parse with positions, validate against the model, then check the rules between fields.

A programme is named by a path, or by the id of a bundled programme (``gd-2022-qms``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..bundled import bundled_dir
from ..errors import InvalidInputError, NotFoundError, Problem
from ..i18n import vocab_codes
from ..i18n.text import Text, said
from ..models.programme import Programme
from .documents import Document, PathKey, read_document
from .validation import unsupported_version, validate_model

Issue = tuple[list[PathKey], Text]


def bundled_programmes() -> dict[str, Path]:
    """The programme files shipped with the package, by id (their file name without ``.yaml``)."""
    folder = bundled_dir("programmes")
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))} if folder.is_dir() else {}


def programme_path(name: str | Path) -> Path:
    """The file of a programme named by a path or by a bundled programme's id."""
    path = Path(name)
    if path.exists() or path.suffix.lower() in (".yaml", ".yml", ".json") or len(path.parts) > 1:
        return path
    bundled = bundled_programmes()
    if str(name) in bundled:
        return bundled[str(name)]
    raise NotFoundError("programme", str(name), list(bundled))


def load_programme(name: str | Path) -> Programme:
    """A validated programme; every problem of the file raised at once as ``InvalidInputError``."""
    document = read_document(programme_path(name))
    programme = _programme_from(document)
    issues = programme_issues(programme)
    if issues:
        raise InvalidInputError(document.problem(path, message) for path, message in issues)
    return programme


def validate_programme_file(name: str | Path) -> list[Problem]:
    """Every problem of a programme file (empty when it is valid)."""
    try:
        load_programme(name)
    except InvalidInputError as exc:
        return list(exc.problems)
    return []


def _programme_from(document: Document) -> Programme:
    data = document.data
    if isinstance(data, dict):
        version = data.get("schema_version")
        if version is None:
            raise InvalidInputError([document.problem([], said("errors.version.missing"))])
        if version != 1 or isinstance(version, bool):
            raise InvalidInputError([document.problem(["schema_version"], unsupported_version(version))])
    return validate_model(Programme, document)


def programme_issues(programme: Programme) -> list[Issue]:
    """The rules between fields, each problem with the path of the value at fault."""
    issues: list[Issue] = []
    period = programme.period
    if period.end < period.start:
        issues.append(
            (["period", "end"], said("errors.programme.period_reversed", start=period.start, end=period.end))
        )
    issues += _city_issues(programme)
    issues += _cluster_issues(programme)
    issues += _phase_issues(programme)
    issues += _report_issues(programme)
    issues += _rule_issues(programme)
    return issues


def _city_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    names = programme.city_names()
    if names is not None:
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name in seen:
                issues.append(
                    (["cities", index, "name"], said("errors.programme.city_twice", city=repr(name)))
                )
            seen.add(name)
        for city in programme.targets.cities:
            if city not in seen:
                # The one city rule says which listed city a quota written otherwise means (佛山 -> 佛山市).
                meant = programme.city_index.find(city) if programme.city_index else None
                issue = (
                    said("errors.programme.quota_city_meant", city=repr(city), meant=meant)
                    if meant
                    else said("errors.programme.quota_unknown_city", city=repr(city))
                )
                issues.append((["targets", "cities", city], issue))
    total = sum(quota.enterprises_helped for quota in programme.targets.cities.values())
    every_city = names is not None and len(programme.targets.cities) == len(names)
    if programme.targets.cities and every_city and total < programme.targets.enterprises_helped:
        issues.append(
            (
                ["targets", "cities"],
                said(
                    "errors.programme.quotas_short", total=total, target=programme.targets.enterprises_helped
                ),
            )
        )
    return issues


def _cluster_issues(programme: Programme) -> list[Issue]:
    """Clusters listed twice; a listed industry that is not an industry code (of the package or of a plugin in
    use); an industry two clusters claim (an enterprise would belong to the first alone)."""
    issues: list[Issue] = []
    seen: set[str] = set()
    known = vocab_codes("industry")
    claimed: dict[str, str] = {}
    for index, cluster in enumerate(programme.clusters):
        if cluster.id in seen:
            issues.append(
                (["clusters", index, "id"], said("errors.programme.cluster_twice", cluster=repr(cluster.id)))
            )
        seen.add(cluster.id)
        for position, industry in enumerate(cluster.covers()):
            at: list[PathKey] = ["clusters", index, "industries", position]
            if cluster.industries is None:
                at = ["clusters", index, "id"]
            elif industry not in known:
                issues.append(
                    (
                        at,
                        said(
                            "errors.programme.unknown_industry",
                            cluster=repr(cluster.id),
                            industry=repr(industry),
                            known=", ".join(known),
                        ),
                    )
                )
                continue
            other = claimed.setdefault(industry, cluster.id)
            if other != cluster.id:
                issues.append(
                    (
                        at,
                        said(
                            "errors.programme.industry_twice",
                            industry=repr(industry),
                            other=repr(other),
                            cluster=repr(cluster.id),
                        ),
                    )
                )
    return issues


def _phase_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    period = programme.period
    previous: tuple[dt.date, dt.date] | None = None
    seen: set[str] = set()
    for index, (phase, start, end) in enumerate(programme.phase_spans()):
        at: list[PathKey] = ["phases", index]
        shown = repr(phase.id)
        if phase.id in seen:
            issues.append(([*at, "id"], said("errors.programme.phase_twice", phase=shown)))
        seen.add(phase.id)
        if end < start:
            issues.append(
                ([*at, "end"], said("errors.programme.phase_reversed", phase=shown, start=start, end=end))
            )
        if start < period.start or end > period.end:
            issues.append(
                (
                    [*at, "start" if start < period.start else "end"],
                    said(
                        "errors.programme.phase_outside",
                        phase=shown,
                        start=start,
                        end=end,
                        period_start=period.start,
                        period_end=period.end,
                    ),
                )
            )
        if previous is not None and start < previous[0]:
            issues.append(
                ([*at, "start"], said("errors.programme.phase_before_listed", phase=shown, start=start))
            )
        elif previous is not None and start <= previous[1] and not phase.concurrent:
            issues.append(
                (
                    [*at, "start"],
                    said(
                        "errors.programme.phase_overlap", phase=shown, start=start, previous_end=previous[1]
                    ),
                )
            )
        previous = (start, end)
    return issues


def _report_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    period = programme.period
    for index, day in enumerate(programme.staged_reports):
        if not period.start <= day <= period.end:
            issues.append(
                (
                    ["staged_reports", index],
                    said("errors.programme.report_outside", day=day, start=period.start, end=period.end),
                )
            )
        if index and day <= programme.staged_reports[index - 1]:
            issues.append(
                (
                    ["staged_reports", index],
                    said(
                        "errors.programme.reports_out_of_order",
                        day=day,
                        previous=programme.staged_reports[index - 1],
                    ),
                )
            )
    return issues


def _rule_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    rule = programme.acceptance
    if rule.needs == "baseline" and rule.min_gain is not None:
        issues.append((["acceptance", "min_gain"], said("errors.programme.min_gain_needs_follow_up")))
    benchmark = programme.benchmark
    target = programme.targets.benchmark_enterprises
    if benchmark.top < target:
        issues.append(
            (["benchmark", "top"], said("errors.programme.top_too_small", top=benchmark.top, target=target))
        )
    if benchmark.lab_verdict == "incomplete":
        issues.append((["benchmark", "lab_verdict"], said("errors.programme.incomplete_lab")))
    return issues
