"""Every example file and Python snippet in docs/ runs as written.

A YAML block that is a whole file (it has ``schema_version``) is loaded like a user's file: answers against
their checklist, checklists and overlays validated (an overlay composed on its base). A Python block runs in
a folder holding the files it names (``acme.yaml``, ``acme.xlsx``). A block is a sketch, and skipped, only
when it says so by the placeholders it holds (``...``, ``[...]``, ``/path/to/``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.loading.checklists import validate_checklist_file
from iso9001assess.plugin_manager import get_registry
from iso9001assess.xlsx.template import write_template
from xlsx_filling import MINI_ENTERPRISE, fill

ROOT = Path(__file__).parent.parent
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Placeholders, or a cluster address of the reader's own: the block is a sketch.
_SKETCH = ("...", "/path/to/", "…", "tcp://scheduler")


def _blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            if match.group(1) == language:
                line = text.count("\n", 0, match.start()) + 1
                found.append((f"{doc.name}:{line}", match.group(2)))
    return found


def _whole_files() -> list[tuple[str, str]]:
    return [
        (where, block)
        for where, block in _blocks("yaml")
        if "schema_version:" in block and not any(mark in block for mark in _SKETCH)
    ]


def _runnable_python() -> list[tuple[str, str]]:
    return [
        (where, block) for where, block in _blocks("python") if not any(mark in block for mark in _SKETCH)
    ]


def test_the_docs_hold_examples_to_check() -> None:
    # The answers example of docs/formats.md once named an item the checklist does not have; it is checked.
    assert any(where.startswith("formats.md") and "answers:" in block for where, block in _whole_files())
    assert any(where.startswith("api.md") for where, _ in _runnable_python())


@pytest.mark.parametrize(("where", "block"), _whole_files(), ids=[where for where, _ in _whole_files()])
def test_example_file_loads(where: str, block: str, tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    data = yaml.safe_load(block)
    if "answers" in data or "enterprise" in data:
        answers = qa.load_answers(path)  # raises with every problem located if the example is wrong
        qa.score(qa.load_checklist(answers.checklist_id), answers)
    elif "sections" in data or "extends" in data:
        problems = validate_checklist_file(path, get_registry().checklists.get)
        assert problems == [], f"{where}: " + "; ".join(map(str, problems))
    else:
        pytest.fail(f"{where}: a whole file that is neither answers nor a checklist")


@pytest.mark.parametrize(
    ("where", "block"), _runnable_python(), ids=[where for where, _ in _runnable_python()]
)
def test_example_python_runs(where: str, block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "samples" / "gz-electronics-baseline.yaml", tmp_path / "acme.yaml")
    (tmp_path / "answers").mkdir()
    for sample in sorted((ROOT / "samples").glob("*.yaml"))[:2]:
        shutil.copy(sample, tmp_path / "answers" / sample.name)
    checklist = qa.load_checklist("iso9001-2015")
    write_template(checklist, tmp_path / "template.xlsx", lang="zh")
    fill(tmp_path / "template.xlsx", tmp_path / "acme.xlsx", MINI_ENTERPRISE, {"4.1-01": {"rating": 3}})
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    # The names a snippet takes from the text around it.
    names = {"__name__": "docs_example", "checklist": checklist, "out_dir": tmp_path / "generated"}
    # Running is the check: a snippet that names a missing item, file or function raises here.
    exec(compile(block, where, "exec"), names)
