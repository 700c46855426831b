"""The cover page's schedule of the variables the standard terms refer to.

The standard terms name each variable in capitals (the Liability Cap, the Cure Period,
the Venue); the agreement's cover page states them in one table, in plain text, with
"to be agreed" where the file does not say yet. Which rows a kind needs follows the set
the partnership is made under: a working charter carries no legal-entity terms.
"""

from __future__ import annotations

from typing import Any

from partnerkit.documents.phrasing import join_and, named_documents, short_names
from partnerkit.format.model import Partnership
from partnerkit.format.standard import StandardTerms

OPEN = "to be agreed"


def cover(p: Partnership, st: StandardTerms | None) -> dict[str, Any]:
    """`rows` (label, value) for the cover page table and the partners' `changes`."""
    t = p.terms
    changes = list(t.other_changes) if t else []
    if st is None:
        return {"rows": [], "changes": changes}
    rows = _roles(p, st.kind)
    if st.kind != "internal":
        rows += _notices(p) + _legal(p, st.kind)
    return {"rows": rows, "changes": changes}


def _roles(p: Partnership, kind: str) -> list[tuple[str, str]]:
    short = short_names(p)
    names = {
        "vendor": ("Client", "Provider"),
        "school": ("Host", "Placing Partner"),
    }.get(kind)
    if names is None:
        return []
    lead = [short[x.id] for x in p.partners if x.role == "lead"]
    other = [short[x.id] for x in p.partners if x.role == "provider"]
    return [(names[0], join_and(lead) or OPEN), (names[1], join_and(other) or OPEN)]


def _notices(p: Partnership) -> list[tuple[str, str]]:
    """The attention line of each partner's notices: its authorised signatory."""
    short = short_names(p)
    rows = []
    for x in p.partners:
        s = x.signatory
        who = f"{s.name}, {s.title}" if s and s.title else s.name if s else OPEN
        rows.append((f"Notices to {short[x.id]}", f"For the attention of {who}" if s else OPEN))
    return rows


def _days(n: int | None) -> str:
    if n is None:
        return OPEN
    return "1 day" if n == 1 else f"{n} days"


def _legal(p: Partnership, kind: str) -> list[tuple[str, str]]:
    t = p.terms
    dp = t.data_protection if t else None
    tm = p.changes.termination if p.changes else None
    rows: list[tuple[str, str]] = []
    if kind == "community":
        effect = {
            True: "Legally binding",
            False: "Not legally binding, except the clauses the Standard Terms list",
            None: OPEN,
        }[t.binding if t else None]
        rows.append(("Legal effect", effect))
    binding = t.binding if t else None
    if binding or (binding is None and kind != "community"):
        rows += [
            ("Liability Cap", (t.liability_cap if t else None) or OPEN),
            ("Insurance", "; ".join(t.insurance) if t and t.insurance else OPEN),
            ("Cure Period", _days(t.cure_days if t else None)),
        ]
    ending = "Notice to withdraw" if kind == "community" else "Notice to end the agreement"
    days = tm.notice_days if tm else None
    rows.append((ending, f"{_days(days)} in writing" if days is not None else OPEN))
    rows += [
        ("Governing Law", (t.governing_law if t else None) or OPEN),
        ("Venue", (t.venue if t else None) or OPEN),
    ]
    if dp is not None and dp.personal_data is False:
        rows.append(("Data Laws", "None: no personal data passes between the Partners"))
    else:
        rows.append(("Data Laws", join_and(dp.laws) if dp and dp.laws else OPEN))
        hours = dp.breach_notice_hours if dp else None
        rows.append(("Breach Notice Period", f"{hours} hours" if hours else OPEN))
    if kind == "community":
        rows.append(("Grant Instrument", (t.grant_instrument if t else None) or "None"))
    docs = list(t.documents) if t and t.documents else _named(p)
    rows.append(("Documents forming part of the agreement", "; ".join(docs) or "None"))
    return rows


def _named(p: Partnership) -> list[str]:
    """Documents the partners' own wording names (`the statement of work`), when the
    cover page lists none: they form part of the agreement as they did before."""
    return [d[:1].upper() + d[1:] for d in named_documents(p)]
