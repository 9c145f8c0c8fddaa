"""The Excel questionnaire: writing the template and reading answers back, against bare baselines.

Baselines, measured in the same run:
- reading: openpyxl opening the same workbook and iterating its answer rows (the least any reader pays),
  and the same answers loaded from YAML;
- writing: openpyxl saving the same cell values with no styles, validation or protection.

Run: .venv/bin/python benchmarks/bench_xlsx.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import yaml

import iso9001assess as qa
from iso9001assess.loading.answers import load_answers
from iso9001assess.loading.xlsx.layout import ANSWERS_SHEET, COLUMN
from iso9001assess.xlsx.template import write_template

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from xlsx_filling import fill

REPEAT = 7


def best(function: Callable[[], object], repeat: int = REPEAT) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    checklist = qa.load_checklist("iso9001-2015")
    items = [item for item, _ in checklist.iter_items()]
    answers = {
        item.id: {
            "rating": index % (checklist.max_rating + 1),
            "note": f"说明 {index}",
            "evidence": "记录A\n记录B",
        }
        for index, item in enumerate(items)
    }
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        template, filled, as_yaml = work / "template.xlsx", work / "filled.xlsx", work / "filled.yaml"
        write_template(checklist, template, lang="zh")
        fill(template, filled, {("enterprise", "name"): "基准企业"}, answers)
        document = {
            "schema_version": 1,
            "checklist": f"{checklist.id}@{checklist.version}",
            "enterprise": {"name": "基准企业"},
            "answers": {
                item_id: {"rating": a["rating"], "note": a["note"], "evidence": ["记录A", "记录B"]}
                for item_id, a in answers.items()
            },
        }
        as_yaml.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

        def bare_read() -> None:
            workbook = openpyxl.load_workbook(filled, read_only=True, data_only=True)
            width = COLUMN["root_cause"].index
            for _ in workbook[ANSWERS_SHEET].iter_rows(min_row=2, max_col=width, values_only=True):
                pass
            workbook.close()

        def bare_write() -> None:
            workbook = openpyxl.Workbook()
            sheet = workbook.active
            for row, item in enumerate(items, start=2):
                sheet.cell(row=row, column=1, value=item.id)
                sheet.cell(row=row, column=3, value=str(item.text))
                sheet.cell(row=row, column=9, value=str(item.guidance))
            workbook.save(work / "bare.xlsx")

        read_bare = best(bare_read)
        read_xlsx = best(lambda: load_answers(filled, checklist))
        read_yaml = best(lambda: load_answers(as_yaml, checklist))
        write_bare = best(bare_write, 3)
        write_ours = best(lambda: write_template(checklist, work / "again.xlsx"), 3)

    print(f"checklist {checklist.id} {checklist.version}: {len(items)} items, every item answered")
    print(f"read  bare openpyxl iteration  {read_bare * 1000:8.1f} ms")
    print(
        f"read  load_answers(.xlsx)      {read_xlsx * 1000:8.1f} ms   ratio to bare {read_xlsx / read_bare:5.2f}"
    )
    print(
        f"read  load_answers(.yaml)      {read_yaml * 1000:8.1f} ms   xlsx/yaml     {read_xlsx / read_yaml:5.2f}"
    )
    print(f"write bare openpyxl save       {write_bare * 1000:8.1f} ms")
    print(
        f"write write_template           {write_ours * 1000:8.1f} ms   ratio to bare {write_ours / write_bare:5.2f}"
    )


if __name__ == "__main__":
    main()
