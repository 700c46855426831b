"""The terms fingerprint: a short hash of what a signature commits to.

Computed from the validated data (never the text), so reformatting, comments, quoting
and key order do not change it, and any change to agreed content does.

Agreed content, by section:

- `period` (the term itself);
- `partners`: each partner's id, name, legal name, address, role, signatory,
  spokesperson's name, contributions and benefits (not strengths, contact details
  or signatures);
- `value`, `costs`, `changes`, `decisions`, `communication`, `disagreements`,
  `governance`, and each part of `terms` (`terms.payments`, `terms.liability`, ...);
- `expectations`: each deliverable's id, text, owner, due date and note (not its status);
- `success`: each criterion's name, measure, level, baseline, target, unit and date,
  and the benchmarks (not `current`, measurements or ROI benefits).

Not agreed content: title, summary, kind, status, stakeholders, reviews,
amendments, previous terms, candidates and every signature.

Empty values count as absent (`strengths: []` is the same as no `strengths`), and a
whole number written `12000.0` is the same as `12000`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from partnerkit.format.model import Partnership

VERSION = "partnerkit-terms-1"

_PARTNER_KEYS = (
    "id",
    "name",
    "legal_name",
    "address",
    "role",
    "signatory",
    "contributes",
    "benefits",
)
_EXPECTATION_KEYS = ("id", "deliverable", "owner", "due", "note")
_CRITERION_KEYS = ("name", "measure", "level", "baseline", "target", "unit", "by")
_WHOLE = (
    "period",
    "value",
    "costs",
    "changes",
    "decisions",
    "communication",
    "disagreements",
    "governance",
)


def sections(model: Partnership) -> dict[str, Any]:
    """The agreed content, by section name (`costs`, `terms.payments`, ...), normalised."""
    data = model.model_dump(mode="json", by_alias=True)
    out: dict[str, Any] = {}
    for name in _WHOLE:
        out[name] = data.get(name)
    out["partners"] = [_partner(p) for p in data["partners"]]
    out["expectations"] = [_pick(e, _EXPECTATION_KEYS) for e in data["expectations"]]
    success = data.get("success") or {}
    out["success"] = {
        "criteria": [_pick(c, _CRITERION_KEYS) for c in success.get("criteria", [])],
        "benchmarks": success.get("benchmarks", []),
    }
    for key, value in (data.get("terms") or {}).items():
        out[f"terms.{key}"] = value
    return {k: v for k, v in ((k, _normal(v)) for k, v in out.items()) if v is not None}


def _partner(p: dict[str, Any]) -> dict[str, Any]:
    picked = _pick(p, _PARTNER_KEYS)
    spokesperson = p.get("spokesperson") or {}
    picked["spokesperson"] = spokesperson.get("name")
    return picked


def _pick(item: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: item.get(k) for k in keys}


def _normal(value: Any) -> Any:
    """Drop empty values; whole floats become ints. None when nothing is left."""
    if isinstance(value, dict):
        kept = {k: v for k, v in ((k, _normal(v)) for k, v in value.items()) if v is not None}
        return kept or None
    if isinstance(value, list):
        items = [_normal(v) for v in value]
        kept_items = [v for v in items if v is not None]
        return kept_items or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    return value


def of_sections(agreed: dict[str, Any]) -> str:
    payload = json.dumps(
        {"version": VERSION, "sections": agreed},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def fingerprint(model: Partnership) -> str:
    """The 12-hex-digit terms fingerprint of a partnership."""
    return of_sections(sections(model))


def latest_signatures(model: Partnership) -> dict[str, tuple[Any, Any]]:
    """Each signed partner's latest signature and the amendment it signed (None for the
    agreement): of the latest amendment of this term it signed, else of the agreement."""
    latest: dict[str, tuple[Any, Any]] = {}
    for partner in model.partners:
        if partner.signed is not None:
            latest[partner.id] = (partner.signed, None)
    ids = set(model.partner_ids())
    for _, amendment in current_amendments(model):
        for pid, signature in amendment.signed.items():
            if pid in ids:
                latest[pid] = (signature, amendment)
    return latest


def signed_fingerprints(model: Partnership) -> dict[str, str | None]:
    """Each signed partner's latest signed fingerprint (None when the signature has none);
    see `latest_signatures`."""
    return {pid: sig.terms for pid, (sig, _) in latest_signatures(model).items()}


def current_amendments(model: Partnership) -> list[tuple[int, Any]]:
    """Amendments of the current term, with their index in `amendments`: after a renewal,
    those dated up to the end of the previous term belong to it."""
    if not model.previous_terms:
        return list(enumerate(model.amendments))
    ended = model.previous_terms[-1].period.end or model.previous_terms[-1].period.start
    return [(i, a) for i, a in enumerate(model.amendments) if a.date > ended]
