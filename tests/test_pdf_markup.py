"""Escaping user text for Paragraph markup, and the CID font's character fallbacks."""

from __future__ import annotations

import warnings
from pathlib import Path

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
    MissingGlyphWarning,
    cid_draws,
    cid_safe_markup,
    find_system_cjk_font,
    register_fonts,
    replacement,
    resolve_font_path,
    text_runs,
    text_width,
)
from iso9001assess.exporters.pdf.markup import escape, markup

FONT = register_fonts("cid").regular
STYLE = ParagraphStyle("test", fontName=FONT, fontSize=9, wordWrap="CJK")


def paragraph_text(source: str, style: ParagraphStyle = STYLE) -> str:
    """What a Paragraph built from ``source`` would draw."""
    return "".join(frag.text for frag in Paragraph(source, style).frags)


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
    # Look-alikes first; what neither CID font nor Helvetica draws is shown as [U+XXXX], never dropped.
    alike = (CID_SUBSTITUTES.get(character, character) for character in shown)
    expected = "".join(c if cid_draws(c) else replacement(c) for c in alike)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingGlyphWarning)
        prepared, base = cid_safe_markup(f"<b>{escape(text)}</b>")
    assert base in (CID_FONT, LATIN_FONT)
    assert words(paragraph_text(prepared, STYLE.clone("base", fontName=base))) == words(expected)


def fonts_of(source: str, base: str) -> dict[str, str]:
    return {frag.text: frag.fontName for frag in Paragraph(source, STYLE.clone("b", fontName=base)).frags}


def test_mostly_chinese_text_is_set_in_the_cid_font_with_latin_it_lacks_in_helvetica() -> None:
    source, base = cid_safe_markup("得分 <b>52.9</b> µm² &amp; 完成")
    assert base == CID_FONT
    fonts = fonts_of(source, base)
    assert fonts["µ"] == LATIN_FONT and fonts["²"] == LATIN_FONT
    assert fonts["m"] == CID_FONT and fonts["52.9"] == CID_FONT


def test_mostly_latin_text_is_set_in_helvetica_with_chinese_runs_in_the_cid_font() -> None:
    source, base = cid_safe_markup("The enterprise 广州某某 scored <b>52.9</b> ≤ 60 · ok")
    assert base == LATIN_FONT
    fonts = fonts_of(source, base)
    assert fonts["广州某某"] == CID_FONT and fonts["≤"] == CID_FONT
    assert fonts["52.9"] == "Helvetica-Bold" and fonts[" 60 · ok"] == LATIN_FONT
    assert cid_safe_markup("a−b ✓") == (f'a-b <font name="{CID_FONT}">√</font>', LATIN_FONT)
    assert cid_safe_markup("4.1-01") == ("4.1-01", LATIN_FONT)


def test_canvas_text_is_split_into_cjk_and_latin_runs() -> None:
    # Mostly Chinese: one STSong run, but for what it lacks (the middle dot).
    assert text_runs("广州·科技 Co − ✓", CID_FONT) == [
        ("广州", CID_FONT),
        ("·", LATIN_FONT),
        ("科技 Co - √", CID_FONT),
    ]
    assert text_runs("LAB.8 检测或校准物品的处置", CID_FONT) == [("LAB.8 检测或校准物品的处置", CID_FONT)]
    # Mostly Latin: Helvetica, with the Chinese in STSong.
    assert text_runs("Quality manual 手册 v2 − ok", CID_FONT) == [
        ("Quality manual ", LATIN_FONT),
        ("手册", CID_FONT),
        (" v2 - ok", LATIN_FONT),
    ]
    assert text_runs("广州 Co", "Embedded-1234") == [("广州 Co", "Embedded-1234")]
    assert text_width("ab", CID_FONT, 10) == stringWidth("ab", LATIN_FONT, 10)


def test_font_path_comes_from_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISO9001ASSESS_FONT", "/fonts/from-env.ttf")
    assert str(resolve_font_path(None)) == "/fonts/from-env.ttf"
    assert str(resolve_font_path("/fonts/given.ttc")) == "/fonts/given.ttc"
    monkeypatch.setenv("ISO9001ASSESS_FONT", "")
    assert resolve_font_path(None) == find_system_cjk_font()  # by default, an installed CJK font
    assert resolve_font_path("cid") is None  # the CID font, asked for


def test_auto_picks_an_installed_cjk_font_or_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from iso9001assess.exporters.pdf import fonts

    installed = tmp_path / "wqy-zenhei.ttc"
    monkeypatch.setattr(fonts, "SYSTEM_CJK_FONTS", (str(tmp_path / "absent.ttc"), str(installed)))
    assert resolve_font_path("auto") is None  # none installed: the CID font
    installed.write_bytes(b"")
    assert resolve_font_path("auto") == installed
