"""Write values as YAML text that our reader reads back exactly (used by `edit`).

Only what a partnership file holds: text, whole and decimal numbers, true/false,
null, dates, lists and mappings. Text is written plain when that is unambiguous
(`Dana Ortiz`), otherwise double-quoted (`"2026"`, `"yes: no"`); collections are
written in flow style (`{by: Dana Ortiz, date: 2026-01-10}`) when short, the way
the shipped examples write them, and in block style otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from partnerkit.yamlio import YamlProblems, parse

FLOW_WIDTH = 100  # a flow collection longer than this (with its indent) goes block

# Plain text must start with a letter, digit or a few safe characters, hold no
# `: ` or ` #`, no line breaks, no trailing space or colon; in flow context also no
# flow indicators. The resolver check below refuses what would read as another type.
_PLAIN_BLOCK = re.compile(r"^[A-Za-z0-9_(./$€£][^\n\r\t\x85\u2028\u2029]*$")
_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")
_NUMBERISH = re.compile(r"^[-+.0-9~]|^(?:true|false|null)$", re.IGNORECASE)


class RenderError(ValueError):
    """A value that cannot be written as partnership YAML."""


def scalar(value: Any, *, flow: bool = False, quote: str | None = None) -> str:
    """One scalar as YAML text; `quote` (`'` or `"`) keeps the author's quoting of text."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RenderError(f"{value} is not a number a partnership file can hold")
        return repr(value)
    if isinstance(value, dt.datetime):
        raise RenderError("date and time values are not written by partnerkit")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _text(value, flow=flow, quote=quote)
    raise RenderError(f"a {type(value).__name__} cannot be written to a partnership file")


def _text(value: str, *, flow: bool, quote: str | None) -> str:
    if quote == "'" and "\n" not in value and _printable(value):
        return "'" + value.replace("'", "''") + "'"
    if quote != '"' and _plain_ok(value, flow):
        return value
    return _double(value)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or not _PLAIN_BLOCK.match(value):
        return False
    if ": " in value or " #" in value or value.endswith(":") or not _printable(value):
        return False
    if flow and _FLOW_INDICATORS.search(value):
        return False
    if _NUMBERISH.match(value):
        return _reads_back(value)
    return True


def _reads_back(value: str) -> bool:
    """Whether our reader takes this plain text back as the same text (not 12, true, a date)."""

    try:
        doc, problems = parse(f"v: {value}\n")
    except YamlProblems:
        return False
    return not problems and doc.data.get("v") == value


def _printable(value: str) -> bool:
    return all(ch.isprintable() or ch == " " for ch in value) and "\ufeff" not in value


def _double(value: str) -> str:
    out = json.dumps(value, ensure_ascii=False)
    # JSON leaves these raw; YAML would read some of them as line breaks.
    return "".join(
        f"\\u{ord(ch):04x}" if (not ch.isprintable() and ch not in " ") else ch for ch in out
    )


def flow(value: Any) -> str:
    """A value in flow style, on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, flow=True)


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise RenderError("keys are text")
    return _text(key, flow=True, quote=None)


def fits_flow(value: Any, indent: int) -> bool:
    """Whether a collection reads well on one line at this indent."""
    return indent + len(flow(value)) <= FLOW_WIDTH


def block(value: Any, indent: int) -> list[str]:
    """A mapping or list in block style; the first line starts where the cursor is
    (no indent), the others at `indent` spaces. Short nested collections go flow."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict) and value:
        for key, item in value.items():
            head = f"{_key(key)}:"
            lines.extend(_entry(head, item, indent, child=indent + 2))
    elif isinstance(value, list) and value:
        for item in value:
            if isinstance(item, dict | list) and item and not fits_flow(item, indent + 2):
                sub = block(item, indent + 2)
                lines.append(f"{pad}- {sub[0]}")
                lines.extend(sub[1:])
            else:
                lines.append(f"{pad}- {flow(item)}")
    else:
        return [flow(value)]
    lines[0] = lines[0][indent:]
    return lines


def _entry(head: str, item: Any, indent: int, child: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict | list) and item and not fits_flow(item, indent + len(head) + 1):
        return [f"{pad}{head}", *(_indented(block(item, child), child))]
    return [f"{pad}{head} {flow(item)}"]


def _indented(lines: list[str], indent: int) -> list[str]:
    return [" " * indent + lines[0], *lines[1:]]


def one_per_line(value: Any, indent: int) -> list[str]:
    """A new mapping as a person writes it (`block`'s convention for the first line):
    a key per line and every list one item per line, so an item can hold a comma; only
    a short mapping of plain values (ratings) stays on one line."""
    pad = " " * indent
    lines: list[str] = []
    for key, item in value.items():
        head = f"{pad}{_key(key)}:"
        if isinstance(item, list) and item:
            lines.append(head)
            for entry in item:
                if isinstance(entry, dict) and entry:
                    sub = one_per_line(entry, indent + 4)
                    lines.extend([f"{pad}  - {sub[0]}", *sub[1:]])
                else:
                    lines.append(f"{pad}  - {flow(entry)}")
        elif isinstance(item, dict) and item and not _flat_and_short(item, len(head) + 1):
            sub = one_per_line(item, indent + 2)
            lines.extend([head, " " * (indent + 2) + sub[0], *sub[1:]])
        else:
            lines.append(f"{head} {flow(item)}")
    lines[0] = lines[0][indent:]
    return lines


def _flat_and_short(value: dict[str, Any], indent: int) -> bool:
    flat = all(not isinstance(v, dict | list) for v in value.values())
    return flat and fits_flow(value, indent)
