"""Charts as functions that return a reportlab ``Drawing`` — testable without building a PDF.

Every label is drawn in the font passed in (a CJK font, so Chinese labels render); values of ``None``
("not applicable") draw no bar and are labelled with ``na_label``. Scores are on 0..``max_value``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..report_view import one_decimal
from .fonts import text_runs, text_width

GRID = colors.HexColor("#C9D1D9")
AXIS = colors.HexColor("#5B6770")
PALETTE: tuple[Color, ...] = (
    colors.HexColor("#1F4E79"),
    colors.HexColor("#E07B39"),
    colors.HexColor("#3A8D5C"),
    colors.HexColor("#8E5EA2"),
)


@dataclass(frozen=True)
class Series:
    """One data series: a name for the legend, one value per label (None: not applicable), a colour."""

    name: str
    values: Sequence[float | None]
    color: Color | None = None


def score_band_color(value: float) -> Color:
    """Red below 40, amber below 60, blue below 80, green from 80: the bands of the maturity levels."""
    if value < 40:
        return colors.HexColor("#C0392B")
    if value < 60:
        return colors.HexColor("#E0A030")
    if value < 80:
        return colors.HexColor("#2E75B6")
    return colors.HexColor("#3A8D5C")


def _text(
    x: float,
    y: float,
    text: str,
    *,
    fontName: str,  # reportlab's keyword names, so calls read like String(...)
    fontSize: float,
    textAnchor: str = "start",
    fillColor: Color = colors.black,
) -> String | Group:
    """A label: one String, or with the CID font a group of runs, Latin ones in Helvetica (fonts.py)."""
    runs = text_runs(text, fontName)
    if len(runs) == 1:
        run, name = runs[0]
        return String(x, y, run, fontName=name, fontSize=fontSize, textAnchor=textAnchor, fillColor=fillColor)
    widths = [stringWidth(run, name, fontSize) for run, name in runs]
    total = sum(widths)
    cursor = {"start": x, "end": x - total, "middle": x - total / 2}[textAnchor]
    group = Group()
    for (run, name), width in zip(runs, widths, strict=True):
        group.add(String(cursor, y, run, fontName=name, fontSize=fontSize, fillColor=fillColor))
        cursor += width
    return group


def fit_label(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it is at most ``width`` points wide."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def wrap_label(text: str, font: str, size: float, width: float, lines: int = 2) -> list[str]:
    """``text`` on at most ``lines`` lines of ``width`` points: broken at a space when there is one (Latin
    text), else between characters; only what still does not fit is cut with an ellipsis."""
    if text_width(text, font, size) <= width or lines <= 1:
        return [fit_label(text, font, size, width)]
    cut = len(text)
    while cut > 1 and text_width(text[:cut], font, size) > width:
        cut -= 1
    space = text.rfind(" ", 0, cut + 1)
    if space > 0:
        cut = space
    head, rest = text[:cut].rstrip(), text[cut:].lstrip()
    return [head, *wrap_label(rest, font, size, width, lines - 1)]


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 5 x 10^k that is at least ``raw`` (so axis ticks are round numbers)."""
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw - 1e-12:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _series_color(series: Series, index: int) -> Color:
    return series.color or PALETTE[index % len(PALETTE)]


def _legend(series: Sequence[Series], font: str, size: float, x: float, y: float, width: float) -> Group:
    """One row of colour swatches and names, centred on ``x`` .. ``x + width``."""
    group = Group()
    entries = [(fit_label(s.name, font, size, width / max(len(series), 1) - 16), s) for s in series]
    total = sum(text_width(name, font, size) + 18 for name, _ in entries)
    cursor = x + max((width - total) / 2, 0)
    for index, (name, entry) in enumerate(entries):
        group.add(Rect(cursor, y, 9, 9, fillColor=_series_color(entry, index), strokeColor=None))
        group.add(_text(cursor + 12, y + 1, name, fontName=font, fontSize=size, fillColor=AXIS))
        cursor += text_width(name, font, size) + 18
    return group


def radar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    font: str,
    width: float = 260,
    height: float = 230,
    max_value: float = 100,
    rings: int = 5,
    font_size: float = 8,
    na_label: str = "n/a",
) -> Drawing:
    """A radar (spider) chart: one spoke per label, a polygon per series, grid rings at max/rings steps.

    A ``None`` value is drawn at the centre and its spoke label gets `` (n/a)``; a legend is drawn when
    there is more than one series.
    """
    drawing = Drawing(width, height)
    legend_room = 16 if len(series) > 1 else 0
    cx, cy = width / 2, (height + legend_room) / 2
    radius = min(width / 2 - 70, (height - legend_room) / 2 - 18)
    count = len(labels)
    if count < 3 or radius <= 0:
        drawing.add(_text(cx, cy, na_label, fontName=font, fontSize=font_size, textAnchor="middle"))
        return drawing

    def point(index: int, fraction: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * index / count
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    for ring in range(1, rings + 1):
        ring_points: list[float] = []
        for index in range(count):
            ring_points.extend(point(index, ring / rings))
        drawing.add(Polygon(ring_points, fillColor=None, strokeColor=GRID, strokeWidth=0.5))
        x, y = point(0, ring / rings)
        value = max_value * ring / rings
        drawing.add(
            _text(x + 2, y - 3, f"{value:g}", fontName=font, fontSize=font_size - 1.5, fillColor=AXIS)
        )
    any_missing = [any(s.values[i] is None for s in series) for i in range(count)]
    for index, label in enumerate(labels):
        x, y = point(index, 1)
        drawing.add(Line(cx, cy, x, y, strokeColor=GRID, strokeWidth=0.5))
        lx, ly = point(index, 1.1)
        anchor = "middle" if abs(lx - cx) < 4 else ("start" if lx > cx else "end")
        text = f"{label} ({na_label})" if any_missing[index] else label
        room = radius * 1.4 if anchor == "middle" else (lx if anchor == "end" else width - lx) - 2
        text = fit_label(text, font, font_size, room)
        drawing.add(_text(lx, ly - font_size / 3, text, fontName=font, fontSize=font_size, textAnchor=anchor))
    for number, entry in enumerate(series):
        color = _series_color(entry, number)
        outline: list[float] = []
        for index in range(count):
            reached = entry.values[index]
            fraction = 0.0 if reached is None else max(0.0, min(reached / max_value, 1.0))
            outline.extend(point(index, fraction))
        fill = Color(color.red, color.green, color.blue, alpha=0.18)
        drawing.add(Polygon(outline, fillColor=fill, strokeColor=color, strokeWidth=1.4))
    if len(series) > 1:
        drawing.add(_legend(series, font, font_size, 0, 2, width))
    return drawing


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    font: str,
    width: float = 480,
    bar_height: float = 9,
    max_value: float = 100,
    label_width: float = 170,
    font_size: float = 7.5,
    value_label: Callable[[float], str] = lambda value: str(one_decimal(value)),
    na_label: str = "n/a",
    threshold: float | None = None,
    color_for: Callable[[float], Color] | None = None,
) -> Drawing:
    """Horizontal bars, one group per label (one bar per series), with the value at the end of each bar.

    ``value_label`` writes the value at the end of a bar (one decimal, rounded half up, by default);
    ``color_for`` colours a single series' bars by value (e.g. ``score_band_color``); ``threshold`` draws
    a dashed reference line (e.g. the readiness threshold 60).
    """
    groups = max(len(labels), 1)
    wrapped = [wrap_label(label, font, font_size, label_width) for label in labels]
    per_group = bar_height * len(series) + 4
    if any(len(lines) > 1 for lines in wrapped):
        per_group = max(per_group, 2 * (font_size + 1) + 3)  # room for two-line labels
    legend_room = 16 if len(series) > 1 else 0
    axis_room = 14
    height = groups * per_group + axis_room + legend_room + 4
    drawing = Drawing(width, height)
    plot_x = label_width + 6
    plot_width = width - plot_x - 30
    top = height - 2

    def x_of(value: float) -> float:
        return plot_x + plot_width * max(0.0, min(value / max_value, 1.0))

    base_y = legend_room + axis_room
    for step in range(0, 6):
        value = max_value * step / 5
        x = x_of(value)
        drawing.add(Line(x, base_y, x, top, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(
            _text(x, base_y - 9, f"{value:g}", fontName=font, fontSize=font_size - 1, textAnchor="middle")
        )
    drawing.add(Line(plot_x, base_y, plot_x, top, strokeColor=AXIS, strokeWidth=0.6))
    if threshold is not None:
        x = x_of(threshold)
        drawing.add(
            Line(
                x,
                base_y,
                x,
                top,
                strokeColor=colors.HexColor("#C0392B"),
                strokeWidth=0.7,
                strokeDashArray=[3, 2],
            )
        )
    for index, lines in enumerate(wrapped):
        group_top = top - index * per_group - 2
        centre = group_top - bar_height * len(series) / 2
        first = centre - font_size / 3 + (len(lines) - 1) * (font_size + 1) / 2
        for number, line in enumerate(lines):
            drawing.add(
                _text(
                    label_width,
                    first - number * (font_size + 1),
                    line,
                    fontName=font,
                    fontSize=font_size,
                    textAnchor="end",
                )
            )
        for number, entry in enumerate(series):
            bar = entry.values[index]
            y = group_top - bar_height * (number + 1)
            if bar is None:
                drawing.add(
                    _text(
                        plot_x + 3,
                        y + 2,
                        na_label,
                        fontName=font,
                        fontSize=font_size - 1,
                        fillColor=AXIS,
                    )
                )
                continue
            if color_for is not None and len(series) == 1:
                color = color_for(bar)
            else:
                color = _series_color(entry, number)
            drawing.add(
                Rect(plot_x, y + 1, x_of(bar) - plot_x, bar_height - 2, fillColor=color, strokeColor=None)
            )
            drawing.add(
                _text(
                    x_of(bar) + 2,
                    y + 2,
                    value_label(bar),
                    fontName=font,
                    fontSize=font_size - 1,
                    fillColor=AXIS,
                )
            )
    if len(series) > 1:
        drawing.add(_legend(series, font, font_size, plot_x, 2, plot_width))
    return drawing


def column_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    font: str,
    width: float = 400,
    height: float = 180,
    color: Color | None = None,
    font_size: float = 7.5,
    value_format: str = "{:g}",
) -> Drawing:
    """Vertical columns (a histogram or counts per category), the value above each column. Counts (every
    value a whole number) get whole-number ticks: no "0.5 enterprises"."""
    drawing = Drawing(width, height)
    count = max(len(labels), 1)
    plot_x, plot_y = 24.0, 28.0
    plot_width, plot_height = width - plot_x - 6, height - plot_y - 14
    step_value = nice_step(max([*values, 1.0]) / 4)
    if all(float(value).is_integer() for value in values):
        step_value = max(1.0, step_value)
    top_value = step_value * 4
    slot = plot_width / count
    drawing.add(Line(plot_x, plot_y, plot_x + plot_width, plot_y, strokeColor=AXIS, strokeWidth=0.6))
    for step in range(1, 5):
        y = plot_y + plot_height * step / 4
        drawing.add(Line(plot_x, y, plot_x + plot_width, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(
            _text(
                plot_x - 3,
                y - 2.5,
                value_format.format(top_value * step / 4),
                fontName=font,
                fontSize=font_size - 1,
                textAnchor="end",
            )
        )
    fill = color or PALETTE[0]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = plot_x + slot * index + slot * 0.15
        bar_height = plot_height * value / top_value
        drawing.add(Rect(x, plot_y, slot * 0.7, bar_height, fillColor=fill, strokeColor=None))
        centre = x + slot * 0.35
        drawing.add(
            _text(
                centre,
                plot_y + bar_height + 2,
                value_format.format(value),
                fontName=font,
                fontSize=font_size - 1,
                textAnchor="middle",
            )
        )
        drawing.add(
            _text(
                centre,
                plot_y - 10,
                fit_label(label, font, font_size, slot - 2),
                fontName=font,
                fontSize=font_size,
                textAnchor="middle",
            )
        )
    return drawing
