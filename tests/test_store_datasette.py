"""The SQLite store opens in Datasette with the shipped metadata, and its canned queries answer."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from iso9001assess.store import DATASETTE_METADATA, Store
from store_support import SAMPLES

LOCAL = ("--host", "127.0.0.1", "--port")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> list[dict[str, object]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        rows: list[dict[str, object]] = json.load(response)
        return rows


@pytest.fixture
def datasette(tmp_path: Path) -> Iterator[str]:
    database = tmp_path / "programme.db"
    with Store(database) as store:
        assert store.ingest(SAMPLES).ok
    port = _free_port()
    log = (tmp_path / "datasette.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(database),
            "-m",
            str(DATASETTE_METADATA),
            *LOCAL,
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError((tmp_path / "datasette.log").read_text("utf-8", "replace")) from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_canned_queries_answer_over_http(datasette: str) -> None:
    by_city = _get(f"{datasette}/programme/enterprises_by_city_and_stage.json?_shape=array")
    guangzhou = next(row for row in by_city if row["city"] == "广州市")
    assert guangzhou == {
        "city": "广州市",
        "enterprises": 2,
        "enrolled": 1,  # the denim maker: a self-assessment only
        "baseline": 0,
        "plan_issued": 0,
        "followed_up": 1,
    }
    assert sum(int(str(row["enterprises"])) for row in by_city) == 8

    due = _get(f"{datasette}/programme/follow_ups_due.json?days=180&as_of=2026-11-20&_shape=array")
    # Baselines fall due 180 days later: 惠州 04-28 -> 10-25, 深圳 05-07 -> 11-03, 珠海 05-19 -> 11-15 are due by
    # 11-20; 东莞 05-26 -> 11-22 and 中山 06-09 -> 12-06 not yet; 广州 was followed up; 佛山 has a self-assessment.
    assert [row["city"] for row in due] == ["惠州市", "深圳市", "珠海市"]
    assert due[0]["follow_up_due"] == "2026-10-25"

    actions = _get(f"{datasette}/programme/actions_by_city.json?as_of=2030-01-01&_shape=array")
    # Every baseline's plan is tracked; by 2030 every pending action with a due date is overdue.
    assert actions and all(int(str(r["pending"])) >= int(str(r["overdue"])) > 0 for r in actions)

    weakest = _get(f"{datasette}/programme/weakest_clauses.json?kind=baseline&_shape=array")
    averages = [float(str(row["average_score"])) for row in weakest]
    assert averages == sorted(averages) and len(weakest) == 15
    assert all(not str(row["clause"]).startswith("LAB") for row in weakest)


def test_an_enterprises_action_history_reads_what_the_store_api_reads(datasette: str, tmp_path: Path) -> None:
    code = "91440113MA59K7XP70"  # the Guangzhou electronics maker: a baseline, then a follow-up
    rows = _get(f"{datasette}/programme/action_history.json?credit_code={code}&_shape=array")
    with Store(tmp_path / "programme.db") as store:
        expected = [
            {
                "action": action.item_id,
                "changed_on": event.on.isoformat(),
                "status": event.status,
                "source": event.source,
                "note": event.note,
            }
            for action in sorted(store.actions(code), key=lambda a: a.item_id)
            for event in action.events
        ]
        opened = {action.item_id for action in store.actions(code)}
    assert rows == expected
    # Each action's history starts with its opening (read from the action row), the follow-up's changes after.
    firsts = {row["action"]: row for row in reversed(rows)}
    assert set(firsts) == opened and {(r["status"], r["note"]) for r in firsts.values()} == {("open", None)}
    assert any(str(row["source"]).startswith("follow-up ") for row in rows)
