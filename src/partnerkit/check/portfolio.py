"""The portfolio: one row per partnership, sorting, filtering and the summary under it."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from partnerkit.check.result import FileResult
from partnerkit.format.thresholds import review_state


class Sort(StrEnum):
    """The orders of the dashboard's rows (`review --sort`)."""

    next_review = "next-review"
    readiness = "readiness"
    status = "status"
    by_title = "title"


SORTS = tuple(Sort)
STATUS_ORDER = (
    "active", "under-review", "renewing", "proposed", "exploring", "heard", "ended"
)
"""The `status` sort: running partnerships first, then those starting, then ended ones."""
HEARD_KEYS = ("what", "source", "known_by", "offer")


@dataclass(slots=True)
class Row:
    """Everything the dashboard shows for one file, valid or not."""

    path: str
    id: str | None
    title: str
    valid: bool
    errors: int
    warnings: int
    kind: str = ""
    status: str = ""
    partners: list[str] = field(default_factory=list)
    partner_ids: list[str] = field(default_factory=list)
    readiness: float | None = None
    band: str = ""
    health: dict[str, float | None] = field(default_factory=dict)
    health_trend: float | None = None
    health_series: list[float] = field(default_factory=list)  # mean of the Cs, per rated review
    health_stale: bool = False
    next_review: dt.date | None = None
    late: list[str] = field(default_factory=list)
    criteria: int = 0
    on_track: int = 0
    heard: tuple[str, str, str, str] | None = None  # what, from whom, who knows them, offer
    steps: int = 0  # next actions, when the pass worked them out (the site's index)

    def review_state(self, today: dt.date) -> str:
        """overdue | soon | later | none."""
        return review_state(self.next_review, today)

    def as_dict(self, today: dt.date) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "title": self.title,
            "valid": self.valid,
            "kind": self.kind,
            "status": self.status,
            "partners": self.partners,
            "readiness": self.readiness,
            "band": self.band,
            "health": self.health,
            "health_trend": self.health_trend,
            "health_series": self.health_series,
            "health_stale": self.health_stale,
            "next_review": self.next_review.isoformat() if self.next_review else None,
            "review_state": self.review_state(today),
            "late_deliverables": self.late,
            "criteria": self.criteria,
            "criteria_on_track": self.on_track,
            "heard": None if self.heard is None else dict(zip(HEARD_KEYS, self.heard, strict=True)),
            "errors": self.errors,
            "warnings": self.warnings,
        }


def row_of(result: FileResult) -> Row:
    row = Row(
        path=result.path,
        id=result.id,
        title=result.title or result.path,
        valid=result.valid,
        errors=result.errors,
        warnings=result.warnings,
    )
    if result.score:
        row.readiness = result.score.overall
        row.band = result.score.band
        row.health = {c.c: c.latest for c in result.score.cs}
        trends = [c.trend for c in result.score.cs if c.trend is not None]
        row.health_trend = round(sum(trends) / len(trends), 2) if trends else None
        row.health_series = _mean_series([list(c.series) for c in result.score.cs])
        row.health_stale = result.score.stale
        row.steps = len(result.score.next_actions)
    if result.facts:
        f = result.facts
        row.kind, row.status = f.kind, f.status
        row.partners = [name for _, name in f.partners]
        row.partner_ids = [pid for pid, _ in f.partners]
        row.next_review = f.next_review
        row.late = list(f.late_deliverables)
        row.criteria, row.on_track = f.criteria, f.criteria_on_track
        row.heard = f.heard
    return row


def _mean_series(series: list[list[float | None]]) -> list[float]:
    """Per rated review, the mean of the Cs rated at it."""
    out = []
    for column in zip(*series, strict=False):
        given = [v for v in column if v is not None]
        if given:
            out.append(round(sum(given) / len(given), 2))
    return out


def select(
    rows: list[Row],
    today: dt.date,
    *,
    status: list[str] | None = None,
    kind: list[str] | None = None,
    partner: str | None = None,
    due_within: int | None = None,
) -> list[Row]:
    """Keep rows matching every filter given. Broken files stay unless a filter excludes them."""
    out = []
    for r in rows:
        if status and r.status not in status:
            continue
        if kind and r.kind not in kind:
            continue
        if partner:
            needle = partner.lower()
            if not any(needle in n.lower() for n in r.partners + r.partner_ids):
                continue
        if due_within is not None and (
            r.next_review is None or (r.next_review - today).days > due_within
        ):
            continue
        out.append(r)
    return out


def order(rows: list[Row], by: str) -> list[Row]:
    far = dt.date.max
    keys = {
        "next-review": lambda r: (r.next_review or far, r.title.lower()),
        "readiness": lambda r: (-(r.readiness if r.readiness is not None else -1), r.title.lower()),
        "status": lambda r: (
            STATUS_ORDER.index(r.status) if r.status in STATUS_ORDER else len(STATUS_ORDER),
            r.title.lower(),
        ),
        "title": lambda r: (r.title.lower(), r.path),
    }
    return sorted(rows, key=keys[by])


@dataclass(frozen=True, slots=True)
class Summary:
    """The line under the dashboard: counts over the rows shown."""

    partnerships: int
    broken: int
    by_status: dict[str, int]
    reviews_due_this_month: int
    reviews_overdue: int
    late_deliverables: int
    average_readiness: float | None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (`review -f json`), keys in this order."""
        return {f: getattr(self, f) for f in self.__slots__}


def summary(rows: list[Row], today: dt.date) -> Summary:
    scored = [r.readiness for r in rows if r.readiness is not None]
    month_last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    return Summary(
        partnerships=len(rows),
        broken=sum(not r.valid for r in rows),
        by_status=dict(sorted(Counter(r.status for r in rows if r.status).items())),
        reviews_due_this_month=sum(
            1 for r in rows if r.next_review and r.next_review <= month_last
        ),
        reviews_overdue=sum(r.review_state(today) == "overdue" for r in rows),
        late_deliverables=sum(len(r.late) for r in rows),
        average_readiness=round(sum(scored) / len(scored), 1) if scored else None,
    )
