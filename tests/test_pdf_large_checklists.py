"""Any checklist that validates renders: a checklist of many more top-level clauses than ISO 9001 has (an
industry overlay can add dozens) once made the clause chart outgrow a page and reportlab raise LayoutError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

import iso9001assess as qa

CLAUSES = 120


def _checklist(clauses: int) -> dict[str, Any]:
    def section(number: int) -> dict[str, Any]:
        return {
            "id": f"C{number}",
            "title": {
                "zh": f"第{number}条款：较长的条款标题用于检验换行",
                "en": f"Clause {number}, a long title",
            },
            "items": [
                {
                    "id": f"C{number}-01",
                    "text": {"zh": f"要求{number}", "en": f"Requirement {number}"},
                    "recommendations": [
                        {
                            "max_rating": 1,
                            "priority": "high",
                            "timeframe_days": 30,
                            "text": {"zh": "整改", "en": "Fix"},
                        }
                    ],
                }
            ],
        }

    return {
        "schema_version": 1,
        "id": "many-clauses",
        "version": "1",
        "title": {"zh": "多条款检查表", "en": "Many clauses"},
        "standard": "ISO 9001:2015",
        "scale": [{"value": v, "label": {"zh": f"等级{v}", "en": f"Level {v}"}} for v in range(5)],
        "sections": [section(number) for number in range(1, clauses + 1)],
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_checklist_of_120_clauses_renders(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(_checklist(CLAUSES), allow_unicode=True), encoding="utf-8")
    checklist = qa.load_checklist(path)
    answers = tmp_path / "a.yaml"
    ratings = {f"C{number}-01": number % 5 for number in range(1, CLAUSES + 1)}
    document = {
        "schema_version": 1,
        "checklist": "many-clauses",
        "enterprise": {"name": "多条款企业", "has_lab": False},
        "assessment": {"kind": "baseline", "date": "2026-05-01"},
        "answers": ratings,
    }
    answers.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = qa.score(checklist, qa.load_answers(answers, checklist))
    out = tmp_path / f"many-{lang}.pdf"
    qa.export(result, out, lang=lang)
    text = "".join(page.extract_text() or "" for page in PdfReader(out).pages)
    # The last clause is charted and listed like the first: C120 rated 0 is a finding.
    assert "C120" in text and "C1-01" in text
