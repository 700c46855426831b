"""Facts read from a valid partnership that rules, scoring and views all use.

Each is a small function of the model (and of `today` where time matters), defined
once here so that a rule and the score can never disagree about what it means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnerkit.format.model import (
    CADENCE_DAYS,
    SIX_CS,
    Criterion,
    Expectation,
    Partnership,
    Review,
)
from partnerkit.format.thresholds import (
    CLOSED_DELIVERABLE,
    ON_TRACK_MARGIN,
    STALE_CYCLES,
    is_overdue,
)

BEYOND_REACTION = frozenset({"learning", "behaviour", "results", "roi"})
"""Kirkpatrick levels (and ROI) that show whether training worked, not only whether it was liked."""


def measurable(criterion: Criterion) -> bool:
    """A criterion with a measure, a target and a date: one can tell whether it was met."""
    return bool(criterion.measure and criterion.target is not None and criterion.by)


def deliverable_overdue(e: Expectation, today: dt.date) -> bool:
    """Past its due date and neither done nor dropped."""
    return is_overdue(e.due, today) and e.status not in CLOSED_DELIVERABLE


def overdue_deliverables(p: Partnership, today: dt.date) -> list[int]:
    """Indexes of expectations past due and neither done nor dropped."""
    return [i for i, e in enumerate(p.expectations) if deliverable_overdue(e, today)]


def lower_is_better(c: Criterion) -> bool:
    """A criterion whose target is below its baseline (fewer incidents, less time)."""
    return c.baseline is not None and c.target is not None and c.target < c.baseline


def criterion_met(c: Criterion) -> bool | None:
    """Whether the current value reaches the target, read the right way round; None unmeasured."""
    if c.target is None or c.current is None:
        return None
    return c.current <= c.target if lower_is_better(c) else c.current >= c.target


def review_ratings(review: Review) -> dict[str, float]:
    """A review's rating per C: the jointly agreed one, else the mean of the partners'."""
    out: dict[str, float] = dict(review.ratings.values() if review.ratings else {})
    if len(out) == len(SIX_CS):  # rated jointly on every C: nothing for the partners to add
        return out
    for c, given in _partners_per_c(review).items():
        if c not in out:
            out[c] = round(sum(given) / len(given), 2)
    return out


def spreads(review: Review) -> dict[str, int]:
    """Per C, the gap between the highest and lowest separate partner rating."""
    return {c: max(g) - min(g) for c, g in _partners_per_c(review).items() if len(g) >= 2}


def _partners_per_c(review: Review) -> dict[str, list[int]]:
    """Each C's separate partner ratings, in the Cs' order; a C none of them rated is left out."""
    if not review.partner_ratings:  # most reviews are rated jointly only
        return {}
    each = [r.values() for r in review.partner_ratings.values()]
    return {c: given for c in SIX_CS if (given := [v[c] for v in each if c in v])}


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a success criterion has come from its baseline towards its target."""

    name: str
    share: float | None  # 0-100, None when baseline, current or target is missing
    status: str  # met | on track | in progress | behind | missed | not measured

    @property
    def on_track(self) -> bool:
        return self.status in ("met", "on track")


def criterion_progress(c: Criterion, start: dt.date | None, today: dt.date) -> Progress:
    """Baseline → current → target, judged against the time elapsed towards `by`."""
    met = criterion_met(c)
    if met is None:
        return Progress(c.name, None, "not measured")
    assert c.target is not None and c.current is not None
    share = None
    if c.baseline is not None and c.target != c.baseline:
        share = max(0.0, min(100.0, 100 * (c.current - c.baseline) / (c.target - c.baseline)))
    if met:
        return Progress(c.name, 100.0 if share is not None else None, "met")
    if is_overdue(c.by, today):
        return Progress(c.name, share, "missed")
    if share is None or c.by is None or start is None or c.by <= start:
        return Progress(c.name, share, "in progress")  # nothing to judge the pace against
    expected = 100 * (today - start).days / (c.by - start).days
    on_track = share >= expected - ON_TRACK_MARGIN
    return Progress(c.name, share, "on track" if on_track else "behind")


def progress_of(p: Partnership, today: dt.date) -> list[Progress]:
    start = p.period.start if p.period else None
    return [criterion_progress(c, start, today) for c in (p.success.criteria if p.success else [])]


def health_is_stale(p: Partnership, rated_on: dt.date | None, today: dt.date) -> bool:
    """Ratings older than two review cycles (quarterly when no cadence is set) are stale."""
    if rated_on is None:
        return False
    cadence = p.reviews.cadence if p.reviews and p.reviews.cadence else "quarterly"
    return (today - rated_on).days > STALE_CYCLES * CADENCE_DAYS[cadence]
