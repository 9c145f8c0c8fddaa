"""The staged progress report as PDF and Word, from the fixture programme of tests/staged_support.py (seven
enterprises in three cities): the figures the documents show are the JSON's, in zh and en; the province's
report has the table of cities against quotas, a city bureau's has not; drafted sections are marked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess.exporters.staged_report.view import Grid, layout
from iso9001assess.i18n import message
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.staged.narrative import build_narrative
from iso9001assess.store import Store
from staged_support import PROGRAMME, fill_store, write_programme_answers

MISSING_GLYPH = "\u25a0"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("staged-documents")
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(folder / "answers")
    store = Store(f"sqlite:///{folder / 'programme.db'}")
    fill_store(store, folder / "answers")
    return store


def progress(run_cli: CliRunner, store: Store, *args: Any) -> None:
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url, *args
    )  # fmt: skip
    assert outcome.code == 0, outcome.err


def pdf_lines(path: Path) -> list[str]:
    """The PDF's text as pdftotext lays it out, one table row a line, runs of spaces made one."""
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(str(path)).tables]


def headings(path: Path, level: int) -> list[str]:
    document = Document(str(path))
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]


@pytest.fixture(scope="module")
def province_en(store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from iso9001assess.cli import main  # once for the module: the console entry point, as run_cli does

    folder = tmp_path_factory.mktemp("province-en")
    paths = {suffix: folder / f"report.{suffix}" for suffix in ("json", "pdf", "docx")}
    add_local_plugins([str(FIXTURE_PLUGIN)])
    args = [
        "progress",
        "--programme",
        str(PROGRAMME),
        "--db",
        store.url,
        "--as-of",
        "2022-11-20",
        "--lang",
        "en",
    ]
    for path in paths.values():
        args += ["-o", str(path)]
    try:
        main(["--plugin", str(FIXTURE_PLUGIN), *args])
    except SystemExit as exit_:
        assert not exit_.code
    return paths


def test_the_figures_against_the_targets_are_the_json_in_pdf_and_word(province_en: dict[str, Path]) -> None:
    figures = json.loads(province_en["json"].read_text(encoding="utf-8"))["figures"]
    totals, previous, change = figures["totals"], figures["previous"], figures["change"]
    target = figures["targets"]["enterprises_helped"]
    # 11-20 against 06-20: accepted 2 (A, D) of the target 5, none before (tests/test_staged_figures.py).
    expected = [
        "Accepted",
        str(totals["accepted"]),
        str(previous["accepted"]),
        f"+{change['accepted']}",
        str(target),
    ]
    assert expected == ["Accepted", "2", "0", "+2", "5"]
    tables = docx_tables(province_en["docx"])
    summary = next(t for t in tables if t[0][0] == "Figure")
    assert summary[0][1:3] == ["As of 2022-11-20", "As of 2022-06-20 (previous report)"]
    assert next(row for row in summary if row[0] == "Accepted") == expected
    assert next(row for row in summary if row[0] == "Enrolled")[1:4] == [
        str(totals["enrolled"]),
        str(previous["enrolled"]),
        f"+{change['enrolled']}",
    ]
    lines = pdf_lines(province_en["pdf"])
    assert " ".join(expected) in lines
    assert f"Enrolled {totals['enrolled']} {previous['enrolled']} +{change['enrolled']} —" in lines


def test_the_province_report_has_the_cities_against_their_quotas(province_en: dict[str, Path]) -> None:
    figures = json.loads(province_en["json"].read_text(encoding="utf-8"))["figures"]
    guangzhou = next(group for group in figures["by_city"] if group["key"] == "广州市")
    counts, quota = guangzhou["counts"], guangzhou["quota"]
    share = f"{round(100 * counts['accepted'] / quota)}%"
    row = [
        "Guangzhou",
        *(str(counts[k]) for k in ("enrolled", "diagnosed", "followed_up", "accepted")),
        str(quota),
        share,
    ]
    assert row == ["Guangzhou", "2", "2", "2", "1", "2", "50%"]  # A and B; A accepted; quota 2
    cities = next(t for t in docx_tables(province_en["docx"]) if t[0][0] == "City")
    assert row in cities
    assert cities[-1][0] == "Total" and cities[-1][4] == str(figures["totals"]["accepted"])
    assert " ".join(row) in pdf_lines(province_en["pdf"])
    chapters = headings(province_en["docx"], 1)
    assert chapters == [
        "1. Progress against the targets",
        "2. Cities against their quotas",
        "3. By industry cluster and size",
        "4. Score gains",
        "5. The clauses most often weak",
        "6. Laboratory verdicts",
        "7. Acceptance",
        "8. Benchmark enterprise candidates",
        "9. The work in words",
    ]
    pdf_text = "\n".join(pdf_lines(province_en["pdf"]))
    for chapter in chapters:
        assert chapter in pdf_text


def test_the_province_report_counts_the_actions_by_city(province_en: dict[str, Path]) -> None:
    figures = json.loads(province_en["json"].read_text(encoding="utf-8"))["figures"]
    fields = ("actions_open", "actions_overdue", "actions_verified")
    (table,) = [t for t in docx_tables(province_en["docx"]) if t[0] == ["City", "Actions open", "Actions overdue",
                                                                        "Actions verified"]]  # fmt: skip
    by_city = {row[0]: row[1:] for row in table[1:]}
    guangzhou = next(group for group in figures["by_city"] if group["key"] == "广州市")
    assert by_city["Guangzhou"] == [str(guangzhou["counts"][n]) for n in fields]
    assert by_city["Total"] == [str(figures["totals"][n]) for n in fields]
    assert (
        sum(int(row[0]) for city, row in by_city.items() if city != "Total")
        == figures["totals"]["actions_open"]
    )
    assert " ".join(["Guangzhou", *by_city["Guangzhou"]]) in pdf_lines(province_en["pdf"])


def test_acceptance_gains_and_benchmark_show_the_json_values(province_en: dict[str, Path]) -> None:
    figures = json.loads(province_en["json"].read_text(encoding="utf-8"))["figures"]
    tables = docx_tables(province_en["docx"])
    acceptance = next(t for t in tables if t[0][0] == "Enterprise" and t[0][-1] == "Reasons")
    b = next(row for row in acceptance if row[0] == "测试企业B有限公司")
    # B: 50 -> 56.25, gain 6.25: shown rounded once, half up; not accepted, for both reasons.
    assert b[2:] == ["50.0", "56.3", "+6.3", "no", "score 56.3 < 60; gain 6.3 < 10"]
    entry = next(e for e in figures["acceptance"] if e["name"] == "测试企业B有限公司")
    assert (entry["baseline_overall"], entry["follow_up_overall"], entry["accepted"]) == (50.0, 56.25, False)
    gains = figures["gains"]
    text = "\n".join(p.text for p in Document(str(province_en["docx"])).paragraphs)
    assert f"{gains['enterprises']} enterprises have a baseline and a follow-up" in text
    benchmark = next(t for t in tables if t[0][0] == "Rank")
    assert [row[1] for row in benchmark[1:]] == [c["name"] for c in figures["benchmark"]]
    met = figures["totals"]["benchmark_candidates"]
    assert (
        ("1 enterprise meets" if met == 1 else f"{met} enterprises meet") + " the benchmark rule; benchmark "
        f"candidates (the best by score): {len(figures['benchmark'])}, against the target of "
        f"{figures['targets']['benchmark_enterprises']}." in text
    )


def test_drafted_narrative_sections_are_marked_and_given_text_is_not(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    narrative = tmp_path / "narrative.yaml"
    narrative.write_text("measures: 组织 3 场培训，覆盖 120 名质量负责人。\n", encoding="utf-8")
    out = tmp_path / "city.docx"
    progress(run_cli, store, "--as-of", "2022-11-20", "--city", "深圳市", "--narrative", narrative, "-o", out)
    document = Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    assert "组织 3 场培训，覆盖 120 名质量负责人。" in paragraphs
    assert paragraphs.count("据数据生成的草稿，请审核补充") == 4  # the other four sections are drafts
    parts = headings(out, 2)
    assert parts[-5:] == [
        "（一）工作举措",
        "（二）工作成效",
        "（三）存在问题",
        "（四）下一步工作打算",
        "（五）工作建议",
    ]
    assert "各地市完成情况" not in "".join(headings(out, 1))  # a city bureau's report: no table of cities
    assert "报送范围：深圳市" in paragraphs


def test_the_zh_pdf_renders_chinese_and_says_page_x_of_y(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "province.pdf"
    progress(run_cli, store, "--as-of", "2022-12-31", "-o", out)
    reader = PdfReader(str(out))
    pages = [page.extract_text() for page in reader.pages]
    text = "".join("".join(page.split()) for page in pages)
    assert "阶段性工作情况报告" in text and "验收情况" in text and "广州市" in text
    assert MISSING_GLYPH not in text
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页，共{len(pages)}页" in "".join(page.split())


def test_the_same_figures_give_the_same_bytes(store: Store, run_cli: CliRunner, tmp_path: Path) -> None:
    for suffix in ("pdf", "docx"):
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        progress(run_cli, store, "--as-of", "2022-11-20", "-o", first)
        progress(run_cli, store, "--as-of", "2022-11-20", "-o", second)
        assert first.read_bytes() == second.read_bytes(), suffix


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_word_report(province_en: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(province_en["docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(tmp_path / "report.pdf")).pages)
    for chapter in headings(province_en["docx"], 1):
        assert chapter in text
    assert re.search(r"Page 1 of \d+", text)


def test_without_python_docx_the_word_report_names_the_extra_and_writes_nothing(
    store: Store, run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    out = tmp_path / "city.docx"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url,
        "--as-of", "2022-11-20", "-o", out,
    )  # fmt: skip
    assert outcome.code == 1 and "iso9001assess[docx]" in outcome.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_past_the_list_limit_the_province_counts_the_reasons_and_a_city_still_lists(
    store: Store, lang: str
) -> None:
    add_local_plugins([str(FIXTURE_PLUGIN)])
    province = qa.progress(PROGRAMME, db=store, as_of=date(2022, 11, 20))
    judged = len(province.acceptance)
    assert judged > 2
    blocks = layout(province, build_narrative(province, lang, {}, "file"), lang, list_limit=2).blocks
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert not any(g.rows[0][0] == message("progress.column.enterprise", lang) and len(g.rows) == judged + 1
                   for g in grids)  # fmt: skip
    (reasons,) = [g for g in grids if g.rows[0][0] == message("progress.column.reason", lang)]
    # Recounted from the figures: each reason code once per enterprise it holds back; then the accepted.
    expected = Counter(r.code for e in province.acceptance for r in e.reasons)
    shown = {row[0]: int(row[1]) for row in reasons.rows[1:]}
    assert shown == {
        **{message(f"progress.reason_kind.{code}", lang): count for code, count in expected.items()},
        message("progress.reason_kind.accepted", lang): sum(e.accepted for e in province.acceptance),
    }
    city = qa.progress(PROGRAMME, db=store, as_of=date(2022, 11, 20), city="深圳市")
    city_blocks = layout(city, build_narrative(city, lang, {}, "file"), lang, list_limit=0).blocks
    listed = [
        b
        for b in city_blocks
        if isinstance(b, Grid) and b.rows[0][-1] == message("progress.column.reasons", lang)
    ]
    assert [row[0] for row in listed[0].rows[1:]] == [e.name for e in city.acceptance]
