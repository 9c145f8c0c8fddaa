"""Time the diagnostic PDF against bare reportlab rendering a comparable document, in the same run.

The bare document holds the same content — the summary with the top actions, the charts, every finding once
with its action, the lab chapter, the plan's two tables, the compact appendix — built the way a short
hand-written reportlab script would (SimpleDocTemplate, the same font and sizes, reportlab's stock chart
classes), without this package's escaping, message catalogue, glyph checks, header fitting, keep-with-table
measuring or "Page X of Y" canvas.

    python benchmarks/bench_report.py [--repeat N] [--lang zh|en|both]

Prints the median CPU time of each and their ratio, and the ratio of the best times (aim: <= 1.2).
Both use the default font: the installed CJK TrueType font, embedded (subset), else the CID font.

    python benchmarks/bench_report.py --pages 60

renders a generated corpus of that many enterprises of varied quality (benchmarks/generate.py) in Chinese and
English and prints the pages per report: min / median / max.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import iso9001assess as qa
from iso9001assess.models import Answers, Checklist, Result
from iso9001assess.models.base import localize

# The ratio the issue aims for.
TARGET = 1.2


def sample_answers(checklist: Checklist, seed: int, kind: str, date: str) -> Answers:
    """A plausible enterprise: most items rated, a fifth weak with notes, some not applicable or blank."""
    rng = random.Random(seed)
    answers: dict[str, Any] = {}
    for item, _ in checklist.iter_items():
        draw = rng.random()
        if item.excludable and draw < 0.1:
            answers[item.id] = {"na": True, "justification": "本企业不从事该活动，相关要求不适用。"}
        elif draw < 0.04:
            continue  # not assessed
        elif draw < 0.25:
            note = "现场抽查发现记录不完整，部分岗位未按程序执行，相关人员对要求理解不一致。" * rng.randint(
                1, 2
            )
            answers[item.id] = {"rating": rng.randint(0, 2), "note": note, "root_cause": "职责不清，培训不足"}
        else:
            answers[item.id] = rng.randint(1, 4)
    return Answers.model_validate(
        {
            "schema_version": 1,
            "checklist": checklist.id,
            "enterprise": {
                "name": "广州某某电子科技有限公司",
                "region": {"province": "广东省", "city": "广州市", "district": "天河区"},
                "industry": "electronics",
                "size": "small",
                "employees": 85,
                "has_lab": True,
            },
            "assessment": {"kind": kind, "date": date, "assessor": "张三"},
            "answers": answers,
        }
    )


def bare_font() -> str:
    """The font the report uses by default, registered the plain reportlab way: the installed CJK TrueType font
    (embedded, subset), else the CID font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    from iso9001assess.exporters.pdf.fonts import find_system_cjk_font

    path = find_system_cjk_font()
    if path is None:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    if "BareCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareCJK", str(path), subfontIndex=0))
    return "BareCJK"


def bare_reportlab(result: Result, lang: str) -> bytes:
    """The comparable document, written directly against reportlab: the report's chapters with the same
    content (summary with the top ten actions, charts, every finding once with its action, lab, the plan as
    top actions and a compact table, the compact appendix), without this package's catalogue, escaping,
    glyph checks, header fitting, keep-with-table measuring or "Page X of Y" canvas."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.spider import SpiderChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = bare_font()
    body = ParagraphStyle("b", fontName=font, fontSize=9.5, leading=13.8, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=font, fontSize=8.5, leading=12.3, wordWrap="CJK")
    small = ParagraphStyle("s", fontName=font, fontSize=7.75, leading=10, wordWrap="CJK")
    head = ParagraphStyle("h", fontName=font, fontSize=12, leading=16, wordWrap="CJK")
    grid = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), colors.lightblue)]
    )
    width = A4[0] - 36 * mm

    def t(text: Any) -> str:
        return localize(text, lang)

    def table(rows: list[list[Any]], fractions: list[float], style: ParagraphStyle = cell) -> Table:
        widths = [width * f / sum(fractions) for f in fractions]
        cells = [[c if isinstance(c, list) else Paragraph(str(c), style) for c in row] for row in rows]
        return Table(cells, colWidths=widths, repeatRows=1, style=grid)

    def bars(sections: list[Any]) -> Drawing:
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 210, 10, width - 240, 12 * len(sections)
        chart.data = [[s.score or 0 for s in sections]]
        chart.categoryAxis.categoryNames = [f"{s.id} {t(s.title)}" for s in sections]
        chart.categoryAxis.labels.fontName = font
        chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
        drawing = Drawing(width, 12 * len(sections) + 20)
        drawing.add(chart)
        return drawing

    enterprise, assessment = result.enterprise, result.assessment
    facts = [
        ["name", enterprise.name],
        ["code", enterprise.credit_code],
        ["region", enterprise.region.city],
        ["industry", enterprise.industry],
        ["size", enterprise.size],
        ["employees", enterprise.employees],
        ["lab", enterprise.has_lab],
        ["certified", enterprise.certified],
        ["kind", assessment.kind],
        ["date", assessment.date],
        ["assessor", assessment.assessor],
        ["checklist", t(result.checklist.title)],
        ["version", result.checklist.version],
    ]
    story: list[Any] = [Paragraph(result.enterprise.name, head), Paragraph(t(result.checklist.title), body)]
    story += [table([["", ""], *facts], [1, 2.4]), PageBreak()]
    # summary: four verdicts, weakest clauses and strengths, the top ten actions
    verdicts = [
        ["overall", f"{result.overall.score} {result.overall.maturity_level}"],
        ["readiness", result.overall.readiness],
        ["lab", f"{result.lab.score} {result.lab.verdict}"],
    ]
    story.append(table([["", ""], *verdicts], [1, 4]))
    lab_tops = {s.id for s in result.sections if s.depth == 0 and s.id.startswith("LAB")}
    ranked = sorted(
        (s for s in result.sections if s.depth == 1 and s.score is not None and s.parent not in lab_tops),
        key=lambda s: s.score or 0,
    )
    story.append(
        table([["clause", "score"]] + [[f"{s.id} {t(s.title)}", s.score] for s in ranked[:5]], [4, 1])
    )
    story.append(
        table(
            [["clause", "score"]]
            + [[f"{s.id} {t(s.title)}", s.score] for s in ranked[-5:] if (s.score or 0) >= 80],
            [4, 1],
        )
    )
    rows: list[list[Any]] = [["#", "action", "item", "priority"]]
    rows += [[n, t(a.text), a.item_id, a.priority] for n, a in enumerate(result.actions[:10], 1)]
    story += [table(rows, [0.5, 6.2, 1.2, 0.9]), PageBreak()]
    # overview
    tops = [s for s in result.sections if s.depth == 0 and s.id not in lab_tops]
    spider = SpiderChart()
    spider.x, spider.y, spider.width, spider.height = 120, 20, 200, 200
    spider.data = [[s.score or 0 for s in tops]]
    spider.labels = [f"{s.id} {t(s.title)}" for s in tops]
    spider.strands.strokeColor = colors.blue
    spider.spokeLabels.fontName = font
    drawing = Drawing(width, 240)
    drawing.add(spider)
    story += [drawing, bars([s for s in result.sections if s.depth == 1 and s.parent not in lab_tops])]
    story.append(PageBreak())
    # findings by clause, each once with its action; lab findings in the lab chapter
    numbers = {a.item_id: n for n, a in enumerate(result.actions, 1)}
    actions = {a.item_id: a for a in result.actions}
    items = {i.id: i for i in result.items}

    def findings_table(findings: list[Any]) -> Table:
        rows: list[list[Any]] = [["item", "requirement", "note and action"]]
        for f in findings:
            item = items[f.item_id]
            notes = [f.note, f.root_cause, "; ".join(item.evidence)]
            action = actions.get(f.item_id)
            notes.append(f"#{numbers.get(f.item_id)} {t(action.text)}" if action else "")
            rows.append(
                [
                    [Paragraph(x, small) for x in (f.item_id, f"{f.rating}/4", f.grade)],
                    t(f.text),
                    [Paragraph(x, small) for x in notes if x],
                ]
            )
        return table(rows, [1.05, 3.3, 4.6], small)

    for top in tops:
        mine = [f for f in result.findings if f.clause == top.id or f.clause.startswith(top.id + ".")]
        story.append(Paragraph(f"{top.id} {t(top.title)} {top.score} {len(mine)}", head))
        if mine:
            story.append(findings_table(mine))
    story.append(PageBreak())
    lab_sections = [s for s in result.sections if s.depth == 1 and s.parent in lab_tops]
    story.append(bars(lab_sections))
    story.append(findings_table([f for f in result.findings if f.clause.startswith("LAB")]))
    story.append(PageBreak())
    # plan: the top ten in full, the others three to a row
    rows = [["#", "action", "item", "priority", "days", "owner", "due"]]
    rows += [
        [n, t(a.text), a.item_id, a.priority, a.timeframe_days, "", ""]
        for n, a in enumerate(result.actions[:10], 1)
    ]
    story.append(table(rows, [0.5, 4.0, 1.2, 0.8, 1.0, 1.0, 1.0]))
    further = list(enumerate(result.actions, 1))[10:]
    height = -(-len(further) // 3)
    rows = [["#", "item", "priority", "days"] * 3]
    for line in range(height):
        row: list[Any] = []
        for column in range(3):
            index = column * height + line
            if index < len(further):
                n, a = further[index]
                row += [n, a.item_id, a.priority, a.timeframe_days]
            else:
                row += ["", "", "", ""]
        rows.append(row)
    story += [table(rows, [0.45, 0.95, 0.65, 0.8] * 3), PageBreak()]
    # appendix: every item three to a row, not assessed, not applicable, scale, method, hash
    every = list(result.items)
    height = -(-len(every) // 3)
    rows = [["id", "rating", "grade"] * 3]
    for line in range(height):
        row = []
        for column in range(3):
            index = column * height + line
            if index < len(every):
                i = every[index]
                row += [i.id, i.rating if i.rating is not None else i.status, i.grade or ""]
            else:
                row += ["", "", ""]
        rows.append(row)
    story.append(table(rows, [1.1, 0.9, 0.9] * 3))
    story.append(Paragraph("; ".join(i.id for i in result.items if i.status == "unanswered"), cell))
    rows = [["id", "text", "justification"]]
    rows += [[i.id, t(i.text), i.justification or ""] for i in result.items if i.status == "not-applicable"]
    story.append(table(rows, [1, 4, 3]))
    rows = [["value", "label", "description"]]
    rows += [[s.value, t(s.label), t(s.description)] for s in result.scale]
    story += [table(rows, [0.7, 1.6, 5.7]), Paragraph(t(result.method), body)]
    story.append(Paragraph(result.checklist.sha256, body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, invariant=1).build(story)
    return out.getvalue()


def our_report(result: Result, lang: str, baseline: Result | None = None) -> bytes:
    from iso9001assess.exporters.pdf.report import DiagnosticReport

    out = io.BytesIO()
    DiagnosticReport(result, lang=lang, baseline=baseline).build(out)
    return out.getvalue()


def interleaved_times(functions: list[Callable[[], bytes]], repeat: int) -> list[list[float]]:
    """Median CPU seconds of each function, run in turns. CPU time of this process, not wall-clock time:
    on a machine shared with other work the ratio then measures the code, not the neighbours."""
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for index, function in enumerate(functions):
            start = time.process_time()
            function()
            times[index].append(time.process_time() - start)
    return times


def page_counts(count: int) -> int:
    """Pages per report over a generated corpus of enterprises of varied quality, in both languages."""
    import tempfile
    from pathlib import Path

    from generate import generate_answers
    from pypdf import PdfReader

    checklist = qa.load_checklist("iso9001-2015")
    with tempfile.TemporaryDirectory() as directory:
        paths = generate_answers(checklist, count, Path(directory), seed=2026)
        results = [qa.score(checklist, qa.load_answers(path)) for path in paths]
    findings = sorted(len(r.findings) for r in results)
    print(
        f"{count} generated enterprises: findings min {findings[0]} / median {statistics.median(findings):g} / "
        f"max {findings[-1]}"
    )
    for lang in ("zh", "en"):
        pages = sorted(len(PdfReader(io.BytesIO(our_report(r, lang))).pages) for r in results)
        within = sum(1 for p in pages if 10 <= p <= 20)
        print(
            f"[{lang}] pages min {pages[0]} / median {statistics.median(pages):g} / max {pages[-1]}; "
            f"{within} of {count} within 10-20; over 30: {sum(1 for p in pages if p > 30)}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    parser.add_argument(
        "--pages", type=int, default=0, help="page counts over this many generated enterprises"
    )
    args = parser.parse_args(argv)
    if args.pages:
        return page_counts(args.pages)
    checklist = qa.load_checklist("iso9001-2015")
    result = qa.score(checklist, sample_answers(checklist, 7, "follow-up", "2026-05-10"))
    baseline = qa.score(checklist, sample_answers(checklist, 3, "baseline", "2025-11-02"))
    from pypdf import PdfReader

    print(f"checklist {checklist.id}: {len(result.items)} items, {len(result.findings)} findings")
    worst = 0.0
    for lang in ("zh", "en") if args.lang == "both" else (args.lang,):
        # The first run of each warms up (imports, font registration) and gives the page counts.
        ours_pdf, bare_pdf = our_report(result, lang), bare_reportlab(result, lang)
        ours_times, bare_times, baseline_times = interleaved_times(
            [
                lambda lang=lang: our_report(result, lang),
                lambda lang=lang: bare_reportlab(result, lang),
                lambda lang=lang: our_report(result, lang, baseline),
            ],
            args.repeat,
        )
        ours, bare = statistics.median(ours_times), statistics.median(bare_times)
        best_ratio = min(ours_times) / min(bare_times)
        pages = len(PdfReader(io.BytesIO(ours_pdf)).pages)
        bare_pages = len(PdfReader(io.BytesIO(bare_pdf)).pages)
        ratio = ours / bare
        worst = max(worst, ratio)
        print(
            f"[{lang}] report {ours:.3f} s ({pages} pages, {len(ours_pdf) // 1024} KiB)  "
            f"bare reportlab {bare:.3f} s ({bare_pages} pages, {len(bare_pdf) // 1024} KiB)  "
            f"ratio {ratio:.2f}x (best of each: {best_ratio:.2f}x)  "
            f"with baseline: {statistics.median(baseline_times):.3f} s"
        )
    print(f"worst ratio {worst:.2f}x (aim <= {TARGET}x): {'ok' if worst <= TARGET else 'over'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
