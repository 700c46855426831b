"""What changed in the agreed content between two versions of a partnership.

Not a line diff: items of lists are matched by what identifies them (a partner by
id, a deliverable by id or text, a cost by item, a criterion by name, a payment by
what it is for), so reordering is not a change and a changed amount reads as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from partnerkit.format.model import Partnership
from partnerkit.history.fingerprint import fingerprint, sections
from partnerkit.support.sanitize import json_text, markdown, printable

_IDENTITY = ("id", "name", "item", "deliverable", "for")


@dataclass(frozen=True)
class Change:
    section: str
    path: str  # inside the section: "Design fees.amount"; "" for the whole section
    kind: str  # added | removed | changed
    old: Any = None
    new: Any = None


def compare(old: Partnership, new: Partnership) -> list[Change]:
    """Every change of agreed content, section by section in the new file's order."""
    a, b = sections(old), sections(new)
    out: list[Change] = []
    for name in [*b, *(k for k in a if k not in b)]:
        out.extend(_walk(name, "", a.get(name), b.get(name)))
    return out


def changed_sections(changes: list[Change]) -> list[str]:
    return list(dict.fromkeys(c.section for c in changes))


def _walk(section: str, path: str, old: Any, new: Any) -> list[Change]:
    if old == new:
        return []
    if old is None:
        return [Change(section, path, "added", new=new)]
    if new is None:
        return [Change(section, path, "removed", old=old)]
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[Change] = []
        for key in [*new, *(k for k in old if k not in new)]:
            out.extend(_walk(section, _join(path, key), old.get(key), new.get(key)))
        return out
    if isinstance(old, list) and isinstance(new, list) and _keyed(old) and _keyed(new):
        olds = {str(_identity(x)): x for x in old}
        news = {str(_identity(x)): x for x in new}
        out = []
        for key in [*news, *(k for k in olds if k not in news)]:
            out.extend(_walk(section, _join(path, key), olds.get(key), news.get(key)))
        return out
    return [Change(section, path, "changed", old, new)]


def _keyed(items: list[Any]) -> bool:
    keys = [_identity(x) for x in items]
    return all(k is not None for k in keys) and len(set(keys)) == len(keys)


def _identity(item: Any) -> str | None:
    if isinstance(item, dict):
        for field in _IDENTITY:
            if isinstance(item.get(field), str):
                return str(item[field])
    return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value)
    return str(value)


def write_text(changes: list[Change], old_label: str, new_label: str, out: IO[str]) -> None:
    old_label, new_label = printable(old_label), printable(new_label)  # file names, revisions
    if not changes:
        out.write(f"No change to the agreed content between {old_label} and {new_label}.\n")
        return
    out.write(f"Agreed content changed between {old_label} and {new_label}:\n")
    for section in changed_sections(changes):
        out.write(f"\n{section}\n")
        for c in (c for c in changes if c.section == section):
            out.write(printable(f"  {_line(c)}") + "\n")


def _line(c: Change) -> str:
    where = f"{c.path}: " if c.path else ""
    if c.kind == "added":
        return f"+ {where}{_value(c.new)}"
    if c.kind == "removed":
        return f"- {where}{_value(c.old)}"
    return f"~ {where}{_value(c.old)} → {_value(c.new)}"


def write_markdown(changes: list[Change], old_label: str, new_label: str, out: IO[str]) -> None:
    out.write(f"# Changes to the agreed content: {markdown(old_label)} → {markdown(new_label)}\n")
    if not changes:
        out.write("\nNo change.\n")
        return
    for section in changed_sections(changes):
        out.write(f"\n## {markdown(section)}\n\n")
        for c in (c for c in changes if c.section == section):
            where = markdown(c.path or c.section)
            if c.kind == "added":
                out.write(f"- **added** {where}: {markdown(_value(c.new))}\n")
            elif c.kind == "removed":
                out.write(f"- **removed** {where}: ~~{markdown(_value(c.old))}~~\n")
            else:
                out.write(
                    f"- **changed** {where}: ~~{markdown(_value(c.old))}~~ → "
                    f"{markdown(_value(c.new))}\n"
                )


def write_json(
    changes: list[Change],
    old: tuple[str, Partnership],
    new: tuple[str, Partnership],
    out: IO[str],
) -> None:
    data = {
        "old": {"version": old[0], "terms": fingerprint(old[1])},
        "new": {"version": new[0], "terms": fingerprint(new[1])},
        "sections": changed_sections(changes),
        "changes": [
            {"section": c.section, "path": c.path, "kind": c.kind, "old": c.old, "new": c.new}
            for c in changes
        ],
    }
    out.write(json_text(data))
