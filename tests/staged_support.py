"""The fixture programme of the staged-report tests: seven enterprises of the mini checklist across three
cities, assessed before, between and after the staged report dates (2022-06-20, 2022-11-20).

With 8.3-01 not applicable, the mini checklist's overall score is 100 × (2·r1 + r2 + r3) / 16 for the ratings
r1, r2, r3 of 4.1-01 (weight 2), 4.1-02 and 4.3-01 (critical): 6.25 × (2·r1 + r2 + r3).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from fixture_paths import FIXTURES
from store_support import credit_code

PROGRAMME = FIXTURES / "programmes" / "three-cities.yaml"

# name, number (credit code), city, industry, size, has_lab
ENTERPRISES: dict[str, tuple[int, str, str, str, bool]] = {
    "A": (1, "广州市", "electronic-information", "small", True),
    "B": (2, "广州市", "smart-appliances", "micro", False),
    "C": (3, "深圳市", "electronic-information", "medium", True),
    "D": (4, "深圳市", "machinery", "small", False),
    "E": (5, "佛山市", "smart-appliances", "small", True),
    "F": (6, "佛山市", "smart-appliances", "micro", False),
    "G": (7, "广州市", "electronic-information", "small", False),
}

# enterprise, kind, date, (4.1-01, 4.1-02, 4.3-01) (None: not assessed), lab ratings (LAB.1-01, LAB.1-02)
ASSESSMENTS: list[tuple[str, str, str, tuple[int | None, int, int], tuple[int, int] | None]] = [
    ("A", "baseline", "2022-05-10", (2, 2, 2), (2, 2)),  # 50; lab index 50
    ("A", "follow-up", "2022-09-15", (3, 3, 3), (4, 4)),  # 75: gain 25 -> accepted; lab 100
    ("B", "baseline", "2022-04-20", (2, 2, 2), None),  # 50
    ("B", "follow-up", "2022-10-10", (2, 2, 3), None),  # 56.25: gain 6.25 -> not accepted (score, gain)
    ("C", "baseline", "2022-06-01", (4, 4, 4), (4, 4)),  # 100, lab standardized -> benchmark
    ("C", "follow-up", "2022-12-05", (4, 3, 4), (4, 4)),  # 93.75: gain -6.25 -> not accepted; benchmark
    ("D", "baseline", "2022-06-25", (1, 2, 2), None),  # 37.5 (4.1-01 minor)
    ("D", "follow-up", "2022-11-10", (3, 3, 2), None),  # 68.75: gain 31.25 -> accepted
    ("E", "baseline", "2022-05-05", (4, 4, 1), (4, 4)),  # 81.25 with a major (4.3-01 critical at 1)
    ("E", "follow-up", "2022-11-25", (4, 4, 4), (4, 4)),  # 100: gain 18.75 -> accepted; benchmark
    ("F", "baseline", "2022-07-01", (3, 3, None), None),  # incomplete (2 of 3 scored items answered)
    ("F", "follow-up", "2022-10-01", (4, 4, 4), None),  # 100, but the baseline gives no gain
    ("G", "baseline", "2022-12-10", (3, 3, 3), None),  # 75, after both staged reports
]
PLANS_ISSUED = {"A": dt.date(2022, 5, 20), "B": dt.date(2022, 6, 25)}


def answers(enterprise: str, kind: str, date: str, ratings: tuple[Any, ...], lab: Any) -> dict[str, Any]:
    number, city, industry, size, has_lab = ENTERPRISES[enterprise]
    given = dict(zip(("4.1-01", "4.1-02", "4.3-01"), ratings, strict=True))
    answered: dict[str, Any] = {item: rating for item, rating in given.items() if rating is not None}
    answered["8.3-01"] = {"na": True, "justification": "不从事设计开发"}
    if lab is not None:
        answered.update({"LAB.1-01": lab[0], "LAB.1-02": lab[1]})
    return {
        "schema_version": 1,
        "checklist": "mini",
        "enterprise": {
            "name": f"测试企业{enterprise}有限公司",
            "credit_code": credit_code(number),
            "region": {"province": "广东省", "city": city},
            "industry": industry,
            "size": size,
            "has_lab": has_lab,
        },
        "assessment": {"kind": kind, "date": date, "assessor": "测试"},
        "answers": answered,
    }


def write_programme_answers(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for enterprise, kind, date, ratings, lab in ASSESSMENTS:
        path = folder / f"{enterprise}-{kind}-{date}.yaml"
        path.write_text(
            yaml.safe_dump(answers(enterprise, kind, date, ratings, lab), allow_unicode=True), "utf-8"
        )
        paths.append(path)
    return paths


def fill_store(store: Any, folder: Path) -> None:
    """Ingest every assessment and mark the plans issued."""
    report = store.ingest(folder, checklist=None)
    assert report.ok, report.failures
    for enterprise, day in PLANS_ISSUED.items():
        store.mark_plan_issued(credit_code(ENTERPRISES[enterprise][0]), on=day)
