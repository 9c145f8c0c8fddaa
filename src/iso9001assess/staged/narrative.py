"""The narrative sections of a staged report (工作举措, 工作成效, 存在问题, 下一步工作打算, 工作建议).

The agency's own text comes from a file (``--narrative``: YAML with one key per section, or Markdown with one
heading per section) or from the store; a section without text is drafted from the figures and marked as a
draft. Drafted sentences come from the catalogue (``progress.draft.*``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..errors import InvalidInputError, Problem
from ..i18n import Text, languages, locale, message, said
from ..loading.documents import read_document
from ..loading.paths import unreadable_input
from ..models.base import localize
from ..models.progress import NARRATIVE_KEYS, Narrative, NarrativeSection, NarrativeSource, ProgressFigures
from ..rounding import shown_change

MAX_SECTION_CHARS = 20_000


# "的" may be written or left out in a heading: 存在的问题 is 存在问题, 下一步的工作打算 is 下一步工作打算.
_PARTICLE = "\u7684"
# A heading may be numbered: "## 三、存在问题", "## （三）存在问题", "## 第三部分 存在问题", "## 3. Problems".
_NUMBERING = re.compile(
    r"^[\s#0-9\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u3001.\uff0e\uff08\uff09()"
    r"\u7b2c\u90e8\u5206\u662f:\uff1a]+"
)


def _normalised(name: str) -> str:
    return name.strip().rstrip(":\uff1a").strip().casefold().replace(_PARTICLE, "")


def _heading_names() -> dict[str, str]:
    """Every way a section may be named in a file: its key, and its heading in every language."""
    names: dict[str, str] = {key: key for key in NARRATIVE_KEYS}
    names.update({key.replace("_", "-"): key for key in NARRATIVE_KEYS})
    for lang in languages():
        for key in NARRATIVE_KEYS:
            names[_normalised(message(f"progress.section.{key}", lang))] = key
            # The common variants of a heading (下一步工作安排 for 下一步工作打算), one catalogue entry each.
            for variant in message(f"progress.section_variants.{key}", lang).split("|"):
                if variant.strip():
                    names.setdefault(_normalised(variant), key)
    return names


def _section_key(name: str) -> str | None:
    names = _heading_names()
    return names.get(_normalised(name)) or names.get(_normalised(_NUMBERING.sub("", name)))


def _known() -> Text:
    """The headings a file may use, said in the reader's language (the titles, not the keys)."""
    return said(
        "errors.narrative.known_sections", **{key: said(f"progress.section.{key}") for key in NARRATIVE_KEYS}
    )


def read_narrative_file(path: str | Path) -> dict[str, str]:
    """The sections a narrative file gives (section key -> text)."""
    path = Path(path)
    if path.suffix.lower() in (".md", ".markdown", ".txt"):
        return _read_markdown(path)
    document = read_document(path, allow_aliases=False)
    if not isinstance(document.data, dict):
        raise InvalidInputError([document.problem([], said("errors.narrative.not_a_mapping"))])
    sections: dict[str, str] = {}
    problems: list[Problem] = []
    for name, text in document.data.items():
        key = _section_key(str(name))
        if key is None:
            problems.append(
                document.problem(
                    [name], said("errors.narrative.unknown_section", name=repr(name), known=_known())
                )
            )
        elif not isinstance(text, str):
            problems.append(document.problem([name], said("errors.narrative.not_text", name=name)))
        elif len(text) > MAX_SECTION_CHARS:
            problems.append(
                document.problem(
                    [name], said("errors.narrative.too_long", name=name, limit=MAX_SECTION_CHARS)
                )
            )
        else:
            sections[key] = text.strip()
    if problems:
        raise InvalidInputError(problems)
    return sections


def _read_markdown(path: Path) -> dict[str, str]:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError.single(source, said("errors.file.not_utf8"), 1, 1) from None
    except OSError as exc:
        raise InvalidInputError.single(source, unreadable_input(source, exc)) from None
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None  # the lines of the section being read
    skipped: list[str] = []  # the lines under an unknown heading (reported once, at the heading)
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = re.match(r"^#{1,3}\s+(.*)$", line)
        if heading:
            key = _section_key(heading.group(1))
            if key is None:
                name = repr(heading.group(1).strip())
                unknown = said("errors.narrative.unknown_section", name=name, known=_known())
                problems.append(Problem.said(source, unknown, number, 1))
                current = skipped
            else:
                current = sections[key] = []
        elif current is not None:
            current.append(line)
        elif line.strip():
            problems.append(Problem.said(source, said("errors.narrative.before_heading"), number, 1))
    if problems:
        raise InvalidInputError(problems)
    return {key: "\n".join(lines).strip() for key, lines in sections.items() if "".join(lines).strip()}


def build_narrative(
    figures: ProgressFigures, lang: str, given: Mapping[str, str], source: NarrativeSource
) -> Narrative:
    """The five sections: the given text where there is one, else a draft from the figures."""
    sections = []
    for key in NARRATIVE_KEYS:
        text = given.get(key)
        if text:
            sections.append(NarrativeSection(key=key, text=text, source=source))
        else:
            sections.append(NarrativeSection(key=key, text=draft(key, figures, lang), source="draft"))
    return Narrative(lang=lang, sections=sections)


def draft(key: str, figures: ProgressFigures, lang: str) -> str:
    """A draft of one section, from the figures, in ``lang``."""
    text = ""
    for sentence in _DRAFTS[key](figures, lang):
        if sentence:
            text = message("progress.draft.join", lang, text=text, more=sentence) if text else sentence
    return text


def _number(value: float | None, lang: str) -> str:
    return message("common.not_available", lang) if value is None else locale(lang).number(value)


def _measures(figures: ProgressFigures, lang: str) -> list[str]:
    t = figures.totals
    return [
        message(
            "progress.draft.measures",
            lang,
            enrolled=t.enrolled,
            diagnosed=t.diagnosed,
            plans=t.plans_issued,
            followed_up=t.followed_up,
        )
    ]


def _results(figures: ProgressFigures, lang: str) -> list[str]:
    t, targets = figures.totals, figures.targets
    sentences = [
        message(
            "progress.draft.results",
            lang,
            date=figures.as_of.isoformat(),
            enrolled=t.enrolled,
            diagnosed=t.diagnosed,
            followed_up=t.followed_up,
            accepted=t.accepted,
        )
    ]
    if targets.enterprises_helped:
        sentences.append(
            message(
                "progress.draft.target",
                lang,
                target=targets.enterprises_helped,
                share=locale(lang).percent(t.accepted / targets.enterprises_helped),
            )
        )
    if targets.benchmark_enterprises:
        sentences.append(
            message(
                "progress.draft.benchmark" if targets.benchmark else "progress.draft.benchmark_none",
                lang,
                count=figures.totals.benchmark_candidates,
                listed=targets.benchmark,
                target=targets.benchmark_enterprises,
            )
        )
    gains = figures.gains
    if gains.enterprises:
        sentences.append(
            message(
                "progress.draft.gains",
                lang,
                count=gains.enterprises,
                mean=_number(shown_change(gains.mean_baseline, gains.mean_follow_up), lang),
                median=_number(gains.median, lang),
                before=_number(gains.mean_baseline, lang),
                after=_number(gains.mean_follow_up, lang),
            )
        )
    return sentences


def _problems(figures: ProgressFigures, lang: str) -> list[str]:
    if not figures.weak_clauses:
        return [message("progress.draft.no_weak", lang)]
    clauses = locale(lang).join(
        message(
            "progress.draft.weak_clause",
            lang,
            clause=clause.id,
            title=localize(clause.title, lang),
            weak=clause.weak,
            assessed=clause.assessed,
        )
        for clause in figures.weak_clauses[:5]
    )
    sentences = [message("progress.draft.problems", lang, clauses=clauses)]
    if figures.incomplete:
        sentences.append(message("progress.draft.incomplete", lang, count=figures.incomplete))
    if figures.totals.actions_overdue:
        sentences.append(message("progress.draft.overdue", lang, count=figures.totals.actions_overdue))
    return sentences


def _next_steps(figures: ProgressFigures, lang: str) -> list[str]:
    t = figures.totals
    waiting = sum(1 for entry in figures.acceptance if entry.baseline_date and not entry.follow_up_date)
    failed = sum(1 for entry in figures.acceptance if entry.follow_up_date and not entry.accepted)
    return [
        message("progress.draft.actions", lang, count=t.actions_open, overdue=t.actions_overdue),
        message("progress.draft.follow_up", lang, count=waiting) if waiting else "",
        message("progress.draft.not_accepted", lang, count=failed) if failed else "",
    ]


def _suggestions(figures: ProgressFigures, lang: str) -> list[str]:
    target = figures.targets.enterprises_helped
    if not target:
        return [message("progress.draft.suggest_general", lang)]
    missing = target - figures.totals.accepted
    if missing <= 0:
        return [message("progress.draft.suggest_met", lang)]
    return [
        message(
            "progress.draft.suggest_gap",
            lang,
            count=missing,
            end=figures.programme.period_end.isoformat(),
        )
    ]


_DRAFTS = {
    "measures": _measures,
    "results": _results,
    "problems": _problems,
    "next_steps": _next_steps,
    "suggestions": _suggestions,
}
