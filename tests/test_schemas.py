"""The shipped JSON Schemas and the models give the same verdict, and the schema files are in step with the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from fixture_paths import FIXTURES, INVALID, OVERLAYS, VALID
from iso9001assess import InvalidInputError, schemas
from iso9001assess.bundled import bundled_dir
from iso9001assess.loading.documents import Document, read_document
from iso9001assess.loading.validation import validate_model
from iso9001assess.models import Answers, Checklist, Overlay
from iso9001assess.models.programme import Programme

SCHEMA_DIR = Path(schemas.__file__).parent

VALID_FILES = [
    VALID / "mini-checklist.yaml",
    # The bundled checklist: every recommendation carries its verification, every critical item its reason.
    bundled_dir("checklists") / "iso9001-2015.yaml",
    VALID / "mini-answers.yaml",
    VALID / "mini-answers.json",
    VALID / "mini-answers-numbers.yaml",
    VALID / "mini-answers-minimal.yaml",
    *sorted((OVERLAYS / "registered").glob("*.yaml")),
    *sorted((OVERLAYS / "cycle").glob("*.yaml")),
    bundled_dir("programmes") / "gd-2022-qms.yaml",
    FIXTURES / "programmes" / "three-cities.yaml",
]

# Files that break the structure: both the schema and the model refuse them.
STRUCTURALLY_INVALID = [
    "answers-bad-date.yaml",  # 2026-02-30: format "date"
    "answers-bad-size.yaml",  # enum
    "answers-bool-rating.yaml",  # true is no integer
    "answers-date-number.yaml",  # 20260510 is no date string
    "answers-missing-enterprise.yaml",  # required
    "answers-na-without-justification.yaml",  # na: true needs a justification
    "answers-negative-rating.yaml",  # minimum 0
    "answers-not-a-mapping.yaml",  # type object
    "answers-rating-and-na.yaml",  # na: true with a rating
    "answers-na-kind-without-na.yaml",  # na_kind only with na: true
    "answers-schema-version.yaml",  # const 1
    "answers-unknown-field.yaml",  # additionalProperties
    "answers-wrong-type.json",
    "answers-wrong-type.yaml",
    "checklist-bad-id.yaml",  # pattern
    "checklist-bad-priority.yaml",  # enum
    "checklist-bad-verification.yaml",  # a recommendation's verification is a localized text
    "checklist-bad-critical-reason.yaml",  # so is an item's critical_reason
    "checklist-negative-weight.yaml",  # exclusiveMinimum 0
    "checklist-schema-version.yaml",
    "checklist-unknown-field.yaml",
    "overlay-bad-patch-field.yaml",  # an overlay may not change an id
    "programme-bad-date.yaml",  # 2022-04-31: format "date"
    "programme-min-above-scale.yaml",  # maximum 100
    "programme-top-zero.yaml",  # minimum 1
    "programme-schema-version.yaml",
    "programme-unknown-field.yaml",
]

# Files whose structure is sound and whose fault is of meaning (ids, scale, composition): neither the schema nor
# the model refuses them; the loaders' meaning checks do (see test_invalid_inputs.py).
MEANING_ONLY = [
    "answers-lab-without-lab.yaml",
    "answers-na-not-excludable.yaml",
    "answers-na-kind-not-conditional.yaml",
    "answers-section-na-not-allowed.yaml",
    "answers-section-na-rated.yaml",
    "answers-section-na-unknown.yaml",
    "answers-rating-off-scale.yaml",
    "answers-several-problems.yaml",
    "answers-unknown-checklist.yaml",
    "answers-unknown-item.yaml",
    "answers-wrong-checklist-version.yaml",
    "checklist-duplicate-id.yaml",
    "checklist-grading-inverted.yaml",
    "checklist-maturity-unsorted.yaml",
    "checklist-recommendation-above-scale.yaml",
    "checklist-scale-gap.yaml",
    "overlay-add-under-unknown.yaml",
    "overlay-duplicate-id.yaml",
    "overlay-modify-and-remove.yaml",
    "overlay-modify-unknown-id.yaml",
    "overlay-remove-unknown-id.yaml",
    "overlay-unknown-base.yaml",
    "programme-gain-without-follow-up.yaml",
    "programme-phases-out-of-order.yaml",
    "programme-phases-overlap.yaml",
    "programme-report-outside-period.yaml",
    "programme-top-below-target.yaml",
    "programme-unknown-city.yaml",
    "programme-unknown-industry.yaml",
]

# YAML that is no JSON at all: a key read as a number (101, 7.1). The schema runner names the key; the model too.
NOT_JSON = ["answers-numeric-key.yaml", "overlay-numeric-key.yaml"]

# The one rule a JSON Schema cannot state: the GB 32100-2015 checksum (the schema checks the code's form only).
MODEL_ONLY = ["answers-bad-credit-code.yaml"]


def kind_of(path: Path) -> schemas.SchemaName:
    if path.name.startswith("programme-") or path.parent.name in ("programmes",):
        return "programme"
    return "answers" if path.name.startswith(("answers", "mini-answers")) else "checklist"


def schema_accepts(path: Path) -> bool:
    """The shipped schema file run by jsonschema itself (Draft 2020-12, formats checked)."""
    shipped = json.loads((SCHEMA_DIR / f"{kind_of(path)}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(shipped, format_checker=FormatChecker())
    return validator.is_valid(read_document(path).data)


def model_accepts(path: Path) -> bool:
    document: Document = read_document(path)
    data = document.data
    model: type[Answers | Checklist | Overlay | Programme]
    if kind_of(path) == "programme":
        model = Programme
    elif kind_of(path) == "answers":
        model = Answers
    else:
        model = Overlay if isinstance(data, dict) and "extends" in data else Checklist
    try:
        validate_model(model, document)
    except InvalidInputError:
        return False
    return True


def test_every_parseable_invalid_fixture_is_classified() -> None:
    classified = set(STRUCTURALLY_INVALID) | set(MEANING_ONLY) | set(MODEL_ONLY) | set(NOT_JSON)
    parseable = set()
    for path in INVALID.iterdir():
        try:
            read_document(path, allow_aliases=not path.name.startswith("answers"))
        except InvalidInputError:
            continue
        parseable.add(path.name)
    assert parseable == classified


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_files_pass_both(path: Path) -> None:
    assert schema_accepts(path)
    assert model_accepts(path)


@pytest.mark.parametrize("name", STRUCTURALLY_INVALID)
def test_structurally_invalid_files_fail_both(name: str) -> None:
    assert not schema_accepts(INVALID / name)
    assert not model_accepts(INVALID / name)


@pytest.mark.parametrize("name", MEANING_ONLY)
def test_files_wrong_only_in_meaning_pass_both(name: str) -> None:
    assert schema_accepts(INVALID / name)
    assert model_accepts(INVALID / name)


def test_the_checksum_is_the_models_alone() -> None:
    (name,) = MODEL_ONLY
    assert schema_accepts(INVALID / name)
    assert not model_accepts(INVALID / name)
    data = read_document(INVALID / name).data
    data["enterprise"]["credit_code"] = "91440101MA5CXXXXXI"  # I is not in the GB 32100 alphabet: form wrong
    shipped = json.loads((SCHEMA_DIR / "answers.schema.json").read_text(encoding="utf-8"))
    assert not Draft202012Validator(shipped, format_checker=FormatChecker()).is_valid(data)


@pytest.mark.parametrize("name", ["checklist", "answers", "result", "programme"])
def test_shipped_schemas_are_in_step_with_the_models(name: schemas.SchemaName) -> None:
    shipped = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert shipped == schemas.generate(name), "run: python -m iso9001assess.schemas"
    assert shipped["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(shipped)


def test_shipped_schemas_are_package_data() -> None:
    for name in ("checklist", "answers", "result"):
        assert schemas.load(name) == json.loads(schemas.schema_path(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NOT_JSON)
def test_keys_that_are_not_text_fail_both(name: str) -> None:
    document = read_document(INVALID / name)
    (problem,) = schemas.schema_problems(kind_of(INVALID / name), document)
    assert "is not text; write it in quotes" in problem.message
    assert not model_accepts(INVALID / name)
