"""The next review meeting's agenda, for a steering group: plain words, no codes, no YAML.

Built from what the file can date: what changed since the last review (amendments,
deliverables that fell due, measurements, signatures), the ratings partners see
differently, late deliverables, criteria behind their target, decisions that fall due
before the review after this one, and the wins to celebrate. Pure: judged at `today`.

Ordered as a chair runs the meeting: the decisions the calendar forces (the renewal,
partners yet to sign) first, then wins and what changed, how the partners see it, what
is late or behind, the other decisions, and the actions. Each item has a time box and
an owner (the sponsor for forced decisions, the spokespeople of the partners whose work
is late for late deliverables, the manager for the rest); the agenda names
who attends (spokespeople, manager, sponsor) and what to read first (the last review's
minutes, or that it has none and the latest earlier ones; the rating sheet).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from partnerkit.check.ratings import open_gaps
from partnerkit.check.record import Signed, record_of
from partnerkit.documents.phrasing import refs
from partnerkit.format.model import CADENCE_DAYS, Partnership, Review
from partnerkit.format.terms import Payment
from partnerkit.format.thresholds import HEALTH_CONCERN, shift
from partnerkit.judge.actions import go_live
from partnerkit.judge.facts import (
    criterion_progress,
    health_is_stale,
    overdue_deliverables,
    review_ratings,
)


@dataclass
class Agenda:
    meeting: dt.date | None  # the date set for the review this agenda is for, if one is
    since: dt.date | None  # the last review, or the start
    horizon: dt.date  # decisions due before this date belong on this agenda
    changed: list[str] = field(default_factory=list)
    follow_up: list[str] = field(default_factory=list)  # what the last review agreed
    ratings: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    behind: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    wins: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)  # decisions the calendar forces
    attendees: list[str] = field(default_factory=list)
    pre_reading: list[str] = field(default_factory=list)
    chair: str | None = None
    sponsor: str | None = None
    late_owners: list[str] = field(default_factory=list)  # spokespeople of late work
    rated: bool = False  # whether any review so far recorded ratings
    rated_on: dt.date | None = None  # the latest review with ratings
    rated_last: bool = False  # whether that is the last review held
    by_partner: bool = False  # whether at least two partners rated it separately

    @property
    def empty(self) -> bool:
        return not any((self.changed, self.follow_up, self.ratings, self.late, self.behind,
                        self.decisions, self.wins, self.forced))  # fmt: skip

    @property
    def items(self) -> list[Item]:
        """The agenda in the order the meeting takes it, each with a time box and owner."""
        chair = self.chair or "the spokespeople"
        items = []
        if self.forced:
            items.append(Item("forced", "Decisions the calendar forces", _box(self.forced, 10),
                              self.sponsor or chair, self.forced))  # fmt: skip
        items += [
            Item("wins", "Welcome and wins to celebrate", 5, chair, self.wins,
                 "Each partner names one thing that went well since the last review."),
            Item("changed", "What changed since the last review", _box(self.changed), chair,
                 self.changed, "Nothing dated in the partnership record; each spokesperson "
                 "reports briefly."),
            Item("ratings", "How the partners see the partnership", _box(self.ratings, 10), chair,
                 self.ratings, self._calm()),
            Item("late", "Late deliverables", _box(self.late),
                 " and ".join(self.late_owners) or chair, self.late, "None."),
            Item("behind", "Success criteria behind target", _box(self.behind), chair,
                 self.behind, "None behind target."),
            Item("decisions", "Decisions due", _box(self.decisions), chair, self.decisions),
            Item("actions", "Adjustments, actions and the next review", 10, chair, [
                "Agree the adjustments, who does what, and by when.",
                "Confirm the date of the next review."]),
        ]  # fmt: skip
        return items

    def _calm(self) -> str:
        """What the ratings item says when nothing in the ratings needs discussing: a gap
        between partners is spoken of only when the partners rated separately."""
        if not self.rated:
            return ("No ratings yet: this meeting is the first at which the partners rate the "
                    "partnership.")
        at = ("at the last review" if self.rated_last
              else f"at the review of {self.rated_on}, the last with ratings")
        if self.by_partner:
            return f"No gaps between the partners' ratings and no rating below 3 {at}."
        return (f"Only a joint rating was recorded {at}, with none of the Six C's below 3; "
                "the partners did not rate separately, so there are no gaps to compare.")

    @property
    def minutes(self) -> int:
        return sum(x.minutes for x in self.items)


@dataclass(frozen=True)
class Item:
    """One item of the meeting: what, how long, who leads it, and its points."""

    key: str
    title: str
    minutes: int
    owner: str
    entries: list[str]
    empty: str = ""


def _box(entries: list[str], least: int = 5) -> int:
    """Minutes for an item: five for each point to discuss, within 5 to 20."""
    return max(least, min(20, 5 * len(entries)))


def _people(p: Partnership, a: Agenda) -> None:
    """Who attends, who chairs, who decides what the calendar forces, what to read first."""
    g = p.governance
    a.chair = g.manager.name if g and g.manager else None
    a.sponsor = g.sponsor.name if g and g.sponsor else None
    seen: set[str] = set()
    for x in p.partners:
        if x.spokesperson and x.spokesperson.name not in seen:
            title = f", {x.spokesperson.title}" if x.spokesperson.title else ""
            a.attendees.append(f"{x.spokesperson.name}{title} ({x.name})")
            seen.add(x.spokesperson.name)
    for name, role in ((a.chair, "manager, chairs"), (a.sponsor, "sponsor")):
        if name and name not in seen:
            a.attendees.append(f"{name} ({role})")
            seen.add(name)


def _unit(c: object) -> str:
    unit = getattr(c, "unit", None)
    return f" {unit}" if unit else ""


def agenda_of(p: Partnership, today: dt.date) -> Agenda:
    r = p.reviews
    history = sorted(r.history, key=lambda x: x.date) if r else []
    last = history[-1] if history else None
    meeting = r.next if r and r.next and r.next >= today else None  # a date passed is no date
    held = meeting or today  # with no date set, the agenda is judged as if the meeting were now
    since = last.date if last else (p.period.start if p.period else None)
    if since and since > held:  # a period that has not started yet has no time to cover
        since = None
    cycle = CADENCE_DAYS[r.cadence] if r and r.cadence else CADENCE_DAYS["quarterly"]
    a = Agenda(meeting, since, shift(held, cycle))
    names = {x.id: x.name for x in p.partners}
    _changed(p, a, today, names)
    if last:  # what the last review agreed, to check it happened
        a.follow_up += [f"Adjustment agreed on {last.date}: {x}" for x in last.adjustments]
        a.follow_up += [f"Concern raised on {last.date}: {x}" for x in last.concerns]
    _ratings(p, a, today, history, names)
    for i in overdue_deliverables(p, today):
        e = p.expectations[i]
        owner = names.get(e.owner, e.owner) if e.owner else "no owner"
        a.late.append(f"{e.deliverable} ({owner}), due {e.due}: agree a new date or drop it")
        voice = next((x.spokesperson.name for x in p.partners
                      if x.id == e.owner and x.spokesperson), None)  # fmt: skip
        if voice and voice not in a.late_owners:
            a.late_owners.append(voice)  # who answers for it: its partner's spokesperson
    _criteria(p, a, today)
    _signatures(p, a, today)
    _decisions(p, a, today)
    _go_live(p, a, today)
    _people(p, a)
    with_minutes = [x for x in history if x.minutes]
    if with_minutes:  # the last review's minutes, or say it has none and offer the latest
        m = with_minutes[-1]
        if last and m is not last:
            a.pre_reading.append(f"The last review, of {last.date}, has no minutes recorded; "
                                 f"the latest minutes are those of the review of {m.date} "
                                 f"({m.minutes})")  # fmt: skip
        else:
            a.pre_reading.append(f"The minutes of the review of {m.date} ({m.minutes})")
    a.pre_reading.append("The rating sheet: each partner rates the Six C's, 1 to 5, and "
                         "returns it before the meeting")  # fmt: skip
    return a


def _signatures(p: Partnership, a: Agenda, today: dt.date) -> None:
    """Partners whose signature of the terms is missing, named, first among decisions."""
    facts = record_of(p, today)
    if facts.nobody_signed and p.status == "proposed":  # the signing itself is the decision
        start = p.period.start if p.period and p.period.start > today else None
        when = f" before the period starts on {start}" if start else ""
        a.forced.append(f"No partner has signed the agreement yet: agree the terms, and how and "
                        f"when each partner signs{when}")  # fmt: skip
        return
    if facts.every_current or facts.nobody_signed or p.status in ("exploring", "ended"):
        return
    for s in facts.signing:
        if s.state is Signed.NOT:
            a.forced.append(f"{s.name} has not signed the agreement: agree how and when it "
                            "signs")  # fmt: skip
        elif s.state is Signed.EARLIER and s.signature is not None:
            a.forced.append(f"{s.name} signed an earlier version of the terms on "
                            f"{s.signature.date}: agree how and when it signs them as they "
                            "now stand")  # fmt: skip


def _go_live(p: Partnership, a: Agenda, today: dt.date) -> None:
    """An internal partnership's go-live: training due after it (the same actions `score`
    puts first), or the go-live itself before the review after this one."""
    asks = go_live(p, today)
    a.forced += [f"{x.text}: {x.why}" for x in asks]
    if not asks and p.launch and p.status != "ended" and today <= p.launch <= a.horizon:
        a.forced.append(f"The go-live is on {p.launch}, before the review after this one: "
                        "confirm that everyone who needs training will have had it")  # fmt: skip


def _changed(p: Partnership, a: Agenda, today: dt.date, names: dict[str, str]) -> None:
    """Amendments, signatures, deliverables that fell due and measurements since `a.since`."""
    after = a.since or dt.date.min
    for m in p.amendments:
        if m.date > after:
            a.changed.append(f"Amendment of {m.date}: {m.summary}")
    for x in p.partners:
        if x.signed and x.signed.date > after:
            a.changed.append(f"{x.name} signed the agreement on {x.signed.date}")
    for e in p.expectations:
        if e.due and after < e.due <= today:
            owner = f" ({names.get(e.owner, e.owner)})" if e.owner else ""
            a.changed.append(f"{e.deliverable}{owner}, due {e.due}: {e.status.replace('-', ' ')}")
            if e.status == "done":
                a.wins.append(f"{e.deliverable} delivered")
    for c in p.success.criteria if p.success else []:
        new = [m for m in c.measurements if m.date > after]
        if new:
            latest = max(new, key=lambda m: m.date)
            a.changed.append(f"{c.name} measured at {latest.value:g}{_unit(c)} on {latest.date}")


def _ratings(
    p: Partnership, a: Agenda, today: dt.date, history: list[Review], names: dict[str, str]
) -> None:
    """Partners two points apart or more (until a later review where they rated closer),
    any C below 3, and ratings gone stale."""
    for gap in open_gaps(history, names):
        x = gap.rating
        a.ratings.append(f"{x.c.title()}: partners rated it {x.spread} points apart on "
                         f"{gap.date} ({x.partners_text()}) and have not rated it separately "
                         "closer since — hear each side"
                         if gap.date != history[-1].date else
                         f"{x.c.title()}: partners rated it {x.spread} points apart "
                         f"({x.partners_text()}) — hear each side")  # fmt: skip
    rated = [x for x in history if review_ratings(x)]
    a.rated = bool(rated)
    if not rated:
        return
    latest = rated[-1]
    a.rated_on, a.rated_last = latest.date, latest is history[-1]
    a.by_partner = len(latest.partner_ratings) >= 2
    if health_is_stale(p, latest.date, today):
        a.ratings.append(f"The latest ratings, from {latest.date}, are more than two review "
                         "cycles old: every partner rates the Six C's at this meeting")  # fmt: skip
    for six, v in review_ratings(latest).items():
        if v < HEALTH_CONCERN:
            a.ratings.append(f"{six.title()} was rated {v:g} out of 5 on {latest.date}, "
                             "a concern — agree what would raise it")  # fmt: skip


def _criteria(p: Partnership, a: Agenda, today: dt.date) -> None:
    """Criteria behind or past their target; targets reached since the last review."""
    start = p.period.start if p.period else None
    after = a.since or dt.date.min
    for c in p.success.criteria if p.success else []:
        g = criterion_progress(c, start, today)
        if g.status in ("behind", "missed") and c.current is not None and c.target is not None:
            when = f"by {c.by}" if c.by else "with no date set"
            verb = "missed" if g.status == "missed" else "is behind"
            a.behind.append(f"{c.name} {verb}: {c.current:g}{_unit(c)} against a target of "
                            f"{c.target:g}{_unit(c)} {when}")  # fmt: skip
        elif g.status == "met" and any(m.date > after for m in c.measurements):
            assert c.current is not None
            a.wins.append(f"{c.name} reached its target ({c.current:g}{_unit(c)})")


def _decisions(p: Partnership, a: Agenda, today: dt.date) -> None:
    end = p.period.end if p.period else None
    if end and p.status in ("active", "under-review", "renewing"):
        if p.plan == "end":  # no renewal to decide: the term simply runs out
            ends = "ended" if end < today else "ends"
            if end <= a.horizon:
                close = f"Confirm the close: the agreement {ends} on {end}; agree who takes over "
                a.forced.insert(0, close + "the work and materials, and the closing review")
        else:
            deadline, what = _renewal(p, end, today)
            if deadline <= a.horizon:
                a.forced.insert(0, f"Renew or close: the agreement {what}")
    for e in p.expectations:
        if e.due and today < e.due <= a.horizon and e.status not in ("done", "dropped"):
            state = e.status.replace("-", " ")  # in-progress → in progress
            a.decisions.append(f"{e.deliverable} is due on {e.due} ({state}): confirm it is "
                               "on track")  # fmt: skip
    late = overdue_deliverables(p, today)
    for pay in p.terms.payments if p.terms else []:
        if pay.due and today <= pay.due <= a.horizon:
            a.decisions.append(f"Payment for {pay.for_} due on {pay.due}: "
                               + _approval(p, pay, late))  # fmt: skip
    for c in p.success.criteria if p.success else []:
        if c.by and today <= c.by <= a.horizon:
            ask = "agree how it will be measured"
            if c.measure:  # the measure is agreed: what is open is who takes it, and when
                ask = "agree who measures it and when the result comes in"
            a.decisions.append(f"{c.name} is judged on {c.by}: {ask}")


# Words by which a payment's note makes it wait on something: acceptance, delivery, a date.
_CONDITION = re.compile(r"\b(accept\w*|approv\w*|once|upon|on (?:delivery|completion|receipt)|"
                        r"after|when|if|subject to|provided)\b", re.IGNORECASE)  # fmt: skip


def _approval(p: Partnership, pay: Payment, late: list[int]) -> str:
    """What the group does about a payment due: a deliverable its note names that is not
    done is confirmed first; a condition its note states is checked; late work of the
    partner paid is confirmed delivered. Only links the file's own words make."""
    note = pay.note or ""
    named = [e for e in p.expectations if e.status != "done"
             and re.search(rf"\b{re.escape(e.deliverable)}\b", note, re.IGNORECASE)]  # fmt: skip
    if named:
        which = " and ".join(f"{e.deliverable}, which is {e.status.replace('-', ' ')}"
                             for e in named)  # fmt: skip
        return (f"its payment terms name {which}: confirm that deliverable is done and "
                "accepted first, and only then approve the invoice")  # fmt: skip
    if _CONDITION.search(note):
        return (f"its payment terms set a condition ({note.rstrip('.')}): check it is met, "
                "then approve the invoice")  # fmt: skip
    owed = [p.expectations[i].deliverable for i in late if p.expectations[i].owner == pay.payee]
    if pay.payee and owed:
        payee = next((x.name for x in p.partners if x.id == pay.payee), pay.payee)
        return (f"{payee}, which is paid, has late work ({'; '.join(owed)}): confirm the work "
                "this payment is for has been delivered, then approve the invoice")  # fmt: skip
    return "approve the invoice"


def _renewal(p: Partnership, end: dt.date, today: dt.date) -> tuple[dt.date, str]:
    """The date a renewal decision is due and what the agreement says of it, quoting the
    clause that governs: the renewal notice to renew (or to stop an automatic renewal),
    the termination notice only to end the agreement early."""
    renewal = p.terms.renewal if p.terms else None
    term = p.changes.termination if p.changes else None
    clause = "clause 2.2"  # the renewal clause follows the term in the agreement
    notice = renewal.notice_days if renewal else None
    deadline = shift(end, -notice) if notice is not None else end
    due = "was due by" if deadline < today else "is due by"
    if renewal and renewal.automatic:
        what = f"renews by itself on {end} unless a Partner gives notice ({clause}, {notice} "
        what += f"days before the end): that notice {due} {deadline}" if notice else "days)"
    elif notice is not None:
        ends = "ended" if end < today else "ends"
        what = (f"{ends} on {end}; a Partner that wishes to renew says so in writing at least "
                f"{notice} days before the end ({clause}): that {due} {deadline}")  # fmt: skip
    else:
        what = f"{'ended' if end < today else 'ends'} on {end}"
    if term and term.notice_days is not None and end >= today:  # an ended term ends no earlier
        what += (f"; to end it earlier, {term.notice_days} days' written notice (clause "
                 f"{refs(p)['termination']})")  # fmt: skip
    return deadline, what
