"""The checklist cache: a checklist file read once is loaded from its model the next time, exactly as parsed;
a changed file is parsed again; a damaged entry, an unwritable cache and an invalid file behave as without one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iso9001assess import load_answers
from iso9001assess.bundled import bundled_dir
from iso9001assess.errors import InvalidInputError
from iso9001assess.loading import cache
from iso9001assess.loading.checklists import read_checklist_file
from iso9001assess.models.checklist import Checklist

BUNDLED = bundled_dir("checklists") / "iso9001-2015.yaml"


@pytest.fixture
def cache_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


def _small_checklist(path: Path, title: str = "Small") -> Path:
    text = BUNDLED.read_text("utf-8")
    path.write_text(text.replace("title:", f"# {title}\ntitle:", 1), "utf-8")
    return path


def test_a_checklist_read_twice_is_the_same_model_and_the_second_comes_from_the_cache(cache_at: Path) -> None:
    first = read_checklist_file(BUNDLED)
    (entry,) = cache_at.glob("checklist-*.json")
    assert entry == cache.entry_path(BUNDLED.read_bytes())
    second = read_checklist_file(BUNDLED)
    assert isinstance(first, Checklist) and isinstance(second, Checklist)
    assert second == first and second.sha256 == first.sha256
    assert len(list(second.iter_items())) == 250
    # The second read used the entry: an entry edited by hand shows through (nothing else could say it).
    stored = json.loads(entry.read_text("utf-8"))
    stored["data"]["version"] = "from-the-cache"
    entry.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
    third = read_checklist_file(BUNDLED)
    assert third.version == "from-the-cache"


def test_the_entry_keeps_the_checklists_sha256_so_a_process_does_not_hash_the_checklist_again(
    cache_at: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_checklist_file(BUNDLED)
    assert isinstance(first, Checklist)
    (entry,) = cache_at.glob("checklist-*.json")
    stored = json.loads(entry.read_text("utf-8"))
    monkeypatch.setenv(cache.ENV_VAR, "off")
    parsed = read_checklist_file(BUNDLED)  # straight from the YAML, hashed here
    assert isinstance(parsed, Checklist)
    assert stored["sha256"] == parsed.sha256 == first.sha256
    monkeypatch.setenv(cache.ENV_VAR, str(cache_at))
    # The loaded model reports the entry's value (it is not hashed again): an entry edited by hand shows it.
    stored["sha256"] = "0" * 64
    entry.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
    loaded = read_checklist_file(BUNDLED)
    assert isinstance(loaded, Checklist) and loaded.sha256 == "0" * 64
    assert loaded == parsed  # the models are equal whatever their cached properties hold


def test_a_changed_file_is_parsed_again_under_another_entry(cache_at: Path, tmp_path: Path) -> None:
    path = _small_checklist(tmp_path / "c.yaml")
    read_checklist_file(path)
    text = path.read_text("utf-8")
    path.write_text(text.replace('version: "2026.2"', 'version: "changed-1"', 1), "utf-8")
    changed = read_checklist_file(path)
    assert changed.version.startswith("changed-")
    assert len(list(cache_at.glob("checklist-*.json"))) == 2


def test_a_damaged_entry_is_passed_over_and_written_again(cache_at: Path) -> None:
    expected = read_checklist_file(BUNDLED)
    (entry,) = cache_at.glob("checklist-*.json")
    entry.write_text('{"model": "checklist", "data": {"id": 3}', "utf-8")  # cut short
    assert read_checklist_file(BUNDLED) == expected
    assert json.loads(entry.read_text("utf-8"))["data"]["id"] == expected.id


def test_an_invalid_file_is_never_cached_and_reports_its_problems_each_time(
    cache_at: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nid: bad\nsections: 7\n", "utf-8")
    for _ in range(2):
        with pytest.raises(InvalidInputError) as raised:
            read_checklist_file(path)
        assert raised.value.problems[0].source == str(path)
    assert not cache_at.exists() or not list(cache_at.glob("checklist-*.json"))


def test_an_unwritable_cache_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", "utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(blocked / "cache"))
    assert read_checklist_file(BUNDLED).id == "iso9001-2015"


def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() is None
    read_checklist_file(BUNDLED)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_the_default_place_is_the_users_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform != "win32":
        assert cache.cache_dir() == tmp_path / "xdg" / "iso9001assess"


def test_the_entries_are_kept_to_a_bounded_number(
    cache_at: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for index in range(4):
        read_checklist_file(_small_checklist(tmp_path / f"c{index}.yaml", title=f"t{index}"))
    assert len(list(cache_at.glob("checklist-*.json"))) == 2


def test_a_command_scores_the_same_with_and_without_the_cache(cache_at: Path) -> None:
    sample = bundled_dir("samples")
    answers = sorted(sample.glob("*.yaml"))[0]
    command = [sys.executable, "-m", "iso9001assess", "score", str(answers), "--json"]
    printed = []
    for setting in ("off", str(cache_at), str(cache_at)):  # without, filling it, from it
        env = {**os.environ, cache.ENV_VAR: setting}
        printed.append(subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout)
    assert printed[0] == printed[1] == printed[2]
    assert json.loads(printed[0])["checklist"]["id"] == load_answers(answers).checklist_id
    assert list(cache_at.glob("checklist-*.json"))
