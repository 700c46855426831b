"""One partnership document from text: compose, check the limits, build the data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from partnerkit.yamlio.build import Builder
from partnerkit.yamlio.composer import Composer
from partnerkit.yamlio.guards import guard_depth, guard_expansion
from partnerkit.yamlio.positions import (
    fix_mark,
    fix_marks,
    line_starts,
    node_position,
    yaml_only_breaks,
)
from partnerkit.yamlio.problems import Problem, YamlProblems, reader_problem, syntax_problem


@dataclass(frozen=True, slots=True)
class Document:
    """Parsed data plus the node tree it came from (for positions)."""

    data: dict[str, Any]
    root: MappingNode
    text: str = ""  # the source, for messages that quote it


def parse(text: str) -> tuple[Document, list[Problem]]:
    """Parse one partnership document.

    Returns the document and non-fatal problems (duplicate keys, impossible dates); raises
    `YamlProblems` when nothing usable can be built.
    """
    root = _compose(text)
    if yaml_only_breaks(text):
        fix_marks(root, text)
    if not isinstance(root, MappingNode):
        raise YamlProblems(
            [
                Problem(
                    "PK104",
                    *node_position(root),
                    "the top level must be a mapping of keys (`partnerkit: 1`, `id: …`), "
                    f"not a {_kind(root)}",
                )
            ]
        )
    if "*" in text:  # aliases are possible only with an alias indicator
        guard_expansion(root)
    builder = Builder()
    data = builder.build(root)
    builder.overflow()
    if builder.fatal:
        raise YamlProblems(builder.problems)
    return Document(data, root, text), builder.problems


def _compose(text: str) -> Node:
    """The node tree of the one document in `text`, or `YamlProblems`."""
    try:
        guard_depth(text)
        composer = Composer(text)
        try:
            root: Node | None = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        if yaml_only_breaks(text):
            starts = line_starts(text)
            if exc.problem_mark is not None:
                exc.problem_mark = fix_mark(exc.problem_mark, starts)
            if exc.context_mark is not None:
                exc.context_mark = fix_mark(exc.context_mark, starts)
        raise YamlProblems([syntax_problem(exc, text)]) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblems([reader_problem(exc, text)]) from None
    if root is None:
        raise YamlProblems([Problem("PK107", 1, 1, "the file is empty: it holds no YAML content")])
    return root


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    return "single value"
