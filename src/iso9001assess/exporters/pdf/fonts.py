"""Fonts that draw Chinese everywhere: an embedded TrueType/TTC font when one is given, else a CID font.

reportlab's built-in Helvetica has no CJK glyphs and draws a box for each. ``STSong-Light`` is one of the
Adobe CID fonts every PDF viewer supplies, so it needs no file (it is referenced, not embedded). A TrueType
or TrueType-collection file makes the PDF self-contained: it is embedded as a subset of the glyphs used.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ...errors import InvalidInputError

CID_FONT = "STSong-Light"
FONT_ENVIRONMENT_VARIABLE = "ISO9001ASSESS_FONT"
# ``--font auto`` (or ISO9001ASSESS_FONT=auto) takes the first of these that exists on the machine.
AUTO = "auto"
SYSTEM_CJK_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)


@dataclass(frozen=True)
class FontSet:
    """The font names to use in styles and on the canvas; ``embedded`` tells whether a file was embedded."""

    regular: str
    bold: str
    embedded: bool
    source: str


def find_system_cjk_font() -> Path | None:
    """The first well-known CJK font file present on this machine, or None."""
    for candidate in SYSTEM_CJK_FONTS:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def resolve_font_path(requested: str | Path | None) -> Path | None:
    """The font file to embed: the one asked for, else ISO9001ASSESS_FONT, else none (the CID font).

    ``auto`` picks a system CJK font when there is one and falls back to the CID font when there is not.
    """
    chosen = str(requested) if requested else os.environ.get(FONT_ENVIRONMENT_VARIABLE, "").strip()
    if not chosen:
        return None
    if chosen == AUTO:
        return find_system_cjk_font()
    return Path(chosen)


def _register_cid() -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CID_FONT, bold, italic, CID_FONT)
    return FontSet(regular=CID_FONT, bold=CID_FONT, embedded=False, source=CID_FONT)


def _register_truetype(path: Path) -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not path.is_file():
        raise InvalidInputError.single(str(path), "font file not found")
    resolved = path.resolve()
    # One registered name per file: registering it again in the same process is a no-op.
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    name = f"Embedded-{digest}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            # A collection (.ttc) holds several faces; the first is the regular one in every common CJK TTC.
            font = TTFont(name, str(resolved), subfontIndex=0)
        except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            raise InvalidInputError.single(
                str(path), f"not a usable TrueType/TTC font ({exc}); give a .ttf or .ttc file"
            ) from None
        pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return FontSet(regular=name, bold=name, embedded=True, source=str(path))


def register_fonts(requested: str | Path | None = None) -> FontSet:
    """Register the report font with reportlab and return its names (see ``resolve_font_path``)."""
    path = resolve_font_path(requested)
    return _register_truetype(path) if path is not None else _register_cid()
