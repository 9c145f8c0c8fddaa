"""One city rule everywhere: a city written otherwise (广州 for 广州市, Shenzhen for 深圳市) is counted under the
programme's city, said on stderr, and `enterprises --city` finds what `progress --city` counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.cities import CityNames, city_key
from iso9001assess.store import Store
from store_support import credit_code, write_answers

# As the answers write them: two for 广州市 as the programme names it, one without its ending, one in English
# for 深圳市, one for a city outside the programme (杭州市).
ENTERPRISES = [
    ("北辰化工有限公司", "广州市"),
    ("ACME 仪器有限公司", "广州市"),
    ("白云食品有限公司", "广州"),
    ("南山电子有限公司", "shenzhen"),
    ("西湖机械有限公司", "杭州市"),
]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "programme.db"
    files = [
        write_answers(tmp_path / "in" / f"e{number}.yaml", name=name, city=city, code=credit_code(number))
        for number, (name, city) in enumerate(ENTERPRISES, start=1)
    ]
    with Store(path) as store:
        store.ingest(*files)
    return path


def _progress(run_cli: CliRunner, database: Path, *extra: str) -> tuple[dict[str, object], str]:
    made = run_cli(
        "progress", "--programme", "gd-2022-qms", "--db", database, "--as-of", "2026-06-30", "--json", *extra
    )
    assert made.code == 0, made.err
    return json.loads(made.out), made.err


def test_city_names_rule() -> None:
    names = CityNames({"广州市": ["Guangzhou"], "深圳市": ["Shenzhen"], "延边朝鲜族自治州": []})
    assert names.find("广州") == "广州市"
    assert names.find(" guangzhou ") == "广州市"
    assert names.find("Guangzhou City") == "广州市"
    assert names.find("SHENZHEN") == "深圳市"
    assert names.find("延边朝鲜族") == "延边朝鲜族自治州"
    assert names.find("杭州") is None
    assert city_key("广州市") == city_key("广州") == "广州"
    assert CityNames(["广州市", "广州地区"]).find("广州") is None  # two could be meant: none is
    assert CityNames(["广州", "广州市", "深圳市"]).all_meant("广州") == ["广州", "广州市"]


def test_province_report_folds_a_city_written_otherwise_and_says_so(
    run_cli: CliRunner, database: Path
) -> None:
    report, said = _progress(run_cli, database)
    figures = report["figures"]
    assert isinstance(figures, dict)
    rows = {row["key"]: row["counts"]["enrolled"] for row in figures["by_city"] if row["counts"]["enrolled"]}
    # 广州市 counts its two and the one written 广州; 深圳市 the one written shenzhen; 杭州市 is a row of its own.
    assert rows == {"广州市": 3, "深圳市": 1, "杭州市": 1}
    assert figures["totals"]["enrolled"] == 5
    assert "2 家企业的城市写法与项目方案不同，已计入方案中它所指的城市：" in said
    assert "白云食品有限公司（广州 → 广州市）" in said and "南山电子有限公司（shenzhen → 深圳市）" in said
    assert (
        "1 家企业的城市不是项目方案中的城市，单列一行（计入全省合计，不计入任何城市名额）：西湖机械有限公司（杭州市）"
        in said
    )


def test_enterprises_city_finds_what_progress_city_counts(run_cli: CliRunner, database: Path) -> None:
    report, said = _progress(run_cli, database, "--city", "广州")
    assert said.splitlines()[0] == "--city 广州：按 广州市 查找"
    counted = {entry["enterprise_id"] for entry in report["figures"]["acceptance"]}  # type: ignore[index]
    assert len(counted) == 3
    listed = run_cli("enterprises", "--db", database, "--city", "广州", "--json")
    assert listed.code == 0, listed.err
    assert {record["id"] for record in json.loads(listed.out)} == counted
    assert listed.err.strip() == "--city 广州：按 广州；广州市 查找"
    exact = run_cli("enterprises", "--db", database, "--city", "广州市", "--json")
    assert {record["id"] for record in json.loads(exact.out)} == counted


def test_a_city_by_its_english_name_any_case(run_cli: CliRunner, database: Path) -> None:
    for written in ("Shenzhen", "shenzhen", "SHENZHEN"):
        report, said = _progress(run_cli, database, "--city", written, "--lang", "en")
        figures = report["figures"]
        assert figures["city"] == "深圳市"  # type: ignore[index]
        assert [e["name"] for e in figures["acceptance"]] == ["南山电子有限公司"]  # type: ignore[index]
        assert f"--city {written}: taken as 深圳市" in said
    listed = run_cli(
        "enterprises", "--db", database, "--programme", "gd-2022-qms", "--city", "Shenzhen", "--json"
    )
    assert listed.code == 0, listed.err
    assert [record["name"] for record in json.loads(listed.out)] == ["南山电子有限公司"]
