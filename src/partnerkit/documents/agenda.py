"""The next review meeting's agenda, for a steering group: plain words, no codes, no YAML.

Built from what the file can date: what changed since the last review (amendments,
deliverables that fell due, measurements, signatures), the ratings partners see
differently, late deliverables, criteria behind their target, decisions that fall due
before the review after this one, and the wins to celebrate. Pure: judged at `today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from partnerkit.format.model import CADENCE_DAYS, Partnership, Review
from partnerkit.format.thresholds import HEALTH_CONCERN, PERCEPTION_GAP, shift
from partnerkit.judge.facts import (
    criterion_progress,
    health_is_stale,
    overdue_deliverables,
    review_ratings,
    spreads,
)


@dataclass
class Agenda:
    meeting: dt.date  # the date of the review this agenda is for
    since: dt.date | None  # the last review, or the start
    horizon: dt.date  # decisions due before this date belong on this agenda
    changed: list[str] = field(default_factory=list)
    follow_up: list[str] = field(default_factory=list)  # what the last review agreed
    ratings: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    behind: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    wins: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any((self.changed, self.follow_up, self.ratings, self.late, self.behind,
                        self.decisions, self.wins))  # fmt: skip


def _unit(c: object) -> str:
    unit = getattr(c, "unit", None)
    return f" {unit}" if unit else ""


def agenda_of(p: Partnership, today: dt.date) -> Agenda:
    r = p.reviews
    history = sorted(r.history, key=lambda x: x.date) if r else []
    last = history[-1] if history else None
    meeting = r.next if r and r.next and r.next >= today else today
    since = last.date if last else (p.period.start if p.period else None)
    cycle = CADENCE_DAYS[r.cadence] if r and r.cadence else CADENCE_DAYS["quarterly"]
    a = Agenda(meeting, since, shift(meeting, cycle))
    names = {x.id: x.name for x in p.partners}
    _changed(p, a, today, names)
    if last:  # what the last review agreed, to check it happened
        a.follow_up += [f"Adjustment agreed on {last.date}: {x}" for x in last.adjustments]
        a.follow_up += [f"Concern raised on {last.date}: {x}" for x in last.concerns]
    _ratings(p, a, today, [x for x in history if review_ratings(x)], names)
    for i in overdue_deliverables(p, today):
        e = p.expectations[i]
        owner = names.get(e.owner, e.owner) if e.owner else "no owner"
        a.late.append(f"{e.deliverable} ({owner}), due {e.due}: agree a new date or drop it")
    _criteria(p, a, today)
    _decisions(p, a, today)
    return a


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
            a.changed.append(f"{e.deliverable}{owner}, due {e.due}: {e.status}")
            if e.status == "done":
                a.wins.append(f"{e.deliverable} delivered")
    for c in p.success.criteria if p.success else []:
        new = [m for m in c.measurements if m.date > after]
        if new:
            latest = max(new, key=lambda m: m.date)
            a.changed.append(f"{c.name} measured at {latest.value:g}{_unit(c)} on {latest.date}")


def _ratings(
    p: Partnership, a: Agenda, today: dt.date, rated: list[Review], names: dict[str, str]
) -> None:
    """Partners two points apart or more, any C below 3, and ratings gone stale."""
    if not rated:
        return
    latest = rated[-1]
    for six, gap in spreads(latest).items():
        if gap >= PERCEPTION_GAP:
            given = {names.get(pid, pid): rr.values().get(six)
                     for pid, rr in latest.partner_ratings.items()}  # fmt: skip
            detail = ", ".join(f"{who} {v}" for who, v in given.items() if v is not None)
            a.ratings.append(f"{six.title()}: partners rated it {gap} points apart "
                             f"({detail}) — hear each side")  # fmt: skip
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
        term = p.changes.termination if p.changes else None
        renewal = p.terms.renewal if p.terms else None
        notice = max((n for n in (term.notice_days if term else None,
                                  renewal.notice_days if renewal else None) if n is not None),
                     default=None)  # fmt: skip
        deadline = shift(end, -notice) if notice is not None else end
        if deadline <= a.horizon:
            if renewal and renewal.automatic:
                what = f"renews automatically on {end} unless notice is given by {deadline}"
            elif notice is not None:
                due = "was due by" if deadline < today else "is due by"
                what = f"ends on {end}; notice to renew or end {due} {deadline}"
            else:
                what = f"ends on {end}"
            a.decisions.append(f"Renew or close: the agreement {what}")
    for e in p.expectations:
        if e.due and today < e.due <= a.horizon and e.status not in ("done", "dropped"):
            a.decisions.append(f"{e.deliverable} is due on {e.due} ({e.status}): confirm it is "
                               "on track")  # fmt: skip
    for pay in p.terms.payments if p.terms else []:
        if pay.due and today <= pay.due <= a.horizon:
            a.decisions.append(f"Payment for {pay.for_} due on {pay.due}: approve the invoice")
    for c in p.success.criteria if p.success else []:
        if c.by and today <= c.by <= a.horizon:
            a.decisions.append(f"{c.name} is judged on {c.by}: agree how it will be measured")
