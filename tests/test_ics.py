"""The calendar's iCalendar text is what the `icalendar` library writes for the same
events, byte for byte: escaping, folding (ASCII, multi-byte, escapes at the fold) and
property order."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import yaml

from partnerkit.check.events import events
from partnerkit.check.result import Event
from partnerkit.commands.calendar import PRODID, _ics_text, build_calendar
from partnerkit.documents.ics import fold, text
from partnerkit.format.model import Partnership

from conftest import EXAMPLES

STAMP = dt.date(2026, 11, 23)


def reference(results: list[SimpleNamespace], stamp: dt.date) -> bytes:
    """The calendar as the `icalendar` library writes it."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Partnerships")
    dtstamp = dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC)
    for result in results:
        for item in result.events:
            event = VEvent()
            event.add("uid", item.uid)
            event.add("dtstamp", dtstamp)
            event.add("dtstart", item.day)
            event.add("dtend", item.day + dt.timedelta(days=1))
            event.add("summary", _ics_text(item.summary))
            event.add("description", _ics_text(f"{item.description}\nSource: {result.path}"))
            event.add("categories", ["partnerkit", item.category])
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    return bytes(cal.to_ical())


def test_the_examples_are_written_as_the_library_writes_them() -> None:
    results = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        model = Partnership.model_validate(yaml.safe_load(path.read_text("utf-8")))
        results.append(SimpleNamespace(path=f"examples/{path.name}", events=list(events(model))))
    assert sum(len(r.events) for r in results) > 20
    assert build_calendar(results, STAMP) == reference(results, STAMP)  # type: ignore[arg-type]


HOSTILE = [
    "a,b;c\\d \\N e\nf\r\ng\rh",
    "x" * 73 + "\\,tail" + "y" * 200,
    "x" * 72 + "\\;" + "z" * 80,
    "^" * 160,
    "é" * 40 + "中" * 30 + "🙂" * 25 + "\\" * 3,
    "a" * 72 + "é" + "\\" + "b" * 90,
    "##[error] ::warning " + "\x00\x1b\u2028" + "w" * 70,
    "",
    "x" * 74,
    "x" * 75,
]


@pytest.mark.parametrize("value", HOSTILE)
def test_any_text_is_written_as_the_library_writes_it(value: str) -> None:
    item = Event(f"u,{value[:20]}@x", dt.date(2026, 1, 31), value, value + value, "k;" + value)
    results = [SimpleNamespace(path=f"p{value[:30]}.yaml", events=[item])]
    assert build_calendar(results, STAMP) == reference(results, STAMP)  # type: ignore[arg-type]


def test_text_escapes_and_folds() -> None:
    assert text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert fold("x" * 74) == "x" * 74
    assert fold("x" * 75) == "x" * 74 + "\r\n x"
    assert fold("x" * 73 + "\\n") == "x" * 73 + "\r\n \\n"
    assert fold("é" * 40) == "é" * 37 + "\r\n " + "é" * 3  # 74 octets, then the rest


def test_an_empty_calendar() -> None:
    assert build_calendar([], STAMP) == reference([], STAMP)
    assert build_calendar([], STAMP).startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
