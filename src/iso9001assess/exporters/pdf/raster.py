"""The chart drawings (``charts.py``) as PNG images, for documents that take pictures (the Word report).

reportlab's own bitmap renderer needs a cairo backend that has no wheel for most machines; the charts use only
lines, rectangles, polygons and one-line labels, so Pillow (which reportlab already needs) draws them here.
Labels are drawn with a TrueType/TTC font file (the report's, else an installed CJK font), so Chinese labels
render; the image is drawn at ``scale`` pixels per point and the same drawing gives the same bytes.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String

from .fonts import find_system_cjk_font

DEFAULT_SCALE = 3.0  # pixels per point: 216 dots per inch, sharp when printed at the drawing's size
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Affine = tuple[float, float, float, float, float, float]
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@lru_cache(maxsize=64)
def _font(path: str | None, pixels: int) -> Font:
    if path is None:
        return ImageFont.load_default(pixels)
    return ImageFont.truetype(path, pixels, index=0)


def label_font_path(font_file: str | Path | None = None) -> str | None:
    """The font file labels are drawn with: the one given, else an installed CJK font, else Pillow's own
    (Latin only)."""
    if font_file is not None and Path(font_file).suffix.lower() in (".ttf", ".ttc", ".otf"):
        return str(font_file)
    found = find_system_cjk_font()
    return str(found) if found else None


def _rgba(color: Any) -> tuple[int, int, int, int] | None:
    if color is None:
        return None
    alpha = getattr(color, "alpha", 1.0)
    alpha = 1.0 if alpha is None else alpha
    return (
        round(color.red * 255),
        round(color.green * 255),
        round(color.blue * 255),
        round(alpha * 255),
    )


def _compose(outer: Affine, inner: Affine) -> Affine:
    a, b, c, d, e, f = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _shapes(node: Any, transform: Affine) -> Iterator[tuple[Any, Affine]]:
    """Every leaf shape with the transform that places it (groups may nest and carry their own)."""
    if isinstance(node, (Group, Drawing)):
        here = _compose(transform, tuple(getattr(node, "transform", IDENTITY)))
        for child in node.contents:
            yield from _shapes(child, here)
    else:
        yield node, transform


class _Painter:
    def __init__(self, width: float, height: float, scale: float, font_path: str | None) -> None:
        self.scale = scale
        self.height = height
        self.size = (max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale)))
        self.image = Image.new("RGBA", self.size, (255, 255, 255, 255))
        self.draw = ImageDraw.Draw(self.image)
        self.font_path = font_path

    def point(self, transform: Affine, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = transform
        px, py = a * x + c * y + e, b * x + d * y + f
        return px * self.scale, (self.height - py) * self.scale  # PDF's y grows up, the image's down

    def line(self, shape: Line, transform: Affine) -> None:
        color = _rgba(shape.strokeColor)
        if color is None:
            return
        width = max(1, round((shape.strokeWidth or 1) * self.scale))
        start = self.point(transform, shape.x1, shape.y1)
        end = self.point(transform, shape.x2, shape.y2)
        dashes = getattr(shape, "strokeDashArray", None)
        for segment in _dashed(start, end, [d * self.scale for d in dashes] if dashes else None):
            self.draw.line(segment, fill=color, width=width)

    def polygon(
        self, points: Sequence[tuple[float, float]], fill: Any, stroke: Any, stroke_width: float
    ) -> None:
        fill_color, stroke_color = _rgba(fill), _rgba(stroke)
        if fill_color is not None:
            if fill_color[3] < 255:  # a translucent fill (the radar's area) is blended, not painted over
                layer = Image.new("RGBA", self.size, (0, 0, 0, 0))
                ImageDraw.Draw(layer).polygon(list(points), fill=fill_color)
                self.image.alpha_composite(layer)
                self.draw = ImageDraw.Draw(self.image)
            else:
                self.draw.polygon(list(points), fill=fill_color)
        if stroke_color is not None:
            width = max(1, round(stroke_width * self.scale))
            self.draw.line([*points, points[0]], fill=stroke_color, width=width, joint="curve")

    def text(self, shape: String, transform: Affine) -> None:
        color = _rgba(shape.fillColor) or (0, 0, 0, 255)
        x, y = self.point(transform, shape.x, shape.y)
        font = _font(self.font_path, max(1, round(shape.fontSize * self.scale)))
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(shape.textAnchor, "ls")
        self.draw.text((x, y), shape.text, fill=color, font=font, anchor=anchor)

    def paint(self, shape: Any, transform: Affine) -> None:
        if isinstance(shape, Line):
            self.line(shape, transform)
        elif isinstance(shape, Rect):
            corners = [(shape.x, shape.y), (shape.x + shape.width, shape.y)]
            corners += [(shape.x + shape.width, shape.y + shape.height), (shape.x, shape.y + shape.height)]
            points = [self.point(transform, x, y) for x, y in corners]
            self.polygon(points, shape.fillColor, shape.strokeColor, shape.strokeWidth or 1)
        elif isinstance(shape, Polygon):
            coordinates = list(shape.points)
            points = [
                self.point(transform, x, y) for x, y in zip(coordinates[::2], coordinates[1::2], strict=True)
            ]
            self.polygon(points, shape.fillColor, shape.strokeColor, shape.strokeWidth or 1)
        elif isinstance(shape, String):
            self.text(shape, transform)
        else:  # the charts draw nothing else; a new shape must be taught here rather than dropped silently
            raise TypeError(f"cannot draw {type(shape).__name__} as an image")


def _dashed(
    start: tuple[float, float], end: tuple[float, float], pattern: Sequence[float] | None
) -> Iterator[list[tuple[float, float]]]:
    if not pattern:
        yield [start, end]
        return
    length = math.dist(start, end)
    if length == 0:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    travelled, index = 0.0, 0
    while travelled < length:
        step = pattern[index % len(pattern)]
        stop = min(length, travelled + step)
        if index % 2 == 0:
            yield [
                (start[0] + ux * travelled, start[1] + uy * travelled),
                (start[0] + ux * stop, start[1] + uy * stop),
            ]
        travelled, index = stop, index + 1


def drawing_png(
    drawing: Drawing, *, font_file: str | Path | None = None, scale: float = DEFAULT_SCALE
) -> bytes:
    """``drawing`` as PNG bytes, ``scale`` pixels per point, labels in ``font_file`` (see label_font_path)."""
    painter = _Painter(float(drawing.width), float(drawing.height), scale, label_font_path(font_file))
    for shape, transform in _shapes(drawing, IDENTITY):
        painter.paint(shape, transform)
    out = io.BytesIO()
    painter.image.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()
