"""Next actions: what the people running a partnership should do first, and where.

Ranked the way an experienced partnership manager works through a file: first what
the calendar forces (a period ending, a notice deadline, an overdue review or
deliverable, a missed target), then partners who have not signed, then partners who
see the partnership differently, then the gaps that matter at this stage of its life,
and last the remaining readiness evidence. Pure: everything is judged against `today`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from partnerkit.format.model import CADENCE_DAYS, Partnership
from partnerkit.format.thresholds import HEALTH_CONCERN, PERCEPTION_GAP, shift
from partnerkit.judge.digest import Step
from partnerkit.judge.facts import criterion_progress, overdue_deliverables, review_ratings, spreads
from partnerkit.judge.stages import EVIDENCE_PLAIN, later_gaps, stage_gaps

SOON = 30  # days: a deadline this close is as urgent as one passed
RUNNING = ("active", "under-review")
SIGNED = ("active", "under-review", "renewing")
TIERS = ("dates", "signatures", "ratings", "stage", "readiness")


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do: in plain words, where (a section in words, and the file's field)."""

    tier: int  # index in TIERS
    text: str
    section: str
    field: str
    date: dt.date | None = None  # the date that makes it urgent, if any
    weight: int = 0  # order inside a tier

    @property
    def kind(self) -> str:
        return TIERS[self.tier]

    def step(self) -> Step:
        """The action as the frozen record results carry (and JSON shows)."""
        return Step(self.text, self.section, self.field, self.kind, self.date)

    def as_dict(self) -> dict[str, str | None]:
        return self.step().as_dict()


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _when(day: dt.date, today: dt.date) -> str:
    left = (day - today).days
    if left < 0:
        return f"{_days(-left)} ago"
    return "today" if left == 0 else f"in {_days(left)}"


def _names(names: list[str], most: int = 10) -> str:
    """`A, B and C`; past `most` names, the rest counted (`A, …, J and 90 more`)."""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most:,} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _period(p: Partnership, today: dt.date) -> Iterator[Action]:
    """The period ending, or the last day to give notice before it ends."""
    if not (p.period and p.period.end) or p.status not in SIGNED:
        return
    end = p.period.end
    when = _when(end, today)
    if p.status == "renewing" and end < today:
        text = (
            f"The period ended on {end} ({when}) and the renewal is not settled: agree and "
            "sign the renewal with every partner, or close the partnership"
        )
    elif p.status == "renewing" and (end - today).days <= SOON:
        text = (
            f"The period ends on {end}, {when}: get the renewal agreed and signed by every "
            "partner before then, or agree a short extension in writing"
        )
    elif end < today:
        text = (
            f"The period ended on {end} ({when}) but the partnership is still {p.status}: "
            "renew it with a new period, or close it with a closing review"
        )
    elif (end - today).days <= SOON:
        text = (
            f"The period ends on {end}, {when}: decide with the partners whether to renew "
            "or close, and plan the renewal or the closing review now"
        )
    else:
        yield from _notice(p, today)
        return
    yield Action(0, text, "Period and renewal", "period.end", end, 0)


def _notice(p: Partnership, today: dt.date) -> Iterator[Action]:
    assert p.period and p.period.end
    term = p.changes.termination if p.changes else None
    renewal = p.terms.renewal if p.terms else None
    notices = [
        (n, why)
        for n, why in (
            (term.notice_days if term else None, "notice"),
            (renewal.notice_days if renewal else None, "renewal notice"),
        )
        if n is not None
    ]
    if not notices or p.status == "renewing":
        return
    days, why = max(notices, key=lambda pair: pair[0])
    deadline = shift(p.period.end, -days)
    if (deadline - today).days > SOON:
        return
    verb = "was" if deadline < today else "is"
    yield Action(
        0,
        f"The last day to give {days} days' {why} before the period ends on {p.period.end} "
        f"{verb} {deadline} ({_when(deadline, today)}): decide with the partners now whether "
        "to renew or end, and record the decision",
        "Period and renewal", "changes.termination.notice_days", deadline, 0,
    )  # fmt: skip


def _reviews(p: Partnership, today: dt.date) -> Iterator[Action]:
    r = p.reviews
    if not r or p.status in ("exploring", "ended"):
        return
    if r.next and r.next < today:
        yield Action(0, f"The review due on {r.next} is {_days((today - r.next).days)} overdue: "
                     "hold it with every partner and record it", "Reviews", "reviews.next",
                     r.next, 1)  # fmt: skip
        return
    if p.status not in (*RUNNING, "renewing") or not r.cadence:
        return
    last = max((x.date for x in r.history), default=None)
    since = last or (p.period.start if p.period else None)
    if since is not None and (today - since).days > 2 * CADENCE_DAYS[r.cadence]:
        what = f"the last review was on {last}" if last else f"no review since the start on {since}"
        yield Action(0, f"Hold a review: {what}, more than two {r.cadence} cycles ago",
                     "Reviews", "reviews.history", since, 1)  # fmt: skip


def _deliverables(p: Partnership, today: dt.date) -> Iterator[Action]:
    names = {x.id: x.name for x in p.partners}
    for i in overdue_deliverables(p, today):
        e = p.expectations[i]
        assert e.due is not None
        owner = f" ({names.get(e.owner, e.owner)})" if e.owner else ""
        yield Action(0, f"“{e.deliverable}”{owner} was due on {e.due}, {_when(e.due, today)}: "
                     "agree with its owner a new date or what is dropped, and record it",
                     "Expectations", f"expectations[{i}]", e.due, 2)  # fmt: skip
    payments = p.terms.payments if p.terms else []
    for i, pay in enumerate(payments):
        if pay.due and today - dt.timedelta(days=SOON) <= pay.due <= today + dt.timedelta(days=7):
            yield Action(0, f"Check that the payment for {pay.for_} due on {pay.due} "
                         f"({_when(pay.due, today)}) has been invoiced and paid",
                         "Terms: payments", f"terms.payments[{i}]", pay.due, 4)  # fmt: skip


def _criteria(p: Partnership, today: dt.date) -> Iterator[Action]:
    if not p.success or p.status in ("exploring", "proposed"):
        return
    start = p.period.start if p.period else None
    for i, c in enumerate(p.success.criteria):
        g = criterion_progress(c, start, today)
        if g.status == "missed":
            assert c.by is not None
            unit = f" {c.unit}" if c.unit else ""
            yield Action(0, f"“{c.name}” missed its target of {c.target:g}{unit} by {c.by}: "
                         "record why and agree whether to extend, adjust or close it",
                         "Success criteria",
                         f"success.criteria[{i}]", c.by, 3)  # fmt: skip
        elif g.status == "behind" and c.by and (c.by - today).days <= SOON:
            left = _days((c.by - today).days)
            yield Action(0, f"“{c.name}” is behind its target with {left} to go, on {c.by}: "
                         "agree what will close the gap", "Success criteria",
                         f"success.criteria[{i}]", c.by, 3)  # fmt: skip


def _signatures(p: Partnership) -> Iterator[Action]:
    if p.status not in SIGNED:
        return
    unsigned = [x.name for x in p.partners if x.signed is None]
    if unsigned:
        yield Action(1, f"Get the agreement signed by {_names(unsigned)}: the partnership is "
                     f"{p.status}, but an unsigned partner has not committed to anything",
                     "Partners", "partners[].signed")  # fmt: skip


def _divergence(p: Partnership) -> Iterator[Action]:
    history = sorted(p.reviews.history, key=lambda x: x.date) if p.reviews else []
    rated = [x for x in history if review_ratings(x)]
    if not rated:
        return
    latest = rated[-1]
    apart = {c: gap for c, gap in spreads(latest).items() if gap >= PERCEPTION_GAP}
    if apart:
        cs = _names([f"{c} ({gap} points apart)" for c, gap in apart.items()])
        yield Action(2, f"Partners rated {cs} differently at the {latest.date} review: put the "
                     "gap first on the next agenda and hear each side", "Reviews",
                     "reviews.history[].partner_ratings")  # fmt: skip
    low = [c for c, v in review_ratings(latest).items() if v < HEALTH_CONCERN]
    if low and not latest.adjustments:
        yield Action(2, f"{_names(low).capitalize()} rated below {HEALTH_CONCERN:g} at the "
                     f"{latest.date} review with no adjustment recorded: agree one with the "
                     "partners", "Reviews",
                     "reviews.history[].adjustments")  # fmt: skip


_INDEX = re.compile(r"\[\d*\]")


def _general(field: str) -> str:
    """`expectations[3]` and `expectations[]` name the same kind of gap."""
    return _INDEX.sub("", field)


MOST_ACTIONS = 50
"""Nobody acts on more: a file with thousands of late deliverables gets the 50 most urgent."""


def next_actions(p: Partnership, today: dt.date, missing: Sequence[str]) -> list[Action]:
    """Every action (up to `MOST_ACTIONS`), most urgent first; `missing` names the readiness
    evidence that does not hold, biggest gain first (from `scoring`)."""
    dated = [
        *_period(p, today), *_reviews(p, today), *_deliverables(p, today), *_criteria(p, today),
    ]  # fmt: skip
    dated.sort(key=lambda a: (a.weight, a.date or dt.date.max))
    out = [*dated, *_signatures(p), *_divergence(p)]
    seen = {_general(a.field) for a in out}
    for text, section, field in stage_gaps(p, today):
        if _general(field) not in seen:
            out.append(Action(3, text, section, field))
            seen.add(_general(field))
    for text, section, field in later_gaps(p, today):
        if _general(field) not in seen:
            out.append(Action(4, text, section, field))
            seen.add(_general(field))
    for name in missing:
        text, section, field = EVIDENCE_PLAIN[name]
        if _general(field) not in seen and not (p.status == "exploring" and "signed" in field):
            out.append(Action(4, text, section, field))
            seen.add(_general(field))
    return out[:MOST_ACTIONS]
