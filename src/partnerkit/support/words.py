"""Counts in plain English: `1 partnership`, `2 partnerships`."""

from __future__ import annotations

import datetime as dt
import re


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun in the number it needs."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


# A date inside a file name or path (`minutes/2026-10-15.md`) is left as written.
_ISO_DATE = re.compile(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/-]|\.\w)")


def long_dates(text: object) -> str:
    """`due on 2026-09-15` → `due on 15 September 2026`: one date style in a document."""

    def one(m: re.Match[str]) -> str:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return m.group(0)
        return f"{d.day} {d:%B %Y}"

    return _ISO_DATE.sub(one, str(text))


def short_date(value: object) -> str:
    """2026-04-14 → `14 Apr 2026`, for column headings."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    return "" if value is None else str(value)


def with_unit(value: object, unit: object) -> str:
    """`62%`, `12 weeks`: a percent sign sits against its number."""
    if not unit:
        return str(value)
    return f"{value}{unit}" if str(unit) == "%" else f"{value} {unit}"


_STATUS = {
    "heard": "heard about",
    "exploring": "under discussion",
    "proposed": "proposed",
    "active": "in force",
    "under-review": "under review",
    "renewing": "up for renewal",
    "ended": "ended",
}


def status_words(status: object) -> str:
    """A partnership's status as its partners say it: `active` → `in force`."""
    text = _STATUS.get(str(status), str(status))
    return text[:1].upper() + text[1:]
