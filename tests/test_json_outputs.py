"""``--json`` on every command: one JSON document on stdout, valid against the schema shipped for it, holding
what the command did; ``iso9001assess schema NAME`` prints each schema, which equals its model's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, INVALID, MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess import schemas
from iso9001assess.commands import documents

WITH_MINI = ("--plugin", FIXTURE_PLUGIN)


def valid_document(run_cli: CliRunner, schema: str, *args: str | Path, code: int = 0) -> Any:
    """Run the command, check the exit code, parse stdout as one JSON document, validate it, return it."""
    outcome = run_cli(*args)
    assert outcome.code == code, outcome.err
    document = json.loads(outcome.out)  # one document: json.loads refuses anything after it
    schemas.validator(schema).validate(document)
    return document


def test_checklists_json(run_cli: CliRunner) -> None:
    listing = valid_document(run_cli, "checklists", *WITH_MINI, "checklists", "--json")
    by_id = {entry["id"]: entry for entry in listing}
    assert [entry["id"] for entry in listing] == sorted(by_id)
    assert by_id["mini"] == {
        "id": "mini",
        "version": "1.0",
        "title": {"zh": "小型检查表", "en": "Mini checklist"},
        "extends": None,
        "plugin": str(FIXTURE_PLUGIN),
    }
    assert by_id["mini-electronics-gz"]["extends"] == "mini-electronics"
    assert by_id["iso9001-2015"]["plugin"] == "iso9001assess.checklists"


def test_checklists_show_json_is_the_composed_checklist(run_cli: CliRunner) -> None:
    shown = valid_document(run_cli, "checklist-show", *WITH_MINI, "checklists", "show", "mini", "--json")
    checklist = qa.load_checklist(MINI_CHECKLIST)
    assert (shown["id"], shown["version"], shown["sha256"], shown["items"]) == (
        "mini",
        "1.0",
        checklist.sha256,
        7,
    )
    # The embedded checklist is a checklist document itself: it validates against the checklist schema and
    # loads back into the same checklist (same SHA-256).
    Draft202012Validator(schemas.load("checklist")).validate(shown["checklist"])
    assert qa.Checklist.model_validate(shown["checklist"]).sha256 == checklist.sha256


def test_checklist_show_schema_validates_alone_with_a_plain_validator(run_cli: CliRunner) -> None:
    """The checklist schema is bundled in checklist-show's under its own $id: a validator given only that file
    (no registry, no network) follows the reference, and checks the embedded checklist as a checklist."""
    outcome = run_cli(*WITH_MINI, "checklists", "show", "mini", "--json")
    shown = json.loads(outcome.out)
    plain = Draft202012Validator(schemas.load("checklist-show"))
    assert list(plain.iter_errors(shown)) == []
    shown["checklist"]["id"] = 7  # a checklist's id is text: only the bundled checklist schema says so
    errors = list(plain.iter_errors(shown))
    assert [list(error.absolute_path) for error in errors] == [["checklist", "id"]]


def test_checklists_validate_json(run_cli: CliRunner) -> None:
    bad = INVALID / "checklist-negative-weight.yaml"
    report = valid_document(
        run_cli, "validation", "checklists", "validate", MINI_CHECKLIST, bad, "--json", code=1
    )
    assert report["valid"] is False
    good, wrong = report["files"]
    assert (good["path"], good["valid"], good["problems"]) == (str(MINI_CHECKLIST), True, [])
    assert (wrong["path"], wrong["valid"]) == (str(bad), False)
    problem = wrong["problems"][0]
    assert problem["source"] == str(bad) and problem["line"] is not None
    assert problem["text"] == f"{bad}:{problem['line']}:{problem['column']}: {problem['message']}"
    ok = valid_document(run_cli, "validation", "checklists", "validate", MINI_CHECKLIST, "--json")
    assert ok["valid"] is True


def test_template_json_says_what_it_wrote(tmp_path: Path, run_cli: CliRunner) -> None:
    target = tmp_path / "acme.yaml"
    written = valid_document(run_cli, "template", *WITH_MINI, "template", "mini", "-o", target, "--json")
    sha = qa.load_checklist(MINI_CHECKLIST).sha256
    assert written["checklist"] == {"id": "mini", "version": "1.0", "sha256": sha}
    assert (written["format"], written["lang"]) == ("yaml", "zh")
    assert written["files"] == [
        {"path": str(target), "role": "questionnaire"},
        {"path": str(tmp_path / "answers.schema.json"), "role": "schema"},
    ]
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["checklist"] == "mini@1.0"
    workbook = tmp_path / "acme.xlsx"
    excel = valid_document(
        run_cli, "template", *WITH_MINI, "template", "mini", "--format", "xlsx", "-o", workbook, "--json"
    )
    assert (
        excel["files"] == [{"path": str(workbook), "role": "questionnaire"}] and workbook.stat().st_size > 0
    )


def test_batch_json_lists_every_outcome(tmp_path: Path, run_cli: CliRunner) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(MINI_ANSWERS, inputs / "acme.yaml")
    shutil.copy(INVALID / "answers-negative-rating.yaml", inputs / "broken.yaml")
    out = tmp_path / "out"
    done = valid_document(
        run_cli,
        "batch",
        "batch", inputs, "-o", out, "--formats", "json", "--jobs", "1", "--checklist", MINI_CHECKLIST,
        "--portfolio-formats", "json", "--json",
        code=1,
    )  # fmt: skip
    assert (done["output_dir"], done["inputs"], done["written"], done["kept"]) == (str(out), 2, 1, 0)
    assert done["summary"] == str(out / "summary.csv") and done["errors"] == str(out / "errors.txt")
    assert done["portfolio"] == [str(out / "portfolio.json")]
    [diagnosed] = done["diagnosed"]
    assert diagnosed["source"] == "acme"  # the enterprise is named by its file stem, as in summary.csv
    assert diagnosed["overall"] == pytest.approx(
        56.25
    )  # the mini example: 100 × (2×0.75 + 1×0.25 + 1×0.5)/4 …
    [failed] = done["failed"]
    assert failed["source"].endswith("broken.yaml") and failed["problems"][0]["line"] is not None


@pytest.mark.usefixtures("in_english")
def test_compare_json(tmp_path: Path, run_cli: CliRunner) -> None:
    followup = tmp_path / "followup.yaml"
    document = yaml.safe_load(MINI_ANSWERS.read_text(encoding="utf-8"))
    document["assessment"] = {"kind": "follow-up", "date": "2026-11-20", "assessor": "李四"}
    document["answers"]["4.1-02"] = 4
    followup.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    args = ("compare", MINI_ANSWERS, followup, "--checklist", MINI_CHECKLIST)
    comparison = valid_document(run_cli, "comparison", *WITH_MINI, *args, "--json")
    written = tmp_path / "cmp.json"
    assert run_cli(*WITH_MINI, *args, "-o", written).code == 0
    assert comparison == json.loads(written.read_text(encoding="utf-8"))  # the same document as the file
    refused = run_cli(*WITH_MINI, *args, "--json", "-o", written)
    assert refused.code == 2 and "--json prints the comparison" in refused.err


def test_plugins_json(run_cli: CliRunner) -> None:
    listing = valid_document(run_cli, "plugins", *WITH_MINI, "plugins", "--json")
    by_name = {entry["name"]: entry for entry in listing}
    assert by_name["iso9001assess.strategies"]["registered"]["strategies"][:2] == [
        "weighted",
        "flat-unweighted",
    ]
    assert by_name[str(FIXTURE_PLUGIN)]["origin"] == "local"


def test_score_json_is_a_compact_result_and_full_a_result(run_cli: CliRunner) -> None:
    compact = valid_document(run_cli, "result-compact", *WITH_MINI, "score", MINI_ANSWERS, "--json")
    full = valid_document(run_cli, "result", *WITH_MINI, "score", MINI_ANSWERS, "--json", "--full")
    assert compact["overall"] == full["overall"] and full["overall"]["score"] == pytest.approx(56.25)


def test_score_json_of_one_bad_file_prints_nothing_and_of_several_the_list_of_the_good(
    run_cli: CliRunner,
) -> None:
    bad = INVALID / "answers-negative-rating.yaml"
    alone = run_cli(*WITH_MINI, "score", bad, "--json")
    assert (alone.code, alone.out) == (1, "")  # no result: not "[]", which the result's schema refuses
    assert str(bad) in alone.err
    listed = run_cli(*WITH_MINI, "score", bad, MINI_ANSWERS, "--json")
    assert listed.code == 1
    results = json.loads(listed.out)
    assert [result["overall"]["score"] for result in results] == [pytest.approx(56.25)]
    for result in results:
        schemas.validator("result-compact").validate(result)


def test_enterprises_json(run_cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "programme.db"
    sample = Path(__file__).resolve().parent.parent / "samples" / "gz-electronics-baseline.yaml"
    assert run_cli("ingest", "--db", db, sample).code == 0
    register = valid_document(run_cli, "enterprises", "enterprises", "--db", db, "--json")
    assert [(entry["stage"], entry["city"], entry["assessments"]) for entry in register] == [
        ("baseline", "广州市", 1)
    ]


def test_programme_validate_json(run_cli: CliRunner) -> None:
    bad = INVALID / "programme-unknown-city.yaml"
    report = valid_document(
        run_cli, "validation", "programme", "validate", "gd-2022-qms", bad, "--json", code=1
    )
    assert report["valid"] is False
    good, wrong = report["files"]
    assert good["valid"] is True and good["path"].endswith("gd-2022-qms.yaml")
    assert (wrong["problems"][0]["line"], wrong["problems"][0]["column"]) == (14, 10)


def test_progress_json(run_cli: CliRunner, tmp_path: Path) -> None:
    # An empty store: every count is zero, every narrative section a draft, the targets those of the bundled
    # Guangdong programme.
    store = tmp_path / "p.db"
    from iso9001assess.store import Store

    Store(store).close()  # created empty: progress only reads a store that exists
    args = ("progress", "--programme", "gd-2022-qms", "--db", store, "--as-of", "2022-06-20", "--json")
    document = valid_document(run_cli, "progress", *args)
    figures = document["figures"]
    assert set(figures["totals"].values()) == {0}
    assert (figures["targets"]["enterprises_helped"], figures["targets"]["benchmark_enterprises"]) == (
        800,
        30,
    )
    assert len(figures["by_city"]) == 21 and len(figures["by_cluster"]) == 20
    assert figures["previous_report"] is None and figures["programme"]["phase"] == "assist"
    assert {section["source"] for section in document["narrative"]["sections"]} == {"draft"}


def test_json_is_compact_when_piped(run_cli: CliRunner) -> None:
    # stdout is captured (not a terminal): no indentation, no spaces after separators.
    outcome = run_cli(*WITH_MINI, "checklists", "--json")
    assert "\n" not in outcome.out.rstrip("\n") and '", "' not in outcome.out


# -- the schema command --------------------------------------------------------------------------------------
COMMAND_SCHEMAS = sorted(documents.documents())


def test_schema_lists_and_prints_every_shipped_schema(run_cli: CliRunner) -> None:
    listed = run_cli("schema", "--list").out.split()
    assert set(listed) == {*schemas.MODEL_SCHEMAS, *COMMAND_SCHEMAS}
    for name in listed:
        printed = json.loads(run_cli("schema", name).out)
        assert printed == schemas.load(name)
        Draft202012Validator.check_schema(printed)
        path = Path(run_cli("schema", name, "--path").out.rstrip("\n"))
        assert json.loads(path.read_text(encoding="utf-8")) == printed


def test_an_unknown_schema_is_a_usage_error(run_cli: CliRunner) -> None:
    outcome = run_cli("schema", "resutl")
    assert outcome.code == 2 and "JSON Schema 'resutl' 不存在（是不是要写 'result'？）" in outcome.err
    english = run_cli("schema", "resutl", "--lang", "en")
    assert english.code == 2 and "unknown schema 'resutl' (did you mean 'result'?)" in english.err


@pytest.mark.parametrize("name", COMMAND_SCHEMAS)
def test_shipped_command_schemas_equal_their_models(name: str) -> None:
    regenerate = "run: python -m iso9001assess.schemas && python -m iso9001assess.commands.documents"
    assert schemas.load(name) == documents.generate(name), regenerate


def test_shipped_result_schema_equals_the_model() -> None:
    assert schemas.load("result") == schemas.generate("result"), "run: python -m iso9001assess.schemas"


def test_every_command_with_json_has_a_schema_test() -> None:
    # A command that gains --json must gain a schema and a test here: the help names the schema.
    from iso9001assess.commands.help import help_text
    from test_conventions import every_command

    named = set()
    for _, command in every_command():
        for param in command.params:
            if "--json" in getattr(param, "opts", []):
                # Its help as `--help --lang en` shows it.
                said = help_text(getattr(param, "help", None), "en")
                assert "iso9001assess schema " in said, command.name
                named.add(said.rsplit("schema ", 1)[1].rstrip(")."))
    source = Path(__file__).read_text(encoding="utf-8")
    assert named, "no command has --json"
    for name in named:
        assert f'valid_document(run_cli, "{name}"' in source or f'"{name}",\n' in source, name
    assert {
        "checklists",
        "checklist-show",
        "validation",
        "template",
        "batch",
        "comparison",
        "plugins",
        "enterprises",
    } <= named
