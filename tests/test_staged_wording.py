"""The staged report's words, read back from the PDF of the fixture programme (tests/staged_support.py): a
figure without a target is said in a sentence of its own (no "4 / no target"), a city is named in the report's
language everywhere (Guangzhou in English, on the title page and in the tables), and a narrative file's
headings may be numbered and written with or without 的, an unknown one listing the accepted titles."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess.errors import InvalidInputError
from iso9001assess.exporters.staged_report.view import layout
from iso9001assess.i18n import message
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.staged.narrative import build_narrative, read_narrative_file
from iso9001assess.store import Store
from staged_support import PROGRAMME, fill_store, write_programme_answers


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("staged-wording")
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(folder / "answers")
    store = Store(f"sqlite:///{folder / 'programme.db'}")
    fill_store(store, folder / "answers")
    return store


def pdf_text(run_cli: CliRunner, store: Store, out: Path, *args: str) -> str:
    """The report's text with every space and line break taken out (a sentence may wrap anywhere)."""
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url,
        "--as-of", "2022-11-20", "-o", out, *args,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split())


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_a_city_with_a_quota_says_the_benchmark_target_is_the_provinces(
    store: Store, run_cli: CliRunner, tmp_path: Path, lang: str
) -> None:
    text = pdf_text(run_cli, store, tmp_path / "gz.pdf", "--city", "广州市", "--lang", lang)
    # 11-20 in Guangzhou: A accepted (quota 2), A and B followed up; no benchmark candidate there.
    assert flat(message("progress.doc.target_rule_city", lang, target=2)) in text
    assert (
        flat(message("progress.doc.acceptance_line", lang, accepted=1, target=2, share="50%", followed_up=2))
        in text
    )
    assert flat(message("progress.doc.benchmark_line_no_target", lang, count=0, listed=0)) in text
    figures = qa.progress(PROGRAMME, db=store, as_of=dt.date(2022, 11, 20), city="广州市")
    boxes = layout(figures, build_narrative(figures, lang, {}, "file"), lang).title_page.boxes
    assert [figure for figure, _label in boxes[:2]] == ["1 / 2", "0"]  # no benchmark target: the count alone


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_a_city_without_a_quota_says_so_in_sentences(
    store: Store, run_cli: CliRunner, tmp_path: Path, lang: str
) -> None:
    text = pdf_text(run_cli, store, tmp_path / "dg.pdf", "--city", "东莞市", "--lang", lang)
    assert flat(message("progress.doc.target_rule_no_quota", lang)) in text
    assert flat(message("progress.doc.acceptance_line_no_target", lang, accepted=0, followed_up=0)) in text
    for before in ("目标未设目标", "目標未設目標", "againstthetargetofnotarget", "/未设目标", "/notarget"):
        assert before not in text


def test_the_english_report_names_the_city_in_english(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    text = pdf_text(run_cli, store, tmp_path / "gz-en.pdf", "--city", "广州市", "--lang", "en")
    assert flat(message("progress.doc.scope", "en", scope="Guangzhou")) in text
    assert "广州市" not in text  # not on the title page, the page header, nor the acceptance table
    province = pdf_text(run_cli, store, tmp_path / "province-en.pdf", "--lang", "en")
    for chinese in ("广州市", "深圳市", "佛山市", "东莞市"):
        assert chinese not in province
    zh = pdf_text(run_cli, store, tmp_path / "gz-zh.pdf", "--city", "广州市", "--lang", "zh")
    assert flat(message("progress.doc.scope", "zh", scope="广州市")) in zh


@pytest.mark.parametrize(
    "heading",
    [
        "## 三、存在的问题",
        "## 三、存在问题",
        "## （三）存在的问题",
        "## 3. 存在问题",
        "## 第三部分 存在的问题",
        "## 存在问题：",
        "## 3. Problems",
        "## problems",
    ],
)
def test_numbered_and_particle_variants_of_a_heading_are_accepted(tmp_path: Path, heading: str) -> None:
    path = tmp_path / "nar.md"
    path.write_text(
        f"## 一、工作举措\n\n开展培训。\n\n{heading}\n\n部分企业整改进度偏慢。\n", encoding="utf-8"
    )
    assert read_narrative_file(path) == {"measures": "开展培训。", "problems": "部分企业整改进度偏慢。"}


def test_the_usual_government_headings_are_all_accepted(tmp_path: Path) -> None:
    path = tmp_path / "nar.md"
    path.write_text(
        "## 一、工作举措\n甲\n## 二、工作成效\n乙\n## 三、存在的问题\n丙\n## 四、下一步的工作打算\n丁\n## 五、工作建议\n戊\n",
        encoding="utf-8",
    )
    assert read_narrative_file(path) == {
        "measures": "甲",
        "results": "乙",
        "problems": "丙",
        "next_steps": "丁",
        "suggestions": "戊",
    }


def test_an_unknown_heading_lists_the_accepted_titles_in_the_readers_language(tmp_path: Path) -> None:
    path = tmp_path / "nar.md"
    path.write_text("## 一、工作举措\n甲\n\n## 三、主要困难\n乙\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        read_narrative_file(path)
    (problem,) = raised.value.problems
    assert problem.localized("zh") == (
        f"{path}:4:1: 没有栏目 '三、主要困难'；请改为以下之一："
        "工作举措、工作成效、存在问题、下一步工作打算、工作建议（可加编号，如“三、存在问题”）"
    )
    assert problem.localized("en").endswith(
        'one of: Measures taken, Results, Problems, Next steps, Suggestions (numbered or not: "3. Problems")'
    )


def test_the_english_workbook_names_the_cities_in_english(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "province-en.xlsx"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url,
        "--as-of", "2022-12-31", "--lang", "en", "-o", out,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    book = load_workbook(out, read_only=True)
    cells = [
        str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row
    ]
    # A, B, G in Guangzhou; C, D in Shenzhen; E, F in Foshan: the acceptance and benchmark sheets list them.
    assert cells.count("Guangzhou") >= 2 and "Shenzhen" in cells and "Foshan" in cells
    assert not {"广州市", "深圳市", "佛山市", "东莞市"} & set(cells)
