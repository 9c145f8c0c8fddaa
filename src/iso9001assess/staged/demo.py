"""The programme part of ``iso9001assess demo``: a realistic programme year, generated and reported.

A few hundred enterprises of the bundled Guangdong programme (``gd-2022-qms``), spread over its 21 cities (in
proportion to their quotas) and its 20 clusters, are assessed against the base checklist: baselines from
April to September 2022, follow-ups two to five months later for most of them, plans handed over a week or two
after the baseline. Everything is drawn from one seeded generator, so the same run gives the same programme.
The assessments go straight into a store (scores only: no per-enterprise report), and the staged reports of
6/20 and 11/20 are written for the province and for one city, in every format installed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..i18n import message
from ..loading.programme import load_programme
from ..models.answers import Answers
from ..models.checklist import Checklist
from ..models.credit_code import check_character
from ..models.programme import Programme
from ..plugin_manager import get_registry
from ..programme.record import ScoredFile, scored_file
from ..store import Store
from .outputs import RENDERERS, render
from .report import progress_report

DEMO_PROGRAMME = "gd-2022-qms"
DEMO_CITY = "广州市"
ENTERPRISES = 400
SEED = 20220304  # the notice's date
SIZES = (("micro", 0.3), ("small", 0.45), ("medium", 0.25))
SURNAMES = "华信达美创新源恒盛科力通嘉联宏捷瑞安泰鸿兴德"
TRADES = ("电子", "精密", "智能", "材料", "科技", "实业", "制造", "电器", "新能源", "生物")


def _credit_code(number: int) -> str:
    body = f"9144{number:013d}"[:17]
    return body + check_character(body)


def _weighted(rng: random.Random, choices: list[tuple[str, float]]) -> str:
    return rng.choices([choice for choice, _ in choices], weights=[weight for _, weight in choices])[0]


class _Generator:
    def __init__(self, programme: Programme, checklist: Checklist, seed: int) -> None:
        self.rng = random.Random(seed)
        self.programme, self.checklist = programme, checklist
        quotas = programme.targets.cities
        self.cities = [
            (name, float(quotas[name].enterprises_helped if name in quotas else 20))
            for name in programme.city_names() or [DEMO_CITY]
        ]
        self.items = [item for item, _section in checklist.iter_items() if item.scored]
        self.strategy = get_registry().strategies["weighted"].value

    def enterprise(self, number: int) -> dict[str, Any]:
        rng = self.rng
        cluster = rng.choice(self.programme.clusters) if self.programme.clusters else None
        name = "".join(rng.sample(SURNAMES, 2)) + rng.choice(TRADES)
        city = _weighted(rng, self.cities)
        # An industry code the cluster covers (as an answers file names it), taken without a draw of its own so
        # that every other value of the demo stays as it was.
        covered = cluster.covers() if cluster is not None else [None]
        return {
            "name": f"{city[:-1]}{name}有限公司{number:03d}",
            "credit_code": _credit_code(number),
            "region": {"province": "广东省", "city": city},
            "industry": covered[number % len(covered)] if rng.random() < 0.9 else "other",
            "size": _weighted(rng, list(SIZES)),
            "has_lab": rng.random() < 0.6,
        }

    def answers(self, enterprise: dict[str, Any], kind: str, date: dt.date, ability: float) -> Answers:
        rng = self.rng
        incomplete = rng.random() < 0.03
        ratings: dict[str, Any] = {}
        for item in self.items:
            if item.is_lab and not enterprise["has_lab"]:
                continue
            if incomplete and rng.random() < 0.35:
                continue  # not assessed: the assessment stays provisional
            rating = round(rng.gauss(ability * 4, 0.9))
            ratings[item.id] = max(0, min(4, rating))
        return Answers.model_validate(
            {
                "schema_version": 1,
                "checklist": self.checklist.id,
                "enterprise": enterprise,
                "assessment": {"kind": kind, "date": date.isoformat(), "assessor": "示例评价员"},
                "answers": ratings,
            }
        )

    def scored(self, answers: Answers, source: str) -> ScoredFile:
        result = self.strategy.score(self.checklist, answers)
        digest = hashlib.sha256(
            json.dumps(answers.model_dump(mode="json"), sort_keys=True).encode()
        ).hexdigest()
        return scored_file(source, digest, answers, result)


def generate_programme(
    store: Store, enterprises: int = ENTERPRISES, seed: int = SEED, programme: Programme | None = None
) -> tuple[int, int]:
    """Fill ``store`` with a programme year; returns (enterprises, assessments) recorded."""
    programme = programme or load_programme(DEMO_PROGRAMME)
    checklist = get_registry().checklists.get(programme.checklist)
    generator = _Generator(programme, checklist, seed)
    rng = generator.rng
    files: list[ScoredFile] = []
    plans: list[tuple[str, dt.date]] = []
    for number in range(1, enterprises + 1):
        enterprise = generator.enterprise(number)
        ability = rng.uniform(0.3, 0.85)
        baseline_on = dt.date(2022, 4, 1) + dt.timedelta(days=rng.randrange(0, 183))  # April to September
        answers = generator.answers(enterprise, "baseline", baseline_on, ability)
        files.append(generator.scored(answers, f"demo-{number:04d}-baseline.yaml"))
        if rng.random() < 0.9:
            plans.append((enterprise["credit_code"], baseline_on + dt.timedelta(days=rng.randrange(7, 21))))
        if rng.random() < 0.8:
            follow_up_on = baseline_on + dt.timedelta(days=rng.randrange(60, 150))
            if follow_up_on <= dt.date(2022, 12, 20):
                improved = min(0.98, ability + rng.uniform(0.05, 0.35))
                answers = generator.answers(enterprise, "follow-up", follow_up_on, improved)
                files.append(generator.scored(answers, f"demo-{number:04d}-follow-up.yaml"))
    store.record_all(files)
    for code, day in plans:
        store.mark_plan_issued(code, on=day)
    return enterprises, len(files)


def run_programme_demo(
    output: Path, lang: str = "zh", enterprises: int = ENTERPRISES, seed: int = SEED
) -> Iterator[str]:
    """Generate the programme into ``output/programme/programme.db`` and write its staged reports there."""
    folder = output / "programme"
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "programme.db"
    database.unlink(missing_ok=True)  # a new programme each run: the same seed gives the same one
    programme = load_programme(DEMO_PROGRAMME)
    yield message("cli.demo.generating", lang, count=enterprises, programme=programme.id)
    with Store(database) as store:
        count, assessments = generate_programme(store, enterprises, seed, programme)
        yield message("cli.demo.generated", lang, database=database, count=count, assessments=assessments)
        formats = sorted(RENDERERS)
        for day in programme.staged_reports:
            for city in (None, DEMO_CITY):
                report = progress_report(store, programme, day, city, lang)
                stem = f"progress-{day.isoformat()}-{'province' if city is None else 'guangzhou'}"
                for fmt in formats:
                    path = folder / f"{stem}.{fmt}"
                    render(report.figures, report.narrative, lang, path)
                    yield message("cli.status.wrote", lang, path=path)
