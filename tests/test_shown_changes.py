"""Every shown change is the difference of the shown (rounded) values: 69.25 → 87.64 is shown 69.3 → 87.6,
so the change reads +18.3 (what a reader subtracts), not +18.4 (the exact 18.39 rounded). JSON keeps 18.39."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

import iso9001assess as qa
from iso9001assess.comparison import Comparison
from iso9001assess.exporters.report_view import headline_changes
from iso9001assess.exporters.staged_report.view import Grid, Text, layout
from iso9001assess.programme.compare import compare_files, comparison_text
from iso9001assess.rounding import shown_change
from iso9001assess.staged.narrative import build_narrative
from iso9001assess.staged.outputs import render
from iso9001assess.staged.report import figures_from_store
from iso9001assess.store import Store
from store_support import credit_code, write_answers

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
# Shown 69.3 and 87.6 (half up): the shown change 87.6 - 69.3 = 18.3; the exact 87.64 - 69.25 = 18.39 -> 18.4.
BEFORE, AFTER = 69.25, 87.64
# Shown 44.0 and 67.6: 67.6 - 44.0 = 23.6; exact 67.56 - 44.04 = 23.52 -> 23.5.
BASE2, FOLLOW2 = 44.04, 67.56


def test_shown_change_is_the_difference_of_rounded_values() -> None:
    assert shown_change(BEFORE, AFTER) == 18.3
    assert shown_change(BASE2, FOLLOW2) == 23.6
    assert shown_change(None, 1.0) is None
    assert shown_change(60.04, 60.0) == 0.0


@pytest.fixture
def comparison(tmp_path: Path) -> Comparison:
    baseline = tmp_path / "baseline.yaml"
    baseline.write_bytes((FIXTURES / "mini-answers.yaml").read_bytes())
    document = yaml.safe_load(baseline.read_text(encoding="utf-8"))
    document["assessment"] = {"kind": "follow-up", "date": "2026-11-20", "assessor": "李四"}
    followup = tmp_path / "followup.yaml"
    followup.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    found = compare_files(baseline, followup, checklist=qa.load_checklist(FIXTURES / "mini-checklist.yaml"))
    section = found.sections[0].model_copy(update={"baseline": BASE2, "followup": FOLLOW2, "delta": 23.52})
    return found.model_copy(
        update={
            "baseline": found.baseline.model_copy(update={"overall": BEFORE}),
            "followup": found.followup.model_copy(update={"overall": AFTER}),
            "overall_delta": AFTER - BEFORE,
            "sections": (section, *found.sections[1:]),
        }
    )


def test_follow_up_report_and_compare_show_the_difference_of_shown_scores(comparison: Comparison) -> None:
    overall = headline_changes(comparison, "zh")[0]  # the PDF's and DOCX's headline table
    assert (overall.baseline, overall.followup, overall.change) == ("69.3", "87.6", "+18.3")
    text = comparison_text(comparison, "en")
    assert "69.3 → 87.6 (+18.3)" in text
    assert "44.0 → 67.6  +23.6" in text
    assert comparison.overall_delta is not None and round(comparison.overall_delta, 2) == 18.39  # exact kept


def test_progress_acceptance_and_gains_show_the_difference_of_shown_scores(tmp_path: Path) -> None:
    database = tmp_path / "programme.db"
    files = [
        write_answers(tmp_path / "in" / "b.yaml", code=credit_code(1), date="2026-04-01"),
        write_answers(tmp_path / "in" / "f.yaml", code=credit_code(1), kind="follow-up", date="2026-06-01"),
    ]
    with Store(database) as store:
        store.ingest(*files)
        programme = qa.load_programme("gd-2022-qms")
        figures = figures_from_store(store, programme, None, None)
    entry = figures.acceptance[0].model_copy(
        update={"baseline_overall": BASE2, "follow_up_overall": FOLLOW2, "gain": FOLLOW2 - BASE2}
    )
    gains = figures.gains.model_copy(
        update={
            "mean": FOLLOW2 - BASE2,
            "median": FOLLOW2 - BASE2,
            "mean_baseline": BASE2,
            "mean_follow_up": FOLLOW2,
        }
    )
    figures = figures.model_copy(update={"acceptance": [entry], "gains": gains})
    narrative = build_narrative(figures, "zh", {}, "draft")
    blocks = layout(figures, narrative, "zh").blocks
    rows = [row for block in blocks if isinstance(block, Grid) for row in block.rows]
    assert next(row for row in rows if row[0] == entry.name)[2:5] == ["44.0", "67.6", "+23.6"]
    texts = " ".join(block.text for block in blocks if isinstance(block, Text))
    assert "平均提升 23.6 分（中位数 23.5 分），平均得分由 44.0 分提高到 67.6 分" in texts
    drafted = " ".join(section.text for section in narrative.sections)
    assert "平均提升 23.6 分" in drafted
    out = tmp_path / "p.xlsx"
    render(figures, narrative, "zh", out)
    sheet = load_workbook(out)["验收"]
    values = [cell.value for cell in sheet[2]]
    assert values[3:6] == [44.0, 67.6, 23.6]
