"""The per-file analyses that run once a file is valid: rules, then scoring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerkit.config import Config
from partnerkit.finding import Finding
from partnerkit.loader import Loaded


def run_rules(loaded: Loaded, config: Config, today: dt.date) -> tuple[list[Finding], None]:
    """Findings of every enabled rule (PK3xx–PK5xx)."""
    from partnerkit.rules import run

    assert loaded.model is not None and loaded.doc is not None
    return list(run(loaded.model, loaded.doc, loaded.path, today, config.enabled)), None


def run_scoring(
    loaded: Loaded, config: Config, today: dt.date
) -> tuple[list[Finding], dict[str, Any]]:
    """Readiness and health, as a small dict kept in the report."""
    from partnerkit.scoring import assess

    assert loaded.model is not None
    return [], assess(loaded.model, today, config.bands).summary()


ANALYSERS = [run_rules, run_scoring]
