"""Realistic answer files for a checklist: many enterprises, each assessed as a real programme would see it.

Each enterprise has its own level of QMS maturity; its ratings scatter around that level, a few items stay
unanswered, excludable items are sometimes declared not applicable (with a justification), low ratings carry
notes, evidence and root causes, and enterprises without a laboratory say so (``has_lab: false``).

    from generate import generate_answers                # with benchmarks/ on sys.path
    paths = generate_answers(checklist, 300, out_dir, seed=1)

    python benchmarks/generate.py --checklist iso9001-2015 -n 300 -o /tmp/answers [--format json] [--seed 1]

An agency's trial data (``trial=Trial(...)``, or the options on the command line): enterprises in the cities
chosen (``--cities 广州市,深圳市``, or ``--cities 5``: the first five of ``CITIES``), every one with a baseline
and a share of them followed up (``--follow-ups 0.6``: the same enterprise, credit code and name, a later date,
ratings mostly better, some worse), and credit codes whose region part is the enterprise's city
(``--region-codes``). Without these options the files are exactly those of earlier versions for a seed.

    python benchmarks/generate.py -n 800 -o /tmp/trial --cities 21 --follow-ups 0.6 --region-codes
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from iso9001assess.models import Checklist
from iso9001assess.models.credit_code import ALPHABET, check_character

REGIONS = {
    "广东省": ["广州市", "深圳市", "佛山市", "东莞市", "珠海市", "中山市", "惠州市", "江门市"],
    "江苏省": ["南京市", "苏州市", "无锡市", "常州市"],
    "浙江省": ["杭州市", "宁波市", "温州市"],
}
# Each city's own districts (or, where a city has none, its towns and zones): an enterprise is placed in a
# district of its city, never in another city's (天河区 is in 广州, 南山区 in 深圳).
DISTRICTS = {
    "广州市": ["天河区", "越秀区", "海珠区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "增城区"],
    "深圳市": ["南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区"],
    "佛山市": ["禅城区", "南海区", "顺德区", "三水区", "高明区"],
    "东莞市": ["松山湖", "长安镇", "虎门镇", "塘厦镇", "南城街道", "东城街道"],
    "珠海市": ["香洲区", "斗门区", "金湾区"],
    "中山市": ["火炬开发区", "小榄镇", "石岐街道", "古镇镇", "黄圃镇"],
    "惠州市": ["惠城区", "惠阳区", "博罗县", "惠东县", "仲恺高新区"],
    "江门市": ["蓬江区", "江海区", "新会区", "台山市", "鹤山市"],
    "南京市": ["玄武区", "秦淮区", "建邺区", "鼓楼区", "栖霞区", "雨花台区", "江宁区"],
    "苏州市": ["姑苏区", "虎丘区", "吴中区", "相城区", "吴江区", "苏州工业园区"],
    "无锡市": ["梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区"],
    "常州市": ["天宁区", "钟楼区", "新北区", "武进区", "金坛区"],
    "杭州市": ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区"],
    "宁波市": ["海曙区", "江北区", "北仑区", "镇海区", "鄞州区"],
    "温州市": ["鹿城区", "龙湾区", "瓯海区", "洞头区"],
}
# Guangdong's other prefecture-level cities (its 21 in all, with the eight above), for trial data only: the
# draw of the default corpus keeps to REGIONS, so a seed's files stay what they were.
MORE_GUANGDONG = {
    "韶关市": ["武江区", "浈江区", "曲江区", "乐昌市", "南雄市"],
    "汕头市": ["龙湖区", "金平区", "濠江区", "潮阳区", "潮南区", "澄海区"],
    "湛江市": ["赤坎区", "霞山区", "坡头区", "麻章区", "廉江市", "雷州市"],
    "茂名市": ["茂南区", "电白区", "高州市", "化州市", "信宜市"],
    "肇庆市": ["端州区", "鼎湖区", "高要区", "四会市"],
    "梅州市": ["梅江区", "梅县区", "兴宁市", "大埔县"],
    "汕尾市": ["城区", "海丰县", "陆丰市", "陆河县"],
    "河源市": ["源城区", "东源县", "和平县", "龙川县"],
    "阳江市": ["江城区", "阳东区", "阳春市", "阳西县"],
    "清远市": ["清城区", "清新区", "英德市", "连州市"],
    "潮州市": ["湘桥区", "潮安区", "饶平县"],
    "揭阳市": ["榕城区", "揭东区", "普宁市", "揭西县", "惠来县"],
    "云浮市": ["云城区", "云安区", "罗定市", "新兴县", "郁南县"],
}
DISTRICTS.update(MORE_GUANGDONG)
# Every city a trial may choose, Guangdong's 21 first (the order ``--cities N`` takes them in), with its province.
PROVINCE_OF = {
    **dict.fromkeys(REGIONS["广东省"], "广东省"),
    **dict.fromkeys(MORE_GUANGDONG, "广东省"),
    **{city: province for province, cities in REGIONS.items() if province != "广东省" for city in cities},
}
CITIES = list(PROVINCE_OF)
# The administrative division code of each city (GB/T 2260): a unified social credit code's characters 3-8.
DIVISION_CODE = {
    "广州市": "440100", "韶关市": "440200", "深圳市": "440300", "珠海市": "440400", "汕头市": "440500",
    "佛山市": "440600", "江门市": "440700", "湛江市": "440800", "茂名市": "440900", "肇庆市": "441200",
    "惠州市": "441300", "梅州市": "441400", "汕尾市": "441500", "河源市": "441600", "阳江市": "441700",
    "清远市": "441800", "东莞市": "441900", "中山市": "442000", "潮州市": "445100", "揭阳市": "445200",
    "云浮市": "445300",
    "南京市": "320100", "无锡市": "320200", "常州市": "320400", "苏州市": "320500",
    "杭州市": "330100", "宁波市": "330200", "温州市": "330300",
}  # fmt: skip
INDUSTRIES = [
    "electronics",
    "machinery",
    "food",
    "chemicals",
    "textiles",
    "automotive-parts",
    "medical-devices",
]
SIZES = [("micro", 5, 19), ("small", 20, 99), ("medium", 100, 999), ("large", 1000, 5000)]
TRADE_WORDS = ["电子科技", "精密机械", "食品", "化工", "纺织", "汽车配件", "医疗器械", "智能装备", "新材料"]
CITY_WORDS = ["华南", "粤海", "珠江", "金湾", "南方", "东方", "恒通", "宏达", "鑫源", "瑞丰", "嘉誉", "信达"]
ASSESSORS = ["张三", "李四", "王五", "赵六", "陈静", "刘洋", "黄磊"]
NOTES = ["未形成文件", "记录不完整", "职责未明确", "未定期评审", "仅口头要求", "培训未覆盖全员", "数据未分析"]
ROOT_CAUSES = ["职责不清", "资源不足", "管理层重视不够", "缺少程序文件", "人员流动大"]
JUSTIFICATIONS = ["不从事产品设计开发", "无外包过程", "无顾客财产", "不涉及交付后活动"]


def credit_code(rng: random.Random) -> str:
    """A unified social credit code with a valid GB 32100-2015 checksum."""
    body = (
        "9144"
        + "".join(rng.choice("0123456789") for _ in range(4))
        + "".join(rng.choice(ALPHABET) for _ in range(9))
    )
    return body + check_character(body)


# The organization code's check (GB 11714-1997), characters 9-17 of a unified social credit code.
ORGANIZATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organization_code(rng: random.Random) -> str:
    """Eight digits and their GB 11714 check character (``X`` for 10, ``0`` for 11)."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    check = 11 - sum(int(char) * weight for char, weight in zip(body, ORGANIZATION_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def regional_credit_code(rng: random.Random, city: str) -> str:
    """A unified social credit code of an enterprise (``91``) registered in ``city``: its characters 3-8 are the
    city's division code, 9-17 an organization code, the 18th the GB 32100-2015 check character."""
    body = "91" + DIVISION_CODE[city] + organization_code(rng)
    return body + check_character(body)


@dataclass(frozen=True)
class Trial:
    """What an agency's trial asks of the generated files (the defaults: the corpus of earlier versions)."""

    cities: tuple[str, ...] = ()  # where the enterprises are; empty: REGIONS, drawn as ever
    follow_ups: float = 0.0  # the share of enterprises followed up (then every enterprise has a baseline)
    region_codes: bool = False  # credit codes whose region part is the enterprise's city

    def __post_init__(self) -> None:
        unknown = [city for city in self.cities if city not in PROVINCE_OF]
        if unknown:
            raise ValueError(f"unknown cities {', '.join(unknown)}; known: {', '.join(CITIES)}")
        if not 0.0 <= self.follow_ups <= 1.0:
            raise ValueError(f"follow_ups is a share from 0 to 1, not {self.follow_ups}")


def chosen_cities(spec: str) -> tuple[str, ...]:
    """``--cities``: names separated by commas (，or ,), or a count: the first N of ``CITIES``."""
    spec = spec.strip()
    if spec.isdigit():
        count = int(spec)
        if not 1 <= count <= len(CITIES):
            raise ValueError(f"--cities takes 1 to {len(CITIES)} cities, not {count}")
        return tuple(CITIES[:count])
    names = [name.strip() for name in spec.replace("，", ",").split(",") if name.strip()]
    return tuple(dict.fromkeys(names))


# A seed's corpus drew one of 7 districts here before districts belonged to their cities: the same draw picks
# the city's own district now, so every other value of the corpus (and the store tests' golden rows built from
# it) stays what it was.
_DRAWN_FROM = 7


def district(rng: random.Random, city: str) -> str:
    """A district of ``city``."""
    districts = DISTRICTS[city]
    return districts[rng.randrange(_DRAWN_FROM) % len(districts)]


def enterprise(rng: random.Random, index: int, has_lab: bool, trial: Trial = Trial()) -> dict[str, Any]:
    if trial.cities:
        city = rng.choice(trial.cities)
        province = PROVINCE_OF[city]
    else:
        province = rng.choice(list(REGIONS))
        city = rng.choice(REGIONS[province])
    size, low, high = rng.choices(SIZES, weights=[2, 5, 3, 1])[0]
    return {
        "name": f"{city[:-1]}{rng.choice(CITY_WORDS)}{rng.choice(TRADE_WORDS)}有限公司（{index:04d}）",
        "credit_code": regional_credit_code(rng, city) if trial.region_codes else credit_code(rng),
        "region": {"province": province, "city": city, "district": district(rng, city)},
        "industry": rng.choice(INDUSTRIES),
        "size": size,
        "employees": rng.randint(low, high),
        "has_lab": has_lab,
        "certified": rng.random() < 0.3,
    }


def answer_for(rng: random.Random, item: Any, level: float, top: int, has_lab: bool) -> Any:
    """One item's answer, or the marker ``...`` for no answer at all."""
    if item.is_lab and not has_lab:
        return ...
    if item.excludable and rng.random() < 0.15:
        return {"na": True, "justification": rng.choice(JUSTIFICATIONS)}
    if rng.random() < 0.04:
        return ...  # not assessed
    rating = max(0, min(top, round(rng.gauss(level * top, top * 0.25))))
    if rating * 2 <= top and rng.random() < 0.6:
        full: dict[str, Any] = {"rating": rating, "note": rng.choice(NOTES)}
        if rng.random() < 0.5:
            full["root_cause"] = rng.choice(ROOT_CAUSES)
        if rng.random() < 0.3:
            full["evidence"] = [f"记录-{rng.randint(1, 99):02d}.pdf"]
        return full
    return rating


def answers_document(
    checklist: Checklist, rng: random.Random, index: int, trial: Trial = Trial()
) -> dict[str, Any]:
    has_lab = rng.random() < 0.6
    level = min(0.95, max(0.1, rng.betavariate(4, 3)))  # this enterprise's maturity, as a share of the scale
    top = checklist.max_rating
    answers: dict[str, Any] = {}
    for item, _ in checklist.iter_items():
        answer = answer_for(rng, item, level, top, has_lab)
        if answer is not ...:
            answers[item.id] = answer
    document = {
        "schema_version": 1,
        "checklist": f"{checklist.id}@{checklist.version}",
        "enterprise": enterprise(rng, index, has_lab, trial),
        "assessment": {
            "kind": rng.choice(["baseline", "baseline", "follow-up", "self"]),
            "date": (date(2026, 3, 1) + timedelta(days=rng.randint(0, 240))).isoformat(),
            "assessor": rng.choice(ASSESSORS),
        },
        "answers": answers,
    }
    if (
        trial.follow_ups
    ):  # every enterprise starts with a baseline, early enough to be followed up in the year
        baseline_day = date(2026, 3, 1) + timedelta(days=rng.randint(0, 150))
        document["assessment"].update(kind="baseline", date=baseline_day.isoformat())
    return document


def follow_up_document(checklist: Checklist, baseline: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The follow-up of ``baseline``: the same enterprise (name, credit code, region), 60 to 120 days later,
    mostly the same assessor; four enterprises in five improve (ratings mostly up), the others slip (ratings
    mostly down); not-applicable items stay so, and half the items left unassessed are assessed now."""
    top = checklist.max_rating
    improves = rng.random() < 0.8
    steps = (-1, 0, 1, 2) if improves else (-1, 0, 1)
    weights = (0.05, 0.45, 0.4, 0.1) if improves else (0.35, 0.55, 0.1)
    answers: dict[str, Any] = {}
    for item, _ in checklist.iter_items():
        before = baseline["answers"].get(item.id)
        if isinstance(before, dict) and before.get("na"):
            answers[item.id] = before
            continue
        rating = before.get("rating") if isinstance(before, dict) else before
        if rating is None:
            if (item.is_lab and not baseline["enterprise"]["has_lab"]) or rng.random() < 0.5:
                continue  # still not assessed (or no lab to assess)
            rating = rng.randint(1, top)
        else:
            rating = max(0, min(top, rating + rng.choices(steps, weights)[0]))
        if rating * 2 <= top and isinstance(before, dict):
            answers[item.id] = {**before, "rating": rating}  # still low: its note and root cause stand
        else:
            answers[item.id] = rating
    day = date.fromisoformat(baseline["assessment"]["date"]) + timedelta(days=rng.randint(60, 120))
    assessor = baseline["assessment"]["assessor"] if rng.random() < 0.7 else rng.choice(ASSESSORS)
    return {
        **baseline,
        "assessment": {"kind": "follow-up", "date": day.isoformat(), "assessor": assessor},
        "answers": answers,
    }


def generate_answers(
    checklist: Checklist,
    count: int,
    out_dir: str | Path,
    *,
    seed: int = 0,
    fmt: str = "yaml",
    trial: Trial = Trial(),
) -> list[Path]:
    """Write ``count`` answer files for ``checklist`` into ``out_dir``, and with ``trial.follow_ups`` the
    follow-ups (``enterprise-NNNN-follow-up.<fmt>``) after their baselines; the same seed gives the same files."""
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format is yaml or json, not {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    # The follow-ups draw from a generator of their own: the baselines are the same whatever the share.
    follow_rng = random.Random(f"{seed}/follow-ups")
    paths = []
    for index in range(1, count + 1):
        document = answers_document(checklist, rng, index, trial)
        paths.append(_write(out / f"enterprise-{index:04d}.{fmt}", document, fmt))
        if trial.follow_ups and follow_rng.random() < trial.follow_ups:
            follow_up = follow_up_document(checklist, document, follow_rng)
            paths.append(_write(out / f"enterprise-{index:04d}-follow-up.{fmt}", follow_up, fmt))
    return paths


def _write(path: Path, document: dict[str, Any], fmt: str) -> Path:
    if fmt == "json":
        text = json.dumps(document, ensure_ascii=False, indent=1)
    else:
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    import iso9001assess as qa

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checklist", default="iso9001-2015", help="a registered checklist id or a file")
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    parser.add_argument(
        "--cities",
        default="",
        help=f"the enterprises' cities: names separated by commas (广州市,深圳市), or a count N: the first N of "
        f"{', '.join(CITIES)}",
    )
    parser.add_argument(
        "--follow-ups",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="every enterprise gets a baseline, and this share of them (0 to 1) a follow-up, 60-120 days later",
    )
    parser.add_argument(
        "--region-codes",
        action="store_true",
        help="credit codes whose region part (characters 3-8) is the enterprise's city",
    )
    args = parser.parse_args(argv)
    try:
        trial = Trial(chosen_cities(args.cities), args.follow_ups, args.region_codes)
    except ValueError as exc:
        parser.error(str(exc))
    paths = generate_answers(
        qa.load_checklist(args.checklist),
        args.count,
        args.output,
        seed=args.seed,
        fmt=args.format,
        trial=trial,
    )
    print(f"wrote {len(paths)} answer files to {args.output}")


if __name__ == "__main__":
    main()
