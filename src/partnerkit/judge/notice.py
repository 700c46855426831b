"""The notice deadline before a period ends, worded the way the agreement's renewal clause
puts it.

An agreement that renews by itself runs on for another term unless a partner gives notice
in time. One that does not renew by itself simply ends on its date: the deadline before
it is the last day for a partner to ask in writing to renew, and a renewal takes effect
only when every partner signs it. Without renewal terms, the termination notice is the
notice that counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnerkit.format.model import Partnership


@dataclass(frozen=True, slots=True)
class Notice:
    """The notice that governs the end of the period: its days, its field, and whether it
    is a request to renew (the agreement ends by itself) or notice to end."""

    days: int
    field: str
    to_renew: bool


def governing(p: Partnership) -> Notice | None:
    """The notice the renewal terms make count before the period ends, or None when no
    deadline does (the agreement ends by itself and names no notice to renew)."""
    renewal = p.terms.renewal if p.terms else None
    term = p.changes.termination if p.changes else None
    if renewal and renewal.notice_days is not None:
        return Notice(renewal.notice_days, "terms.renewal.notice_days", not renewal.automatic)
    if renewal and not renewal.automatic:
        return None  # it ends on its date; termination notice only ends it earlier
    if term and term.notice_days is not None:
        return Notice(term.notice_days, "changes.termination.notice_days", False)
    return None


def wording(
    n: Notice, p: Partnership, deadline: dt.date, today: dt.date, when: str, ends: str
) -> tuple[str, str] | None:
    """The action's text and reason for the deadline (`when` says how far off it is, `ends`
    how far off the end is); None when the deadline asks nothing of the partners."""
    assert p.period and p.period.end
    end, days = p.period.end, n.days
    at = f"{'was' if deadline < today else 'is'} {deadline} ({when})"
    if n.to_renew:
        if p.plan == "end":
            return None  # nobody asks to renew: the agreement ends by itself
        last = f"the last day to ask in writing to renew, {days} days before the end,"
        if p.status == "renewing":
            return (f"The period ends on {end}, {ends}, and {last} {at}: settle the renewal "
                    "and have every partner sign it before the period ends, or agree an "
                    "extension in writing",
                    f"the agreement lapses on {end} unless the renewal is signed")  # fmt: skip
        lead = (f"The last day to ask in writing to renew, {days} days before the period "
                f"ends on {end}, {at}")  # fmt: skip
        if deadline >= today:
            return (f"{lead}: decide with the partners now whether to renew, and if so ask "
                    "every partner in writing by then",
                    f"the agreement does not renew by itself, so without a request in time it "
                    f"ends on {end}")  # fmt: skip
        return (f"{lead}: decide with the partners now whether to renew or let it end, and "
                "record the decision",
                f"the agreement does not renew by itself, so it ends on {end} unless every "
                "partner agrees to a late renewal")  # fmt: skip
    what = "renewal notice" if n.field.startswith("terms.") else "notice"
    if p.plan == "end":
        return (f"The last day to give {days} days' {what} before the period ends on {end} "
                f"{at}: confirm to every partner in writing that the partnership ends then, "
                "and plan the hand-over",
                "without notice in time the agreement may run on")  # fmt: skip
    if p.status == "renewing":
        return (f"The period ends on {end}, {ends}, and the last day to give {days} days' "
                f"{what} {at}: settle the renewal and have every partner sign it before the "
                "period ends, or agree an extension in writing",
                f"the agreement lapses on {end} unless the renewal is signed")  # fmt: skip
    return (f"The last day to give {days} days' {what} before the period ends on {end} {at}: "
            "decide with the partners now whether to renew or end, and record the decision",
            "notice given after it comes too late to end the agreement on time")  # fmt: skip
