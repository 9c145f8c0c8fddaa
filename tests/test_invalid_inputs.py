"""Every malformed file in tests/fixtures/invalid/ gives exit 1 and a located message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, INVALID, MINI_CHECKLIST

# file -> (message fragment, line, column). Answer files are scored against the mini checklist, checklist and
# overlay files go through `checklists validate` with the fixture plugin (which registers the base, mini).
EXPECTED: dict[str, tuple[str, int, int]] = {
    # -- answer files: parsing and limits
    "answers-bad-yaml.yaml": ("invalid YAML: did not find expected ',' or ']'", 11, 9),
    "answers-tab-indent.yaml": ("invalid YAML: found a tab character that violates indentation", 11, 1),
    "answers-duplicate-key.yaml": ("duplicate key '4.1-01'", 12, 3),
    "answers-alias-bomb.yaml": ("YAML aliases (*name) are not allowed in answer files", 4, 4),
    "answers-deep-nesting.yaml": ("nesting deeper than 64 levels", 10, 91),
    "answers-empty.yaml": ("the file is empty", 1, 1),
    "answers-not-a-mapping.yaml": ("expected a mapping of fields at the top of the file", 1, 1),
    "answers-non-utf8.yaml": ("the file is not UTF-8 text", 10, 1),
    "answers-syntax.json": ("invalid JSON: Expecting ',' delimiter", 5, 3),
    "answers-duplicate-key.json": ("invalid JSON: duplicate key '4.1-01'", 7, 5),
    # -- answer files: structure
    "answers-wrong-type.yaml": ("employees: Input should be a valid integer", 6, 14),
    "answers-wrong-type.json": ("has_lab: Input should be a valid boolean", 4, 38),
    "answers-unknown-field.yaml": ("unknown field 'nmae'", 5, 9),
    "answers-missing-enterprise.yaml": ("missing required field 'enterprise'", 1, 1),
    "answers-bad-size.yaml": ("size: Input should be 'micro', 'small', 'medium' or 'large'", 5, 9),
    "answers-bad-date.yaml": ("date: Input should be a valid date", 8, 9),
    "answers-date-number.yaml": (
        "date: 20260510 is not a date: write the date as YYYY-MM-DD, e.g. 2026-03-01",
        8,
        9,
    ),
    "answers-negative-rating.yaml": ("4.1-01: Input should be greater than or equal to 0", 10, 11),
    "answers-bool-rating.yaml": ("the answer true to item '4.1-02' is not a rating", 11, 11),
    "answers-schema-version.yaml": ("unsupported schema_version 2", 1, 17),
    "answers-numeric-key.yaml": ('the key 101 is not text; write it in quotes: "101"', 11, 8),
    # -- answer files: meaning
    "answers-unknown-item.yaml": ("unknown item '4.1-03' (not in checklist 'mini'); did you mean", 11, 11),
    "answers-rating-off-scale.yaml": ("rating 5 is not on the scale 0–4", 11, 11),
    "answers-na-not-excludable.yaml": ("item '4.3-01' is neither excludable nor conditional", 11, 16),
    "answers-na-without-justification.yaml": ("8.3-01: na: true needs a justification", 11, 11),
    "answers-rating-and-na.yaml": ("8.3-01: an answer is either a rating or na: true, not both", 10, 11),
    "answers-na-kind-without-na.yaml": ("8.3-01: na_kind is given only with na: true", 11, 11),
    "answers-na-kind-not-conditional.yaml": (
        "item '8.3-01' is not conditional, so it cannot be not triggered",
        11,
        31,
    ),
    "answers-section-na-not-allowed.yaml": (
        "section '4.3' cannot be declared not applicable: item '4.3-01' is neither excludable nor conditional",
        10,
        10,
    ),
    "answers-section-na-unknown.yaml": (
        "unknown section '8.4' (not in checklist 'mini'); did you mean '8.3'?",
        10,
        10,
    ),
    "answers-section-na-rated.yaml": (  # problems in reading order: the declaration (10:10) before the rating
        "section '8.3' cannot be declared not applicable: item '8.3-02' is neither excludable nor conditional",
        10,
        10,
    ),
    "answers-bad-credit-code.yaml": (
        "'91440101MA5CXXXXX3' fails its checksum (last character should be '2')",
        5,
        16,
    ),
    "answers-lab-without-lab.yaml": (
        "'LAB.1-01' is a laboratory item, but the enterprise has has_lab: false",
        11,
        13,
    ),
    "answers-wrong-checklist-version.yaml": ("the answers are for version '2.0' of 'mini'", 2, 12),
    "answers-unknown-checklist.yaml": ("unknown checklist 'iso9999-2030'", 2, 12),
    "answers-several-problems.yaml": ("rating 9 is not on the scale 0–4", 6, 11),
    # -- checklist files
    "checklist-bad-yaml.yaml": ("invalid YAML: did not find expected ',' or '}'", 5, 9),
    "checklist-empty.yaml": ("the file is empty", 1, 1),
    "checklist-syntax.json": ("invalid JSON: Expecting property name enclosed in double quotes", 5, 16),
    "checklist-duplicate-key.yaml": ("duplicate key 'weight'", 22, 13),
    "checklist-alias-bomb.yaml": ("the document expands to more than 500,000 values", 10, 4),
    "checklist-schema-version.yaml": ("unsupported schema_version 3", 1, 17),
    "checklist-bad-id.yaml": ("'Mini Checklist' does not match", 2, 5),
    "checklist-unknown-field.yaml": (
        "Additional properties are not allowed ('critcal' was unexpected)",
        30,
        13,
    ),
    "checklist-bad-priority.yaml": ("'urgent' is not one of ['high', 'medium', 'low']", 34, 43),
    "checklist-bad-verification.yaml": ("3 is not of type 'string'", 34, 134),
    "checklist-bad-critical-reason.yaml": ("['范围缺失'] is not of type 'string'", 33, 30),
    "checklist-negative-weight.yaml": ("-3 is less than or equal to the minimum of 0", 44, 21),
    "checklist-scale-gap.yaml": ("scale values must be the contiguous integers 0..3, got [0, 1, 3, 4]", 7, 3),
    "checklist-recommendation-above-scale.yaml": ("max_rating 7 is above the scale's maximum 4", 24, 30),
    "checklist-duplicate-id.yaml": ("duplicate id '4.1-02'", 30, 17),
    "checklist-maturity-unsorted.yaml": ("maturity thresholds must be in ascending order", 6, 24),
    "checklist-grading-inverted.yaml": ("observation_at_most must not be below nonconformity_at_most", 6, 60),
    # -- overlay files (base: mini)
    "overlay-modify-unknown-id.yaml": (
        "item '4.1-09' does not exist in the base checklist 'mini'; did you mean",
        8,
        13,
    ),
    "overlay-remove-unknown-id.yaml": (
        "item or section '9.9' does not exist in the base checklist 'mini'",
        6,
        20,
    ),
    "overlay-add-under-unknown.yaml": ("section '8.5.1' does not exist in the base checklist 'mini'", 7, 12),
    "overlay-duplicate-id.yaml": ("duplicate id '4.1-01'", 10, 14),
    "overlay-unknown-base.yaml": ("unknown checklist 'nonexistent-base'", 5, 10),
    "overlay-modify-and-remove.yaml": ("item '8.3-02' is both modified and removed", 7, 13),
    "overlay-numeric-key.yaml": ('the key 7.1 is not text; write it in quotes: "7.1"', 8, 8),
    "overlay-bad-patch-field.yaml": ("Additional properties are not allowed ('id' was unexpected)", 7, 13),
    # -- programme files (programme validate)
    "programme-unknown-industry.yaml": (
        "the cluster 'agriculture-food' lists the industry '食品加工', which is not an industry code; known: ",
        9,
        69,
    ),
    "programme-unknown-city.yaml": (
        "a quota for '北京市', which is not one of the programme's cities",
        14,
        10,
    ),
    "programme-phases-out-of-order.yaml": (
        "the phase 'accept' starts (2022-03-10) before the phase listed",
        18,
        44,
    ),
    "programme-phases-overlap.yaml": (
        "the phase 'assist' starts (2022-03-20) before the previous phase ends (2022-03-31); write concurrent",
        17,
        44,
    ),
    "programme-report-outside-period.yaml": (
        "the staged report date 2023-01-10 is outside the period (2022-03-04 to 2022-12-31)",
        19,
        30,
    ),
    "programme-gain-without-follow-up.yaml": ("min_gain needs a follow-up to measure a gain", 20, 58),
    "programme-min-above-scale.yaml": ("min_overall: Input should be less than or equal to 100", 20, 45),
    "programme-top-zero.yaml": ("top: Input should be greater than or equal to 1", 21, 78),
    "programme-top-below-target.yaml": ("top 2 cannot meet the target of 3 benchmark enterprises", 21, 78),
    "programme-bad-date.yaml": ("start: Input should be a valid date", 17, 44),
    "programme-schema-version.yaml": ("unsupported schema_version 2", 1, 17),
    "programme-unknown-field.yaml": ("unknown field 'target'", 5, 9),
}


def command_for(path: Path) -> list[str | Path]:
    if path.name == "answers-unknown-checklist.yaml":
        return ["score", path]  # the checklist is looked up by the id the file names
    if path.name.startswith("answers-"):
        return ["score", path, "--checklist", MINI_CHECKLIST]
    if path.name.startswith("programme-"):
        return ["programme", "validate", path]
    return ["--plugin", FIXTURE_PLUGIN, "checklists", "validate", path]


def test_every_invalid_fixture_has_an_expectation() -> None:
    on_disk = sorted(p.name for p in INVALID.iterdir())
    assert on_disk == sorted(EXPECTED)
    assert len(on_disk) >= 25


@pytest.mark.usefixtures("in_english")  # the messages as this test spells them
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_is_rejected_with_its_location(name: str, run_cli: CliRunner) -> None:
    fragment, line, column = EXPECTED[name]
    path = INVALID / name
    outcome = run_cli(*command_for(path))
    assert outcome.code == 1, outcome.err
    assert "Traceback" not in outcome.err + outcome.out
    first = outcome.err.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{column}: "), first
    assert fragment in first
    assert outcome.out.strip() == ""  # nothing printed as if it were a result


@pytest.mark.usefixtures("in_english")  # the messages as this test spells them
def test_every_problem_of_a_file_is_listed(run_cli: CliRunner) -> None:
    path = INVALID / "answers-several-problems.yaml"
    outcome = run_cli("score", path, "--checklist", MINI_CHECKLIST)
    assert outcome.err.splitlines() == [
        f"{path}:6:11: rating 9 is not on the scale 0–4",
        f"{path}:7:11: unknown item '4.1-0l' (not in checklist 'mini'); did you mean '4.1-02'?",
        f"{path}:8:16: item '4.3-01' is neither excludable nor conditional, so it cannot be not applicable",
    ]


def test_a_bad_file_among_good_ones_is_named_and_the_others_scored(run_cli: CliRunner) -> None:
    from fixture_paths import MINI_ANSWERS

    bad = INVALID / "answers-rating-off-scale.yaml"
    outcome = run_cli("score", MINI_ANSWERS, bad, "--checklist", MINI_CHECKLIST)
    assert outcome.code == 1
    assert outcome.out.startswith(
        f"{MINI_ANSWERS}：体系总分 56.3"
    )  # 56.25 half up, see test_scoring_weighted
    assert outcome.err.startswith(f"{bad}:11:11: ")


@pytest.mark.usefixtures("in_english")  # the messages as this test spells them
def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path, run_cli: CliRunner) -> None:
    from iso9001assess.loading.answers import MAX_ANSWER_FILE_BYTES

    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * (MAX_ANSWER_FILE_BYTES // 10 + 1), encoding="utf-8")
    outcome = run_cli("score", big, "--checklist", MINI_CHECKLIST)
    assert outcome.code == 1
    assert outcome.err.startswith(f"{big}: the file is ")
    assert f"the limit is {MAX_ANSWER_FILE_BYTES:,}" in outcome.err


@pytest.mark.usefixtures("in_english")  # the messages as this test spells them
def test_a_missing_file_is_invalid_input(tmp_path: Path, run_cli: CliRunner) -> None:
    outcome = run_cli("score", tmp_path / "nowhere.yaml", "--checklist", MINI_CHECKLIST)
    assert outcome.code == 1
    assert (
        outcome.err.strip()
        == f"{tmp_path / 'nowhere.yaml'}: no such file: check the file's name and its folder"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["score", INVALID / "answers-alias-bomb.yaml", "--checklist", MINI_CHECKLIST],
        ["checklists", "validate", INVALID / "checklist-alias-bomb.yaml"],
    ],
    ids=["answers", "checklist"],
)
def test_alias_bombs_are_refused_by_the_real_command(args: list[str | Path]) -> None:
    # A separate process, as a user runs it; the timeout only guards against the naive expansion (minutes, GBs).
    completed = subprocess.run(
        [sys.executable, "-c", "from iso9001assess.cli import main; main()", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr) < 500  # one short line, not the expanded document
    assert completed.stderr.count("\n") == 1
