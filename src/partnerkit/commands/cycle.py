"""`partnerkit form`, `record` and `measure`: the review cycle without hand-editing YAML.

`form` writes a rating sheet for a spreadsheet or survey tool; `record` appends a
review (ratings from a filled sheet, wins, concerns, adjustments, minutes) and sets
the next review from the cadence; `measure` appends evaluation results to the
criteria and sets `current`. Sheets are checked in full before the file is touched;
every change goes through the one editing layer, so comments and layout are kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from partnerkit.commands import options
from partnerkit.commands.common import configure, filled, load_sound, parse_today, tell
from partnerkit.commands.editfile import EditTarget, edit_file
from partnerkit.commands.options import argument, flag, many, option
from partnerkit.editing.edit import Append, EditError, Extend, Op, Set
from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.judge.roi import roi_of
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import NotRegular, TooLarge, emit, read_limited
from partnerkit.support.sanitize import printable_line
from partnerkit.yamlio import MAX_SAME_PROBLEM

MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
KINDS = ("kickoff", "periodic", "annual", "closing")


MAX_SHEET_BYTES = 5 * 1_048_576


def _sheet(path: Path) -> bytes:
    """A sheet's bytes: a regular file of at most 5 MB (never a device, FIFO or endless file)."""

    try:
        return read_limited(path, MAX_SHEET_BYTES)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the sheet: {exc.strerror or exc}") from None
    except NotRegular as exc:
        raise UsageError(f"{path}: cannot read the sheet: {exc}") from None
    except TooLarge as exc:
        raise UsageError(
            f"{path}: the sheet {exc.size_text} over the limit of 5 MB; split it"
        ) from None


def _edit(path: Path, plan: Any, sheet: str, said: list[str], *, dry_run: bool, config: Any) -> int:
    """Edit through the one editing layer; a refused sheet leaves the file untouched."""
    try:
        code = edit_file(path, plan, dry_run=dry_run, config=config)
    except _SheetRefused as refused:
        return _refuse(sheet, refused.error)
    if code == 0 and said:
        if dry_run:  # nothing was written: say what would be
            said = [f"Would record{line.removeprefix('Recorded')}" for line in said]
        sys.stderr.write("".join(printable_line(line) + "\n" for line in said))
    return code


def _refuse(name: str, exc: Any) -> int:
    for problem in exc.problems[:MAX_SAME_PROBLEM]:
        sys.stderr.write(problem.located(name) + "\n")
    if len(exc.problems) > MAX_SAME_PROBLEM:
        more = len(exc.problems) - MAX_SAME_PROBLEM
        tell(name, f"… and {more:,} more problems (not listed)")
    tell(name, "nothing recorded; the partnership file is unchanged")
    return 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has fewer days;
    EditError past 9999-12-31, the last day a date can be."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if year > dt.MAXYEAR:
        raise EditError(
            f"the next review, {months} month(s) after {day}, would fall after "
            f"{dt.date.max}, the last date a file can hold: record a review dated earlier"
        )
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class FormOptions:
    """Everything `form` can be asked."""

    path: Path = argument("The partnership file.")
    output: Path | None = options.output("Write the CSV here (default: stdout).")
    force: bool = options.force()
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_form(opts: FormOptions) -> int:
    """Write the rating sheet: respondent, partner, the Six C's 1-5, comments."""
    from partnerkit.documents.sheets import rating_form

    sound = load_sound(opts.path, configure(opts.config, no_config=opts.no_config), dt.date.today())
    if sound is None:
        return 1
    emit(rating_form(sound.model), opts.output, force=opts.force)
    return 0


@dataclass(frozen=True)
class RecordOptions:
    """Everything `record` can be asked."""

    path: Path = argument("The partnership file.")
    date: str = option("--date", metavar="YYYY-MM-DD", help="Date of the review.", default="")
    ratings: Path | None = option(help="A filled rating sheet (CSV from `partnerkit form`).")
    kind: str = option(help="kickoff, periodic, annual or closing.", default="periodic")
    win: list[str] = many("--win", help="A win to record (repeatable).")
    concern: list[str] = many("--concern", help="A concern raised (repeatable).")
    adjustment: list[str] = many("--adjustment", help="An adjustment agreed (repeatable).")
    minutes: str | None = option(help="Path or link to the minutes.")
    dry_run: bool = flag("--dry-run", help="Show the change as a diff; write nothing.")
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_record(opts: RecordOptions) -> int:
    """Append the review; set `reviews.next` from the cadence. 1 when refused."""
    from partnerkit.documents.sheets import SheetError, read_ratings

    if not opts.date:
        raise UsageError("--date is required: the date of the review, YYYY-MM-DD")
    day = parse_today(opts.date, "--date")
    if opts.kind not in KINDS:
        raise UsageError(f"--kind {opts.kind}: use one of {', '.join(KINDS)}")
    opts = replace(
        opts,
        win=filled("--win", opts.win, "say what went well"),
        concern=filled("--concern", opts.concern, "say what the concern is"),
        adjustment=filled("--adjustment", opts.adjustment, "say what was agreed to change"),
        minutes=None
        if opts.minutes is None
        else filled("--minutes", [opts.minutes], "give the path or link to the minutes")[0],
    )
    config = configure(opts.config, no_config=opts.no_config)
    sheet = _sheet(opts.ratings) if opts.ratings else None
    said: list[str] = []

    def plan(target: EditTarget) -> list[Op]:
        model: Partnership = target.model
        ratings = None
        if sheet is not None:
            assert opts.ratings is not None
            try:
                ratings = read_ratings(sheet, model.partner_ids())
            except SheetError as exc:
                raise _SheetRefused(exc) from None
        review = review_entry(day, opts, ratings)
        ops, message = record_ops(model, review)
        said.append(message)
        return ops

    return _edit(opts.path, plan, str(opts.ratings), said, dry_run=opts.dry_run, config=config)


class _SheetRefused(Exception):
    def __init__(self, error: Any) -> None:
        super().__init__("sheet refused")
        self.error = error


def review_entry(day: dt.date, opts: RecordOptions, ratings: Any) -> dict[str, Any]:
    """The review as it is written: per-partner means and the joint rating, rounded."""
    review: dict[str, Any] = {"date": day, "kind": opts.kind}
    if ratings is not None:
        if ratings.respondents:
            review["attendees"] = list(ratings.respondents)
        review["ratings"] = {c: _round(v) for c, v in ratings.joint().items()}
        review["partner_ratings"] = {
            pid: {c: _round(v) for c, v in sorted(m.items(), key=lambda kv: SIX_CS.index(kv[0]))}
            for pid, m in ratings.means.items()
        }
        if ratings.comments:
            review["comments"] = list(ratings.comments)
    for key, values in (
        ("wins", opts.win),
        ("concerns", opts.concern),
        ("adjustments", opts.adjustment),
    ):
        if values:
            review[key] = list(values)
    if opts.minutes:
        review["minutes"] = opts.minutes
    return review


def _round(value: float) -> int:
    """Ratings are whole numbers 1-5 in the file: means round half up."""
    return int(value + 0.5)


def record_ops(model: Partnership, review: dict[str, Any]) -> tuple[list[Op], str]:
    day: dt.date = review["date"]
    r = model.reviews
    history = r.history if r else []
    if any(x.date == day for x in history):
        raise EditError(f"a review on {day} is already recorded")
    latest = max((x.date for x in history), default=None)
    if latest and day < latest:
        raise EditError(
            f"reviews are kept oldest first and the latest is on {latest}; "
            f"a review on {day} would be out of order"
        )
    ops: list[Op] = [Append(("reviews", "history"), review)]
    message = f"Recorded the {review['kind']} review of {day}"
    if r and r.cadence:
        nxt = add_months(day, MONTHS[r.cadence])
        ops.append(Set(("reviews", "next"), nxt))
        message += f"; next review {nxt} ({r.cadence})"
    else:
        message += "; no review cadence, so `reviews.next` is left as it is"
    if "ratings" in review:
        joint = " ".join(f"{c} {v}" for c, v in review["ratings"].items())
        message += f"; joint ratings: {joint}"
    return ops, message


@dataclass(frozen=True)
class MeasureOptions:
    """Everything `measure` can be asked."""

    path: Path = argument("The partnership file.")
    results: Path | None = option("--from", help="CSV with columns criterion,date,value.")
    roi: bool = flag("--roi", help="Record the ROI calculated from the file's costs and benefits.")
    date: str = option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date of the --roi measurement (default: today).",
        default="",
    )
    dry_run: bool = flag("--dry-run", help="Show the change as a diff; write nothing.")
    config: Path | None = options.config()
    no_config: bool = options.no_config()


def run_measure(opts: MeasureOptions) -> int:
    """Append measurements and set each criterion's `current` to its latest value."""
    from partnerkit.documents.sheets import SheetError, read_results

    if opts.results is None and not opts.roi:
        raise UsageError(
            "--from is required: a CSV with columns criterion,date,value "
            "(or --roi to record the ROI the file's own numbers give)"
        )
    sheet = _sheet(opts.results) if opts.results is not None else None
    day = parse_today(opts.date or None, "--date")
    config = configure(opts.config, no_config=opts.no_config)
    said: list[str] = []

    def plan(target: EditTarget) -> list[Op]:
        model: Partnership = target.model
        criteria = model.success.criteria if model.success else []
        results = []
        if sheet is not None:
            try:
                names, units = [c.name for c in criteria], [c.unit for c in criteria]
                results = read_results(sheet, names, units)
            except SheetError as exc:
                raise _SheetRefused(exc) from None
        if opts.roi:
            results.append(roi_result(model, day))
        ops, message = measure_ops(model, results)
        said.append(message)
        return ops

    return _edit(opts.path, plan, str(opts.results), said, dry_run=opts.dry_run, config=config)


def roi_result(model: Partnership, day: dt.date) -> Any:
    """The Phillips ROI of the file's own costs and benefits, as a measurement of the
    first `roi` criterion; refused, with the reason, when it cannot be calculated."""
    from partnerkit.documents.sheets import Result

    roi = roi_of(model)
    if roi is None:
        raise EditError("--roi: no success criterion is at the `roi` level")
    value = roi.value()
    if roi.problem or value is None:
        raise EditError(f"--roi: {roi.problem or 'the costs add up to 0'}")
    if not roi.isolated:
        raise EditError(
            f"--roi: “{roi.criterion}” does not say how its benefits were isolated from other "
            "causes; state it in the criterion's `isolation` (a control group, a trend line, "
            "estimates adjusted for confidence) before recording a return on investment"
        )
    assert model.success is not None
    index = next(i for i, c in enumerate(model.success.criteria) if c.level == "roi")
    what = "benefit-cost ratio" if roi.ratio_target else "ROI"
    return Result(index, day, value, f"Phillips {what} from the costs and benefits")


def measure_ops(model: Partnership, results: list[Any]) -> tuple[list[Op], str]:
    assert model.success is not None
    ops: list[Op] = []
    told = []
    for index, c in enumerate(model.success.criteria):
        mine = sorted((x for x in results if x.criterion == index), key=lambda x: x.date)
        if not mine:
            continue
        known = {m.date for m in c.measurements}
        times = Counter(x.date for x in mine)  # a count per date: linear in the rows
        for day in sorted(d for d, n in times.items() if d in known or n > 1):
            raise EditError(f"`{c.name}` already has a measurement on {day}")
        entries = []
        for x in mine:
            entry: dict[str, Any] = {"date": x.date, "value": _number(x.value)}
            if x.note:
                entry["note"] = x.note
            entries.append(entry)
        # One edit for all of the criterion's rows: each edit parses and verifies the
        # whole file, so an edit per row was quadratic in the rows.
        ops.append(Extend(("success", "criteria", index, "measurements"), tuple(entries)))
        every = [*((m.date, m.value) for m in c.measurements), *((x.date, x.value) for x in mine)]
        latest = max(every)
        ops.append(Set(("success", "criteria", index, "current"), _number(latest[1])))
        told.append(f"{c.name}: {len(mine)} measurement(s), current {latest[1]:g}")
    return ops, "Recorded " + "; ".join(told)
