"""The message catalogues: one YAML file per language under ``catalogues/``, read once, on first use.

A file holds ``locale:`` (see ``Locale``) and ``messages:``, a flat mapping of dotted keys to ``str.format``
templates. A counted entry is a mapping of plural forms instead of one template, filled by a ``count`` value:
``{one: "{count} enterprise", other: "{count} enterprises"}`` in English, ``{other: "共 {count} 家企业"}`` in
Chinese; the forms a language needs are its locale's ``plural`` rule (``Locale.plural_forms``). The languages are the files present: adding ``xx.yaml`` adds the language everywhere. Plugins
add their own keys (``register_messages``); a plugin may not redefine a key of the package. The plugins' keys
are a layer of their own that lives as long as the plugin registry that registered them: when the registry is
reset or swapped, its words go with it (``use_plugin_messages``).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING

from .language import DEFAULT_LANGUAGE, Locale

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

CATALOGUE_PACKAGE = "iso9001assess.i18n.catalogues"
PluralForms = dict[str, str]  # form ("one", "other") -> template
# A plugin's text in one language: a template, or a counted entry's forms (as in the catalogue files).
MessageText = str | Mapping[str, str]
Entries = Mapping[str, Mapping[str, MessageText]]  # key -> {language: text}
PluginLayer = dict[str, dict[str, "str | PluralForms"]]  # language -> {key: text}


class Catalogue:
    """Every language's locale and messages; lookups follow the locale's fallback chain."""

    def __init__(
        self,
        locales: Mapping[str, Locale],
        messages: Mapping[str, Mapping[str, str]],
        plurals: Mapping[str, Mapping[str, PluralForms]] | None = None,
    ) -> None:
        self.locales = dict(locales)
        # Every key's one template by language; a counted key's template here is its "other" form, and its
        # forms are in ``plurals`` ({lang: {key: {form: template}}}).
        self.messages: dict[str, dict[str, str]] = {lang: dict(entries) for lang, entries in messages.items()}
        self.plurals: dict[str, dict[str, PluralForms]] = {
            lang: dict(entries) for lang, entries in (plurals or {}).items()
        }
        self.builtin_keys = frozenset(self.messages.get(DEFAULT_LANGUAGE, {}))
        # The entries of the plugins of the registry in use, by language: {lang: {key: text}}, a counted
        # entry's text being its forms ({form: template}).
        self.plugin_messages: PluginLayer = {}
        self._lock = threading.Lock()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.locales)

    def locale(self, lang: str) -> Locale:
        known = self.locales.get(lang)
        if known is not None:
            return known
        base = self.locales.get(lang.split("-")[0])
        if base is None:
            return Locale.guessed(lang)
        return dataclasses.replace(base, code=lang, tag=lang, fallbacks=(base.code, *base.fallbacks))

    def lookup(self, key: str, lang: str, count: object = None) -> str:
        """The template of ``key`` in ``lang`` or along its fallback chain; for a counted key, the form
        ``count`` takes by the rule of the language the entry is found in ("other" when no count is given)."""
        plugin = self.plugin_messages
        for candidate in self.locale(lang).chain:
            forms = self.plurals.get(candidate, {}).get(key)
            if forms is not None and count is not None:
                form = self.locale(candidate).plural_form(count)
                return forms.get(form, forms["other"])
            text = self.messages.get(candidate, {}).get(key)
            if text is not None:
                return text
            found = plugin.get(candidate, {}).get(key)
            if isinstance(found, dict):  # a plugin's counted entry
                form = "other" if count is None else self.locale(candidate).plural_form(count)
                return found.get(form, found["other"])
            if found is not None:
                return found
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return key in self.builtin_keys or key in self.plugin_messages.get(DEFAULT_LANGUAGE, {})

    def keys(self, lang: str) -> frozenset[str]:
        return frozenset(self.messages.get(lang, {})) | frozenset(self.plugin_messages.get(lang, {}))

    def check(self, entries: Entries, source: str) -> None:
        """A ValueError naming every entry that lacks English, would redefine a key of the package, or is a
        counted entry without its ``other`` form or with a form its language does not have."""
        problems = [
            f"{key}: no English text" for key, texts in entries.items() if DEFAULT_LANGUAGE not in texts
        ]
        problems += [
            f"{key}: already defined by iso9001assess" for key in entries if key in self.builtin_keys
        ]
        for key, texts in entries.items():
            for lang, text in texts.items():
                if not isinstance(text, str):
                    problems += self._plural_problems(f"{key} [{lang}]", lang, text)
        if problems:
            raise ValueError(f"{source}: " + "; ".join(problems))

    def _plural_problems(self, where: str, lang: str, forms: Mapping[str, str]) -> list[str]:
        """What is wrong with a counted entry's forms in ``lang`` (the forms its locale's plural rule has)."""
        allowed = self.locale(lang).plural_forms
        problems = [] if "other" in forms else [f"{where}: a counted entry needs its 'other' form"]
        unknown = [form for form in forms if form not in allowed]
        if unknown:
            problems.append(
                f"{where}: {', '.join(repr(f) for f in unknown)} is not a plural form of this language "
                f"(its forms: {', '.join(allowed)})"
            )
        return problems

    def use_plugin_messages(self, layer: PluginLayer) -> None:
        """Make ``layer`` ({lang: {key: text}}, owned by a plugin registry) the plugins' words in use."""
        with self._lock:
            self.plugin_messages = layer

    def add(self, entries: Entries, source: str) -> None:
        """Add entries to the plugins' words in use, all or none (see ``check``)."""
        self.check(entries, source)
        with self._lock:
            add_entries(self.plugin_messages, entries)


def add_entries(layer: PluginLayer, entries: Entries) -> None:
    """Entries ``{key: {lang: text}}`` into a layer ``{lang: {key: text}}`` (a counted entry keeps its forms)."""
    for key, texts in entries.items():
        for lang, text in texts.items():
            layer.setdefault(lang, {})[key] = text if isinstance(text, str) else dict(text)


def read_bundled() -> Catalogue:
    """The catalogue files shipped in the package."""
    return read_catalogues(resources.files(CATALOGUE_PACKAGE))


def bundled_languages() -> tuple[str, ...]:
    """The languages of the shipped catalogue files, from their names alone: the command line lists them as
    ``--lang`` choices at every start, and reading the catalogues for that would cost more than a command."""
    return catalogue_languages(resources.files(CATALOGUE_PACKAGE))


def catalogue_languages(directory: Traversable) -> tuple[str, ...]:
    """The languages of the catalogue files in ``directory``, in the order ``languages()`` reports."""
    return _ordered([entry.name.removesuffix(".yaml") for entry in _catalogue_files(directory)])


def _catalogue_files(directory: Traversable) -> list[Traversable]:
    return sorted(
        (entry for entry in directory.iterdir() if entry.name.endswith(".yaml")), key=lambda e: e.name
    )


def _ordered(codes: list[str]) -> tuple[str, ...]:
    """Chinese (the users' first language), English, then the others in file order."""
    return tuple(sorted(codes, key=lambda code: (code != "zh", code != DEFAULT_LANGUAGE)))


def read_catalogues(directory: Traversable) -> Catalogue:
    """Every ``<lang>.yaml`` in ``directory``: the languages are the files."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    locales: dict[str, Locale] = {}
    messages: dict[str, dict[str, str]] = {}
    plurals: dict[str, dict[str, PluralForms]] = {}
    for entry in _catalogue_files(directory):
        code = entry.name.removesuffix(".yaml")
        document = yaml.load(entry.read_text(encoding="utf-8"), Loader=loader)
        if not isinstance(document, dict) or not isinstance(document.get("messages"), dict):
            raise ValueError(f"catalogue {entry.name}: expected a mapping with locale: and messages:")
        locales[code] = Locale.from_mapping(code, document.get("locale") or {})
        messages[code], plurals[code] = _entries(entry.name, document["messages"])
    ordered = {code: locales[code] for code in _ordered(list(locales))}
    return Catalogue(ordered, messages, plurals)


def _entries(name: str, raw: Mapping[object, object]) -> tuple[dict[str, str], dict[str, PluralForms]]:
    """A file's messages: each key's template (a counted key's "other" form) and the counted keys' forms."""
    messages: dict[str, str] = {}
    plurals: dict[str, PluralForms] = {}
    for key, text in raw.items():
        if isinstance(text, Mapping):
            forms = {str(form): str(value) for form, value in text.items()}
            if "other" not in forms:
                raise ValueError(f"catalogue {name}: {key}: a counted entry needs its 'other' form")
            plurals[str(key)] = forms
            messages[str(key)] = forms["other"]
        else:
            messages[str(key)] = str(text)
    return messages, plurals
