"""The problems of answer and checklist files are said in the command's language: Chinese by default, English
with ``--lang en`` (the English words unchanged), Traditional Chinese with ``--lang zh-Hant``. Read from the real
stderr of ``score`` and ``checklists validate``."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN, INVALID, MINI_CHECKLIST
from iso9001assess.i18n import message
from iso9001assess.loading.documents import parse_yaml
from iso9001assess.loading.pydantic_words import said_by_pydantic
from iso9001assess.loading.validation import problems_from
from iso9001assess.models.answers import Answers

# fixture -> (line:column, the Chinese line as the CLI prints it, the English words as before)
SAID: dict[str, tuple[str, str, str]] = {
    # answers checked against their checklist
    "answers-unknown-item.yaml": (
        "11:11",
        "检查项 '4.1-03' 不在检查表 'mini' 中，请核对编号；是不是想写 '4.1-02'？",
        "unknown item '4.1-03' (not in checklist 'mini'); did you mean '4.1-02'?",
    ),
    "answers-rating-off-scale.yaml": (
        "11:11",
        "评分 5 超出了评分范围 0–4：请改为 0 到 4 之间的整数",
        "rating 5 is not on the scale 0–4",
    ),
    "answers-na-not-excludable.yaml": (
        "11:16",
        "检查项 '4.3-01' 既不可删减，也不是可不涉及的检查项，不能标为不适用：请给出评分",
        "item '4.3-01' is neither excludable nor conditional, so it cannot be not applicable",
    ),
    "answers-section-na-unknown.yaml": (
        "10:10",
        "章节 '8.4' 不在检查表 'mini' 中，请核对编号；是不是想写 '8.3'？",
        "unknown section '8.4' (not in checklist 'mini'); did you mean '8.3'?",
    ),
    "answers-section-na-rated.yaml": (
        "12:11",
        "检查项 '8.3-01' 有评分，但所在章节 '8.3' 已声明不适用：请删去评分，或删去该章节的不适用声明",
        "item '8.3-01' is rated, but its section '8.3' is declared not applicable",
    ),
    "answers-lab-without-lab.yaml": (
        "11:13",
        "检查项 'LAB.1-01' 是实验室检查项，但企业信息中写了 has_lab: false（没有实验室）：请删去这项评分，或把 has_lab 改为 true",
        "item 'LAB.1-01' is a laboratory item, but the enterprise has has_lab: false",
    ),
    "answers-wrong-checklist-version.yaml": (
        "2:12",
        "这份回答针对检查表 'mini' 的 '2.0' 版，现有的是 '1.0' 版：请改用 '1.0' 版重新填写，或去掉 checklist 中的 @版本号",
        "the answers are for version '2.0' of 'mini'; the available version is '1.0'",
    ),
    # the parsers' words (YAML, JSON) and the reader's limits
    "answers-bad-yaml.yaml": (
        "11:9",
        "YAML 写法有误：方括号 [ ] 中缺少逗号或右方括号：请补上“,”或“]”（左方括号“[”在第 10 行第 11 列）",
        "invalid YAML: did not find expected ',' or ']' (the bracket [ opened at line 10, column 11)",
    ),
    "answers-tab-indent.yaml": (
        "11:1",
        "YAML 写法有误：缩进用了制表符（Tab）：请改用空格缩进",
        "invalid YAML: found a tab character that violates indentation",
    ),
    "answers-duplicate-key.yaml": (
        "12:3",
        "键 '4.1-01' 重复出现：请删去或合并重复的一项",
        "duplicate key '4.1-01'",
    ),
    "answers-syntax.json": (
        "5:3",
        "JSON 写法有误：这里缺少逗号（,）：请在前一项后补上逗号",
        "invalid JSON: Expecting ',' delimiter",
    ),
    "answers-duplicate-key.json": (
        "7:5",
        "JSON 写法有误：键 '4.1-01' 重复出现：请删去或合并重复的一项",
        "invalid JSON: duplicate key '4.1-01'",
    ),
    "answers-empty.yaml": (
        "1:1",
        "文件是空的（没有 YAML 内容）：请按模板填写",
        "the file is empty (no YAML document)",
    ),
    "answers-deep-nesting.yaml": (
        "10:91",
        "嵌套超过 64 层：请检查缩进，把内容改为较浅的层级",
        "nesting deeper than 64 levels",
    ),
    "answers-alias-bomb.yaml": (
        "4:4",
        "回答文件中不能使用 YAML 别名（*名称）：请直接写出内容",
        "YAML aliases (*name) are not allowed in answer files",
    ),
    # a model validator's ValueError(said(...)), placed after its field as before
    "answers-rating-and-na.yaml": (
        "10:11",
        "8.3-01：一个回答要么给出评分，要么写 na: true（不适用），不能两者都有：请删去其一",
        "8.3-01: an answer is either a rating or na: true, not both",
    ),
    "answers-na-without-justification.yaml": (
        "11:11",
        "8.3-01：写了 na: true（不适用）就要写明理由：请在 justification 中说明为什么不适用",
        "8.3-01: na: true needs a justification",
    ),
    "answers-na-kind-without-na.yaml": (
        "11:11",
        "8.3-01：只有写了 na: true（不适用）才能写 na_kind：请补上 na: true，或删去 na_kind",
        "8.3-01: na_kind is given only with na: true",
    ),
    "answers-bad-credit-code.yaml": (
        "5:16",
        "credit_code：统一社会信用代码 '91440101MA5CXXXXX3' 校验位不对（最后一位应为 '2'）：请核对营业执照上的代码",
        "credit_code: unified social credit code '91440101MA5CXXXXX3' fails its checksum "
        "(last character should be '2')",
    ),
    "answers-date-number.yaml": (
        "8:9",
        "date：20260510 不是日期：请把日期写成 YYYY-MM-DD 的形式，例如 2026-03-01",
        "date: 20260510 is not a date: write the date as YYYY-MM-DD, e.g. 2026-03-01",
    ),
    # pydantic's own error types, by type code
    "answers-negative-rating.yaml": (  # greater_than_equal
        "10:11",
        "4.1-01：请填写不小于 0 的数",
        "4.1-01: Input should be greater than or equal to 0",
    ),
    "answers-bool-rating.yaml": (  # int_type on a bare answer: what a rating is, on the checklist's scale
        "11:11",
        "检查项 '4.1-02' 的回答 true 不是评分：请填写 0 到 4 之间的整数评分，或写成 {rating: …, note: …}；"
        "不适用时写成 {na: true, justification: …}",
        "the answer true to item '4.1-02' is not a rating: write a whole number from 0 to 4, or the full form "
        "{rating: …, note: …}; an item that does not apply is written {na: true, justification: …}",
    ),
    "answers-wrong-type.json": (
        "4:38",
        "has_lab：请填写 true 或 false",
        "has_lab: Input should be a valid boolean",
    ),
    "answers-wrong-type.yaml": (
        "6:14",
        "employees：请填写整数",
        "employees: Input should be a valid integer",
    ),
    "answers-bad-size.yaml": (  # literal_error: the allowed values joined in Chinese
        "5:9",
        "size：请改为 'micro', 'small', 'medium' 或 'large' 之一",
        "size: Input should be 'micro', 'small', 'medium' or 'large'",
    ),
    "answers-bad-date.yaml": (  # date_from_datetime_parsing, with the reason in words
        "8:9",
        "date：请把日期写成 YYYY-MM-DD 格式（这个月没有这一天）",
        "date: Input should be a valid date or datetime, day value is outside expected range",
    ),
    # the loader's own words around pydantic's
    "answers-unknown-field.yaml": (
        "5:9",
        "无法识别的字段 'nmae'：请检查拼写，或删除这一行",
        "unknown field 'nmae'",
    ),
    "answers-missing-enterprise.yaml": (
        "1:1",
        "缺少必填字段 'enterprise'：请补上",
        "missing required field 'enterprise'",
    ),
    "answers-numeric-key.yaml": (
        "11:8",
        '键 101 被当成了数字，不是文字：请加上引号，写成 "101"',
        'the key 101 is not text; write it in quotes: "101"',
    ),
    "answers-schema-version.yaml": (
        "1:17",
        "不支持的 schema_version 2（本程序读取 schema_version: 1）：请改为 schema_version: 1",
        "unsupported schema_version 2 (this library reads schema_version: 1)",
    ),
    "answers-not-a-mapping.yaml": (
        "1:1",
        "文件最外层应是一组“字段: 值”：请按模板填写",
        "expected a mapping of fields at the top of the file",
    ),
}


@pytest.fixture
def default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISO9001ASSESS_LANG", raising=False)


@pytest.mark.usefixtures("default_language")
@pytest.mark.parametrize("name", sorted(SAID))
def test_an_answer_file_problem_is_chinese_by_default_and_english_on_request(
    name: str, run_cli: CliRunner
) -> None:
    at, chinese, english = SAID[name]
    path = INVALID / name
    outcome = run_cli("score", path, "--checklist", MINI_CHECKLIST)
    assert outcome.code == 1
    assert (
        f"{path}:{at}: {chinese}" in outcome.err.splitlines()
    )  # one of the file's problems, in reading order
    in_english = run_cli("score", path, "--checklist", MINI_CHECKLIST, "--lang", "en")
    assert in_english.code == 1
    assert f"{path}:{at}: {english}" in in_english.err.splitlines()


@pytest.mark.usefixtures("default_language")
def test_traditional_chinese_is_said_too(run_cli: CliRunner) -> None:
    path = INVALID / "answers-rating-and-na.yaml"
    outcome = run_cli("score", path, "--checklist", MINI_CHECKLIST, "--lang", "zh-Hant")
    assert outcome.err.splitlines()[0] == (
        f"{path}:10:11: 8.3-01：一個回答要麼給出評分，要麼寫 na: true（不適用），不能兩者都有：請刪去其一"
    )


@pytest.mark.usefixtures("default_language")
def test_a_checklist_file_problem_is_chinese_by_default(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = INVALID / "checklist-schema-version.yaml"
    chinese = run_cli("checklists", "validate", path)
    assert chinese.code == 1
    assert chinese.err.splitlines()[0].startswith(f"{path}:1:")
    assert "不支持的 schema_version" in chinese.err
    monkeypatch.setenv("ISO9001ASSESS_LANG", "en")  # the command has no --lang: it follows the environment
    english = run_cli("checklists", "validate", path)
    assert "unsupported schema_version" in english.err and "不支持" not in english.err


# checklist and overlay files (`checklists validate`): the meaning checks and the composition onto the base
CHECKLIST_SAID: dict[str, tuple[str, str, str]] = {
    "checklist-scale-gap.yaml": (
        "7:3",
        "评分等级的 value 应为连续整数 0..3，现在是 [0, 1, 3, 4]：请改为从 0 开始、逐级加 1",
        "scale values must be the contiguous integers 0..3, got [0, 1, 3, 4]",
    ),
    "checklist-duplicate-id.yaml": (
        "30:17",
        "编号 '4.1-02' 重复：请给每个章节和检查项不同的编号",
        "duplicate id '4.1-02'",
    ),
    "overlay-modify-unknown-id.yaml": (
        "8:13",
        "基础检查表 'mini' 中没有检查项 '4.1-09'，请核对编号；是不是想写 '4.1-02'？",
        "item '4.1-09' does not exist in the base checklist 'mini'; did you mean '4.1-02'?",
    ),
    # the JSON Schema's words, by their form
    "checklist-bad-priority.yaml": (
        "34:43",
        "'urgent' 不是允许的取值：请改为 ['high', 'medium', 'low'] 之一",
        "'urgent' is not one of ['high', 'medium', 'low']",
    ),
    "checklist-bad-verification.yaml": (
        "34:134",
        "3 的类型不对（应为：文字）：请改正",
        "3 is not of type 'string'",
    ),
    "checklist-negative-weight.yaml": (
        "44:21",
        "-3 应大于 0：请改为大于 0 的数",
        "-3 is less than or equal to the minimum of 0",
    ),
    "checklist-unknown-field.yaml": (
        "30:13",
        "无法识别的字段 'critcal'：请检查拼写，或删除这一行",
        "Additional properties are not allowed ('critcal' was unexpected)",
    ),
    "overlay-modify-and-remove.yaml": (
        "7:13",
        "检查项 '8.3-02' 既被修改（modify）又被删除（remove）：请只保留其一",
        "item '8.3-02' is both modified and removed",
    ),
}


@pytest.mark.usefixtures("default_language")
@pytest.mark.parametrize("name", sorted(CHECKLIST_SAID))
def test_a_checklist_or_overlay_problem_is_chinese_by_default(
    name: str, run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, chinese, english = CHECKLIST_SAID[name]
    path = INVALID / name
    outcome = run_cli("--plugin", FIXTURE_PLUGIN, "checklists", "validate", path)
    assert outcome.code == 1
    assert (
        f"{path}:{at}: {chinese}" in outcome.err.splitlines()
    )  # one of the file's problems, in reading order
    monkeypatch.setenv("ISO9001ASSESS_LANG", "en")
    in_english = run_cli("--plugin", FIXTURE_PLUGIN, "checklists", "validate", path)
    assert f"{path}:{at}: {english}" in in_english.err.splitlines()


def _problem_of(text: str, lang: str) -> str:
    document = parse_yaml("a.yaml", text)
    with pytest.raises(ValidationError) as raised:
        Answers.model_validate(document.data)
    (problem,) = problems_from(raised.value, document)
    return problem.localized(lang)


def test_counted_bounds_say_one_and_many_as_pydantic_does_and_in_chinese() -> None:
    head = "schema_version: 1\nchecklist: mini\n"
    empty_name = head + "enterprise:\n  name: ''\n"
    assert _problem_of(empty_name, "en") == "a.yaml:4:9: name: String should have at least 1 character"
    assert _problem_of(empty_name, "zh") == "a.yaml:4:9: name：不能为空：请填写内容（至少 1 个字符）"
    evidence = "[" + ", ".join(["e"] * 21) + "]"  # MAX_EVIDENCE is 20
    too_many = (
        head + f"enterprise:\n  name: Acme\nanswers:\n  4.1-01:\n    rating: 1\n    evidence: {evidence}\n"
    )
    assert _problem_of(too_many, "en") == (
        "a.yaml:8:15: evidence: Tuple should have at most 20 items after validation, not 21"
    )
    assert (
        _problem_of(too_many, "zh")
        == "a.yaml:8:15: evidence：列表最多只能有 20 项，这里有 21 项：请删去多余的"
    )


def test_an_error_type_without_an_entry_keeps_pydantics_words() -> None:
    error = {"type": "uuid_type", "msg": "UUID input should be a string, bytes or UUID object", "ctx": {}}
    text = said_by_pydantic(error)
    assert text("en") == "UUID input should be a string, bytes or UUID object"
    assert text("zh") == "取值不符合要求：UUID input should be a string, bytes or UUID object"
    # a template whose English would not be pydantic's word for word is not used: pydantic's words are kept
    odd = {"type": "greater_than_equal", "msg": "Input should be at least 0", "ctx": {"ge": 0}}
    assert said_by_pydantic(odd)("en") == "Input should be at least 0"
    # a date's reason without an entry is quoted in pydantic's words inside the translated line
    reason = "some rarer reason"
    date = {"type": "date_parsing", "msg": f"Input should be a valid date in the format YYYY-MM-DD, {reason}"}
    text = said_by_pydantic({**date, "ctx": {"error": reason}})
    assert text("en") == date["msg"]
    assert text("zh") == "请把日期写成 YYYY-MM-DD 格式（some rarer reason）"


def test_a_validator_raising_plain_words_keeps_them() -> None:
    from pydantic import BaseModel, field_validator

    class Plain(BaseModel):
        code: str

        @field_validator("code")
        @classmethod
        def _check(cls, value: str) -> str:
            raise ValueError("said by a plugin's model")

    document = parse_yaml("p.yaml", "code: x\n")
    with pytest.raises(ValidationError) as raised:
        Plain.model_validate(document.data)
    (problem,) = problems_from(raised.value, document)
    assert str(problem) == "p.yaml:1:7: code: said by a plugin's model"
    assert problem.localized("zh") == "p.yaml:1:7: code：取值不符合要求：said by a plugin's model"


def test_a_problem_said_through_a_validator_crosses_processes_whole() -> None:
    text = (
        "schema_version: 1\nchecklist: mini\nenterprise:\n  name: Acme\n  credit_code: '91440101MA5CXXXXX3'\n"
    )
    document = parse_yaml("a.yaml", text)
    with pytest.raises(ValidationError) as raised:
        Answers.model_validate(document.data)
    (problem,) = problems_from(raised.value, document)
    copy = pickle.loads(pickle.dumps(problem))  # batch workers send problems back to the parent
    assert copy.localized("zh") == problem.localized("zh")
    assert "校验位不对" in copy.localized("zh")


@pytest.mark.parametrize(
    "key",
    [
        "errors.answers.rating_and_na",
        "errors.value.greater_than_equal",
        "errors.value.literal_error",
        "errors.value.unknown_field",
        "errors.credit_code.checksum",
        "errors.version.unsupported",
    ],
)
def test_the_chinese_entries_are_not_the_english_ones(key: str) -> None:
    values = {"ge": 0, "expected": "'a'", "field": "x", "code": "X", "value": 2}  # every placeholder of these
    english = message(key, "en", **values)
    assert message(key, "zh", **values) != english
    assert message(key, "zh-Hant", **values) != english


def test_a_yaml_problem_without_an_entry_keeps_the_parsers_words() -> None:
    from iso9001assess.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as raised:
        parse_yaml("a.yaml", "a: !foo x\n")
    (problem,) = raised.value.problems
    assert str(problem) == "a.yaml:1:4: invalid YAML: could not determine a constructor for the tag '!foo'"
    assert problem.localized("zh") == (
        "a.yaml:1:4: YAML 写法有误（could not determine a constructor for the tag '!foo'）：请检查这一行的缩进、冒号和引号"
    )
    with pytest.raises(InvalidInputError) as raised:
        parse_yaml("b.yaml", "a: {b: 1\n")
    assert (  # left open on line 1: where it was opened is named
        raised.value.localized("en")
        == "b.yaml:2:1: invalid YAML: did not find expected ',' or '}' (the brace opened at line 1, column 4)"
    )
    assert (
        raised.value.localized("zh")
        == "b.yaml:2:1: YAML 写法有误：花括号中缺少逗号或右花括号：请补上“,”或 '}'（左花括号在第 1 行第 4 列）"
    )


def test_a_schema_message_of_another_form_keeps_jsonschemas_words() -> None:
    from iso9001assess.schemas.problem_words import said_by_schema

    other = said_by_schema("[1, 1] has non-unique elements")
    assert other("en") == "[1, 1] has non-unique elements"
    assert other("zh") == "不符合检查表的格式：[1, 1] has non-unique elements"
    several = said_by_schema("Additional properties are not allowed ('a', 'b' were unexpected)")
    assert several("en") == "Additional properties are not allowed ('a', 'b' were unexpected)"
    assert several("zh") == "无法识别的字段 'a', 'b'：请检查拼写，或删除这些行"
    two_types = said_by_schema("3 is not of type 'string', 'null'")  # no single type to name: quoted as is
    assert two_types("zh") == "3 的类型不对（应为：'string', 'null'）：请改正"


def test_the_english_text_of_a_problem_stays_for_machines() -> None:
    # Problem.message, read by the JSON documents of --json, stays English.
    document = parse_yaml(
        "a.yaml", "schema_version: 1\nchecklist: mini\nenterprise: {name: Acme, size: huge}\n"
    )
    with pytest.raises(ValidationError) as raised:
        Answers.model_validate(document.data)
    (problem,) = problems_from(raised.value, document)
    assert problem.message == "size: Input should be 'micro', 'small', 'medium' or 'large'"
    assert problem.localized("zh").endswith("size：请改为 'micro', 'small', 'medium' 或 'large' 之一")


@pytest.mark.usefixtures("default_language")
def test_a_missing_file_says_why_in_words(run_cli: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    outcome = run_cli("score", missing, "--checklist", MINI_CHECKLIST)
    assert outcome.code == 1
    assert (
        outcome.err.strip() == f"{missing}: 文件不存在：请核对文件名和所在的文件夹"
    )  # not the system's English
    in_english = run_cli("score", missing, "--checklist", MINI_CHECKLIST, "--lang", "en")
    assert in_english.err.strip() == f"{missing}: no such file: check the file's name and its folder"
