"""benchmarks/generate.py: realistic answer files that load, score, and come out the same for the same seed;
an agency's trial data (chosen cities, paired follow-ups, credit codes of the enterprise's city)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import pytest
import yaml

import iso9001assess as qa
from fixture_paths import MINI_CHECKLIST
from iso9001assess.store import Store

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from generate import Trial, chosen_cities, generate_answers, main

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


def test_the_existing_options_write_the_same_bytes_as_before_the_trial_options(tmp_path: Path) -> None:
    # The SHA-256 of the 40 files' names and bytes for the mini checklist, seed 7, computed with the generator
    # before the trial options existed: the benchmarks' corpora and the store's golden rows depend on them.
    checklist = qa.load_checklist(MINI_CHECKLIST)
    digest = hashlib.sha256()
    for path in generate_answers(checklist, 40, tmp_path, seed=7):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    assert digest.hexdigest() == "db49cbc2a3c7848c24f0e6fff6dfc42d58f9311db336d666ded49454870377d1"


# -- an agency's trial data -----------------------------------------------------------------------------------
# Written here from GB 32100-2015 and GB 11714-1997, independently of the generator and of the package.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
DIVISION_OF_CITY = {"广州市": "440100", "深圳市": "440300", "佛山市": "440600", "汕头市": "440500"}


def _uscc_valid(code: str) -> bool:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], USCC_WEIGHTS, strict=True))
    return code[17] == USCC_ALPHABET[(31 - total % 31) % 31]


def _organization_code_valid(code: str) -> bool:
    value = 11 - sum(int(c) * w for c, w in zip(code[:8], ORG_WEIGHTS, strict=True)) % 11
    return code[8] == {10: "X", 11: "0"}.get(value, str(value))


def test_trial_cities_are_names_or_a_count() -> None:
    assert chosen_cities("广州市，深圳市,广州市") == ("广州市", "深圳市")
    # Guangdong's 21 cities come first: a count takes the first N, in that order.
    assert chosen_cities("3") == ("广州市", "深圳市", "佛山市")
    assert len(chosen_cities("21")) == 21
    with pytest.raises(ValueError, match="unknown cities 北京市"):
        Trial(cities=("北京市",))
    with pytest.raises(ValueError, match="1 to 28 cities"):
        chosen_cities("40")
    with pytest.raises(ValueError, match="share from 0 to 1"):
        Trial(follow_ups=1.5)


def test_trial_data_pairs_follow_ups_with_baselines_in_the_chosen_cities(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    trial = Trial(cities=("广州市", "深圳市"), follow_ups=0.5, region_codes=True)
    paths = generate_answers(checklist, 40, tmp_path / "trial", seed=3, trial=trial)
    documents = {path.name: yaml.safe_load(path.read_text("utf-8")) for path in paths}
    baselines = {n: d for n, d in documents.items() if not n.endswith("-follow-up.yaml")}
    follow_ups = {n: d for n, d in documents.items() if n.endswith("-follow-up.yaml")}
    assert len(baselines) == 40 and 10 <= len(follow_ups) <= 30  # about half of 40 followed up
    assert {d["assessment"]["kind"] for d in baselines.values()} == {"baseline"}
    assert {d["assessment"]["kind"] for d in follow_ups.values()} == {"follow-up"}
    # Cities and credit codes: the chosen cities only, each code's characters 3-8 its city's division code,
    # characters 9-17 a valid organization code, the 18th a valid GB 32100 check character.
    for document in documents.values():
        enterprise = document["enterprise"]
        code, city = enterprise["credit_code"], enterprise["region"]["city"]
        assert city in ("广州市", "深圳市") and enterprise["region"]["province"] == "广东省"
        assert code[:2] == "91" and code[2:8] == DIVISION_OF_CITY[city], (code, city)
        assert _organization_code_valid(code[8:17]) and _uscc_valid(code), code
    assert {d["enterprise"]["region"]["city"] for d in baselines.values()} == {"广州市", "深圳市"}
    # Pairs matched by credit code: one baseline each, the same enterprise, a later date.
    by_code = {d["enterprise"]["credit_code"]: d for d in baselines.values()}
    assert len(by_code) == 40  # every enterprise its own code
    changes = []
    for document in follow_ups.values():
        baseline = by_code[document["enterprise"]["credit_code"]]
        assert document["enterprise"] == baseline["enterprise"]  # name, code, region, size, lab: all the same
        before = dt.date.fromisoformat(baseline["assessment"]["date"])
        after = dt.date.fromisoformat(document["assessment"]["date"])
        assert 60 <= (after - before).days <= 120
        first = qa.score(checklist, qa.load_answers(tmp_path / "trial" / _name_of(baseline), checklist))
        changes.append(_overall(checklist, document) - first.overall.score)  # type: ignore[operator]
    improved, declined = sum(c > 0 for c in changes), sum(c < 0 for c in changes)
    assert improved > 2 * declined and declined >= 1, changes  # mostly better, some worse


def _name_of(document: dict[str, object]) -> str:
    name = document["enterprise"]["name"]  # type: ignore[index]
    return f"enterprise-{str(name)[-5:-1]}.yaml"  # the name ends with （NNNN）, the file's number


def _overall(checklist: qa.Checklist, document: dict[str, object]) -> float:
    answers = qa.Answers.model_validate(document)
    score = qa.score(checklist, answers).overall.score
    assert score is not None
    return score


def test_the_store_pairs_the_trial_data_by_credit_code(tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI_CHECKLIST)
    trial = Trial(cities=chosen_cities("2"), follow_ups=0.5, region_codes=True)
    paths = generate_answers(checklist, 12, tmp_path / "trial", seed=8, trial=trial)
    followed = sum(p.name.endswith("-follow-up.yaml") for p in paths)
    assert 0 < followed < 12
    store = Store(tmp_path / "trial.db")
    report = store.ingest(*paths, checklist=checklist)
    # The loader and the store accept every code the generator writes.
    assert report.failures == [] and report.count("added") == len(paths)
    listed = store.enterprises()
    assert len(listed) == 12  # a follow-up is the same enterprise as its baseline, never a second one
    assert sum(e.stage == "followed-up" for e in listed) == followed
    for entry in listed:
        assert entry.baseline is not None
        if entry.follow_up is not None:
            assert entry.follow_up.date > entry.baseline.date


def test_the_trial_options_on_the_command_line(tmp_path: Path) -> None:
    main(
        [
            *("--checklist", str(MINI_CHECKLIST), "-n", "6", "-o", str(tmp_path), "--seed", "4"),
            *("--cities", "汕头市", "--follow-ups", "1", "--region-codes"),
        ]
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [f"enterprise-000{i}.yaml" for i in range(1, 7)]
        + [f"enterprise-000{i}-follow-up.yaml" for i in range(1, 7)]
    )
    codes = {yaml.safe_load(p.read_text("utf-8"))["enterprise"]["credit_code"] for p in tmp_path.iterdir()}
    assert len(codes) == 6 and all(code[2:8] == "440500" for code in codes)
    with pytest.raises(SystemExit) as stopped:
        main(["-n", "1", "-o", str(tmp_path / "x"), "--cities", "北京市"])
    assert stopped.value.code == 2
