"""Recording again an old version of a corrected file changes nothing, and says which assessment superseded it
(the version current now, through a chain of corrections), in zh, en and zh-Hant; the current version
recorded again says plainly that nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.i18n import message
from iso9001assess.store import Store
from store_support import SAMPLES

ORIGINAL = SAMPLES / "zs-food.yaml"


def versions(folder: Path) -> list[Path]:
    """The original file and two corrections of it (the assessor's name corrected twice): same enterprise,
    kind and date, other content."""
    text = ORIGINAL.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("  assessor: "))
    paths = []
    for index, assessor in enumerate((None, "王五", "赵六")):
        path = folder / f"v{index + 1}.yaml"
        path.write_text(text if assessor is None else text.replace(line, f"  assessor: {assessor}"), "utf-8")
        paths.append(path)
    return paths


def test_the_outcome_names_the_current_version_through_a_chain_of_corrections(
    store_url: str, tmp_path: Path
) -> None:
    first, second, third = versions(tmp_path)
    with Store(store_url) as store:
        ids = [store.ingest(path).outcomes[0].assessment_id for path in (first, second, third)]
        assert len(set(ids)) == 3
        again = store.ingest(first, second, third).outcomes
        assert [(o.status, o.assessment_id, o.superseded_by) for o in again] == [
            ("unchanged", ids[0], ids[2]),  # v1 was superseded by v2, then v2 by v3: v3 is current
            ("unchanged", ids[1], ids[2]),
            ("unchanged", ids[2], None),  # the current version: nothing superseded it
        ]


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_ingest_says_the_old_version_is_superseded(run_cli: CliRunner, tmp_path: Path, lang: str) -> None:
    first, second, _third = versions(tmp_path)
    db = tmp_path / "programme.db"
    assert run_cli("ingest", "--db", db, first).code == 0  # assessment 1
    assert run_cli("ingest", "--db", db, second).code == 0  # assessment 2 supersedes 1
    outcome = run_cli("ingest", "--db", db, "--lang", lang, first, second)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0] == message(
        "store.ingest.unchanged_superseded", lang, source=str(first), assessment=1, current=2
    )
    assert lines[1] == message("store.ingest.unchanged", lang, source=str(second), assessment=2)
    english = message("store.ingest.unchanged_superseded", "en", source="x.yaml", assessment=65, current=109)
    assert english == (
        "x.yaml: already recorded, nothing changed (assessment 65, since superseded by the corrected "
        "assessment 109, which stays current)"
    )
