"""iCalendar text (RFC 5545) for `partnerkit calendar`.

Only what the calendar holds: all-day events with a UID, a stamp, a summary, a
description and categories. Written directly rather than through a general iCalendar
library, which spends on each event what the whole pass costs for its file; the text is
the same, byte for byte (tests compare it with the `icalendar` library's): properties
in the usual order, TEXT escaped (`\\`, `;`, `,`, line breaks), lines folded before
75 octets without splitting a character or an escape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

_FOLD = "\r\n "
_LIMIT = 75  # octets; a line is folded before it reaches this


def text(value: str) -> str:
    """An iCalendar TEXT value: backslash, `;` and `,` escaped, every line break as `\\n`."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """`line` folded into pieces under 75 octets (an escape's backslash starts a piece)."""
    size = len(line.encode("utf-8"))
    if size < _LIMIT:
        return line
    if size == len(line):  # ASCII: one octet a character
        pieces = []
        start = 0
        while len(line) - start >= _LIMIT:
            end = start + _LIMIT - 1
            if line[end - 1] in "\\^" and end - start > 1:
                end -= 1
            pieces.append(line[start:end])
            start = end
        pieces.append(line[start:])
        return _FOLD.join(pieces)
    return _fold_characters(line)


def _fold_characters(line: str) -> str:
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and count + width >= _LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, count = [carried], len(carried.encode("utf-8"))
            else:
                pieces.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += width
    if current:
        pieces.append("".join(current))
    return _FOLD.join(pieces)


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def event_lines(
    uid: str,
    stamp: dt.date,
    day: dt.date,
    summary: str,
    description: str,
    categories: Iterable[str],
) -> list[str]:
    """One all-day VEVENT, its lines unfolded; on 9999-12-31 without DTEND (an all-day
    event lasts one day by default, RFC 5545 3.6.1, and the next day does not exist)."""
    end = [f"DTEND;VALUE=DATE:{_date(day + dt.timedelta(days=1))}"] if day < dt.date.max else []
    return [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        f"DTSTART;VALUE=DATE:{_date(day)}",
        *end,
        f"DTSTAMP:{_date(stamp)}T000000Z",
        f"UID:{text(uid)}",
        "CATEGORIES:" + ",".join(text(c) for c in categories),
        f"DESCRIPTION:{text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar(prodid: str, name: str, events: Iterable[list[str]]) -> bytes:
    """A VCALENDAR holding `events` (each from `event_lines`), folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(prodid)}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{text(name)}",
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return ("\r\n".join(map(fold, lines)) + "\r\n").encode("utf-8")
