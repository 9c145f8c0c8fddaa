"""The message catalogue: every fixed string the outputs show, in Chinese and English.

One catalogue for the diagnostic report, the comparison and portfolio outputs (``cmp.*``, ``portfolio.*``)
and the Excel questionnaire (``xlsx.*``); vocabulary they share (grades, readiness verdicts, sizes, ...) is
defined once, in the report's wording. Checklist text is not here (it is localized in the checklist
itself). ``message(key, lang, **values)`` fills ``str.format`` fields; a language other than zh and en
falls back to English. Add a key with both languages — a test checks every entry has both.
"""

from __future__ import annotations

SUPPORTED: tuple[str, ...] = ("zh", "en")
FALLBACK = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # -- page furniture ---------------------------------------------------------------------------------------
    "page_x_of_y": {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"},
    "not_available": {"zh": "不适用", "en": "n/a"},
    "dash": {"zh": "—", "en": "—"},
    "none": {"zh": "无", "en": "None"},
    "unspecified": {"zh": "未填写", "en": "not stated"},
    "yes": {"zh": "是", "en": "Yes"},
    "no": {"zh": "否", "en": "No"},
    "days": {"zh": "{days} 天", "en": "{days} days"},
    "of_100": {"zh": "{score} / 100", "en": "{score} / 100"},
    "heading.numbered": {"zh": "{number}、{title}", "en": "{number}. {title}"},
    "figure.numbered": {"zh": "图 {number}\u00a0\u00a0{caption}", "en": "Figure {number}. {caption}"},
    "list.separator": {"zh": "；", "en": "; "},
    # -- the diagnostic report: cover -------------------------------------------------------------------------
    "report.title": {"zh": "质量管理体系诊断报告", "en": "Quality Management System Diagnostic Report"},
    "report.subtitle": {
        "zh": "质量管理体系运行情况与检验检测能力评估",
        "en": "Assessment of the quality management system and of inspection and testing capability",
    },
    "field.enterprise": {"zh": "企业名称", "en": "Enterprise"},
    "field.credit_code": {"zh": "统一社会信用代码", "en": "Unified social credit code"},
    "field.region": {"zh": "所在地区", "en": "Region"},
    "field.industry": {"zh": "所属行业", "en": "Industry"},
    "field.size": {"zh": "企业规模", "en": "Size"},
    "field.employees": {"zh": "员工人数", "en": "Employees"},
    "field.has_lab": {"zh": "设有实验室", "en": "Has a laboratory"},
    "field.certified": {"zh": "已获 ISO 9001 认证", "en": "ISO 9001 certified"},
    "field.kind": {"zh": "评估类型", "en": "Assessment"},
    "field.date": {"zh": "评估日期", "en": "Date"},
    "field.assessor": {"zh": "评估人员", "en": "Assessor"},
    "field.checklist": {"zh": "检查表", "en": "Checklist"},
    "field.standard": {"zh": "依据标准", "en": "Standard"},
    "field.version": {"zh": "版本", "en": "Version"},
    "field.sha256": {"zh": "检查表 SHA-256", "en": "Checklist SHA-256"},
    "field.strategy": {"zh": "评分方法", "en": "Scoring strategy"},
    "size.micro": {"zh": "微型", "en": "Micro"},
    "size.small": {"zh": "小型", "en": "Small"},
    "size.medium": {"zh": "中型", "en": "Medium"},
    "size.large": {"zh": "大型", "en": "Large"},
    "kind.baseline": {"zh": "基线评估", "en": "Baseline"},
    "kind.follow-up": {"zh": "跟踪评估", "en": "Follow-up"},
    "kind.self": {"zh": "自评", "en": "Self-assessment"},
    # -- executive summary ------------------------------------------------------------------------------------
    "summary.title": {"zh": "评估结论摘要", "en": "Executive summary"},
    "summary.overall": {"zh": "质量管理体系总分", "en": "QMS overall score"},
    "summary.maturity": {"zh": "成熟度等级", "en": "Maturity level"},
    "summary.readiness": {"zh": "认证准备度", "en": "Readiness for certification"},
    "summary.findings": {"zh": "发现项", "en": "Findings"},
    "summary.lab": {"zh": "实验室能力指数", "en": "Lab capability index"},
    "summary.completeness": {"zh": "评估完整度", "en": "Completeness"},
    "summary.findings_counts": {
        "zh": "严重不符合 {major} 项，一般不符合 {minor} 项，观察项 {observation} 项",
        "en": "{major} major, {minor} minor, {observation} observations",
    },
    "summary.sentence": {
        "zh": "本次评估质量管理体系总分为 <b>{overall}</b>，成熟度等级为 <b>{maturity}</b>，认证准备度结论为"
        "<b>{readiness}</b>。共发现严重不符合 <b>{major}</b> 项、一般不符合 <b>{minor}</b> 项、观察项 "
        "<b>{observation}</b> 项；实验室能力指数为 <b>{lab}</b>；评估完整度 {completeness}。",
        "en": "The overall score of the quality management system is <b>{overall}</b>, maturity level "
        "<b>{maturity}</b>; the verdict on readiness for certification is <b>{readiness}</b>. "
        "<b>{major}</b> major and <b>{minor}</b> minor nonconformities and <b>{observation}</b> observations "
        "were found; the lab capability index is <b>{lab}</b>; completeness {completeness}.",
    },
    "summary.incomplete": {
        "zh": "注意：有 {count} 个条款未评估，按 0 分计入，结果可能偏低（见附录）。",
        "en": "Note: {count} items were not assessed; they score 0, so the result may understate the system "
        "(see the appendix).",
    },
    "summary.weaknesses": {"zh": "主要薄弱环节", "en": "Main weaknesses"},
    "summary.strengths": {"zh": "主要优势", "en": "Main strengths"},
    "summary.clause": {"zh": "条款", "en": "Clause"},
    "summary.score": {"zh": "得分", "en": "Score"},
    "summary.no_sections": {"zh": "无可比较的条款。", "en": "No clauses to compare."},
    "maturity.1": {"zh": "1 级（初始级）", "en": "1 (Initial)"},
    "maturity.2": {"zh": "2 级（基础级）", "en": "2 (Basic)"},
    "maturity.3": {"zh": "3 级（规范级）", "en": "3 (Defined)"},
    "maturity.4": {"zh": "4 级（受控级）", "en": "4 (Managed)"},
    "maturity.5": {"zh": "5 级（卓越级）", "en": "5 (Leading)"},
    "maturity.other": {"zh": "{level} 级", "en": "{level}"},
    "readiness.not-ready": {"zh": "暂不具备认证条件", "en": "Not ready"},
    "readiness.conditionally-ready": {"zh": "整改一般不符合后可申请认证", "en": "Conditionally ready"},
    "readiness.ready": {"zh": "具备认证条件", "en": "Ready"},
    # -- charts -----------------------------------------------------------------------------------------------
    "charts.title": {"zh": "条款得分概览", "en": "Scores by clause"},
    "charts.radar": {"zh": "各章得分雷达图", "en": "Scores of the main clauses"},
    "charts.bars": {
        "zh": "各条款得分（红色虚线为 60 分）",
        "en": "Section scores (dashed line: 60)",
    },
    "charts.current": {"zh": "本次", "en": "This assessment"},
    "charts.baseline": {"zh": "基线", "en": "Baseline"},
    # -- lab --------------------------------------------------------------------------------------------------
    "lab.title": {"zh": "实验室与检验检测能力", "en": "Laboratory and inspection/testing capability"},
    "lab.intro": {
        "zh": "实验室能力指数单独计算（依据 ISO/IEC 17025 / CNAS-CL01 的要求），不计入质量管理体系总分。"
        "第 7.1.5 条（监视和测量资源）仍计入总分。",
        "en": "The lab capability index is computed on its own (against what ISO/IEC 17025 / CNAS-CL01 looks "
        "at) and does not enter the QMS overall score; clause 7.1.5 (monitoring and measuring resources) stays "
        "in the overall score.",
    },
    "lab.index": {"zh": "实验室能力指数：<b>{score}</b>", "en": "Lab capability index: <b>{score}</b>"},
    "lab.none": {
        "zh": "企业未设实验室（has_lab: false），本部分不适用，不计为 0 分。",
        "en": "The enterprise has no laboratory (has_lab: false): this part is not applicable, not zero.",
    },
    "lab.all_not_applicable": {
        "zh": "实验室部分的条款均声明为不适用，未计算实验室能力指数。",
        "en": "Every item of the laboratory part was declared not applicable: no lab capability index.",
    },
    "lab.chart": {"zh": "实验室能力各要素得分", "en": "Laboratory capability by element"},
    "lab.findings": {"zh": "实验室相关发现项", "en": "Laboratory findings"},
    # -- clause detail ----------------------------------------------------------------------------------------
    "detail.title": {"zh": "逐条款评估详情", "en": "Clause-by-clause detail"},
    "detail.section_score": {"zh": "得分 {score}", "en": "score {score}"},
    "detail.id": {"zh": "编号", "en": "Item"},
    "detail.requirement": {"zh": "评估内容", "en": "Requirement"},
    "detail.rating": {"zh": "评分", "en": "Rating"},
    "detail.grade": {"zh": "判定", "en": "Finding"},
    "detail.note": {"zh": "评估记录", "en": "Assessor's note"},
    "detail.critical": {"zh": "关键", "en": "critical"},
    "detail.informational": {"zh": "仅供参考，不计分", "en": "informational, not scored"},
    "detail.evidence": {"zh": "证据：{evidence}", "en": "Evidence: {evidence}"},
    "detail.root_cause": {"zh": "原因：{cause}", "en": "Root cause: {cause}"},
    "rating.labelled": {"zh": "{rating}（{label}）", "en": "{rating} · {label}"},
    "status.answered": {"zh": "已评", "en": "Assessed"},
    "status.unanswered": {"zh": "未评估", "en": "Not assessed"},
    "status.not-applicable": {"zh": "不适用", "en": "Not applicable"},
    # -- findings ---------------------------------------------------------------------------------------------
    "findings.title": {"zh": "发现项分级", "en": "Graded findings"},
    "findings.none": {"zh": "未发现不符合项或观察项。", "en": "No nonconformity or observation was found."},
    "findings.group": {"zh": "{grade}（{count} 项）", "en": "{grade} ({count})"},
    "grade.major": {"zh": "严重不符合", "en": "Major nonconformity"},
    "grade.minor": {"zh": "一般不符合", "en": "Minor nonconformity"},
    "grade.observation": {"zh": "观察项", "en": "Observation"},
    "grade.none": {"zh": "符合", "en": "—"},
    "findings.rule": {
        "zh": "判定规则：评分 ≤ 最高分的 1/4（或未评估）为一般不符合，关键条款为严重不符合；评分 ≤ 最高分的 1/2 为观察项。",
        "en": "Rule: a rating at most a quarter of the maximum (or not assessed) is a minor nonconformity, major "
        "on a critical item; a rating at most half the maximum is an observation.",
    },
    # -- improvement plan -------------------------------------------------------------------------------------
    "plan.title": {"zh": "改进计划（一企一策）", "en": "Improvement plan"},
    "plan.intro": {
        "zh": "每个发现项对应一项改进措施，按影响度（权重 × (1 − 条款得分) × 关键系数）从高到低排列。"
        "请企业填写责任人和完成日期。",
        "en": "One action per finding, ordered by impact (weight × (1 − item score) × 2 for a critical item). "
        "The enterprise fills in the owner and the due date.",
    },
    "plan.none": {"zh": "无需改进措施。", "en": "No action is needed."},
    "plan.number": {"zh": "序号", "en": "#"},
    "plan.action": {"zh": "改进措施", "en": "Action"},
    "plan.item": {"zh": "条款", "en": "Clause"},
    "plan.priority": {"zh": "优先级", "en": "Priority"},
    "plan.timeframe": {"zh": "建议期限", "en": "Timeframe"},
    "plan.owner": {"zh": "责任人", "en": "Owner"},
    "plan.due": {"zh": "完成日期", "en": "Due date"},
    "priority.high": {"zh": "高", "en": "High"},
    "priority.medium": {"zh": "中", "en": "Medium"},
    "priority.low": {"zh": "低", "en": "Low"},
    # -- progress since the baseline ---------------------------------------------------------------------------
    "progress.title": {"zh": "与基线评估对比", "en": "Progress since the baseline"},
    "progress.intro": {
        "zh": "基线评估日期 {baseline}，本次评估日期 {followup}。",
        "en": "Baseline assessed on {baseline}; this assessment on {followup}.",
    },
    "progress.checklist_changed": {
        "zh": "注意：两次评估所用检查表内容不同（SHA-256 不一致），对比仅供参考。",
        "en": "Note: the two assessments used different checklist contents (SHA-256 differs); compare with care.",
    },
    "progress.measure": {"zh": "指标", "en": "Measure"},
    "progress.baseline": {"zh": "基线", "en": "Baseline"},
    "progress.followup": {"zh": "本次", "en": "Now"},
    "progress.delta": {"zh": "变化", "en": "Change"},
    "progress.chart": {"zh": "各章得分：基线与本次", "en": "Clause scores, baseline and now"},
    "progress.closed": {"zh": "已关闭的发现项（{count} 项）", "en": "Findings closed ({count})"},
    "progress.new": {"zh": "新增的发现项（{count} 项）", "en": "New findings ({count})"},
    "progress.persisting": {"zh": "仍存在的发现项（{count} 项）", "en": "Findings persisting ({count})"},
    "progress.no_finding": {"zh": "无发现项", "en": "no finding"},
    "progress.grade_change": {"zh": "基线 → 本次", "en": "Baseline → now"},
    # -- appendix ---------------------------------------------------------------------------------------------
    "appendix.title": {"zh": "附录", "en": "Appendix"},
    "appendix.na": {"zh": "A. 不适用条款及理由", "en": "A. Items not applicable, with justifications"},
    "appendix.na_none": {"zh": "无不适用条款。", "en": "No item was declared not applicable."},
    "appendix.na_lab": {
        "zh": "企业未设实验室，实验室部分全部不适用。",
        "en": "The enterprise has no laboratory: the whole laboratory section is not applicable.",
    },
    "appendix.justification": {"zh": "理由", "en": "Justification"},
    "appendix.unanswered": {"zh": "B. 未评估条款", "en": "B. Items not assessed"},
    "appendix.unanswered_none": {"zh": "全部条款均已评估。", "en": "Every item was assessed."},
    "appendix.unanswered_intro": {
        "zh": "以下条款没有评分，按 0 分计入并判定为发现项：",
        "en": "These items have no rating; they score 0 and count as findings:",
    },
    "appendix.scale": {"zh": "C. 评分标准", "en": "C. Rating scale"},
    "appendix.value": {"zh": "分值", "en": "Rating"},
    "appendix.label": {"zh": "含义", "en": "Meaning"},
    "appendix.description": {"zh": "说明", "en": "Description"},
    "appendix.method": {"zh": "D. 评分方法", "en": "D. Scoring method"},
    "appendix.readiness_rule": {
        "zh": "认证准备度：存在严重不符合或总分低于 60 分为“暂不具备认证条件”；否则存在一般不符合为“整改一般不符合后可申请认证”；否则为“具备认证条件”。",
        "en": "Readiness: not ready when there is a major finding or the overall score is below 60; else "
        "conditionally ready when there is a minor finding; else ready.",
    },
    "appendix.checklist": {"zh": "E. 检查表信息", "en": "E. Checklist"},
    "appendix.reproduce": {
        "zh": "同一检查表（以 SHA-256 为准）、同一评估数据和同一评分方法可完全重现本报告的结果。",
        "en": "The same checklist (identified by its SHA-256), the same answers and the same strategy reproduce "
        "this report's results exactly.",
    },
    # -- comparison -------------------------------------------------------------------------------------------
    "cmp.title": {"zh": "跟踪评估对比", "en": "Follow-up comparison"},
    "cmp.clauses": {"zh": "条款得分（基线 → 跟踪，变化）", "en": "Clauses (baseline → follow-up, change)"},
    # -- portfolio --------------------------------------------------------------------------------------------
    "portfolio.title": {
        "zh": "质量管理体系诊断项目汇总报告",
        "en": "Quality management programme: portfolio report",
    },
    "portfolio.subtitle": {
        "zh": "{enterprises} 家企业，{assessments} 次评估",
        "en": "{enterprises} enterprises, {assessments} assessments",
    },
    "portfolio.as_of": {"zh": "截至最近一次评估：{date}", "en": "Latest assessment: {date}"},
    "portfolio.checklists": {"zh": "检查表：{checklists}", "en": "Checklists: {checklists}"},
    "portfolio.overview": {"zh": "一、总体情况", "en": "1. Overview"},
    "portfolio.enterprises": {"zh": "企业数", "en": "Enterprises"},
    "portfolio.assessments": {"zh": "评估次数", "en": "Assessments"},
    "portfolio.mean": {"zh": "平均分", "en": "Mean"},
    "portfolio.median": {"zh": "中位数", "en": "Median"},
    "portfolio.range": {"zh": "最低 – 最高", "en": "Lowest – highest"},
    "portfolio.findings_total": {"zh": "发现项合计", "en": "Findings in all"},
    "portfolio.eligible": {"zh": "符合标杆条件的企业", "en": "Enterprises meeting the benchmark rule"},
    "portfolio.value": {"zh": "数值", "en": "Value"},
    "portfolio.distribution": {"zh": "二、得分与成熟度分布", "en": "2. Scores and maturity"},
    "portfolio.score_chart": {
        "zh": "图 1  总分分布（企业数）",
        "en": "Figure 1  Overall scores (enterprises)",
    },
    "portfolio.maturity_chart": {
        "zh": "图 2  成熟度等级（企业数）",
        "en": "Figure 2  Maturity levels (enterprises)",
    },
    "portfolio.level": {"zh": "{level} 级", "en": "Level {level}"},
    "portfolio.share": {"zh": "占比", "en": "Share"},
    "portfolio.breakdowns": {"zh": "三、分类统计", "en": "3. Breakdowns"},
    "portfolio.by_city": {"zh": "按城市", "en": "By city"},
    "portfolio.by_industry": {"zh": "按行业", "en": "By industry"},
    "portfolio.by_size": {"zh": "按企业规模", "en": "By size"},
    "portfolio.city": {"zh": "城市", "en": "City"},
    "portfolio.industry": {"zh": "行业", "en": "Industry"},
    "portfolio.size": {"zh": "规模", "en": "Size"},
    "portfolio.mean_overall": {"zh": "平均总分", "en": "Mean overall"},
    "portfolio.mean_lab": {"zh": "平均实验室指数", "en": "Mean lab index"},
    "portfolio.ready_counts": {"zh": "就绪/有条件/未就绪", "en": "Ready / cond. / not"},
    "portfolio.candidates": {"zh": "标杆候选", "en": "Candidates"},
    "portfolio.city_chart": {"zh": "图 3  各城市平均总分", "en": "Figure 3  Mean overall score by city"},
    "portfolio.weak": {"zh": "四、最常见的薄弱条款", "en": "4. The clauses most often weak"},
    "portfolio.weak_intro": {
        "zh": "得分低于 {threshold:g} 分的条款视为薄弱；按薄弱企业数排序。",
        "en": "A clause scoring below {threshold:g} is weak; ranked by the number of enterprises where it is.",
    },
    "portfolio.weak_none": {"zh": "没有薄弱条款。", "en": "No clause is weak anywhere."},
    "portfolio.weak_count": {"zh": "薄弱企业数", "en": "Weak in"},
    "portfolio.assessed": {"zh": "评估企业数", "en": "Assessed"},
    "portfolio.mean_score": {"zh": "平均得分", "en": "Mean score"},
    "portfolio.weak_chart": {
        "zh": "图 4  薄弱企业占比（%）",
        "en": "Figure 4  Share of enterprises weak (%)",
    },
    "portfolio.lab": {"zh": "五、实验室（检验检测）能力概况", "en": "5. Laboratory capability"},
    "portfolio.lab_intro": {
        "zh": "{with_lab} 家企业设有实验室，{without_lab} 家没有；实验室能力指数达到 {threshold:g} 分的有 {above} 家。",
        "en": "{with_lab} enterprises have an in-house laboratory and {without_lab} do not; "
        "{above} reach a lab capability index of {threshold:g}.",
    },
    "portfolio.lab_chart": {
        "zh": "图 5  实验室能力指数分布（企业数）",
        "en": "Figure 5  Lab capability index (enterprises)",
    },
    "portfolio.improvement": {"zh": "六、基线 → 跟踪改进情况", "en": "6. Baseline → follow-up improvement"},
    "portfolio.improvement_intro": {
        "zh": "{pairs} 家企业完成了跟踪评估：{improved} 家提升，{unchanged} 家持平，{declined} 家下降；平均变化 {mean}。",
        "en": "{pairs} enterprises were followed up: {improved} improved, {unchanged} unchanged, "
        "{declined} declined; mean change {mean}.",
    },
    "portfolio.improvement_none": {
        "zh": "尚无同时具备基线与跟踪评估的企业。",
        "en": "No enterprise has both a baseline and a follow-up yet.",
    },
    "portfolio.enterprise": {"zh": "企业", "en": "Enterprise"},
    "portfolio.followup": {"zh": "跟踪", "en": "Follow-up"},
    "portfolio.maturity": {"zh": "成熟度", "en": "Maturity"},
    "portfolio.more": {
        "zh": "（另有 {count} 家见 JSON/CSV 输出）",
        "en": "({count} more in the JSON/CSV output)",
    },
    "portfolio.benchmark": {"zh": "七、标杆企业候选名单", "en": "7. Benchmark-enterprise candidates"},
    "portfolio.rule": {"zh": "遴选规则：{rule}", "en": "Rule: {rule}"},
    "portfolio.benchmark_counts": {
        "zh": "符合条件的企业 {eligible} 家，列出前 {shown} 家。",
        "en": "{eligible} enterprises meet the rule; the first {shown} are listed.",
    },
    "portfolio.benchmark_none": {
        "zh": "没有企业符合遴选规则。",
        "en": "No enterprise meets the rule.",
    },
    "portfolio.rank": {"zh": "排名", "en": "Rank"},
    "portfolio.method": {"zh": "附录：统计方法", "en": "Appendix: how the figures are computed"},
    "portfolio.method_text": {
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
    # -- the Excel questionnaire ---------------------------------------------------------------------------
    "xlsx.enterprise_title": {"zh": "企业信息与评价信息", "en": "Enterprise and assessment"},
    "xlsx.how_to": {"zh": "填写说明", "en": "How to fill in this questionnaire"},
    "xlsx.scale": {"zh": "评分等级", "en": "Rating scale"},
    "xlsx.marks": {"zh": "问题列中的标记", "en": "Marks in the question column"},
    "xlsx.critical": {"zh": "★关键项", "en": "★ critical"},
    "xlsx.excludable": {"zh": "◇可删减", "en": "◇ excludable"},
    "xlsx.not_scored": {"zh": "（仅供参考，不计分）", "en": "(informational, not scored)"},
    "xlsx.critical_means": {
        "zh": "关键项：评分过低即为严重不符合。",
        "en": "critical: a low rating here is a major nonconformity.",
    },
    "xlsx.excludable_means": {
        "zh": "可删减：不适用于本企业时可选“N/A”，并须写明不适用理由（ISO 9001 第4.3条）。",
        "en": "excludable: may be declared not applicable (N/A) with a justification (ISO 9001 clause 4.3).",
    },
    "xlsx.not_scored_means": {
        "zh": "仅供参考：显示在报告中，但不计入得分。",
        "en": "informational: shown in the report, never scored.",
    },
    "xlsx.rating_prompt": {
        "zh": "从下拉列表选择等级；未评价请留空。",
        "en": "Choose a level from the list; leave blank if not assessed.",
    },
    "xlsx.rating_prompt_na": {
        "zh": "从下拉列表选择等级；不适用时选 N/A 并填写理由；未评价请留空。",
        "en": "Choose a level from the list; N/A (with a justification) if it does not apply; blank if not assessed.",
    },
    "xlsx.choose_from_list": {"zh": "请从下拉列表中选择。", "en": "Choose an entry from the list."},
    "xlsx.whole_error": {"zh": "请输入不小于0的整数。", "en": "Enter a whole number, 0 or more."},
    "xlsx.date_error": {"zh": "请输入日期，如 2026-05-10。", "en": "Enter a date, e.g. 2026-05-10."},
    "xlsx.credit_code_error": {
        "zh": "统一社会信用代码为18位。",
        "en": "A unified social credit code has 18 characters.",
    },
    # the numbered steps of the instructions sheet, read in order by ``numbered("xlsx.step", lang)``
    "xlsx.step.1": {
        "zh": "在“Enterprise”工作表的黄色单元格中填写企业信息和评价信息；企业名称必填。",
        "en": "On the “Enterprise” sheet, fill in the yellow cells about the enterprise and the assessment; the name is required.",
    },
    "xlsx.step.2": {
        "zh": "在“Answers”工作表中逐项评分：在“评分”列的下拉列表中选择等级，各等级的含义见下表。",
        "en": "On the “Answers” sheet, rate each item: choose a level in the “Rating” column; the levels are explained below.",
    },
    "xlsx.step.3": {
        "zh": "未评分的项目视为“未评价”，计0分，并降低评价的完整度。",
        "en": "An item left without a rating is “not assessed”: it scores 0 and lowers the completeness of the assessment.",
    },
    "xlsx.step.4": {
        "zh": "标有“◇可删减”的项目不适用于本企业时，在“评分”列选择 N/A，并在“不适用理由”列写明理由。",
        "en": "An item marked “◇ excludable” that does not apply to the enterprise: choose N/A and write why in “N/A justification”.",
    },
    "xlsx.step.5": {
        "zh": "“情况说明”“证据”“原因分析”三列可选填；证据每行写一项（单元格内换行：Alt+Enter）。",
        "en": "“Note”, “Evidence” and “Root cause” are optional; write one piece of evidence per line (Alt+Enter in a cell).",
    },
    "xlsx.step.6": {
        "zh": "没有实验室/检验室的企业：在“Enterprise”工作表中“是否有实验室”选“否”，实验室部分留空。",
        "en": "An enterprise without a laboratory: on the “Enterprise” sheet choose “no” for “Has a laboratory” and leave the laboratory section blank.",
    },
    "xlsx.step.7": {
        "zh": "工作表结构已保护（无密码），只有黄色单元格可以填写；请勿改动“编号”列、勿重命名工作表。",
        "en": "The structure is protected (no password) so that only the yellow cells can be edited; do not change the “Item” column or rename sheets.",
    },
    "xlsx.step.8": {
        "zh": "保存为 Excel 工作簿（.xlsx）后交回。评价机构用 iso9001assess score 文件名.xlsx 计算得分。",
        "en": "Save as an Excel workbook (.xlsx) and send it back. It is scored with: iso9001assess score FILE.xlsx",
    },
    # -- the programme store: stages, the register listing, ingest -------------------------------------------
    "stage.enrolled": {"zh": "已登记", "en": "Enrolled"},
    "stage.baseline": {"zh": "已基线评估", "en": "Baseline assessed"},
    "stage.plan-issued": {"zh": "已下达改进计划", "en": "Plan issued"},
    "stage.followed-up": {"zh": "已跟踪评估", "en": "Followed up"},
    "store.column.id": {"zh": "编号", "en": "ID"},
    "store.column.city": {"zh": "城市", "en": "City"},
    "store.column.stage": {"zh": "阶段", "en": "Stage"},
    "store.score_on": {"zh": "{score}（{date}）", "en": "{score} ({date})"},
    "store.listed": {"zh": "共 {count} 家企业", "en": "{count} enterprises"},
    "store.ingest.added": {
        "zh": "{source}：已记录（企业 {enterprise}，评估 {assessment}）",
        "en": "{source}: recorded (enterprise {enterprise}, assessment {assessment})",
    },
    "store.ingest.superseded": {
        "zh": "{source}：已更正，评估 {assessment} 取代评估 {earlier}（原记录保留为历史）",
        "en": "{source}: corrected, assessment {assessment} supersedes {earlier} (kept as history)",
    },
    "store.ingest.unchanged": {
        "zh": "{source}：内容已记录，未作改动（评估 {assessment}）",
        "en": "{source}: already recorded, nothing changed (assessment {assessment})",
    },
    "store.ingest.summary": {
        "zh": "{store}：新增 {added}，更正 {superseded}，未变 {unchanged}，有误文件 {bad}",
        "en": "{store}: {added} added, {superseded} corrected, {unchanged} unchanged, {bad} bad file(s)",
    },
}


def message(key: str, lang: str, /, **values: object) -> str:
    """The catalogue entry ``key`` in ``lang`` (English when ``lang`` is not catalogued), filled with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[FALLBACK]
    return text.format(**values) if values else text


def template(key: str, lang: str, /) -> str:
    """The unfilled entry, for callers that fill it themselves (``exporters.pdf.markup.markup`` escapes)."""
    entry = MESSAGES[key]
    return entry.get(lang) or entry[FALLBACK]


def has_message(key: str) -> bool:
    return key in MESSAGES


def numbered(prefix: str, lang: str, /) -> list[str]:
    """The entries ``prefix.1``, ``prefix.2``, ... in order, up to the first number not catalogued."""
    texts: list[str] = []
    while has_message(key := f"{prefix}.{len(texts) + 1}"):
        texts.append(message(key, lang))
    return texts
