"""The fixed words of the programme outputs (comparison, portfolio), in Chinese and English.

Kept beside the programme code rather than in the report catalogue (``iso9001assess.i18n``) so the two
evolve without stepping on each other; ``word`` falls back to English like ``i18n.message``.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # -- shared vocabulary ------------------------------------------------------------------------------------
    "none": {"zh": "无", "en": "none"},
    "n/a": {"zh": "不适用", "en": "n/a"},
    "unspecified": {"zh": "未填写", "en": "not stated"},
    "major": {"zh": "严重不符合", "en": "major"},
    "minor": {"zh": "一般不符合", "en": "minor"},
    "observation": {"zh": "观察项", "en": "observation"},
    "not-ready": {"zh": "未就绪", "en": "not ready"},
    "conditionally-ready": {"zh": "有条件就绪", "en": "conditionally ready"},
    "ready": {"zh": "就绪", "en": "ready"},
    "micro": {"zh": "微型", "en": "micro"},
    "small": {"zh": "小型", "en": "small"},
    "medium": {"zh": "中型", "en": "medium"},
    "large": {"zh": "大型", "en": "large"},
    # -- comparison -------------------------------------------------------------------------------------------
    "cmp.title": {"zh": "跟踪评估对比", "en": "Follow-up comparison"},
    "cmp.baseline": {"zh": "基线评估", "en": "Baseline"},
    "cmp.followup": {"zh": "跟踪评估", "en": "Follow-up"},
    "cmp.overall": {"zh": "总分", "en": "Overall score"},
    "cmp.maturity": {"zh": "成熟度等级", "en": "Maturity level"},
    "cmp.readiness": {"zh": "认证准备度", "en": "Readiness"},
    "cmp.lab": {"zh": "实验室能力指数", "en": "Lab capability index"},
    "cmp.findings": {"zh": "发现项", "en": "Findings"},
    "cmp.clauses": {"zh": "条款得分（基线 → 跟踪，变化）", "en": "Clauses (baseline → follow-up, change)"},
    "cmp.closed": {"zh": "已关闭的发现项", "en": "Findings closed"},
    "cmp.new": {"zh": "新增的发现项", "en": "New findings"},
    "cmp.persisting": {"zh": "仍存在的发现项", "en": "Findings persisting"},
    "cmp.changed": {
        "zh": "注意：两次评估之间检查表有变化（SHA-256 不同）",
        "en": "note: the checklist changed between the two assessments (its SHA-256 differs)",
    },
    # -- portfolio --------------------------------------------------------------------------------------------
    "pf.title": {
        "zh": "质量管理体系诊断项目汇总报告",
        "en": "Quality management programme: portfolio report",
    },
    "pf.subtitle": {
        "zh": "{enterprises} 家企业，{assessments} 次评估",
        "en": "{enterprises} enterprises, {assessments} assessments",
    },
    "pf.as_of": {"zh": "截至最近一次评估：{date}", "en": "Latest assessment: {date}"},
    "pf.checklists": {"zh": "检查表：{checklists}", "en": "Checklists: {checklists}"},
    "pf.overview": {"zh": "一、总体情况", "en": "1. Overview"},
    "pf.enterprises": {"zh": "企业数", "en": "Enterprises"},
    "pf.assessments": {"zh": "评估次数", "en": "Assessments"},
    "pf.mean": {"zh": "平均分", "en": "Mean"},
    "pf.median": {"zh": "中位数", "en": "Median"},
    "pf.range": {"zh": "最低 – 最高", "en": "Lowest – highest"},
    "pf.overall": {"zh": "总分", "en": "Overall score"},
    "pf.lab_index": {"zh": "实验室能力指数", "en": "Lab capability index"},
    "pf.findings_total": {"zh": "发现项合计", "en": "Findings in all"},
    "pf.eligible": {"zh": "符合标杆条件的企业", "en": "Enterprises meeting the benchmark rule"},
    "pf.measure": {"zh": "指标", "en": "Measure"},
    "pf.value": {"zh": "数值", "en": "Value"},
    "pf.distribution": {"zh": "二、得分与成熟度分布", "en": "2. Scores and maturity"},
    "pf.score_chart": {"zh": "图 1  总分分布（企业数）", "en": "Figure 1  Overall scores (enterprises)"},
    "pf.maturity_chart": {
        "zh": "图 2  成熟度等级（企业数）",
        "en": "Figure 2  Maturity levels (enterprises)",
    },
    "pf.level": {"zh": "{level} 级", "en": "Level {level}"},
    "pf.readiness": {"zh": "认证准备度", "en": "Readiness for certification"},
    "pf.count": {"zh": "企业数", "en": "Enterprises"},
    "pf.share": {"zh": "占比", "en": "Share"},
    "pf.breakdowns": {"zh": "三、分类统计", "en": "3. Breakdowns"},
    "pf.by_city": {"zh": "按城市", "en": "By city"},
    "pf.by_industry": {"zh": "按行业", "en": "By industry"},
    "pf.by_size": {"zh": "按企业规模", "en": "By size"},
    "pf.city": {"zh": "城市", "en": "City"},
    "pf.industry": {"zh": "行业", "en": "Industry"},
    "pf.size": {"zh": "规模", "en": "Size"},
    "pf.mean_overall": {"zh": "平均总分", "en": "Mean overall"},
    "pf.mean_lab": {"zh": "平均实验室指数", "en": "Mean lab index"},
    "pf.ready_counts": {"zh": "就绪/有条件/未就绪", "en": "Ready / cond. / not"},
    "pf.candidates": {"zh": "标杆候选", "en": "Candidates"},
    "pf.city_chart": {"zh": "图 3  各城市平均总分", "en": "Figure 3  Mean overall score by city"},
    "pf.weak": {"zh": "四、最常见的薄弱条款", "en": "4. The clauses most often weak"},
    "pf.weak_intro": {
        "zh": "得分低于 {threshold:g} 分的条款视为薄弱；按薄弱企业数排序。",
        "en": "A clause scoring below {threshold:g} is weak; ranked by the number of enterprises where it is.",
    },
    "pf.weak_none": {"zh": "没有薄弱条款。", "en": "No clause is weak anywhere."},
    "pf.clause": {"zh": "条款", "en": "Clause"},
    "pf.weak_count": {"zh": "薄弱企业数", "en": "Weak in"},
    "pf.assessed": {"zh": "评估企业数", "en": "Assessed"},
    "pf.mean_score": {"zh": "平均得分", "en": "Mean score"},
    "pf.weak_chart": {"zh": "图 4  薄弱企业占比（%）", "en": "Figure 4  Share of enterprises weak (%)"},
    "pf.lab": {"zh": "五、实验室（检验检测）能力概况", "en": "5. Laboratory capability"},
    "pf.lab_intro": {
        "zh": "{with_lab} 家企业设有实验室，{without_lab} 家没有；实验室能力指数达到 {threshold:g} 分的有 {above} 家。",
        "en": "{with_lab} enterprises have an in-house laboratory and {without_lab} do not; "
        "{above} reach a lab capability index of {threshold:g}.",
    },
    "pf.lab_chart": {
        "zh": "图 5  实验室能力指数分布（企业数）",
        "en": "Figure 5  Lab capability index (enterprises)",
    },
    "pf.improvement": {"zh": "六、基线 → 跟踪改进情况", "en": "6. Baseline → follow-up improvement"},
    "pf.improvement_intro": {
        "zh": "{pairs} 家企业完成了跟踪评估：{improved} 家提升，{unchanged} 家持平，{declined} 家下降；平均变化 {mean}。",
        "en": "{pairs} enterprises were followed up: {improved} improved, {unchanged} unchanged, "
        "{declined} declined; mean change {mean}.",
    },
    "pf.improvement_none": {
        "zh": "尚无同时具备基线与跟踪评估的企业。",
        "en": "No enterprise has both a baseline and a follow-up yet.",
    },
    "pf.enterprise": {"zh": "企业", "en": "Enterprise"},
    "pf.baseline": {"zh": "基线", "en": "Baseline"},
    "pf.followup": {"zh": "跟踪", "en": "Follow-up"},
    "pf.delta": {"zh": "变化", "en": "Change"},
    "pf.maturity": {"zh": "成熟度", "en": "Maturity"},
    "pf.more": {"zh": "（另有 {count} 家见 JSON/CSV 输出）", "en": "({count} more in the JSON/CSV output)"},
    "pf.benchmark": {"zh": "七、标杆企业候选名单", "en": "7. Benchmark-enterprise candidates"},
    "pf.rule": {"zh": "遴选规则：{rule}", "en": "Rule: {rule}"},
    "pf.benchmark_counts": {
        "zh": "符合条件的企业 {eligible} 家，列出前 {shown} 家。",
        "en": "{eligible} enterprises meet the rule; the first {shown} are listed.",
    },
    "pf.benchmark_none": {
        "zh": "没有企业符合遴选规则。",
        "en": "No enterprise meets the rule.",
    },
    "pf.rank": {"zh": "排名", "en": "Rank"},
    "pf.method": {"zh": "附录：统计方法", "en": "Appendix: how the figures are computed"},
    "pf.method_text": {
        "zh": "每家企业（以统一社会信用代码识别，无代码时以名称识别）按其最近一次评估计入分布、分类统计、薄弱条款、"
        "实验室概况与标杆遴选；同一日期的跟踪评估优先于基线评估。改进情况比较每家企业最早的基线评估与最近的跟踪评估。"
        "得分区间为左闭右开（100 分计入最高区间）。薄弱条款统计第 {depth} 层条款（0 为第 4–10 章），实验室部分不计入。",
        "en": "Each enterprise (identified by its unified social credit code, else by its name) counts once, "
        "by its latest assessment, in the distributions, breakdowns, weak clauses, lab overview and benchmark "
        "selection; a follow-up comes before a baseline of the same date. Improvement compares each "
        "enterprise's first baseline with its latest follow-up. Score bands include their lower bound "
        "(100 falls in the top band). Weak clauses are counted at clause depth {depth} (0 = clauses 4–10), "
        "the laboratory section excluded.",
    },
}


def word(key: str, lang: str, /, **values: object) -> str:
    entry = WORDS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
