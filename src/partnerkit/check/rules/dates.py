"""PK5xx: dates and timeliness, judged against today (or `--today`).

These are warnings by default, so CI does not turn red only because the calendar
moved; `--strict` or a severity override makes them fail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.model import CADENCE_DAYS
from partnerkit.format.thresholds import NOTICE_WARNING_DAYS, is_overdue, shift
from partnerkit.judge.facts import criterion_met, overdue_deliverables

W = Severity.WARNING
RUNNING = {"active", "under-review"}


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


@rule("PK501", "review-overdue", W, "The next review date has passed")
def review_overdue(ctx: Context) -> Iterator[Hit]:
    """`reviews.next` is in the past: hold the review and record it in `history`, then
    set the next date. Ended partnerships are not reported.

    Bad:  `next: 2026-07-15` when today is 2026-08-01.
    Good: the review recorded in `history`, `next` moved to the following date.
    """
    r = ctx.model.reviews
    if r and r.next and is_overdue(r.next, ctx.today) and ctx.model.status != "ended":
        late = (ctx.today - r.next).days
        yield Hit(
            ("reviews", "next"),
            f"the review due {r.next} is {_days(late)} overdue: hold it, record it in "
            "`history` and set the next date",
            on_value=True,
        )


@rule("PK502", "deliverable-overdue", W, "A deliverable is past due and not done")
def deliverable_overdue(ctx: Context) -> Iterator[Hit]:
    """An expectation whose `due` date has passed and whose status is not `done` or
    `dropped`. Deliver it, mark it done, or agree a new date (and record the adjustment).

    Bad:  `{deliverable: Guide, due: 2026-09-15, status: in-progress}` on 2026-10-01.
    Good: `status: done`, or a re-agreed `due` date.
    """
    for i in overdue_deliverables(ctx.model, ctx.today):
        e = ctx.model.expectations[i]
        assert e.due is not None
        yield Hit(
            ("expectations", i),
            f"`{e.deliverable}` was due {e.due} ({_days((ctx.today - e.due).days)} ago) and is "
            f"{e.status}: deliver it, or agree a new date",
        )


@rule("PK503", "ended-but-active", W, "The period has ended but the status says it runs")
def ended_but_active(ctx: Context) -> Iterator[Hit]:
    """`period.end` is in the past while `status` is still active, under review or
    renewing. Set `status: ended` (and hold a closing review), or record the renewal:
    a new period, signed again. A renewal left unsigned after the period ended means
    the partners work on without an agreement.
    """
    p = ctx.model
    if not (p.period and p.period.end and p.period.end < ctx.today):
        return
    if p.status in RUNNING:
        yield Hit(
            ("status",),
            f"the period ended on {p.period.end} but the status is still {p.status}: set "
            "`status: ended` or extend `period.end`",
            on_value=True,
        )
    elif p.status == "renewing":
        late = (ctx.today - p.period.end).days
        yield Hit(
            ("status",),
            f"the period ended on {p.period.end} ({_days(late)} ago) and the renewal is not "
            "recorded: sign the renewal with a new `period`, or set `status: ended`",
            on_value=True,
        )


@rule("PK504", "signature-in-future", W, "A signature is dated in the future")
def signature_in_future(ctx: Context) -> Iterator[Hit]:
    """A signature date after today is a typo, or a signature recorded before it happened.

    Bad:  `signed: {by: Sam Reyes, date: 2062-01-12}`
    Good: the real date of signature.
    """
    for i, partner in enumerate(ctx.model.partners):
        if partner.signed and partner.signed.date > ctx.today:
            yield Hit(
                ("partners", i, "signed", "date"),
                f"{partner.name}'s signature is dated {partner.signed.date}, after today",
                on_value=True,
            )


@rule("PK505", "review-history-order", W, "Review history is out of date order")
def review_history_order(ctx: Context) -> Iterator[Hit]:
    """Reviews are listed oldest first, so that the latest is last and trends read right.

    Bad:  a review dated 2026-04-14 listed after one dated 2026-07-16.
    Good: oldest first.
    """
    r = ctx.model.reviews
    if not r:
        return
    for i in range(1, len(r.history)):
        before, this = r.history[i - 1].date, r.history[i].date
        if this < before:
            yield Hit(
                ("reviews", "history", i, "date"),
                f"this review ({this}) is listed after a later one ({before}): list reviews "
                "oldest first",
                on_value=True,
            )


@rule("PK506", "no-recent-review", W, "No review in the last two cadence periods")
def no_recent_review(ctx: Context) -> Iterator[Hit]:
    """A running (active, under-review or renewing) partnership with a review cadence
    should have a review in the last two cadence periods (counted from the start when
    there is none yet). Continuous review with documented adjustments is what keeps a
    partnership healthy, and a renewal decision needs a recent review behind it.
    """
    p, r = ctx.model, ctx.model.reviews
    if p.status not in (*RUNNING, "renewing") or not r or not r.cadence:
        return
    window = dt.timedelta(days=2 * CADENCE_DAYS[r.cadence])
    last = max((x.date for x in r.history), default=None)
    since = last or (p.period.start if p.period else None)
    if since is not None and ctx.today - since > window:
        what = f"the last review was on {last}" if last else f"no review since the start on {since}"
        yield Hit(
            ("reviews",),
            f"{what}, more than two {r.cadence} periods ago: hold a review and record it",
        )


@rule("PK507", "notice-deadline", W, "The deadline to give notice is near or past")
def notice_deadline(ctx: Context) -> Iterator[Hit]:
    """With a `period.end` and `changes.termination.notice_days`, the last day to give
    notice is the end minus the notice. Within 30 days of it, or past it, renewing or
    ending must be decided now: set `status: renewing` while you decide. While the
    status is `renewing` the warning stays until the period ends (then PK503 takes
    over): the renewal must be signed before the period ends.
    """
    p = ctx.model
    term = p.changes.termination if p.changes else None
    if not (p.period and p.period.end and term and term.notice_days is not None):
        return
    if p.status not in (*RUNNING, "renewing") or p.period.end < ctx.today:
        return
    deadline = shift(p.period.end, -term.notice_days)
    left = (deadline - ctx.today).days
    if left > NOTICE_WARNING_DAYS:
        return
    when = f"passed on {deadline}" if left < 0 else f"is {deadline}, in {_days(left)}"
    what = "decide on renewing or ending now"
    if p.plan == "end":
        what = "confirm to every partner in writing that the partnership ends then"
    elif p.status == "renewing":
        ends = _days((p.period.end - ctx.today).days)
        what = f"the period ends in {ends}: have every partner sign the renewal before then"
    yield Hit(
        ("changes", "termination", "notice_days"),
        f"the last day to give {term.notice_days} days' notice before the end on "
        f"{p.period.end} {when}: {what}",
        on_value=True,
    )


@rule("PK508", "criterion-missed", W, "A success criterion's date passed without its target")
def criterion_missed(ctx: Context) -> Iterator[Hit]:
    """A criterion whose `by` date has passed, with a `current` value short of its
    `target`. Record what was learned and agree whether to extend, adjust or close it.
    Lower-is-better criteria (target below baseline) are read the right way round.
    """
    s = ctx.model.success
    if not s:
        return
    for i, c in enumerate(s.criteria):
        if is_overdue(c.by, ctx.today) and criterion_met(c) is False:
            assert c.target is not None and c.current is not None
            unit = f" {c.unit}" if c.unit else ""
            yield Hit(
                ("success", "criteria", i),
                f"`{c.name}` was due to reach {c.target:g}{unit} by {c.by} and stands at "
                f"{c.current:g}{unit}: record why and agree what happens next",
            )


TRAINING = re.compile(
    r"\b(train\w*|courses?|modules?|workshops?|sessions?|e-?learning|guides?|lessons?|"
    r"coaching|onboarding|curricul\w*|materials?|scenarios?)\b",
    re.I,
)


@rule("PK509", "training-after-launch", W, "Training is due after the go-live")
def training_after_launch(ctx: Context) -> Iterator[Hit]:
    """With a `launch` (the go-live an internal partnership's training prepares people
    for), a training deliverable due after it arrives too late: people start working
    the new way on the launch day. Bring it forward, or agree what people need on day one.

    Bad:  `launch: 2027-04-05` and `{deliverable: Agent training, due: 2027-05-01}`.
    Good: `{deliverable: Agent training, due: 2027-03-19}`
    """
    launch = ctx.model.launch
    if launch is None or ctx.model.status == "ended":
        return
    for i, e in enumerate(ctx.model.expectations):
        late = e.due and e.due > launch and e.status not in ("done", "dropped")
        if late and TRAINING.search(e.deliverable):
            yield Hit(
                ("expectations", i, "due"),
                f"`{e.deliverable}` is due on {e.due}, after the go-live on {launch}: "
                "bring it forward, or agree what people need on the first day",
                on_value=True,
            )
