"""``iso9001assess demo``: the whole job on the bundled sample enterprises."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import api
from ..bundled import bundled_dir


def sample_files() -> list[Path]:
    return sorted(p for p in bundled_dir("samples").iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def run_demo(output: Path) -> Iterator[str]:
    """Score every sample and write its results; yields one line of progress per file written."""
    from .inputs import result_from_file

    output.mkdir(parents=True, exist_ok=True)
    for path in sample_files():
        result = result_from_file(path)
        target = api.export(result, output / f"{path.stem}.json", format="json")
        yield f"{target}  overall {result.overall.score}  {result.overall.readiness}"
    yield f"results are in {output}"
