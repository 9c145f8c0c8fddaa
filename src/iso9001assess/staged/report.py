"""The staged report from the store: the programme's figures as of a date, and the narrative to go with them
(the agency's file, else its text kept in the store, else drafts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import NotFoundError
from ..models.base import LocalizedText
from ..models.programme import Programme
from ..models.progress import Narrative, ProgressFigures, ProgressReport
from ..plugin_manager import get_registry
from ..store import Store
from .figures import compute_figures
from .narrative import build_narrative, read_narrative_file


def clause_titles(checklist_id: str) -> dict[str, LocalizedText]:
    """Section titles of the programme's checklist, in clause order (empty when it is not installed: the
    clauses are then shown by number)."""
    try:
        checklist = get_registry().checklists.get(checklist_id)
    except NotFoundError:
        return {}
    return {section.id: section.title for section, _depth in checklist.walk_sections()}


def figures_from_store(
    store: Store, programme: Programme, as_of: dt.date | None = None, city: str | None = None
) -> ProgressFigures:
    """The figures as of ``as_of`` (default: today), of one city or of the whole programme."""
    snapshot = store.snapshot(city)
    return compute_figures(
        snapshot, programme, as_of or dt.date.today(), city, clause_titles(programme.checklist)
    )


def narrative_for(
    store: Store,
    figures: ProgressFigures,
    lang: str,
    narrative_file: str | Path | None = None,
) -> Narrative:
    """The narrative: sections from ``narrative_file`` when given, else those stored for this report (the
    programme, the city and the report date), each missing section drafted from the figures."""
    if narrative_file is not None:
        return build_narrative(figures, lang, read_narrative_file(narrative_file), "file")
    stored = store.narrative(figures.programme.id, figures.city, figures.as_of, lang)
    return build_narrative(figures, lang, stored, "store")


def progress_report(
    store: Store,
    programme: Programme,
    as_of: dt.date | None = None,
    city: str | None = None,
    lang: str = "zh",
    narrative_file: str | Path | None = None,
) -> ProgressReport:
    figures = figures_from_store(store, programme, as_of, city)
    return ProgressReport(figures=figures, narrative=narrative_for(store, figures, lang, narrative_file))


def accepted_ids(
    store: Store, programme: Programme, as_of: dt.date | None = None, city: str | None = None
) -> set[int]:
    """The ids of the enterprises accepted as of ``as_of`` under the programme's rule: the same judgement as
    the staged report's acceptance list."""
    from .acceptance import judge

    day = as_of or dt.date.today()
    return {
        enterprise.id
        for enterprise in store.snapshot(city).enterprises
        if judge(enterprise, programme.acceptance, day).accepted
    }
