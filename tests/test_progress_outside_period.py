"""``progress`` without ``--as-of`` counts as of today; when today is outside the programme's period (a 2022
programme read in a later year), stderr says so and names --as-of. The report (here its JSON) is the report
as of today all the same, and nothing is said when --as-of is given."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess.commands.progress import _warn_outside_period
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.store import Store
from staged_support import PROGRAMME, fill_store, write_programme_answers


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("outside-period")
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(folder / "answers")
    store = Store(f"sqlite:///{folder / 'programme.db'}")
    fill_store(store, folder / "answers")
    return store


def _progress(
    run_cli: CliRunner, store: Store, programme: Path, *args: str, lang: str = "en"
) -> tuple[str, dict[str, object]]:
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", programme, "--db", store.url,
        "--lang", lang, "--json", *args,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    return outcome.err, json.loads(outcome.out)


def test_today_after_the_period_is_said_on_stderr_and_the_json_is_unchanged(
    store: Store, run_cli: CliRunner
) -> None:
    today = dt.date.today().isoformat()  # the fixture programme runs 2022-03-04 to 2022-12-31
    err, document = _progress(run_cli, store, PROGRAMME)
    said = [line for line in err.splitlines() if "as of today" in line]
    assert said == [
        f"warning: the figures are as of today ({today}), after the programme's period (2022-03-04 to "
        "2022-12-31) ended; for a day within it, give --as-of (for example --as-of 2022-12-31)"
    ]
    given_err, given = _progress(run_cli, store, PROGRAMME, "--as-of", today)
    assert "as of today" not in given_err  # a date given is the date meant
    assert given_err.splitlines() == [line for line in err.splitlines() if line not in said]  # the rest as is
    assert document == given  # the same report as with --as-of today
    assert document["figures"]["as_of"] == today  # type: ignore[index]


def test_the_warning_is_said_whole_in_chinese_its_level_word_included(
    store: Store, run_cli: CliRunner
) -> None:
    today = dt.date.today().isoformat()
    err, _document = _progress(run_cli, store, PROGRAMME, lang="zh")
    assert [line for line in err.splitlines() if "数据按今天" in line] == [
        f"警告：数据按今天（{today}）统计，已在项目周期（2022-03-04 至 2022-12-31）结束之后；"
        "如需周期内某日的数据，请用 --as-of 指定日期（例如 --as-of 2022-12-31）"
    ]


def test_today_before_the_period_is_said_too(store: Store, run_cli: CliRunner, tmp_path: Path) -> None:
    later = dt.date.today().year + 5
    programme = tmp_path / "later.yaml"
    programme.write_text(PROGRAMME.read_text("utf-8").replace("2022-", f"{later}-"), "utf-8")
    err, document = _progress(run_cli, store, programme)
    assert [line for line in err.splitlines() if "as of today" in line] == [
        f"warning: the figures are as of today ({dt.date.today()}), before the programme's period "
        f"({later}-03-04 to {later}-12-31) begins; for a day within it, give --as-of"
    ]
    assert document["figures"]["as_of"] == dt.date.today().isoformat()  # type: ignore[index]


def test_nothing_is_said_on_a_day_within_the_period_or_at_its_ends(caplog: pytest.LogCaptureFixture) -> None:
    start, end = dt.date(2022, 3, 4), dt.date(2022, 12, 31)
    with caplog.at_level(logging.WARNING, logger="iso9001assess"):
        for day in (start, dt.date(2022, 7, 1), end):
            _warn_outside_period(day, start, end)
        assert caplog.records == []
        _warn_outside_period(dt.date(2023, 1, 1), start, end)
    assert [record.msg(lang="zh") for record in caplog.records] == [
        "数据按今天（2023-01-01）统计，已在项目周期（2022-03-04 至 2022-12-31）结束之后；"
        "如需周期内某日的数据，请用 --as-of 指定日期（例如 --as-of 2022-12-31）"
    ]
