"""No merge-conflict markers in what the project ships: a conflicted file committed by mistake reads as text
(Markdown renders the markers as prose and a heading; mkdocs --strict does not notice)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("src", "docs", "tests", "benchmarks", "plugins", ".ci")
FILES = ("CHANGELOG.md", "README.md", "pyproject.toml", "Makefile", "mkdocs.yml")
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".json", ".toml", ".txt", ".cfg", ".ini", ""}
# Built here rather than written out, so this file does not match itself.
MARKERS = ("<" * 7 + " ", ">" * 7 + " ")


def _shipped() -> list[Path]:
    paths = [ROOT / name for name in FILES if (ROOT / name).is_file()]
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                paths.append(path)
    return paths


def test_no_file_holds_a_conflict_marker() -> None:
    found = []
    for path in _shipped():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith(MARKERS):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line[:40]}")
    assert len(_shipped()) > 100  # the walk found the project's files
    assert found == []
