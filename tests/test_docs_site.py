"""The documentation site: every page is in the nav (mkdocs --strict fails on one left out, but only without
--quiet, so make test runs it so; this test says which page at once), the Chinese guide's index links the
guides a user needs, and the store's schema heading names the newest migration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MIGRATIONS = ROOT / "src" / "iso9001assess" / "store" / "migrations" / "versions"


def nav_pages(entries: Any) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in nav_pages(entry)]
    if isinstance(entries, dict):
        return [page for value in entries.values() for page in nav_pages(value)]
    return []


def test_every_page_is_in_the_nav_and_make_test_builds_without_quiet() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    in_nav = nav_pages(config["nav"])
    assert sorted(pages - set(in_nav)) == []
    assert sorted(set(in_nav) - pages) == []
    test_target = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    (build,) = [line for line in test_target.splitlines() if "mkdocs build" in line]
    assert "--strict" in build and "--quiet" not in build


def test_the_chinese_index_links_the_guides() -> None:
    index = (DOCS / "zh" / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([a-z]+\.md)\)", index))
    assert {"store.md", "plan.md", "progress.md", "report.md", "scoring.md", "packs.md"} <= linked


def test_the_schema_heading_names_the_newest_revision() -> None:
    newest = max(re.match(r"r(\d{4})_", path.name).group(1) for path in MIGRATIONS.glob("r*.py"))  # type: ignore[union-attr]
    assert f"## Schema (revision {newest})" in (DOCS / "store.md").read_text(encoding="utf-8")
    assert f"## 表结构（版本 {newest}）" in (DOCS / "zh" / "store.md").read_text(encoding="utf-8")
