"""Edit a user's partnership file without disturbing anything else in it.

Every command that changes a file (`sign`, `amend`, `renew`, `record`, `measure`,
`choose`) goes through this module. It splices new text into the file at the
positions the YAML parser reports, so every comment, blank line, quoting style, key
order and indentation outside the edited node stays byte for byte as it was.
After each operation it checks, mechanically, that

- the new text parses to exactly the intended data (the old data with the
  operation applied), and
- the lines that differ from the old text lie inside the edited node's lines,

and refuses (`EditError`) rather than write anything else.

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
    Delete(path)               remove the key at `path` (the last part is a key)
    Move(source, dest)         Delete(source) and put its value at `dest`: a key
                               path (added) or a list path ending in `"+"` (appended)

Functions:

    apply(text, ops) -> str    the new text, or EditError (nothing written)
    diff(old, new, name)       a unified diff for `--dry-run`
    edit_file(path, plan, dry_run=..., config=...) -> int
        the whole editing command: load the file and refuse it when it has errors,
        call `plan(loaded)` for the operations (it may raise EditError with a
        message for the user), apply them, print a unified diff with `dry_run`
        and write nothing, otherwise write atomically (a temporary file in the
        same folder, then `os.replace`; the file's mode is kept; a symbolic link
        is followed only to a file in the same folder), then check the file
        again and print what the check finds. Returns the exit code (0 written,
        1 refused or the file has errors).

Values are Python data: str, int, float, bool, None, datetime.date, lists and
dicts (see `yamltext` for how they are written).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partnerkit import yamltext
from partnerkit.yamlio import YamlProblems, parse

if TYPE_CHECKING:
    from partnerkit.config import Config

PathT = tuple[str | int, ...]


class EditError(Exception):
    """The edit cannot be made safely; the file is left as it is."""


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
class Delete:
    path: PathT


@dataclass(frozen=True)
class Move:
    source: PathT
    dest: PathT


Op = Set | AddKey | Append | Delete | Move

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


# --- applying operations -------------------------------------------------------------


def apply(text: str, ops: Sequence[Op]) -> str:
    """Apply the operations in order; each is verified before the next."""
    for op in ops:
        text = _apply_one(text, op)
    return text


def _apply_one(text: str, op: Op) -> str:
    doc = _parse(text)
    if isinstance(op, Move):
        value = _get(doc.data, op.source)
        text = _apply_one(text, Delete(op.source))
        if op.dest and op.dest[-1] == "+":
            return _apply_one(text, Append(op.dest[:-1], value))
        return _apply_one(text, Set(op.dest, value))
    expected = _plain_copy(doc.data)
    splice = _Splicer(text, doc.root)
    if isinstance(op, Set):
        new, region = splice.set(op.path, op.value)
        _set_data(expected, op.path, op.value)
    elif isinstance(op, AddKey):
        new, region = splice.add_key(op.path, op.key, op.value)
        _set_data(expected, (*op.path, op.key), op.value, must_be_new=True)
    elif isinstance(op, Append):
        new, region = splice.append(op.path, op.item)
        _append_data(expected, op.path, op.item)
    else:
        new, region = splice.delete(op.path)
        _delete_data(expected, op.path)
    _verify(text, new, region, expected, op)
    return new


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
            raise EditError(f"{_shown(path)} is not in the file") from None
    return data


def _set_data(data: Any, path: PathT, value: Any, must_be_new: bool = False) -> None:
    parent = data
    for i, part in enumerate(path[:-1]):
        if isinstance(parent, dict) and part not in parent:
            parent[part] = _nest(path[i + 1 :], value)
            return
        parent = _get(parent, (part,))
    if must_be_new and path[-1] in parent:
        raise EditError(f"{_shown(path)} is already in the file")
    parent[path[-1]] = _plain_copy(value)


def _nest(rest: PathT, value: Any) -> Any:
    for part in reversed(rest):
        value = {part: value}
    return _plain_copy(value)


def _append_data(data: Any, path: PathT, item: Any) -> None:
    try:
        target = _get(data, path)
    except EditError:
        _set_data(data, path, [item])
        return
    if not isinstance(target, list):
        raise EditError(f"{_shown(path)} is not a list")
    target.append(_plain_copy(item))


def _delete_data(data: Any, path: PathT) -> None:
    parent = _get(data, path[:-1])
    if not isinstance(parent, dict) or path[-1] not in parent:
        raise EditError(f"{_shown(path)} is not in the file")
    del parent[path[-1]]


def _shown(path: PathT) -> str:
    from partnerkit.finding import field_path

    return field_path([p for p in path if p != "+"]) or "the top level"


# --- verification ---------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Lines with their endings, split where YAML breaks lines."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
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
        return _shown((*op.path, op.key))
    return _shown(op.source if isinstance(op, Move) else op.path)


# --- splicing text at node positions --------------------------------------------------


class _Splicer:
    def __init__(self, text: str, root: MappingNode) -> None:
        self.text = text
        self.root = root
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

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
                    raise EditError(f"{_shown(path)}: the list has {len(node.value)} items")
                node, key = node.value[part], None
            else:
                raise EditError(f"{_shown(path)} is not in the file")
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
                    raise EditError(f"{_shown(path[:depth])} is not a mapping") from None
                return self.add_key(path[:depth], str(path[depth]), _nest(path[depth + 1 :], value))
            raise EditError(f"{_shown(path)} cannot be added") from None
        start, end = int(node.start_mark.index), self.content_end(node)
        column = int(node.start_mark.column)
        if isinstance(node, ScalarNode) and not isinstance(value, dict | list):
            quote = node.style if node.style in ("'", '"') else None
            text = yamltext.scalar(value, flow=self._in_flow(path), quote=quote)
        elif getattr(node, "flow_style", False) or isinstance(node, ScalarNode):
            text = yamltext.flow(value)
        else:
            text = self.nl.join(yamltext.block(value, column))
        return self.splice(start, end, text), self.lines_of(start, end)

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
            raise EditError(f"{_shown(path)} is not a mapping")
        if any(isinstance(k, ScalarNode) and k.value == key for k, _ in node.value):
            raise EditError(f"{_shown((*path, key))} is already in the file")
        if node.flow_style or not node.value:
            entry = f"{yamltext.scalar(key, flow=True)}: {yamltext.flow(value)}"
            return self._flow_insert(node, entry, "}")
        first_key = node.value[0][0]
        column = int(first_key.start_mark.column)
        head = " " * column + yamltext.scalar(key) + ":"
        list_of_maps = isinstance(value, list) and any(isinstance(v, dict) for v in value)
        if (
            isinstance(value, dict | list)
            and value
            and (list_of_maps or not yamltext.fits_flow(value, len(head) + 1))
        ):
            body = yamltext.block(value, column + 2)
            lines = [head, " " * (column + 2) + body[0], *body[1:]]
        else:
            lines = [f"{head} {yamltext.flow(value)}"]
        gap = node is self.root and self._sections_spaced()
        return self._block_insert(node, lines, blank_before=gap)

    def append(self, path: PathT, item: Any) -> tuple[str, tuple[int, int]]:
        try:
            node, _ = self.find(path)
        except KeyError:
            return self.set(path, [item])
        if not isinstance(node, SequenceNode):
            raise EditError(f"{_shown(path)} is not a list")
        if node.flow_style or not node.value:
            return self._flow_insert(node, yamltext.flow(item), "]")
        last = node.value[-1]
        item_col = int(last.start_mark.column)
        dash = self.text.rfind(
            "-", self.starts[self.line_of(last.start_mark.index)], last.start_mark.index
        )
        between = self.text[dash + 1 : last.start_mark.index] if dash >= 0 else "x"
        if dash < 0 or between.strip():
            raise EditError(
                f"{_shown(path)}: the list is written in a way partnerkit cannot extend"
            )
        dash_col = dash - self.starts[self.line_of(dash)]
        prefix = " " * dash_col + "-" + between
        flow_items = isinstance(last, ScalarNode) or getattr(last, "flow_style", False)
        if (
            isinstance(item, dict | list)
            and item
            and not (flow_items and yamltext.fits_flow(item, item_col))
        ):
            body = yamltext.block(item, item_col)
            lines = [prefix + body[0], *body[1:]]
        else:
            lines = [prefix + yamltext.flow(item)]
        return self._block_insert(node, lines)

    def delete(self, path: PathT) -> tuple[str, tuple[int, int]]:
        if not path or isinstance(path[-1], int):
            raise EditError("only a key of a mapping can be deleted")
        parent, _ = self._find_existing(path[:-1])
        if not isinstance(parent, MappingNode):
            raise EditError(f"{_shown(path[:-1])} is not a mapping")
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
            raise EditError(f"{_shown(path)} is not in the file")
        key, value = pairs[index]
        if len(pairs) == 1:
            raise EditError(f"{_shown(path)} is the only key of its mapping; remove the mapping")
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
                f"{_shown(path)} shares its line with other content; partnerkit will not "
                "remove it automatically"
            )
        cut_end = self.line_end(end)
        return self.splice(line_start, cut_end, ""), self.lines_of(line_start, cut_end)

    def _find_existing(self, path: PathT) -> tuple[Node, Node | None]:
        try:
            return self.find(path)
        except KeyError:
            raise EditError(f"{_shown(path)} is not in the file") from None

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


# --- files -----------------------------------------------------------------------------


def diff(old: str, new: str, name: str) -> str:
    """A unified diff of an edit, for `--dry-run`."""
    return "".join(
        difflib.unified_diff(
            _lines(old), _lines(new), fromfile=f"a/{name}", tofile=f"b/{name}", n=2
        )
    )


@dataclass
class EditTarget:
    """A file loaded for editing: its text, parsed data and model, and the bytes read."""

    path: str
    text: str
    data: dict[str, Any]
    model: Any  # partnerkit.model.Partnership
    raw: bytes


Plan = Callable[[EditTarget], Sequence[Op]]


def edit_file(
    path: Path,
    plan: Plan,
    *,
    dry_run: bool = False,
    config: Config | None = None,
    done: str = "",
) -> int:
    """Load, refuse on errors, plan, apply, verify, then show (`dry_run`) or write and
    check again. `done` is printed after a successful write."""
    import sys

    from partnerkit.config import Config as _Config

    config = config or _Config()
    target = load_for_edit(path, config)
    if target is None:
        return 1
    try:
        ops = plan(target)
        new = apply(target.text, ops)
    except (EditError, yamltext.RenderError) as exc:
        sys.stderr.write(f"{target.path}: {exc}\n")
        return 1
    if dry_run:
        sys.stdout.write(diff(target.text, new, target.path) or f"{target.path}: no change\n")
        return 0
    if new == target.text:
        sys.stdout.write(f"{target.path}: nothing to change\n")
        return 0
    bom = b"\xef\xbb\xbf" if target.raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        write_in_place(path, bom + new.encode("utf-8"), expect=target.raw)
    except EditError as exc:
        sys.stderr.write(f"{target.path}: {exc}\n")
        return 1
    if done:
        sys.stdout.write(done + "\n")
    return recheck(path, config)


def load_for_edit(path: Path, config: Config) -> EditTarget | None:
    """Load a file for an edit; print its errors and return None when it has any.

    Errors are the full check's (schema, references, rules set to error), so an edit
    never starts from a file that `partnerkit check` would fail."""
    import datetime as dt
    import sys

    from partnerkit.commands.common import load_sound

    sound = load_sound(path, config, dt.date.today())
    if sound is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        sys.stderr.write(f"{sound.result.path}: cannot read the file: {exc.strerror or exc}\n")
        return None
    return EditTarget(sound.result.path, sound.text, sound.doc.data, sound.model, raw)


def write_in_place(path: Path, data: bytes, *, expect: bytes) -> None:
    """Replace a file atomically, keeping its mode; refuse when it changed since read.

    The temporary file is made in the file's own folder, so `os.replace` is one
    rename on one file system. A symbolic link is followed only to a file in the
    same folder (the link itself stays)."""
    import contextlib
    import os
    import stat
    import tempfile

    target = path
    if path.is_symlink():
        target = path.resolve()
        if target.parent != path.parent.resolve():
            raise EditError(f"{path} is a link to a file in another folder; edit {target} itself")
    try:
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode):
            raise EditError(f"{path} is not a regular file")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise EditError(f"cannot write next to {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if target.read_bytes() != expect:
            raise EditError("the file changed while partnerkit was editing it; run again")
        os.replace(tmp, target)
    except OSError as exc:
        raise EditError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def recheck(path: Path, config: Config) -> int:
    """Check the written file again and print what the check finds (1 on errors)."""
    import datetime as dt
    import sys

    from partnerkit.pipeline import examine_one
    from partnerkit.reporters.text import line

    report = examine_one(path, config, dt.date.today()).result
    for finding in report.findings:
        if finding.severity.value == "error":
            sys.stdout.write(line(finding) + "\n")
    return 1 if report.errors else 0
