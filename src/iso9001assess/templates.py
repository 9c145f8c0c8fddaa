"""Blank questionnaires: an answers file an enterprise fills in, with every question as a comment.

Every comment is in the questionnaire's language (words from the message catalogue). The first line names the
answers schema for editors (``# yaml-language-server: $schema=...``): by default ``answers.schema.json``, which
the command line writes next to the questionnaire.
"""

from __future__ import annotations

import json

from .i18n import message, vocab
from .models.base import localize
from .models.checklist import Checklist

SCHEMA_FILE = "answers.schema.json"


def _choices(kind: str, codes: tuple[str, ...], lang: str) -> str:
    """``one of: micro (微型) | small (小型)...``: the codes to write, each with its word in ``lang``."""
    words = {code: vocab(kind, code, lang) for code in codes}
    listed = " | ".join(code if words[code].lower() == code else f"{code} ({words[code]})" for code in codes)
    return message("template.choices", lang, choices=listed)


def yaml_template(checklist: Checklist, lang: str = "zh", schema: str = SCHEMA_FILE) -> str:
    """A YAML answers file for ``checklist``: every item present and unanswered (null), questions as comments."""
    quoted = json.dumps  # a JSON string is a valid YAML scalar, whatever it contains
    levels = ", ".join(f"{level.value} = {localize(level.label, lang)}" for level in checklist.scale)
    full = "{rating: 2, note: ..., evidence: [...], root_cause: ...}"
    whole_section = 'not_applicable: {"8.3": ...}'
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {localize(checklist.title, lang)} ({checklist.id} {checklist.version})",
        f"# {message('template.scale', lang)}",
        f"# {levels}",
        f"# {message('template.how', lang, example='`4.1-01: 3`', full=full)}",
        f"# {message('template.how_na', lang, na='{na: true, justification: ...}')}",
        f"# {message('template.how_section', lang, example=whole_section)}",
        "schema_version: 1",
        f"checklist: {quoted(checklist.id + '@' + checklist.version)}",
        "enterprise:",
        '  name: ""',
        f"  credit_code: null        # {message('template.credit_code', lang)}",
        "  region: {province: null, city: null, district: null}",
        f"  industry: null           # {message('xlsx.hint.industry', lang)}",
        f"  size: null               # {_choices('size', ('micro', 'small', 'medium', 'large'), lang)}",
        "  employees: null",
        f"  has_lab: true            # {message('template.has_lab', lang)}",
        "  certified: false",
        "assessment:",
        f"  kind: self               # {_choices('kind', ('baseline', 'follow-up', 'self'), lang)}",
        f"  date: null               # {message('template.date', lang)}",
        "  assessor: null",
        "answers:",
    ]
    for section, depth in checklist.walk_sections():
        lines.append(f"  # {'#' * (depth + 1)} {section.id} {localize(section.title, lang)}")
        for item in section.items:
            # The marks of the Excel questionnaire, so that both forms say it alike.
            flags = [
                message(key, lang)
                for key, on in (
                    ("xlsx.critical", item.critical),
                    ("xlsx.excludable", item.excludable),
                    ("xlsx.conditional", item.conditional),
                    ("report.detail.informational", not item.scored),
                )
                if on
            ]
            suffix = f" [{', '.join(flags)}]" if flags else ""
            question = " ".join(localize(item.text, lang).split())
            lines.append(f"  # {question}{suffix}")
            lines.append(f"  {quoted(item.id)}: null")
    return "\n".join(lines) + "\n"
