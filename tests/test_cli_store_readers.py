"""Commands that only read the programme store refuse a store that does not exist (nothing created); the
outcome lines of ``ingest`` name each file as given; ``batch`` counts files; ``report -o FOLDER`` is usage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.store import Store, StoreError
from store_support import SAMPLES

FOLLOW_UP = SAMPLES / "gz-electronics-followup.yaml"


def _nothing_created(folder: Path) -> None:
    assert sorted(path.name for path in folder.iterdir()) == []  # no .db, no -wal or -shm beside it


@pytest.mark.parametrize(
    "args",
    [
        ["enterprises"],
        ["plan", "91440101MA5CXXXX01", "-o", "{out}/plan.xlsx"],
        ["progress", "--programme", "gd-2022-qms", "-o", "{out}/progress.pdf"],
        ["report", str(FOLLOW_UP), "-o", "{out}/report.pdf"],
    ],
    ids=["enterprises", "plan", "progress", "report-follow-up"],
)
def test_a_reader_refuses_a_store_that_does_not_exist(
    run_cli: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    stores, out = tmp_path / "stores", tmp_path / "out"
    stores.mkdir()
    out.mkdir()
    typo = stores / "nosuch.db"
    filled = [arg.format(out=out) for arg in args]
    chinese = run_cli(*filled, "--db", typo)
    assert chinese.code == 1, chinese.err
    assert (
        chinese.err.strip()
        == f"错误：{typo}：此处没有项目数据库；请检查 --db 或 ISO9001ASSESS_DB（只有记录数据的命令才会创建数据库：ingest、batch --db）"
    )
    english = run_cli(*filled, "--db", typo, "--lang", "en")
    assert english.code == 1
    assert english.err.startswith(f"error: {typo}: no programme store here; check --db or ISO9001ASSESS_DB")
    traditional = run_cli(*filled, "--db", typo, "--lang", "zh-Hant")
    assert traditional.code == 1 and f"{typo}：此處沒有項目資料庫" in traditional.err
    assert "共 0 家企业" not in chinese.out + english.out
    _nothing_created(stores)
    _nothing_created(out)


def test_the_environment_and_the_default_store_are_refused_the_same_way(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ISO9001ASSESS_DB", raising=False)
    default = run_cli("enterprises", "--lang", "en")
    assert default.code == 1
    assert f"{tmp_path / 'programme.db'}: no programme store here" in default.err
    monkeypatch.setenv("ISO9001ASSESS_DB", str(tmp_path / "typo.db"))
    from_env = run_cli("enterprises", "--lang", "en")
    assert from_env.code == 1 and f"{tmp_path / 'typo.db'}: no programme store here" in from_env.err
    _nothing_created(tmp_path)
    # A writer still creates the store it is given; the reader then finds it.
    assert run_cli("ingest", "-q", SAMPLES / "zs-food.yaml").code == 0
    assert (tmp_path / "typo.db").is_file()
    listed = run_cli("enterprises", "--lang", "en")
    assert listed.code == 0 and "\t中山市粤香腊味食品有限公司\t" in listed.out


def test_the_python_store_creates_unless_told_not_to(tmp_path: Path) -> None:
    missing = tmp_path / "reader.db"
    with pytest.raises(StoreError, match="no programme store here") as raised:
        Store(missing, create=False)
    assert str(missing) in str(raised.value)
    _nothing_created(tmp_path)
    with Store(missing) as created:  # the default creates it, as before
        assert created.enterprises() == []
    with Store(missing, create=False) as opened:
        assert opened.enterprises() == []


def test_ingest_names_each_file_as_given(run_cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SAMPLES / "zs-food.yaml", tmp_path / "a" / "x.yaml")
    shutil.copy(SAMPLES / "dg-textiles.yaml", tmp_path / "b" / "x.yaml")
    db = tmp_path / "programme.db"
    first = run_cli("ingest", "--db", db, tmp_path / "a", tmp_path / "b")
    assert first.code == 0, first.err
    lines = first.out.splitlines()
    assert lines[0] == f"{tmp_path / 'a' / 'x.yaml'}：已记录（企业 1，评估 1）"
    assert lines[1] == f"{tmp_path / 'b' / 'x.yaml'}：已记录（企业 2，评估 2）"
    again = run_cli("ingest", "--db", db, "--lang", "en", tmp_path / "b")
    assert (
        again.out.splitlines()[0]
        == f"{tmp_path / 'b' / 'x.yaml'}: already recorded, nothing changed (assessment 2)"
    )
    # What is stored stays the file's name.
    with Store(db) as store:
        names = {
            record.source_name
            for enterprise in store.enterprises()
            for record in store.assessments(enterprise.id)
        }
    assert names == {"x.yaml"}


def test_batch_counts_answer_files(run_cli: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    # Two files of one enterprise (its baseline and follow-up) and one bad file: 2 of 3 files diagnosed.
    shutil.copy(SAMPLES / "gz-electronics-baseline.yaml", inputs)
    shutil.copy(FOLLOW_UP, inputs)
    (inputs / "broken.yaml").write_text("enterprise: [\n", encoding="utf-8")
    chinese = run_cli("batch", inputs, "-o", tmp_path / "out", "--formats", "json", "--jobs", "1")
    assert chinese.code == 1
    assert f"3 个答卷文件中 2 个已诊断，写入 {tmp_path / 'out'}" in chinese.out
    english = run_cli(
        "batch", inputs, "-o", tmp_path / "out2", "--formats", "json", "--jobs", "1", "--lang", "en"
    )
    assert f"2 of 3 answer files diagnosed into {tmp_path / 'out2'}" in english.out


def test_report_to_a_folder_asks_for_a_file_name(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    sample = SAMPLES / "zs-food.yaml"
    chinese = run_cli("report", sample, "-o", folder)
    assert chinese.code == 2
    assert f"-o {folder} 是文件夹；请给出要写入的文件名，例如 -o {folder / 'zs-food.pdf'}" in chinese.err
    assert "(none)" not in chinese.err
    english = run_cli("report", sample, "-o", folder, "--lang", "en")
    assert english.code == 2
    assert (
        f"-o {folder} is a folder; give the file to write, such as -o {folder / 'zs-food.pdf'}" in english.err
    )
    no_suffix = run_cli("report", sample, "-o", tmp_path / "report", "--lang", "en")
    assert no_suffix.code == 2 and "has no suffix to tell the format" in no_suffix.err
    assert "(none)" not in no_suffix.err
    template = run_cli("template", "iso9001-2015", "-o", folder, "--lang", "en")
    assert template.code == 2 and f"-o {folder} is a folder" in template.err
    assert list(folder.iterdir()) == [] and not (tmp_path / "report").exists()


def test_a_reader_opens_a_store_that_exists(store_url: str) -> None:
    with Store(store_url) as store:
        store.ingest(SAMPLES / "zs-food.yaml")
    with Store(store_url, create=False) as store:  # SQLite and PostgreSQL alike
        assert [enterprise.city for enterprise in store.enterprises()] == ["中山市"]
