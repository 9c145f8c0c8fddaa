"""Every bundled sample enterprise, answered in Excel instead of YAML, gets the very same result."""

from __future__ import annotations

from pathlib import Path

import pytest

import iso9001assess as qa
from iso9001assess.models.checklist import Checklist
from iso9001assess.xlsx.template import write_template
from xlsx_filling import cells_from_answers, fill

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.yaml"))


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One blank questionnaire per checklist the samples answer (the base or an industry pack)."""
    folder = tmp_path_factory.mktemp("samples")
    made = {}
    for checklist_id in sorted({qa.load_answers(sample).checklist_id for sample in SAMPLES}):
        made[checklist_id] = folder / f"{checklist_id}.xlsx"
        write_template(qa.load_checklist(checklist_id), made[checklist_id], lang="zh")
    return made


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 2


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_scores_the_same_from_excel(sample: Path, templates: dict[str, Path], tmp_path: Path) -> None:
    from_yaml = qa.load_answers(sample)
    checklist: Checklist = qa.load_checklist(from_yaml.checklist_id)
    enterprise, rows = cells_from_answers(from_yaml)
    workbook = tmp_path / f"{sample.stem}.xlsx"
    fill(templates[checklist.id], workbook, enterprise, rows)
    from_excel = qa.load_answers(workbook)
    assert from_excel.checklist_id == from_yaml.checklist_id == checklist.id
    assert from_excel.enterprise == from_yaml.enterprise
    assert from_excel.assessment == from_yaml.assessment
    result = qa.score(checklist, from_excel)
    assert result == qa.score(checklist, from_yaml)
    assert result.overall.completeness
