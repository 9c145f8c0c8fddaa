"""The programme store, on SQLite and on PostgreSQL: the register, idempotent ingest, corrections kept as
history, stages, and results re-derived exactly from the answers kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import iso9001assess as qa
from iso9001assess.store import Store
from store_support import SAMPLE, SAMPLES, credit_code, write_answers


def test_ingest_twice_changes_nothing(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        first = store.ingest(SAMPLES)
        assert first.ok and first.count("added") == 9
        second = store.ingest(SAMPLES)
        assert second.ok and second.count("unchanged") == 9 and second.count("added") == 0
        register = store.enterprises()
        # Eight files, seven enterprises: the Guangzhou one has a baseline and a follow-up.
        assert len(register) == 8  # nine files: the Guangzhou electronics maker's baseline and follow-up
        assert sum(len(store.assessments(e, include_superseded=True)) for e in register) == 9
        assert {outcome.assessment_id for outcome in second.outcomes} == {
            outcome.assessment_id for outcome in first.outcomes
        }


def test_the_same_content_in_another_file_is_the_same_assessment(store_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy" / "renamed.yaml"
    copy.parent.mkdir()
    copy.write_text("# a comment changes the bytes, not the answers\n" + SAMPLE.read_text("utf-8"), "utf-8")
    with Store(store_url) as store:
        assert store.ingest(SAMPLE).outcomes[0].status == "added"
        assert store.ingest(copy).outcomes[0].status == "unchanged"


def test_a_corrected_file_supersedes_and_keeps_the_history(store_url: str, tmp_path: Path) -> None:
    code = credit_code(7)
    first = write_answers(tmp_path / "v1" / "acme.yaml", code=code, ratings={"4.1-01": 0})
    corrected = write_answers(tmp_path / "v2" / "acme.yaml", code=code, ratings={"4.1-01": 4})
    with Store(store_url) as store:
        added = store.ingest(first).outcomes[0]
        fixed = store.ingest(corrected).outcomes[0]
        assert (added.status, fixed.status) == ("added", "superseded")
        assert fixed.supersedes == added.assessment_id
        history = store.assessments(code, include_superseded=True)
        assert [r.id for r in history] == [added.assessment_id, fixed.assessment_id]
        old, new = history
        assert old.superseded_by == new.id and old.superseded_at is not None and new.current
        assert [r.id for r in store.assessments(code)] == [new.id]
        # The earlier version is still there in full: its own answers and result.
        assert store.answers(old).answers["4.1-01"] == 0
        assert store.result(old).item("4.1-01").rating == 0
        assert store.latest(code) == new
        assert new.overall == pytest.approx(score_file(corrected).overall.score)
        # Sending the earlier file again does not bring it back.
        again = store.ingest(first).outcomes[0]
        assert again.status == "unchanged" and again.assessment_id == old.id
        assert [r.id for r in store.assessments(code)] == [new.id]


def score_file(path: Path) -> qa.Result:
    answers = qa.load_answers(path)
    return qa.score(qa.load_checklist(answers.checklist_id), answers)


def test_the_full_result_is_re_derived_exactly(store_url: str) -> None:
    with Store(store_url) as store:
        store.ingest(SAMPLES)
        for path in sorted(SAMPLES.glob("*.yaml")):
            answers = qa.load_answers(path)
            record = store.latest(answers.enterprise.credit_code or "", answers.assessment.kind)
            assert record is not None
            assert store.result(record) == score_file(path)


def test_a_changed_name_or_city_with_the_same_credit_code_is_history(store_url: str, tmp_path: Path) -> None:
    code = credit_code(11)
    old = write_answers(tmp_path / "a.yaml", code=code, name="广州旧名有限公司", city="广州市")
    new = write_answers(
        tmp_path / "b.yaml",
        code=code,
        name="佛山新名有限公司",
        city="佛山市",
        kind="follow-up",
        date="2026-10-01",
    )
    with Store(store_url) as store:
        store.ingest(
            new
        )  # the later file first: the register shows the most recent details whatever the order
        store.ingest(old)
        register = store.enterprises()
        assert len(register) == 1
        (enterprise,) = register
        assert (enterprise.name, enterprise.city, enterprise.credit_code) == (
            "佛山新名有限公司",
            "佛山市",
            code,
        )
        assert [(n.name, n.city, n.first_seen) for n in enterprise.names] == [
            ("广州旧名有限公司", "广州市", dt.date(2026, 4, 16)),
            ("佛山新名有限公司", "佛山市", dt.date(2026, 10, 1)),
        ]
        # Found by its former name too.
        assert store.enterprise("广州旧名有限公司").id == enterprise.id
        assert store.enterprises(city="广州市") == []
        assert [e.id for e in store.enterprises(city="佛山市")] == [enterprise.id]


def test_without_a_credit_code_the_name_and_city_identify(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        store.ingest(write_answers(tmp_path / "1.yaml", name="中山某某有限公司", city="中山市"))
        # The same name written with a full-width space, same city: the same enterprise.
        store.ingest(
            write_answers(
                tmp_path / "2.yaml",
                name="中山某某　有限公司",
                city="中山市",
                kind="follow-up",
                date="2026-09-01",
            )
        )
        # The same name in another city: another enterprise.
        store.ingest(write_answers(tmp_path / "3.yaml", name="中山某某有限公司", city="江门市"))
        assert sorted((e.city, e.assessments) for e in store.enterprises()) == [("中山市", 2), ("江门市", 1)]
        # A later file gives the credit code under the same name and city: the code is adopted, no new entry.
        code = credit_code(21)
        store.ingest(
            write_answers(
                tmp_path / "4.yaml", name="中山某某有限公司", city="中山市", code=code, date="2026-11-01"
            )
        )
        zhongshan = [e for e in store.enterprises() if e.city == "中山市"]
        assert len(zhongshan) == 1 and zhongshan[0].credit_code == code and zhongshan[0].assessments == 3
        # And a file without the code under that name and city still finds it.
        found = store.ingest(
            write_answers(
                tmp_path / "5.yaml", name="中山某某有限公司", city="中山市", kind="self", date="2026-12-01"
            )
        )
        assert found.outcomes[0].enterprise_id == zhongshan[0].id
        assert len(store.enterprises()) == 2


def test_stages_follow_the_programme(store_url: str, tmp_path: Path) -> None:
    code = credit_code(31)
    with Store(store_url) as store:
        store.ingest(write_answers(tmp_path / "self.yaml", code=code, kind="self", date="2026-03-10"))
        assert store.enterprise(code).stage == "enrolled"
        store.ingest(write_answers(tmp_path / "base.yaml", code=code, kind="baseline"))
        assert store.enterprise(code).stage == "baseline"
        store.mark_plan_issued(code, dt.date(2026, 4, 20))
        enterprise = store.enterprise(code)
        assert (enterprise.stage, enterprise.plan_issued_on) == ("plan-issued", dt.date(2026, 4, 20))
        store.ingest(write_answers(tmp_path / "fu.yaml", code=code, kind="follow-up", date="2026-10-01"))
        enterprise = store.enterprise(code)
        assert enterprise.stage == "followed-up"
        assert enterprise.baseline is not None and enterprise.baseline.date == dt.date(2026, 4, 16)
        assert enterprise.follow_up is not None and enterprise.latest == enterprise.follow_up
        assert [e.id for e in store.enterprises(stage="followed-up")] == [enterprise.id]
        assert store.enterprises(stage="baseline") == []


def test_a_bad_file_writes_nothing(store_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "in" / "bad.yaml"
    write_answers(bad, code=credit_code(41), ratings={"4.1-01": 9})
    good = write_answers(tmp_path / "in" / "good.yaml", code=credit_code(42))
    undated = tmp_path / "in" / "undated.yaml"
    undated.write_text(good.read_text("utf-8").replace("date: '2026-04-16'", "date: null"), "utf-8")
    with Store(store_url) as store:
        report = store.ingest(tmp_path / "in")
        assert [o.source for o in report.outcomes] == [str(good)]  # as given; failures too
        failed = dict(report.failures)
        assert set(failed) == {str(bad), str(undated)}
        assert any("rating 9" in p.message and p.line is not None for p in failed[str(bad)])
        assert "assessment.date" in str(failed[str(undated)][0])
        assert [e.credit_code for e in store.enterprises()] == [credit_code(42)]


def test_the_follow_up_finds_its_baseline(store_url: str) -> None:
    with Store(store_url) as store:
        store.ingest(SAMPLES)
        follow_up = qa.load_answers(SAMPLES / "gz-electronics-followup.yaml")
        baseline = store.baseline_for(follow_up)
        assert baseline == score_file(SAMPLES / "gz-electronics-baseline.yaml")
        # No baseline dated before the enterprise's first assessment, none for an unknown enterprise.
        assert store.baseline_for(follow_up, before=dt.date(2026, 1, 1)) is None
        stranger = follow_up.model_copy(
            update={"enterprise": follow_up.enterprise.model_copy(update={"credit_code": credit_code(99)})}
        )
        assert store.baseline_for(stranger) is None
