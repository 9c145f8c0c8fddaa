"""Ids listed for a reader in no checklist order are sorted as a reader counts: numbers by value."""

from __future__ import annotations

from iso9001assess.i18n.collation import id_key


def test_numbers_in_ids_sort_by_value() -> None:
    ids = [
        "LAB.16-01",
        "LAB.1-01",
        "LAB.2-01",
        "10.2-01",
        "4.3-01",
        "8.4.2-T01",
        "8.4.2-01",
        "7.1.5.1-01",
        "7.1-01",
    ]
    assert sorted(ids, key=id_key) == [
        "4.3-01",
        "7.1-01",
        "7.1.5.1-01",
        "8.4.2-01",
        "8.4.2-T01",
        "10.2-01",
        "LAB.1-01",
        "LAB.2-01",
        "LAB.16-01",
    ]
    assert sorted(ids) != sorted(ids, key=id_key)  # a string sort puts 10.2 first and LAB.16 before LAB.2
