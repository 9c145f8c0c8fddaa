"""Answer files for the programme-store tests: the Guangzhou sample's answers under other enterprises,
kinds, dates and ratings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from iso9001assess.models.credit_code import check_character

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE = SAMPLES / "gz-electronics-baseline.yaml"
_BASE: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def credit_code(number: int) -> str:
    """A valid unified social credit code (GB 32100-2015 checksum), one per number."""
    body = f"914401{number:011d}"[:17]
    return body + check_character(body)


def answers_data(
    *,
    name: str = "广州禾川智控电子有限公司",
    code: str | None = None,
    city: str = "广州市",
    kind: str = "baseline",
    date: dt.date | str = "2026-04-16",
    ratings: dict[str, int] | None = None,
) -> dict[str, Any]:
    data = yaml.safe_load(yaml.safe_dump(_BASE, allow_unicode=True))  # a deep copy
    enterprise = data["enterprise"]
    enterprise["name"] = name
    enterprise["region"]["city"] = city
    if code is None:
        enterprise.pop("credit_code", None)
    else:
        enterprise["credit_code"] = code
    data["assessment"].update(kind=kind, date=str(date))
    data["answers"].update(ratings or {})
    return data


def write_answers(path: Path, **fields: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(answers_data(**fields), allow_unicode=True, sort_keys=False), "utf-8")
    return path


def programme_files(folder: Path, enterprises: int) -> list[Path]:
    """A baseline and a follow-up for each of ``enterprises`` enterprises (credit codes 1..n)."""
    files = []
    for number in range(1, enterprises + 1):
        code = credit_code(number)
        rating = number % 5
        files.append(
            write_answers(
                folder / f"e{number:04d}-baseline.yaml",
                name=f"企业{number:04d}有限公司",
                code=code,
                city=["广州市", "深圳市", "佛山市"][number % 3],
                ratings={"4.1-01": rating},
            )
        )
        files.append(
            write_answers(
                folder / f"e{number:04d}-followup.yaml",
                name=f"企业{number:04d}有限公司",
                code=code,
                city=["广州市", "深圳市", "佛山市"][number % 3],
                kind="follow-up",
                date="2026-10-20",
                ratings={"4.1-01": min(4, rating + 1), "4.1-02": 4},
            )
        )
    return files
