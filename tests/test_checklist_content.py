"""The bundled iso9001-2015 checklist: its content, read as a user and an assessor would rely on it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from iso9001assess.bundled import bundled_dir

CHECKLIST_PATH = bundled_dir("checklists") / "iso9001-2015.yaml"
LANGS = ("zh", "en")

# Clause titles as printed in GB/T 19001-2016 (zh) and ISO 9001:2015 (en). The numbered paragraphs that carry
# no title of their own in the standard (4.4.1, 6.1.2, 7.5.3.1, ...) repeat their parent's title.
CLAUSE_TITLES: dict[str, tuple[str, str]] = {
    "4": ("组织环境", "Context of the organization"),
    "4.1": ("理解组织及其环境", "Understanding the organization and its context"),
    "4.2": ("理解相关方的需求和期望", "Understanding the needs and expectations of interested parties"),
    "4.3": ("确定质量管理体系的范围", "Determining the scope of the quality management system"),
    "4.4": ("质量管理体系及其过程", "Quality management system and its processes"),
    "5": ("领导作用", "Leadership"),
    "5.1": ("领导作用和承诺", "Leadership and commitment"),
    "5.1.1": ("总则", "General"),
    "5.1.2": ("以顾客为关注焦点", "Customer focus"),
    "5.2": ("方针", "Policy"),
    "5.2.1": ("制定质量方针", "Establishing the quality policy"),
    "5.2.2": ("沟通质量方针", "Communicating the quality policy"),
    "5.3": ("组织的岗位、职责和权限", "Organizational roles, responsibilities and authorities"),
    "6": ("策划", "Planning"),
    "6.1": ("应对风险和机遇的措施", "Actions to address risks and opportunities"),
    "6.2": ("质量目标及其实现的策划", "Quality objectives and planning to achieve them"),
    "6.3": ("变更的策划", "Planning of changes"),
    "7": ("支持", "Support"),
    "7.1": ("资源", "Resources"),
    "7.1.1": ("总则", "General"),
    "7.1.2": ("人员", "People"),
    "7.1.3": ("基础设施", "Infrastructure"),
    "7.1.4": ("过程运行环境", "Environment for the operation of processes"),
    "7.1.5": ("监视和测量资源", "Monitoring and measuring resources"),
    "7.1.5.1": ("总则", "General"),
    "7.1.5.2": ("测量溯源", "Measurement traceability"),
    "7.1.6": ("组织的知识", "Organizational knowledge"),
    "7.2": ("能力", "Competence"),
    "7.3": ("意识", "Awareness"),
    "7.4": ("沟通", "Communication"),
    "7.5": ("成文信息", "Documented information"),
    "7.5.1": ("总则", "General"),
    "7.5.2": ("创建和更新", "Creating and updating"),
    "7.5.3": ("成文信息的控制", "Control of documented information"),
    "8": ("运行", "Operation"),
    "8.1": ("运行的策划和控制", "Operational planning and control"),
    "8.2": ("产品和服务的要求", "Requirements for products and services"),
    "8.2.1": ("顾客沟通", "Customer communication"),
    "8.2.2": ("产品和服务要求的确定", "Determining the requirements for products and services"),
    "8.2.3": ("产品和服务要求的评审", "Review of the requirements for products and services"),
    "8.2.4": ("产品和服务要求的更改", "Changes to requirements for products and services"),
    "8.3": ("产品和服务的设计和开发", "Design and development of products and services"),
    "8.3.1": ("总则", "General"),
    "8.3.2": ("设计和开发策划", "Design and development planning"),
    "8.3.3": ("设计和开发输入", "Design and development inputs"),
    "8.3.4": ("设计和开发控制", "Design and development controls"),
    "8.3.5": ("设计和开发输出", "Design and development outputs"),
    "8.3.6": ("设计和开发更改", "Design and development changes"),
    "8.4": (
        "外部提供的过程、产品和服务的控制",
        "Control of externally provided processes, products and services",
    ),
    "8.4.1": ("总则", "General"),
    "8.4.2": ("控制类型和程度", "Type and extent of control"),
    "8.4.3": ("提供给外部供方的信息", "Information for external providers"),
    "8.5": ("生产和服务提供", "Production and service provision"),
    "8.5.1": ("生产和服务提供的控制", "Control of production and service provision"),
    "8.5.2": ("标识和可追溯性", "Identification and traceability"),
    "8.5.3": ("顾客或外部供方的财产", "Property belonging to customers or external providers"),
    "8.5.4": ("防护", "Preservation"),
    "8.5.5": ("交付后活动", "Post-delivery activities"),
    "8.5.6": ("更改控制", "Control of changes"),
    "8.6": ("产品和服务的放行", "Release of products and services"),
    "8.7": ("不合格输出的控制", "Control of nonconforming outputs"),
    "9": ("绩效评价", "Performance evaluation"),
    "9.1": ("监视、测量、分析和评价", "Monitoring, measurement, analysis and evaluation"),
    "9.1.1": ("总则", "General"),
    "9.1.2": ("顾客满意", "Customer satisfaction"),
    "9.1.3": ("分析与评价", "Analysis and evaluation"),
    "9.2": ("内部审核", "Internal audit"),
    "9.3": ("管理评审", "Management review"),
    "9.3.1": ("总则", "General"),
    "9.3.2": ("管理评审输入", "Management review inputs"),
    "9.3.3": ("管理评审输出", "Management review outputs"),
    "10": ("改进", "Improvement"),
    "10.1": ("总则", "General"),
    "10.2": ("不合格和纠正措施", "Nonconformity and corrective action"),
    "10.3": ("持续改进", "Continual improvement"),
}

# Numbered paragraphs without a title of their own: they carry their parent's title.
UNTITLED_PARAGRAPHS = (
    "4.4.1",
    "4.4.2",
    "6.1.1",
    "6.1.2",
    "6.2.1",
    "6.2.2",
    "7.5.3.1",
    "7.5.3.2",
    "8.2.3.1",
    "8.2.3.2",
    "8.7.1",
    "8.7.2",
    "9.2.1",
    "9.2.2",
    "10.2.1",
    "10.2.2",
)

# Every clause of ISO 9001:2015 that carries requirements, down to its numbered paragraphs: each holds items.
REQUIREMENT_CLAUSES = (
    "4.1",
    "4.2",
    "4.3",
    "4.4.1",
    "4.4.2",
    "5.1.1",
    "5.1.2",
    "5.2.1",
    "5.2.2",
    "5.3",
    "6.1.1",
    "6.1.2",
    "6.2.1",
    "6.2.2",
    "6.3",
    "7.1.1",
    "7.1.2",
    "7.1.3",
    "7.1.4",
    "7.1.5.1",
    "7.1.5.2",
    "7.1.6",
    "7.2",
    "7.3",
    "7.4",
    "7.5.1",
    "7.5.2",
    "7.5.3.1",
    "7.5.3.2",
    "8.1",
    "8.2.1",
    "8.2.2",
    "8.2.3.1",
    "8.2.3.2",
    "8.2.4",
    "8.3.1",
    "8.3.2",
    "8.3.3",
    "8.3.4",
    "8.3.5",
    "8.3.6",
    "8.4.1",
    "8.4.2",
    "8.4.3",
    "8.5.1",
    "8.5.2",
    "8.5.3",
    "8.5.4",
    "8.5.5",
    "8.5.6",
    "8.6",
    "8.7.1",
    "8.7.2",
    "9.1.1",
    "9.1.2",
    "9.1.3",
    "9.2.1",
    "9.2.2",
    "9.3.1",
    "9.3.2",
    "9.3.3",
    "10.1",
    "10.2.1",
    "10.2.2",
    "10.3",
)

# The ISO/IEC 17025:2017 (CNAS-CL01:2018) elements the lab section must cover, as its sub-section titles.
LAB_ELEMENTS_ZH = (
    "公正性",
    "保密性",
    "人员",
    "设施和环境条件",
    "设备",
    "计量溯源性",
    "方法的选择、验证和确认",
    "抽样",
    "物品的处置",
    "技术记录",
    "测量不确定度",
    "确保结果有效性",
    "报告结果",
    "投诉",
    "不符合工作",
    "数据控制和信息管理",
)

# Where ISO 9001 and its auditors expect a failure to be a major nonconformity: at least one critical item each.
CRITICAL_CLAUSES = ("5.2.1", "6.2.1", "7.1.5.2", "8.6", "8.7.1", "9.2.1", "9.3.1", "10.2.1")


# -- reading the file as plain data, independently of the library's models ---------------------------------
def _raw() -> dict[str, Any]:
    with CHECKLIST_PATH.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    assert isinstance(data, dict)
    return data


RAW = _raw()


def _walk(sections: list[dict[str, Any]], parents: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield {**section, "_parents": parents}
        yield from _walk(section.get("sections", []), (*parents, str(section["id"])))


SECTIONS = list(_walk(RAW["sections"]))
SECTIONS_BY_ID = {str(s["id"]): s for s in SECTIONS}
ITEMS = [(item, section) for section in SECTIONS for item in section.get("items", [])]
SCALE = RAW["scale"]
MAX_RATING = max(level["value"] for level in SCALE)


def _is_bilingual(text: object) -> bool:
    return isinstance(text, dict) and all(
        isinstance(text.get(lang), str) and text[lang].strip() for lang in LANGS
    )


def _subtree_items(section_id: str) -> list[dict[str, Any]]:
    return [item for item, section in ITEMS if section_id in (*section["_parents"], str(section["id"]))]


# -- identity, size and order ---------------------------------------------------------------------------------
def test_identity() -> None:
    assert RAW["schema_version"] == 1
    assert RAW["id"] == "iso9001-2015"
    assert RAW["standard"] == "ISO 9001:2015"
    assert _is_bilingual(RAW["title"])


def test_item_count_is_between_150_and_270() -> None:
    # Long enough to cover every requirement, short enough to assess in a one-day visit.
    assert 150 <= len(ITEMS) <= 270


def test_item_ids_are_unique() -> None:
    ids = [item["id"] for item, _ in ITEMS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_section_and_item_ids_never_collide() -> None:
    section_ids = set(SECTIONS_BY_ID)
    assert len(section_ids) == len(SECTIONS)
    assert section_ids.isdisjoint(item["id"] for item, _ in ITEMS)


def test_item_ids_are_prefixed_by_their_clause() -> None:
    wrong = [
        (item["id"], section["id"])
        for item, section in ITEMS
        if not re.fullmatch(re.escape(str(section["id"])) + r"-\d{2}", str(item["id"]))
    ]
    assert wrong == []


# Ids retired in 2026.2 (merged or split, see docs/checklist.md): never to be reused with another meaning.
RETIRED_IDS = frozenset(
    {
        "5.1.1-05",
        "7.1.2-02",
        "7.1.4-02",
        "7.1.5.2-05",
        "8.1-04",
        "8.2.1-03",
        "8.4.3-02",
        "9.3.1-02",
        "LAB.4-05",
        "LAB.12-03",
    }
)


def test_item_numbers_rise_within_each_section_and_skip_only_retired_ids() -> None:
    for section in SECTIONS:
        numbers = [int(str(item["id"]).rsplit("-", 1)[1]) for item in section.get("items", [])]
        if not numbers:
            continue
        assert numbers == sorted(numbers), section["id"]
        gaps = {f"{section['id']}-{n:02d}" for n in range(1, max(numbers)) if n not in numbers}
        assert gaps <= RETIRED_IDS, section["id"]


def test_retired_ids_are_not_reused() -> None:
    assert RETIRED_IDS.isdisjoint(item["id"] for item, _ in ITEMS)


def test_top_level_order_is_clauses_4_to_10_then_lab() -> None:
    assert [str(s["id"]) for s in RAW["sections"]] == ["4", "5", "6", "7", "8", "9", "10", "LAB"]


# -- titles ---------------------------------------------------------------------------------------------------
def test_every_section_is_titled_in_both_languages() -> None:
    untitled = [s["id"] for s in SECTIONS if not _is_bilingual(s["title"])]
    assert untitled == []


@pytest.mark.parametrize("clause", sorted(CLAUSE_TITLES))
def test_clause_titles_follow_the_standards(clause: str) -> None:
    zh, en = CLAUSE_TITLES[clause]
    title = SECTIONS_BY_ID[clause]["title"]
    assert title == {"zh": zh, "en": en}


@pytest.mark.parametrize("paragraph", UNTITLED_PARAGRAPHS)
def test_untitled_paragraphs_repeat_their_parents_title(paragraph: str) -> None:
    parent = paragraph.rsplit(".", 1)[0]
    assert SECTIONS_BY_ID[paragraph]["title"] == SECTIONS_BY_ID[parent]["title"]


# -- coverage -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("clause", REQUIREMENT_CLAUSES)
def test_every_requirement_clause_has_items_of_its_own(clause: str) -> None:
    section = SECTIONS_BY_ID[clause]
    assert section.get("items"), f"clause {clause} has no items"
    assert "LAB" not in section["_parents"]


def test_no_clause_is_left_out_between_4_1_and_10_3() -> None:
    # Every leaf section of clauses 4-10 is a requirement clause listed above, and vice versa.
    leaves = {str(s["id"]) for s in SECTIONS if not s.get("sections") and s["id"] != "LAB"}
    qms_leaves = {leaf for leaf in leaves if not leaf.startswith("LAB")}
    assert qms_leaves == set(REQUIREMENT_CLAUSES)


def test_sub_clause_8_3_has_an_item_for_each_stage_of_design() -> None:
    assert {str(s["id"]) for s in SECTIONS if s["_parents"][-1:] == ("8.3",)} == {
        "8.3.1",
        "8.3.2",
        "8.3.3",
        "8.3.4",
        "8.3.5",
        "8.3.6",
    }


# -- each item ------------------------------------------------------------------------------------------------
def test_every_item_has_text_and_guidance_in_both_languages() -> None:
    missing = [
        item["id"]
        for item, _ in ITEMS
        if not (_is_bilingual(item["text"]) and _is_bilingual(item.get("guidance")))
    ]
    assert missing == []


def test_every_item_lists_typical_evidence_in_both_languages() -> None:
    missing = [
        item["id"]
        for item, _ in ITEMS
        if not item.get("evidence") or not all(_is_bilingual(e) for e in item["evidence"])
    ]
    assert missing == []


def test_weights_are_positive_and_graded() -> None:
    weights = [item.get("weight", 1) for item, _ in ITEMS]
    assert all(isinstance(w, (int, float)) and w > 0 for w in weights)
    assert len(set(weights)) >= 2  # weights say which requirements matter more


def _recommendation_for(item: dict[str, Any], rating: int) -> dict[str, Any] | None:
    """The recommendation an enterprise at ``rating`` receives: the smallest max_rating at or above it."""
    fitting = [r for r in item.get("recommendations", []) if r["max_rating"] >= rating]
    return min(fitting, key=lambda r: r["max_rating"]) if fitting else None


@pytest.mark.parametrize("rating", [0, 1])
def test_every_scored_item_has_a_recommendation_for_low_ratings(rating: int) -> None:
    lacking = []
    for item, _ in ITEMS:
        if item.get("scored", True) is False:
            continue
        recommendation = _recommendation_for(item, rating)
        if recommendation is None or not _is_bilingual(recommendation["text"]):
            lacking.append(item["id"])
    assert lacking == []


def test_recommendations_are_actionable() -> None:
    for item, _ in ITEMS:
        for recommendation in item.get("recommendations", []):
            assert 0 <= recommendation["max_rating"] < MAX_RATING, item["id"]
            assert recommendation.get("priority") in ("high", "medium", "low"), item["id"]
            assert isinstance(recommendation.get("timeframe_days"), int), item["id"]
            assert 0 < recommendation["timeframe_days"] <= 365, item["id"]


def test_every_recommendation_names_the_evidence_that_verifies_it() -> None:
    # Plan tracking: what the assessor looks at in the follow-up before an action counts as verified.
    missing = [
        (item["id"], r["max_rating"])
        for item, _ in ITEMS
        for r in item.get("recommendations", [])
        if not _is_bilingual(r.get("verification"))
    ]
    assert missing == []


def test_every_item_has_a_step_from_3_to_4_for_benchmark_enterprises() -> None:
    lacking = [
        item["id"] for item, _ in ITEMS if (r := _recommendation_for(item, 3)) is None or r["max_rating"] != 3
    ]
    assert lacking == []


def test_each_item_gets_one_recommendation_per_rating_band() -> None:
    # 0-1: first steps; 2: closing the gaps; 3: from implemented to effective and improving
    wrong = [
        item["id"]
        for item, _ in ITEMS
        if sorted(r["max_rating"] for r in item.get("recommendations", [])) != [1, 2, 3]
    ]
    assert wrong == []


@pytest.mark.parametrize("field", ["text", "verification"])
def test_recommendations_are_written_for_their_item_not_copied(field: str) -> None:
    seen: dict[str, str] = {}
    copies = []
    for item, _ in ITEMS:
        for recommendation in item.get("recommendations", []):
            for lang in LANGS:
                text = recommendation[field][lang]
                if text in seen and seen[text] != item["id"]:
                    copies.append((seen[text], item["id"], text[:40]))
                seen.setdefault(text, item["id"])
    assert copies == []


def test_low_ratings_get_higher_or_equal_priority_than_middle_ratings() -> None:
    rank = {"high": 0, "medium": 1, "low": 2}
    for item, _ in ITEMS:
        ordered = sorted(item.get("recommendations", []), key=lambda r: r["max_rating"])
        ranks = [rank[r["priority"]] for r in ordered]
        assert ranks == sorted(ranks), item["id"]


@pytest.mark.parametrize("clause", CRITICAL_CLAUSES)
def test_major_nonconformity_clauses_have_critical_items(clause: str) -> None:
    assert any(item.get("critical") for item in _subtree_items(clause))


def test_critical_items_are_a_minority() -> None:
    critical = sum(1 for item, _ in ITEMS if item.get("critical"))
    assert 10 <= critical <= len(ITEMS) // 4


def test_every_critical_item_carries_its_reason_in_both_languages() -> None:
    # The ISO/IEC 17021-1 3.12 test, item by item: why a failure here is a major nonconformity.
    without = [
        item["id"]
        for item, _ in ITEMS
        if item.get("critical") and not _is_bilingual(item.get("critical_reason"))
    ]
    assert without == []
    stray = [item["id"] for item, _ in ITEMS if "critical_reason" in item and not item.get("critical")]
    assert stray == []


def test_no_item_is_both_critical_and_freely_excludable() -> None:
    # Excluding a critical item needs the evidence its exclusion_condition names.
    free = [
        item["id"]
        for item, _ in ITEMS
        if item.get("critical")
        and item.get("excludable")
        and not _is_bilingual(item.get("exclusion_condition"))
    ]
    assert free == []
    assert {str(item["id"]) for item, _ in ITEMS if item.get("critical") and item.get("excludable")} == {
        "7.1.5.2-01",
        "7.1.5.2-04",
    }


def test_criticality_follows_the_major_nonconformity_test() -> None:
    critical = {str(item["id"]) for item, _ in ITEMS if item.get("critical")}
    # minor-level requirements, or the same failure graded major elsewhere (9.2.1-01, 6.2.1-01, 10.2.1-02, and
    # one calibration gap: 7.1.5.2-01 in the QMS, LAB.5-01 in the lab)
    assert critical.isdisjoint({"6.2.2-01", "9.2.2-01", "10.2.1-03", "LAB.4-02", "LAB.5-02"})
    # incoming verification and inspection status decide whether nonconforming product gets through
    assert {"8.4.2-03", "8.5.2-02", "7.1.5.2-01", "7.1.5.2-04", "LAB.5-01"} <= critical


def test_the_same_calibration_confirmation_weighs_the_same_in_the_qms_and_the_lab() -> None:
    by_id = {str(item["id"]): item for item, _ in ITEMS}
    qms, lab = by_id["7.1.5.1-04"], by_id["LAB.5-02"]
    assert (qms.get("critical", False), qms["weight"]) == (lab.get("critical", False), lab["weight"])


def test_compulsory_verification_is_never_excludable() -> None:
    by_id = {str(item["id"]): item for item, _ in ITEMS}
    assert "强制检定" in by_id["7.1.5.2-08"]["text"]["zh"] + by_id["7.1.5.2-08"]["guidance"]["zh"]
    assert by_id["7.1.5.2-08"].get("excludable") is False


@pytest.mark.parametrize("item_id", ["7.1.5.2-06", "LAB.5-01"])
def test_traceability_accepts_statutory_verification_certificates(item_id: str) -> None:
    # A statutory institute's verification certificate (pass verdict against the maximum permissible error) proves
    # traceability: neither a CNAS mark nor an uncertainty may be demanded.
    text = next(item for item, _ in ITEMS if item["id"] == item_id)["text"]
    assert "法定计量检定机构" in text["zh"] and "最大允许误差" in text["zh"]
    assert "maximum permissible error" in text["en"]


def test_review_loops_weigh_less_than_the_controls_that_stop_nonconforming_product() -> None:
    def weight(*clauses: str) -> float:
        return sum(item.get("weight", 1) for clause in clauses for item in _subtree_items(clause))

    assert weight("9.2", "9.3") < weight("8.5.2", "8.5.4", "8.6", "8.7")


def test_all_of_design_and_development_is_excludable() -> None:
    design = _subtree_items("8.3")
    assert design and all(item.get("excludable") for item in design)


def test_only_operational_requirements_are_excludable() -> None:
    # ISO 9001 4.3: a requirement may be not applicable only where that cannot affect conformity; leadership,
    # planning, performance evaluation and improvement always apply.
    excludable = {item["id"] for item, _ in ITEMS if item.get("excludable")}
    assert all(str(i).startswith(("7.1.5.2-", "8.")) for i in excludable)
    assert not any(str(i).startswith(("8.6-", "8.7", "8.4", "8.5.1-")) for i in excludable)


def test_tags_are_lowercase_words() -> None:
    for item, _ in ITEMS:
        for tag in item.get("tags", []):
            assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", tag), (item["id"], tag)


# -- the lab section ------------------------------------------------------------------------------------------
def test_lab_section_has_at_least_30_items_all_tagged_lab() -> None:
    lab_items = _subtree_items("LAB")
    assert len(lab_items) >= 30
    assert all("lab" in item.get("tags", []) for item in lab_items)


def test_no_item_outside_the_lab_section_is_tagged_lab() -> None:
    outside = [
        item["id"]
        for item, s in ITEMS
        if "LAB" not in (*s["_parents"], s["id"]) and "lab" in item.get("tags", [])
    ]
    assert outside == []


@pytest.mark.parametrize("element", LAB_ELEMENTS_ZH)
def test_lab_section_covers_each_iso17025_element(element: str) -> None:
    titles = [str(s["title"]["zh"]) for s in SECTIONS if "LAB" in s["_parents"]]
    assert any(element in title for title in titles), element


def test_lab_section_has_critical_items_on_calibration_and_validity() -> None:
    critical = {str(item["id"]).split("-")[0] for item in _subtree_items("LAB") if item.get("critical")}
    assert {"LAB.5", "LAB.11"} <= critical


# -- the scale ------------------------------------------------------------------------------------------------
def test_scale_is_0_to_4_with_labels_and_descriptions_in_both_languages() -> None:
    assert [level["value"] for level in SCALE] == [0, 1, 2, 3, 4]
    for level in SCALE:
        assert _is_bilingual(level["label"]), level["value"]
        assert _is_bilingual(level["description"]), level["value"]


def test_each_scale_level_gives_an_example() -> None:
    for level in SCALE:
        assert "例" in level["description"]["zh"], level["value"]
        assert "Example" in level["description"]["en"], level["value"]


# -- the project's own validator ------------------------------------------------------------------------------
@pytest.mark.usefixtures("in_english")
def test_checklist_validates_with_the_cli() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from iso9001assess.cli import main; main()",
            "checklists",
            "validate",
            str(CHECKLIST_PATH),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"{CHECKLIST_PATH}: ok"


def test_the_bundled_checklist_is_the_one_registered() -> None:
    import iso9001assess as qa

    registered = qa.load_checklist("iso9001-2015")
    from_file = qa.load_checklist(Path(CHECKLIST_PATH))
    assert registered.sha256 == from_file.sha256
    assert len(list(registered.iter_items())) == len(ITEMS)


# Requirements that apply only when their subject exists: answered "not triggered" (不涉及), not excluded.
CONDITIONAL_ITEMS = {
    "7.1.5.2-07",
    "7.1.5.2-08",
    "8.2.1-04",
    "8.2.1-05",
    "8.4.2-01",
    "8.4.3-08",
    "8.5.1-06",
    "8.5.2-03",
    "8.5.3-01",
    "8.5.3-02",
    "LAB.4-08",
    "LAB.5-03",
    "LAB.6-03",
    "LAB.11-03",
    "LAB.12-05",
    "LAB.17-03",
}


def test_requirements_that_apply_only_when_their_subject_exists_are_conditional() -> None:
    assert {str(item["id"]) for item, _ in ITEMS if item.get("conditional")} == CONDITIONAL_ITEMS


def test_conditional_items_say_when_they_apply_and_never_call_an_absent_subject_a_major() -> None:
    for item, _ in ITEMS:
        if item.get("conditional"):
            guidance = item["guidance"]
            assert "仅在" in guidance["zh"] and "不涉及" in guidance["zh"], item["id"]
            assert "Applies only where" in guidance["en"] and "not triggered" in guidance["en"], item["id"]
            assert "No special processes identified" not in guidance["en"], item["id"]


def test_no_item_is_both_conditional_and_excludable() -> None:
    # Each not-applicable answer has one kind: an exclusion under 4.3 or "not triggered".
    both = [item["id"] for item, _ in ITEMS if item.get("conditional") and item.get("excludable")]
    assert both == []
