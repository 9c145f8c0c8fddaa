"""The YAML and JSON parsers' own words said through the catalogues.

PyYAML and json report a syntax error in English ("mapping values are not allowed in this context",
"Expecting ',' delimiter"). The frequent ones have an entry each (its English: "invalid YAML: " and the parser's
words, as before), which says in the reader's language what to change; the rest keep the parser's words as the
``{problem}`` of ``errors.yaml.syntax`` / ``errors.json.syntax``.
"""

from __future__ import annotations

from ..i18n.text import Text, said

# libyaml's words (the loader used when libyaml is installed); the pure-Python parser's, worded a little
# differently, keep their words through errors.yaml.syntax.
_YAML: dict[str, str] = {
    "mapping values are not allowed in this context": "errors.yaml.mapping_values",
    "did not find expected key": "errors.yaml.expected_key",
    "could not find expected ':'": "errors.yaml.expected_colon",
    "did not find expected ',' or ']'": "errors.yaml.unclosed_list",
    "found unexpected end of stream": "errors.yaml.unexpected_end",
    "found character that cannot start any token": "errors.yaml.bad_start",
    "found a tab character that violates indentation": "errors.yaml.tab",
    "found undefined alias": "errors.yaml.undefined_alias",
    "did not find expected '-' indicator": "errors.yaml.expected_dash",
    "but found another document": "errors.yaml.another_document",
    "found unknown escape character": "errors.yaml.escape",
    "found unhashable key": "errors.yaml.unhashable_key",
    "did not find expected <document start>": "errors.yaml.extra_content",
    # what a README, a text or a Markdown file given for an answer file meets first (* list, | table, % ...)
    "did not find expected alphabetic or numeric character": "errors.yaml.anchor_name",
    "did not find expected comment or line break": "errors.yaml.block_scalar",
    "found unknown directive name": "errors.yaml.directive",
    "did not find expected node content": "errors.yaml.expected_value",
    "block sequence entries are not allowed in this context": "errors.yaml.sequence_here",
}

# What was left open when the parser's problem is reported further on (libyaml's and the pure-Python
# parser's ``context``): where it was opened is where to look.
_OPENERS: dict[str, str] = {
    "while parsing a flow sequence": "errors.yaml.opener.list",
    "while parsing a flow mapping": "errors.yaml.opener.mapping",
    "while scanning a quoted scalar": "errors.yaml.opener.quote",
}

_JSON: dict[str, str] = {
    "Expecting ',' delimiter": "errors.json.expected_comma",
    "Expecting ':' delimiter": "errors.json.expected_colon",
    "Expecting value": "errors.json.expected_value",
    "Expecting property name enclosed in double quotes": "errors.json.expected_name",
    "Extra data": "errors.json.extra_data",
    "Unterminated string starting at": "errors.json.unterminated_string",
    "Invalid control character at": "errors.json.control_character",
    "Invalid \\escape": "errors.json.escape",
}


def yaml_problem(problem: str) -> Text:
    """PyYAML's ``problem`` as the words of a located problem."""
    if problem == "did not find expected ',' or '}'":  # a catalogue entry writes a brace only as a value
        return said("errors.yaml.unclosed_mapping", closing="'}'")
    key = _YAML.get(problem)
    return said(key) if key is not None else said("errors.yaml.syntax", problem=problem)


def yaml_problem_opened(problem: str, context: str | None, opened: tuple[int, int] | None, line: int) -> Text:
    """PyYAML's ``problem`` (reported on 1-based ``line``), naming where the bracket, brace or quote left open
    was opened (1-based line and column of the ``context_mark``) when that is on an earlier line."""
    words = yaml_problem(problem)
    opener = _OPENERS.get(context or "")
    if opener is None or opened is None or opened[0] >= line:
        return words
    return said("errors.yaml.opened_at", problem=words, opener=said(opener), line=opened[0], column=opened[1])


def json_problem(problem: str) -> Text:
    """json's ``msg`` as the words of a located problem."""
    key = _JSON.get(problem)
    return said(key) if key is not None else said("errors.json.syntax", problem=problem)
