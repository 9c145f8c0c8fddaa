"""Time the diagnostic PDF against bare reportlab rendering a comparable document, in the same run.

The bare document holds the same content — every clause heading, every item in a table of wrapped CJK
paragraphs, findings, plan, appendix, two charts — built the way a short hand-written reportlab script would
(SimpleDocTemplate, the same CID font and styles, reportlab's stock chart classes), without this package's
escaping, message catalogue, Latin-run fonts, keep-with-table measuring or "Page X of Y" canvas.

    python benchmarks/bench_report.py [--repeat N] [--lang zh|en|both]

Prints the median CPU time of each and their ratio, and the ratio of the best times (aim: <= 1.5).
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
TARGET = 1.5


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


def bare_reportlab(result: Result, lang: str) -> bytes:
    """The comparable document, written directly against reportlab."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.spider import SpiderChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("b", fontName=font, fontSize=9.5, leading=13.8, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=font, fontSize=8.5, leading=12.3, wordWrap="CJK")
    head = ParagraphStyle("h", fontName=font, fontSize=12, leading=16, wordWrap="CJK")
    grid = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), colors.lightblue)]
    )
    width = A4[0] - 36 * mm

    def t(text: Any) -> str:
        return localize(text, lang)

    def table(rows: list[list[Any]], fractions: list[float]) -> Table:
        widths = [width * f / sum(fractions) for f in fractions]
        cells = [[Paragraph(str(c), cell) for c in row] for row in rows]
        return Table(cells, colWidths=widths, repeatRows=1, style=grid)

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
    story.append(table([["", ""], ["overall", result.overall.score], ["lab", result.lab.score]], [1, 2]))
    ranked = sorted(
        (s for s in result.sections if s.depth == 1 and s.score is not None), key=lambda s: s.score or 0
    )
    story.append(
        table([["clause", "score"]] + [[f"{s.id} {t(s.title)}", s.score] for s in ranked[:5]], [4, 1])
    )
    story.append(
        table([["clause", "score"]] + [[f"{s.id} {t(s.title)}", s.score] for s in ranked[-5:]], [4, 1])
    )
    tops = [s for s in result.sections if s.depth == 0]
    spider = SpiderChart()
    spider.x, spider.y, spider.width, spider.height = 120, 20, 200, 200
    spider.data = [[s.score or 0 for s in tops]]
    spider.labels = [f"{s.id} {t(s.title)}" for s in tops]
    spider.strands.strokeColor = colors.blue
    spider.spokeLabels.fontName = font
    drawing = Drawing(width, 240)
    drawing.add(spider)
    story.append(drawing)
    clauses = [s for s in result.sections if s.depth == 1]
    bars = HorizontalBarChart()
    bars.x, bars.y, bars.width, bars.height = 170, 10, width - 200, 9 * len(clauses)
    bars.data = [[s.score or 0 for s in clauses]]
    bars.categoryAxis.categoryNames = [f"{s.id} {t(s.title)}" for s in clauses]
    bars.categoryAxis.labels.fontName = font
    bars.valueAxis.valueMin, bars.valueAxis.valueMax = 0, 100
    chart = Drawing(width, 9 * len(clauses) + 20)
    chart.add(bars)
    story += [chart, PageBreak()]
    labels = {level.value: t(level.label) for level in result.scale}
    lab_sections = [s for s in result.sections if s.id.startswith("LAB.")]
    lab_bars = HorizontalBarChart()
    lab_bars.x, lab_bars.y, lab_bars.width, lab_bars.height = 170, 10, width - 200, 9 * len(lab_sections)
    lab_bars.data = [[s.score or 0 for s in lab_sections]]
    lab_bars.categoryAxis.categoryNames = [f"{s.id} {t(s.title)}" for s in lab_sections]
    lab_bars.categoryAxis.labels.fontName = font
    lab_chart = Drawing(width, 9 * len(lab_sections) + 20)
    lab_chart.add(lab_bars)
    story.append(lab_chart)
    rows = [["id", "text", "rating", "grade", "note"]]
    rows += [
        [f.item_id, t(f.text), f.rating, f.grade, f"{f.note or ''} {f.root_cause or ''}"]
        for f in result.findings
        if f.clause.startswith("LAB")
    ]
    story += [table(rows, [0.95, 3.45, 1.25, 1.3, 2.3]), PageBreak()]
    by_section: dict[str, list[Any]] = {}
    for item in result.items:
        by_section.setdefault(item.section, []).append(item)
    for section in result.sections:
        story.append(Paragraph(f"{section.id} {t(section.title)} {section.score}", head))
        items = by_section.get(section.id)
        if items:
            rows = [["id", "text", "rating", "grade", "note"]]
            rows += [
                [i.id, t(i.text), f"{i.rating} {labels.get(i.rating, '')}", i.grade or "", i.note or ""]
                for i in items
            ]
            story.append(table(rows, [0.95, 3.45, 1.25, 1.3, 2.3]))
    story.append(PageBreak())
    rows = [["id", "text", "rating", "grade", "note"]]
    rows += [
        [f.item_id, t(f.text), f.rating, f.grade, f"{f.note or ''} {f.root_cause or ''}"]
        for f in result.findings
    ]
    story.append(table(rows, [0.95, 3.45, 1.25, 1.3, 2.3]))
    story.append(PageBreak())
    rows = [["#", "action", "clause", "priority", "days", "owner", "due"]]
    rows += [
        [n, t(a.text), a.item_id, a.priority, a.timeframe_days, "", ""]
        for n, a in enumerate(result.actions, 1)
    ]
    story.append(table(rows, [0.4, 4.0, 1.2, 0.85, 1.05, 1.0, 1.0]))
    story.append(PageBreak())
    rows = [["id", "text", "justification"]]
    rows += [[i.id, t(i.text), i.justification or ""] for i in result.items if i.status == "not-applicable"]
    story.append(table(rows, [1, 4, 3]))
    rows = [["id", "text", "grade"]]
    rows += [[i.id, t(i.text), i.grade] for i in result.items if i.status == "unanswered"]
    story.append(table(rows, [1, 5.5, 1.5]))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    args = parser.parse_args(argv)
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
