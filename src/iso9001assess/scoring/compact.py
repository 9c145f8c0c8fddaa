"""The compact form of a result, for scripts: ids, numbers, grades and the enterprise's own words.

A full result repeats every text of its checklist (titles, questions, recommendations, in every language) and
the strategy's description. The compact form leaves out every value the checklist determines, whenever it is the
checklist's own (a strategy that changes one keeps it); the checklist is identified by the SHA-256 every result
records, and :func:`expand` re-attaches the texts from it, giving back the very same result.

Left out when equal to the checklist's: ``checklist.title`` and ``.standard``, ``scale``; per section ``title``,
``depth``, ``parent``; per item ``section``, ``text``, ``critical``, ``scored``, ``lab``; per finding ``clause``,
``text``; per action ``clause`` and ``text`` (the recommendation for the rating reached). Always left out:
``method``, the strategy's description (``expand`` takes it from the strategy). Empty fields of a section, item,
finding or action (null, an empty list) are left out too. ``form: "compact"`` marks the form.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..models.base import LocalizedText
from ..models.checklist import Checklist, Item
from ..models.result import Action, Finding, ItemResult, Result, SectionResult
from .identity_cache import IdentityCache
from .plan import fallback_text, recommendation_for

FORM = "compact"
# Per part of a result: the fields the checklist determines (a compact part omits them when they are its own).
DERIVED: dict[str, tuple[str, ...]] = {
    "checklist": ("title", "standard"),
    "sections": ("title", "depth", "parent"),
    "items": ("section", "text", "critical", "scored", "lab"),
    "findings": ("clause", "text"),
    "actions": ("clause", "text"),
}
TOP_DERIVED = ("scale",)
ALWAYS_LEFT_OUT = ("method",)


class _Layout:
    """What a checklist says about each section and item, by id: the values a compact part leaves out."""

    def __init__(self, checklist: Checklist | None) -> None:
        self.sections: dict[str, dict[str, Any]] = {}
        self.items: dict[str, dict[str, Any]] = {}
        self.item_models: dict[str, Item] = {}
        # The JSON of parts already written against this layout (see _parts_json).
        self.fragments: dict[Hashable, tuple[object, str]] = {}
        self.findings: dict[str, dict[str, Any]] = {}
        self._actions: dict[tuple[str, int | None], dict[str, Any]] = {}
        parents: list[str] = []
        for section, depth in checklist.walk_sections() if checklist is not None else ():
            del parents[depth:]
            self.sections[section.id] = {
                "title": section.title,
                "depth": depth,
                "parent": parents[-1] if parents else None,
            }
            parents.append(section.id)
            for item in section.items:
                self.item_models[item.id] = item
                self.items[item.id] = {
                    "section": section.id,
                    "text": item.text,
                    "critical": item.critical,
                    "scored": item.scored,
                    "lab": item.is_lab,
                }
                self.findings[item.id] = {"clause": section.id, "text": item.text}

    def action(self, item_id: str, rating: int | None) -> dict[str, Any]:
        derived = self._actions.get((item_id, rating))
        if derived is None:
            derived = self._actions[item_id, rating] = self._action(item_id, rating)
        return derived

    def _action(self, item_id: str, rating: int | None) -> dict[str, Any]:
        item = self.item_models[item_id]
        recommendation = recommendation_for(item, rating)
        text: LocalizedText = fallback_text(item) if recommendation is None else recommendation.text
        return {"clause": self.items[item_id]["section"], "text": text}


_EMPTY = _Layout(None)


def _empty_fields(model: type[BaseModel]) -> dict[str, Any]:
    """Each field a compact part may leave out as empty, with the value it stands for (null, or the default)."""
    empty: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        default = field.get_default(call_default_factory=True)
        empty[name] = None if default is PydanticUndefined else default
    return empty


_EMPTY_FIELDS = {
    kind: _empty_fields(model)
    for kind, model in (
        ("sections", SectionResult),
        ("items", ItemResult),
        ("findings", Finding),
        ("actions", Action),
    )
}
_LAYOUTS: IdentityCache[_Layout] = IdentityCache(limit=64)
# The JSON of a result part, per layout, by the identity of the part (and, for an action, the rating reached):
# the engine shares the parts of plain answers between results, so most parts are written once per run. An
# entry holds its part, so the id stays the part's for as long as the entry exists (see identity_cache).
_FRAGMENT_LIMIT = 50_000


def _compact_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, the same text, without building an
    encoder at every call (that is a third of the cost of a small part). The C encoder when Python has it."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return encoder.encode
    # No circular-reference markers: a result part is plain values, never a structure holding itself.
    chunks = c_make_encoder(None, encoder.default, encode_basestring, None, ":", ",", False, False, True)
    return lambda value: "".join(chunks(value, 0))


_encode = _compact_encoder()


def _layout(checklist: Checklist) -> _Layout:
    layout = _LAYOUTS.get(checklist)
    if layout is None:
        layout = _LAYOUTS.put(_Layout(checklist), checklist)
    return layout


def _dumps(value: Any) -> str:
    return _encode(value)


def _without(values: dict[str, Any], derived: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key not in derived or derived[key] != value}


def _kept(values: dict[str, Any], derived: dict[str, Any]) -> dict[str, Any]:
    """A part's fields but those the checklist gives (``derived``) and the empty ones (null, an empty list):
    expand() gives both back."""
    # Written for speed (it runs for every part not written before): a falsy value is empty only when it is
    # a list or tuple (0, false and "" are kept); a derived value is most often the very same object.
    return {
        key: value
        for key, value in values.items()
        if value is not None
        and (value or value.__class__ not in _SEQUENCES)
        and ((known := derived.get(key, _ABSENT)) is _ABSENT or (known is not value and known != value))
    }


_SEQUENCES = (tuple, list)
_NO_ITEM = {"clause": None, "text": None}  # a finding of an item the checklist does not have
_ABSENT = object()


def _derived(kind: str, part: Any, layout: _Layout, rating: int | None) -> dict[str, Any]:
    """The values of ``part`` the checklist determines (what its compact form leaves out when equal)."""
    if kind == "sections":
        return layout.sections.get(part.id, {})
    if kind == "items":
        return layout.items.get(part.id, {})
    if kind == "findings":
        return layout.findings.get(part.item_id, _NO_ITEM)
    return layout.action(part.item_id, rating) if part.item_id in layout.item_models else {}


def _parts_json(kind: str, parts: tuple[Any, ...], layout: _Layout, ratings: dict[str, int] | None) -> str:
    """The compact JSON of a result's parts of one kind, as a JSON list. This runs for every part of every
    result (about 600 a result), so a part already written costs one dict access in a comprehension."""
    known = layout.fragments.get
    if ratings is None:
        written = [
            entry[1]
            if (entry := known(id(part))) is not None
            else _written(kind, part, layout, None, id(part))
            for part in parts
        ]
    else:  # an action's derived text depends on the rating reached, which the part alone does not hold
        written = [
            entry[1] if (entry := known(key)) is not None else _written(kind, part, layout, key[1], key)
            for part in parts
            for key in ((id(part), ratings.get(part.item_id)),)
        ]
    return "[" + ",".join(written) + "]"


def _written(kind: str, part: Any, layout: _Layout, rating: int | None, key: Hashable) -> str:
    """The compact JSON of a part not written before against ``layout``, kept for the next result."""
    # A part's fields are plain values (text, numbers, localized texts, tuples of text): its __dict__ is what
    # model_dump(mode="json") would give, at a fraction of the cost.
    values = part.__dict__
    text = _encode(_kept(values, _derived(kind, part, layout, rating)))
    if kind in _WORDED and any(values.get(field) for field in _OWN_WORDS):
        # An enterprise's own words make the part its own (the engine shares only the parts of plain answers):
        # kept, it would never be met again and would crowd out the parts that are.
        return text
    fragments = layout.fragments
    if len(fragments) >= _FRAGMENT_LIMIT:
        fragments.clear()
    fragments[key] = (part, text)
    return text


_WORDED = ("items", "findings")
_OWN_WORDS = ("note", "justification", "evidence", "root_cause")


def compact_json(result: Result, checklist: Checklist | None) -> str:
    """The compact form of ``result`` as one line of JSON. ``checklist``: the one it was scored against (the
    same SHA-256); None when it is not available, and then every text of the result is kept but ``method``."""
    if checklist is not None and result.checklist.sha256 != checklist.sha256:
        raise ValueError(
            f"the result was scored against checklist SHA-256 {result.checklist.sha256}, not {checklist.sha256}"
        )
    layout = _layout(checklist) if checklist is not None else _EMPTY
    head = result.model_dump(mode="json", exclude={*ALWAYS_LEFT_OUT, *TOP_DERIVED, *DERIVED, "checklist"})
    ordered: dict[str, Any] = {"schema_version": head.pop("schema_version"), "form": FORM}
    own = {} if checklist is None else {"title": checklist.title, "standard": checklist.standard}
    ordered["checklist"] = _without(result.checklist.model_dump(mode="json"), own)
    if checklist is None or result.scale != checklist.scale:
        ordered["scale"] = [level.model_dump(mode="json") for level in result.scale]
    ordered.update(head)
    ratings = {finding.item_id: finding.rating for finding in result.findings}  # one action per finding
    return (
        f'{_encode(ordered)[:-1]},"sections":{_parts_json("sections", result.sections, layout, None)}'
        f',"items":{_parts_json("items", result.items, layout, None)}'
        f',"findings":{_parts_json("findings", result.findings, layout, None)}'
        f',"actions":{_parts_json("actions", result.actions, layout, ratings)}}}'
    )


def compact(result: Result, checklist: Checklist | None) -> dict[str, Any]:
    """The compact form of ``result`` as a dict (what :func:`compact_json` writes)."""
    loaded: dict[str, Any] = json.loads(compact_json(result, checklist))
    return loaded


def expand(data: dict[str, Any], checklist: Checklist, method: LocalizedText) -> Result:
    """The full result again, from its compact form, the checklist it names, and the strategy's description."""
    if data.get("form") != FORM:
        raise ValueError("not a compact result (no form: compact)")
    sha = data.get("checklist", {}).get("sha256")
    if sha != checklist.sha256:
        raise ValueError(
            f"the result was scored against checklist SHA-256 {sha}, not this one ({checklist.sha256}); "
            "re-attach its texts from the checklist it names"
        )
    layout = _layout(checklist)
    full = {key: value for key, value in data.items() if key != "form"}
    full["checklist"] = {"title": checklist.title, "standard": checklist.standard, **data["checklist"]}
    full.setdefault("scale", [level.model_dump(mode="json") for level in checklist.scale])
    full["method"] = method
    empty = _EMPTY_FIELDS
    full["sections"] = [
        {**empty["sections"], **layout.sections.get(part["id"], {}), **part} for part in data["sections"]
    ]
    full["items"] = [{**empty["items"], **layout.items.get(part["id"], {}), **part} for part in data["items"]]
    full["findings"] = [
        {
            **empty["findings"],
            "clause": layout.items[part["item_id"]]["section"],
            "text": layout.items[part["item_id"]]["text"],
            **part,
        }
        for part in data["findings"]
    ]
    ratings = {finding["item_id"]: finding.get("rating") for finding in data["findings"]}
    full["actions"] = [
        {**empty["actions"], **layout.action(part["item_id"], ratings.get(part["item_id"])), **part}
        for part in data["actions"]
    ]
    return Result.model_validate(full)
