"""The order a Chinese reader expects of names: by pinyin, as a directory or a dictionary lists them.

Python sorts strings by code point, which puts 中山 before 佛山 and 阿里 after 张三: no reader's order. Here
a name's key is its syllables in pinyin (pypinyin, which reads phrases: 重庆 is chóng qìng, 长沙 cháng shā),
compared letters first (syllable by syllable: 阿 a < 安 an < 北 bei), then tones (妈 mā < 马 mǎ), then the
characters themselves (two characters of one reading keep a fixed order), so equal keys are equal names.
Latin letters and digits in a name take part as they are, lower-cased: ACME sorts among the A syllables.

pypinyin is imported on the first key asked for (it costs about half a second to load its dictionaries;
``import iso9001assess`` and the commands that list nothing stay light), and each name's key is computed
once per process.
"""

from __future__ import annotations

import functools
import re
import unicodedata

NameKey = tuple[tuple[str, ...], tuple[int, ...], str]

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}  # combining macron, acute, caron, grave


def _syllable(reading: str) -> tuple[str, int]:
    """``"zhōng"`` -> ``("zhong", 1)``; ``"lǜ"`` -> ``("lü", 4)``; a neutral tone or a Latin word: 0."""
    tone = 0
    letters = []
    for char in unicodedata.normalize("NFD", reading.strip().lower()):
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)), tone


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    """The key that sorts ``name`` in pinyin order (see the module's description)."""
    from pypinyin import Style, lazy_pinyin

    syllables = [_syllable(reading) for reading in lazy_pinyin(name, style=Style.TONE) if reading.strip()]
    return tuple(s for s, _ in syllables), tuple(t for _, t in syllables), name


def optional_name_key(name: str | None) -> tuple[bool, NameKey]:
    """``name_key`` for a value that may be missing (a city not given): the missing ones last."""
    return (name is None or name == "", name_key(name or ""))


_NUMBERS = re.compile(r"(\d+)")


def id_key(identifier: str) -> tuple[tuple[int, int | str], ...]:
    """The key that sorts item and section ids as a reader counts them, numbers by value: LAB.2 before LAB.16,
    4.3-01 before 10.2-01 (a string sort puts LAB.16 between LAB.1 and LAB.2). For ids listed in no checklist
    order (a checklist's own order is kept where there is one)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _NUMBERS.split(identifier) if part != ""
    )
