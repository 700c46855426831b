"""YAML with positions, and without PyYAML's silent traps.

`parse()` composes the document once with the C parser where available, keeps the
node tree (it carries line and column marks), and builds plain Python data from it
with our own small constructor:

- only `true`/`false` are booleans (YAML 1.2): `no`, `on`, `off`, `yes` stay text;
- `010` and `1:30` stay text (no octal or base-60 numbers);
- a repeated key is refused, naming where the first one is;
- one document, a mapping at the top, no custom tags, no merge keys;
- alias expansion ("billion laughs") and deep nesting are refused before they cost
  anything; an impossible date such as 2026-02-30 is a located problem.

Mapping keys are kept as their source text, so a key `on:` stays `on`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # The C parser is several times faster; fall back when libyaml is missing.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_DEPTH = 50
# A file can repeat one mistake a hundred thousand times; past this many of one kind,
# the rest are counted in one finding instead of listed (the report stays readable
# and the time stays linear).
MAX_SAME_PROBLEM = 50
MAX_NODES = 200_000
# The C composer recurses once per nesting level and crashes somewhere past ~10,000
# levels. Below this bound it is safe to compose first and check the depth while
# building; above it, an event scan (no recursion) checks the depth first.
SAFE_COMPOSE_BOUND = 1_000

_T = "tag:yaml.org,2002:"


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types of the YAML 1.2 core schema, plus plain dates."""


_Resolver.yaml_implicit_resolvers = {}  # our own table, not PyYAML's YAML 1.1 one


_Resolver.add_implicit_resolver(
    _T + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    _T + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    _T + "float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
_Resolver.add_implicit_resolver(
    _T + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    _T + "timestamp",
    re.compile(
        # Two-digit month and day, as JSON Schema's `format: date` (RFC 3339) and editors
        # read it; `2026-10-1` stays text and fails as a date.
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$"
    ),
    list("0123456789"),
)


_BY_CHAR: dict[str | None, list[tuple[str, re.Pattern[str]]]] = _Resolver.yaml_implicit_resolvers


class _Composer(_Parser, _Resolver):
    """The C parser with our resolver, made lean: the composer calls these per node."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)

    # No path resolvers are registered, so PyYAML's bookkeeping per node is not needed.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _BY_CHAR.get(value[:1] if value else "", ()):
                    if regexp.match(value):
                        return str(tag)
            return _T + "str"
        return _T + "seq" if kind is SequenceNode else _T + "map"


@dataclass(frozen=True, slots=True)
class Problem:
    """A located reason the text is not a usable YAML mapping (1-based)."""

    code: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """Parsed data plus the node tree it came from (for positions)."""

    data: dict[str, Any]
    root: MappingNode


class YamlProblems(Exception):
    """Raised by `parse` with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "")
        self.problems = problems


def parse(text: str) -> tuple[Document, list[Problem]]:
    """Parse one partnership document.

    Returns the document and non-fatal problems (duplicate keys); raises
    `YamlProblems` when nothing usable can be built.
    """
    try:
        _guard_depth(text)
        composer = _Composer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        if _YAML_ONLY_BREAKS.search(text):
            starts = _line_starts(text)
            if exc.problem_mark is not None:
                exc.problem_mark = _fix_mark(exc.problem_mark, starts)
            if exc.context_mark is not None:
                exc.context_mark = _fix_mark(exc.context_mark, starts)
        raise YamlProblems([_syntax_problem(exc, text)]) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblems([_reader_problem(exc, text)]) from None
    if root is None:
        raise YamlProblems([Problem("PK107", 1, 1, "the file is empty: it holds no YAML content")])
    if _YAML_ONLY_BREAKS.search(text):
        _fix_marks(root, text)
    if not isinstance(root, MappingNode):
        raise YamlProblems(
            [
                Problem(
                    "PK104",
                    *_pos(root),
                    "the top level must be a mapping of keys (`partnerkit: 1`, `id: …`), "
                    f"not a {_kind(root)}",
                )
            ]
        )
    if "*" in text:  # aliases are possible only with an alias indicator
        _guard_expansion(root)
    builder = _Builder()
    data = builder.build(root)
    if builder.duplicates > MAX_SAME_PROBLEM:
        last = builder.problems[-1]
        builder.problems.append(
            Problem(
                "PK103",
                last.line,
                last.column,
                f"… and {builder.duplicates - MAX_SAME_PROBLEM:,} more duplicate keys after "
                "this one (not listed); remove the repeated keys",
            )
        )
    if builder.fatal:
        raise YamlProblems(builder.problems)
    return Document(data, root), builder.problems


# YAML also breaks lines at NEL, LS and PS; editors and every other tool do not, so
# positions are recomputed from the character offset when a file holds one.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_REAL_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _REAL_BREAK.finditer(text))]


def _fix_mark(mark: Any, starts: list[int]) -> Any:
    line = bisect.bisect_right(starts, mark.index) - 1
    return yaml.Mark(mark.name, mark.index, line, mark.index - starts[line], None, None)  # type: ignore[arg-type]


def _fix_marks(root: Node, text: str) -> None:
    starts = _line_starts(text)
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark = _fix_mark(node.start_mark, starts)
        node.end_mark = _fix_mark(node.end_mark, starts)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _guard_depth(text: str) -> None:
    """Refuse deep nesting before the C composer recurses into it (it can crash).

    Depth is bounded by the flow brackets plus the longest line (block nesting needs
    indentation or indicators on a line); ordinary files are far below the bound.
    """
    bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    if bound <= SAFE_COMPOSE_BOUND:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Composer):  # type: ignore[arg-type]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    if _YAML_ONLY_BREAKS.search(text):
                        mark = _fix_mark(mark, _line_starts(text))
                    line, col = _mark(mark)
                    raise YamlProblems(
                        [
                            Problem(
                                "PK105",
                                line,
                                col,
                                _TOO_DEEP,
                            )
                        ]
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError:
        return  # The composer reports syntax errors with their position.


def _guard_expansion(root: Node) -> None:
    """Refuse alias bombs and recursive aliases by counting the expanded tree."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node, depth: int = 1) -> int:
        if depth > MAX_DEPTH:  # the builder refuses it too; never recurse deeper than this
            raise YamlProblems([Problem("PK105", *_pos(node), _TOO_DEEP)])
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise YamlProblems(
                [Problem("PK105", *_pos(node), "an alias refers to itself (a recursive structure)")]
            )
        if isinstance(node, ScalarNode):
            return 1
        active.add(key)
        if isinstance(node, MappingNode):
            total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        else:
            total = 1 + sum(size(child, depth + 1) for child in node.value)
        active.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            raise YamlProblems(
                [
                    Problem(
                        "PK105",
                        *_pos(node),
                        f"aliases here expand to more than {MAX_NODES:,} values "
                        "(an alias bomb?); write the content out instead of repeating aliases",
                    )
                ]
            )
        return total

    size(root)


_TOO_DEEP = (
    f"nesting is deeper than {MAX_DEPTH} levels; a partnership file never needs that, "
    "so the file is refused"
)


class _Builder:
    """Turn composed nodes into dicts, lists and scalars, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.fatal = False
        self.duplicates = 0
        self._memo: dict[int, Any] = {}

    def fail(self, node: Node, code: str, message: str) -> None:
        self.problems.append(Problem(code, *_pos(node), message))
        self.fatal = True

    def build(self, node: Node, depth: int = 1) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self._memo:  # an alias: share, as PyYAML does
            return self._memo[key]
        if depth > MAX_DEPTH:
            raise YamlProblems([Problem("PK105", *_pos(node), _TOO_DEEP)])
        if isinstance(node, SequenceNode):
            if node.tag != _T + "seq":
                self.fail(node, "PK104", _unsupported_tag(node.tag))
            items: list[Any] = []
            self._memo[key] = items
            items.extend(self.build(child, depth + 1) for child in node.value)
            return items
        assert isinstance(node, MappingNode)
        if node.tag != _T + "map":
            self.fail(node, "PK104", _unsupported_tag(node.tag))
        mapping: dict[str, Any] = {}
        self._memo[key] = mapping
        first_seen: dict[str, ScalarNode] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "PK104", "a key must be plain text, not a list or mapping")
                continue
            name = key_node.value
            if name == "<<" and key_node.style not in ("'", '"'):
                self.fail(
                    key_node,
                    "PK104",
                    "merge keys (`<<`) are not supported; write the keys out in full",
                )
                continue
            if name in first_seen:
                self.duplicates += 1
                if self.duplicates > MAX_SAME_PROBLEM:
                    continue
                line = first_seen[name].start_mark.line + 1
                self.problems.append(
                    Problem(
                        "PK103",
                        *_pos(key_node),
                        f"duplicate key `{name}` (first defined on line {line}); "
                        "PyYAML would silently keep only the last one — remove or rename one",
                    )
                )
                continue
            first_seen[name] = key_node
            mapping[name] = self.build(value_node, depth + 1)
        return mapping

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _T + "str":
            return value
        if tag == _T + "int":
            try:
                return int(value)
            except ValueError:
                self.fail(node, "PK112", f"`{value}` is tagged as a whole number but is not one")
                return value
        if tag == _T + "float":
            try:
                number = float(value)
            except ValueError:
                self.fail(node, "PK112", f"`{value}` is tagged as a number but is not one")
                return value
            if not math.isfinite(number):
                self.fail(node, "PK112", f"`{value}` is too large to be a number; write the amount")
                return value
            return number
        if tag == _T + "bool":
            return value.lower() == "true"
        if tag == _T + "null":
            return None
        if tag == _T + "timestamp":
            return self.timestamp(node)
        self.fail(node, "PK104", _unsupported_tag(tag))
        return value

    def timestamp(self, node: ScalarNode) -> dt.date | dt.datetime | str:
        value = node.value
        try:
            if len(value) <= 10:
                year, month, day = (int(p) for p in value.split("-"))
                return dt.date(year, month, day)
            return dt.datetime.fromisoformat(re.sub(r"[ \t]+", " ", value).replace(" Z", "Z"))
        except ValueError as exc:
            self.fail(
                node,
                "PK109",
                f"`{value}` is not a real date ({exc}); use an existing date as YYYY-MM-DD",
            )
            return str(value)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> Problem:
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        "PK106",
        line,
        column,
        f"the control character U+{exc.character:04X} is not allowed in YAML; remove it",
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _mark(mark) if mark is not None else (1, 1)
    problem = exc.problem or "invalid YAML"
    lines = _REAL_BREAK.split(text)
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = src[: len(src) - len(src.lstrip(" \t"))]
    if "\t" in problem or "\t" in indent:
        tab_col = src.find("\t") + 1 if "\t" in src else col
        return Problem(
            "PK108",
            line,
            tab_col,
            "a tab is used for indentation; YAML indents with spaces only — replace the tab "
            "with spaces",
        )
    if "another document" in problem:
        return Problem(
            "PK104",
            line,
            col,
            "a second YAML document starts here (`---`); keep one partnership per file",
        )
    context = f" {exc.context}" if exc.context else ""
    where = ""
    cm, pm = exc.context_mark, exc.problem_mark
    if cm is not None and pm is not None and cm.line != pm.line:
        where = f" (started on line {cm.line + 1})"
    return Problem("PK101", line, col, f"YAML syntax error: {problem}{context}{where}".strip())


def _unsupported_tag(tag: str) -> str:
    shown = tag.replace(_T, "!!")
    return f"the tag `{shown}` is not supported (only plain YAML values are); remove it"


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _pos(node: Node) -> tuple[int, int]:
    return _mark(node.start_mark)


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    return "single value"


def locate(root: MappingNode, path: Sequence[str | int]) -> tuple[int, int, bool]:
    """Position (1-based) of the value at `path`, pointing at its key for mapping entries.

    Walks as deep as the document goes; returns `exact=False` when part of the path
    does not exist (a missing key is reported where its parent is).
    """
    node: Node = root
    line, col = 1, 1
    for part in path:
        if isinstance(node, MappingNode):
            entry = _entry(node, str(part))
            if entry is None:
                return line, col, False
            line, col = _pos(entry[0])
            node = entry[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line, col = _pos(node)
        else:
            return line, col, False
    return line, col, True


def value_position(root: MappingNode, path: Sequence[str | int]) -> tuple[int, int]:
    """Position of the value itself (not its key) at `path`, or of the nearest parent."""
    node: Node = root
    for part in path:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return _pos(node)


def _child(node: Node, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        entry = _entry(node, str(part))
        return None if entry is None else entry[1]
    elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
        child: Node = node.value[part]
        return child
    return None


_INDEX: weakref.WeakKeyDictionary[MappingNode, dict[str, tuple[Node, Node]]] = (
    weakref.WeakKeyDictionary()
)


def _entry(node: MappingNode, name: str) -> tuple[Node, Node] | None:
    """The first (key, value) pair named `name`; indexed once for a large mapping, so
    that locating every one of many findings stays linear in the file."""
    if len(node.value) <= 16:
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == name:
                return key_node, value_node
        return None
    index = _INDEX.get(node)
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                index.setdefault(key_node.value, (key_node, value_node))
        _INDEX[node] = index
    return index.get(name)
