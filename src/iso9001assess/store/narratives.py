"""The narrative sections of staged reports kept in the store: one text per programme, city ("" for the
province), report date, section and language. Writing one replaces it (the latest text is the report's)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, insert, select

from .schema import narratives
from .writing import now, serialize_writers

N = narratives.c


def read_narrative(
    connection: Connection, programme_id: str, city: str | None, report_date: dt.date, lang: str
) -> dict[str, str]:
    """The stored sections (section key -> text) of one report in one language."""
    query = select(N.section, N.text).where(
        N.programme_id == programme_id,
        N.city == (city or ""),
        N.report_date == report_date,
        N.lang == lang,
    )
    return {row.section: row.text for row in connection.execute(query)}


def write_narrative(
    connection: Connection,
    programme_id: str,
    city: str | None,
    report_date: dt.date,
    lang: str,
    sections: dict[str, str],
) -> None:
    """Store ``sections`` (section key -> text), replacing the text kept for the same report and language."""
    serialize_writers(connection)
    where = (
        N.programme_id == programme_id,
        N.city == (city or ""),
        N.report_date == report_date,
        N.lang == lang,
        N.section.in_(list(sections)),
    )
    connection.execute(delete(narratives).where(*where))
    stamp = now()
    for section, text in sections.items():
        connection.execute(
            insert(narratives),
            {
                "programme_id": programme_id,
                "city": city or "",
                "report_date": report_date,
                "section": section,
                "lang": lang,
                "text": text,
                "updated_at": stamp,
            },
        )
