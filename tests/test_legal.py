"""Agreement needs (PK420–PK429) count towards readiness under the C they belong to."""

from __future__ import annotations

import datetime as dt

from test_rules import patched

from partnerkit.check.loader import load_bytes
from partnerkit.judge.scoring import assess

TODAY = dt.date(2026, 11, 23)


def _scores(case: dict) -> dict[str, float]:  # type: ignore[type-arg]
    loaded = load_bytes(patched(case).encode(), "case.yaml")
    assert loaded.model is not None
    return {c.c: c.score for c in assess(loaded.model, TODAY).readiness}


def test_missing_legal_names_lower_commitment_only() -> None:
    full, gap = _scores({}), _scores({"delete": ["partners.1.legal_name"]})
    assert gap["commitment"] < full["commitment"]
    assert {c: v for c, v in gap.items() if c != "commitment"} == {
        c: v for c, v in full.items() if c != "commitment"
    }


def test_missing_notice_address_lowers_communication() -> None:
    assert (
        _scores({"delete": ["partners.0.address"]})["communication"] < _scores({})["communication"]
    )


def test_missing_governing_law_and_data_clause_lower_clarity() -> None:
    full = _scores({})["clarity"]
    assert _scores({"delete": ["terms.governing_law"]})["clarity"] < full
    assert _scores({"delete": ["terms.data_protection"]})["clarity"] < full


def test_exploring_partnerships_are_not_judged_on_agreement_terms() -> None:
    bare = {"set": {"status": "exploring"}, "delete": ["terms"]}
    assert _scores(bare) == _scores({**bare, "delete": ["terms", "partners.0.legal_name"]})
