"""Files that are recognisably no answers — the ``answers.schema.json`` that ``template`` writes beside a
questionnaire, a programme file — are passed over in a folder (said on stderr) by ``ingest``, ``batch`` and
the library, and refused with one line when named (``ingest``, ``score``, ``batch``): exit 1."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import CliRunner
from iso9001assess.i18n import message
from iso9001assess.programme.inputs import collect_inputs, not_answers
from iso9001assess.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PROGRAMME = ROOT / "programmes" / "gd-2022-qms.yaml"
SAMPLE = SAMPLES / "gz-electronics-baseline.yaml"


@pytest.fixture
def folder(tmp_path: Path, run_cli: CliRunner) -> Path:
    """What a user sends back: the filled answers, the schema written beside the questionnaire, the programme."""
    folder = tmp_path / "returned"
    folder.mkdir()
    assert run_cli("template", "iso9001-2015", "-o", tmp_path / "blank" / "acme.yaml").code == 0
    shutil.copy(tmp_path / "blank" / "answers.schema.json", folder)
    shutil.copy(SAMPLE, folder)
    shutil.copy(PROGRAMME, folder / "programme.yaml")
    return folder


def test_what_is_recognised_and_what_is_not(folder: Path, tmp_path: Path) -> None:
    assert not_answers(folder / "answers.schema.json") == "schema"
    assert not_answers(folder / "programme.yaml") == "programme"
    assert not_answers(folder / SAMPLE.name) is None
    # The YAML template names the schema in a comment for editors: still answers.
    template = tmp_path / "blank" / "acme.yaml"
    assert "$schema=answers.schema.json" in template.read_text(encoding="utf-8").splitlines()[0]
    assert not_answers(template) is None
    # JSON answers: the same answers written as JSON.
    as_json = tmp_path / "answers.json"
    as_json.write_text(json.dumps(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")), default=str))
    assert not_answers(as_json) is None
    files, problems = collect_inputs(folder)
    assert files == [folder / SAMPLE.name] and problems == []


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_ingest_passes_over_them_in_a_folder_and_says_which(
    folder: Path, tmp_path: Path, run_cli: CliRunner, lang: str
) -> None:
    db = tmp_path / "programme.db"
    outcome = run_cli("ingest", "--db", db, "--lang", lang, folder)
    assert outcome.code == 0, outcome.err
    assert outcome.err.splitlines() == [
        message("cli.status.skipped.schema", lang, path=str(folder / "answers.schema.json")),
        message("cli.status.skipped.programme", lang, path=str(folder / "programme.yaml")),
    ]
    with Store(f"sqlite:///{db}") as store:
        (enterprise,) = store.enterprises()
        assert len(store.assessments(enterprise.id)) == 1


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(
    ("name", "kind"), [("answers.schema.json", "schema"), ("programme.yaml", "programme")]
)
def test_named_they_are_refused_in_one_line(
    folder: Path, tmp_path: Path, run_cli: CliRunner, name: str, kind: str
) -> None:
    path = folder / name
    expected = f"{path}: {message(f'errors.run.not_answers.{kind}', 'en')}"
    assert expected.startswith(f"{path}: not an answer file: ")
    ingested = run_cli("ingest", "--db", tmp_path / "programme.db", path)
    assert ingested.code == 1
    assert [line for line in ingested.err.splitlines() if str(path) in line] == [expected]
    with Store(f"sqlite:///{tmp_path / 'programme.db'}") as store:
        assert store.enterprises() == []  # nothing recorded
    scored = run_cli("score", path)
    assert (scored.code, scored.err.splitlines(), scored.out) == (1, [expected], "")
    batched = run_cli("batch", path, SAMPLE, "-o", tmp_path / "out")
    assert batched.code == 1
    errors = (tmp_path / "out" / "errors.txt").read_text(encoding="utf-8")
    assert "not an answer file" in errors and errors.count(str(path)) == 1


@pytest.mark.usefixtures("in_english")
def test_batch_passes_over_them_in_a_folder(folder: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "out"
    outcome = run_cli("batch", folder, "-o", out, "--formats", "json")
    assert outcome.code == 0, outcome.err
    assert outcome.err.splitlines() == [
        f"{folder / 'answers.schema.json'}: skipped, not an answer file (a JSON Schema)",
        f"{folder / 'programme.yaml'}: skipped, not an answer file (a programme file)",
    ]
    with (out / "summary.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["source"] for row in rows] == [SAMPLE.stem]  # the one answer file, nothing else
    assert not (out / "errors.txt").exists() or "answers.schema" not in (out / "errors.txt").read_text()


@pytest.mark.usefixtures("in_english")
def test_portfolio_passes_over_them_in_a_folder(folder: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "portfolio.json"
    outcome = run_cli("portfolio", folder, "-o", out)
    assert outcome.code == 0, outcome.err
    assert f"{folder / 'answers.schema.json'}: skipped, not an answer file (a JSON Schema)" in outcome.err
    assert json.loads(out.read_text(encoding="utf-8"))["enterprises"] == 1


def test_the_words_in_values_and_comments_leave_answers_as_answers(tmp_path: Path) -> None:
    """The listing looks for each key's name with a plain ``in`` before its pattern: an answer file that holds
    every one of the words (``$schema``, ``period``, ``targets``) in a note, in a comment and in an item's
    evidence, but none as a key, is still answers, in YAML and in JSON, and is listed and ingested."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    note = "review period: quarterly; targets: per department; $schema: none\nperiod: 12"  # a value's lines
    data["answers"]["4.1-01"] = {"rating": 2, "note": note, "evidence": ["targets: 2026", "period"]}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    as_yaml = tmp_path / "words.yaml"
    as_yaml.write_text(f"# $schema: period: targets:\n{text}", encoding="utf-8")
    as_json = tmp_path / "words.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    for path in (as_yaml, as_json):
        head = path.read_bytes()
        assert all(word in head for word in (b"$schema", b"period", b"targets")), path
        assert not_answers(path) is None, path
    assert collect_inputs(tmp_path) == ([as_json, as_yaml], [])
    with Store(f"sqlite:///{tmp_path / 'programme.db'}") as store:
        report = store.ingest(as_yaml)
    assert report.ok and report.count("added") == 1, report.failures


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}', "schema"),
        ('{"title": "x", "$schema"\n  : "draft"}', "schema"),
        ("id: p\nperiod: {start: 2026-03-01}\ntargets:\n  - city: a\n", "programme"),
        ('{"id": "p", "period": {}, "targets": []}', "programme"),
        ('{"id": "p", "period": {}, "targets": [], "answers": {}}', None),
        ("id: p\n  period: nested, not top-level\ntargets: []\n", None),
        ("note: the period and the targets\n", None),
    ],
)
def test_a_key_is_recognised_by_its_pattern_once_its_name_is_there(
    tmp_path: Path, text: str, kind: str | None
) -> None:
    path = tmp_path / ("file.json" if text.startswith("{") else "file.yaml")
    path.write_text(text, encoding="utf-8")
    assert not_answers(path) == kind
