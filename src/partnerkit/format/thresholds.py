"""Every threshold, band and window the tool judges by, each defined once.

Rules, scoring, reporters and templates read these names; templates receive the
configured bands and the health thresholds as variables, so nothing is written twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_READY = 80
DEFAULT_DEVELOPING = 60

HEALTH_STRENGTH = 4.0
"""A mean rating at or above this is a strength (Wilder inventory reading)."""
HEALTH_CONCERN = 3.0
"""A mean rating below this is a concern; between the two, worth discussing."""
STALE_CYCLES = 2
"""Health rated longer ago than this many review cycles is stale."""
PERCEPTION_GAP = 2
"""Partners' separate ratings of one C this far apart are flagged (PK412)."""

WINS_WINDOW_DAYS = 365
"""Reviews held longer than this with no win recorded within it ask for wins (PK440)."""
SHORTEST_TERM_DAYS = 365
"""A signature older than a term before the period began (at least this long) is stale."""

DUE_SOON_DAYS = 14
"""A review due within this many days is `soon` on dashboards."""
ON_TRACK_MARGIN = 10
"""A criterion within this many points of the expected share is on track."""
NOTICE_WARNING_DAYS = 30
"""PK507 warns this many days before the last day to give notice."""
MAX_NOTICE_DAYS = 36_500
"""Notice periods longer than a hundred years are a typo, refused by the schema (PK113)."""


def shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days` (back when negative), held at the first or last day of the
    calendar: dates at its edges (`9999-12-31`) never stop a run."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""Files larger than this are refused (PK105) unless `max_file_size` says otherwise."""

CLOSED_DELIVERABLE = frozenset({"done", "dropped"})
"""Deliverable statuses that can no longer be overdue."""


@dataclass(frozen=True, slots=True)
class Bands:
    """Readiness bands: `ready` at or above the first, `developing` at or above the second."""

    ready: float = DEFAULT_READY
    developing: float = DEFAULT_DEVELOPING

    def name(self, score: float) -> str:
        if score >= self.ready:
            return "ready"
        if score >= self.developing:
            return "developing"
        return "not ready"

    def level(self, score: float) -> str:
        """good | warn | bad: the colour of a score in every view."""
        return {"ready": "good", "developing": "warn"}.get(self.name(score), "bad")


def health_band(value: float | None) -> str:
    """Read a 1–5 mean as the Wilder inventory reads factor means."""
    if value is None:
        return "not rated"
    if value >= HEALTH_STRENGTH:
        return "strength"
    if value >= HEALTH_CONCERN:
        return "worth discussing"
    return "concern"


def health_level(value: float | None) -> str:
    """good | warn | bad | none: the colour of a health rating in every view."""
    return {"strength": "good", "worth discussing": "warn", "concern": "bad"}.get(
        health_band(value), "none"
    )


def health_scale() -> str:
    """The reading of health ratings, in words, as documents print it."""
    return (
        f"{HEALTH_STRENGTH:.1f} and above is a strength, {HEALTH_CONCERN:.1f}–"
        f"{HEALTH_STRENGTH - 0.1:.1f} worth discussing, below {HEALTH_CONCERN:.1f} a concern."
    )


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """A date that has passed: a review or deliverable due before today."""
    return due is not None and due < today


def review_state(next_review: dt.date | None, today: dt.date) -> str:
    """overdue | soon | later | none: when the next review is, as dashboards show it."""
    if next_review is None:
        return "none"
    if is_overdue(next_review, today):
        return "overdue"
    if (next_review - today).days <= DUE_SOON_DAYS:
        return "soon"
    return "later"
