"""Fonts that draw Chinese everywhere: an embedded TrueType/TTC font, else a CID font.

reportlab's built-in Helvetica has no CJK glyphs and draws a box for each. ``STSong-Light`` is one of the
Adobe CID fonts every PDF viewer supplies, so it needs no file (it is referenced, not embedded). A TrueType
or TrueType-collection file makes the PDF self-contained: it is embedded as a subset of the glyphs used.
By default an installed CJK TrueType font is found and embedded; the CID font is the fallback (or asked for
with ``cid``).

Every character drawn exists in the font that draws it: a character the font lacks becomes a look-alike it
has (U+2212 minus -> "-") or, when there is none, a visible ``[U+XXXX]`` and a ``MissingGlyphWarning`` —
never a blank, and never another character (STSong would draw an emoji as two unrelated Chinese characters).
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import InvalidInputError
from ...i18n import said

CID_FONT = "STSong-Light"  # Simplified Chinese (Adobe-GB1); a locale may name another (zh-Hant: MSung-Light)
# The CID fonts a locale may name, with the Unicode CMap of their character collection. reportlab's own table
# pairs MSung-Light (Adobe-CNS1) with the GB CMap, which viewers cannot resolve for that collection.
CID_ENCODINGS = {CID_FONT: "UniGB-UCS2-H", "MSung-Light": "UniCNS-UCS2-H"}
CID_FONTS = frozenset(CID_ENCODINGS)
FONT_ENVIRONMENT_VARIABLE = "ISO9001ASSESS_FONT"
# By default (or with ``--font auto``) the first of these that exists on the machine is embedded;
# ``--font cid`` asks for the CID font.
AUTO = "auto"
CID = "cid"
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


# The CID font is not embedded: a PDF viewer draws it with a font of its own, whose Latin letters rarely have
# the widths reportlab laid the text out with, and some characters (· µ ² © ß ...) map to no glyph at all.
# So with the CID font, Latin text (WinAnsi) is drawn in Helvetica, whose metrics every viewer shares, CJK
# text in STSong-Light, and the few characters neither draws are replaced by look-alikes.
CID_SUBSTITUTES: dict[str, str] = {
    "\u2212": "-",  # minus sign
    "\u2713": "\u221a",  # check marks -> square root sign, the usual GB 2312 stand-in
    "\u2714": "\u221a",
    "\u21d2": "\u2192",  # double arrow -> arrow
}
LATIN_FONT = "Helvetica"
_MARKUP_PARTS = re.compile(r"(<[^>]*>|&[#a-zA-Z0-9]+;)")
# Runs of characters Helvetica draws (WinAnsi), except the few that GB 2312 fonts draw as CJK punctuation.
_LATIN_RUN = re.compile(
    "[\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u2122\u2022]+"
)


_SUBSTITUTION_TABLE = str.maketrans(CID_SUBSTITUTES)
# Look-alikes for any font that lacks a character (checked against the font before use).
LOOK_ALIKES: dict[str, str] = {**CID_SUBSTITUTES, "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " "}


class MissingGlyphWarning(UserWarning):
    """A character of the report's text has no glyph in its font and is shown as ``[U+XXXX]``."""


def replacement(character: str) -> str:
    """What is drawn for a character no font of the report has: its code point, visibly."""
    return f"[U+{ord(character):04X}]"


def _warn_missing(characters: str, font: str) -> None:
    shown = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(characters)))
    label = _LABELS.get(font, font)
    # The warning carries its Text: the command line shows it in the command's language.
    warnings.warn(
        MissingGlyphWarning(said("errors.output.missing_glyph", font=label, characters=shown)), stacklevel=3
    )


# Characters the CID pair (STSong-Light for GBK text, Helvetica for WinAnsi text) can draw; anything else
# (emoji and other characters beyond the BMP, Hebrew, Arabic, ...) is replaced before it reaches them.
@lru_cache(maxsize=65536)
def cid_draws(character: str) -> bool:
    # Whitespace of any script (U+1680, U+2003, ...) breaks lines and is never drawn: nothing to replace.
    if character in _LATIN_SET or character.isspace():
        return True
    try:
        character.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _undrawable_by_cid(text: str) -> str:
    """The characters of ``text`` neither STSong-Light nor Helvetica draws (after look-alikes)."""
    if text.isascii():
        return ""
    return "".join(c for c in set(text) if not cid_draws(c))


def _substituted(text: str) -> str:
    text = text.translate(_SUBSTITUTION_TABLE)
    missing = _undrawable_by_cid(text)
    if missing:
        _warn_missing(missing, CID_FONT)
        text = text.translate({ord(c): replacement(c) for c in missing})
    return text


def _cid_lacks(character: str) -> bool:
    """A Latin character the CID font draws nothing for (checked in viewers: · µ ² © ® ™ ß ñ £ ...)."""
    if character == "\u00b7":
        return True
    try:
        character.encode("gbk")
    except UnicodeEncodeError:
        return True
    return False


_LATIN_CHARACTERS = "".join(
    chr(code)
    for code in [
        *range(0x20, 0x7F),
        *range(0xA0, 0x100),
        *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x20AC, 0x2122, 0x2022),
    ]
)
_LATIN_SET = frozenset(_LATIN_CHARACTERS)
_CID_LACKS_RUN = re.compile("[" + re.escape("".join(c for c in _LATIN_CHARACTERS if _cid_lacks(c))) + "]+")
_NOT_LATIN_RUN = re.compile("[^" + re.escape(_LATIN_CHARACTERS) + "\\s]+")
# Text that needs CJK line breaking: CJK ideographs, kana, hangul, and full-width forms and punctuation.
CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# From this share of CJK characters on, a paragraph is set in the CID font (one font run: reportlab's fast
# line breaking); below it, in Helvetica with the CJK runs in the CID font.
CJK_SHARE_FOR_CID = 0.3


def cid_safe_markup(markup: str, cid_font: str = CID_FONT) -> tuple[str, str]:
    """Paragraph markup for the CID font, and the font to set it in.

    Mostly-CJK text is set in STSong-Light, with only the Latin characters it cannot draw in Helvetica;
    other text is set in Helvetica, with its CJK and symbol runs in STSong-Light. Tags and entities are
    left alone; characters neither font draws are replaced by look-alikes.
    """
    if markup.isascii():
        return markup, LATIN_FONT  # ids, numbers, most English text: nothing to change
    plain = _MARKUP_PARTS.sub("", markup)
    letters = len(plain) - plain.count(" ")
    mostly_cjk = letters > 0 and len(CJK.findall(plain)) >= CJK_SHARE_FOR_CID * letters
    base, other, foreign = (
        (cid_font, LATIN_FONT, _CID_LACKS_RUN) if mostly_cjk else (LATIN_FONT, cid_font, _NOT_LATIN_RUN)
    )
    pieces: list[str] = []
    for index, part in enumerate(_MARKUP_PARTS.split(markup)):
        if index % 2:
            pieces.append(part)
            continue
        pieces.append(
            foreign.sub(lambda run: f'<font name="{other}">{run.group(0)}</font>', _substituted(part))
        )
    return "".join(pieces), base


def text_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as (run, font name) pairs for the canvas. With a CID font, as for paragraphs: mostly-CJK text
    is one CID run but for the Latin characters it lacks (so a label such as "LAB.8 检测" stays one piece of
    text), other text goes to Helvetica with its CJK runs in the CID font; characters neither font draws
    become look-alikes or ``[U+XXXX]``."""
    if font not in CID_FONTS:
        return [(drawable(text, font), font)]
    text = _substituted(text)
    letters = len(text) - text.count(" ")
    mostly_cjk = letters > 0 and len(CJK.findall(text)) >= CJK_SHARE_FOR_CID * letters
    pattern, inside, outside = (
        (_CID_LACKS_RUN, LATIN_FONT, font) if mostly_cjk else (_LATIN_RUN, LATIN_FONT, font)
    )
    runs: list[tuple[str, str]] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            runs.append((text[last : match.start()], outside))
        runs.append((match.group(0), inside))
        last = match.end()
    if last < len(text):
        runs.append((text[last:], outside))
    return runs or [("", font)]


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` drawn as ``text_runs`` draws it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(run, name, size) for run, name in text_runs(text, font)))


# The characters each embedded font has, by registered name: a pattern matching any character it lacks.
_LACKS: dict[str, re.Pattern[str]] = {}
_LABELS: dict[str, str] = {}  # registered name -> the font file's name, for messages


def _lacks_pattern(covered: set[int]) -> re.Pattern[str]:
    """A character class of everything outside ``covered`` (as ranges: one C-speed scan per text)."""
    ranges: list[str] = []
    codes = sorted(c for c in covered if c > 0x1F and not 0xD800 <= c <= 0xDFFF)
    start = previous = codes[0] if codes else 0x20
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
        start = previous = code
    return re.compile("[^\n\t" + "".join(ranges) + "]")


def drawable(text: str, font: str) -> str:
    """``text`` with every character an embedded ``font`` lacks replaced (look-alike, else ``[U+XXXX]``)."""
    lacks = _LACKS.get(font)
    if lacks is None or lacks.search(text) is None:
        return text
    missing: dict[str, str] = {}
    for character in set(lacks.findall(text)):
        alike = LOOK_ALIKES.get(character)
        if alike is not None and lacks.search(alike) is None:
            missing[character] = alike
        else:
            missing[character] = replacement(character)
    unknown = "".join(c for c, r in missing.items() if r == replacement(c))
    if unknown:
        _warn_missing(unknown, font)
    return text.translate({ord(c): r for c, r in missing.items()})


def _drawable_markup(markup: str, font: str) -> str:
    if _LACKS.get(font) is None or _LACKS[font].search(_MARKUP_PARTS.sub("", markup)) is None:
        return markup
    parts = _MARKUP_PARTS.split(markup)
    return "".join(part if index % 2 else drawable(part, font) for index, part in enumerate(parts))


@dataclass(frozen=True)
class FontSet:
    """The font names to use in styles and on the canvas; ``embedded`` tells whether a file was embedded."""

    regular: str
    bold: str
    embedded: bool
    source: str

    def paragraph(self, markup: str) -> tuple[str, str | None]:
        """Markup ready for a Paragraph, and the font to set it in (None: the style's own font); with the
        CID font see ``cid_safe_markup``. Characters the font lacks are replaced (see ``drawable``)."""
        return (
            (_drawable_markup(markup, self.regular), None)
            if self.embedded
            else cid_safe_markup(markup, self.regular)
        )


def find_system_cjk_font() -> Path | None:
    """The first well-known CJK font file present on this machine, or None."""
    for candidate in SYSTEM_CJK_FONTS:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def resolve_font_path(requested: str | Path | None) -> Path | None:
    """The font file to embed: the one asked for, else ISO9001ASSESS_FONT, else an installed CJK font
    (``auto``, the default); None means the CID font (asked for with ``cid``, or no CJK font installed)."""
    chosen = str(requested) if requested else os.environ.get(FONT_ENVIRONMENT_VARIABLE, "").strip()
    if not chosen or chosen == AUTO:
        return find_system_cjk_font()
    if chosen == CID:
        return None
    return Path(chosen)


def _register_cid(name: str) -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDFont, UnicodeCIDFont

    if name not in CID_FONTS:
        raise ValueError(f"{name} is not one of the CID fonts {sorted(CID_FONTS)}")
    if name not in pdfmetrics.getRegisteredFontNames():
        font = UnicodeCIDFont(name)
        if font.encodingName != CID_ENCODINGS[name]:
            CIDFont.__init__(font, name, CID_ENCODINGS[name])
            font.name = font.fontName = name
        pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return FontSet(regular=name, bold=name, embedded=False, source=name)


def _register_truetype(path: Path) -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not path.is_file():
        raise InvalidInputError.single(str(path), said("errors.output.no_font"))
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
                str(path), said("errors.output.bad_font", detail=str(exc))
            ) from None
        pdfmetrics.registerFont(font)
        _LACKS[name] = _lacks_pattern(set(font.face.charToGlyph))
        _LABELS[name] = path.name
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return FontSet(regular=name, bold=name, embedded=True, source=str(path))


def register_fonts(requested: str | Path | None = None, cid_font: str = CID_FONT) -> FontSet:
    """Register the report font with reportlab and return its names (see ``resolve_font_path``); without a
    font file, ``cid_font`` (the language's, see ``iso9001assess.i18n.Locale.cid_font``)."""
    path = resolve_font_path(requested)
    return _register_truetype(path) if path is not None else _register_cid(cid_font)
