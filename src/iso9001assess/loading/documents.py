"""Reading YAML and JSON into plain data while keeping where every value came from.

The happy path pays nothing for positions: the parser's node tree is kept, and a position is looked up in it
only when a problem has to be reported.
"""

from __future__ import annotations

import hashlib
import json
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import InvalidInputError, Problem
from ..i18n.text import Text, said
from .parser_words import json_problem, yaml_problem, yaml_problem_opened
from .paths import unreadable_input

try:
    from yaml import CSafeLoader as _BaseLoader

    _LIBYAML = True
except ImportError:  # libyaml is missing: the pure-Python parser does the same, slower
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _LIBYAML = False

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
# A real checklist expands to some tens of thousands of values; an alias bomb expands to billions.
MAX_EXPANDED_VALUES = 500_000
# No field of any file holds a number this long; a longer one is refused before Python converts it (a
# 4,300-digit integer cannot even be printed back, and conversion time grows with the square of the length).
MAX_NUMBER_CHARS = 40

PathKey = str | int


# Plain scalars resolve through a Python regex per value; in answer files the same few values (ratings, field
# names, item ids) recur thousands of times, so each resolution is remembered (the resolvers are never changed).
_RESOLVED: dict[tuple[Any, str | None, Any], str] = {}


class _LimitExceeded(Exception):
    def __init__(self, message: Text, node: yaml.Node) -> None:
        super().__init__(message)
        self.message, self.node = message, node


class _BoundedLoader(_BaseLoader):
    """A safe loader that refuses duplicate keys, deep nesting and (optionally) aliases.

    Dates stay strings, as in JSON: the models parse them, so both formats validate alike.
    """

    allow_aliases = True
    # The composer calls these around every node to follow path resolvers, which a safe loader has none of
    # (PyYAML's own versions return at once): C callables that do nothing save a Python call per node.
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (node, index): result unused
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # (): result unused

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.root_node: yaml.Node | None = None
        self.duplicate_keys: list[tuple[str, yaml.Node]] = []
        self.may_alias = "&" in stream  # an alias needs an anchor
        self.may_merge = "<<" in stream  # a merge key is written <<
        self._depth = 0
        self._expanded = 0

    def resolve(self, kind: Any, value: str | None, implicit: Any) -> str:
        key = (kind, value, implicit)
        try:
            return _RESOLVED[key]
        except KeyError:
            tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            if value is None or len(value) <= 40:
                if len(_RESOLVED) > 20_000:
                    _RESOLVED.clear()
                _RESOLVED[key] = tag
            return tag

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        self.root_node = node
        if node is None:
            return None
        if not self.allow_aliases:
            return self._build(node, 0, set() if self.may_alias else None)
        self._check_size(node)
        return self.construct_document(node)

    def _build(self, node: yaml.Node, depth: int, seen: set[int] | None) -> Any:
        """Data of a document without aliases, in one pass: depth, aliases and duplicate keys checked on the way.

        Faster than the generic constructor for the common tags; any other tag goes to the constructor.
        ``seen`` is None when the text has no anchor (``&``), so no node can be reached twice.
        """
        if depth > MAX_DEPTH:
            raise _LimitExceeded(said("errors.file.too_deep", limit=MAX_DEPTH), node)
        if seen is not None:
            if id(node) in seen:
                raise _LimitExceeded(said("errors.yaml.aliases"), node)
            seen.add(id(node))
        tag = node.tag
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if tag in (_STR, _TIMESTAMP):  # dates stay strings (see the class docstring)
                return node.value
            if (
                tag == _INT
                and node.value.isdigit()
                and (node.value[0] != "0" or node.value == "0")
                and len(node.value) <= MAX_NUMBER_CHARS
            ):  # 017 is octal
                return int(node.value)
            scalar = _SCALARS.get(tag)
            if scalar is not None:
                return scalar(self, node)
        elif kind is yaml.SequenceNode and tag == _SEQ:
            return [self._build(child, depth + 1, seen) for child in node.value]
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            if self.may_merge and any(key.tag == _MERGE for key, _ in node.value):
                for key_node, value_node in node.value:  # depth and aliases checked; the values built below
                    if key_node.tag != _MERGE:
                        self._build(key_node, depth + 1, seen)
                    self._build(value_node, depth + 1, seen)
                return self.construct_object(node, deep=True)  # PyYAML merges, construct_mapping checks keys
            mapping: dict[Any, Any] = {}
            # Without anchors no node is reached twice: a plain string key or value (most of an answer file) is
            # taken as it is, without a call per node.
            inline = seen is None and depth < MAX_DEPTH
            for key_node, value_node in node.value:
                if inline and key_node.tag == _STR and key_node.__class__ is _ScalarNode:
                    key = key_node.value
                else:
                    key = self._build(key_node, depth + 1, seen)
                try:
                    duplicate = key in mapping
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "found unhashable key",
                        key_node.start_mark,
                    ) from None
                if duplicate:
                    self.duplicate_keys.append((str(key), key_node))
                if inline and value_node.tag == _STR and value_node.__class__ is _ScalarNode:
                    mapping[key] = value_node.value
                else:
                    mapping[key] = self._build(value_node, depth + 1, seen)
            return mapping
        return self.construct_object(node, deep=True)

    def _check_size(self, root: yaml.Node) -> None:
        """Count the values the document expands to, aliases included, without expanding it."""
        sizes: dict[int, int] = {}
        seen_alias = False

        def size(node: yaml.Node, depth: int) -> int:
            nonlocal seen_alias
            if depth > MAX_DEPTH:
                raise _LimitExceeded(said("errors.file.too_deep", limit=MAX_DEPTH), node)
            key = id(node)
            if key in sizes:
                seen_alias = True
                if not self.allow_aliases:
                    raise _LimitExceeded(said("errors.yaml.aliases"), node)
                return sizes[key]
            sizes[key] = 1  # guards against a recursive alias
            if isinstance(node, yaml.MappingNode):
                total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                total = 1 + sum(size(v, depth + 1) for v in node.value)
            else:
                total = 1
            if total > MAX_EXPANDED_VALUES:
                raise _LimitExceeded(said("errors.yaml.too_many_values", limit=MAX_EXPANDED_VALUES), node)
            sizes[key] = total
            return total

        size(root, 0)
        del seen_alias

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:  # "<<" merges another mapping in; PyYAML does that below
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: let the base class report it
                continue
            if duplicate:
                self.duplicate_keys.append((str(key), key_node))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _bounded_number(kind: str, construct: Any) -> Any:
    """A number constructor that refuses overlong digit strings and reports bad ones (``!!int 'x'``) in place;
    ``kind`` is ``integer`` or ``number``."""

    def build(loader: Any, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_NUMBER_CHARS:
            raise _LimitExceeded(said("errors.file.number_too_long", limit=MAX_NUMBER_CHARS), node)
        try:
            return construct(loader, node)
        except (ValueError, TypeError, OverflowError):
            raise _LimitExceeded(said(f"errors.yaml.bad_{kind}", value=_shown(node.value)), node) from None

    return build


def _shown(text: str, limit: int = 40) -> str:
    """A value quoted for a message, cut short: a message never repeats a megabyte of input."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


_construct_int = _bounded_number("integer", yaml.constructor.SafeConstructor.construct_yaml_int)
_construct_float = _bounded_number("number", yaml.constructor.SafeConstructor.construct_yaml_float)
_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _BoundedLoader.construct_yaml_str)  # type: ignore[type-var]
_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_BoundedLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"
_ScalarNode = yaml.ScalarNode
_TIMESTAMP, _MERGE = "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"
_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:int": _construct_int,
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:float": _construct_float,
}


class _NoAliasLoader(_BoundedLoader):
    allow_aliases = False


@dataclass(frozen=True)
class Document:
    """Parsed data and the means to say where any part of it came from."""

    source: str
    data: Any
    root_node: yaml.Node | None = None
    json_positions: bool = False
    text: str = ""
    # Parsed from a file: a problem with no better place (an empty file) is at its start, 1:1.
    from_file: bool = False
    # The SHA-256 of the file's bytes as read, when asked for (``read_document(digest=True)``).
    sha256: str | None = None

    def position(self, path: Sequence[PathKey]) -> tuple[int | None, int | None]:
        """1-based line and column of the value at ``path``, or of its nearest ancestor found."""
        if self.root_node is not None:
            return _node_position(self.root_node, path)
        if self.json_positions:
            return _json_position(self.text, self.data, path)
        return (1, 1) if self.from_file else (None, None)

    def problem(self, path: Sequence[PathKey], message: str | Text) -> Problem:
        line, column = self.position(path)
        return Problem.said(self.source, message, line, column)


def _node_position(root: yaml.Node, path: Sequence[PathKey]) -> tuple[int, int]:
    node = root
    for key in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
                    child = value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


def _json_position(text: str, data: Any, path: Sequence[PathKey]) -> tuple[int | None, int | None]:
    """JSON keeps no positions: find the deepest key of ``path`` in the text, searching forward."""
    offset = 0
    found = False
    for key in path:
        if isinstance(key, str):
            at = text.find(json.dumps(key, ensure_ascii=False), offset)
            if at < 0:
                at = text.find(json.dumps(key), offset)
            if at < 0:
                break
            offset, found = at, True
    if not found:
        return 1, 1
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def read_document(
    path: str | Path, *, allow_aliases: bool = True, max_bytes: int = MAX_FILE_BYTES, digest: bool = False
) -> Document:
    """Parse a YAML or JSON file; raise InvalidInputError with the position of anything wrong. With
    ``digest``, the document carries the SHA-256 of the very bytes parsed (no second reading of the file,
    which could also find it changed in between)."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInputError.single(source, unreadable_input(source, exc)) from None
    if path.is_dir():
        raise InvalidInputError.single(source, said("errors.file.directory"))
    if size > max_bytes:
        raise InvalidInputError.single(source, said("errors.file.too_large", size=size, limit=max_bytes))
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InvalidInputError.single(source, said("errors.file.not_utf8"), line, 1) from None
    except OSError as exc:
        raise InvalidInputError.single(source, unreadable_input(source, exc)) from None
    if path.suffix.lower() == ".json":
        document = _parse_json(source, text)
    else:
        document = parse_yaml(source, text, allow_aliases=allow_aliases)
    return replace(document, sha256=hashlib.sha256(raw).hexdigest()) if digest else document


def _parse_json(source: str, text: str) -> Document:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _DuplicateKey(key)
            result[key] = value
        return result

    def bounded(kind: str, convert: Any) -> Any:
        def parse(literal: str) -> Any:
            if len(literal) > MAX_NUMBER_CHARS:
                raise _BadNumber(literal, said("errors.file.number_too_long", limit=MAX_NUMBER_CHARS))
            return convert(literal)

        return parse

    def no_constant(literal: str) -> Any:
        raise _BadNumber(literal, said("errors.json.not_a_number", value=literal))

    try:
        data = json.loads(
            text,
            object_pairs_hook=no_duplicates,
            parse_int=bounded("integer", int),
            parse_float=bounded("number", float),
            parse_constant=no_constant,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInputError.single(source, json_problem(exc.msg), exc.lineno, exc.colno) from None
    except _BadNumber as exc:
        line, column = _line_column(text, _literal_offset(text, exc.literal))
        raise InvalidInputError.single(source, exc.message, line, column) from None
    except _DuplicateKey as exc:
        line, column = _line_column(text, _duplicate_key_offset(text))
        raise InvalidInputError.single(
            source, said("errors.json.duplicate_key", key=_shown(exc.key)), line, column
        ) from None
    except ValueError as exc:  # a conversion json itself refused
        raise InvalidInputError.single(source, json_problem(str(exc)), 1, 1) from None
    except RecursionError:
        raise InvalidInputError.single(source, said("errors.file.too_deep", limit=MAX_DEPTH), 1, 1) from None
    if _depth(data) > MAX_DEPTH:
        raise InvalidInputError.single(source, said("errors.file.too_deep", limit=MAX_DEPTH), 1, 1)
    return Document(source, data, json_positions=True, text=text, from_file=True)


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


class _BadNumber(Exception):
    def __init__(self, literal: str, message: Text) -> None:
        super().__init__(message)
        self.literal, self.message = literal, message


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _literal_offset(text: str, literal: str) -> int:
    """Where a number literal first stands outside a string (json.loads keeps no positions)."""
    at = 0
    while at < len(text):
        char = text[at]
        if char == '"':
            match = _JSON_STRING.match(text, at)
            if match is None:
                break
            at = match.end()
            continue
        if text.startswith(literal, at):
            return at
        at += 1
    return 0


def _duplicate_key_offset(text: str) -> int:
    """Where the first key repeated within one JSON object starts (json.loads keeps no positions)."""
    objects: list[set[str] | None] = []  # None for an array
    at = 0
    while at < len(text):
        char = text[at]
        if char == '"':
            match = _JSON_STRING.match(text, at)
            if match is None:
                break
            after = match.end()
            while after < len(text) and text[after] in " \t\r\n":
                after += 1
            keys = objects[-1] if objects else None
            if keys is not None and after < len(text) and text[after] == ":":
                key = json.loads(match.group())
                if key in keys:
                    return at
                keys.add(key)
            at = match.end()
            continue
        if char == "{":
            objects.append(set())
        elif char == "[":
            objects.append(None)
        elif char in "]}" and objects:
            objects.pop()
        at += 1
    return 0


def _character_offset(text: str, position: int) -> int:
    """libyaml reports a reader error's position in bytes of UTF-8, the pure-Python reader in characters."""
    if not _LIBYAML:
        return min(position, len(text))
    return len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _depth(value: Any) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current)
    return deepest


def parse_yaml(source: str, text: str, *, allow_aliases: bool = True) -> Document:
    loader_class = _BoundedLoader if allow_aliases else _NoAliasLoader
    loader = loader_class(text)
    try:
        data = loader.get_single_data()
    except _LimitExceeded as exc:
        mark = exc.node.start_mark
        raise InvalidInputError.single(source, exc.message, mark.line + 1, mark.column + 1) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, other control characters)
        line, column = _line_column(text, _character_offset(text, exc.position))
        character = f"U+{exc.character:04X}"
        raise InvalidInputError.single(
            source, said("errors.yaml.bad_character", character=character), line, column
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is None:
            raise InvalidInputError.single(source, yaml_problem(str(exc.problem or exc.context))) from None
        opened = exc.context_mark
        message = yaml_problem_opened(
            str(exc.problem or exc.context),
            exc.context if exc.problem else None,
            (opened.line + 1, opened.column + 1) if opened is not None else None,
            mark.line + 1,
        )
        raise InvalidInputError.single(source, message, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise InvalidInputError.single(source, yaml_problem(str(exc))) from None
    except RecursionError:
        raise InvalidInputError.single(source, said("errors.file.too_deep", limit=MAX_DEPTH)) from None
    finally:
        loader.dispose()
    if loader.root_node is None:  # nothing but blanks and comments: say so, not "expected a mapping"
        raise InvalidInputError.single(source, said("errors.yaml.empty"), 1, 1)
    if loader.duplicate_keys:
        raise InvalidInputError(
            Problem.said(
                source,
                said("errors.yaml.duplicate_key", key=_shown(key)),
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
            for key, node in loader.duplicate_keys
        )
    return Document(source, data, root_node=loader.root_node, from_file=True)
