"""Realistic answer files for a checklist: many enterprises, each assessed as a real programme would see it.

Each enterprise has its own level of QMS maturity; its ratings scatter around that level, a few items stay
unanswered, excludable items are sometimes declared not applicable (with a justification), low ratings carry
notes, evidence and root causes, and enterprises without a laboratory say so (``has_lab: false``).

    from generate import generate_answers                # with benchmarks/ on sys.path
    paths = generate_answers(checklist, 300, out_dir, seed=1)

    python benchmarks/generate.py --checklist iso9001-2015 -n 300 -o /tmp/answers [--format json] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
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


# A seed's corpus drew one of 7 districts here before districts belonged to their cities: the same draw picks
# the city's own district now, so every other value of the corpus (and the store tests' golden rows built from
# it) stays what it was.
_DRAWN_FROM = 7


def district(rng: random.Random, city: str) -> str:
    """A district of ``city``."""
    districts = DISTRICTS[city]
    return districts[rng.randrange(_DRAWN_FROM) % len(districts)]


def enterprise(rng: random.Random, index: int, has_lab: bool) -> dict[str, Any]:
    province = rng.choice(list(REGIONS))
    city = rng.choice(REGIONS[province])
    size, low, high = rng.choices(SIZES, weights=[2, 5, 3, 1])[0]
    return {
        "name": f"{city[:-1]}{rng.choice(CITY_WORDS)}{rng.choice(TRADE_WORDS)}有限公司（{index:04d}）",
        "credit_code": credit_code(rng),
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


def answers_document(checklist: Checklist, rng: random.Random, index: int) -> dict[str, Any]:
    has_lab = rng.random() < 0.6
    level = min(0.95, max(0.1, rng.betavariate(4, 3)))  # this enterprise's maturity, as a share of the scale
    top = checklist.max_rating
    answers: dict[str, Any] = {}
    for item, _ in checklist.iter_items():
        answer = answer_for(rng, item, level, top, has_lab)
        if answer is not ...:
            answers[item.id] = answer
    return {
        "schema_version": 1,
        "checklist": f"{checklist.id}@{checklist.version}",
        "enterprise": enterprise(rng, index, has_lab),
        "assessment": {
            "kind": rng.choice(["baseline", "baseline", "follow-up", "self"]),
            "date": (date(2026, 3, 1) + timedelta(days=rng.randint(0, 240))).isoformat(),
            "assessor": rng.choice(ASSESSORS),
        },
        "answers": answers,
    }


def generate_answers(
    checklist: Checklist, count: int, out_dir: str | Path, *, seed: int = 0, fmt: str = "yaml"
) -> list[Path]:
    """Write ``count`` answer files for ``checklist`` into ``out_dir``; the same seed gives the same files."""
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format is yaml or json, not {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(1, count + 1):
        document = answers_document(checklist, rng, index)
        path = out / f"enterprise-{index:04d}.{fmt}"
        if fmt == "json":
            text = json.dumps(document, ensure_ascii=False, indent=1)
        else:
            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    import iso9001assess as qa

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checklist", default="iso9001-2015", help="a registered checklist id or a file")
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    args = parser.parse_args(argv)
    paths = generate_answers(
        qa.load_checklist(args.checklist), args.count, args.output, seed=args.seed, fmt=args.format
    )
    print(f"wrote {len(paths)} answer files to {args.output}")


if __name__ == "__main__":
    main()
