"""The score of one file as a frozen record: readiness and health per C, and the next actions.

`scoring` builds it; the check's result carries it across processes, and `check --format
json` and `review` show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from partnerkit.support.records import Record


@dataclass(frozen=True, slots=True)
class CScore(Record):
    """One C: readiness of the file and health from the latest rated review."""

    c: str
    readiness: float
    held: tuple[str, ...]
    missing: tuple[str, ...]
    latest: float | None
    trend: float | None
    spread: int | None
    series: tuple[float | None, ...] = ()  # every rated review, oldest first


@dataclass(frozen=True, slots=True)
class Step(Record):
    """A next action: what to do, where in the file, and the date that makes it urgent."""

    action: str
    section: str
    field: str
    kind: str
    date: dt.date | None
    why: str = ""

    def as_dict(self) -> dict[str, str | None]:
        return {
            "action": self.action,
            "why": self.why,
            "section": self.section,
            "field": self.field,
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass(frozen=True, slots=True)
class ScoreDigest(Record):
    """Readiness and health of one file, as `check --format json` and `review` show it."""

    overall: float
    band: str
    cs: tuple[CScore, ...]
    questions: tuple[tuple[int, str], ...]  # (number, answered | partial | missing)
    rated_on: dt.date | None
    stale: bool
    next_actions: tuple[Step, ...]

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON shape (README, "JSON output")."""
        return {
            "overall": self.overall,
            "band": self.band,
            "readiness": {c.c: c.readiness for c in self.cs},
            "evidence": {c.c: {"held": list(c.held), "missing": list(c.missing)} for c in self.cs},
            "questions": {f"Q{n}": status for n, status in self.questions},
            "health": {
                c.c: {
                    "latest": c.latest,
                    "trend": c.trend,
                    "spread": c.spread,
                    "series": list(c.series),
                }
                for c in self.cs
            },
            "health_rated_on": self.rated_on.isoformat() if self.rated_on else None,
            "health_stale": self.stale,
            "next_actions": [a.as_dict() for a in self.next_actions],
        }
