"""PK52x: after signature: unsigned changes, unsigned amendments, lapsed renewals.

Warnings by default: a partnership in the middle of an amendment is a normal state,
and `partnerkit amend` must be able to edit the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.thresholds import SHORTEST_TERM_DAYS, shift
from partnerkit.history.fingerprint import current_amendments, fingerprint, signed_fingerprints

W = Severity.WARNING


@rule("PK520", "changed-after-signature", W, "Agreed content changed since it was signed")
def changed_after_signature(ctx: Context) -> Iterator[Hit]:
    """A partner signed the agreement (or its latest amendment) with a terms fingerprint,
    and the agreed content no longer matches it: something the partners agreed was edited
    without a signed amendment. `partnerkit diff FILE --since signed` shows what; record it
    with `partnerkit amend FILE --summary "..."` and have every partner `partnerkit sign`
    it, or undo the edit. In a git repository `check` names the changed sections.

    Bad:  `signed: {by: Sam Reyes, date: 2026-01-12, terms: 3f9c2a41d0e7}` and a cost
          raised since, with no amendment.
    Good: an amendment naming `costs`, signed by every partner.
    """

    signed = {pid: t for pid, t in signed_fingerprints(ctx.model).items() if t is not None}
    if not signed:  # nothing to compare with: spare every unsigned file the fingerprint
        return
    current = fingerprint(ctx.model)
    where = _signature_locations(ctx)
    for pid, terms in signed.items():
        if terms != current:
            yield Hit(
                where[pid],
                f"{pid} signed terms {terms}, but the agreed content is now {current}: record "
                "the change with `partnerkit amend` and sign it, or undo it "
                "(`partnerkit diff FILE --since signed` shows what changed)",
                on_value=True,
            )


def _signature_locations(ctx: Context) -> dict[str, tuple[str | int, ...]]:
    """Where each partner's latest signature's `terms` is written."""
    where: dict[str, tuple[str | int, ...]] = {}
    for i, partner in enumerate(ctx.model.partners):
        if partner.signed is not None:
            where[partner.id] = ("partners", i, "signed", "terms")

    for n, amendment in current_amendments(ctx.model):
        for pid in amendment.signed:
            where[pid] = ("amendments", n, "signed", pid, "terms")
    return where


@rule("PK521", "amendment-unsigned", W, "An amendment is not signed by every partner")
def amendment_unsigned(ctx: Context) -> Iterator[Hit]:
    """An amendment binds only when every partner has signed it. Have the missing partners
    sign it (`partnerkit sign FILE --partner ID --by NAME`), or remove the amendment if it
    was abandoned.

    Bad:  `signed: {riverside: {by: Maria Chen, date: 2026-06-03}}` with two partners.
    Good: `signed:` holding a signature of every partner id.
    """

    ids = ctx.model.partner_ids()
    for n, amendment in current_amendments(ctx.model):
        missing = [pid for pid in ids if pid not in amendment.signed]
        if missing:
            yield Hit(
                ("amendments", n),
                f"the amendment of {amendment.date} is not signed by {', '.join(missing)}: "
                "it binds once every partner has signed it (`partnerkit sign`)",
            )


@rule("PK522", "renewal-lapsed", W, "The period passed without a renewal")
def renewal_lapsed(ctx: Context) -> Iterator[Hit]:
    """The period has ended while the partnership is `renewing` (the renewal was never
    completed), or it renews automatically and the file still shows the old period (it
    renewed, but the file was not updated). Run `partnerkit renew FILE --until DATE` and
    sign the new term, or set `status: ended`.

    Bad:  `status: renewing` with `period.end: 2026-01-14`, on 2026-03-01.
    Good: a new period from `partnerkit renew`, signed by every partner.
    """
    p = ctx.model
    if p.period is None or p.period.end is None or p.period.end >= ctx.today:
        return
    automatic = bool(p.terms and p.terms.renewal and p.terms.renewal.automatic)
    if p.status == "renewing":
        yield Hit(
            ("period", "end"),
            f"the period ended on {p.period.end} and the renewal was never completed: run "
            "`partnerkit renew FILE --until DATE` and sign it, or set `status: ended`",
            on_value=True,
        )
    elif automatic and p.status not in ("ended", "exploring", "proposed"):
        yield Hit(
            ("period", "end"),
            f"the period ended on {p.period.end} and the agreement renews automatically: "
            "record the new term with `partnerkit renew FILE --until DATE`",
            on_value=True,
        )


@rule("PK523", "signature-before-period", W, "A signature belongs to an earlier term")
def signature_before_period(ctx: Context) -> Iterator[Hit]:
    """A partner's signature is no newer than the previous term (dated on or before that
    term's start, or no later than that partner's signature of it), or, with no previous
    term recorded, it is dated more than a whole term (at least a year) before the current
    period began: it signs an old term, not the current one. Sign the current term
    (`partnerkit sign`); `partnerkit renew` moves old signatures to `previous_terms`.

    Bad:  `signed: {by: Dana Ortiz, date: 2024-01-08}` for a term that began in 2026.
    Good: a signature dated for the current term.
    """
    for i, partner in enumerate(ctx.model.partners):
        if partner.signed is not None and (began := _older_term(ctx, partner.id)):
            yield Hit(
                ("partners", i, "signed", "date"),
                f"{partner.id}'s signature of {partner.signed.date} belongs to the term that "
                f"began {began}: sign the current term (`partnerkit sign`)",
                on_value=True,
            )


def _older_term(ctx: Context, partner_id: str) -> dt.date | None:
    """The start of the earlier term a partner's signature belongs to, if it does."""
    model = ctx.model
    signed = next(p.signed for p in model.partners if p.id == partner_id)
    assert signed is not None
    if model.previous_terms:
        last = model.previous_terms[-1]
        old = last.signed.get(partner_id)
        if signed.date <= last.period.start or (old is not None and signed.date <= old.date):
            return last.period.start
        return None
    period = model.period
    if period is None:
        return None
    term = dt.timedelta(days=SHORTEST_TERM_DAYS)
    if period.end is not None and period.end > period.start:
        term = max(term, period.end - period.start)
    if signed.date < shift(period.start, -term.days):
        return shift(period.start, -term.days)
    return None


@rule("PK524", "status-behind-record", W, "The status contradicts the signatures or the period")
def status_behind_record(ctx: Context) -> Iterator[Hit]:
    """The status should follow the record: once every partner has signed the current
    terms, a `proposed` (or `renewing`) partnership is `active`, and documents stop
    saying the partners are still deciding; a partnership not yet signed whose period
    has ended was never started. `partnerkit sign` moves the status when the last
    partner signs.

    Bad:  `status: proposed` and every partner's `signed` carries the current terms.
    Good: `status: active`.
    """
    p = ctx.model
    if p.status in ("exploring", "proposed", "renewing") and all(x.signed for x in p.partners):
        current = fingerprint(p)
        legacy = p.status != "renewing"  # an old signature without terms counts, except
        # while renewing, when it may be the previous term's
        if all(x.signed and (x.signed.terms == current or (legacy and x.signed.terms is None))
               for x in p.partners):  # fmt: skip
            yield Hit(
                ("status",),
                f"every partner has signed the current terms ({current}), but the status is "
                f"still `{p.status}`: set `status: active`",
                on_value=True,
            )
            return
    end = p.period.end if p.period else None
    if p.status in ("exploring", "proposed") and end and end < ctx.today:
        yield Hit(
            ("status",),
            f"the period ended on {end} but the status is still `{p.status}`: "
            "set `status: ended`, or give the period new dates",
            on_value=True,
        )
