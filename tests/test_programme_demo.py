"""The demo: every output of the whole job, on a small set of samples and on the bundled ones."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

import iso9001assess as qa
from iso9001assess.cli import main
from iso9001assess.plugin_manager import get_registry
from iso9001assess.programme.demo import run_demo, sample_files


def write_sample(path: Path, name: str, rating: int, kind: str, date: str) -> None:
    checklist = qa.load_checklist("iso9001-2015")
    document = {
        "schema_version": 1,
        "checklist": "iso9001-2015",
        "enterprise": {
            "name": name,
            "region": {"province": "广东省", "city": "广州市"},
            "industry": "food",
            "size": "small",
            "has_lab": True,
        },
        "assessment": {"kind": kind, "date": date, "assessor": "张三"},
        "answers": {item.id: rating for item, _ in checklist.iter_items()},
    }
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    write_sample(folder / "acme-baseline.yaml", "Acme 食品", 1, "baseline", "2026-03-01")
    write_sample(folder / "acme-followup.yaml", "Acme 食品", 3, "follow-up", "2026-09-01")
    write_sample(folder / "best.yaml", "Best 食品", 4, "baseline", "2026-04-01")
    return folder


def test_demo_does_the_whole_job(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    lines = list(run_demo(out, samples=samples, jobs=1))
    pdf = "pdf" in get_registry().exporters
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as stream:
        table = {row["source"]: row for row in csv.DictReader(stream)}
    # Every item at rating r scores r/4: 25, 75 and 100.
    assert {k: v["overall"] for k, v in table.items()} == {
        "acme-baseline": "25.0", "acme-followup": "75.0", "best": "100.0",
    }  # fmt: skip
    comparison = json.loads((out / "acme-followup-comparison.json").read_text(encoding="utf-8"))
    assert (comparison["overall_delta"], comparison["maturity_change"]) == (50.0, 2)
    assert "总分: 25.0 → 75.0 (+50.0)" in (out / "acme-followup-comparison.txt").read_text(encoding="utf-8")
    portfolio = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    assert (portfolio["enterprises"], portfolio["improvement"]["pairs"]) == (2, 1)
    assert [c["name"] for c in portfolio["benchmark_candidates"]] == ["Best 食品"]
    assert (out / "portfolio.csv").is_file()
    assert "七、标杆企业候选名单" in "".join(p.extract_text() for p in PdfReader(out / "portfolio.pdf").pages)
    if pdf:
        for stem in ("acme-baseline", "acme-followup", "best", "acme-followup-comparison"):
            assert PdfReader(out / f"{stem}.pdf").pages, stem
    # The demo speaks the language it is run in (Chinese by default).
    assert lines[-1].startswith("  汇总报告：") or lines[-1].startswith("  问题清单：")
    assert f"全部结果在 {out.resolve()}：" in lines
    assert any(line.startswith("Acme 食品 的跟踪评估：总分 25.0 → 75.0，发现项已关闭") for line in lines)


@pytest.mark.skipif(not sample_files(), reason="the bundled samples are not in this checkout")
def test_demo_command_on_the_bundled_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo-output"
    main(["demo", "-o", str(out), "--enterprises", "3"])  # the programme year: tests/test_staged_demo.py
    printed = capsys.readouterr().out
    assert f"全部结果在 {out.resolve()}：" in printed
    assert "  跟踪评估对比：" in printed  # the samples include a baseline and its follow-up
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == len(sample_files())
    assert (out / "portfolio.pdf").is_file() and not (out / "errors.txt").exists()
    assert "programme.db：3 家企业" in printed
    assert (out / "programme" / "progress-2022-11-20-guangzhou.xlsx").is_file()
