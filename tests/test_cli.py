"""The foundation's commands: checklists, checklists show/validate, template, score, report, plugins; exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, INVALID, MINI_ANSWERS, MINI_CHECKLIST, OVERLAYS, VALID
from iso9001assess.i18n import message
from iso9001assess.models import Result

WITH_MINI = ("--plugin", FIXTURE_PLUGIN)


def command() -> list[str]:
    """The installed console script, as a user runs it (falling back to the entry function)."""
    script = shutil.which("iso9001assess", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-c", "from iso9001assess.cli import main; main()"]


# -- checklists -----------------------------------------------------------------------------------------------
def test_checklists_lists_the_bundled_and_the_plugins_checklists(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "checklists", "--lang", "en")
    assert outcome.code == 0, outcome.err
    rows = {line.split("\t")[0]: line.split("\t") for line in outcome.out.splitlines()}
    assert rows["iso9001-2015"][3] == "[iso9001assess.checklists]"  # bundled, through the same hook
    assert rows["mini"][1:] == ["1.0", "Mini checklist", f"[{FIXTURE_PLUGIN}]"]
    assert rows["mini-electronics-gz"][2] == "Guangzhou electronics supplement (extends mini-electronics)"


def test_checklists_speak_chinese_by_default_like_every_other_command(run_cli: CliRunner) -> None:
    listing = run_cli(*WITH_MINI, "checklists")
    rows = {line.split("\t")[0]: line.split("\t") for line in listing.out.splitlines()}
    assert rows["mini"][2] == "小型检查表"
    shown = run_cli(*WITH_MINI, "checklists", "show", "mini")
    assert shown.out.splitlines()[0] == "mini 1.0: 小型检查表"


def test_checklists_show(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "checklists", "show", "mini", "--items", "--lang", "en")
    assert outcome.code == 0, outcome.err
    sha = qa.load_checklist(MINI_CHECKLIST).sha256
    assert outcome.out.splitlines() == [
        "mini 1.0: Mini checklist",
        f"standard: ISO 9001:2015   items: 7   sha256: {sha}",
        "scale: 0 Not in place, 1 Initial, 2 Partly implemented, 3 Implemented, 4 Effective and improving",
        "4 Context of the organization",
        "  4.1 Understanding the organization and its context",
        "    4.1-01 (w2) Are internal and external issues determined?",
        "    4.1-02 (w1) Are these issues monitored?",
        "  4.3 Determining the scope of the QMS",
        "    4.3-01! (w1) Is the scope documented?",  # ! critical
        "8 Operation",
        "  8.3 Design and development of products and services",
        "    8.3-01~ (w3) Is design and development planned?",  # ~ excludable
        "    8.3-02 (w1) Design information (informational)",
        "LAB Laboratory and inspection/testing capability",
        "  LAB.1 Equipment",
        "    LAB.1-01! (w2) Is equipment calibrated?",
        "    LAB.1-02 (w1) Does the lab take part in proficiency testing?",
    ]
    chinese = run_cli(*WITH_MINI, "checklists", "show", "mini", "--lang", "zh")
    assert chinese.out.splitlines()[0] == "mini 1.0: 小型检查表"
    assert "  4.3 确定质量管理体系的范围" in chinese.out.splitlines()


@pytest.mark.usefixtures("in_english")
def test_checklists_show_an_unknown_id_is_a_usage_error(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "checklists", "show", "mni")
    assert outcome.code == 2
    assert outcome.err.startswith("error: unknown checklist 'mni' (did you mean 'mini'?)")


@pytest.mark.usefixtures("in_english")  # the problems as this test spells them
def test_checklists_validate_ok_and_bad(run_cli: CliRunner) -> None:
    good = [MINI_CHECKLIST, *sorted((OVERLAYS / "registered").glob("*.yaml"))]
    outcome = run_cli(*WITH_MINI, "checklists", "validate", *good)
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines() == [f"{path}: ok" for path in good]

    bad = INVALID / "checklist-scale-gap.yaml"
    mixed = run_cli(*WITH_MINI, "checklists", "validate", MINI_CHECKLIST, bad)
    assert mixed.code == 1
    assert mixed.out.splitlines() == [f"{MINI_CHECKLIST}: ok"]  # the good file is still reported
    assert mixed.err.splitlines() == [
        f"{bad}:7:3: scale values must be the contiguous integers 0..3, got [0, 1, 3, 4]"
    ]


@pytest.mark.usefixtures("in_english")
def test_the_bundled_checklist_validates(run_cli: CliRunner) -> None:
    path = Path(__file__).parent.parent / "checklists" / "iso9001-2015.yaml"
    outcome = run_cli("checklists", "validate", path)
    assert (outcome.code, outcome.out.strip()) == (0, f"{path}: ok"), outcome.err


# -- template -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("checklist_id", ["mini", "mini-electronics-gz", "iso9001-2015"])
def test_the_template_loads_back_with_every_item_unanswered(
    checklist_id: str, tmp_path: Path, run_cli: CliRunner
) -> None:
    target = tmp_path / "blank.yaml"
    outcome = run_cli(*WITH_MINI, "template", checklist_id, "--format", "yaml", "-o", target)
    # The questionnaire, then the answers schema beside it: both said.
    assert (outcome.code, outcome.out.splitlines()) == (
        0,
        [
            message("cli.status.wrote", "zh", path=target),
            message("cli.status.wrote_schema", "zh", path=tmp_path / "answers.schema.json"),
        ],
    ), outcome.err

    text = target.read_text(encoding="utf-8")
    text = text.replace('  name: ""', "  name: 空白企业")  # the one field a user must fill in
    target.write_text(text, encoding="utf-8")
    qa.plugin_manager.add_local_plugins([str(FIXTURE_PLUGIN)])
    checklist = qa.load_checklist(checklist_id)
    answers = qa.load_answers(target)  # resolved by the id@version the template names
    result = qa.score(checklist, answers)
    assert answers.checklist == f"{checklist.id}@{checklist.version}"
    assert set(answers.answers) == set(checklist.items_by_id)  # every item is there, as null
    assert {item.status for item in result.items} == {"unanswered"}
    assert result.overall.completeness == 0.0
    assert result.overall.score is None  # nothing assessed: no score, not 0
    assert (result.overall.readiness, result.overall.maturity_level) == ("incomplete", None)
    assert (result.findings, result.actions) == ((), ())


def test_the_template_shows_each_question_and_the_scale(tmp_path: Path, run_cli: CliRunner) -> None:
    target = tmp_path / "blank.yaml"
    run_cli(*WITH_MINI, "template", "mini", "-o", target, "--lang", "en")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert (
        "# 0 = Not in place, 1 = Initial, 2 = Partly implemented, 3 = Implemented, 4 = Effective and improving"
        in lines
    )
    at = lines.index('  "8.3-01": null')
    assert lines[at - 1] == "  # Is design and development planned? [◇ excludable]"  # the workbook's mark


def test_the_template_follows_the_output_suffix(tmp_path: Path, run_cli: CliRunner) -> None:
    # The defect: `template ID -o t.xlsx` wrote YAML into a file named .xlsx.
    target = tmp_path / "t.xlsx"
    outcome = run_cli(*WITH_MINI, "template", "mini", "-o", target)
    assert outcome.code == 0, outcome.err
    assert zipfile.is_zipfile(target)
    assert "Answers" in openpyxl.load_workbook(target).sheetnames
    outcome = run_cli(*WITH_MINI, "template", "mini", "-o", tmp_path / "t.yml")
    assert yaml.safe_load((tmp_path / "t.yml").read_text(encoding="utf-8"))["checklist"] == "mini@1.0"


@pytest.mark.usefixtures("in_english")
def test_a_template_format_against_its_suffix_is_a_usage_error(tmp_path: Path, run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "template", "mini", "--format", "yaml", "-o", tmp_path / "t.xlsx")
    assert outcome.code == 2
    assert "--format yaml does not match the output 't.xlsx'; name it *.yaml" in outcome.err
    assert list(tmp_path.iterdir()) == []


def test_template_of_an_unknown_checklist_writes_nothing(tmp_path: Path, run_cli: CliRunner) -> None:
    outcome = run_cli("template", "nope", "-o", tmp_path / "blank.yaml")
    assert outcome.code == 2
    assert list(tmp_path.iterdir()) == []


# -- score ----------------------------------------------------------------------------------------------------
def test_score_prints_one_line_per_file(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, VALID / "mini-answers.json", "--lang", "en")
    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines() == [
        # 56.25 (shown half up: 56.3) and 100.0, see test_scoring_weighted.py; LAB.1-02 not assessed: lab 1/2
        f"{MINI_ANSWERS}: overall 56.3, maturity 3 (Defined), readiness: Not ready; lab index 100.0, "
        "lab verdict: Incomplete assessment: no verdict; findings: major 0, minor 1, observations 1; "
        "completeness QMS 100%, lab 50%; not assessed 1, excluded 1, not triggered 0",
        # (2·1 + 1·0.75 + 1·1) / 4 = 93.75; no lab; every item settled
        f"{VALID / 'mini-answers.json'}: overall 93.8, maturity 5 (Leading), readiness: Ready; lab index n/a, "
        "lab verdict: No lab capability index; findings: major 0, minor 0, observations 0; "
        "completeness QMS 100%, lab n/a; not assessed 0, excluded 1, not triggered 0",
    ]


def test_score_prints_words_in_chinese_by_default(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS)
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip() == (
        f"{MINI_ANSWERS}：体系总分 56.3，成熟度 3 级（规范级），认证准备度：暂不具备认证条件；实验室能力指数 100.0，"
        "实验室管理规范性：评估不完整，暂不判定；严重不符合 0 项，一般不符合 1 项，观察项 1 项；"
        "完整度：体系 100%，实验室 50%；未评估 1 项，删减 1 项，不涉及 0 项"
    )


def test_score_json_of_one_file_is_an_object(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json", "--full")
    assert outcome.code == 0, outcome.err
    result = Result.model_validate_json(outcome.out)
    assert (result.strategy, result.overall.score, result.lab.score) == ("weighted", 56.25, 100.0)
    assert result.enterprise.name == "广州某某电子科技有限公司"
    assert "广州某某" in outcome.out  # not escaped as \\u


def test_score_json_of_several_files_is_a_list(run_cli: CliRunner) -> None:
    outcome = run_cli(
        *WITH_MINI, "score", MINI_ANSWERS, VALID / "mini-answers-numbers.yaml", "--json", "--full"
    )
    assert outcome.code == 0, outcome.err
    results = [Result.model_validate(item) for item in json.loads(outcome.out)]
    # numbers: (2·0.75 + 1·0.5) / 3; 4.3-01 is not assessed
    assert [r.overall.score for r in results] == [56.25, pytest.approx(200 / 3)]


def test_score_with_another_strategy(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json", "--full", "--strategy", "flat-unweighted")
    result = Result.model_validate_json(outcome.out)
    assert result.strategy == "flat-unweighted"
    assert result.overall.score == 50.0  # mean(0.75, 0.25, 0.5)
    assert result.lab.score == 100.0  # mean(1): LAB.1-02 is not assessed


def test_score_against_a_checklist_file(run_cli: CliRunner) -> None:
    outcome = run_cli("score", MINI_ANSWERS, "--checklist", MINI_CHECKLIST, "--json", "--full")
    assert outcome.code == 0, outcome.err
    assert (
        Result.model_validate_json(outcome.out).checklist.sha256 == qa.load_checklist(MINI_CHECKLIST).sha256
    )


def test_score_against_an_overlay_of_the_named_checklist(run_cli: CliRunner) -> None:
    overlay = VALID / "mini-overlay-electronics.yaml"
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--checklist", overlay, "--json", "--full")
    assert outcome.code == 0, outcome.err
    result = Result.model_validate_json(outcome.out)
    assert result.checklist.id == "mini-electronics"
    # 4.1-02 now weighs 3 and is critical; the added 4.1-E01 (w2) and 8.5-E01 (w1) are not assessed:
    # (2·0.75 + 3·0.25 + 1·0.5) / (2 + 3 + 1) = 2.75 / 6 = 45.83…
    assert result.overall.score == pytest.approx(275 / 6)
    assert result.item("4.1-E01").status == "unanswered"
    # QMS completeness 3 of 5 applicable (8.3-01 N/A) = 0.6 < 0.9: no readiness verdict yet
    assert (result.item("4.1-02").grade, result.overall.readiness) == ("major", "incomplete")


def test_answers_left_empty_are_all_unanswered(tmp_path: Path, run_cli: CliRunner) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text(
        "schema_version: 1\nchecklist: mini\nenterprise: {name: X}\nanswers:\n", encoding="utf-8"
    )
    outcome = run_cli(*WITH_MINI, "score", empty, "--json", "--full")
    assert outcome.code == 0, outcome.err
    result = Result.model_validate_json(outcome.out)
    assert (result.overall.score, result.lab.score) == (None, None)
    assert (result.overall.completeness, result.lab.completeness) == (0.0, 0.0)
    assert {item.status for item in result.items} == {"unanswered"}


# -- report ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["--format", "json"], []], ids=["format", "suffix"])
def test_report_json_is_the_result(args: list[str], tmp_path: Path, run_cli: CliRunner) -> None:
    target = tmp_path / "reports" / "acme.json"
    outcome = run_cli(*WITH_MINI, "report", MINI_ANSWERS, "-o", target, *args)
    assert (outcome.code, outcome.out.strip()) == (0, message("cli.status.wrote", "zh", path=target)), (
        outcome.err
    )
    written = Result.model_validate_json(target.read_text(encoding="utf-8"))
    printed = Result.model_validate_json(run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json", "--full").out)
    assert written == printed
    assert sorted(p.name for p in target.parent.iterdir()) == ["acme.json"]


@pytest.mark.usefixtures("in_english")  # the problems as this test spells them
def test_report_of_a_bad_file_writes_nothing(tmp_path: Path, run_cli: CliRunner) -> None:
    target = tmp_path / "acme.json"
    outcome = run_cli(
        *WITH_MINI, "report", INVALID / "answers-rating-off-scale.yaml", "-o", target, "--format", "json"
    )
    assert outcome.code == 1
    assert outcome.err.startswith(
        f"{INVALID / 'answers-rating-off-scale.yaml'}:11:11: rating 5 is not on the scale"
    )
    assert list(tmp_path.iterdir()) == []


# -- plugins --------------------------------------------------------------------------------------------------
@pytest.mark.usefixtures("in_english")
def test_plugins_lists_the_built_ins_and_what_they_registered(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "plugins")
    assert outcome.code == 0, outcome.err
    text = outcome.out
    assert "iso9001assess.strategies  [iso9001assess " in text and "  built-in  ok" in text
    assert "  strategies: weighted, flat-unweighted" in text
    assert "  exporters: json" in text
    assert "  checklists: iso9001-2015" in text
    assert f"{FIXTURE_PLUGIN}  local  ok" in text
    assert "  checklists: mini, mini-binary, mini-electronics-gz, mini-electronics" in text


def test_a_broken_plugin_is_named_and_the_rest_works(tmp_path: Path) -> None:
    broken = tmp_path / "broken_plugin.py"
    broken.write_text("raise RuntimeError('this plugin is broken')\n", encoding="utf-8")
    base = [*command(), "--plugin", str(broken)]
    listing = subprocess.run([*base, "plugins"], capture_output=True, text=True, check=False)
    assert listing.returncode == 0
    # The labels in the command's language (Chinese by default); the plugin's own reason as it is.
    assert f"{broken}  本地插件  失败" in listing.stdout
    assert "  失败：无法加载：RuntimeError: this plugin is broken" in listing.stdout
    english = subprocess.run([*base, "plugins", "--lang", "en"], capture_output=True, text=True, check=False)
    assert f"{broken}  local  FAILED" in english.stdout
    assert "  failure: failed to import: RuntimeError: this plugin is broken" in english.stdout
    assert f"warning: plugin {broken}: failed to import: RuntimeError" in english.stderr
    assert f"警告：插件 {broken}：无法加载：RuntimeError: this plugin is broken" in listing.stderr
    scored = subprocess.run(
        [*base, "score", str(MINI_ANSWERS), "--checklist", str(MINI_CHECKLIST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0
    assert scored.stdout.startswith(f"{MINI_ANSWERS}：体系总分 56.3")


# -- exit codes and tracebacks --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nonsense-command"], "No such command 'nonsense-command'"),
        (["score"], "Missing argument 'FILES...'"),
        (["score", str(MINI_ANSWERS), "--no-such-option"], "No such option '--no-such-option'"),
        (["score", str(MINI_ANSWERS), "--strategy", "nope"], "unknown scoring strategy 'nope'"),
        (["template", "mini", "--format", "pdf", "-o", "x.pdf"], "'pdf' is not one of 'yaml', 'xlsx'"),
        (["report", str(MINI_ANSWERS), "-o", "x.unknown"], "unknown export format for suffix '.unknown'"),
    ],
)
@pytest.mark.usefixtures("in_english")  # click's own words are English; ours follow ISO9001ASSESS_LANG
def test_wrong_usage_exits_2(args: list[str], message: str, run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, *args)
    assert outcome.code == 2
    assert message in outcome.err
    assert "Traceback" not in outcome.err


def test_exit_codes_of_a_real_process(tmp_path: Path) -> None:
    ok = subprocess.run(
        [*command(), "score", str(MINI_ANSWERS), "--checklist", str(MINI_CHECKLIST)],
        capture_output=True,
        text=True,
        check=False,
    )
    bad = subprocess.run(
        [*command(), "score", str(INVALID / "answers-unknown-item.yaml"), "--checklist", str(MINI_CHECKLIST)],
        capture_output=True,
        text=True,
        check=False,
    )
    usage = subprocess.run([*command(), "score"], capture_output=True, text=True, check=False)
    assert (ok.returncode, bad.returncode, usage.returncode) == (0, 1, 2)
    assert "Traceback" not in ok.stderr + bad.stderr + usage.stderr


@pytest.mark.usefixtures("in_english")  # the problems as this test spells them (the commands inherit it)
@pytest.mark.parametrize("name", ["score", "report"])
def test_debug_shows_the_traceback_and_the_default_does_not(name: str, tmp_path: Path) -> None:
    args = [name, str(INVALID / "answers-unknown-item.yaml"), "--checklist", str(MINI_CHECKLIST)]
    if name == "report":
        args += ["-o", str(tmp_path / "out.json")]
    quiet = subprocess.run([*command(), *args], capture_output=True, text=True, check=False)
    loud = subprocess.run([*command(), "--debug", *args], capture_output=True, text=True, check=False)
    assert quiet.returncode == 1
    assert "Traceback" not in quiet.stderr
    assert quiet.stderr.startswith(f"{INVALID / 'answers-unknown-item.yaml'}:11:11: unknown item '4.1-03'")
    assert loud.returncode != 0
    assert "Traceback (most recent call last)" in loud.stderr
    assert "InvalidInputError" in loud.stderr
    assert "unknown item '4.1-03'" in loud.stderr
    assert not (tmp_path / "out.json").exists()
