"""The follow-up report's summary says the overall score's change with its unit on both scores (zh, zh-Hant:
"总分由 47.9 分变为 78.4 分（+30.5）"), read back from the PDF."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import CliRunner
from store_support import SAMPLES

FOLLOW_UP = SAMPLES / "gz-electronics-followup.yaml"
BASELINE = SAMPLES / "gz-electronics-baseline.yaml"


def overall(run_cli: CliRunner, path: Path) -> float:
    outcome = run_cli("score", "--json", path)
    assert outcome.code == 0, outcome.err
    return float(json.loads(outcome.out)["overall"]["score"])


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("zh", "总分由 {before} 分变为 {after} 分（+{delta}）"),
        ("zh-Hant", "總分由 {before} 分變為 {after} 分（+{delta}）"),
        ("en", "the overall score went from {before} to {after} (+{delta})"),
    ],
)
def test_the_summary_says_both_scores_with_their_unit(
    run_cli: CliRunner, tmp_path: Path, lang: str, sentence: str
) -> None:
    before, after = overall(run_cli, BASELINE), overall(run_cli, FOLLOW_UP)
    out = tmp_path / "report.pdf"
    outcome = run_cli("report", FOLLOW_UP, "--baseline", BASELINE, "--lang", lang, "-o", out)
    assert outcome.code == 0, outcome.err
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    expected = sentence.format(before=f"{before:.1f}", after=f"{after:.1f}", delta=f"{after - before:.1f}")
    assert expected in flat.replace("分 变", "分变").replace("分 變", "分變")
