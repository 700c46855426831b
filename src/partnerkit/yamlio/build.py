"""Composed nodes to plain data (dicts, lists, text, numbers, dates), with problems.

A repeated key, an unsupported tag, a merge key, a number that is not one and an
impossible date are each a located problem; a repeated key and an impossible date
(kept as its text) keep the data, so the rest of the file can still be checked.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partnerkit.yamlio.composer import TAG, TAG_MAP, TAG_SEQ, TAG_STR
from partnerkit.yamlio.guards import MAX_DEPTH, TOO_DEEP
from partnerkit.yamlio.positions import node_position
from partnerkit.yamlio.problems import Problem, YamlProblems

# A file can repeat one mistake a hundred thousand times; past this many of one kind,
# the rest are counted in one finding instead of listed (the report stays readable
# and the time stays linear).
MAX_SAME_PROBLEM = 50

_INT, _FLOAT, _BOOL, _NULL = TAG + "int", TAG + "float", TAG + "bool", TAG + "null"
_TIMESTAMP = TAG + "timestamp"


class Builder:
    """Turn composed nodes into dicts, lists and scalars, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.fatal = False
        self.duplicates = 0
        self._memo: dict[int, Any] = {}

    def fail(self, node: Node, code: str, message: str) -> None:
        self.problems.append(Problem(code, *node_position(node), message))
        self.fatal = True

    def build(self, node: Node, depth: int = 1) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self._memo:  # an alias: share, as PyYAML does
            return self._memo[key]
        if depth > MAX_DEPTH:
            raise YamlProblems([Problem("PK105", *node_position(node), TOO_DEEP)])
        if isinstance(node, SequenceNode):
            if node.tag != TAG_SEQ:
                self.fail(node, "PK104", unsupported_tag(node.tag))
            items: list[Any] = []
            self._memo[key] = items
            for child in node.value:  # text, the most common item, without a call per item
                if child.__class__ is ScalarNode and child.tag == TAG_STR:
                    items.append(child.value)
                else:
                    items.append(self.build(child, depth + 1))
            return items
        assert isinstance(node, MappingNode)
        if node.tag != TAG_MAP:
            self.fail(node, "PK104", unsupported_tag(node.tag))
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
                self.duplicate(key_node, first_seen[name])
                continue
            first_seen[name] = key_node
            if value_node.__class__ is ScalarNode and value_node.tag == TAG_STR:
                mapping[name] = value_node.value  # text, as `scalar` returns it
            else:
                mapping[name] = self.build(value_node, depth + 1)
        return mapping

    def duplicate(self, key_node: ScalarNode, first: ScalarNode) -> None:
        self.duplicates += 1
        if self.duplicates > MAX_SAME_PROBLEM:
            return
        self.problems.append(
            Problem(
                "PK103",
                *node_position(key_node),
                f"duplicate key `{key_node.value}` (first defined on line "
                f"{first.start_mark.line + 1}); "
                "PyYAML would silently keep only the last one — remove or rename one",
            )
        )

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == TAG_STR:
            return value
        if tag == _INT:
            try:
                return int(value)
            except ValueError:
                self.fail(node, "PK112", f"`{value}` is tagged as a whole number but is not one")
                return value
        if tag == _FLOAT:
            try:
                number = float(value)
            except ValueError:
                self.fail(node, "PK112", f"`{value}` is tagged as a number but is not one")
                return value
            if not math.isfinite(number):
                self.fail(node, "PK112", f"`{value}` is too large to be a number; write the amount")
                return value
            return number
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            return self.timestamp(node)
        self.fail(node, "PK104", unsupported_tag(tag))
        return value

    def timestamp(self, node: ScalarNode) -> dt.date | dt.datetime | str:
        value = node.value
        try:
            if len(value) == 10 and value[4] == value[7] == "-":  # YYYY-MM-DD, read in C
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    pass  # read again below, for the reason the author is shown
            if len(value) <= 10:
                year, month, day = (int(p) for p in value.split("-"))
                return dt.date(year, month, day)
            return dt.datetime.fromisoformat(re.sub(r"[ \t]+", " ", value).replace(" Z", "Z"))
        except ValueError as exc:
            # Not fatal: the value is kept as text, so the rest of the file is still
            # checked and every other error is reported in the same run.
            self.problems.append(
                Problem(
                    "PK109",
                    *node_position(node),
                    f"`{value}` is not a real date ({exc}); use an existing date as YYYY-MM-DD",
                )
            )
            return str(value)

    def overflow(self) -> None:
        """One PK103 counting the duplicate keys past `MAX_SAME_PROBLEM`."""
        if self.duplicates <= MAX_SAME_PROBLEM:
            return
        last = self.problems[-1]
        self.problems.append(
            Problem(
                "PK103",
                last.line,
                last.column,
                f"… and {self.duplicates - MAX_SAME_PROBLEM:,} more duplicate keys after "
                "this one (not listed); remove the repeated keys",
            )
        )


def unsupported_tag(tag: str) -> str:
    shown = tag.replace(TAG, "!!")
    return f"the tag `{shown}` is not supported (only plain YAML values are); remove it"
