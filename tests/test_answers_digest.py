"""A scored file's SHA-256 (the store's ``source_sha256``) is that of the bytes the loader parsed: the file is
read once, and the digest is what hashing the file gives, byte for byte (a BOM included)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.loading.answers import load_answers_and_sha256
from iso9001assess.loading.documents import read_document
from iso9001assess.plugin_manager import get_registry
from iso9001assess.programme.worker import score_for_store
from iso9001assess.xlsx.template import write_template
from store_support import SAMPLE
from xlsx_filling import fill


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_yaml_file_is_hashed_from_the_bytes_parsed() -> None:
    resolve = get_registry().checklists.get
    answers, digest = load_answers_and_sha256(SAMPLE, None, resolve)
    assert digest == _sha(SAMPLE)
    assert answers == qa.load_answers(SAMPLE)
    assert score_for_store(SAMPLE, "weighted").source_sha256 == digest


def test_a_json_file_with_a_bom_is_hashed_with_its_bom(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    path = tmp_path / "sample.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))
    scored = score_for_store(path, "weighted")
    assert scored.source_sha256 == _sha(path)
    assert scored.source_sha256 != hashlib.sha256(path.read_bytes()[3:]).hexdigest()
    assert scored.answers_json == score_for_store(SAMPLE, "weighted").answers_json  # the same answers


def test_a_document_carries_a_digest_only_when_asked() -> None:
    assert read_document(SAMPLE).sha256 is None
    assert read_document(SAMPLE, digest=True).sha256 == _sha(SAMPLE)


def test_a_workbook_is_hashed_after_it_is_read(tmp_path: Path) -> None:
    checklist = qa.load_checklist("iso9001-2015")
    write_template(checklist, tmp_path / "t.xlsx", lang="en")
    fill(
        tmp_path / "t.xlsx",
        tmp_path / "acme.xlsx",
        {("enterprise", "name"): "Acme"},
        {"4.1-01": {"rating": 3}},
    )
    answers, digest = load_answers_and_sha256(tmp_path / "acme.xlsx", checklist)
    assert digest == _sha(tmp_path / "acme.xlsx")
    assert answers == qa.load_answers(tmp_path / "acme.xlsx")


def test_a_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(qa.InvalidInputError) as raised:
        load_answers_and_sha256(tmp_path / "missing.yaml", qa.load_checklist("iso9001-2015"))
    assert str(tmp_path / "missing.yaml") in str(raised.value.problems[0])
