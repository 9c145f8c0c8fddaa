"""The message catalogue: every fixed string a report shows, in Chinese and English.

Checklist text is not here (it is localized in the checklist itself); this holds only the words of the
reports. ``message(key, lang, **values)`` fills ``str.format`` fields; a language other than zh and en
falls back to English. Add a key with both languages — a test checks every entry has both.
"""

from __future__ import annotations

SUPPORTED: tuple[str, ...] = ("zh", "en")
FALLBACK = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # -- page furniture ---------------------------------------------------------------------------------------
    "page_x_of_y": {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"},
    "not_available": {"zh": "不适用", "en": "n/a"},
    "none": {"zh": "无", "en": "None"},
    "yes": {"zh": "是", "en": "Yes"},
    "no": {"zh": "否", "en": "No"},
}


def message(key: str, lang: str, /, **values: object) -> str:
    """The catalogue entry ``key`` in ``lang`` (English when ``lang`` is not catalogued), filled with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[FALLBACK]
    return text.format(**values) if values else text


def has_message(key: str) -> bool:
    return key in MESSAGES
