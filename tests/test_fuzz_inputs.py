"""Structure-aware fuzzing of every input the library reads: answers (YAML, JSON, and the Excel questionnaire),
checklists and overlays. Each input is a valid file with hostile changes at places that matter (a value replaced
by a huge number, a control character, a wrong type, a key added or removed, text cut or spliced), read the way
a user's file is read. The only outcomes allowed: it loads and scores (and exports), or it is refused with an
InvalidInputError whose every problem is one located line. Anything else (another exception, a traceback
through the command line, an exit code other than 0 or 1) fails the test.

The test command runs a few examples of each (``FUZZ_EXAMPLES``, 25 by default); set the environment variable
``ISO9001ASSESS_FUZZ_EXAMPLES`` for a longer run (docs/testing.md).
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, MINI_ANSWERS, MINI_CHECKLIST, VALID
from iso9001assess.compose import compose
from iso9001assess.errors import InvalidInputError
from iso9001assess.loading.checklists import read_checklist_file, validate_checklist_file
from iso9001assess.loading.documents import read_document
from iso9001assess.models.checklist import Checklist
from iso9001assess.xlsx.template import write_template
from xlsx_filling import MINI_ENTERPRISE, fill

FUZZ_EXAMPLES = int(os.environ.get("ISO9001ASSESS_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize="ISO9001ASSESS_FUZZ_EXAMPLES" not in os.environ,  # the test command: the same inputs each run
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

MINI = read_checklist_file(MINI_CHECKLIST)
assert isinstance(MINI, Checklist)
ANSWERS: dict[str, Any] = read_document(MINI_ANSWERS).data
CHECKLIST: dict[str, Any] = read_document(MINI_CHECKLIST).data
OVERLAY: dict[str, Any] = read_document(VALID / "mini-overlay-electronics.yaml").data

# -- hostile values --------------------------------------------------------------------------------------------
_HUGE_NUMBERS = st.sampled_from(
    [10**400, -(10**50), 2**64, 1e308, float("inf"), float("nan"), -0.0, 10**41, 99999999999]
)
_STRINGS = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=5),  # control characters
    st.sampled_from(
        [
            "",
            " ",
            "无",
            "=2+2",
            "\r=2+2",
            "<b>&amp;</b>",
            "__proto__",
            "4.1-01 ",
            "a\nb",
            "\u2028",
            "\ufeff",
            "😀",
            "x" * 5000,
            "yes",
            "0x" + "f" * 60,
            "9" * 4400,
        ]
    ),
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), _HUGE_NUMBERS, st.floats(allow_nan=True), _STRINGS
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(_STRINGS, st.integers()), inner, max_size=4)
    ),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value of ``data`` (mappings and lists), the root excluded."""
    found: list[tuple[Any, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((*prefix, key))
        found.extend(_paths(value, (*prefix, key)))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` with one to three hostile changes at places drawn from its own structure."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add", "rename"]))
        if action == "replace":
            parent[path[-1]] = draw(_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.one_of(_STRINGS, st.integers(), st.booleans()))] = draw(_VALUES)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(_STRINGS)] = parent.pop(path[-1])
    return data


def _dump(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, default=str)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _assert_clean_refusal(error: InvalidInputError, path: Path) -> None:
    assert error.problems, "an InvalidInputError names its problems"
    for problem in error.problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text, text
        assert text.startswith(str(path)), text
        assert len(text) < 2000, "a message never repeats a large input"


def _load_score_export(path: Path, checklist: Checklist, tmp_path: Path) -> None:
    try:
        answers = qa.load_answers(path, checklist)
    except InvalidInputError as error:
        _assert_clean_refusal(error, path)
        return
    result = qa.score(checklist, answers)
    qa.export(result, tmp_path / "out.json")
    qa.export(result, tmp_path / "out.csv")
    qa.export(result, tmp_path / "out.md")
    json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


# -- answers ----------------------------------------------------------------------------------------------------
@FUZZ
@given(data=mutated(ANSWERS), fmt=st.sampled_from(["yaml", "json"]))
def test_mutated_answers_load_or_are_refused_cleanly(data: Any, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"answers.{fmt}"
    path.write_text(_dump(data, fmt), encoding="utf-8")
    _load_score_export(path, MINI, tmp_path)


@FUZZ
@given(
    cut=st.integers(0, 2000),
    insert=st.one_of(
        _STRINGS, st.sampled_from(["&a ", "*a", "!!int 'x'", "!!python/object:os.system", "<<: "])
    ),
    fmt=st.sampled_from(["yaml", "json"]),
)
def test_answers_text_spliced_loads_or_is_refused_cleanly(
    cut: int, insert: str, fmt: str, tmp_path: Path
) -> None:
    text = _dump(ANSWERS, fmt)
    at = cut % (len(text) + 1)
    path = tmp_path / f"answers.{fmt}"
    path.write_text(text[:at] + insert + text[at:], encoding="utf-8")
    _load_score_export(path, MINI, tmp_path)


# Values written as the file's own text: what a serializer would never produce.
_RAW_YAML = [
    "9" * 4400,
    "0x" + "f" * 4000,
    "!!int 'x'",
    "!!float 'x'",
    "!!binary AAAA",
    "!!python/object/apply:os.system ['true']",
    ".nan",
    "-.inf",
    "1e400",
    "yes",
    "on",
    "~",
    "&a x",
    "*a",
    "[",
    "{a: 1, a: 2}",
    "'unterminated",
    "2026-13-45",
    "0o17",
    "017",
    "1_000",
    "\x00",
]
_RAW_JSON = [
    "9" * 4400,
    "NaN",
    "-Infinity",
    "1e999",
    "true",
    "null",
    "[]",
    "{}",
    '"\\u0000"',
    '"\\ud800"',
    "01",
]
_YAML_VALUE = re.compile(r"^(\s*[^\s#:][^:#]*:\s+)(\S.*)$", re.MULTILINE)
_JSON_VALUE = re.compile(r'(:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)')


@FUZZ
@given(
    fmt=st.sampled_from(["yaml", "json"]),
    choice=st.integers(0, 10_000),
    raw=st.data(),
)
def test_values_written_raw_load_or_are_refused_cleanly(
    fmt: str, choice: int, raw: st.DataObject, tmp_path: Path
) -> None:
    text = _dump(ANSWERS, fmt)
    pattern, tokens = (_YAML_VALUE, _RAW_YAML) if fmt == "yaml" else (_JSON_VALUE, _RAW_JSON)
    matches = list(pattern.finditer(text))
    match = matches[choice % len(matches)]
    token = raw.draw(st.sampled_from(tokens))
    path = tmp_path / f"answers.{fmt}"
    path.write_text(text[: match.start(2)] + token + text[match.end(2) :], encoding="utf-8")
    _load_score_export(path, MINI, tmp_path)


@FUZZ
@given(raw=st.binary(max_size=200), suffix=st.sampled_from([".yaml", ".json", ".xlsx", ".xls", ".ods"]))
def test_arbitrary_bytes_are_refused_cleanly(raw: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"answers{suffix}"
    path.write_bytes(raw)
    _load_score_export(path, MINI, tmp_path)


# -- the Excel questionnaire ---------------------------------------------------------------------------------
def _writable(value: object) -> bool:
    # openpyxl writes numbers as floats: what it cannot write, no workbook holds.
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 10**15
    return not (isinstance(value, float) and value != value)


_CELL_VALUES = st.one_of(
    _SCALARS.filter(_writable),
    st.sampled_from(["=3", "=1/0", "=A1", "N/A", "3 – 全面实施", "不适用", "2026-05-10", "TRUE"]),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "template.xlsx"
    write_template(MINI, path, lang="zh")
    return path


@FUZZ
@given(
    enterprise=st.dictionaries(st.sampled_from(sorted(MINI_ENTERPRISE)), _CELL_VALUES, max_size=4),
    answers=st.dictionaries(
        st.sampled_from(sorted(MINI.items_by_id)),
        st.dictionaries(
            st.sampled_from(["rating", "justification", "note", "evidence", "root_cause"]),
            _CELL_VALUES,
            max_size=3,
        ),
        max_size=5,
    ),
)
def test_filled_questionnaires_load_or_are_refused_cleanly(
    enterprise: dict[tuple[str, ...], object],
    answers: dict[str, dict[str, object]],
    template: Path,
    tmp_path: Path,
) -> None:
    path = tmp_path / "filled.xlsx"
    cells = {**MINI_ENTERPRISE, **enterprise}
    clean = {
        key: value if not isinstance(value, str) else value.replace("\x00", "")  # openpyxl refuses NUL itself
        for key, value in cells.items()
    }
    try:
        fill(template, path, clean, answers)
    except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
        return  # openpyxl cannot write this cell: no workbook to read
    _load_score_export(path, MINI, tmp_path)


# -- checklists and overlays ---------------------------------------------------------------------------------
@FUZZ
@given(data=mutated(CHECKLIST))
def test_mutated_checklists_validate_or_are_refused_cleanly(data: Any, tmp_path: Path) -> None:
    path = tmp_path / "checklist.yaml"
    path.write_text(_dump(data, "yaml"), encoding="utf-8")
    problems = validate_checklist_file(path, lambda _id: MINI)
    for problem in problems:
        assert "\n" not in str(problem) and str(problem).startswith(str(path))
    if not problems:  # what validates scores, with the fixture's answers when they fit it
        checklist = read_checklist_file(path)
        assert isinstance(checklist, Checklist)
        qa.score(checklist, _empty(checklist))
        try:
            answers = qa.load_answers(MINI_ANSWERS, checklist)
        except InvalidInputError as error:
            _assert_clean_refusal(error, MINI_ANSWERS)
        else:
            qa.score(checklist, answers)


def _empty(checklist: Checklist) -> Any:
    from iso9001assess.models.answers import Answers

    return Answers.model_validate(
        {"schema_version": 1, "checklist": checklist.id, "enterprise": {"name": "x"}}
    )


@FUZZ
@given(data=mutated(OVERLAY))
def test_mutated_overlays_compose_or_are_refused_cleanly(data: Any, tmp_path: Path) -> None:
    path = tmp_path / "overlay.yaml"
    path.write_text(_dump(data, "yaml"), encoding="utf-8")
    problems = validate_checklist_file(path, lambda _id: MINI)
    for problem in problems:
        assert "\n" not in str(problem) and str(problem).startswith(str(path))
    if not problems:
        definition = read_checklist_file(path)
        composed = compose(definition, MINI) if not isinstance(definition, Checklist) else definition  # type: ignore[arg-type]
        qa.score(composed, _empty(composed))


# -- through the command line ----------------------------------------------------------------------------------
@settings(FUZZ, max_examples=max(FUZZ_EXAMPLES // 5, 5))
@given(data=mutated(ANSWERS), command=st.sampled_from(["score", "score --json", "report"]))
def test_the_command_line_exits_0_or_1_without_a_traceback(
    data: Any, command: str, tmp_path: Path, run_cli: CliRunner
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(_dump(data, "yaml"), encoding="utf-8")
    args: list[str | Path] = ["--plugin", FIXTURE_PLUGIN, *command.split(), path]
    if command == "report":
        args += ["-o", tmp_path / "out.json"]
    outcome = run_cli(*args)
    assert outcome.code in (0, 1), outcome.err
    assert "Traceback" not in outcome.err
