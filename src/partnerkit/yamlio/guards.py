"""Limits checked before a document costs anything: nesting depth and alias expansion."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from partnerkit.yamlio.composer import Composer
from partnerkit.yamlio.positions import (
    fix_mark,
    line_starts,
    mark_position,
    node_position,
    yaml_only_breaks,
)
from partnerkit.yamlio.problems import Problem, YamlProblems

MAX_DEPTH = 50
MAX_NODES = 200_000
# The C composer recurses once per nesting level and crashes somewhere past ~10,000
# levels. Below this bound it is safe to compose first and check the depth while
# building; above it, an event scan (no recursion) checks the depth first.
SAFE_COMPOSE_BOUND = 1_000

TOO_DEEP = (
    f"nesting is deeper than {MAX_DEPTH} levels; a partnership file never needs that, "
    "so the file is refused"
)


def guard_depth(text: str) -> None:
    """Refuse deep nesting before the C composer recurses into it (it can crash).

    Depth is bounded by the flow brackets plus the longest line (block nesting needs
    indentation or indicators on a line); ordinary files are far below the bound.
    """
    bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    if bound <= SAFE_COMPOSE_BOUND:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Composer):  # type: ignore[arg-type]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    if yaml_only_breaks(text):
                        mark = fix_mark(mark, line_starts(text))
                    raise YamlProblems([Problem("PK105", *mark_position(mark), TOO_DEEP)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError:
        return  # The composer reports syntax errors with their position.


def guard_expansion(root: Node) -> None:
    """Refuse alias bombs and recursive aliases by counting the expanded tree."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node, depth: int = 1) -> int:
        if depth > MAX_DEPTH:  # the builder refuses it too; never recurse deeper than this
            raise YamlProblems([Problem("PK105", *node_position(node), TOO_DEEP)])
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise YamlProblems(
                [
                    Problem(
                        "PK105",
                        *node_position(node),
                        "an alias refers to itself (a recursive structure)",
                    )
                ]
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
                        *node_position(node),
                        f"aliases here expand to more than {MAX_NODES:,} values "
                        "(an alias bomb?); write the content out instead of repeating aliases",
                    )
                ]
            )
        return total

    size(root)
