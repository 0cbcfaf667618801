"""Reading one ledger file: YAML composed safely, every scalar kept as the typed text.

PyYAML's constructors apply YAML 1.1 typing (``no`` becomes False, ``1920-04-23`` a date)
and silently keep the last of two equal keys. We stop at the composed node tree (built by
libyaml's C parser where available) and build plain Python values from it ourselves:
strings, lists and dicts, in one pass. The file's root mapping and each record (an item of
a list under it) keep their line and the line of each of their keys, which problems and
edits name; deeper mappings are plain dicts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from sourcecrit.problems import Problem

try:  # libyaml's C parser; the pure-Python one is a slow but equal fallback
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader without implicit typing: we read every scalar as text ourselves.

    For every node the parser asks for its tag and tells the path resolver where it is:
    three Python calls per node, a fifth of the parse. We never look at tags or paths, so
    each is a C function that ignores its arguments (``str.format`` of a text without
    fields): the same tag for every node, and nothing for the resolver.
    """

    resolve = "tag:yaml.org,2002:str".format
    descend_resolver = "".format
    ascend_resolver = "".format

_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Mapping:
    """A YAML mapping: its values, its first line, and the line of each key (1-based)."""

    values: dict[str, Any]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Stray:
    """An item of a list of records that is not a mapping, and its line."""

    value: Any
    line: int


@dataclass
class FileContent:
    """What one file holds, or the problems that kept it from being read."""

    path: str
    root: Any = None
    problems: list[Problem] = field(default_factory=list)


def read_yaml_bytes(data: bytes, display: str) -> FileContent:
    """Read a file's bytes; problems name the file as ``display``."""
    content = FileContent(display)
    text = _decode(data, display, content.problems)
    if text is None:
        return content
    content.root = parse_yaml_text(text, display, content.problems)
    return content


def _decode(data: bytes, display: str, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(display, line, "the file is not UTF-8 text; save it as UTF-8 in your editor")
        )
        return None


def parse_yaml_text(text: str, display: str, problems: list[Problem]) -> Any:
    """Compose ``text`` and convert it to str/list/Mapping; syntax errors become problems."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        what = error.problem or "not valid YAML"
        problems.append(Problem(display, line, f"YAML syntax: {what}; check indentation and quoting"))
        return None
    except yaml.YAMLError as error:  # errors without a position (rare)
        problems.append(Problem(display, 0, f"YAML syntax: {error}"))
        return None
    if node is None:
        return None
    return _convert(node, display, problems)


def _convert(node: yaml.Node, display: str, problems: list[Problem]) -> Any:
    """The file's root: a Mapping with lines, whose lists' items (the records) are Mappings
    with lines too; everything deeper is plain str, list and dict, made in the same pass."""
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, display, problems, _records)
    return _plain(node, display, problems)


def _records(node: yaml.Node, display: str, problems: list[Problem]) -> Any:
    """A value of the root: a list of records keeps each record's lines (and the line of an
    item that is not a mapping, to say where it is)."""
    if isinstance(node, yaml.SequenceNode):
        return [_mapping(item, display, problems, _plain) if isinstance(item, yaml.MappingNode)
                else Stray(_plain(item, display, problems), item.start_mark.line + 1) for item in node.value]
    return _plain(node, display, problems)


def _plain(node: yaml.Node, display: str, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, display, problems) for item in node.value]
    return _mapping(node, display, problems, _plain).values


def _scalar(node: yaml.ScalarNode) -> str | None:
    # A plain (unquoted) null-like scalar means "nothing"; a quoted "null" is the word.
    if not node.style and node.value in _NULLS:
        return None
    return node.value


def _mapping(node: yaml.MappingNode, display: str, problems: list[Problem], convert) -> Mapping:
    """The mapping with its lines; its values made by ``convert``."""
    values: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if type(key_node) is not _SCALAR:
            problems.append(Problem(display, line, "a key must be a plain word, not a list or mapping"))
            continue
        key = sys.intern(key_node.value)  # one string per field name: smaller caches
        if key in values or key == "<<":
            _bad_key(key, line, key_lines, display, problems)
            continue
        if type(value_node) is _SCALAR:  # most values: read here, without a call
            values[key] = None if not value_node.style and value_node.value in _NULLS else value_node.value
        else:
            values[key] = convert(value_node, display, problems)
        key_lines[key] = line
    return Mapping(values, node.start_mark.line + 1, key_lines)


_SCALAR = yaml.ScalarNode


def _bad_key(key: str, line: int, key_lines: dict[str, int], display: str, problems: list[Problem]) -> None:
    if key == "<<":
        problems.append(Problem(display, line, "merge keys (<<) are not supported; write the fields out"))
    else:
        problems.append(
            Problem(display, line, f"key '{key}' appears twice in this mapping (first on line {key_lines[key]}); keep one")
        )
