"""Every fixed word the outputs show, in every catalogued language: ``message(key, lang, **values)``.

The words live in one catalogue file per language (``i18n/catalogues/<lang>.yaml``), flat dotted keys by
namespace: ``common.*`` (page furniture), ``vocab.*`` (readiness, verdicts, grades, kinds, sizes, statuses,
priorities, fields — defined once, used by every output), ``report.*``, ``cmp.*``, ``portfolio.*``,
``xlsx.*``, ``cli.*``, ``errors.*`` (what is wrong with an input or the environment: said through a ``Text``,
so that the command line shows it in the command's language). Checklist text is not here (a checklist
localizes its own text). A language's other needs (fallbacks, rounding, list joining, heading numerals,
fonts) are its ``Locale``. Plugins bring their own entries through the ``register_messages`` hook. Adding a
language is adding one file.
"""

from __future__ import annotations

import functools

from .catalogue import Catalogue, Entries, PluginLayer, bundled_languages, read_bundled
from .language import DEFAULT_LANGUAGE, Locale, chinese_numeral, half_up
from .text import Text, in_language, said

__all__ = [
    "DEFAULT_LANGUAGE",
    "Locale",
    "Text",
    "catalogue",
    "chinese_numeral",
    "half_up",
    "has_message",
    "in_language",
    "industry_code",
    "languages",
    "locale",
    "message",
    "numbered",
    "register_messages",
    "said",
    "template",
    "use_plugin_messages",
    "vocab",
    "vocab_codes",
]


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue, read from the package's files on first use (``import iso9001assess`` stays light)."""
    read = read_bundled()
    read.use_plugin_messages(_plugin_layer["in use"])
    return read


# The plugins' words of the registry in use, kept here until the catalogue is first read: a command that says
# nothing in words (``score --json``) never reads the catalogue files.
_plugin_layer: dict[str, PluginLayer] = {"in use": {}}


def use_plugin_messages(layer: PluginLayer) -> None:
    """Make ``layer`` ({lang: {key: text}}, owned by a plugin registry) the plugins' words in use."""
    _plugin_layer["in use"] = layer
    if catalogue.cache_info().currsize:  # already read: switch it now; else catalogue() takes it when read
        catalogue().use_plugin_messages(layer)


@functools.cache
def languages() -> tuple[str, ...]:
    """The catalogued languages (one per catalogue file), Chinese first: the same as the catalogue's, from
    the files' names (listing them does not read the catalogues)."""
    return bundled_languages()


def locale(lang: str) -> Locale:
    """The locale of ``lang``; a language with no file of its own borrows its base language's (zh-TW -> zh)."""
    return catalogue().locale(lang)


def template(key: str, lang: str, /, count: object = None) -> str:
    """The unfilled entry, for callers that fill it themselves (``exporters.pdf.markup.markup`` escapes); a
    counted entry in the form ``count`` takes."""
    return catalogue().lookup(key, lang, count)


def message(key: str, lang: str, /, **values: object) -> str:
    """The entry ``key`` in ``lang`` (else along its fallback chain, ending in English), filled with ``values``;
    a counted entry (plural forms) takes the form its ``count`` value asks for in that language."""
    text = catalogue().lookup(key, lang, values.get("count"))
    return text.format(**values) if values else text


def vocab(kind: str, code: str, lang: str, /) -> str:
    """A code of the product's vocabulary in words: ``vocab("readiness", "not-ready", "zh")``."""
    return message(f"vocab.{kind}.{code}", lang)


def vocab_codes(kind: str, /) -> list[str]:
    """The codes of a kind of the vocabulary (``industry``: electronics, food, ...), the package's and those the
    plugins in use add (a plugin's ``vocab.industry.<code>`` entry adds an industry), sorted."""
    return list(_vocabulary()[0].get(kind, ()))


def industry_code(written: str, /) -> str | None:
    """The industry code an answer's ``industry`` names: the code itself (``electronics``) or its name in any
    catalogued language (电子信息, Electronics, 電子信息), case and surrounding spaces aside; None for other text."""
    return _vocabulary()[1].get(written.strip().casefold())


# The vocabulary's codes by kind and the industries' words, worked out once per state of the catalogue (the
# plugins' words in use may change: a registry swapped, or a plugin's words added), not once per enterprise.
_VocabularyIndex = tuple[dict[str, tuple[str, ...]], dict[str, str]]
_vocabulary_cache: dict[str, tuple[tuple[int, int, int], _VocabularyIndex]] = {}


def _vocabulary() -> _VocabularyIndex:
    read = catalogue()
    plugin_words = read.plugin_messages
    state = (id(read), id(plugin_words), sum(len(entries) for entries in plugin_words.values()))
    cached = _vocabulary_cache.get("index")
    if cached is not None and cached[0] == state:
        return cached[1]
    codes: dict[str, list[str]] = {}
    for key in read.keys(DEFAULT_LANGUAGE):
        parts = key.split(".", 2)
        if len(parts) == 3 and parts[0] == "vocab":
            codes.setdefault(parts[1], []).append(parts[2])
    by_kind = {kind: tuple(sorted(found)) for kind, found in codes.items()}
    words: dict[str, str] = {}
    for code in reversed(by_kind.get("industry", ())):  # the first code wins a name two codes share
        for lang in languages():
            words[message(f"vocab.industry.{code}", lang).strip().casefold()] = code
    words.update({code.casefold(): code for code in by_kind.get("industry", ())})  # a code before any name
    index = (by_kind, words)
    _vocabulary_cache["index"] = (state, index)
    return index


def has_message(key: str) -> bool:
    return catalogue().has(key)


def numbered(prefix: str, lang: str, /) -> list[str]:
    """The entries ``prefix.1``, ``prefix.2``, ... in order, up to the first number not catalogued."""
    texts: list[str] = []
    while has_message(key := f"{prefix}.{len(texts) + 1}"):
        texts.append(message(key, lang))
    return texts


def register_messages(entries: Entries, source: str = "plugin") -> None:
    """Add entries ``{key: {lang: text}}`` (English required; package keys cannot be redefined)."""
    catalogue().add(entries, source)
