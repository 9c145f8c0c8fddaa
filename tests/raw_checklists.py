"""Checklists read straight from their YAML files, overlays composed by hand: an oracle independent of the engine.

Tests that compute expected scores for the sample enterprises read the raw base checklist and, for a sample
answering an industry pack, apply the pack's ``remove``, ``modify`` and ``add`` to it here, in plain Python on
dicts, as PRODUCT.md describes overlays (additions go at the end of the section they are added under).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from iso9001assess.bundled import bundled_dir

PLUGINS_DIR = Path(__file__).resolve().parent.parent / "plugins"


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    assert isinstance(data, dict), path
    return data


@functools.cache
def _files() -> dict[str, Path]:
    """Checklist id -> file, for the bundled checklists and every pack under plugins/."""
    paths = [*bundled_dir("checklists").glob("*.yaml"), *PLUGINS_DIR.glob("*/src/*/*.yaml")]
    return {_read(path)["id"]: path for path in paths}


def raw_sections(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every section of a raw tree, in document order."""
    for section in sections:
        yield section
        yield from raw_sections(section.get("sections", []))


def raw_items(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every item of a raw tree, in document order."""
    for section in raw_sections(sections):
        yield from section.get("items", [])


@functools.cache
def raw_checklist(checklist_id: str) -> dict[str, Any]:
    """The checklist ``checklist_id`` as a plain dict, an overlay composed on its (raw) base."""
    data = _read(_files()[checklist_id])
    if "extends" not in data:
        return data
    base = copy.deepcopy(raw_checklist(data["extends"]))
    removed = set(data.get("remove", []))

    def prune(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = []
        for section in sections:
            if section["id"] in removed:
                continue
            section["items"] = [item for item in section.get("items", []) if item["id"] not in removed]
            section["sections"] = prune(section.get("sections", []))
            kept.append(section)
        return kept

    base["sections"] = prune(base["sections"])
    patches = data.get("modify", {})
    for item in raw_items(base["sections"]):
        item.update(patches.get(item["id"], {}))
    by_id = {section["id"]: section for section in raw_sections(base["sections"])}
    for addition in data.get("add", []):
        target = by_id[addition["under"]]
        target.setdefault("items", []).extend(addition.get("items", []))
        target.setdefault("sections", []).extend(addition.get("sections", []))
    for key in ("id", "version", "title", "scale", "grading", "maturity"):
        if key in data:
            base[key] = data[key]
    return base
