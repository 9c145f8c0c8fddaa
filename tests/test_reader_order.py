"""Enterprises and cities listed as a Chinese reader looks for them (pinyin order, not code points), and
``--city`` that finds 广州市 for 广州, or says which cities there are."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.cities import match_city
from iso9001assess.i18n.collation import name_key
from iso9001assess.store import Store
from store_support import credit_code, write_answers

# Code-point order puts 中 (U+4E2D) before 佛 (U+4F5B) before 广 (U+5E7F), and 张 before 白 before 阿;
# pinyin order is fo < guang < zhong, and a < bai < zhang.
ENTERPRISES = [
    ("张江精密机械有限公司", "中山市"),
    ("阿里电子有限公司", "中山市"),
    ("白云食品有限公司", "中山市"),
    ("重庆路科技有限公司", "佛山市"),  # 重 read chóng in 重庆 (zhòng alone): the phrase decides
    ("长安汽车配件有限公司", "佛山市"),  # 长 read cháng in 长安
    ("ACME 仪器有限公司", "广州市"),
    ("北辰化工有限公司", "广州市"),
]
IN_PINYIN_ORDER = [
    ("长安汽车配件有限公司", "佛山市"),  # chang an < chong qing
    ("重庆路科技有限公司", "佛山市"),
    ("ACME 仪器有限公司", "广州市"),  # acme < bei
    ("北辰化工有限公司", "广州市"),
    ("阿里电子有限公司", "中山市"),
    ("白云食品有限公司", "中山市"),
    ("张江精密机械有限公司", "中山市"),
]


def test_names_sort_by_pinyin_then_tone_then_characters() -> None:
    names = ["中山", "佛山", "广州", "阿里", "安徽", "北京", "重庆", "长沙", "ACME", "马", "妈"]
    assert sorted(names) != sorted(names, key=name_key)  # the case the order is for
    assert sorted(names, key=name_key) == [
        "阿里",  # a li < acme < an: syllable by syllable, Latin letters among them
        "ACME",
        "安徽",
        "北京",
        "长沙",  # chang < chong < fo < guang: phrases read right
        "重庆",
        "佛山",
        "广州",
        "妈",  # ma1 < ma3: the tone decides between equal letters
        "马",
        "中山",
    ]
    # Ties of reading keep a fixed order (the characters), so equal keys are equal names.
    assert name_key("李一") != name_key("里一") and name_key("李一")[:2] == name_key("里一")[:2]  # lǐ yī both


def _filled_store(tmp_path: Path) -> Path:
    database = tmp_path / "programme.db"
    files = [
        write_answers(tmp_path / "in" / f"e{number}.yaml", name=name, city=city, code=credit_code(number))
        for number, (name, city) in enumerate(ENTERPRISES, start=1)
    ]
    with Store(database) as store:
        store.ingest(*files)
    return database


def test_the_register_lists_cities_and_names_in_pinyin_order(run_cli: CliRunner, tmp_path: Path) -> None:
    database = _filled_store(tmp_path)
    listed = run_cli("enterprises", "--db", database, "--lang", "en")
    assert listed.code == 0, listed.err
    rows = [line.split("\t") for line in listed.out.splitlines()[1:-1]]
    assert [(row[1], row[3]) for row in rows] == IN_PINYIN_ORDER
    with Store(database) as store:
        assert store.cities() == ["佛山市", "广州市", "中山市"]
        # What the staged reports read: the same order.
        assert [(e.name, e.city) for e in store.snapshot().enterprises] == IN_PINYIN_ORDER


def test_a_city_without_its_ending_finds_the_city_and_says_so(run_cli: CliRunner, tmp_path: Path) -> None:
    database = _filled_store(tmp_path)
    found = run_cli("enterprises", "--db", database, "--city", "广州")
    assert found.code == 0, found.err
    assert [line.split("\t")[1] for line in found.out.splitlines()[1:-1]] == [
        "ACME 仪器有限公司",
        "北辰化工有限公司",
    ]
    assert found.out.splitlines()[-1] == "共 2 家企业"
    assert found.err.strip() == "--city 广州：按 广州市 查找"
    english = run_cli("enterprises", "--db", database, "--city", "广州", "--lang", "en", "--json")
    assert english.code == 0 and english.err.strip() == "--city 广州: taken as 广州市"
    exact = run_cli("enterprises", "--db", database, "--city", "广州市")
    assert exact.code == 0 and exact.err == ""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "库中没有城市为 '杭州' 的企业；库中的城市有：佛山市；广州市；中山市"),
        ("en", "'杭州' is not a city of the store's enterprises; the store has: 佛山市; 广州市; 中山市"),
        ("zh-Hant", "庫中沒有城市為 '杭州' 的企業；庫中的城市有：佛山市；广州市；中山市"),
    ],
)
def test_a_city_the_store_lacks_is_refused_with_the_cities_it_has(
    run_cli: CliRunner, tmp_path: Path, lang: str, said: str
) -> None:
    database = _filled_store(tmp_path)
    refused = run_cli("enterprises", "--db", database, "--city", "杭州", "--lang", lang)
    assert refused.code == 2
    assert said in refused.err, refused.err
    assert refused.out == ""


def test_progress_takes_the_programme_city_without_its_ending(run_cli: CliRunner, tmp_path: Path) -> None:
    database = _filled_store(tmp_path)
    out = tmp_path / "progress.json"
    made = run_cli(
        "progress",
        "--programme",
        "gd-2022-qms",
        "--db",
        database,
        "--city",
        "佛山",
        "-o",
        out,
        "--lang",
        "en",
    )
    assert made.code == 0, made.err
    assert "--city 佛山: taken as 佛山市" in made.err
    assert "佛山市" in out.read_text(encoding="utf-8")
    wrong = run_cli("progress", "--programme", "gd-2022-qms", "--db", database, "--city", "杭州", "-o", out)
    assert wrong.code == 2 and "'杭州' 不在本项目方案的城市之列；请改为以下之一：广州市；深圳市" in wrong.err


def test_match_city_rules() -> None:
    known = ["广州市", "延边朝鲜族自治州", "阿拉善盟", "大兴安岭地区"]
    assert match_city("广州", known) == "广州市"
    assert match_city(" 广州 ", known) == "广州市"
    assert match_city("广州市", ["广州"]) == "广州"
    assert match_city("延边朝鲜族", known) == "延边朝鲜族自治州"
    assert match_city("大兴安岭", known) == "大兴安岭地区"
    assert match_city("杭州", known) is None
    assert match_city("市", ["市"]) == "市"
    assert match_city("广州", ["广州市", "广州地区"]) is None  # two could be meant: none is chosen
