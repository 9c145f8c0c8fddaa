"""compare: deltas computed by hand on the mini checklist, as text, JSON and PDF, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

import iso9001assess as qa
from iso9001assess.cli import main
from iso9001assess.comparison import Comparison, compare
from iso9001assess.errors import InvalidInputError
from iso9001assess.i18n import message
from iso9001assess.programme.compare import compare_files, comparison_json, comparison_text
from iso9001assess.programme.compare_pdf import write_comparison_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The fixture as baseline; the follow-up raises 4.1-02 from 1 to 4 and lowers 4.1-01 from 3 to 2."""
    baseline = tmp_path / "baseline.yaml"
    baseline.write_bytes((FIXTURES / "mini-answers.yaml").read_bytes())
    document = yaml.safe_load(baseline.read_text(encoding="utf-8"))
    document["assessment"] = {"kind": "follow-up", "date": "2026-11-20", "assessor": "李四"}
    document["answers"]["4.1-02"] = 4
    document["answers"]["4.1-01"] = {"rating": 2, "note": "<b>评审记录 & 不全</b>"}
    followup = tmp_path / "followup.yaml"
    followup.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return baseline, followup


@pytest.fixture
def comparison(files: tuple[Path, Path]) -> Comparison:
    return compare_files(*files, checklist=qa.load_checklist(MINI))


def test_deltas_and_finding_changes(comparison: Comparison) -> None:
    # baseline overall (2·0.75 + 0.25 + 0.5)/4 = 56.25; follow-up (2·0.5 + 1 + 0.5)/4 = 62.5
    assert (comparison.baseline.overall, comparison.followup.overall, comparison.overall_delta) == (
        56.25,
        62.5,
        6.25,
    )
    assert (comparison.baseline.maturity_level, comparison.followup.maturity_level, comparison.maturity_change) == (
        3, 4, 1,
    )  # fmt: skip
    assert comparison.lab_delta == 0.0  # LAB.1-01 only, 4 both times: 100 → 100
    section_41 = next(s for s in comparison.sections if s.id == "4.1")
    # (2·0.75 + 0.25)/3 = 58.33… → (2·0.5 + 1)/3 = 66.66…: the delta is kept at full precision, 8.33…
    assert (section_41.baseline, section_41.followup, section_41.delta) == pytest.approx(
        (175 / 3, 200 / 3, 25 / 3)
    )
    assert [c.item_id for c in comparison.closed] == ["4.1-02"]
    assert [(c.item_id, c.baseline_grade, c.followup_grade) for c in comparison.new] == [
        ("4.1-01", None, "observation")
    ]
    assert [c.item_id for c in comparison.persisting] == ["4.3-01"]  # LAB.1-02 is not assessed: no finding
    # the QMS: 56.25 < 60 → 62.5 with observations only (the lab does not count for readiness)
    assert (comparison.baseline.readiness, comparison.followup.readiness) == ("not-ready", "ready")
    assert (comparison.followup.lab_verdict, comparison.followup.lab_completeness) == ("incomplete", 0.5)


def test_text_in_both_languages(comparison: Comparison) -> None:
    en = comparison_text(comparison, "en")
    # One decimal, half up, as every output: 56.25 → 56.3, 62.5 → 62.5; the change shown is the difference of
    # the shown scores, 62.5 - 56.3 = +6.2 (the exact 6.25 stays in the JSON).
    # The comparison speaks the report's words (one catalogue, iso9001assess.i18n).
    assert "QMS overall score: 56.3 → 62.5 (+6.2)" in en  # 56.25 shown once, half up
    assert "Maturity level: 3 → 4 (+1)" in en
    assert "Readiness for certification: Not ready → Ready" in en
    assert "QMS completeness: 100% → 100%" in en
    assert "Laboratory management: Incomplete assessment: no verdict → Incomplete" in en
    assert "Lab completeness: 50% → 50%" in en
    assert "Findings: Major nonconformity 0 → 0, Minor nonconformity 1 → 0, Observation 1 → 2" in en
    assert (
        "Findings closed (1)\n  4.1-02 [Minor nonconformity → no finding] Are these issues monitored?" in en
    )
    assert "New findings (1)\n  4.1-01 [no finding → Observation]" in en
    assert "    4.1 Understanding the organization and its context  58.3 → 66.7  +8.4" in en  # 66.7 - 58.3
    assert "LAB.1 " in en and "LAB.1 " not in comparison_text(comparison, "en", depth=0)
    zh = comparison_text(comparison, "zh")
    assert "质量管理体系总分: 56.3 → 62.5 (+6.2)" in zh
    assert "认证准备度: 暂不具备认证条件 → 具备认证条件" in zh
    assert "实验室管理规范性: 评估不完整，暂不判定 → 评估不完整，暂不判定" in zh
    assert "已关闭的发现项（1 项）\n  4.1-02 [一般不符合 → 无发现项]" in zh


def test_json_reads_back(comparison: Comparison) -> None:
    data = json.loads(comparison_json(comparison))
    assert data["overall_delta"] == 6.25 and data["closed"][0]["item_id"] == "4.1-02"
    assert Comparison.model_validate(data) == comparison


def test_pdf_section_and_document(comparison: Comparison, tmp_path: Path) -> None:
    path = write_comparison_pdf(comparison, tmp_path / "c.pdf", lang="zh")
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    # The chapter report --baseline shows, on a document of its own: closed findings counted by clause,
    # new and persisting ones listed (this document has no findings chapter of its own).
    for expected in ("跟踪评估对比\n广州某某电子科技有限公司", "基线评估日期 2026-05-10，本次评估日期 2026-11-20",
                     "62.5", "发现的变化：已关闭 1 项，新增 1 项，仍存在 1 项", "新增的发现项（1 项）",
                     f"{message('report.progress.no_finding', 'zh')} → 观察项", "第 1 页，共"):  # fmt: skip
        assert expected in text, expected
    assert "4.1-02" not in text  # the closed finding is counted, not listed
    again = write_comparison_pdf(comparison, tmp_path / "again.pdf", lang="zh")
    assert again.read_bytes() == path.read_bytes()


def test_assessments_of_different_enterprises_are_refused(files: tuple[Path, Path], tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI)
    document = yaml.safe_load(files[1].read_text(encoding="utf-8"))
    document["enterprise"]["credit_code"] = "91350100M000100Y43"
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="only assessments of the same enterprise"):
        compare_files(files[0], other, checklist=checklist)


def test_the_message_names_files_and_enterprises(files: tuple[Path, Path], tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI)
    document = yaml.safe_load(files[1].read_text(encoding="utf-8"))
    document["enterprise"].update(name="福州另一家公司", credit_code="91350100M000100Y43")
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        compare_files(files[0], other, checklist=checklist)
    (problem,) = error.value.problems
    assert str(problem).startswith(f"{other}: the baseline ({files[0]}) is of '广州某某电子科技有限公司'")
    assert "this follow-up of '福州另一家公司' (credit code 91350100M000100Y43)" in str(problem)
    assert "<compare>" not in str(problem)


def test_follow_up_before_baseline_is_refused(files: tuple[Path, Path]) -> None:
    checklist = qa.load_checklist(MINI)
    with pytest.raises(InvalidInputError) as error:
        compare_files(files[1], files[0], checklist=checklist)
    (problem,) = error.value.problems
    assert str(problem) == (
        f"{files[0]}: given as the follow-up, this baseline assessment (2026-05-10) comes before the one "
        f"given as the baseline ({files[1]}: follow-up, 2026-11-20); give the baseline first: "
        "compare BASELINE FOLLOWUP"
    )


def test_problems_in_both_files_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("[", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("schema_version: 3\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        compare_files(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert {Path(p.source).name for p in error.value.problems} == {"a.yaml", "b.yaml"}


def test_compare_accepts_json_results(files: tuple[Path, Path], tmp_path: Path) -> None:
    checklist = qa.load_checklist(MINI)
    before = qa.score(checklist, qa.load_answers(files[0], checklist))
    qa.export(before, tmp_path / "before.json")
    mixed = compare_files(tmp_path / "before.json", files[1], checklist=checklist)
    assert mixed == compare(before, qa.score(checklist, qa.load_answers(files[1], checklist)))


def test_cli_compare_prints_or_writes(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline, followup = (str(f) for f in files)
    main(["compare", baseline, followup, "--checklist", str(MINI), "--lang", "en"])
    assert "QMS overall score: 56.3 → 62.5 (+6.2)" in capsys.readouterr().out
    main(["compare", baseline, followup, "--checklist", str(MINI), "-o", str(tmp_path / "c.json")])
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["maturity_change"] == 1
    main(["compare", baseline, followup, "--checklist", str(MINI), "-o", str(tmp_path / "c.pdf")])
    assert "跟踪评估对比\n广州某某电子科技有限公司" in PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", baseline, str(tmp_path / "missing.yaml"), "--checklist", str(MINI)])
    assert exit_info.value.code == 1
    assert "missing.yaml" in capsys.readouterr().err
