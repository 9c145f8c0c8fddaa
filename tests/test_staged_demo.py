"""The programme year of ``demo``: generated the same way each time, recorded in a store, and its staged
reports' figures equal to a recount made straight from the store's tables."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import openpyxl

import iso9001assess as qa
from iso9001assess.staged.demo import run_programme_demo

ENTERPRISES = 30


def recount(database: Path, day: dt.date) -> dict[str, int]:
    """Enrolled, diagnosed, followed up and accepted (the GD rule: follow-up complete, ≥ 60, gain ≥ 10, no
    major) as of ``day``, from the assessments table alone."""
    rows = sqlite3.connect(database).execute(
        "SELECT enterprise_id, kind, assessed_on, overall, readiness, major FROM assessments "
        "WHERE superseded_by IS NULL AND assessed_on <= ? ORDER BY assessed_on, id",
        (day.isoformat(),),
    )
    by_enterprise: dict[int, list[tuple[str, str, float | None, str, int]]] = defaultdict(list)
    for enterprise, kind, date, overall, readiness, major in rows:
        by_enterprise[enterprise].append((kind, date, overall, readiness, major))
    accepted = 0
    for assessments in by_enterprise.values():
        baselines = [a for a in assessments if a[0] == "baseline"]
        follow_ups = [
            a for a in assessments if a[0] == "follow-up" and baselines and a[1] >= baselines[-1][1]
        ]
        if not follow_ups:
            continue
        base, last = baselines[-1], follow_ups[-1]
        complete = all(a[3] != "incomplete" and a[2] is not None for a in (base, last))
        if complete and last[2] >= 60 and last[2] - base[2] >= 10 and last[4] == 0:  # type: ignore[operator]
            accepted += 1
    return {
        "enrolled": len(by_enterprise),
        "diagnosed": sum(any(a[0] == "baseline" for a in v) for v in by_enterprise.values()),
        "followed_up": sum(any(a[0] == "follow-up" for a in v) for v in by_enterprise.values()),
        "accepted": accepted,
    }


def test_the_programme_year_is_reproducible_and_recounts(tmp_path: Path) -> None:
    lines = list(run_programme_demo(tmp_path / "one", lang="en", enterprises=ENTERPRISES))
    list(run_programme_demo(tmp_path / "two", lang="en", enterprises=ENTERPRISES))
    folder = tmp_path / "one" / "programme"
    assert lines[1].endswith(f"programme.db: {ENTERPRISES} enterprises; {lines[1].split('; ')[1]}")
    names = sorted(path.name for path in folder.iterdir() if path.suffix in (".json", ".xlsx"))
    expected = [
        f"progress-{day}-{scope}.{fmt}"
        for day in ("2022-06-20", "2022-11-20")
        for scope in ("guangzhou", "province")
        for fmt in ("json", "xlsx")
    ]
    assert names == sorted(expected)
    cities = set(qa.load_programme("gd-2022-qms").city_names() or [])
    for day in (dt.date(2022, 6, 20), dt.date(2022, 11, 20)):
        report = json.loads((folder / f"progress-{day}-province.json").read_text(encoding="utf-8"))
        again = json.loads(
            (tmp_path / "two" / "programme" / f"progress-{day}-province.json").read_text("utf-8")
        )
        assert report == again  # the same seed, the same programme
        totals = report["figures"]["totals"]
        assert {key: totals[key] for key in ("enrolled", "diagnosed", "followed_up", "accepted")} == recount(
            folder / "programme.db", day
        )
        assert {group["key"] for group in report["figures"]["by_city"]} == cities
        assert (
            sum(group["counts"]["enrolled"] for group in report["figures"]["by_city"]) == totals["enrolled"]
        )
    later = json.loads((folder / "progress-2022-11-20-province.json").read_text(encoding="utf-8"))["figures"]
    assert later["totals"]["enrolled"] == ENTERPRISES  # every baseline is dated April to September
    assert later["previous_report"] == "2022-06-20"
    city = json.loads((folder / "progress-2022-11-20-guangzhou.json").read_text(encoding="utf-8"))["figures"]
    guangzhou = next(group for group in later["by_city"] if group["key"] == "广州市")
    assert city["totals"] == guangzhou["counts"]  # the city's report is the province's row for it
    workbook = openpyxl.load_workbook(folder / "progress-2022-11-20-province.xlsx")
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Accepted"] == later["totals"]["accepted"]


def test_the_demo_enterprises_name_industry_codes_their_clusters_cover(tmp_path: Path) -> None:
    list(run_programme_demo(tmp_path, lang="en", enterprises=ENTERPRISES))
    programme = qa.load_programme("gd-2022-qms")
    industries = [
        industry
        for (industry,) in sqlite3.connect(tmp_path / "programme" / "programme.db").execute(
            "SELECT industry FROM enterprises"
        )
    ]
    assert len(industries) == ENTERPRISES
    clustered = [industry for industry in industries if industry != "other"]
    assert clustered  # nine in ten enterprises are given a cluster's industry
    covers = {cluster.id: cluster.covers() for cluster in programme.clusters}
    # Each one an industry its cluster covers: one of the codes the cluster lists (what an answers file names),
    # its id only for a cluster that lists none.
    for industry in clustered:
        cluster = programme.cluster_of(industry)
        assert cluster is not None and industry in covers[cluster], industry
    listing = {code for cluster in programme.clusters if cluster.industries for code in cluster.industries}
    assert listing & set(clustered), clustered  # the clusters that list codes are given codes
