"""``ingest`` and ``enterprises`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.i18n.language import half_up as one_decimal
from store_support import SAMPLES, credit_code, write_answers


def _overall(sample: str) -> float:
    answers = qa.load_answers(SAMPLES / sample)
    score = qa.score(qa.load_checklist(answers.checklist_id), answers).overall.score
    assert score is not None
    return score


def test_ingest_then_list_the_register(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    first = run_cli("ingest", "--db", db, "--lang", "en", SAMPLES)
    assert first.code == 0, first.err
    assert "gz-electronics-followup.yaml: recorded (enterprise" in first.out
    assert "9 added, 0 corrected, 0 unchanged, bad files: 0" in first.out
    again = run_cli("ingest", "--db", db, "--lang", "en", SAMPLES)
    assert again.code == 0 and "0 added, 0 corrected, 9 unchanged" in again.out

    listing = run_cli("enterprises", "--db", db, "--json")
    assert listing.code == 0
    register = json.loads(listing.out)
    assert len(register) == 8
    guangzhou = next(e for e in register if e["name"] == "广州禾川智控电子有限公司")
    assert guangzhou["stage"] == "followed-up"
    # Overall scores as recorded: the scores of the two sample files.
    base, follow = _overall("gz-electronics-baseline.yaml"), _overall("gz-electronics-followup.yaml")
    assert (guangzhou["baseline"]["date"], guangzhou["baseline"]["overall"]) == ("2026-04-16", base)
    assert (guangzhou["follow_up"]["date"], guangzhou["follow_up"]["overall"]) == ("2026-10-22", follow)

    text = run_cli("enterprises", "--db", db, "--city", "广州市")
    lines = text.out.splitlines()
    assert lines[0].split("\t") == [
        "编号",
        "企业名称",
        "统一社会信用代码",
        "城市",
        "阶段",
        "基线评估",
        "跟踪评估",
        "未完成措施",
        "逾期措施",
    ]
    shown = [f"{one_decimal(base)}（2026-04-16）", f"{one_decimal(follow)}（2026-10-22）"]
    electronics = next(line.split("\t") for line in lines if "广州禾川智控电子有限公司" in line)
    assert electronics[4:7] == ["已完成跟踪评估", *shown]
    assert lines[-1] == "共 2 家企业"  # and the denim maker's unfinished self-assessment
    enrolled = json.loads(run_cli("enterprises", "--db", db, "--status", "enrolled", "--json").out)
    assert [e["city"] for e in enrolled] == ["佛山市", "广州市"]  # self-assessments only


def test_a_bad_file_is_named_and_nothing_is_written(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    bad = write_answers(tmp_path / "in" / "bad.yaml", code=credit_code(5), ratings={"4.1-02": 7})
    write_answers(tmp_path / "in" / "good.yaml", code=credit_code(6))
    outcome = run_cli("ingest", "--db", db, "--lang", "en", tmp_path / "in")
    assert outcome.code == 1
    assert f"{bad}:" in outcome.err and "rating 7 is not on the scale" in outcome.err
    assert "Traceback" not in outcome.err
    register = json.loads(run_cli("enterprises", "--db", db, "--json").out)
    assert [e["credit_code"] for e in register] == [credit_code(6)]


def test_the_store_comes_from_the_environment_or_the_working_directory(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ISO9001ASSESS_DB", raising=False)
    assert run_cli("ingest", "-q", SAMPLES / "zs-food.yaml").code == 0
    assert (tmp_path / "programme.db").is_file()
    elsewhere = tmp_path / "agency" / "shared.db"
    elsewhere.parent.mkdir()
    monkeypatch.setenv("ISO9001ASSESS_DB", str(elsewhere))
    assert run_cli("ingest", "-q", SAMPLES / "dg-textiles.yaml").code == 0
    assert [e["city"] for e in json.loads(run_cli("enterprises", "--json").out)] == ["东莞市"]


@pytest.mark.usefixtures("in_english")
def test_an_unusable_store_is_an_error_not_a_traceback(run_cli: CliRunner, tmp_path: Path) -> None:
    missing_folder = run_cli("enterprises", "--db", tmp_path / "no" / "such" / "programme.db")
    assert missing_folder.code == 1 and "does not exist" in missing_folder.err
    wrong_scheme = run_cli("enterprises", "--db", "mysql://somewhere/db")
    assert wrong_scheme.code == 1 and wrong_scheme.err.startswith("error:")
    assert "Traceback" not in missing_folder.err + wrong_scheme.err
