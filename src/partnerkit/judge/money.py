"""The payment schedule read against the costs, the deliverables and the term (PK60x, PK631).

A payment names what it pays for in `for`. It refers to a cost (`costs[].item`) or a
deliverable (`expectations[].deliverable`, or its `id`) when, compared without case,
spacing or punctuation, one of the two names contains the other as whole words:
`Design and facilitation fees for the online modules` pays for the cost `Design and
facilitation fees`; `Online modules` for the deliverable `Twelve online modules live in
the LMS`. A cost named inside `for` is preferred to a deliverable, and a longer name
to a shorter one.
Every name is indexed once per file, so linking costs time linear in the file's size.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from partnerkit.format.model import Partnership
from partnerkit.judge.clash import Clash, amount
from partnerkit.judge.names import text_key

MAX_PHRASE = 16
"""Names are matched inside one another up to this many words; longer ones only whole."""
EARLY_MONTHS = 6
"""A schedule that stops more than this many months before the term ends (PK604)."""

RECURS = re.compile(
    r"\b(?:per|a|an|each|every)\s+(?:academic\s+|school\s+|calendar\s+)?"
    r"(?:term|semester|year|month|quarter|week|cohort|intake|rotation)s?\b"
    r"|\b(?:annual(?:ly)?|yearly|monthly|quarterly|weekly|termly|recurring|ongoing)\b",
    re.I,
)
"""A real cost recurs when its `item` or `note` names a rhythm: `two per term`, `each
semester`, `annual licence`, `monthly`, `recurring`, `ongoing`."""


class Link(NamedTuple):
    """What a payment pays for: a cost or a deliverable, by its index."""

    section: str  # "costs" or "expectations"
    number: int  # its index in `costs` or `expectations`


class _Index:
    """Every name (and every phrase of it) of the costs and deliverables, looked up in O(1)."""

    def __init__(self, p: Partnership) -> None:
        self.whole: dict[str, Link] = {}
        self._phrases: dict[str, Link] | None = None  # built only when a `for` needs it
        self.ids = {e.id: Link("expectations", i) for i, e in enumerate(p.expectations) if e.id}
        self.named: list[tuple[list[str], Link]] = []
        for section, i, name in [
            *(("costs", i, c.item) for i, c in enumerate(p.costs)),
            *(("expectations", i, e.deliverable) for i, e in enumerate(p.expectations)),
        ]:
            words = text_key(name).split()[: 4 * MAX_PHRASE]
            if words:
                link = Link(section, i)
                self.named.append((words, link))
                self.whole.setdefault(" ".join(words), link)

    @property
    def phrases(self) -> dict[str, Link]:
        """Every run of up to `MAX_PHRASE` words of every name, to find a `for` inside one."""
        if self._phrases is None:
            self._phrases = {}
            for words, link in self.named:
                for size in range(1, min(len(words), MAX_PHRASE) + 1):
                    for start in range(len(words) - size + 1):
                        self._phrases.setdefault(" ".join(words[start : start + size]), link)
        return self._phrases

    def link(self, text: str) -> Link | None:
        """The cost or deliverable a payment's `for` names, or None."""
        if text in self.ids:
            return self.ids[text]
        words = text_key(text).split()
        key = " ".join(words)
        if key in self.whole:
            return self.whole[key]
        deliverable = None
        for size in range(min(len(words), MAX_PHRASE), 0, -1):  # a name inside `for`
            for start in range(len(words) - size + 1):
                found = self.whole.get(" ".join(words[start : start + size]))
                if found and found.section == "costs":
                    return found
                deliverable = deliverable or found
        if deliverable:
            return deliverable
        return self.phrases.get(key) if len(words) <= MAX_PHRASE else None  # `for` inside a name


def links(p: Partnership) -> list[Link | None]:
    """For each payment of the schedule, what it pays for."""
    payments = p.terms.payments if p.terms else []
    if not payments:
        return []
    index = _Index(p)
    return [index.link(x.for_) for x in payments]


def money_clashes(p: Partnership, linked: list[Link | None]) -> Iterator[Clash]:
    """Payments against the cost they pay for: who bears it, its currency, its amount."""
    payments = p.terms.payments if p.terms else []
    names = {x.id: x.name for x in p.partners}
    per_cost: dict[int, list[int]] = {}
    for i, (pay, link) in enumerate(zip(payments, linked, strict=True)):
        if link is None or link.section != "costs":
            continue
        j, cost = link.number, p.costs[link.number]
        if pay.payee and cost.borne_by == pay.payee and pay.payer != pay.payee:
            payee = names.get(pay.payee, pay.payee)
            by = names.get(pay.payer, pay.payer) if pay.payer else "a partner"
            payer = f"{by} pays" if pay.payer else "the payment goes to"
            yield Clash("PK601", ("terms", "payments", i, "payee"), (
                f"{payer} {payee} for `{cost.item}`, yet `costs` says {payee} bears that cost (",
                ("costs", j, "borne_by"),
                "): say who bears it, in `costs` or in the payment",
            ), f"The payment schedule has {by} pay {payee} for “{pay.for_}”, while the costs say "
               f"that {payee} bears “{cost.item}”: who bears it is not yet settled.")  # fmt: skip
        if pay.currency and cost.currency and pay.currency != cost.currency:
            yield Clash("PK603", ("terms", "payments", i, "currency"), (
                f"this payment for `{cost.item}` is in {pay.currency}, but the cost is in "
                f"{cost.currency} (",
                ("costs", j, "currency"),
                "): pay in the cost's currency, or state the cost in the payment's",
            ), f"A payment for “{cost.item}” is in {pay.currency}, while the cost is stated in "
               f"{cost.currency}.")  # fmt: skip
            continue
        per_cost.setdefault(j, []).append(i)
    for j, paid in per_cost.items():
        cost = p.costs[j]
        if cost.amount is None:
            continue
        total = sum(payments[i].amount for i in paid)
        over = total > cost.amount + 0.005
        if over or (cost.type == "real" and total < cost.amount - 0.005):
            n = len(paid)
            what, first, come = (
                (f"the {n} payments", "the first on ", "add up to") if n > 1
                else ("the payment", "", "comes to")
            )  # fmt: skip
            more = "more" if over else "less"
            yield Clash("PK602", ("costs", j, "amount"), (
                f"{what} for `{cost.item}` in `terms.payments` ({first}",
                ("terms", "payments", paid[0]),
                f") {come} {amount(total, cost.currency)}, {more} than this cost's "
                f"{amount(cost.amount, cost.currency)}: make the schedule and the cost agree",
            ), f"{what[:1].upper()}{what[1:]} for “{cost.item}” {come} "
               f"{amount(total, cost.currency)}, {more} than its cost of "
               f"{amount(cost.amount, cost.currency)}.")  # fmt: skip


def schedule_clashes(p: Partnership) -> Iterator[Clash]:
    """A schedule that stops more than six months before the term ends while costs recur."""
    payments = p.terms.payments if p.terms else []
    if not (p.period and p.period.end and payments):
        return
    dues = [(x.due, i) for i, x in enumerate(payments) if x.due]
    if not dues:
        return
    last, i = max(dues)
    if add_months(last, EARLY_MONTHS) >= p.period.end:
        return
    for j, cost in enumerate(p.costs):
        if cost.type == "real" and RECURS.search(f"{cost.item} {cost.note or ''}"):
            yield Clash("PK604", ("terms", "payments", i, "due"), (
                f"the last payment is due {last}, more than {EARLY_MONTHS} months before the "
                f"term ends on {p.period.end} (",
                ("period", "end"),
                f"), yet `{cost.item}` recurs (",
                ("costs", j),
                "): schedule the payments for the rest of the term, or say why none are due",
            ))  # fmt: skip
            return


def reference_clashes(p: Partnership, linked: list[Link | None]) -> Iterator[Clash]:
    """Payments whose `for` names no cost and no deliverable of the file."""
    payments = p.terms.payments if p.terms else []
    for i, (pay, link) in enumerate(zip(payments, linked, strict=True)):
        if link is None:
            yield Clash("PK631", ("terms", "payments", i, "for"), (
                f"this payment is for `{pay.for_}`, which names no cost in `costs` and no "
                "deliverable in `expectations`: name the cost or deliverable it pays for, "
                "as it is written there",
            ))  # fmt: skip


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if year > dt.MAXYEAR:
        return dt.date.max
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
