"""The per-file analyses that run once a file is valid: rules, scoring, portfolio facts.

Each returns its findings and the report fields it fills (`score`, `facts`), so that
one pass over a file serves `check`, `review` and the machine formats alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from partnerkit.config import Config
from partnerkit.finding import Finding
from partnerkit.loader import Loaded

Result = tuple[list[Finding], dict[str, Any]]


def run_rules(loaded: Loaded, config: Config, today: dt.date) -> Result:
    """Findings of every enabled rule (PK3xx–PK5xx)."""
    from partnerkit.rules import run

    assert loaded.model is not None and loaded.doc is not None
    return list(run(loaded.model, loaded.doc, loaded.path, today, config.enabled)), {}


def run_scoring(loaded: Loaded, config: Config, today: dt.date) -> Result:
    """Readiness and health, as a small JSON-safe digest."""
    from partnerkit.scoring import assess

    assert loaded.model is not None
    return [], {"score": assess(loaded.model, today, config.bands).summary()}


def run_facts(loaded: Loaded, config: Config, today: dt.date) -> Result:
    """What a portfolio row shows besides the score: kind, status, dates, progress."""
    from partnerkit.scoring import overdue_deliverables, progress_of

    p = loaded.model
    assert p is not None
    progress = progress_of(p, today)
    late = overdue_deliverables(p, today)
    return [], {
        "facts": {
            "kind": p.kind,
            "status": p.status,
            "partners": [{"id": x.id, "name": x.name} for x in p.partners],
            "period_start": p.period.start.isoformat() if p.period else None,
            "period_end": p.period.end.isoformat() if p.period and p.period.end else None,
            "next_review": p.reviews.next.isoformat() if p.reviews and p.reviews.next else None,
            "cadence": p.reviews.cadence if p.reviews else None,
            "reviews": len(p.reviews.history) if p.reviews else 0,
            "deliverables": len(p.expectations),
            "late_deliverables": [p.expectations[i].deliverable for i in late],
            "criteria": len(progress),
            "criteria_on_track": sum(g.on_track for g in progress),
        }
    }


# Order matters: `check` without detail runs only the first two.
ANALYSERS: list[Callable[[Loaded, Config, dt.date], Result]] = [run_rules, run_scoring, run_facts]
