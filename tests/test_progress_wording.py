"""The progress report's wording: the draft says each figure once and says "no candidate" rather than "the
first 0"; 未跟踪 for an enterprise not yet followed up; reasons joined with the language's separator; a city's
report lists the clusters it has enterprises in and no city column; `enterprises --as-of` is refused where it
would not apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.exporters.staged_report.view import Grid, Text, layout
from iso9001assess.i18n import message
from iso9001assess.models.progress import ProgressFigures
from iso9001assess.staged.acceptance import reason
from iso9001assess.staged.narrative import build_narrative
from iso9001assess.staged.outputs import render
from iso9001assess.staged.report import figures_from_store
from iso9001assess.store import Store
from store_support import credit_code, write_answers


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "programme.db"
    files = [  # 甲: baseline and follow-up; 乙: a baseline only; both electronics (one cluster), in 广州市
        write_answers(
            tmp_path / "in" / "a-b.yaml", name="甲电子有限公司", code=credit_code(1), date="2026-04-01"
        ),
        write_answers(
            tmp_path / "in" / "a-f.yaml",
            name="甲电子有限公司",
            code=credit_code(1),
            kind="follow-up",
            date="2026-06-01",
        ),
        write_answers(
            tmp_path / "in" / "b-b.yaml", name="乙电子有限公司", code=credit_code(2), date="2026-04-02"
        ),
    ]
    with Store(path) as store:
        store.ingest(*files)
    return path


def _figures(database: Path, city: str | None) -> ProgressFigures:
    import datetime as dt

    with Store(database) as store:
        return figures_from_store(store, qa.load_programme("gd-2022-qms"), dt.date(2026, 7, 1), city)


def test_draft_says_each_figure_once_and_no_candidate_plainly(database: Path) -> None:
    figures = _figures(database, None)
    figures = figures.model_copy(
        update={"benchmark": [], "targets": figures.targets.model_copy(update={"benchmark": 0})}
    )
    results = build_narrative(figures, "zh", {}, "draft").sections[1].text
    accepted = figures.totals.accepted
    assert results.count(f"验收通过 {accepted} 家") == 1, results
    assert "目标 800 家，已完成" in results
    assert "取前 0 家" not in results
    assert "尚无标杆企业候选（目标 30 家）" in results


def test_city_report_tables(database: Path) -> None:
    figures = _figures(database, "广州市")
    blocks = layout(figures, build_narrative(figures, "zh", {}, "draft"), "zh").blocks
    grids = [block for block in blocks if isinstance(block, Grid)]
    acceptance = next(grid for grid in grids if grid.rows[0][0] == "企业" and "验收通过" in grid.rows[0])
    assert "地市" not in acceptance.rows[0]  # one city: its column says nothing
    rows = {row[0]: row for row in acceptance.rows[1:]}
    follow_column = acceptance.rows[0].index("跟踪")
    assert rows["乙电子有限公司"][follow_column] == "未跟踪"
    assert rows["甲电子有限公司"][follow_column] != "未跟踪"
    cluster_grid = next(grid for grid in grids if grid.rows[0][0] == "产业集群")
    assert [row[0] for row in cluster_grid.rows[1:-1]] == ["新一代电子信息"]  # the one with enterprises
    omitted = len(figures.by_cluster) - 1
    texts = [block.text for block in blocks if isinstance(block, Text)]
    assert f"另有 {omitted} 个产业集群在本市暂无企业，未列出。" in texts
    province = _figures(database, None)
    whole = layout(province, build_narrative(province, "zh", {}, "draft"), "zh").blocks
    clusters = next(b for b in whole if isinstance(b, Grid) and b.rows[0][0] == "产业集群")
    assert len(clusters.rows) - 2 == len(province.by_cluster)  # the province's lists every cluster


def test_workbook_reasons_use_the_language_separator(database: Path, tmp_path: Path) -> None:
    figures = _figures(database, None)
    two = [reason("score", score=70.0, min="80"), reason("major", count=1)]
    entry = figures.acceptance[0].model_copy(update={"reasons": two, "accepted": False})
    figures = figures.model_copy(update={"acceptance": [entry]})
    narrative = build_narrative(figures, "zh", {}, "draft")
    out = tmp_path / "p.xlsx"
    render(figures, narrative, "zh", out)
    cell = load_workbook(out)["验收"].cell(2, 8).value
    assert cell == "；".join(r.text["zh"] for r in two)
    render(figures, narrative, "en", out)
    assert load_workbook(out)[message("progress.sheet.acceptance", "en")].cell(2, 8).value == "; ".join(
        r.text["en"] for r in two
    )


def test_enterprises_as_of_without_acceptance_is_refused(run_cli: CliRunner, database: Path) -> None:
    refused = run_cli("enterprises", "--db", database, "--as-of", "2026-05-01")
    assert refused.code == 2
    assert "--as-of 只用于验收判断（--status accepted 或 not-accepted，并给出 --programme）" in refused.err
    judged = run_cli(
        "enterprises",
        "--db",
        database,
        "--programme",
        "gd-2022-qms",
        "--status",
        "accepted",
        "--as-of",
        "2026-05-01",
    )
    assert judged.code == 0, judged.err
