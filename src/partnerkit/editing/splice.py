"""Splice new text into YAML at the positions the parser reports (used by `edit`).

Each operation returns the new text and the old lines it may touch; `edit` verifies
both before anything is written.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partnerkit.check.finding import field_path
from partnerkit.editing import yamltext

PathT = tuple[str | int, ...]
BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def line_break(text: str) -> str:
    """The file's line ending, as its first line ends (CRLF, CR or LF); LF for one line."""
    first = re.search(r"\r\n|\r|\n", text)
    return first.group() if first else "\n"


class EditError(Exception):
    """The edit cannot be made safely; the file is left as it is."""


def shown(path: PathT) -> str:
    return field_path([p for p in path if p != "+"]) or "the top level"


def nest(rest: PathT, value: Any) -> Any:
    """`value` under the keys `rest`, outermost first."""
    for part in reversed(rest):
        value = {part: value}
    return value


class Splicer:
    def __init__(self, text: str, root: MappingNode) -> None:
        self.text = text
        self.root = root
        self.nl = line_break(text)
        self.starts = [0] + [m.end() for m in BREAK.finditer(text)]

    # positions
    def line_of(self, index: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line_end(self, index: int) -> int:
        """Index just past the line break of the line holding `index` (or the end)."""
        line = self.line_of(index)
        return self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)

    def content_end(self, node: Node) -> int:
        """Where the node's own text ends (block collections end at their last child)."""
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            key, value = node.value[-1]
            return max(self.content_end(key), self.content_end(value))
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            return self.content_end(node.value[-1])
        end = int(node.end_mark.index)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            end = len(self.text[:end].rstrip(" \r\n\x85\u2028\u2029"))
        return max(end, int(node.start_mark.index))

    def find(self, path: PathT) -> tuple[Node, Node | None]:
        """The node at `path` and its key node (None for a list item or the root)."""
        node: Node = self.root
        key: Node | None = None
        for part in path:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == part:
                        node, key = v, k
                        break
                else:
                    raise KeyError(part)
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not -len(node.value) <= part < len(node.value):
                    raise EditError(f"{shown(path)}: the list has {len(node.value)} items")
                node, key = node.value[part], None
            else:
                raise EditError(f"{shown(path)} is not in the file")
        return node, key

    def splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        return self.line_of(start), self.line_of(max(start, end - 1) if end > start else end)

    # operations
    def set(self, path: PathT, value: Any) -> tuple[str, tuple[int, int]]:
        if not path:
            raise EditError("the whole file cannot be replaced")
        try:
            node, _ = self.find(path)
        except KeyError:
            for depth in range(len(path) - 1, -1, -1):
                try:
                    parent, _ = self.find(path[:depth])
                except KeyError:
                    continue
                if not isinstance(parent, MappingNode):
                    raise EditError(f"{shown(path[:depth])} is not a mapping") from None
                return self.add_key(path[:depth], str(path[depth]), nest(path[depth + 1 :], value))
            raise EditError(f"{shown(path)} cannot be added") from None
        start, end = int(node.start_mark.index), self.content_end(node)
        column = int(node.start_mark.column)
        if isinstance(node, ScalarNode) and not isinstance(value, dict | list):
            quote = node.style if node.style in ("'", '"') else None
            text = yamltext.scalar(value, flow=self._in_flow(path), quote=quote)
        elif getattr(node, "flow_style", False) or isinstance(node, ScalarNode):
            text = yamltext.flow(value)
        else:
            text = self.nl.join(yamltext.block(value, column))
        end, text = self._keep_comment_column(start, end, text)
        return self.splice(start, end, text), self.lines_of(start, end)

    def _keep_comment_column(self, start: int, end: int, text: str) -> tuple[int, str]:
        """A one-line value followed by spaces and a comment: keep the comment's column."""
        if BREAK.search(text) or self.line_of(start) != self.line_of(end):
            return end, text
        rest = self.text[end : self.line_end(end)]
        gap = len(rest) - len(rest.lstrip(" "))
        if not gap or not rest[gap:].startswith("#"):
            return end, text
        spaces = max(1, gap - (len(text) - (end - start)))
        return end + gap, text + " " * spaces

    def _in_flow(self, path: PathT) -> bool:
        for depth in range(len(path)):
            parent, _ = self.find(path[:depth])
            if getattr(parent, "flow_style", False):
                return True
        return False

    def add_key(self, path: PathT, key: str, value: Any) -> tuple[str, tuple[int, int]]:
        try:
            node, _ = self.find(path)
        except KeyError:
            return self.set((*path, key), value)
        if not isinstance(node, MappingNode):
            raise EditError(f"{shown(path)} is not a mapping")
        if any(isinstance(k, ScalarNode) and k.value == key for k, _ in node.value):
            raise EditError(f"{shown((*path, key))} is already in the file")
        if node.flow_style or not node.value:
            entry = f"{yamltext.scalar(key, flow=True)}: {yamltext.flow(value)}"
            return self._flow_insert(node, entry, "}")
        first_key = node.value[0][0]
        column = int(first_key.start_mark.column)
        head = " " * column + yamltext.scalar(key) + ":"
        if (
            isinstance(value, dict | list)
            and value
            and (
                isinstance(value, list)
                or any(isinstance(v, list) and v for v in value.values())
                or not yamltext.fits_flow(value, len(head) + 1)
            )
        ):  # a list, or a mapping holding one, is written one item per line
            if isinstance(value, dict):
                body = yamltext.one_per_line(value, column + 2)
            else:
                body = yamltext.block(value, column + 2)
            lines = [head, " " * (column + 2) + body[0], *body[1:]]
        else:
            lines = [f"{head} {yamltext.flow(value)}"]
        gap = node is self.root and self._sections_spaced()
        return self._block_insert(node, lines, blank_before=gap)

    def append(self, path: PathT, item: Any) -> tuple[str, tuple[int, int]]:
        return self.extend(path, [item])

    def extend(self, path: PathT, items: list[Any]) -> tuple[str, tuple[int, int]]:
        """Append every item in one splice (one edit for a thousand rows, not a thousand)."""
        try:
            node, _ = self.find(path)
        except KeyError:
            return self.set(path, list(items))
        if (not isinstance(node, SequenceNode) or (node.flow_style and not node.value)) and (
            opened := self._open_empty(path, node)
        ):
            return opened(items)
        if not isinstance(node, SequenceNode):
            raise EditError(f"{shown(path)} is not a list")
        if node.flow_style or not node.value:
            return self._flow_insert(node, ", ".join(yamltext.flow(x) for x in items), "]")
        last = node.value[-1]
        item_col = int(last.start_mark.column)
        dash = self.text.rfind(
            "-", self.starts[self.line_of(last.start_mark.index)], last.start_mark.index
        )
        between = self.text[dash + 1 : last.start_mark.index] if dash >= 0 else "x"
        if dash < 0 or between.strip():
            raise EditError(f"{shown(path)}: the list is written in a way partnerkit cannot extend")
        dash_col = dash - self.starts[self.line_of(dash)]
        prefix = " " * dash_col + "-" + between
        flow_maps = any(isinstance(v, MappingNode) and v.flow_style for v in node.value)
        return self._block_insert(node, _item_lines(items, prefix, item_col, flow_maps))

    def _open_empty(self, path: PathT, node: Node) -> Any:
        """An empty list of a block mapping, `key: []` or `key:` with nothing under it, a
        comment allowed after it: a function writing the items one per line under the key,
        as a person would. None when it is written some other way (then it stays flow)."""
        if not path or isinstance(path[-1], int) or self._in_flow(path):
            return None
        _, key = self.find(path)
        if key is None:
            return None
        line_start = self.starts[self.line_of(int(key.start_mark.index))]
        cut = self.line_end(int(key.start_mark.index))
        line = self.text[line_start:cut].rstrip("\r\n\x85\u2028\u2029")
        if isinstance(node, SequenceNode):
            start, end = int(node.start_mark.index), int(node.end_mark.index)
            rest = self.text[end:cut].strip()
            if self.line_of(start) != self.line_of(int(key.start_mark.index)):
                return None
            if rest and not rest.startswith("#"):
                return None
            line = self.text[line_start:start].rstrip() + (f" {rest}" if rest else "")
        elif not (isinstance(node, ScalarNode) and node.tag.endswith(":null") and not node.value):
            return None
        column = int(key.start_mark.column) + 2

        def write(items: list[Any]) -> tuple[str, tuple[int, int]]:
            lines = _item_lines(items, " " * column + "- ", column + 2, flow_maps=False)
            raw = self.text[line_start:cut]
            ending = raw[len(raw.rstrip("\r\n\x85\u2028\u2029")) :] or self.nl
            new = line + self.nl + self.nl.join(lines) + ending
            return self.splice(line_start, cut, new), self.lines_of(line_start, cut)

        return write

    def delete(self, path: PathT) -> tuple[str, tuple[int, int]]:
        if not path or isinstance(path[-1], int):
            raise EditError("only a key of a mapping can be deleted")
        parent, _ = self._find_existing(path[:-1])
        if not isinstance(parent, MappingNode):
            raise EditError(f"{shown(path[:-1])} is not a mapping")
        pairs = parent.value
        index = next(
            (
                i
                for i, (k, _) in enumerate(pairs)
                if isinstance(k, ScalarNode) and k.value == path[-1]
            ),
            None,
        )
        if index is None:
            raise EditError(f"{shown(path)} is not in the file")
        key, value = pairs[index]
        if len(pairs) == 1:
            raise EditError(f"{shown(path)} is the only key of its mapping; remove the mapping")
        start, end = int(key.start_mark.index), self.content_end(value)
        if parent.flow_style:
            if index + 1 < len(pairs):
                end = int(pairs[index + 1][0].start_mark.index)
            else:
                start = self.content_end(pairs[index - 1][1])
            return self.splice(start, end, ""), self.lines_of(start, end)
        line_start = self.starts[self.line_of(start)]
        if self.text[line_start:start].strip():
            raise EditError(
                f"{shown(path)} shares its line with other content; partnerkit will not "
                "remove it automatically"
            )
        cut_end = self.line_end(end)
        return self.splice(line_start, cut_end, ""), self.lines_of(line_start, cut_end)

    def _find_existing(self, path: PathT) -> tuple[Node, Node | None]:
        try:
            return self.find(path)
        except KeyError:
            raise EditError(f"{shown(path)} is not in the file") from None

    # insertion helpers
    def _flow_insert(self, node: Node, entry: str, closer: str) -> tuple[str, tuple[int, int]]:
        if not getattr(node, "flow_style", False):
            raise EditError("an empty block collection cannot be extended")
        items = node.value
        if items:
            last = items[-1][1] if isinstance(node, MappingNode) else items[-1]
            at = self.content_end(last)
            new = ", " + entry
        else:
            at = int(node.start_mark.index) + 1
            new = entry
        if closer not in self.text[at : int(node.end_mark.index)]:
            raise EditError("the collection is written in a way partnerkit cannot extend")
        line = self.line_of(at)
        return self.splice(at, at, new), (line, line)

    def _block_insert(
        self, node: Node, lines: list[str], blank_before: bool = False
    ) -> tuple[str, tuple[int, int]]:
        end = self.content_end(node)
        at = self.line_end(end)
        prefix = ""
        if at == len(self.text) and not self.text.endswith(("\n", "\r")):
            prefix = self.nl  # the last line had no line break
        if blank_before:
            prefix += self.nl
        new = prefix + self.nl.join(lines) + self.nl
        last = self.line_of(end)
        return self.splice(at, at, new), (last, last)

    def _sections_spaced(self) -> bool:
        """Whether the top-level sections are separated by blank lines."""
        pairs = self.root.value
        if len(pairs) < 2:
            return False
        line = self.line_of(pairs[-1][0].start_mark.index)
        if line == 0:
            return False
        previous = self.text[self.starts[line - 1] : self.starts[line]]
        return not previous.strip()


def _item_lines(items: list[Any], prefix: str, column: int, flow_maps: bool) -> list[str]:
    """New list items, one per line: a mapping key by key unless the list already has a
    mapping written on one line (`- {a: 1}`) and it fits; a short list or a scalar on its line."""
    lines: list[str] = []
    for item in items:
        one_line = yamltext.fits_flow(item, column) if item else True
        if isinstance(item, dict) and item and not (flow_maps and one_line):
            body = yamltext.one_per_line(item, column)
        elif isinstance(item, list) and not one_line:
            body = yamltext.block(item, column)
        else:
            body = [yamltext.flow(item)]
        lines.extend([prefix + body[0], *body[1:]])
    return lines
