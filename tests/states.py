"""Partnerships in each state of signature and time, built from one small file.

Shared by the tests of the record's facts (as data) and of every document that states
them (signatures, status words, open points).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import yaml

from partnerkit.check.loader import load_bytes
from partnerkit.format.model import Partnership
from partnerkit.history.fingerprint import fingerprint

TODAY = dt.date(2026, 6, 1)
BASE: dict[str, Any] = {
    "partnerkit": 1,
    "id": "city-nursing",
    "title": "City nursing onboarding",
    "kind": "vendor",
    "status": "active",
    "period": {"start": "2026-01-01", "end": "2026-12-31"},
    "partners": [
        {"id": "city", "name": "City Hospital", "legal_name": "City Hospital Trust",
         "address": "1 Main Street, Springfield", "role": "lead",
         "signatory": {"name": "Ana Diaz", "title": "Chief Nurse"},
         "contributes": ["Ward placements"], "benefits": ["Nurses ready sooner"]},
        {"id": "learnco", "name": "LearnCo", "legal_name": "LearnCo Ltd",
         "address": "2 High Street, Springfield", "role": "provider",
         "signatory": {"name": "Ben Ode", "title": "Director"},
         "contributes": ["Online modules"], "benefits": ["A reference customer"]},
        {"id": "fund", "name": "Springfield Nursing Fund", "legal_name": "Springfield Nursing Fund",
         "address": "3 Park Road, Springfield", "role": "funder",
         "signatory": {"name": "Cy Lane", "title": "Trustee"},
         "contributes": ["Grant"], "benefits": ["More local nurses"]},
    ],
    "costs": [{"item": "Modules", "type": "real", "amount": 36000, "currency": "USD",
               "borne_by": "fund"}],
    "changes": {"amendment": "In writing.", "termination": {"notice_days": 60}},
    "terms": {"binding": True, "effective": "2026-01-01", "governing_law": "Illinois",
              "renewal": {"automatic": False, "notice_days": 30}},
}  # fmt: skip
NAMES = {"city": "City Hospital", "learnco": "LearnCo", "fund": "Springfield Nursing Fund"}


def model_of(data: dict[str, Any]) -> Partnership:
    loaded = load_bytes(yaml.safe_dump(data, sort_keys=False).encode(), "p.yaml")
    assert loaded.model is not None, loaded.findings
    return loaded.model


def _sign(data: dict[str, Any], who: list[str], terms: str | None, day: str = "2025-12-15") -> None:
    for x in data["partners"]:
        if x["id"] in who:
            x["signed"] = {"by": x["signatory"]["name"], "date": day}
            if terms is not None:
                x["signed"]["terms"] = terms


def _current(data: dict[str, Any]) -> str:
    return fingerprint(model_of(data))


def unsigned(d: dict[str, Any]) -> None:
    d["status"] = "proposed"


def partly(d: dict[str, Any]) -> None:
    _sign(d, ["city", "learnco"], _current(d))


def every(d: dict[str, Any]) -> None:
    _sign(d, ["city", "learnco", "fund"], _current(d))


def unrecorded(d: dict[str, Any]) -> None:
    _sign(d, ["city", "learnco", "fund"], None)


def changed(d: dict[str, Any]) -> None:
    _sign(d, ["city", "learnco", "fund"], _current(d))
    d["costs"][0]["amount"] = 42000


def amendment(d: dict[str, Any]) -> None:
    _sign(d, ["city", "learnco", "fund"], _current(d))
    d["costs"][0]["amount"] = 42000
    now = _current(d)
    d["amendments"] = [{"date": "2026-05-01", "summary": "The grant rises to USD 42,000.",
                        "sections": ["costs"],
                        "signed": {"city": {"by": "Ana Diaz", "date": "2026-05-02",
                                            "terms": now}}}]  # fmt: skip


def renewing_after_end(d: dict[str, Any]) -> None:
    d["status"] = "renewing"
    d["period"] = {"start": "2025-01-01", "end": "2026-04-30"}
    d["terms"]["effective"] = "2025-01-01"
    _sign(d, ["city", "learnco", "fund"], _current(d))


def ended(d: dict[str, Any]) -> None:
    d["status"] = "ended"
    d["period"] = {"start": "2025-01-01", "end": "2026-04-30"}
    d["terms"]["effective"] = "2025-01-01"
    _sign(d, ["city", "learnco", "fund"], _current(d))


STATES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unsigned": unsigned,
    "partly signed": partly,
    "every partner signed": every,
    "signed without fingerprints": unrecorded,
    "signed then changed": changed,
    "amendment pending": amendment,
    "renewing after the end": renewing_after_end,
    "ended": ended,
}


def state(name: str, binding: bool | None = True) -> Partnership:
    """The base partnership put in state `name`, its `terms.binding` as given."""
    data = copy.deepcopy(BASE)
    if binding is None:
        del data["terms"]["binding"]
    else:
        data["terms"]["binding"] = binding
    STATES[name](data)
    return model_of(data)
