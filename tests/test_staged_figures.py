"""The staged report's figures recounted by hand from the fixture programme (tests/staged_support.py): seven
enterprises in three cities, assessed before, between and after the staged report dates 2022-06-20 and
2022-11-20. Every expected number below is derived in the comments from the assessments listed there."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.store import Store
from staged_support import PROGRAMME, fill_store, write_programme_answers

COUNTS = (
    "enrolled",
    "diagnosed",
    "plans_issued",
    "followed_up",
    "accepted",
    "benchmark_candidates",
    "actions_open",
    "actions_overdue",
    "actions_verified",
)

# Actions (one per baseline finding; due = date + the recommendation's timeframe where it has one):
#   E 4.3-01 opened 05-05 due 05-19, verified 11-25;  A five actions opened 05-10 (4.1-01 due 07-09), verified
#   09-15;  B 4.1-01 (due 06-19) and 4.1-02 open throughout, 4.3-01 verified 10-10;  D 4.1-01 (due 07-25) and
#   4.1-02 opened 06-25, verified 11-10, 4.3-01 open throughout.
EXPECTED: dict[str, tuple[int, ...]] = {
    # 06-01: baselines of B (04-20), E (05-05), A (05-10), C (06-01); A's plan issued 05-20; C (100, lab
    # standardized) is the one benchmark candidate. Actions: E 1 + A 5 + B 3 = 9 open; E's overdue.
    "2022-06-01": (4, 4, 1, 0, 0, 1, 9, 1, 0),
    # 06-20 (the first staged report): the same, and B's 4.1-01 (due 06-19) overdue too.
    "2022-06-20": (4, 4, 1, 0, 0, 1, 9, 2, 0),
    # 08-01: D (06-25) and F (07-01, incomplete) diagnosed; B's plan issued 06-25; D's 3 actions open; A's
    # 4.1-01 (07-09) and D's 4.1-01 (07-25) overdue too.
    "2022-08-01": (6, 6, 2, 0, 0, 1, 12, 4, 0),
    # 11-20: follow-ups of A (75, gain 25: accepted), F (100, baseline incomplete: not), B (56.25, gain 6.25:
    # not), D (68.75, gain 31.25: accepted). Verified: A 5, B 1, D 2 = 8; open: E 1, B 2, D 1 = 4; overdue:
    # E's and B's 4.1-01.
    "2022-11-20": (6, 6, 2, 4, 2, 1, 4, 2, 8),
    # 12-31: E followed up 11-25 (100, gain 18.75: accepted), C 12-05 (93.75, gain -6.25: not), G's baseline
    # 12-10. Benchmark: C (93.75) and E (100), both lab standardized. E's action verified: 9; open 3; B's
    # 4.1-01 overdue.
    "2022-12-31": (7, 7, 2, 6, 3, 2, 3, 1, 9),
}


def counts(figures: qa.ProgressFigures) -> tuple[int, ...]:
    return tuple(getattr(figures.totals, name) for name in COUNTS)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("staged")
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(folder / "answers")
    store = Store(f"sqlite:///{folder / 'programme.db'}")
    fill_store(store, folder / "answers")
    return store


@pytest.fixture
def programme() -> qa.Programme:
    add_local_plugins([str(FIXTURE_PLUGIN)])  # the clause titles come from the mini checklist
    return qa.load_programme(PROGRAMME)


def test_counts_before_between_on_and_after_the_staged_dates_sqlite_and_postgresql(
    store_url: str, tmp_path: Path
) -> None:
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(tmp_path / "answers")
    with Store(store_url) as fresh:
        fill_store(fresh, tmp_path / "answers")
        for day, expected in EXPECTED.items():
            figures = qa.progress(PROGRAMME, db=fresh, as_of=dt.date.fromisoformat(day))
            assert counts(figures) == expected, day


def test_change_since_the_previous_staged_report(store: Store, programme: qa.Programme) -> None:
    before = qa.progress(programme, db=store, as_of=dt.date(2022, 6, 1))
    assert before.previous_report is None and before.change is None
    between = qa.progress(programme, db=store, as_of=dt.date(2022, 8, 1))
    assert between.previous_report == dt.date(2022, 6, 20)
    assert between.previous is not None and counts_of(between.previous) == EXPECTED["2022-06-20"]
    assert between.change is not None
    # 08-01 minus 06-20: +2 enrolled, +2 diagnosed, +1 plan, +3 open, +2 overdue.
    assert counts_of(between.change) == (2, 2, 1, 0, 0, 0, 3, 2, 0)
    after = qa.progress(programme, db=store, as_of=dt.date(2022, 12, 31))
    assert after.previous_report == dt.date(2022, 11, 20)
    assert after.change is not None and counts_of(after.change) == (1, 1, 0, 2, 1, 1, -1, -1, 1)
    # On a staged date the previous report is the one before it, not the day itself.
    assert qa.progress(programme, db=store, as_of=dt.date(2022, 11, 20)).previous_report == dt.date(
        2022, 6, 20
    )


def counts_of(value: qa.ProgressFigures | object) -> tuple[int, ...]:
    return tuple(getattr(value, name) for name in COUNTS)


def test_by_city_against_quotas_and_by_cluster_and_size(store: Store, programme: qa.Programme) -> None:
    figures = qa.progress(programme, db=store, as_of=dt.date(2022, 11, 20))
    by_city = {
        group.key: (group.counts.enrolled, group.counts.accepted, group.quota) for group in figures.by_city
    }
    # Guangzhou: A, B (G only in December), A accepted; Shenzhen: C, D, D accepted; Foshan: E, F, none yet;
    # Dongguan is listed with its zeros (no quota set).
    assert by_city == {"广州市": (2, 1, 2), "深圳市": (2, 1, 2), "佛山市": (2, 0, 1), "东莞市": (0, 0, None)}
    by_cluster = {group.key: group.counts.enrolled for group in figures.by_cluster}
    # electronic-information: A, C; smart-appliances: B, E, F; D (machinery) is in no cluster.
    assert by_cluster == {"electronic-information": 2, "smart-appliances": 3, None: 1}
    by_size = {group.key: group.counts.enrolled for group in figures.by_size}
    assert by_size == {"micro": 2, "small": 3, "medium": 1}  # B, F; A, D, E; C
    assert figures.targets.enterprises_helped == 5 and figures.targets.helped == 2
    assert figures.programme.phase == "accept"  # 11-20: accept (11-01..11-30) and promote run; accept first


def test_a_city_bureaus_report(store: Store, programme: qa.Programme) -> None:
    figures = qa.progress(programme, db=store, as_of=dt.date(2022, 12, 31), city="深圳市")
    # Shenzhen: C and D enrolled, diagnosed and followed up; D accepted; C the benchmark candidate; D's
    # 4.3-01 open, its two others verified.
    assert counts(figures) == (2, 2, 0, 2, 1, 1, 1, 0, 2)
    assert [group.key for group in figures.by_city] == ["深圳市"]
    assert figures.targets.enterprises_helped == 2 and figures.targets.benchmark_enterprises is None
    assert [candidate.name for candidate in figures.benchmark] == ["测试企业C有限公司"]


def test_acceptance_reasons(store: Store, programme: qa.Programme) -> None:
    figures = qa.progress(programme, db=store, as_of=dt.date(2022, 11, 20))
    entries = {entry.name[4]: entry for entry in figures.acceptance}
    assert {key for key, entry in entries.items() if entry.accepted} == {"A", "D"}
    # B: follow-up 56.25 < 60, gain 56.25 - 50 = 6.25 < 10; both shown rounded once, half up.
    assert [reason.text["en"] for reason in entries["B"].reasons] == ["score 56.3 < 60", "gain 6.3 < 10"]
    assert [reason.text["zh"] for reason in entries["B"].reasons] == [
        "得分 56.3 分，低于 60 分",
        "提升 6.3 分，低于 10 分",
    ]
    assert entries["B"].gain == pytest.approx(6.25)
    assert [reason.code for reason in entries["F"].reasons] == ["baseline_incomplete"]
    assert [reason.code for reason in entries["C"].reasons] == ["no_follow_up"]  # C's follow-up is 12-05
    assert [reason.code for reason in entries["E"].reasons] == ["no_follow_up"]
    assert "G" not in entries  # not enrolled on 11-20
    later = {e.name[4]: e for e in qa.progress(programme, db=store, as_of=dt.date(2022, 12, 31)).acceptance}
    assert [reason.text["en"] for reason in later["C"].reasons] == ["gain -6.3 < 10"]  # 93.75 - 100
    assert [reason.code for reason in later["G"].reasons] == ["no_follow_up"]


def test_an_incomplete_follow_up_is_never_accepted(tmp_path: Path) -> None:
    import yaml

    from staged_support import answers

    add_local_plugins([str(FIXTURE_PLUGIN)])
    folder = tmp_path / "answers"
    folder.mkdir()
    for kind, date, ratings in (
        ("baseline", "2022-05-01", (1, 1, 2)),
        ("follow-up", "2022-10-01", (4, 4, None)),
    ):
        data = answers("B", kind, date, ratings, None)
        (folder / f"{kind}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with Store(tmp_path / "p.db") as store:
        assert store.ingest(folder).ok
        figures = qa.progress(PROGRAMME, db=store, as_of=dt.date(2022, 11, 20))
    (entry,) = figures.acceptance
    assert not entry.accepted
    assert [reason.text["en"] for reason in entry.reasons] == ["follow-up incomplete: never accepted"]
    assert figures.incomplete == 1 and figures.gains.enterprises == 0


def test_score_gains_weak_clauses_and_lab_verdicts(store: Store, programme: qa.Programme) -> None:
    figures = qa.progress(programme, db=store, as_of=dt.date(2022, 12, 31))
    gains = figures.gains
    # Gains of A 25, B 6.25, C -6.25, D 31.25, E 18.75 (F's baseline is incomplete): mean 75 / 5 = 15,
    # median 18.75.
    assert gains.enterprises == 5
    assert gains.mean == pytest.approx(15.0) and gains.median == pytest.approx(18.75)
    # Baselines 50, 50, 100, 37.5, 81.25: mean 318.75 / 5 = 63.75; follow-ups 75, 56.25, 93.75, 68.75, 100:
    # 393.75 / 5 = 78.75.
    assert gains.mean_baseline == pytest.approx(63.75) and gains.mean_follow_up == pytest.approx(78.75)
    assert [bucket.count for bucket in gains.distribution] == [1, 0, 1, 1, 2]  # <0, 0-5, 5-10, 10-20, >=20
    # Latest complete assessments on 12-31: A 3,3,3; B 2,2,3; C 4,3,4; D 3,3,2; E 4,4,4; F 4,4,4; G 3,3,3.
    # 4.1 = 100·(2·r1 + r2)/12 is below 60 only for B (2,2: 50); 4.3 = 25·r3 only for D (2: 50).
    weak = {clause.id: (clause.weak, clause.assessed) for clause in figures.weak_clauses}
    assert weak == {"4.1": (1, 7), "4.3": (1, 7)}
    assert {clause.id: clause.title for clause in figures.weak_clauses}["4.1"] == {
        "zh": "理解组织及其环境",
        "en": "Understanding the organization and its context",
    }
    # Lab verdicts of the latest assessments: A, C, E standardized (lab 4,4); the others have no lab.
    assert figures.lab_verdicts == {"standardized": 3, "none": 4}


def test_progress_writes_json_and_xlsx_that_read_back(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    import openpyxl

    out_json, out_xlsx = tmp_path / "r.json", tmp_path / "r.xlsx"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url,
        "--as-of", "2022-11-20", "-o", out_json, "-o", out_xlsx, "--lang", "en",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    document = json.loads(out_json.read_text(encoding="utf-8"))
    qa_schema_validate("progress", document)
    totals = document["figures"]["totals"]
    assert tuple(totals[name] for name in COUNTS) == EXPECTED["2022-11-20"]
    sections = document["narrative"]["sections"]
    assert [s["key"] for s in sections] == ["measures", "results", "problems", "next_steps", "suggestions"]
    assert all(s["source"] == "draft" for s in sections)
    assert (
        "As of 2022-11-20: enterprises enrolled 6, diagnosed 6, followed up 4, accepted 2."
        in (sections[1]["text"])
    )
    workbook = openpyxl.load_workbook(out_xlsx)
    summary = workbook["Summary"]
    rows = {row[0]: row[1:] for row in summary.iter_rows(min_row=2, values_only=True)}
    # value, previous report (06-20), change, target
    assert rows["Accepted"] == (2, 0, 2, 5)
    assert rows["Enrolled"][:3] == (6, 4, 2)
    cities = {row[0]: row for row in workbook["By city"].iter_rows(min_row=2, values_only=True)}
    accepted_column = 1 + COUNTS.index("accepted")
    assert cities["Guangzhou"][accepted_column] == 1 and cities["Guangzhou"][-2:] == (2, 0.5)
    acceptance = {row[0]: row for row in workbook["Acceptance"].iter_rows(min_row=2, values_only=True)}
    assert acceptance["测试企业B有限公司"][-2:] == ("no", "score 56.3 < 60; gain 6.3 < 10")


def qa_schema_validate(name: str, document: object) -> None:
    from iso9001assess import schemas

    schemas.validator(name).validate(document)


@pytest.mark.usefixtures("in_english")
def test_progress_json_option_and_the_formats_not_installed(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url,
        "--as-of", "2022-06-01", "--city", "广州市", "--json",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    document = json.loads(outcome.out)
    qa_schema_validate("progress", document)
    assert document["figures"]["city"] == "广州市" and document["figures"]["totals"]["enrolled"] == 2
    missing = run_cli("progress", "--programme", PROGRAMME, "--db", store.url, "-o", tmp_path / "r.odt")
    assert missing.code == 2 and "the odt format of the staged report is not available" in missing.err
    assert not (tmp_path / "r.odt").exists()
    unknown = run_cli("progress", "--programme", PROGRAMME, "--db", store.url, "--city", "北京市", "--json")
    assert unknown.code == 2 and "'北京市' is not one of the programme's cities" in unknown.err


@pytest.mark.usefixtures("in_english")
def test_enterprises_status_accepted_lists_the_same_enterprises(store: Store, run_cli: CliRunner) -> None:
    outcome = run_cli(
        "enterprises", "--db", store.url, "--status", "accepted", "--programme", PROGRAMME,
        "--as-of", "2022-11-20", "--json",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    assert sorted(entry["name"] for entry in json.loads(outcome.out)) == [
        "测试企业A有限公司",
        "测试企业D有限公司",
    ]
    rejected = run_cli(
        "enterprises", "--db", store.url, "--status", "not-accepted", "--programme", PROGRAMME,
        "--as-of", "2022-12-31", "--city", "深圳市", "--json",
    )  # fmt: skip
    assert [entry["name"] for entry in json.loads(rejected.out)] == ["测试企业C有限公司"]
    without = run_cli("enterprises", "--db", store.url, "--status", "accepted")
    assert without.code == 2 and "needs --programme" in without.err
