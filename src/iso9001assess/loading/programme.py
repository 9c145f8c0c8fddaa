"""Programme files: parse with positions, validate against the model, then check the rules between fields.

A programme is named by a path, or by the id of a bundled programme (``gd-2022-qms``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..bundled import bundled_dir
from ..errors import InvalidInputError, NotFoundError, Problem
from ..models.programme import Programme
from .documents import Document, PathKey, read_document
from .validation import unsupported_version, validate_model

Issue = tuple[list[PathKey], str]


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
            raise InvalidInputError(
                [document.problem([], "missing schema_version (this library reads schema_version: 1)")]
            )
        if version != 1 or isinstance(version, bool):
            raise InvalidInputError([document.problem(["schema_version"], unsupported_version(version))])
    return validate_model(Programme, document)


def programme_issues(programme: Programme) -> list[Issue]:
    """The rules between fields, each problem with the path of the value at fault."""
    issues: list[Issue] = []
    period = programme.period
    if period.end < period.start:
        issues.append(
            (["period", "end"], f"the period ends ({period.end}) before it starts ({period.start})")
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
                issues.append((["cities", index, "name"], f"the city {name!r} is listed twice"))
            seen.add(name)
        for city in programme.targets.cities:
            if city not in seen:
                issues.append(
                    (
                        ["targets", "cities", city],
                        f"a quota for {city!r}, which is not one of the programme's cities",
                    )
                )
    total = sum(quota.enterprises_helped for quota in programme.targets.cities.values())
    every_city = names is not None and len(programme.targets.cities) == len(names)
    if programme.targets.cities and every_city and total < programme.targets.enterprises_helped:
        issues.append(
            (
                ["targets", "cities"],
                f"the city quotas add up to {total}, fewer than the target of "
                f"{programme.targets.enterprises_helped} enterprises helped",
            )
        )
    return issues


def _cluster_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[str] = set()
    for index, cluster in enumerate(programme.clusters):
        if cluster.id in seen:
            issues.append((["clusters", index, "id"], f"the cluster {cluster.id!r} is listed twice"))
        seen.add(cluster.id)
    return issues


def _phase_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    period = programme.period
    previous: tuple[dt.date, dt.date] | None = None
    seen: set[str] = set()
    for index, (phase, start, end) in enumerate(programme.phase_spans()):
        at: list[PathKey] = ["phases", index]
        if phase.id in seen:
            issues.append(([*at, "id"], f"the phase {phase.id!r} is listed twice"))
        seen.add(phase.id)
        if end < start:
            issues.append(([*at, "end"], f"the phase {phase.id!r} ends ({end}) before it starts ({start})"))
        if start < period.start or end > period.end:
            issues.append(
                (
                    [*at, "start" if start < period.start else "end"],
                    f"the phase {phase.id!r} ({start} to {end}) is outside the period "
                    f"({period.start} to {period.end})",
                )
            )
        if previous is not None and start < previous[0]:
            issues.append(
                ([*at, "start"], f"the phase {phase.id!r} starts ({start}) before the phase listed before it")
            )
        elif previous is not None and start <= previous[1] and not phase.concurrent:
            issues.append(
                (
                    [*at, "start"],
                    f"the phase {phase.id!r} starts ({start}) before the previous phase ends ({previous[1]}); "
                    "write concurrent: true if the two run at the same time",
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
                    f"the staged report date {day} is outside the period ({period.start} to {period.end})",
                )
            )
        if index and day <= programme.staged_reports[index - 1]:
            issues.append(
                (
                    ["staged_reports", index],
                    f"the staged report dates are not in order: {day} comes after "
                    f"{programme.staged_reports[index - 1]}",
                )
            )
    return issues


def _rule_issues(programme: Programme) -> list[Issue]:
    issues: list[Issue] = []
    rule = programme.acceptance
    if rule.needs == "baseline" and rule.min_gain is not None:
        issues.append(
            (
                ["acceptance", "min_gain"],
                "min_gain needs a follow-up to measure a gain: write needs: follow-up",
            )
        )
    benchmark = programme.benchmark
    target = programme.targets.benchmark_enterprises
    if benchmark.top < target:
        issues.append(
            (
                ["benchmark", "top"],
                f"top {benchmark.top} cannot meet the target of {target} benchmark enterprises",
            )
        )
    if benchmark.lab_verdict == "incomplete":
        issues.append((["benchmark", "lab_verdict"], "an incomplete lab assessment never makes a benchmark"))
    return issues
