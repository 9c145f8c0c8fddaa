"""The words of jsonschema's errors said through the catalogues, by their form.

``checklists validate`` checks a checklist file against its JSON Schema first; jsonschema says what is wrong in
English ("3 is not of type 'string'"). Each frequent form has an entry ``errors.schema.*`` whose English is
jsonschema's own sentence, the quoted values kept as they are; a message of another form (or cut short because
it quotes a long value) keeps jsonschema's words as the ``{detail}`` of ``errors.schema.other``.
"""

from __future__ import annotations

import re

from ..i18n.text import Text, said

_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"^(?P<name>'[^']*') is a required property$", "errors.schema.required"),
        (
            r"^Additional properties are not allowed \((?P<names>.*) was unexpected\)$",
            "errors.schema.unknown_one",
        ),
        (
            r"^Additional properties are not allowed \((?P<names>.*) were unexpected\)$",
            "errors.schema.unknown_many",
        ),
        (r"^(?P<value>.*) is not of type (?P<types>'[a-z]+'(, '[a-z]+')*)$", "errors.schema.type"),
        (r"^(?P<value>.*) is not one of (?P<options>\[.*\])$", "errors.schema.enum"),
        (r"^(?P<value>.*) does not match (?P<pattern>'.*')$", "errors.schema.pattern"),
        (r"^(?P<value>.*) is less than or equal to the minimum of (?P<limit>\S+)$", "errors.schema.above"),
        (r"^(?P<value>.*) is less than the minimum of (?P<limit>\S+)$", "errors.schema.minimum"),
        (r"^(?P<value>.*) is greater than or equal to the maximum of (?P<limit>\S+)$", "errors.schema.below"),
        (r"^(?P<value>.*) is greater than the maximum of (?P<limit>\S+)$", "errors.schema.maximum"),
        (r"^(?P<value>.*) was expected$", "errors.schema.const"),
        (r"^(?P<value>.*) is too long$", "errors.schema.too_long"),
        (r"^(?P<value>.*) is too short$", "errors.schema.too_short"),
        (r"^(?P<value>.*) should be non-empty$", "errors.schema.empty"),
    )
)
# JSON's type names in a reader's words, when the value should be of one type.
_TYPES = frozenset({"string", "integer", "number", "boolean", "object", "array", "null"})


def said_by_schema(message: str) -> Text:
    """jsonschema's ``message`` as the words of a located problem; English unchanged."""
    for pattern, key in _FORMS:
        match = pattern.match(message)
        if match is None:
            continue
        values: dict[str, object] = dict(match.groupdict())
        types = str(values.get("types", ""))
        if types.strip("'") in _TYPES:
            values["types"] = said(f"errors.schema.type_name.{types.strip(chr(39))}")
        text = said(key, **values)
        if text("en") == message:
            return text
        break
    return said("errors.schema.other", detail=message)
