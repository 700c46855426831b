"""The Six-C ratings as people are shown them: the joint rating with each partner's own.

The review report, the agenda and `review FILE` read these, so the same review shows
the same number everywhere (4.5 is 4.5, never rounded to 4) and a gap between two
partners is never hidden behind the joint rating. A gap stays open until a later review
in which those partners rated that C again, closer; a review without separate partner
ratings says nothing about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from partnerkit.format.model import SIX_CS, Review
from partnerkit.format.thresholds import PERCEPTION_GAP
from partnerkit.judge.facts import review_ratings


def rating_text(value: float | None) -> str:
    """`4`, `4.5`, `3.67`; `—` when not rated."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class CRating:
    """One C at one review: the rating that counts, whether it was agreed jointly, each
    partner's own rating and the spread between them."""

    c: str
    value: float | None  # the joint rating, else the mean of the partners'
    joint: bool
    partners: tuple[tuple[str, int | None], ...]  # (partner name, its rating), in file order
    spread: int | None  # highest minus lowest partner rating, with two or more

    @property
    def shown(self) -> str:
        return rating_text(self.value)

    @property
    def gap(self) -> bool:
        return self.spread is not None and self.spread >= PERCEPTION_GAP

    def partners_text(self) -> str:
        """`Head Start 4, Bright Start 2`."""
        return ", ".join(f"{who} {v}" for who, v in self.partners if v is not None)


def review_view(review: Review, names: Mapping[str, str]) -> tuple[CRating, ...]:
    """Each C of one review as shown to people (`names`: partner id → name)."""
    joint = review.ratings.values() if review.ratings else {}
    counted = review_ratings(review)
    rated = {pid: r.values() for pid, r in review.partner_ratings.items()}
    out = []
    for c in SIX_CS:
        given = tuple((names.get(pid, pid), v.get(c)) for pid, v in rated.items())
        values = [v for _, v in given if v is not None]
        spread = max(values) - min(values) if len(values) >= 2 else None
        out.append(CRating(c, counted.get(c), c in joint, given if values else (), spread))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Gap:
    """Partners rating one C at least PERCEPTION_GAP apart, at the last review where they
    rated it separately."""

    c: str
    date: dt.date
    rating: CRating


def open_gaps(history: Iterable[Review], names: Mapping[str, str]) -> list[Gap]:
    """Per C, the gap of the latest review in which two or more partners rated it
    separately, if it is still a gap; in the order of the Six C's."""
    latest: dict[str, Gap] = {}
    for review in sorted(history, key=lambda r: r.date):
        for x in review_view(review, names):
            if x.spread is not None:  # partners rated it separately: this review decides
                latest[x.c] = Gap(x.c, review.date, x)
    return [latest[c] for c in SIX_CS if c in latest and latest[c].rating.gap]
