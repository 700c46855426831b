"""`partnerkit calendar`: next reviews, deliverable due dates and period ends as iCalendar.

Written with the `icalendar` library (RFC 5545). Each event's UID is derived from the
partnership id and what the event is, so importing the file again updates events
instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from partnerkit import __version__
from partnerkit.commands.common import configure, parse_today, partnership_files
from partnerkit.fsutil import emit
from partnerkit.model import Partnership

PRODID = f"-//partnerkit//partnerkit {__version__}//EN"
UID_DOMAIN = "partnerkit.invalid"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _ics_text(text: str) -> str:
    """No NUL or other control characters in an event (a bare CR would end a content line)."""
    from partnerkit.sanitize import document

    return document(text).replace("\r", " ")


def events(p: Partnership) -> Iterator[tuple[str, dt.date, str, str]]:
    """(uid, date, summary, description) for each dated item of one partnership."""
    names = {x.id: x.name for x in p.partners}
    if p.reviews and p.reviews.next:
        cadence = f" ({p.reviews.cadence} review)" if p.reviews.cadence else ""
        yield (
            f"{p.id}.review-next@{UID_DOMAIN}",
            p.reviews.next,
            f"Partnership review: {p.title}",
            f"Review of {p.title}{cadence}: rate the Six C's together; record wins, concerns "
            "and adjustments.",
        )
    for e in p.expectations:
        if e.due is None or e.status == "dropped":
            continue
        owner = names.get(e.owner or "", e.owner or "no owner")
        yield (
            f"{p.id}.deliverable-{_key(e.deliverable)}@{UID_DOMAIN}",
            e.due,
            f"Due: {e.deliverable} ({p.title})",
            f"Deliverable of {p.title}. Owner: {owner}. Status: {e.status}.",
        )
    if p.period and p.period.end:
        yield (
            f"{p.id}.period-end@{UID_DOMAIN}",
            p.period.end,
            f"Partnership ends: {p.title}",
            f"Last day of the agreed period of {p.title}.",
        )
        term = p.changes.termination if p.changes else None
        if term and term.notice_days:
            yield (
                f"{p.id}.notice-deadline@{UID_DOMAIN}",
                p.period.end - dt.timedelta(days=term.notice_days),
                f"Decide: renew or end {p.title}",
                f"Last day to give {term.notice_days} days' notice before the period ends.",
            )


def build_calendar(models: list[tuple[Partnership, str]], stamp: dt.date) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Partnerships")
    dtstamp = dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC)
    for model, source in models:
        for uid, day, summary, description in events(model):
            event = Event()
            event.add("uid", uid)
            event.add("dtstamp", dtstamp)
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("summary", _ics_text(summary))
            event.add("description", _ics_text(f"{description}\nSource: {source}"))
            event.add("categories", ["partnerkit", model.kind])
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    data: Any = cal.to_ical()
    return bytes(data)


def run_calendar(
    paths: list[Path],
    output: Path | None,
    *,
    force: bool,
    today: str | None,
    config_path: Path | None,
) -> int:
    from partnerkit.loader import load_file
    from partnerkit.reporters.text import line

    config = configure(config_path)
    files = partnership_files(paths, config)
    models, status = [], 0
    import sys

    for path in files:
        loaded = load_file(path, max_bytes=config.max_file_size)
        if loaded.model is None:
            for finding in loaded.findings:
                sys.stderr.write(line(finding) + "\n")
            status = 1
            continue
        models.append((loaded.model, loaded.path))
    data = build_calendar(models, parse_today(today))
    if output is None or str(output) == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        emit(data.decode("utf-8"), output, force=force)
        count = sum(1 for m, _ in models for _ in events(m))
        sys.stderr.write(f"Wrote {output}: {count} events from {len(models)} partnerships\n")
    return status
