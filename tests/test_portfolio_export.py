"""The portfolio written as CSV, JSON and PDF, read back; and the ``portfolio`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from iso9001assess.cli import main
from iso9001assess.programme.portfolio import Portfolio, build_portfolio
from iso9001assess.programme.portfolio_export import write_portfolio
from iso9001assess.programme.summary import EnterpriseSummary

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"


def summary(source: str, name: str, overall: float, lab: float | None, **fields: Any) -> EnterpriseSummary:
    return EnterpriseSummary(
        source=source,
        name=name,
        checklist_id="mini",
        checklist_version="1.0",
        strategy="weighted",
        overall=overall,
        maturity_level=1 + sum(overall >= t for t in (20, 40, 60, 80)),
        readiness="ready" if overall >= 60 else "not-ready",
        lab_index=lab,
        has_lab=lab is not None,
        completeness=1.0,
        major=0,
        minor=0,
        observation=0,
        clauses={"7.1": (1, overall - 30)},
        **fields,
    )


@pytest.fixture
def portfolio() -> Portfolio:
    return build_portfolio(
        [
            summary(
                "a",
                "广州<标杆>&电子有限公司",
                91.5,
                88.0,
                city="广州市",
                industry="electronics",
                size="small",
            ),
            summary("b", "佛山示例机械厂", 64.0, None, city="佛山市", industry="machinery", size="medium"),
            summary("c", "Gamma Foods", 38.0, 50.0, city="广州市", industry="food", size="micro"),
        ],
        titles={"7.1": {"zh": "资源", "en": "Resources"}},
    )


def test_json_reads_back_to_the_same_portfolio(portfolio: Portfolio, tmp_path: Path) -> None:
    path = write_portfolio(portfolio, tmp_path / "p.json")
    assert Portfolio.model_validate_json(path.read_text(encoding="utf-8")) == portfolio
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["benchmark_candidates"][0]["name"] == "广州<标杆>&电子有限公司"
    assert data["benchmark_rule"]["min_overall"] == 80.0


def test_csv_has_one_figure_per_row(portfolio: Portfolio, tmp_path: Path) -> None:
    path = write_portfolio(portfolio, tmp_path / "p.csv", lang="en")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert table[0] == ["table", "key", "metric", "value"]
    figures = {(t, k, m): v for t, k, m, v in table[1:]}
    assert figures[("overview", "", "enterprises")] == "3"
    assert figures[("overview", "", "overall_mean")] == "64.5"  # (91.5 + 64 + 38) / 3
    assert figures[("by_city", "广州市", "enterprises")] == "2"
    assert figures[("by_city", "广州市", "mean_overall")] == "64.8"  # 64.75, shown once half up
    assert figures[("weak_clauses", "7.1", "title")] == "Resources"
    assert figures[("weak_clauses", "7.1", "weak")] == "2"  # 34 and 8 are below 60; 61.5 is not
    assert figures[("benchmark_candidates", "1", "name")] == "广州<标杆>&电子有限公司"
    assert figures[("benchmark", "", "eligible")] == "1"
    assert figures[("benchmark", "", "rule")].startswith("overall score ≥ 80")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_shows_the_sections_charts_and_candidates(portfolio: Portfolio, tmp_path: Path) -> None:
    zh = pdf_text(write_portfolio(portfolio, tmp_path / "zh.pdf", lang="zh"))
    for heading in ("一、总体情况", "二、得分与成熟度分布", "按城市", "按行业", "按企业规模", "四、最常见的薄弱条款",
                    "五、实验室（检验检测）能力概况", "七、标杆企业候选名单", "遴选规则：总分 ≥ 80"):  # fmt: skip
        assert heading in zh, heading
    assert "广州<标杆>&电子有限公司" in zh  # user text shown literally, not read as markup
    assert "尚无同时具备基线与跟踪评估的企业" in zh
    pages = len(PdfReader(tmp_path / "zh.pdf").pages)
    assert f"第 {pages} 页，共 {pages} 页" in zh
    en = pdf_text(write_portfolio(portfolio, tmp_path / "en.pdf", lang="en"))
    assert (
        "7. Benchmark-enterprise candidates" in en and "Figure 1" in en and "Rule: overall score ≥ 80" in en
    )
    assert "Enterprises meeting the rule: 1" in en and "enterprises meet" not in en  # no "1 enterprises"
    for words in ("Quality management programme", "Enterprises", "Mean QMS overall score"):  # a real cover
        assert words in en.split("Page 1 of")[0], words


def test_pdf_is_byte_identical_for_the_same_portfolio(portfolio: Portfolio, tmp_path: Path) -> None:
    first = write_portfolio(portfolio, tmp_path / "1.pdf").read_bytes()
    second = write_portfolio(portfolio, tmp_path / "2.pdf").read_bytes()
    assert first == second


def answer_file(path: Path, name: str, rating: int, **assessment: str) -> Path:
    document = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))
    document["enterprise"]["name"] = name
    document["enterprise"].pop("credit_code")
    document["assessment"].update(assessment)
    document["answers"] = {"4.1-01": rating, "4.1-02": rating, "4.3-01": rating, "8.3-01": rating,
                           "LAB.1-01": 4, "LAB.1-02": 3}  # fmt: skip
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_portfolio_with_rule_options_and_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    answer_file(folder / "top.yaml", "Top", 4)  # overall 100, lab (2·4/4 + 3/4)/3 = 91.67
    answer_file(folder / "mid.yaml", "Mid", 3)  # overall 75
    answer_file(folder / "mid-base.yaml", "Mid", 1, kind="baseline", date="2026-01-05")
    answer_file(folder / "mid.yaml", "Mid", 3, kind="follow-up", date="2026-09-05")
    (folder / "bad.yaml").write_text("schema_version: 1\nchecklist: mini\nenterprise: {}\n", encoding="utf-8")
    out = tmp_path / "p.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["portfolio", str(folder), "-o", str(out), "--checklist", str(MINI), "--jobs", "1",
              "--min-overall", "70", "--top", "5"])  # fmt: skip
    assert exit_info.value.code == 1  # a bad file; the report is still written from the good ones
    assert "bad.yaml:3:" in capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["assessments"], data["enterprises"]) == (3, 2)
    assert [c["name"] for c in data["benchmark_candidates"]] == ["Top", "Mid"]
    assert data["improvement"]["enterprises"][0]["delta"] == 50.0  # 25 → 75
    (folder / "bad.yaml").unlink()
    main(["portfolio", str(folder), "-o", str(tmp_path / "p.csv"), "--checklist", str(MINI), "--jobs", "1"])
    rows = list(csv.reader(io.StringIO((tmp_path / "p.csv").read_text(encoding="utf-8-sig"))))
    assert ["benchmark_candidates", "1", "name", "Top"] in rows
    assert not any(row[:3] == ["benchmark_candidates", "2", "name"] for row in rows)  # Mid: 75 < 80


@pytest.mark.usefixtures("in_english")
def test_cli_portfolio_unknown_suffix_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["portfolio", str(FIXTURES / "mini-answers.yaml"), "-o", str(tmp_path / "p.docx")])
    assert exit_info.value.code == 2
    assert "unknown portfolio format 'docx'" in capsys.readouterr().err


def test_cli_portfolio_of_a_batch_output_directory(tmp_path: Path) -> None:
    import iso9001assess as qa

    folder = tmp_path / "in"
    folder.mkdir()
    answer_file(folder / "top.yaml", "Top", 4)
    answer_file(folder / "mid.yaml", "Mid", 3)
    out = tmp_path / "out"
    qa.batch(folder, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=["json"])
    (out / "top-comparison.json").write_text("{}", encoding="utf-8")  # as the demo writes beside them
    main(["portfolio", str(out), "-o", str(tmp_path / "again.json")])  # the results; its own outputs skipped
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert json.loads((out / "portfolio.json").read_text(encoding="utf-8")) == again
