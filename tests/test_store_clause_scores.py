"""Clause scores since revision 0005: the assessment_clauses view reads each current assessment's recorded
result, so a correction replaces its clause scores without the writer touching them, and the staged report's
snapshot (which parses the same results in Python) gives the same figures as the view, on both databases."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from iso9001assess.store import Store
from iso9001assess.store.schema import assessment_clauses, assessments
from store_support import SAMPLE, SAMPLES, write_answers

SAMPLE_CODE = "91440113MA59K7XP70"  # the Guangzhou sample's credit code


def test_the_view_holds_the_current_assessments_clause_scores(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        assert store.ingest(SAMPLES).ok
        (first,) = store.ingest(SAMPLE).outcomes  # recorded already: its assessment's id
        # The same enterprise, kind and date, 4.1-01 now rated 0: a correction of the sample's baseline.
        corrected = write_answers(tmp_path / "correction.yaml", code=SAMPLE_CODE, ratings={"4.1-01": 0})
        (outcome,) = store.ingest(corrected).outcomes
        assert outcome.status == "superseded" and outcome.supersedes == first.assessment_id
        C, A = assessment_clauses.c, assessments.c
        with store.engine.connect() as connection:
            view: dict[int, dict[str, tuple[object, ...]]] = defaultdict(dict)
            for row in connection.execute(select(C.assessment_id, C.clause_id, C.depth, C.score, C.lab)):
                view[row.assessment_id][row.clause_id] = (row.depth, row.score, row.lab)
            results = dict(connection.execute(select(A.id, A.result).where(A.superseded_by.is_(None))).all())
        snapshot = store.snapshot()
    # Every current assessment (9 samples, the sample's baseline replaced), and only those.
    assert set(view) == set(results) and len(view) == 9 and first.assessment_id not in view
    for assessment_id, result in results.items():
        sections = json.loads(result)["sections"]
        expected = {key: tuple(value) for key, value in sections.items() if value[0] <= 1}
        assert view[assessment_id] == expected
        # The snapshot parses the same result: the same clauses, depths, scores and lab flags.
        parsed = {c.clause_id: (c.depth, c.score, c.lab) for c in snapshot.clauses[assessment_id]}
        assert parsed == expected
    # The correction's clause 4.1 is scored from its own answers: 4.1-01 went from the sample's rating to 0.
    corrected_41 = view[outcome.assessment_id]["4.1"][1]
    with Store(store_url) as store:  # the superseded version, re-derived from its answers
        before_41 = next(s.score for s in store.result(first.assessment_id).sections if s.id == "4.1")
    assert corrected_41 is not None and before_41 is not None and corrected_41 < before_41
    # Clauses ("7") and sub-clauses ("7.1") only; deeper sections ("7.1.5") stay in the result.
    depths = {depth for clauses in view.values() for depth, _, _ in clauses.values()}
    assert depths == {0, 1}
    assert any(c.startswith("LAB") and lab is True for c, (_, _, lab) in view[outcome.assessment_id].items())
