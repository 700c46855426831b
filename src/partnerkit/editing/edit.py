"""Edit a user's partnership file without disturbing anything else in it.

Every command that changes a file (`sign`, `amend`, `renew`, `record`, `measure`,
`choose`) goes through this module, by `commands.editfile.edit_file`. It splices new
text into the file at the positions the YAML parser reports, so every comment, blank
line, quoting style, key order and indentation outside the edited node stays byte for
byte as it was.
After each operation it checks, mechanically, that

- the new text parses to exactly the intended data (the old data with the
  operation applied), and
- the lines that differ from the old text lie inside the edited node's lines,

and refuses (`EditError`) rather than write anything else. The splicing itself is in
`splice`; values are written by `yamltext`.

API
---
Operations (paths are tuples of keys and list indexes; a negative index counts from
the end, as in Python):

    Set(path, value)           set a value: keep a scalar's quoting, a flow
                               collection stays flow, a block one block; a missing
                               key (and missing parent mappings) is added
    AddKey(path, key, value)   add `key` at the end of the mapping at `path`,
                               block (`key: value` on a new line) or flow
                               (`{a: 1, key: value}`), keeping the mapping's style
    Append(path, item)         append to the list at `path`, block (`- item`) or
                               flow (`[a, item]`); creates the key when missing
    Extend(path, items)        append several items in one edit (as Append)
    Delete(path)               remove the key at `path` (the last part is a key)
    Move(source, dest)         Delete(source) and put its value at `dest`: a key
                               path (added) or a list path ending in `"+"` (appended)

Functions:

    apply(text, ops) -> str    the new text, or EditError (nothing written)
    diff(old, new, name)       a unified diff for `--dry-run`
    write_in_place(path, data, expect=...)
        write atomically (a temporary file in the same folder, then `os.replace`;
        mode, owner and group kept; a symbolic link is followed only to a file in
        the same folder), refusing a read-only file and one whose bytes are not
        those the edit was made from; in `writing`, with `edit_lock`, the advisory
        lock held while a file is edited

The whole editing command (load the file and refuse it when it has errors, plan,
apply, show or write, check again) is `commands.editfile.edit_file`, above the check.

Values are Python data: str, int, float, bool, None, datetime.date, lists and
dicts (see `yamltext` for how they are written).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode

from partnerkit.editing.splice import BREAK, EditError, PathT, Splicer, nest, shown
from partnerkit.editing.writing import write_in_place
from partnerkit.support.sanitize import diff_line
from partnerkit.yamlio import YamlProblems, parse

__all__ = [
    "AddKey",
    "Append",
    "Delete",
    "EditError",
    "Extend",
    "Move",
    "Op",
    "Set",
    "apply",
    "diff",
    "write_in_place",
]


@dataclass(frozen=True)
class Set:
    path: PathT
    value: Any


@dataclass(frozen=True)
class AddKey:
    path: PathT
    key: str
    value: Any


@dataclass(frozen=True)
class Append:
    path: PathT
    item: Any


@dataclass(frozen=True)
class Extend:
    path: PathT
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Delete:
    path: PathT


@dataclass(frozen=True)
class Move:
    source: PathT
    dest: PathT


Op = Set | AddKey | Append | Extend | Delete | Move


# --- applying operations -------------------------------------------------------------


def apply(text: str, ops: Sequence[Op]) -> str:
    """Apply the operations in order; each is verified before the next."""
    for op in ops:
        text = _apply_one(text, op)
    return text


def _apply_one(text: str, op: Op) -> str:
    if isinstance(op, Extend) and not op.items:
        return text
    if isinstance(op, Set) and (parts := _key_by_key(text, op)) is not None:
        try:
            return apply(text, parts)
        except EditError:
            pass  # written some other way (a merge key, say): replaced whole, as before
    doc = _parse(text)
    if isinstance(op, Move):
        value = _get(doc.data, op.source)
        text = _apply_one(text, Delete(op.source))
        if op.dest and op.dest[-1] == "+":
            return _apply_one(text, Append(op.dest[:-1], value))
        return _apply_one(text, Set(op.dest, value))
    expected = _plain_copy(doc.data)
    splice = Splicer(text, doc.root)
    if isinstance(op, Set):
        new, region = splice.set(op.path, op.value)
        _set_data(expected, op.path, op.value)
    elif isinstance(op, AddKey):
        new, region = splice.add_key(op.path, op.key, op.value)
        _set_data(expected, (*op.path, op.key), op.value, must_be_new=True)
    elif isinstance(op, Append):
        new, region = splice.append(op.path, op.item)
        _append_data(expected, op.path, op.item)
    elif isinstance(op, Extend):
        new, region = splice.extend(op.path, list(op.items))
        for item in op.items:
            _append_data(expected, op.path, item)
    else:
        new, region = splice.delete(op.path)
        _delete_data(expected, op.path)
    _verify(text, new, region, expected, op)
    return new


def _key_by_key(text: str, op: Set) -> list[Op] | None:
    """Setting a mapping written block style, key by key: each line (and its comment)
    stays where it is unless its value changes; new keys are added at the end and keys
    not in the new value are removed. None for anything else."""
    if not isinstance(op.value, dict) or not op.value or not op.path:
        return None
    doc = _parse(text)
    try:
        node, _ = Splicer(text, doc.root).find(op.path)
        old = _get(doc.data, op.path)
    except (KeyError, EditError):
        return None
    if not isinstance(node, MappingNode) or node.flow_style or not isinstance(old, dict):
        return None
    ops: list[Op] = []
    for key, value in op.value.items():
        if key not in old:
            ops.append(AddKey(op.path, key, value))
        elif type(old[key]) is not type(value) or old[key] != value:
            ops.append(Set((*op.path, key), value))
    ops.extend(Delete((*op.path, key)) for key in old if key not in op.value)
    return ops


def _parse(text: str) -> Any:
    try:
        doc, problems = parse(text)
    except YamlProblems as exc:
        raise EditError(f"the file is not valid YAML: {exc}") from None
    if problems:
        raise EditError(f"the file has problems: {problems[0].message}")
    return doc


def _plain_copy(value: Any) -> Any:
    """A copy without shared parts (an alias edited in one place must not hide)."""
    if isinstance(value, dict):
        return {k: _plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_copy(v) for v in value]
    return copy.copy(value)


def _get(data: Any, path: PathT) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            raise EditError(f"{shown(path)} is not in the file") from None
    return data


def _set_data(data: Any, path: PathT, value: Any, must_be_new: bool = False) -> None:
    parent = data
    for i, part in enumerate(path[:-1]):
        if isinstance(parent, dict) and part not in parent:
            parent[part] = _plain_copy(nest(path[i + 1 :], value))
            return
        parent = _get(parent, (part,))
    if must_be_new and path[-1] in parent:
        raise EditError(f"{shown(path)} is already in the file")
    parent[path[-1]] = _plain_copy(value)


def _append_data(data: Any, path: PathT, item: Any) -> None:
    try:
        target = _get(data, path)
    except EditError:
        _set_data(data, path, [item])
        return
    if target is None:  # a key with nothing under it yet
        _set_data(data, path, [item])
        return
    if not isinstance(target, list):
        raise EditError(f"{shown(path)} is not a list")
    target.append(_plain_copy(item))


def _delete_data(data: Any, path: PathT) -> None:
    parent = _get(data, path[:-1])
    if not isinstance(parent, dict) or path[-1] not in parent:
        raise EditError(f"{shown(path)} is not in the file")
    del parent[path[-1]]


# --- verification ---------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Lines with their endings, split where YAML breaks lines."""
    out, start = [], 0
    for m in BREAK.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _verify(old: str, new: str, region: tuple[int, int], expected: Any, op: Op) -> None:
    """Refuse unless only the region's lines changed and the data is what was meant."""
    a, b = _lines(old), _lines(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    first, last = region  # 0-based old line numbers the edit may touch (inclusive)
    changed_from, changed_to = head, len(a) - tail  # old lines [from, to) changed
    if changed_from < changed_to and (changed_from < first or changed_to - 1 > last):
        raise EditError(
            f"editing {_describe(op)} would change lines {changed_from + 1}-{changed_to} "
            "outside the edited part; the file was left as it is"
        )
    if changed_from == changed_to and old != new and not first <= changed_from <= last + 1:
        raise EditError(f"editing {_describe(op)} would insert text in the wrong place")
    try:
        doc, problems = parse(new)
    except YamlProblems as exc:
        raise EditError(f"editing {_describe(op)} would break the YAML ({exc})") from None
    if problems or doc.data != expected:
        raise EditError(
            f"editing {_describe(op)} would not read back as intended; the file was left "
            "as it is (please report this with the file)"
        )


def _describe(op: Op) -> str:
    if isinstance(op, AddKey):
        return shown((*op.path, op.key))
    return shown(op.source if isinstance(op, Move) else op.path)


# --- files -----------------------------------------------------------------------------


def diff(old: str, new: str, name: str) -> str:
    """A unified diff of an edit, for `--dry-run`, headed as git heads one; every line
    shown escaped (`diff_line`), as the file's lines come from a pull request."""
    shown = name.lstrip("/")
    lines = difflib.unified_diff(
        _lines(old), _lines(new), fromfile=f"a/{shown}", tofile=f"b/{shown}", n=2
    )
    return "".join(map(diff_line, lines))
