"""The compact result: what ``score --json`` prints. It leaves out the checklist's texts and gives back the very
same result when they are re-attached; ``--full``, ``--jsonl``, streaming and separators on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, INVALID, MINI_ANSWERS, MINI_CHECKLIST
from iso9001assess import schemas
from iso9001assess.bundled import bundled_dir
from iso9001assess.models import Result
from iso9001assess.scoring import WeightedStrategy
from iso9001assess.scoring.compact import compact, compact_json, expand
from iso9001assess.testing import plugin_registry

SAMPLES = sorted(bundled_dir("samples").glob("*.yaml"))
WITH_MINI = ("--plugin", FIXTURE_PLUGIN)


def scored(path: Path, strategy: str = "weighted") -> tuple[Result, qa.Checklist]:
    answers = qa.load_answers(path)
    checklist = qa.load_checklist(answers.checklist_id)
    return qa.score(checklist, answers, strategy), checklist


def valid(name: str, document: Any) -> Any:
    schemas.validator(name).validate(document)
    return document


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_the_compact_form_gives_back_the_same_result(sample: Path) -> None:
    result, checklist = scored(sample)
    data = valid("result-compact", compact(result, checklist))
    method = qa.get_strategy(result.strategy).describe()
    assert expand(data, checklist, method) == result
    # Through JSON text too, as a script would store it.
    assert expand(json.loads(compact_json(result, checklist)), checklist, method) == result


@pytest.mark.parametrize("sample", SAMPLES[:2], ids=lambda path: path.stem)
def test_the_compact_form_holds_no_checklist_text(sample: Path) -> None:
    result, checklist = scored(sample)
    data = compact(result, checklist)
    assert data["form"] == "compact" and "method" not in data and "scale" not in data
    assert data["checklist"] == {"id": checklist.id, "version": checklist.version, "sha256": checklist.sha256}
    for kind, left_out in (
        ("sections", "title"),
        ("items", "text"),
        ("findings", "text"),
        ("actions", "text"),
    ):
        assert all(left_out not in part for part in data[kind]), kind
    text = compact_json(result, checklist)
    first_question = next(iter(checklist.iter_items()))[0].text
    assert isinstance(first_question, dict) and first_question["zh"] not in text
    full = result.model_dump_json().encode()
    assert len(text.encode()) * 5 < len(full), (len(text.encode()), len(full))  # the texts were most of it


def test_what_a_strategy_changes_is_kept() -> None:
    # A strategy whose plan words its actions itself: the compact form keeps those texts, and only those.
    class Worded(WeightedStrategy):
        name = "worded"

        def plan(self, evaluations: Any, grades: Any) -> Any:
            return tuple(
                action.model_copy(update={"text": {"zh": "自定", "en": "own"}}) if index == 0 else action
                for index, action in enumerate(super().plan(evaluations, grades))
            )

    class Plugin:
        @qa.hookimpl
        def register_scoring_strategies(self, register: Any) -> None:
            register("worded", Worded())

    with plugin_registry(Plugin()):
        checklist = qa.load_checklist(MINI_CHECKLIST)
        result = qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist), "worded")
        data = valid("result-compact", compact(result, checklist))
        kept = [action for action in data["actions"] if "text" in action]
        assert kept == [{**kept[0], "text": {"zh": "自定", "en": "own"}}] and len(data["actions"]) > 1
        assert expand(data, checklist, Worded().describe()) == result


def test_expanding_against_another_checklist_is_refused() -> None:
    result, checklist = scored(SAMPLES[0])
    data = compact(result, checklist)
    other = qa.load_checklist(MINI_CHECKLIST)
    with pytest.raises(ValueError, match="scored against checklist SHA-256"):
        expand(data, other, "")


def test_without_its_checklist_the_compact_form_keeps_the_texts() -> None:
    result, _ = scored(SAMPLES[0])
    data = valid("result-compact", json.loads(compact_json(result, None)))
    assert all("text" in item for item in data["items"]) and "method" not in data


# -- the command line -------------------------------------------------------------------------------------------
def test_score_json_prints_the_compact_form(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json")
    assert outcome.code == 0, outcome.err
    data = valid("result-compact", json.loads(outcome.out))
    # mini: overall = 100 × (2×0.75 + 1×0.25 + 1×0.5) / (2 + 1 + 1) = 56.25 (docs/scoring.md's worked example)
    assert data["overall"]["score"] == pytest.approx(56.25)
    assert outcome.out.count("\n") == 1  # piped: one line, compact separators
    assert '":' in outcome.out and '": ' not in outcome.out


def test_score_json_full_prints_the_whole_result(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json", "--full")
    data = valid("result", json.loads(outcome.out))
    checklist = qa.load_checklist(MINI_CHECKLIST)
    assert Result.model_validate(data) == qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist))


def test_score_json_streams_a_list_and_reports_bad_files(tmp_path: Path, run_cli: CliRunner) -> None:
    bad = INVALID / "answers-negative-rating.yaml"
    outcome = run_cli(
        *WITH_MINI, "score", MINI_ANSWERS, bad, MINI_ANSWERS, "--json", "--checklist", MINI_CHECKLIST
    )
    assert outcome.code == 1
    listed = json.loads(outcome.out)
    assert (
        len(listed) == 2
        and [valid("result-compact", data)["overall"]["score"] for data in listed]
        == [pytest.approx(56.25)] * 2
    )
    assert str(bad) in outcome.err


def test_score_jsonl_prints_one_result_per_line(run_cli: CliRunner) -> None:
    outcome = run_cli(*WITH_MINI, "score", MINI_ANSWERS, MINI_ANSWERS, "--jsonl")
    lines = outcome.out.splitlines()
    assert len(lines) == 2 and all(valid("result-compact", json.loads(line)) for line in lines)
    full = run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--jsonl", "--full").out.splitlines()
    assert len(full) == 1 and valid("result", json.loads(full[0]))["method"]


def test_a_compact_result_file_reads_back_whole(tmp_path: Path, run_cli: CliRunner) -> None:
    # A compact result saved by a script is an input like a full one: its texts are re-attached on reading.
    saved = tmp_path / "acme.result.json"
    saved.write_text(run_cli(*WITH_MINI, "score", MINI_ANSWERS, "--json").out, encoding="utf-8")
    again = run_cli(*WITH_MINI, "score", saved, "--json", "--full")
    assert again.code == 0, again.err
    checklist = qa.load_checklist(MINI_CHECKLIST)
    expected = qa.score(checklist, qa.load_answers(MINI_ANSWERS, checklist))
    assert Result.model_validate(json.loads(again.out)) == expected


def test_only_parts_that_can_recur_are_kept_for_the_next_result() -> None:
    from iso9001assess.scoring import compact as compact_module

    worded = next(s for s in SAMPLES if any(i.note for i in scored(s)[0].items))
    result, checklist = scored(worded)
    compact_module._LAYOUTS.clear()
    first = compact_json(result, checklist)
    kept = compact_module._layout(checklist).fragments
    own_words = [i for i in result.items if i.note or i.justification or i.evidence or i.root_cause]
    plain = [i for i in result.items if i not in own_words]
    assert own_words and plain
    assert all(id(item) not in kept for item in own_words)  # the enterprise's own words: never met again
    assert all(id(item) in kept for item in plain)  # the engine shares these between results
    assert compact_json(result, checklist) == first  # the same text either way
