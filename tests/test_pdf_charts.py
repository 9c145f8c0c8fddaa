"""Charts are functions returning a Drawing: checked on their own, and rendered to a PDF and read back."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Polygon, Rect, String

from iso9001assess.exporters.pdf.charts import (
    Series,
    bar_chart,
    column_chart,
    fit_label,
    nice_step,
    radar_chart,
    score_band_color,
)
from iso9001assess.exporters.pdf.fonts import CID_FONT, register_fonts

FONT = register_fonts("cid").regular  # the CID font: no file needed
CLAUSES = ["4 组织环境", "5 领导作用", "6 策划", "7 支持", "8 运行", "9 绩效评价", "10 改进"]


def shapes(node: Any) -> Iterator[Any]:
    for child in node.contents if isinstance(node, (Drawing, Group)) else ():
        yield child
        yield from shapes(child)


def strings(drawing: Drawing) -> list[str]:
    """Every label; a label drawn in runs (a group of Strings, see charts._text) as one text."""
    labels = []
    for shape in shapes(drawing):
        if isinstance(shape, Group) and shape.contents and all(isinstance(c, String) for c in shape.contents):
            labels.append("".join(c.text for c in shape.contents))
        elif isinstance(shape, String):
            labels.append(shape.text)
    return labels


def pdf_text(drawing: Drawing) -> str:
    pdf = renderPDF.drawToString(drawing)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_radar_chart_has_a_spoke_label_per_clause_and_a_polygon_per_series() -> None:
    values = [70.0, 55.0, 40.0, 62.5, 80.0, 65.0, 50.0]
    drawing = radar_chart(CLAUSES, [Series("本次", values)], font=FONT, width=300, height=240)
    assert (drawing.width, drawing.height) == (300, 240)
    labels = strings(drawing)
    for clause in CLAUSES:
        assert clause in labels
    polygons = [p for p in shapes(drawing) if isinstance(p, Polygon)]
    filled = [p for p in polygons if p.fillColor is not None]
    assert len(filled) == 1 and len(filled[0].points) == 2 * len(CLAUSES)
    fonts = {s.fontName for s in shapes(drawing) if isinstance(s, String)}
    assert fonts == {FONT, "Helvetica"}  # the CID font for Chinese, Helvetica for digits and Latin runs


def test_radar_chart_marks_not_applicable_clauses_and_draws_a_legend_for_two_series() -> None:
    series = [
        Series("基线", [50.0, None, 40, 60, 70, 65, 50]),
        Series("本次", [60.0, None, 50, 62, 80, 70, 55]),
    ]
    drawing = radar_chart(CLAUSES, series, font=FONT, na_label="不适用")
    labels = strings(drawing)
    assert "5 领导作用 (不适用)" in labels
    assert "基线" in labels and "本次" in labels


def test_radar_chart_with_fewer_than_three_spokes_says_so() -> None:
    drawing = radar_chart(["4", "5"], [Series("x", [1.0, 2.0])], font=FONT, na_label="n/a")
    assert strings(drawing) == ["n/a"]


def test_bar_chart_draws_one_bar_per_value_and_none_as_not_applicable() -> None:
    labels = ["4.1 理解组织及其环境", "4.2 理解相关方的需求和期望", "4.3 确定质量管理体系的范围"]
    drawing = bar_chart(
        labels,
        [Series("得分", [56.25, None, 90.0])],
        font=FONT,
        width=400,
        threshold=60,
        color_for=score_band_color,
        na_label="不适用",
    )
    bars = [r for r in shapes(drawing) if isinstance(r, Rect)]
    assert len(bars) == 2
    texts = strings(drawing)
    assert "56.3" in texts and "90.0" in texts and "不适用" in texts
    assert bars[0].fillColor == score_band_color(56.25) and bars[1].fillColor == score_band_color(90.0)
    # bar length is proportional to the score
    assert abs(bars[1].width / bars[0].width - 90.0 / 56.25) < 1e-6
    assert all(label in texts for label in labels)


def test_bar_chart_grows_with_its_labels_and_groups_series() -> None:
    one = bar_chart(["a"], [Series("x", [1.0])], font=FONT)
    many = bar_chart(list("abcdefghij"), [Series("x", [50.0] * 10), Series("y", [80.0] * 10)], font=FONT)
    assert many.height > one.height
    assert len([r for r in shapes(many) if isinstance(r, Rect) and r.width > 9]) == 20


def test_column_chart_axis_uses_round_steps() -> None:
    drawing = column_chart(["1", "2", "3", "4", "5"], [3, 10, 25, 8, 2], font=FONT)
    texts = strings(drawing)
    assert {"10", "20", "30", "40"} <= set(texts)  # 25 -> steps of 10 up to 40
    assert nice_step(6.25) == 10 and nice_step(0.3) == 0.5 and nice_step(2) == 2


def test_long_labels_are_cut_to_fit() -> None:
    label = fit_label("8.4 外部提供的过程、产品和服务的控制" * 3, FONT, 8, 100)
    assert label.endswith("…")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert stringWidth(label, FONT, 8) <= 100


def test_chinese_chart_labels_render_without_missing_glyphs() -> None:
    drawing = bar_chart(CLAUSES, [Series("得分", [70.0, 55, 40, 62, 80, 65, 50])], font=FONT)
    text = pdf_text(drawing)
    for clause in CLAUSES:
        assert clause.split()[1] in text
    assert "\u25a0" not in text
    assert FONT == CID_FONT


def test_column_chart_of_counts_has_whole_number_ticks() -> None:
    def ticks(drawing: Drawing) -> list[str]:
        return [s.text for s in shapes(drawing) if isinstance(s, String) and s.x < 24]  # left of the plot

    assert ticks(column_chart(["a", "b", "c"], [2, 1, 0], font=FONT)) == ["1", "2", "3", "4"]  # not 0.5
    assert ticks(column_chart(["a"], [0.3], font=FONT)) == ["0.5", "1", "1.5", "2"]  # shares keep halves
