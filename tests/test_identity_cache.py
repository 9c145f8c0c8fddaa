"""The caches keyed by object identity (scoring.identity_cache): an entry is never given for another object,
even one that has the id of an object freed before — the stale-id reuse a plain ``dict[id(x)]`` allows."""

from __future__ import annotations

import gc

import iso9001assess as qa
from fixture_paths import MINI_CHECKLIST
from iso9001assess.loading.checklists import read_checklist_file
from iso9001assess.models import Checklist
from iso9001assess.scoring.compact import compact, expand
from iso9001assess.scoring.identity_cache import IdentityCache
from iso9001assess.testing import answers_for


class Thing:
    """An object of a fixed size: CPython gives a freed one's address to the next one made."""


def test_an_entry_keeps_its_objects_so_their_ids_are_never_reused() -> None:
    # The control: a plain dict keyed by id() does see a freed object's id again (else this test proves nothing).
    plain: dict[int, str] = {}
    reused = 0
    for index in range(200):
        thing = Thing()
        reused += id(thing) in plain
        plain[id(thing)] = f"value {index}"
        del thing
    assert reused > 0

    cache: IdentityCache[str] = IdentityCache(limit=1_000)
    hits = 0
    for index in range(200):
        thing = Thing()
        hits += cache.get(thing) is not None
        cache.put(f"value {index}", thing)
        del thing
        gc.collect()
    assert hits == 0  # every new object is a miss: the freed-id case cannot happen while an entry holds it


def test_the_key_is_the_objects_and_the_extra_values() -> None:
    cache: IdentityCache[int] = IdentityCache(limit=10)
    a, b = Thing(), Thing()
    cache.put(1, a, b, extra=("item", 3))
    assert cache.get(a, b, ("item", 3)) == 1
    assert cache.get(b, a, ("item", 3)) is None  # the order of the objects counts
    assert cache.get(a, b, ("item", 4)) is None
    assert cache.get(a, Thing(), ("item", 3)) is None
    assert cache.get(a) is None  # one object is a key of its own


def test_a_full_cache_is_emptied_never_grown() -> None:
    cache: IdentityCache[int] = IdentityCache(limit=3)
    things = [Thing() for _ in range(7)]
    for index, thing in enumerate(things):
        cache.put(index, thing)
        assert len(cache) <= 3
    assert cache.get(things[-1]) == 6 and cache.get(things[0]) is None


def test_scoring_never_answers_with_a_freed_checklists_parts() -> None:
    """Checklists made and dropped one after another, through every identity cache of scoring and the compact
    form: each result has the texts and weights of its own checklist, never those of one scored before."""
    document = read_checklist_file(MINI_CHECKLIST).model_dump(mode="json", exclude_unset=True)
    for round_ in range(30):
        document["sections"][0]["sections"][0]["items"][0]["text"] = {
            "en": f"Question {round_}",
            "zh": f"问题{round_}",
        }
        document["sections"][0]["sections"][0]["items"][0]["weight"] = 1 + round_ % 3
        checklist = Checklist.model_validate(document)
        result = qa.score(checklist, answers_for(checklist, default=2))
        item = result.item("4.1-01")
        assert item.text["en"] == f"Question {round_}" and item.weight == 1 + round_ % 3
        # The compact form leaves out what the checklist says and gets it back from this very checklist.
        assert expand(compact(result, checklist), checklist, result.method) == result
        del checklist, result, item
        gc.collect()
