"""Text wrapped by display width: a CJK character takes two columns of a terminal, so a Chinese line of 40
characters fills 80 columns. Chinese breaks between any two characters (no spaces needed), never before a
closing mark (，。）) nor after an opening one (（「); English breaks at spaces, and a word is never cut."""

from __future__ import annotations

import unicodedata

CLOSING = "，。、；：！？）」』》〉】”’,.;:!?)]}"
OPENING = "（「『《〈【“‘"
NO_REWRAP = "\b"  # click's marker: a paragraph whose first line is this keeps its lines as written


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for a wide (CJK) character, none for a combining mark."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def units(text: str) -> list[tuple[int, str]]:
    """The pieces a line may break between, each with the spaces before it (kept within a line, as click keeps
    the two before "[default: ...]"): an English word, or one wide character with the closing marks after it
    and the opening marks before it."""
    found: list[tuple[int, str]] = []
    word = ""
    space = 0
    glue = False  # after an opening mark: the next piece joins it

    def push(piece: str) -> None:
        nonlocal space, glue
        if glue and found:
            found[-1] = (found[-1][0], found[-1][1] + piece)
        else:
            found.append((space, piece))
        space = 0
        glue = False

    for char in text:
        if char.isspace():
            if word:
                push(word)
                word = ""
            space += 1
        elif char in CLOSING and not space and (word or found):
            if word:
                word += char
            else:
                found[-1] = (found[-1][0], found[-1][1] + char)
        elif _is_wide(char):
            if word:
                push(word)
                word = ""
            push(char)
            glue = char in OPENING
        else:
            word += char
    if word:
        push(word)
    return found


def wrap_line(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """One paragraph as lines of at most ``width`` columns (indents included); a piece wider than a line
    (a long path) stands alone on its line rather than being cut."""
    lines: list[str] = []
    line, used, empty = initial_indent, display_width(initial_indent), True
    for space, piece in units(text):
        piece_width = display_width(piece)
        gap = 0 if empty else space
        if not empty and used + gap + piece_width > width:
            lines.append(line)
            line, used, gap = subsequent_indent, display_width(subsequent_indent), 0
        line += " " * gap + piece
        used += gap + piece_width
        empty = False
    lines.append(line)
    return lines


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one: a space between them, except between two wide characters."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and not (_is_wide(text[-1]) and line and _is_wide(line[0])):
            text += " "
        text += line
    return text


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """Paragraphs (split at blank lines) each wrapped to ``width`` columns, a blank line between them; a
    paragraph's own indentation is kept, and one marked with ``\\b`` is left as written."""
    paragraphs: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    written = []
    for lines in (paragraph for paragraph in paragraphs if paragraph):
        if lines[0].strip() == NO_REWRAP:
            written.append("\n".join(initial_indent + line for line in lines[1:]))
            continue
        extra = " " * (len(lines[0]) - len(lines[0].lstrip()))
        filled = wrap_line(_joined(lines), width, initial_indent + extra, subsequent_indent + extra)
        written.append("\n".join(filled))
    return "\n\n".join(written)
