"""The words of the questionnaire workbook, in Chinese and English."""

from __future__ import annotations

from ..models.base import localize

_TEXTS: dict[str, dict[str, str]] = {
    "checklist": {"zh": "检查表", "en": "Checklist"},
    "enterprise_title": {"zh": "企业信息与评价信息", "en": "Enterprise and assessment"},
    "how_to": {"zh": "填写说明", "en": "How to fill in this questionnaire"},
    "scale": {"zh": "评分等级", "en": "Rating scale"},
    "value": {"zh": "分值", "en": "Value"},
    "label": {"zh": "等级", "en": "Level"},
    "description": {"zh": "说明", "en": "Description"},
    "marks": {"zh": "问题列中的标记", "en": "Marks in the question column"},
    "critical": {"zh": "★关键项", "en": "★ critical"},
    "excludable": {"zh": "◇可删减", "en": "◇ excludable"},
    "not_scored": {"zh": "（仅供参考，不计分）", "en": "(informational, not scored)"},
    "lab": {"zh": "实验室", "en": "laboratory"},
    "critical_means": {
        "zh": "关键项：评分过低即为严重不符合。",
        "en": "critical: a low rating here is a major nonconformity.",
    },
    "excludable_means": {
        "zh": "可删减：不适用于本企业时可选“N/A”，并须写明不适用理由（ISO 9001 第4.3条）。",
        "en": "excludable: may be declared not applicable (N/A) with a justification (ISO 9001 clause 4.3).",
    },
    "not_scored_means": {
        "zh": "仅供参考：显示在报告中，但不计入得分。",
        "en": "informational: shown in the report, never scored.",
    },
    "rating_prompt_title": {"zh": "评分", "en": "Rating"},
    "rating_prompt": {
        "zh": "从下拉列表选择等级；未评价请留空。",
        "en": "Choose a level from the list; leave blank if not assessed.",
    },
    "rating_prompt_na": {
        "zh": "从下拉列表选择等级；不适用时选 N/A 并填写理由；未评价请留空。",
        "en": "Choose a level from the list; N/A (with a justification) if it does not apply; blank if not assessed.",
    },
    "rating_error": {"zh": "请从下拉列表中选择。", "en": "Choose an entry from the list."},
    "choice_error": {"zh": "请从下拉列表中选择。", "en": "Choose an entry from the list."},
    "whole_error": {"zh": "请输入不小于0的整数。", "en": "Enter a whole number, 0 or more."},
    "date_error": {"zh": "请输入日期，如 2026-05-10。", "en": "Enter a date, e.g. 2026-05-10."},
    "credit_code_error": {
        "zh": "统一社会信用代码为18位。",
        "en": "A unified social credit code has 18 characters.",
    },
}

_STEPS: dict[str, tuple[str, ...]] = {
    "zh": (
        "在“Enterprise”工作表的黄色单元格中填写企业信息和评价信息；企业名称必填。",
        "在“Answers”工作表中逐项评分：在“评分”列的下拉列表中选择等级，各等级的含义见下表。",
        "未评分的项目视为“未评价”，计0分，并降低评价的完整度。",
        "标有“◇可删减”的项目不适用于本企业时，在“评分”列选择 N/A，并在“不适用理由”列写明理由。",
        "“情况说明”“证据”“原因分析”三列可选填；证据每行写一项（单元格内换行：Alt+Enter）。",
        "没有实验室/检验室的企业：在“Enterprise”工作表中“是否有实验室”选“否”，实验室部分留空。",
        "工作表结构已保护（无密码），只有黄色单元格可以填写；请勿改动“编号”列、勿重命名工作表。",
        "保存为 Excel 工作簿（.xlsx）后交回。评价机构用 iso9001assess score 文件名.xlsx 计算得分。",
    ),
    "en": (
        "On the “Enterprise” sheet, fill in the yellow cells about the enterprise and the assessment; the name is required.",
        "On the “Answers” sheet, rate each item: choose a level in the “Rating” column; the levels are explained below.",
        "An item left without a rating is “not assessed”: it scores 0 and lowers the completeness of the assessment.",
        "An item marked “◇ excludable” that does not apply to the enterprise: choose N/A and write why in “N/A justification”.",
        "“Note”, “Evidence” and “Root cause” are optional; write one piece of evidence per line (Alt+Enter in a cell).",
        "An enterprise without a laboratory: on the “Enterprise” sheet choose “no” for “Has a laboratory” and leave the laboratory section blank.",
        "The structure is protected (no password) so that only the yellow cells can be edited; do not change the “Item” column or rename sheets.",
        "Save as an Excel workbook (.xlsx) and send it back. It is scored with: iso9001assess score FILE.xlsx",
    ),
}


def say(key: str, lang: str) -> str:
    return localize(_TEXTS[key], lang)


def steps(lang: str) -> tuple[str, ...]:
    return _STEPS.get(lang, _STEPS["en"])
