"""Blank questionnaires: an answers file an enterprise fills in, with every question as a comment."""

from __future__ import annotations

import json

from .models.base import localize
from .models.checklist import Checklist


def _scale_line(checklist: Checklist, lang: str) -> str:
    levels = ", ".join(f"{level.value} = {localize(level.label, lang)}" for level in checklist.scale)
    return f"# {levels}"


def yaml_template(checklist: Checklist, lang: str = "zh") -> str:
    """A YAML answers file for ``checklist``: every item present and unanswered (null), questions as comments."""
    quoted = json.dumps  # a JSON string is a valid YAML scalar, whatever it contains
    lines = [
        "# yaml-language-server: $schema=https://iso9001assess.example/schemas/answers.schema.json",
        f"# {localize(checklist.title, lang)} ({checklist.id} {checklist.version})",
        "# Rating scale:",
        _scale_line(checklist, lang),
        "# Write a rating (e.g. `4.1-01: 3`), or in full: {rating: 2, note: ..., evidence: [...], root_cause: ...};",
        "# not applicable (excludable: an exclusion; conditional: not triggered): {na: true, justification: ...};",
        '# a whole section: not_applicable: {"8.3": justification}; leave null when not assessed (not scored).',
        "schema_version: 1",
        f"checklist: {quoted(checklist.id + '@' + checklist.version)}",
        "enterprise:",
        '  name: ""',
        "  credit_code: null        # 18-character unified social credit code",
        "  region: {province: null, city: null, district: null}",
        "  industry: null",
        "  size: null               # micro | small | medium | large",
        "  employees: null",
        "  has_lab: true            # false: the laboratory section is not applicable",
        "  certified: false",
        "assessment:",
        "  kind: self               # baseline | follow-up | self",
        "  date: null               # YYYY-MM-DD",
        "  assessor: null",
        "answers:",
    ]
    for section, depth in checklist.walk_sections():
        lines.append(f"  # {'#' * (depth + 1)} {section.id} {localize(section.title, lang)}")
        for item in section.items:
            flags = [
                flag
                for flag, on in (
                    ("critical", item.critical),
                    ("excludable", item.excludable),
                    ("conditional", item.conditional),
                    ("not scored", not item.scored),
                )
                if on
            ]
            suffix = f" [{', '.join(flags)}]" if flags else ""
            question = " ".join(localize(item.text, lang).split())
            lines.append(f"  # {question}{suffix}")
            lines.append(f"  {quoted(item.id)}: null")
    return "\n".join(lines) + "\n"
