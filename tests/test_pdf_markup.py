"""Escaping user text for Paragraph markup, and the CID font's character fallbacks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from iso9001assess.exporters.pdf.fonts import (
    CID_FONT,
    CID_SUBSTITUTES,
    LATIN_FONT,
    cid_safe_markup,
    register_fonts,
    resolve_font_path,
    text_runs,
    text_width,
)
from iso9001assess.exporters.pdf.markup import escape, markup

FONT = register_fonts(None).regular
STYLE = ParagraphStyle("test", fontName=FONT, fontSize=9, wordWrap="CJK")


def paragraph_text(source: str) -> str:
    """What a Paragraph built from ``source`` would draw."""
    return "".join(frag.text for frag in Paragraph(source, STYLE).frags)


def test_markup_characters_are_escaped() -> None:
    assert escape("<b>ACME & Co</b>") == "&lt;b&gt;ACME &amp; Co&lt;/b&gt;"
    assert escape('say "</para>"') == "say &quot;&lt;/para&gt;&quot;"
    assert escape(None) == ""
    assert escape(12.5) == "12.5"


def test_line_breaks_are_kept_and_forbidden_characters_replaced() -> None:
    assert escape("a\r\nb\nc") == "a<br/>b<br/>c"
    assert escape("bell\x07") == "bell\ufffd"


def test_markup_escapes_only_the_values() -> None:
    assert markup("<b>{name}</b> {note}", name="<i>x</i>", note="&") == "<b>&lt;i&gt;x&lt;/i&gt;</b> &amp;"


def words(text: str) -> list[str]:
    return text.split()  # Paragraph collapses runs of white space, as XML text does


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@given(TEXT)
def test_any_text_shows_literally_in_a_paragraph(text: str) -> None:
    expected = text.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
    assert words(paragraph_text(escape(text))) == words(expected)


@given(TEXT)
def test_the_cid_fallback_keeps_the_text_and_the_markup(text: str) -> None:
    shown = paragraph_text(escape(text))
    expected = "".join(CID_SUBSTITUTES.get(character, character) for character in shown)
    assert words(paragraph_text(cid_safe_markup(f"<b>{escape(text)}</b>"))) == words(expected)


def test_cid_fallback_draws_latin_in_helvetica_and_cjk_in_the_cid_font() -> None:
    source = cid_safe_markup("得分 <b>52.9</b> µm² &amp; 完成")
    fonts = {frag.text: frag.fontName for frag in Paragraph(source, STYLE).frags}
    assert fonts["得分"] == CID_FONT and fonts["完成"] == CID_FONT
    assert fonts["52.9"].startswith(LATIN_FONT)  # Helvetica-Bold inside <b>
    assert fonts[" µm² "] == LATIN_FONT
    assert cid_safe_markup("a−b ✓") == f'<font name="{LATIN_FONT}">a-b </font>√'


def test_canvas_text_is_split_into_cjk_and_latin_runs() -> None:
    assert text_runs("广州·科技 Co − ✓", CID_FONT) == [
        ("广州", CID_FONT),
        ("·", LATIN_FONT),
        ("科技", CID_FONT),
        (" Co - ", LATIN_FONT),
        ("√", CID_FONT),
    ]
    assert text_runs("广州 Co", "Embedded-1234") == [("广州 Co", "Embedded-1234")]
    assert text_width("ab", CID_FONT, 10) == stringWidth("ab", LATIN_FONT, 10)


def test_font_path_comes_from_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISO9001ASSESS_FONT", "/fonts/from-env.ttf")
    assert str(resolve_font_path(None)) == "/fonts/from-env.ttf"
    assert str(resolve_font_path("/fonts/given.ttc")) == "/fonts/given.ttc"
    monkeypatch.setenv("ISO9001ASSESS_FONT", "")
    assert resolve_font_path(None) is None
