"""The staged report's narrative: the agency's text from a file (YAML or Markdown) or from the store, and
drafts from the figures where none is given, each marked as such."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess.errors import InvalidInputError
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.staged.narrative import build_narrative, read_narrative_file
from iso9001assess.staged.report import progress_report
from iso9001assess.store import Store
from staged_support import PROGRAMME, fill_store, write_programme_answers

NOV_20 = dt.date(2022, 11, 20)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("narrative")
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(folder / "answers")
    store = Store(folder / "programme.db")
    fill_store(store, folder / "answers")
    return store


def test_a_yaml_file_gives_its_sections_and_the_others_are_drafted(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "narrative.yaml"
    path.write_text("工作举措: 组织了三场培训。\nsuggestions: |\n  建议增加专项经费。\n", encoding="utf-8")
    report = progress_report(store, qa.load_programme(PROGRAMME), NOV_20, None, "zh", path)
    sections = {section.key: section for section in report.narrative.sections}
    assert (sections["measures"].text, sections["measures"].source) == ("组织了三场培训。", "file")
    assert (sections["suggestions"].text, sections["suggestions"].source) == ("建议增加专项经费。", "file")
    assert {sections[key].source for key in ("results", "problems", "next_steps")} == {"draft"}
    # The drafted results: 6 enrolled, 6 diagnosed, 4 followed up, 2 accepted (tests/test_staged_figures.py),
    # 2 of the target 5 (40%), in Chinese sentences joined without spaces.
    assert sections["results"].text.startswith(
        "截至 2022-11-20，参与企业 6 家，已诊断 6 家，已完成跟踪评估 4 家，验收通过 2 家。目标 5 家，已完成 40%。"
    )
    # Next steps: 4 actions open, 2 overdue; C and E diagnosed but not followed up; B and F not accepted.
    assert sections["next_steps"].text == (
        "仍有 4 项改进措施未关闭，其中 2 项逾期，需会同企业和指导机构跟进。已诊断的企业中尚有 2 家待跟踪评估。"
        "已完成跟踪评估的企业中有 2 家尚未通过验收，需帮助其补齐差距。"
    )


def test_a_markdown_file_with_numbered_headings(tmp_path: Path) -> None:
    path = tmp_path / "narrative.md"
    path.write_text(
        "## 一、工作举措\n\n开展小班化培训。\n\n## 三、存在问题\n\n部分企业内审流于形式。\n\n## Next steps\n\nVisit them.\n",
        encoding="utf-8",
    )
    assert read_narrative_file(path) == {
        "measures": "开展小班化培训。",
        "problems": "部分企业内审流于形式。",
        "next_steps": "Visit them.",
    }


def test_an_unknown_section_is_located(tmp_path: Path) -> None:
    markdown = tmp_path / "bad.md"
    markdown.write_text("## 工作举措\n\ntext\n\n## 工作总结\n\nmore\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        read_narrative_file(markdown)
    (problem,) = raised.value.problems
    assert (problem.line, problem.column) == (5, 1) and "unknown section '工作总结'" in problem.message
    yaml_file = tmp_path / "bad.yaml"
    yaml_file.write_text("measures: ok\nsummary: no\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        read_narrative_file(yaml_file)
    (problem,) = raised.value.problems
    assert (problem.line, problem.column) == (2, 10) and "unknown section 'summary'" in problem.message


@pytest.mark.usefixtures("in_english")
def test_the_command_reports_a_bad_narrative_file_and_writes_nothing(
    store: Store, run_cli: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("measures: [not, text]\n", encoding="utf-8")
    out = tmp_path / "r.json"
    args = ("progress", "--programme", PROGRAMME, "--db", store.url, "--narrative", bad, "-o", out)
    outcome = run_cli(*args)
    assert (
        outcome.code == 1
        and f"{bad}:1:11: measures: the section's text is written as a string" in outcome.err
    )
    assert not out.exists()


def test_text_kept_in_the_store_is_the_reports(store: Store, run_cli: CliRunner, tmp_path: Path) -> None:
    programme = qa.load_programme(PROGRAMME)
    store.set_narrative(
        programme.id, "广州市", NOV_20, "en", {"measures": "Two workshops.", "problems": "Late."}
    )
    store.set_narrative(programme.id, "广州市", NOV_20, "en", {"problems": "Audits late."})  # replaces
    out = tmp_path / "gz.json"
    args = (
        "progress",
        "--programme",
        PROGRAMME,
        "--db",
        store.url,
        "--as-of",
        "2022-11-20",
        "--city",
        "广州市",
    )
    assert run_cli(*args, "--lang", "en", "-o", out).code == 0
    sections = {s["key"]: s for s in json.loads(out.read_text(encoding="utf-8"))["narrative"]["sections"]}
    assert (sections["measures"]["text"], sections["measures"]["source"]) == ("Two workshops.", "store")
    assert sections["problems"]["text"] == "Audits late."
    assert sections["results"]["source"] == "draft"
    # Another city, date or language has none of it.
    assert run_cli(*args[:-1], "深圳市", "--lang", "en", "-o", out).code == 0
    other = json.loads(out.read_text(encoding="utf-8"))["narrative"]["sections"]
    assert {s["source"] for s in other} == {"draft"}


def test_keep_narrative_stores_the_files_sections(store: Store, run_cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "foshan.md"
    path.write_text("## 工作举措\n\n走访企业12家。\n", encoding="utf-8")
    args = (
        "progress",
        "--programme",
        PROGRAMME,
        "--db",
        store.url,
        "--as-of",
        "2022-06-20",
        "--city",
        "佛山市",
    )
    assert run_cli(*args, "--narrative", path, "--keep-narrative", "-o", tmp_path / "a.json").code == 0
    assert store.narrative("test-three-cities", "佛山市", dt.date(2022, 6, 20), "zh") == {
        "measures": "走访企业12家。"
    }
    assert run_cli(*args, "-o", tmp_path / "b.json").code == 0  # without the file: the store's text
    sections = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["narrative"]["sections"]
    assert (sections[0]["text"], sections[0]["source"]) == ("走访企业12家。", "store")
    alone = run_cli(*args, "--keep-narrative", "-o", tmp_path / "c.json")
    assert alone.code == 2 and "--keep-narrative 保存的是 --narrative 文件中的栏目" in alone.err


def test_drafts_in_english_name_the_weak_clauses() -> None:
    add_local_plugins([str(FIXTURE_PLUGIN)])
    figures = qa.ProgressFigures.model_validate_json(_figures_json())
    narrative = build_narrative(figures, "en", {}, "file")
    problems = narrative.section("problems").text
    # On 11-20, 4.3 (25·r3) is weak for D (2) and E (1), 4.1 for B (2, 2: 50), of the 6 complete latest ones.
    assert problems.startswith(
        "The clauses most often weak: 4.3 Determining the scope of the QMS (weak in 2 of 6); "
        "4.1 Understanding the organization and its context (weak in 1 of 6)."
    )
    assert narrative.section("suggestions").text == (
        "3 more enterprises must be accepted to meet the target by 2022-12-31: give priority to the follow-ups "
        "still due."
    )


def _figures_json() -> str:
    """The fixture programme's figures on 2022-11-20 (computed once per call from a fresh store)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        write_programme_answers(Path(folder) / "answers")
        with Store(Path(folder) / "p.db") as fresh:
            fill_store(fresh, Path(folder) / "answers")
            return qa.progress(PROGRAMME, db=fresh, as_of=NOV_20).model_dump_json()
