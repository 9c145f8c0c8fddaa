"""The staged report from the store: the programme's figures as of a date, and the narrative to go with them
(the agency's file, else its text kept in the store, else drafts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ..cities import CityNames
from ..errors import NotFoundError
from ..models.base import LocalizedText
from ..models.programme import Programme
from ..models.progress import Narrative, ProgressFigures, ProgressReport
from ..plugin_manager import get_registry
from ..store import Store
from ..store.reading import register_order
from ..store.snapshot import Snapshot
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


@dataclasses.dataclass(frozen=True)
class CityNote:
    """An enterprise of the report whose city, as its answers write it, is not one of the programme's: counted
    under the programme's city it means (``counted_as``), or under its own name when it means none."""

    name: str
    written: str
    counted_as: str | None  # None: outside the programme's cities, a row of its own


def city_fold(programme: Programme, stored: list[str]) -> dict[str, str]:
    """Each city the store's enterprises are in -> the city they are counted under: the programme's city it
    means by the one city rule (广州 -> 广州市, Guangzhou -> 广州市 when the programme says so), else itself."""
    index = programme.city_index
    if index is None:
        return {city: city for city in stored}
    return {city: index.find(city) or city for city in stored}


def city_members(programme: Programme | None, stored: list[str], city: str) -> list[str]:
    """The cities, as the store's enterprises write them, counted as ``city``: those that fold onto it when
    the programme lists cities, else those the rule says are ``city`` written otherwise."""
    if programme is not None and programme.city_index is not None:
        fold = city_fold(programme, stored)
        return [written for written in stored if fold[written] == city]
    return CityNames(stored).all_meant(city)


def report_snapshot(
    store: Store, programme: Programme, city: str | None = None, notes: list[CityNote] | None = None
) -> Snapshot:
    """The store's snapshot of the report's enterprises, each city folded onto the programme's city it means
    (``notes``, when given, receives the enterprises whose city is written otherwise or is not the
    programme's)."""
    stored = store.cities()
    fold = city_fold(programme, stored)
    if city is None:
        snapshot = store.snapshot(None)
    else:
        parts = [store.snapshot(written) for written in city_members(programme, stored, city)]
        snapshot = Snapshot(
            tuple(e for part in parts for e in part.enterprises),
            {key: value for part in parts for key, value in part.clauses.items()},
        )
    listed = programme.city_index
    folded = []
    for enterprise in snapshot.enterprises:
        written = enterprise.city
        counted = written if written is None else (city or fold.get(written, written))
        if written is not None and listed is not None and written not in listed.cities and notes is not None:
            notes.append(CityNote(enterprise.name, written, None if counted == written else counted))
        if counted != written:  # a city's report counts every way its name is written as the city
            enterprise = dataclasses.replace(enterprise, city=counted)
        folded.append(enterprise)
    folded.sort(key=register_order)
    return Snapshot(tuple(folded), snapshot.clauses)


def figures_from_store(
    store: Store,
    programme: Programme,
    as_of: dt.date | None = None,
    city: str | None = None,
    notes: list[CityNote] | None = None,
) -> ProgressFigures:
    """The figures as of ``as_of`` (default: today), of one city or of the whole programme."""
    snapshot = report_snapshot(store, programme, city, notes)
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
    notes: list[CityNote] | None = None,
) -> ProgressReport:
    figures = figures_from_store(store, programme, as_of, city, notes)
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
        for enterprise in report_snapshot(store, programme, city).enterprises
        if judge(enterprise, programme.acceptance, day).accepted
    }
