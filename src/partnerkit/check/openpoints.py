"""What a DRAFT tells the partners they still have to settle, as plain specific sentences.

Each point names the item it is about (the deliverable, the criterion, the partner) and
says only what is really missing; points that concern one partner's own planning (its
strengths, its stakeholders) or evidence a running partnership gathers over time stay
out of a document the other side reads. No codes, no YAML, no key names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from partnerkit.format.model import Partnership
from partnerkit.judge.consistency import blocking
from partnerkit.judge.scoring import AGREES
from partnerkit.support.words import long_dates

# Evidence gathered as a partnership runs, or one partner's own homework: not open points.
_NOT_A_POINT = frozenset(
    {
        "reviews record adjustments",
        "the next review is scheduled and not overdue",
        "deliverables are on time",
        "every partner has signed",
        "signed by the named signatories",
        "strengths stated for every partner",
        "stakeholders identified",
    }
)
_RHYTHM = re.compile(r"\b(daily|weekly|fortnightly|biweekly|monthly|quarterly)\b", re.I)
_DECISIONS = (
    "The partners have not yet agreed which decisions they take together and which each "
    "takes alone."
)
_NOT_YET = "The partners have not yet "

_PLAIN: dict[str, str] = {
    "every partner contributes": _NOT_YET + "said what each of them puts in.",
    "the period is set": _NOT_YET + "agreed when the partnership starts.",
    "a sponsor is named": "No senior sponsor is yet named for the partnership.",
    "a spokesperson for every partner": "Not every partner has yet named a spokesperson.",
    "channels agreed": _NOT_YET + "agreed how they keep in touch.",
    "a meeting rhythm": _NOT_YET + "agreed how often they meet.",
    "a disagreement process": _NOT_YET + "agreed how a disagreement is raised and escalated.",
    "benchmarks named": _NOT_YET + "named outside benchmarks to compare results against.",
    "decisions split into joint and independent": _DECISIONS,
    "joint decisions": _DECISIONS,
    "a change procedure": _NOT_YET + "agreed how they propose and approve a change.",
    "a termination procedure": _NOT_YET + "agreed how a partner may leave and what happens then.",
    "a review cadence": _NOT_YET + "agreed how often they review the partnership.",
    "shared goals": _NOT_YET + "written down the goals they share.",
    "benefits for every partner": _NOT_YET + "said what each of them gains.",
    "an effective date": _NOT_YET + "agreed the date the agreement takes effect.",
    "personal data is protected": _NOT_YET + "agreed how personal data is protected.",
    "ownership of materials is agreed": _NOT_YET + "agreed who owns the materials they make.",
    "a governing law": _NOT_YET + "agreed the law that governs the agreement.",
    "whether the agreement binds is stated": _NOT_YET
    + "said whether the agreement is legally binding.",
    "liability and insurance are agreed": _NOT_YET
    + "agreed liability and the insurance each holds.",
    "the standard terms are named": _NOT_YET
    + "recorded which standard terms, and which version, the agreement is made under.",
    "the standard terms named are known": "The standard terms the agreement names are not "
    "a set this version of partnerkit holds, so they are not printed here.",
    "a liability cap": _NOT_YET + "agreed the cap on each partner's liability.",
    "a cure period": _NOT_YET
    + "agreed how long a partner has to put a breach right before the agreement can be ended.",
    "a venue for disputes": _NOT_YET + "agreed which courts hear a dispute.",
    "a breach notice period": _NOT_YET
    + "agreed how quickly a partner reports a breach involving personal data.",
    "the funder's grant instrument is named": "The grant agreement or award that carries "
    "the funder's money is not yet named.",
}


def evidence_points(p: Partnership, missing: Iterable[str]) -> list[str]:
    """Open points from the readiness evidence not held (`missing`, by name), once each."""
    out: list[str] = []
    for name in missing:
        if name in _NOT_A_POINT:
            continue
        for point in _points(p, name):
            if point not in out:
                out.append(point)
    return out


def _points(p: Partnership, name: str) -> list[str]:
    special: dict[str, Callable[[Partnership], list[str]]] = {
        "every expectation has an owner and a due date": _deliverables,
        "success criteria are measurable": _criteria,
        "a meeting rhythm": _meetings,
        "decisions split into joint and independent": _decisions,
        "every party has its legal name": _legal_names,
        "every party has an address for notices": _addresses,
        "every party names an authorised signatory": _signatories,
        AGREES: _contradictions,
    }
    if name in special:
        return special[name](p)
    plain = _PLAIN.get(name)
    return [plain] if plain else [name[:1].upper() + name[1:].rstrip(".") + "."]


def _deliverables(p: Partnership) -> list[str]:
    if not p.expectations:
        return ["The partners have not yet listed what each of them delivers."]
    out = []
    for e in p.expectations:
        missing = [
            w for w, ok in (("a partner who delivers it", e.owner), ("a due date", e.due)) if not ok
        ]
        if missing:
            lacking = " and no ".join(m.removeprefix("a ") for m in missing)
            out.append(f"“{e.deliverable}” has no {lacking} yet.")
    return out


def _criteria(p: Partnership) -> list[str]:
    criteria = p.success.criteria if p.success else []
    if not criteria:
        return ["The partners have not yet agreed how they will measure success."]
    out = []
    for c in criteria:
        parts = (
            ("a measure", c.measure),
            ("a target", c.target is not None),
            ("a target date", c.by),
        )
        missing = [w for w, ok in parts if not ok]
        if missing:
            out.append(f"The partners have not yet agreed {_join(missing)} for “{c.name}”.")
    return out


def _contradictions(p: Partnership) -> list[str]:
    """Where two sections of the file say different things, each said once."""
    return list(dict.fromkeys(long_dates(c.plain) for c in blocking(p)))


def _meetings(p: Partnership) -> list[str]:
    channels = p.communication.channels if p.communication else []
    if any(_RHYTHM.search(x) for x in channels):
        return []  # a channel already says how often they meet
    return [_PLAIN["a meeting rhythm"]]


def _decisions(p: Partnership) -> list[str]:
    d = p.decisions
    if d and d.joint and not d.independent:
        return ["The partners have not yet said which decisions each of them takes alone."]
    return [_DECISIONS]


def _legal_names(p: Partnership) -> list[str]:
    return [f"{x.name} has not yet given its full legal name." for x in p.partners
            if not x.legal_name]  # fmt: skip


def _addresses(p: Partnership) -> list[str]:
    return [f"{x.name} has not yet given an address for formal notices." for x in p.partners
            if not x.address]  # fmt: skip


def _signatories(p: Partnership) -> list[str]:
    return [f"{x.name} has not yet named who may sign for it." for x in p.partners
            if not x.signatory]  # fmt: skip


def stake(p: Partnership, pid: str) -> str:
    """`bears USD 36,000 of the costs`: why a partner's missing signature matters."""
    totals: dict[str | None, float] = {}
    for c in p.costs:
        if c.borne_by == pid and c.amount is not None:
            totals[c.currency] = totals.get(c.currency, 0) + c.amount
    if not totals:
        return ""
    return "bears " + " and ".join(_money(v, k) for k, v in totals.items()) + " of the costs"


def _money(amount: float, currency: str | None) -> str:
    value = int(amount) if float(amount).is_integer() else amount
    shown = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{currency} {shown}" if currency else f"{shown} (currency not stated)"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
