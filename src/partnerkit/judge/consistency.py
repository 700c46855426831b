"""Does the file agree with itself? Its sections read against each other (PK6xx).

One place answers it: the PK6xx rules report each contradiction at the value that
contradicts, naming the other place; readiness counts those that block signing, and
documents list them as open points. Worked out once per file, in time linear in its
size (every lookup goes through a dictionary built once).

Money and references are in `partnerkit.judge.money`; people and dates are here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from partnerkit.format.model import Partnership
from partnerkit.judge.clash import Clash, Loc
from partnerkit.judge.money import links, money_clashes, reference_clashes, schedule_clashes
from partnerkit.judge.names import matched, person_key, same_person

_LAST: list[tuple[Partnership, dict[str, list[Clash]]]] = []


def clashes(p: Partnership) -> dict[str, list[Clash]]:
    """Every contradiction of the file, by code (computed once per model)."""
    if _LAST and _LAST[0][0] is p:
        return _LAST[0][1]
    linked = links(p)
    by_code: dict[str, list[Clash]] = {}
    for found in (
        money_clashes(p, linked),
        schedule_clashes(p),
        people_clashes(p),
        signer_clashes(p),
        date_clashes(p),
        notice_clashes(p),
        reference_clashes(p, linked),
    ):
        for clash in found:
            by_code.setdefault(clash.code, []).append(clash)
    _LAST[:] = [(p, by_code)]
    return by_code


def blocking(p: Partnership) -> list[Clash]:
    """The contradictions to settle before signing, in the order of their codes."""
    found = clashes(p)
    return [c for code in sorted(found) for c in found[code] if c.blocks]


@dataclass(frozen=True, slots=True)
class _Named:
    """A person the file names for a partner, in some role, at some place."""

    name: str
    partner: str
    role: str
    loc: Loc


def _named(p: Partnership) -> Iterator[_Named]:
    """Everyone named for a partner, the partners' own entries first (they are the
    reference: a sponsor under the wrong partner is the one reported, not the signatory)."""
    for i, x in enumerate(p.partners):
        if x.signatory:
            yield _Named(x.signatory.name, x.id, "signatory", ("partners", i, "signatory", "name"))
    for i, x in enumerate(p.partners):
        if x.signed:
            yield _Named(x.signed.by, x.id, "signer", ("partners", i, "signed", "by"))
    for i, x in enumerate(p.partners):
        if x.spokesperson:
            loc: Loc = ("partners", i, "spokesperson", "name")
            yield _Named(x.spokesperson.name, x.id, "spokesperson", loc)
    g = p.governance
    for role in ("sponsor", "manager"):
        steward = getattr(g, role) if g else None
        if steward and steward.partner:
            yield _Named(steward.name, steward.partner, role, ("governance", role, "partner"))
    for k, a in enumerate(p.amendments):
        for pid, sig in a.signed.items():
            role = f"signer of the amendment of {a.date}"
            yield _Named(sig.by, pid, role, ("amendments", k, "signed", pid, "by"))


def people_clashes(p: Partnership) -> Iterator[Clash]:
    """A person named for one partner given under another (PK611)."""
    names = {x.id: x.name for x in p.partners}
    first: dict[str, _Named] = {}
    for n in _named(p):
        key = person_key(n.name)
        if not key:
            continue
        home = first.setdefault(key, n)
        if home.partner == n.partner:
            continue
        yield Clash("PK611", n.loc, (
            f"`{n.name}` is given here as the {n.role} for {names.get(n.partner, n.partner)}, "
            f"but `{home.name}` is the {home.role} of {names.get(home.partner, home.partner)} (",
            home.loc,
            f"){matched(home.name, n.name)}: one person does not act for two partners; "
            "name the right partner, or the right person",
        ), f"{n.name} is named as the {n.role} for {names.get(n.partner, n.partner)}, and "
           f"{home.name} as the {home.role} of {names.get(home.partner, home.partner)}: "
           "which organisation this person acts for is not yet settled.")  # fmt: skip


def signer_clashes(p: Partnership) -> Iterator[Clash]:
    """An amendment signed for a partner by someone other than its named signatory (PK612)."""
    where = {x.id: i for i, x in enumerate(p.partners)}
    for k, a in enumerate(p.amendments):
        for pid, sig in a.signed.items():
            if pid not in where:
                continue  # an unknown partner is PK201's
            i = where[pid]
            partner = p.partners[i]
            if partner.signatory is None or same_person(sig.by, partner.signatory.name):
                continue
            yield Clash("PK612", ("amendments", k, "signed", pid, "by"), (
                f"the amendment of {a.date} is signed for {partner.name} by {sig.by}, not by "
                f"its named signatory {partner.signatory.name} (",
                ("partners", i, "signatory", "name"),
                "): confirm their authority to sign, or have the signatory sign",
            ))  # fmt: skip


def _dated(p: Partnership) -> Iterator[tuple[Loc, dt.date, str]]:
    """Every date of a deliverable, a payment or a criterion, with what it is the date of."""
    for i, e in enumerate(p.expectations):
        if e.due:
            yield ("expectations", i, "due"), e.due, f"the deliverable `{e.deliverable}` is due"
    for i, x in enumerate(p.terms.payments if p.terms else []):
        if x.due:
            yield ("terms", "payments", i, "due"), x.due, f"the payment for `{x.for_}` is due"
    for i, c in enumerate(p.success.criteria if p.success else []):
        if c.by:
            yield ("success", "criteria", i, "by"), c.by, f"the criterion `{c.name}` is due"


def _plain(what: str) -> str:
    """`the deliverable `X` is due` → `The deliverable “X” is due`, for a document."""
    head, _, rest = what.partition("`")
    name, _, tail = rest.rpartition("`")
    return f"{head[:1].upper()}{head[1:]}“{name}”{tail}" if rest else what[:1].upper() + what[1:]


def renews(p: Partnership) -> bool:
    """The partnership goes on past its end: it is renewing, or renews by itself."""
    auto = bool(p.terms and p.terms.renewal and p.terms.renewal.automatic)
    return p.status == "renewing" or auto


def date_clashes(p: Partnership) -> Iterator[Clash]:
    """A deliverable, payment or criterion dated outside the period (PK621)."""
    if not p.period or (p.period.end and p.period.end < p.period.start):
        return  # no period, or a reversed one (PK204)
    end = p.period.end
    # Deliverables of an earlier term (`previous_terms`, written by `renew`) stay in the file.
    start = min([p.period.start, *(t.period.start for t in p.previous_terms)])
    if end is not None and renews(p):
        end = None  # what falls due after the end belongs to the renewed term
    for loc, day, what in _dated(p):
        if day < start:
            yield Clash("PK621", loc, (
                f"{what} {day}, before the partnership starts on {start} (",
                ("period", "start"),
                "): move the date into the period, or start the period earlier",
            ), f"{_plain(what)} {day}, before the partnership starts on {start}.")  # fmt: skip
        elif end is not None and day > end:
            yield Clash("PK621", loc, (
                f"{what} {day}, after the partnership ends on {end} (",
                ("period", "end"),
                "): move the date into the period, extend the period, or agree a renewal",
            ), f"{_plain(what)} {day}, after the partnership ends on {end}.")  # fmt: skip


def notice_clashes(p: Partnership) -> Iterator[Clash]:
    """A notice period longer than the whole term (PK622)."""
    if not (p.period and p.period.end and p.period.end >= p.period.start):
        return  # no end, or a reversed period (PK204)
    term = (p.period.end - p.period.start).days + 1
    notices: list[tuple[Loc, int | None, str]] = []
    if p.changes and p.changes.termination:
        n = p.changes.termination.notice_days
        notices.append((("changes", "termination", "notice_days"), n, "termination"))
    if p.terms and p.terms.renewal:
        n = p.terms.renewal.notice_days
        notices.append((("terms", "renewal", "notice_days"), n, "renewal"))
    for loc, days, what in notices:
        if days is not None and days > term:
            yield Clash("PK622", loc, (
                f"{days} days' notice of {what} is longer than the whole term of {term} days, "
                f"{p.period.start} to {p.period.end} (",
                ("period",),
                "): shorten the notice, or lengthen the term",
            ), f"The {days} days' notice of {what} is longer than the whole term, "
               f"{p.period.start} to {p.period.end}.")  # fmt: skip
