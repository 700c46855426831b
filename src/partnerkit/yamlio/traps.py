"""YAML's comma and colon traps, explained in words a person who is not a programmer can act on.

Unquoted text in `[ ]` or `{ }` ends at a comma, and `word: ` starts a key anywhere. So
`[St. Luke's redesign, 2025]` is two items, `{note: USD 7,500}` has a key `500`, and
`summary: Aim: faster` does not parse. Each explanation says what YAML did and gives the
line rewritten as it should be, with the text in quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partnerkit.yamlio.composer import TAG
from partnerkit.yamlio.positions import REAL_BREAK

# An item that reads as the end of the one before: a number, year, amount or percentage.
_TAIL = re.compile(r"(?:[A-Z]{3} ?|[$€£])?\d")
_LETTER = re.compile(r"[^\W\d_]")

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Split:
    """Items of a flow list that were one piece of text before YAML split it at a comma."""

    path: Path  # the list
    first: int  # index of the first item of the group
    count: int  # how many items make it
    tail: Node  # the first item that reads as the end of the one before


def quote(text: str) -> str:
    """`text` as a YAML quoted string that reads back as itself."""
    if '"' in text and "'" not in text:
        return "'" + text + "'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped + '"'


def field_name(path: Sequence[str | int]) -> str:
    """`("candidates", "options", 0, "references", 1)` → `candidates.options[0].references[1]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _node_at(root: Node, path: Sequence[str | int]) -> Node | None:
    node: Node = root
    for part in path:
        if isinstance(node, MappingNode):
            found = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)]
            if not found:
                return None
            node = found[0]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _is_text(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.tag == TAG + "str"
        and bool(_LETTER.search(node.value))
    )


def _is_tail(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and bool(_TAIL.match(node.value))


def _colon_item(node: Node, text: str) -> bool:
    """A one-pair mapping written without braces inside `[ ]`: `[Savings: USD 10]`."""
    return (
        isinstance(node, MappingNode)
        and len(node.value) == 1
        and not text.startswith("{", node.start_mark.index)
    )


def _groups(seq: SequenceNode, text: str) -> Iterator[tuple[int, int]]:
    """(first index, item count) of each run of items that read as one piece of text."""
    items = seq.value
    i = 0
    while i < len(items):
        j = i + 1
        if _is_text(items[i]) or _colon_item(items[i], text):
            while j < len(items) and _is_tail(items[j]):
                j += 1
        yield i, j - i
        i = j


def _line_of(text: str, node: Node) -> tuple[int, int]:
    """Start and end offsets of the line a node starts on."""
    start = text.rfind("\n", 0, node.start_mark.index) + 1
    found = REAL_BREAK.search(text, node.start_mark.index)
    return start, found.start() if found else len(text)


def _rewritten_list(seq: SequenceNode, text: str) -> str:
    """The line of a one-line flow list with each intended item in quotes."""
    pieces = []
    for first, count in _groups(seq, text):
        items = seq.value[first : first + count]
        span = text[items[0].start_mark.index : items[-1].end_mark.index]
        one = count == 1 and not _colon_item(items[0], text)
        pieces.append(span if one else quote(span))
    start, end = _line_of(text, seq)
    if seq.end_mark.index > end:  # written over several lines: show the list alone
        return "[" + ", ".join(pieces) + "]"
    line = text[start:end]
    a, b = seq.start_mark.index - start, seq.end_mark.index - start
    return (line[:a] + "[" + ", ".join(pieces) + "]" + line[b:]).strip()


def split_in_list(root: MappingNode, text: str, path: Path) -> str | None:
    """Why the item at `path` is wrong when a comma or colon split it off its text, or None."""
    if not path or not isinstance(path[-1], int):
        return None
    seq = _node_at(root, path[:-1])
    if not isinstance(seq, SequenceNode) or not seq.flow_style:
        return None
    index = path[-1]
    for first, count in _groups(seq, text):
        if not first <= index < first + count:
            continue
        colon = _colon_item(seq.value[first], text)
        if count == 1 and not colon:
            return None
        what = "the comma inside [ ] started a new item"
        if colon:
            key = seq.value[first].value[0][0].value
            what = f"the colon after `{key}` made the item a key with a value"
            if count > 1:
                what += ", and the comma inside [ ] started a new item"
        return (
            f"{what}. If it is one piece of text, put it in quotes: `{_rewritten_list(seq, text)}`"
        )
    return None


def comma_in_mapping(root: MappingNode, text: str, path: Path) -> str | None:
    """Why `path` is an unknown key when it is the rest of the value before it, or None."""
    if not path:
        return None
    mapping = _node_at(root, path[:-1])
    if not isinstance(mapping, MappingNode) or not mapping.flow_style:
        return None
    pairs = mapping.value
    at = next((i for i, (k, _) in enumerate(pairs) if k.value == str(path[-1])), None)
    if at is None or not _stray(pairs[at]):
        return None
    first = at
    while first > 0 and _stray(pairs[first - 1]):
        first -= 1
    if first == 0 or not isinstance(pairs[first - 1][1], ScalarNode):
        return None
    key, value = pairs[first - 1]
    last = at
    while last + 1 < len(pairs) and _stray(pairs[last + 1]):
        last += 1
    begin, end = value.start_mark.index, pairs[last][0].end_mark.index
    start, line_end = _line_of(text, value)
    fixed = text[start:begin] + quote(text[begin:end]) + text[end:line_end]
    if end > line_end:  # over several lines: show the value alone
        fixed = f"{key.value}: {quote(' '.join(text[begin:end].split()))}"
    return (
        f"the comma inside {{ }} ended `{key.value}` and started a new key. "
        f"If it is all the {key.value}, put it in quotes: `{fixed.strip()}`"
    )


def _stray(pair: tuple[Node, Node]) -> bool:
    """A plain key with nothing after it: text after a comma, not a key someone wrote."""
    key, value = pair
    return (
        isinstance(key, ScalarNode)
        and not key.style
        and isinstance(value, ScalarNode)
        and value.tag == TAG + "null"
        and value.start_mark.index == value.end_mark.index
    )


# A `[` with something other than `]` after it: a flow list that may hold items. Files
# whose only flow lists are `[]` (a scaffold's `costs: []`) have nothing to walk.
_FLOW_ITEM = re.compile(r"\[\s*[^\s\]]")


def splits(root: MappingNode, text: str) -> Iterator[Split]:
    """Every run of flow-list items that reads as one piece of text split at commas."""
    if not _FLOW_ITEM.search(text):
        return
    stack: list[tuple[Node, Path]] = [(root, ())]
    while stack:  # scalars hold no list: only collections are walked (most nodes are scalars)
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(
                (v, (*path, str(k.value))) for k, v in node.value if not isinstance(v, ScalarNode)
            )
        elif isinstance(node, SequenceNode):
            if node.flow_style and len(node.value) > 1:
                for first, count in _groups(node, text):
                    if count > 1:
                        yield Split(path, first, count, node.value[first + 1])
            stack.extend(
                (child, (*path, i))
                for i, child in enumerate(node.value)
                if not isinstance(child, ScalarNode)
            )


_KEY_LINE = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)*)"  # indentation and list dashes
    r"(?P<key>[^\s:#\-\[{'\"][^:#]*?):[ \t]+(?P<value>.+?)\s*$"
)


def colon_in_text(text: str, line: int) -> str | None:
    """`summary: Aim: faster` (a colon and a space inside unquoted text): the explanation
    and the line with its value in quotes, or None when the line is not of that shape."""
    lines = REAL_BREAK.split(text)
    if not 0 < line <= len(lines):
        return None
    found = _KEY_LINE.match(lines[line - 1])
    if not found or ": " not in found["value"] or found["value"][0] in "'\"[{|>":
        return None
    key, value = found["key"].strip(), found["value"]
    before = value.split(": ", 1)[0]
    where = block_path(lines, line - 1) or key
    return (
        f"in `{where}`, the colon after `{before}` reads as the start of another key "
        "(a colon followed by a space marks a key in YAML). Put the text in quotes: "
        f"`{key}: {quote(value)}`"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lead(line: str) -> int:
    """Column where a line's key starts, after its indentation and list dashes."""
    found = re.match(r"[ ]*(?:-[ ]+)*", line)
    return len(found[0]) if found else 0


def _dash(line: str) -> bool:
    return line.lstrip(" ").startswith("- ") or line.strip() == "-"


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key(line: str) -> str | None:
    head = line[_lead(line) :]
    return head.split(":", 1)[0].strip() if ":" in head else None


def block_path(lines: Sequence[str], index: int) -> str:
    """The path of the key on line `index` of a block-style file, read from indentation."""
    key = _key(lines[index])
    if key is None:
        return ""
    parts: list[str | int] = [key]
    j = index
    while _lead(lines[j]) > 0:
        if _dash(lines[j]):  # the first key of a list item: count the items above it
            d, count, k = _indent(lines[j]), 0, j - 1
            while k >= 0 and (
                not _content(lines[k])
                or _indent(lines[k]) > d
                or (_indent(lines[k]) == d and _dash(lines[k]))
            ):
                count += _content(lines[k]) and _indent(lines[k]) == d
                k -= 1
            parts.append(count)
        else:
            c, k = _lead(lines[j]), j - 1
            while k >= 0 and (not _content(lines[k]) or _indent(lines[k]) >= c):
                k -= 1
            if k >= 0 and _dash(lines[k]) and _lead(lines[k]) == c:
                j = k  # another key of the same list item
                continue
        key = _key(lines[k]) if k >= 0 else None
        if key is None:
            break
        parts.append(key)
        j = k
    return field_name(tuple(reversed(parts)))
