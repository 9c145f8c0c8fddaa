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
def checklist() -> Checklist:
    return qa.load_checklist("iso9001-2015")


@pytest.fixture(scope="module")
def template(checklist: Checklist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "questionnaire.xlsx"
    write_template(checklist, path, lang="zh")
    return path


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 2


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_scores_the_same_from_excel(
    sample: Path, template: Path, checklist: Checklist, tmp_path: Path
) -> None:
    from_yaml = qa.load_answers(sample)
    enterprise, rows = cells_from_answers(from_yaml)
    workbook = tmp_path / f"{sample.stem}.xlsx"
    fill(template, workbook, enterprise, rows)
    from_excel = qa.load_answers(workbook)
    assert from_excel.checklist_id == from_yaml.checklist_id == checklist.id
    assert from_excel.enterprise == from_yaml.enterprise
    assert from_excel.assessment == from_yaml.assessment
    result = qa.score(checklist, from_excel)
    assert result == qa.score(checklist, from_yaml)
    assert result.overall.completeness
