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
DISTRICTS = ["天河区", "南山区", "顺德区", "松山湖", "香洲区", "高新区", "经济开发区"]
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


def enterprise(rng: random.Random, index: int, has_lab: bool) -> dict[str, Any]:
    province = rng.choice(list(REGIONS))
    city = rng.choice(REGIONS[province])
    size, low, high = rng.choices(SIZES, weights=[2, 5, 3, 1])[0]
    return {
        "name": f"{city[:-1]}{rng.choice(CITY_WORDS)}{rng.choice(TRADE_WORDS)}有限公司（{index:04d}）",
        "credit_code": credit_code(rng),
        "region": {"province": province, "city": city, "district": rng.choice(DISTRICTS)},
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
