"""What the command line says besides its data, in the reader's terms: the store by its file (SQLite) or by
its URL without a password (PostgreSQL), every file it writes, and -v lines in the command's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.commands.options import store_label
from iso9001assess.templates import SCHEMA_FILE

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FIXTURE_PLUGIN = Path(__file__).parent / "fixtures" / "plugins" / "fixture_checklists.py"


def test_the_store_is_shown_by_its_file_or_by_its_url_without_password() -> None:
    assert store_label("sqlite:////data/programme.db") == "/data/programme.db"
    assert store_label("sqlite:///relative.db") == "relative.db"
    assert (
        store_label("postgresql+psycopg://assessor:s3cret@db.example:5432/programme")
        == "postgresql://assessor@db.example:5432/programme"
    )
    assert store_label("postgresql+psycopg://db.example/programme") == "postgresql://db.example/programme"
    assert store_label("sqlite://") == "sqlite://"  # in memory: no file to name


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "：新增 1，更正 0，未变 0，有误文件 0"),
        ("en", ": 1 added, 0 corrected, 0 unchanged, bad files: 0"),
    ],
)
def test_the_ingest_summary_names_the_sqlite_file(
    run_cli: CliRunner, tmp_path: Path, lang: str, words: str
) -> None:
    database = tmp_path / "programme.db"
    outcome = run_cli("ingest", "--db", database, SAMPLES / "zs-food.yaml", "--lang", lang)
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines()[-1] == f"{database}{words}"
    assert "sqlite:" not in outcome.out


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # the SQLite case is the test above
def test_the_ingest_summary_hides_the_postgresql_password(run_cli: CliRunner, store_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(store_url)
    outcome = run_cli("ingest", "--db", store_url, SAMPLES / "zs-food.yaml", "--lang", "en")
    assert outcome.code == 0, outcome.err
    last = outcome.out.splitlines()[-1]
    assert last.startswith(f"postgresql://{url.username}@{url.host}:{url.port}/{url.database}: 1 added"), last
    assert "psycopg" not in last and (not url.password or url.password not in last)


@pytest.mark.parametrize(
    ("lang", "wrote", "schema_words"),
    [
        ("zh", "已写出", "问卷引用的答卷模式文件"),
        ("en", "wrote", "the answers schema the questionnaire names"),
        ("zh-Hant", "已寫出", "問卷引用的答卷模式檔案"),
    ],
)
def test_template_says_it_wrote_the_answers_schema_too(
    run_cli: CliRunner, tmp_path: Path, lang: str, wrote: str, schema_words: str
) -> None:
    target = tmp_path / "answers.yaml"
    outcome = run_cli("--plugin", FIXTURE_PLUGIN, "template", "mini", "-o", target, "--lang", lang)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert len(lines) == 2, lines
    assert lines[0] == f"{wrote} {target}"
    assert lines[1].startswith(f"{wrote} {tmp_path / SCHEMA_FILE}") and schema_words in lines[1]
    assert (tmp_path / SCHEMA_FILE).is_file()
    # A workbook has no schema beside it, and says one file.
    workbook = run_cli(
        "--plugin", FIXTURE_PLUGIN, "template", "mini", "-o", tmp_path / "t.xlsx", "--lang", lang
    )
    assert workbook.out.splitlines() == [f"{wrote} {tmp_path / 't.xlsx'}"]


def test_verbose_batch_lines_speak_the_command_language(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zs-food.yaml").write_bytes((SAMPLES / "zs-food.yaml").read_bytes())
    out = tmp_path / "out"
    chinese = run_cli("-v", "batch", folder, "-o", out, "--formats", "json")
    assert chinese.code == 0, chinese.err
    said = chinese.err.splitlines()
    assert f"信息：批量诊断：1 个输入文件，写入 {out}，格式 json" in said, said
    assert not [line for line in said if line.startswith("info:")], said
    english = run_cli("-v", "batch", folder, "-o", tmp_path / "out2", "--formats", "json", "--lang", "en")
    assert f"info: batch: 1 input file into {tmp_path / 'out2'}, formats json" in english.err.splitlines()
