"""The staged report's figures as a workbook: one sheet per table (summary against targets, by city, cluster
and size, acceptance, benchmark candidates, weak clauses, score gains, narrative), headers in the report's
language. Numbers stay numbers at full precision; the cell format rounds them for display."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from ..i18n import locale, message, vocab
from ..models.base import localize
from ..models.progress import Counts, GroupFigures, Narrative, ProgressFigures
from ..rounding import round_half_up, shown_change

COUNT_FIELDS: tuple[str, ...] = tuple(Counts.model_fields)
_ONE_DECIMAL = "0.0"


class _Sheets:
    def __init__(self, workbook: Any, lang: str) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.workbook, self.lang = workbook, lang
        self.bold = Font(bold=True)
        self.fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.first = True

    def w(self, key: str, **values: object) -> str:
        return message(key, self.lang, **values)

    def sheet(self, title_key: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Any:
        from ..xlsx.writing import put

        if self.first:
            sheet = self.workbook.active
            self.first = False
        else:
            sheet = self.workbook.create_sheet()
        sheet.title = self.w(title_key)[:31]
        for column, text in enumerate(header, start=1):
            cell = put(sheet, 1, column, text)
            cell.font, cell.fill = self.bold, self.fill
            sheet.column_dimensions[cell.column_letter].width = max(10, min(40, len(text) * 2 + 2))
        for row_number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                cell = put(sheet, row_number, column, value)
                if isinstance(value, float):
                    cell.number_format = _ONE_DECIMAL
        sheet.freeze_panes = "B2"
        return sheet


def _shown(value: float | None) -> float | None:
    return None if value is None else round_half_up(value)


def _counts_header(sheets: _Sheets, first: str) -> list[str]:
    return [first, *(sheets.w(f"progress.count.{name}") for name in COUNT_FIELDS)]


def _group_rows(
    sheets: _Sheets, groups: Sequence[GroupFigures], none_key: str, kind: str
) -> list[list[object]]:
    rows: list[list[object]] = []
    for group in groups:
        if group.key is None:
            label = sheets.w(none_key)
        elif kind == "size":
            label = vocab("size", group.key, sheets.lang)
        else:
            label = localize(group.title, sheets.lang) if group.title else group.key
        row: list[object] = [label, *(getattr(group.counts, name) for name in COUNT_FIELDS)]
        if kind == "city":
            share = group.counts.accepted / group.quota if group.quota else None
            row += [group.quota, share]
        rows.append(row)
    return rows


def write_workbook(figures: ProgressFigures, narrative: Narrative, lang: str, out: IO[bytes]) -> None:
    from ..loading.xlsx.dependency import import_openpyxl
    from ..xlsx.writing import save

    openpyxl = import_openpyxl("staged_xlsx")
    workbook = openpyxl.Workbook()
    sheets = _Sheets(workbook, lang)
    w = sheets.w
    dash = message("common.dash", lang)

    summary_header = [w("progress.column.figure"), w("progress.column.value", date=figures.as_of.isoformat())]
    if figures.previous_report is not None:
        summary_header += [
            w("progress.column.previous", date=figures.previous_report.isoformat()),
            w("progress.column.change"),
        ]
    summary_header.append(w("progress.column.target"))
    targets = {
        "accepted": figures.targets.enterprises_helped,
        "benchmark_candidates": figures.targets.benchmark_enterprises,
    }
    summary_rows: list[list[object]] = []
    for name in COUNT_FIELDS:
        row: list[object] = [w(f"progress.count.{name}"), getattr(figures.totals, name)]
        if figures.previous is not None and figures.change is not None:
            row += [getattr(figures.previous, name), getattr(figures.change, name)]
        row.append(targets.get(name) if targets.get(name) is not None else dash)
        summary_rows.append(row)
    sheets.sheet("progress.sheet.summary", summary_header, summary_rows)

    city_header = [
        *_counts_header(sheets, w("progress.column.city")),
        w("progress.column.quota"),
        w("progress.column.quota_share"),
    ]
    city_sheet = sheets.sheet(
        "progress.sheet.cities", city_header, _group_rows(sheets, figures.by_city, "progress.no_city", "city")
    )
    for cells in city_sheet.iter_rows(min_row=2, min_col=len(city_header), max_col=len(city_header)):
        for cell in cells:
            cell.number_format = "0%"
    sheets.sheet(
        "progress.sheet.clusters",
        _counts_header(sheets, w("progress.column.cluster")),
        _group_rows(sheets, figures.by_cluster, "progress.no_cluster", "cluster"),
    )
    sheets.sheet(
        "progress.sheet.sizes",
        _counts_header(sheets, w("progress.column.size")),
        _group_rows(sheets, figures.by_size, "progress.no_size", "size"),
    )
    sheets.sheet(
        "progress.sheet.acceptance",
        [
            w("progress.column.enterprise"),
            w("vocab.field.credit_code"),
            w("progress.column.city"),
            w("progress.column.baseline"),
            w("progress.column.follow_up"),
            w("progress.column.gain"),
            w("progress.column.accepted"),
            w("progress.column.reasons"),
        ],
        [
            [
                entry.name,
                entry.credit_code or dash,
                figures.city_name(entry.city, lang) if entry.city else dash,
                # As shown (one decimal), so that the gain is what a reader subtracts (JSON: exact).
                _shown(entry.baseline_overall),
                _shown(entry.follow_up_overall),
                None if entry.gain is None else shown_change(entry.baseline_overall, entry.follow_up_overall),
                w("progress.yes") if entry.accepted else w("progress.no"),
                locale(lang).join(reason.text.get(lang, reason.text["en"]) for reason in entry.reasons),
            ]
            for entry in figures.acceptance
        ],
    )
    sheets.sheet(
        "progress.sheet.benchmark",
        [
            w("progress.column.rank"),
            w("progress.column.enterprise"),
            w("progress.column.city"),
            w("progress.column.overall"),
            w("progress.column.lab_index"),
            w("progress.column.lab_verdict"),
        ],
        [
            [
                candidate.rank,
                candidate.name,
                figures.city_name(candidate.city, lang) if candidate.city else dash,
                candidate.overall,
                candidate.lab_index,
                vocab("lab_verdict", candidate.lab_verdict or "none", lang),
            ]
            for candidate in figures.benchmark
        ],
    )
    sheets.sheet(
        "progress.sheet.clauses",
        [
            w("progress.column.clause"),
            w("progress.column.weak"),
            w("progress.column.assessed"),
            w("progress.column.mean"),
        ],
        [
            [f"{clause.id} {localize(clause.title, lang)}", clause.weak, clause.assessed, clause.mean_score]
            for clause in figures.weak_clauses
        ],
    )
    sheets.sheet(
        "progress.sheet.gains",
        [w("progress.column.gain_range"), w("progress.column.enterprises")],
        [[_range(bucket.low, bucket.high), bucket.count] for bucket in figures.gains.distribution],
    )
    narrative_sheet = sheets.sheet(
        "progress.sheet.narrative",
        [w("progress.column.section"), w("progress.column.source"), w("progress.column.text")],
        [
            [w(f"progress.section.{section.key}"), w(f"progress.source.{section.source}"), section.text]
            for section in narrative.sections
        ],
    )
    narrative_sheet.column_dimensions["C"].width = 100
    for cells in narrative_sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in cells:
            cell.alignment = sheets.wrap
    save(workbook, out)


def _range(low: float | None, high: float | None) -> str:
    if low is None:
        return f"< {high:g}"
    if high is None:
        return f"≥ {low:g}"
    return f"{low:g}–{high:g}"
