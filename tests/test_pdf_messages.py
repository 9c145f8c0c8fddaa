"""The message catalogue, and that reports stay out of ``import iso9001assess``."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest

from iso9001assess.i18n import MESSAGES, SUPPORTED, message, template


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_every_language_with_the_same_fields(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(SUPPORTED)
    assert all(text.strip() for text in entry.values())
    assert fields(entry["zh"]) == fields(entry["en"])


def test_messages_are_filled_and_fall_back_to_english() -> None:
    assert message("page_x_of_y", "zh", page=2, pages=9) == "第 2 页，共 9 页"
    assert message("page_x_of_y", "en", page=2, pages=9) == "Page 2 of 9"
    assert message("page_x_of_y", "fr", page=1, pages=1) == "Page 1 of 1"
    assert template("summary.lab", "zh") == "实验室能力指数"
    with pytest.raises(KeyError):
        message("no.such.key", "en")


def test_importing_the_package_and_its_plugins_does_not_import_reportlab() -> None:
    code = (
        "import sys, iso9001assess as qa\n"
        "from iso9001assess.plugin_manager import get_registry\n"
        "names = sorted(get_registry().exporters)\n"
        "assert {'pdf', 'csv', 'md'} <= set(names), names\n"
        "loaded = [m for m in sys.modules if m.startswith('reportlab')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
