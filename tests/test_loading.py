"""Reading files: the fast one-pass YAML reader gives what PyYAML gives, and errors point at the right place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_paths import MINI_CHECKLIST
from iso9001assess import InvalidInputError, load_answers, load_checklist
from iso9001assess.loading.documents import parse_yaml, read_document

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_answer_files_read_as_pyyaml_reads_them(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    assert parse_yaml("x.yaml", text, allow_aliases=False).data == expected
    assert parse_yaml("x.yaml", text, allow_aliases=True).data == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: 0x1F\nb: 1_000\nc: -7\nd: +3\ne: 017\nf: 0o17\n",
            {"a": 31, "b": 1000, "c": -7, "d": 3, "e": 15, "f": "0o17"},
        ),
        (
            "a: yes\nb: ~\nc: 1.5e+3\nd: .inf\ne: 1.5e3\n",
            {"a": True, "b": None, "c": 1500.0, "d": float("inf"), "e": "1.5e3"},
        ),
        (
            "date: 2026-05-10\nwhen: 2026-05-10T08:00:00\n",
            {"date": "2026-05-10", "when": "2026-05-10T08:00:00"},
        ),
        (
            "base: {a: 1}\nmerged:\n  <<: {a: 1, b: 2}\n  b: 3\n",
            {"base": {"a": 1}, "merged": {"a": 1, "b": 3}},
        ),
        ("note: R&D department *not* done\n", {"note": "R&D department *not* done"}),  # & and * in text
        ("a: &x [1, 2]\n", {"a": [1, 2]}),  # an anchor that is never used is no alias
        ("raw: !!binary aGVsbG8=\n", {"raw": b"hello"}),  # other tags go to PyYAML's constructor
    ],
)
def test_the_fast_reader_keeps_yaml_meaning(text: str, expected: Any) -> None:
    assert parse_yaml("x.yaml", text, allow_aliases=False).data == expected


def test_a_merge_key_with_an_alias_is_still_an_alias() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_yaml("x.yaml", "base: &b {a: 1}\nmerged:\n  <<: *b\n  c: 2\n", allow_aliases=False)
    assert "YAML aliases (*name) are not allowed" in str(caught.value)


def test_a_duplicate_key_beside_a_merge_key_is_found() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_yaml("x.yaml", "m:\n  <<: {a: 1}\n  b: 2\n  b: 3\n", allow_aliases=False)
    assert str(caught.value) == "x.yaml:4:3: duplicate key 'b'"


def test_an_alias_to_a_scalar_is_refused_in_answer_files() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_yaml("x.yaml", "a: &x hello\nb: *x\n", allow_aliases=False)
    assert str(caught.value) == "x.yaml:1:4: YAML aliases (*name) are not allowed in answer files"
    assert parse_yaml("x.yaml", "a: &x hello\nb: *x\n").data == {"a": "hello", "b": "hello"}  # checklists may


def test_an_unhashable_key_is_an_error_not_a_crash() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_yaml("x.yaml", "? [1, 2]\n: value\n", allow_aliases=False)
    assert "found unhashable key" in str(caught.value)


def test_a_json_duplicate_key_is_located_in_its_object(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    # "rating" repeats across objects legitimately; only the second "note" of the last object is a duplicate.
    path.write_text('{"a": {"rating": 1, "note": "x"},\n "b": {"rating": 2,\n  "note": "y", "note": "z"}}\n')
    with pytest.raises(InvalidInputError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}:3:16: invalid JSON: duplicate key 'note'"


def test_item_ids_that_look_like_type_names_keep_their_place(tmp_path: Path) -> None:
    checklist = tmp_path / "c.yaml"
    checklist.write_text(
        "schema_version: 1\nid: probe\nversion: '1'\ntitle: probe\n"
        "scale: [{value: 0, label: a}, {value: 1, label: b}]\n"
        "sections:\n  - id: S\n    title: s\n    items:\n      - {id: structure-01, text: q}\n      - {id: int-02, text: q}\n",
        encoding="utf-8",
    )
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "schema_version: 1\nchecklist: probe\nenterprise: {name: x}\nanswers:\n"
        "  structure-01: {rating: 1, nite: typo}\n  int-02: 1.5\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as caught:
        load_answers(answers, load_checklist(checklist))
    assert [str(p) for p in caught.value.problems] == [
        f"{answers}:5:35: unknown field 'nite'",  # inside the answer of structure-01, not at "answers"
        f"{answers}:6:11: the answer 1.5 to item 'int-02' is not a rating: write a whole number from 0 to 1, "
        "or the full form {rating: …, note: …}; an item that does not apply is written {na: true, justification: …}",
    ]


def test_a_whole_number_written_as_a_float_is_a_rating(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "checklist": "mini",
                "enterprise": {"name": "x"},
                "answers": {"4.1-01": 3.0},
            }
        )
    )
    answers = load_answers(path, load_checklist(MINI_CHECKLIST))
    assert answers.answers["4.1-01"] == 3
    assert isinstance(answers.answers["4.1-01"], int)
