"""Counted messages: a catalogue entry may be a mapping of plural forms, chosen by its ``count`` value by the
language's rule (English one/other, Chinese one form), so English never says "1 enterprises"."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from conftest import CliRunner
from iso9001assess.i18n import locale, message, template
from iso9001assess.i18n.catalogue import read_bundled, read_catalogues

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "src", *sorted((ROOT / "plugins").glob("*/src"))]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_says_one_for_exactly_one_and_chinese_has_one_form() -> None:
    assert message("store.listed", "en", count=1) == "1 enterprise"
    assert message("store.listed", "en", count=0) == "0 enterprises"
    assert message("store.listed", "en", count=2) == "2 enterprises"
    assert message("store.listed", "zh", count=1) == "共 1 家企业"
    assert message("store.listed", "zh-Hant", count=2) == "共 2 家企業"
    assert message("common.days", "en", count=1) == "1 day"
    assert message("common.days", "en", count=30) == "30 days"
    assert (
        message("errors.problems.more", "en", count=1200)
        == "… and 1,200 more problems not listed; fix these first"
    )
    # A template asked for in a form (the PDF fills markup itself); without a count: the "other" form.
    assert template("report.plan.top", "en", 1) == "Top {count} action"
    assert template("report.plan.top", "en") == "Top {count} actions"
    # The rule: CLDR's for integer counts in English; a float 1.0 is not "one" (it is said "1.0 days").
    assert locale("en").plural_form(1) == "one"
    assert [locale("en").plural_form(n) for n in (0, 2, 21, 1.0, True)] == ["other"] * 5
    assert locale("zh").plural_form(1) == "other"


def test_a_language_borrowing_english_words_takes_the_english_forms() -> None:
    # zh-TW borrows zh; a language with no file (fr) falls back to English and its English forms.
    assert message("store.listed", "fr", count=1) == "1 enterprise"
    assert message("store.listed", "zh-TW", count=1) == "共 1 家企业"


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_every_counted_key_has_its_language_forms_with_the_same_fields(lang: str) -> None:
    bundled = read_bundled()
    counted = set().union(*(set(forms) for forms in bundled.plurals.values()))
    assert len(counted) >= 30  # the counted messages of the CLI, the reports and the staged reports
    forms = bundled.plurals[lang]
    assert set(forms) == counted, sorted(counted ^ set(forms))
    wanted = set(bundled.locales[lang].plural_forms)
    for key in sorted(counted):
        assert set(forms[key]) == wanted, (key, sorted(forms[key]))
        english_fields = _fields(bundled.plurals["en"][key]["other"])
        assert "count" in english_fields, key
        for form, text in forms[key].items():
            assert _fields(text) == english_fields, (key, form)
        assert bundled.messages[lang][key] == forms[key]["other"]


def test_a_counted_entry_without_its_other_form_is_refused(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text(
        'locale: {plural: "one-other"}\nmessages:\n  a.b: {one: "x"}\n', "utf-8"
    )
    with pytest.raises(ValueError, match=r"a\.b: a counted entry needs its 'other' form"):
        read_catalogues(tmp_path)
    (tmp_path / "en.yaml").write_text('locale: {plural: "few-many"}\nmessages: {}\n', "utf-8")
    with pytest.raises(ValueError, match="plural must be one of"):
        read_catalogues(tmp_path)


# The functions that fill a catalogue entry with values (a helper that passes its count on, such as the
# benchmark rule's ``_at_most``, is not one).
FILLERS = {"message", "msg", "said", "template", "filled", "w", "_say"}


def _calls_of_counted_keys() -> list[tuple[str, str, set[str]]]:
    """Every call in the sources whose first argument is a counted key: (where, key, keyword names)."""
    counted = set(read_bundled().plurals["en"])
    calls = []
    for base in SOURCES:
        for path in sorted(base.rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                first = node.args[0]
                function = (
                    node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                )
                if function in FILLERS and isinstance(first, ast.Constant) and first.value in counted:
                    names = {kw.arg or "**" for kw in node.keywords}
                    calls.append((f"{path.name}:{node.lineno}", str(first.value), names))
    return calls


def test_every_counted_message_is_filled_with_its_count() -> None:
    calls = _calls_of_counted_keys()
    assert len(calls) >= 25
    # A call that unpacks a mapping (``**counted``) may hold the count: the forms test above covers its text.
    missing = [(where, key) for where, key, names in calls if "count" not in names and "**" not in names]
    assert not missing, missing


def test_no_english_entry_counts_with_a_parenthesised_plural() -> None:
    english = read_bundled().messages["en"]
    offenders = [key for key, text in english.items() if re.search(r"\w\((s|es|ies)\)", text)]
    assert not offenders, offenders


def test_the_enterprise_register_says_one_enterprise(run_cli: CliRunner, tmp_path: Path) -> None:
    samples = ROOT / "samples"
    database = tmp_path / "store.db"
    one = next(iter(sorted(samples.glob("*.yaml"))))
    assert run_cli("ingest", "--db", database, one).code == 0
    listed = run_cli("enterprises", "--db", database, "--lang", "en")
    assert listed.code == 0, listed.err
    assert listed.out.rstrip().endswith("1 enterprise"), listed.out
    assert "1 enterprises" not in listed.out
