"""The one rule that says which city a written city name means, used wherever a city is looked up or counted
(``--city`` of ``enterprises`` and ``progress``, the progress report's cities, a programme file's quotas).

A name means a city when it is the city's name or one of its other names (a programme gives each city a title
per language: ``en: Guangzhou``), compared without the city's ending (广州 is 广州市, 延边朝鲜族 is
延边朝鲜族自治州), without surrounding spaces, and case-insensitively (Guangzhou, guangzhou). A name that
could mean two cities means none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# What a city's name may end with and still be the city without it: 广州 is 广州市, 延边 is 延边朝鲜族自治州.
_CITY_ENDINGS = ("市", "地区", "自治州", "盟", " city", " prefecture")


def city_key(name: str) -> str:
    """What two names of one city have in common: trimmed, case-folded, without the city's ending."""
    key = " ".join(name.split()).casefold()
    for ending in _CITY_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            return key.removesuffix(ending).strip()
    return key


class CityNames:
    """Cities, each under its own name and its other names; ``find`` says which one a written name means."""

    def __init__(self, cities: Mapping[str, Iterable[str]] | Iterable[str]) -> None:
        aliases = cities if isinstance(cities, Mapping) else dict.fromkeys(cities, ())
        self.cities: list[str] = list(aliases)
        self._by_key: dict[str, set[str]] = {}
        for city, others in aliases.items():
            for name in (city, *others):
                self._by_key.setdefault(city_key(name), set()).add(city)

    def find(self, given: str) -> str | None:
        """The city ``given`` names: itself when it is one, else the one city it means by the rule; None
        when it means none, or more than one."""
        if given in self.cities:
            return given
        found = self._by_key.get(city_key(given), set())
        return next(iter(found)) if len(found) == 1 else None

    def all_meant(self, given: str) -> list[str]:
        """Every city that ``given`` may mean by the rule (those written differently for one city), in order."""
        found = self._by_key.get(city_key(given), set())
        return [city for city in self.cities if city in found or city == given]


def match_city(given: str, known: Iterable[str]) -> str | None:
    """The one of the ``known`` cities that ``given`` names (see ``CityNames.find``)."""
    return CityNames(known).find(given)
