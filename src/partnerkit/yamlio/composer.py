"""PyYAML's composer (the C parser where available) with the YAML 1.2 core schema.

Only `true`/`false` are booleans, `010` and `1:30` stay text, and a date is a plain
`YYYY-MM-DD` (with an optional time); everything else is text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode, SequenceNode

try:  # The C parser is several times faster; fall back when libyaml is missing.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer as _PyComposer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, _PyComposer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _PyComposer.__init__(self)


TAG = "tag:yaml.org,2002:"


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types of the YAML 1.2 core schema, plus plain dates."""


_Resolver.yaml_implicit_resolvers = {}  # our own table, not PyYAML's YAML 1.1 one


_Resolver.add_implicit_resolver(
    TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    TAG + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    TAG + "float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
_Resolver.add_implicit_resolver(
    TAG + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    TAG + "timestamp",
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
TAG_STR, TAG_SEQ, TAG_MAP = TAG + "str", TAG + "seq", TAG + "map"


class Composer(_Parser, _Resolver):
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
        # Called for every node of every file: the tags are made once, not per call.
        if kind is ScalarNode:
            if implicit[0] and (candidates := _BY_CHAR.get(value[:1])):  # "" for an empty value
                for tag, regexp in candidates:
                    if regexp.match(value):
                        return tag
            return TAG_STR
        return TAG_SEQ if kind is SequenceNode else TAG_MAP
