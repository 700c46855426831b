"""The sentences of the memorandum of understanding: what it is, and how a partner leaves."""

from __future__ import annotations

from typing import Any

from partnerkit.documents.phrasing import (
    binding,
    binding_clauses,
    join_and,
    legal,
    lower_first,
    short_names,
)
from partnerkit.format.model import Partnership


def mou_wording(p: Partnership) -> dict[str, Any]:
    return {
        "mou_status": mou_status(p),
        "mou_ending": mou_ending(p),
        # An MOU summarising a binding agreement has no signatures of its own.
        "mou_summarises": legal(p) and binding(p) is True,
        **mou_lists(p),
    }


def mou_lists(p: Partnership) -> dict[str, str]:
    """Lists the MOU runs into its sentences: lower-case mid-sentence, `and` before the last."""
    names = [*short_names(p).values(), *(x.name for x in p.partners)]

    def inline(items: list[str]) -> str:
        return join_and([lower_first(x.rstrip(".;"), names) for x in items])

    v, d, cm, s = p.value, p.decisions, p.communication, p.success
    return {
        "mou_goals": inline(v.goals) if v else "",
        "mou_joint": inline(d.joint) if d else "",
        "mou_channels": inline(cm.channels) if cm else "",
        "mou_criteria": join_and([f"“{c.name}”" for c in s.criteria]) if s else "",
    }


def mou_status(p: Partnership) -> str:
    b = binding(p)
    if not legal(p):
        return "It records how the teams mean to work together and is not a contract."
    if b:
        return (
            f"This memorandum summarises the partnership agreement “{p.title}”. It creates no "
            "obligations of its own; where the two differ, the agreement prevails."
        )
    if b is None:
        return (
            "Whether this memorandum binds the partners is still to be agreed; until then it "
            "records intent only."
        )
    keys = binding_clauses(p)
    out = (
        "This memorandum records intent and ways of working. It creates no legal obligations, "
        "and no partner may enforce it against another."
    )
    if keys:
        what = join_and(
            ["confidentiality" if k == "confidentiality" else "personal data" for k in keys]
        )
        out += (f" The {what} commitments of the partnership agreement “{p.title}” bind as "
                "that agreement says.")  # fmt: skip
    return out


def mou_ending(p: Partnership) -> str:
    ch = p.changes
    tm = ch.termination if ch else None
    if tm and tm.notice_days is not None:
        two = len(p.partners) == 2
        who, others = ("Either partner", "the other") if two else ("Any partner", "the others")
        return f"{who} may withdraw by giving {others} {tm.notice_days} days' notice in writing."
    others = "the other" if len(p.partners) == 2 else "the others"
    return f"A partner that wishes to withdraw tells {others} in writing."
