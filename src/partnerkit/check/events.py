"""The dated items of a partnership: next review, deliverables due, period end, notice deadline.

Each event's UID is derived from the partnership id and what the event is, so importing
an exported calendar again updates events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from partnerkit.check.result import Event
from partnerkit.format.model import Partnership
from partnerkit.format.thresholds import shift
from partnerkit.judge.notice import governing

UID_DOMAIN = "partnerkit.invalid"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def events(p: Partnership) -> Iterator[Event]:
    """Each dated item of one partnership, in a stable order."""
    names = {x.id: x.name for x in p.partners}
    if p.reviews and p.reviews.next:
        cadence = f" ({p.reviews.cadence} review)" if p.reviews.cadence else ""
        yield Event(
            f"{p.id}.review-next@{UID_DOMAIN}",
            p.reviews.next,
            f"Partnership review: {p.title}",
            f"Review of {p.title}{cadence}: rate the Six C's together; record wins, concerns "
            "and adjustments.",
            p.kind,
        )
    seen: dict[str, int] = {}
    for e in p.expectations:
        # The deliverable's own `id` keeps its UID through a rename; without one, the
        # name does, numbered when two deliverables share it (in file order).
        key = e.id or _key(e.deliverable)
        seen[key] = seen.get(key, 0) + 1
        if e.due is None or e.status == "dropped":
            continue
        owner = names.get(e.owner or "", e.owner or "no owner")
        nth = f"-{seen[key]}" if seen[key] > 1 else ""
        yield Event(
            f"{p.id}.deliverable-{key}{nth}@{UID_DOMAIN}",
            e.due,
            f"Due: {e.deliverable} ({p.title})",
            f"Deliverable of {p.title}. Owner: {owner}. Status: {e.status}.",
            p.kind,
        )
    if p.period and p.period.end:
        yield Event(
            f"{p.id}.period-end@{UID_DOMAIN}",
            p.period.end,
            f"Partnership ends: {p.title}",
            f"Last day of the agreed period of {p.title}.",
            p.kind,
        )
        notice = governing(p)  # the deadline the renewal terms set, as next actions say it
        if notice and notice.days and not (notice.to_renew and p.plan == "end"):
            if notice.to_renew:
                summary = f"Last day to ask to renew: {p.title}"
                said = (f"Last day for a partner to ask in writing to renew, {notice.days} "
                        "days before the period ends; it does not renew by itself.")  # fmt: skip
            else:
                summary = f"Decide: renew or end {p.title}"
                said = f"Last day to give {notice.days} days' notice before the period ends."
            yield Event(
                f"{p.id}.notice-deadline@{UID_DOMAIN}",
                shift(p.period.end, -notice.days),
                summary,
                said,
                p.kind,
            )
