"""The questionnaire's ``# yaml-language-server: $schema=`` line points at a real file, which check-jsonschema
(the same validation an editor runs) applies to the questionnaire as written and as filled in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess import schemas

CHECK = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(
    CHECK is None, reason="check-jsonschema is not installed (it is in the dev extra)"
)


def referenced_schema(questionnaire: Path) -> Path:
    first = questionnaire.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    # yaml-language-server resolves a relative reference against the file's own directory.
    return questionnaire.parent / first[len(prefix) :]


def check(schema: Path, document: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK is not None
    return subprocess.run(
        [CHECK, "--schemafile", str(schema), str(document)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_validates_once_its_one_required_blank_is_filled(
    tmp_path: Path, run_cli: CliRunner, lang: str
) -> None:
    questionnaire = tmp_path / "acme.yaml"
    assert run_cli("template", "iso9001-2015", "--lang", lang, "-o", questionnaire).code == 0
    schema = referenced_schema(questionnaire)
    assert schema == tmp_path / "answers.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == schemas.load("answers")

    # As written, the only thing the schema asks for is the enterprise's name: the editor underlines it.
    blank = check(schema, questionnaire)
    assert blank.returncode == 1
    errors = [line.strip() for line in blank.stdout.splitlines() if "::$" in line]
    assert errors == [f"{questionnaire}::$.enterprise.name: '' should be non-empty"], blank.stdout

    # Filled in the way the questionnaire's comments say, it validates.
    text = questionnaire.read_text(encoding="utf-8")
    text = text.replace('  name: ""', "  name: 广州某某电子科技有限公司", 1)
    text = text.replace('"4.1-01": null', '"4.1-01": 3', 1)
    text = text.replace('"4.1-02": null', '"4.1-02": {rating: 2, note: 未形成文件}', 1)
    questionnaire.write_text(text, encoding="utf-8")
    filled = check(schema, questionnaire)
    assert filled.returncode == 0, filled.stdout + filled.stderr
    assert yaml.safe_load(text)["answers"]["4.1-01"] == 3

    # And it catches what an editor should: a rating written as text.
    questionnaire.write_text(text.replace('"4.1-01": 3', '"4.1-01": three', 1), encoding="utf-8")
    wrong = check(schema, questionnaire)
    assert wrong.returncode == 1 and "$.answers['4.1-01']: 'three' is not of type 'integer'" in wrong.stdout


def test_an_overlay_template_references_the_same_answers_schema(tmp_path: Path, run_cli: CliRunner) -> None:
    questionnaire = tmp_path / "q" / "mini.yaml"
    assert run_cli("--plugin", FIXTURE_PLUGIN, "template", "mini-electronics", "-o", questionnaire).code == 0
    assert referenced_schema(questionnaire).is_file()  # written into the questionnaire's own directory
