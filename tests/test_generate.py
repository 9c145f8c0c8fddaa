"""benchmarks/generate.py: realistic answer files that load, score, and come out the same for the same seed."""

from __future__ import annotations

import sys
from pathlib import Path

import iso9001assess as qa
from fixture_paths import MINI_CHECKLIST

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import generate_answers, main

sys.path.pop(0)


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    first = generate_answers(checklist, 20, tmp_path / "a", seed=3)
    second = generate_answers(checklist, 20, tmp_path / "b", seed=3)
    other = generate_answers(checklist, 20, tmp_path / "c", seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_generated_files_are_valid_and_varied(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    results = [
        qa.score(checklist, qa.load_answers(p, checklist))
        for p in generate_answers(checklist, 60, tmp_path, seed=1)
    ]
    statuses = {item.status for r in results for item in r.items}
    assert statuses == {"answered", "unanswered", "not-applicable"}
    assert {r.enterprise.has_lab for r in results} == {True, False}
    assert len({r.overall.score for r in results}) > 20  # enterprises differ
    assert all(r.enterprise.credit_code is not None for r in results)  # every code passed its checksum


def test_the_command_line(tmp_path: Path) -> None:
    main(
        [
            "--checklist",
            str(MINI_CHECKLIST),
            "-n",
            "3",
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--seed",
            "2",
        ]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "enterprise-0001.json",
        "enterprise-0002.json",
        "enterprise-0003.json",
    ]


# Where each generated district is, as a gazetteer says (written here, independently of the generator's
# table): a district of one city must never be generated under another (the last trial found 天河区 under 深圳).
CITY_OF_DISTRICT = {
    **dict.fromkeys(
        ["天河区", "越秀区", "海珠区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "增城区"], "广州市"
    ),
    **dict.fromkeys(
        ["南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区"], "深圳市"
    ),
    **dict.fromkeys(["禅城区", "南海区", "顺德区", "三水区", "高明区"], "佛山市"),
    **dict.fromkeys(["松山湖", "长安镇", "虎门镇", "塘厦镇", "南城街道", "东城街道"], "东莞市"),
    **dict.fromkeys(["香洲区", "斗门区", "金湾区"], "珠海市"),
    **dict.fromkeys(["火炬开发区", "小榄镇", "石岐街道", "古镇镇", "黄圃镇"], "中山市"),
    **dict.fromkeys(["惠城区", "惠阳区", "博罗县", "惠东县", "仲恺高新区"], "惠州市"),
    **dict.fromkeys(["蓬江区", "江海区", "新会区", "台山市", "鹤山市"], "江门市"),
    **dict.fromkeys(["玄武区", "秦淮区", "建邺区", "鼓楼区", "栖霞区", "雨花台区", "江宁区"], "南京市"),
    **dict.fromkeys(["姑苏区", "虎丘区", "吴中区", "相城区", "吴江区", "苏州工业园区"], "苏州市"),
    **dict.fromkeys(["梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区"], "无锡市"),
    **dict.fromkeys(["天宁区", "钟楼区", "新北区", "武进区", "金坛区"], "常州市"),
    **dict.fromkeys(["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区"], "杭州市"),
    **dict.fromkeys(["海曙区", "江北区", "北仑区", "镇海区", "鄞州区"], "宁波市"),
    **dict.fromkeys(["鹿城区", "龙湾区", "瓯海区", "洞头区"], "温州市"),
}
PROVINCE_OF_CITY = {
    **dict.fromkeys(
        ["广州市", "深圳市", "佛山市", "东莞市", "珠海市", "中山市", "惠州市", "江门市"], "广东省"
    ),
    **dict.fromkeys(["南京市", "苏州市", "无锡市", "常州市"], "江苏省"),
    **dict.fromkeys(["杭州市", "宁波市", "温州市"], "浙江省"),
}


def test_every_generated_district_belongs_to_its_city(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    regions = [
        qa.load_answers(p, checklist).enterprise.region
        for p in generate_answers(checklist, 300, tmp_path, seed=5)
    ]
    misplaced = [
        (r.city, r.district)
        for r in regions
        if r.district is None
        or CITY_OF_DISTRICT.get(r.district) != r.city
        or PROVINCE_OF_CITY[r.city] != r.province
    ]
    assert not misplaced, misplaced
    # 300 enterprises reach every city of the generator and several districts in each.
    assert {r.city for r in regions} == set(PROVINCE_OF_CITY)
    assert len({r.district for r in regions}) > 60


def test_the_sample_enterprises_districts_belong_to_their_cities() -> None:
    import yaml

    samples = sorted((Path(__file__).parent.parent / "samples").glob("*.yaml"))
    regions = [yaml.safe_load(p.read_text(encoding="utf-8"))["enterprise"]["region"] for p in samples]
    assert len(regions) == 9
    assert all(CITY_OF_DISTRICT[r["district"]] == r["city"] for r in regions), regions
