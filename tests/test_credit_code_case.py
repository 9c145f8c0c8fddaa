"""A unified social credit code typed in lower case is the same code: it is accepted, kept in upper case (as
GB 32100-2015 writes it), and names the same enterprise in the register as the upper-case code."""

from __future__ import annotations

from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from iso9001assess.models.answers import Enterprise
from iso9001assess.store import Store
from store_support import credit_code, write_answers

CODE = credit_code(318)  # 91440100000000318 + its check character
LOWER = CODE.lower()


def test_the_code_in_lower_case_is_read_in_upper_case(tmp_path: Path) -> None:
    assert LOWER != CODE  # the code has letters, or this test would prove nothing
    answers = qa.load_answers(write_answers(tmp_path / "acme.yaml", code=LOWER))
    assert answers.enterprise.credit_code == CODE
    assert Enterprise(name="某公司", credit_code="91442506tfx318h65h").credit_code == "91442506TFX318H65H"


def test_a_wrong_lower_case_letter_is_named_as_written(run_cli: CliRunner, tmp_path: Path) -> None:
    # 'o' is no letter of the code in either case (GB 32100 leaves out I, O, S, V, Z).
    wrong = write_answers(tmp_path / "acme.yaml", code=LOWER[:16] + "o" + LOWER[17])
    done = run_cli("score", wrong, "--lang", "en")
    assert done.code == 1
    assert "has characters not allowed by GB 32100-2015: o" in done.err
    # A lower-case code whose check character is wrong fails its checksum, said with the code as written.
    body = LOWER[:17]
    wrong_check = "a" if CODE[17] != "A" else "b"
    checked = run_cli("score", write_answers(tmp_path / "b.yaml", code=body + wrong_check), "--lang", "en")
    assert checked.code == 1
    assert (
        f"unified social credit code '{body + wrong_check}' fails its checksum (last character should be "
        f"'{CODE[17]}')" in checked.err
    )


def test_one_enterprise_whatever_the_case(store_url: str, tmp_path: Path) -> None:
    lower = write_answers(tmp_path / "lower.yaml", code=LOWER, date="2026-04-16")
    upper = write_answers(tmp_path / "upper.yaml", code=CODE, kind="follow-up", date="2026-10-16")
    with Store(store_url) as store:
        first, second = store.ingest(lower, upper).outcomes
        assert first.enterprise_id == second.enterprise_id and first.enterprise_created
        (record,) = store.enterprises()
        assert record.credit_code == CODE  # the store keeps the upper case
        assert store.enterprise(LOWER).id == record.id  # and finds it by either
        assert [a.kind for a in store.assessments(CODE)] == ["baseline", "follow-up"]


@pytest.mark.parametrize("code", [LOWER, CODE])
def test_the_schema_accepts_either_case(code: str) -> None:
    from jsonschema import Draft202012Validator

    from iso9001assess import schemas
    from store_support import answers_data

    assert Draft202012Validator(schemas.load("answers")).is_valid(answers_data(code=code))
