"""Reading one ledger file: YAML composed safely, every scalar kept as the typed text.

PyYAML's constructors apply YAML 1.1 typing (``no`` becomes False, ``1920-04-23`` a date)
and silently keep the last of two equal keys. We stop at the composed node tree (built by
libyaml's C parser where available) and build plain Python values from it ourselves:
strings, lists and dicts, in one pass. The file's root mapping and each record (an item of
a list under it) keep their line and the line of each of their keys, which problems and
edits name; deeper mappings are plain dicts.
"""

from __future__ import annotations

import re
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
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: say on which line
        line = text.count("\n", 0, max(error.position, 0)) + 1
        problems.append(Problem(display, line, f"YAML syntax: the character U+{error.character:04X} is not allowed "
                                               "in a YAML file; remove it"))
        return None
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
    if "&" in text:  # anchors, so maybe aliases: refuse those that refer to themselves or expand too far
        refused = _alias_problem(node)
        if refused is not None:
            problems.append(Problem(display, refused[0], refused[1]))
            return None
    try:
        root = _convert(node, display, problems)
    except _TooDeep as deep:
        problems.append(Problem(display, deep.line, f"values nested more than {MAX_NESTING} levels deep; a ledger "
                                                    "value is a word, or a list or mapping of a few levels"))
        return None
    if "\\" in text:  # escapes in double quotes ("\e", "\x1b") are the only way to write a control character
        _neutralise(root, display, problems)
    return root


# A control character (ESC, BEL, ...) in a value would be printed raw to the terminal by
# `check` and the reports (an ESC ] ... BEL retitles it) and drawn by the TUI; a ledger value
# has no use for one. Each is shown by its visible symbol, and the file and line are named.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(character: re.Match) -> str:
    code = ord(character.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def _neutralise(root: Any, display: str, problems: list[Problem]) -> None:
    """Replace each control character in the file's values by its visible symbol, with a warning."""
    if not isinstance(root, Mapping):
        return
    for key, value in root.values.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            record = item if isinstance(item, Mapping) else None
            fields = record.values if record is not None else {key: item}
            lines = record.key_lines if record is not None else root.key_lines
            for name, held in fields.items():
                cleaned = _cleaned(held)
                if cleaned is not held:
                    fields[name] = cleaned
                    problems.append(Problem(display, lines.get(name, 0), f"'{name}' holds a control character "
                                            "(written as an escape such as \\e or \\x1b); it is shown as a symbol: "
                                            "remove it", "warning"))


def _cleaned(value: Any) -> Any:
    """``value`` with its control characters made visible; the very same object when it has none."""
    if isinstance(value, str):
        return _CONTROL.sub(_visible, value) if _CONTROL.search(value) else value
    if isinstance(value, list):
        cleaned = [_cleaned(item) for item in value]
        return value if all(a is b for a, b in zip(cleaned, value)) else cleaned
    if isinstance(value, dict):
        cleaned_map = {key: _cleaned(item) for key, item in value.items()}
        return value if all(cleaned_map[key] is item for key, item in value.items()) else cleaned_map
    return value


MAX_ALIASES = 1000  # uses of an anchor (*name) in one file
MAX_EXPANDED = 200_000  # values a file may hold once its aliases are written out


def _alias_problem(root: yaml.Node) -> tuple[int, str] | None:
    """The line and message of what the file's aliases do wrong, if anything: an alias inside
    the mapping or list it names (it would never end), too many aliases, or aliases that
    expand the file past MAX_EXPANDED values (a "billion laughs"). Walked without recursion,
    and stopped as soon as a limit is passed."""
    seen: set[int] = set()
    aliases = expanded = 0
    on_path: set[int] = {id(root)}
    stack: list[tuple[yaml.Node, Any]] = [(root, iter(_children(root)))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            on_path.discard(id(node))
            stack.pop()
            continue
        expanded += 1
        if expanded > MAX_EXPANDED:
            return (child.start_mark.line + 1, f"YAML aliases (*name) make this file hold more than {MAX_EXPANDED:,} "
                                               "values; write the values out instead of repeating an alias")
        if id(child) in on_path:
            return (node.start_mark.line + 1, "a YAML alias (*name) stands inside the mapping or list it names, "
                                              "so it would never end; write the value out")
        if id(child) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                return (node.start_mark.line + 1, f"more than {MAX_ALIASES:,} YAML aliases (*name) in one file; "
                                                  "write the values out")
        seen.add(id(child))
        if not isinstance(child, yaml.ScalarNode):
            on_path.add(id(child))
            stack.append((child, iter(_children(child))))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _convert(node: yaml.Node, display: str, problems: list[Problem]) -> Any:
    """The file's root: a Mapping with lines, whose lists' items (the records) are Mappings
    with lines too; everything deeper is plain str, list and dict, made in the same pass."""
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, display, problems, _records)
    return _plain(node, display, problems)


MAX_NESTING = 64  # lists and mappings within each other in one value


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _records(node: yaml.Node, display: str, problems: list[Problem], depth: int = 0) -> Any:
    """A value of the root: a list of records keeps each record's lines (and the line of an
    item that is not a mapping, to say where it is); so does a mapping (the ledger's settings)."""
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, display, problems, _plain, depth + 1)
    if isinstance(node, yaml.SequenceNode):
        return [_mapping(item, display, problems, _plain, depth + 1) if isinstance(item, yaml.MappingNode)
                else Stray(_plain(item, display, problems, depth + 1), item.start_mark.line + 1) for item in node.value]
    return _plain(node, display, problems, depth + 1)


def _plain(node: yaml.Node, display: str, problems: list[Problem], depth: int = 0) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if depth > MAX_NESTING:  # deeper than any ledger value, and the walks below would run out of stack
        raise _TooDeep(node.start_mark.line + 1)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, display, problems, depth + 1) for item in node.value]
    return _mapping(node, display, problems, _plain, depth + 1).values


def _scalar(node: yaml.ScalarNode) -> str | None:
    # A plain (unquoted) null-like scalar means "nothing"; a quoted "null" is the word.
    if not node.style and node.value in _NULLS:
        return None
    return node.value


def _mapping(node: yaml.MappingNode, display: str, problems: list[Problem], convert, depth: int = 0) -> Mapping:
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
            values[key] = convert(value_node, display, problems, depth + 1)
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
