"""`partnerkit calendar`: next reviews, deliverable due dates and period ends as iCalendar.

Written as RFC 5545 text (`partnerkit.documents.ics`). The files go through the same pass as
`check` (in worker processes with `--jobs`); each valid file's dated items come back
with its result (`partnerkit.check.events`).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from partnerkit import __version__
from partnerkit.check.pipeline import Keep, examine_paths, isolated
from partnerkit.check.result import FileResult
from partnerkit.commands import options
from partnerkit.commands.common import (
    configure,
    keeps_old_output,
    parse_today,
    partnership_files,
)
from partnerkit.commands.options import argument
from partnerkit.documents import ics
from partnerkit.support.fsutil import emit
from partnerkit.support.parallel import workers
from partnerkit.support.sanitize import document, printable
from partnerkit.support.words import plural

PRODID = f"-//partnerkit//partnerkit {__version__}//EN"


def _ics_text(text: str) -> str:
    """No NUL or other control characters in an event (a bare CR would end a content line).

    Long lines are folded, so any part of a value may start a line of the file: a word
    joiner goes between two colons and into `##[`, so that no line printed to a CI log
    starts a workflow command.
    """
    import re


    text = document(text).replace("\r", " ").replace("##[", "##\u2060[")
    return re.sub(r":(?=:)", ":\u2060", text)


def build_calendar(results: list[FileResult], stamp: dt.date, *, source: bool = True) -> bytes:
    """The calendar of `results`' dated items; `source=False` leaves out the line naming each
    event's file (the site's feeds: their readers never see the files), same events and UIDs."""
    events = (
        ics.event_lines(
            item.uid,
            stamp,
            item.day,
            _ics_text(item.summary),
            _ics_text(f"{item.description}\nSource: {result.path}" if source else item.description),
            ("partnerkit", item.category),
        )
        for result in results
        for item in result.events
    )
    return ics.calendar(PRODID, "Partnerships", events)


@dataclass(frozen=True)
class CalendarOptions:
    """Everything `calendar` can be asked: the one declaration of its options."""

    paths: list[str] = argument("Files or folders (default: configured paths).", default=[])
    output: Path | None = options.output("The .ics file to write (default: stdout).")
    jobs: int | None = options.jobs()
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force_partial()
    quiet: bool = options.quiet("Print only errors (not the count of events written).")
    verbose: bool = options.verbose()


def run_calendar(opts: CalendarOptions) -> int:
    """Export every valid file's dated items; 1 when a file could not be read as a partnership."""
    from partnerkit.reporters.text import line

    config = configure(opts.config, no_config=opts.no_config)
    files = partnership_files(opts.paths, config, verbose=opts.verbose, quiet=opts.quiet)
    stamp = parse_today(opts.today)
    jobs = workers(opts.jobs or config.jobs)
    report = examine_paths(files, config, stamp, keep=Keep.EVENTS, jobs=jobs)
    valid = tuple(r for r in report.files if r.valid)
    data, built = isolated(valid, lambda results: build_calendar(list(results), stamp), "exporting")
    status, exported = 0, iter(built)  # in the order of the files, as `check` lists them
    for result in (next(exported) if r.valid else r for r in report.files):
        if not result.valid:
            for finding in result.findings:
                sys.stderr.write(line(finding) + "\n")
            status = 1
    valid = tuple(r for r in built if r.valid)
    output = opts.output
    if keeps_old_output(report.files, output, force=opts.force, what="calendar"):
        return 1
    if output is None or str(output) == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        emit(data.decode("utf-8"), output, force=True)  # a report: -o replaces it
        count = sum(len(r.events) for r in valid)
        if not opts.quiet:
            events, sources = plural(count, "event"), plural(len(valid), "partnership")
            sys.stderr.write(f"Wrote {printable(output)}: {events} from {sources}\n")
    return status
