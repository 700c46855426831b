"""PK6xx: the file agrees with itself — sections read against each other.

The checks live in `partnerkit.judge.consistency` (shared with readiness and documents);
each rule here reports one of them at the value that contradicts, naming the other
place by its line. PK601–PK603, PK611, PK621 and PK622 block signing: they count
against readiness and documents list them as open points. All are warnings, so that a
document can still be drafted to settle them.
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.judge.consistency import clashes

W = Severity.WARNING


def _hits(ctx: Context, code: str) -> Iterator[Hit]:
    for clash in clashes(ctx.model).get(code, ()):
        yield Hit(clash.loc, clash.message(ctx.where), on_value=True)


@rule("PK601", "payee-bears-cost", W, "A payment for a cost that its payee bears")
def payee_bears_cost(ctx: Context) -> Iterator[Hit]:
    """A payment in `terms.payments` pays a partner for a cost that `costs` says that
    same partner bears. A reader cannot tell who bears it: the payer (as the schedule
    says) or the payee (as the costs say). Blocks signing: counts against readiness and
    is an open point in documents.

    Bad:  the cost `Workshop facilitation` is borne by the school, and the schedule has
          the hospital pay the school for it.
    Good: the cost is borne by the hospital, which pays the school; or the school bears
          it and no payment is made for it.
    """
    yield from _hits(ctx, "PK601")


@rule("PK602", "payments-do-not-add-up", W, "Payments for a cost add up to another amount")
def payments_do_not_add_up(ctx: Context) -> Iterator[Hit]:
    """The payments for one cost (those whose `for` names it) add up to more than its
    `amount`, or, for a real cost, to less. Payments in another currency than the cost
    are left out of the sum (PK603 reports them). Blocks signing.

    Bad:  the cost `Provider fees` is USD 48,000 and its three payments add up to
          USD 54,000.
    Good: the payments add up to USD 48,000, or the cost says what it really is.
    """
    yield from _hits(ctx, "PK602")


@rule("PK603", "payment-currency-differs", W, "A payment in another currency than its cost")
def payment_currency_differs(ctx: Context) -> Iterator[Hit]:
    """A payment names a currency other than the currency of the cost it pays for, so
    the amounts cannot be compared and the partners may expect different sums. Blocks
    signing.

    Bad:  the cost is in USD and the payment for it in EUR.
    Good: both in USD, or the cost stated in EUR.
    """
    yield from _hits(ctx, "PK603")


@rule("PK604", "payments-stop-early", W, "The payments stop long before the term ends")
def payments_stop_early(ctx: Context) -> Iterator[Hit]:
    """The last payment of the schedule falls due more than six months before
    `period.end` while a real cost recurs. A cost recurs when its `item` or `note`
    names a rhythm: "per term", "two each semester", "every year", "a month",
    "annual", "monthly", "quarterly", "recurring", "ongoing". The rest of the term
    is then unpriced. A warning: the rhythm is read from the wording.

    Bad:  the term runs to January 2028, the workshops cost money "two per term", and
          the last payment is due in September 2026.
    Good: payments scheduled through the term, or a note saying why none are due.
    """
    yield from _hits(ctx, "PK604")


@rule("PK611", "person-for-two-partners", W, "One person is named for two partners")
def person_for_two_partners(ctx: Context) -> Iterator[Hit]:
    """A person named for one partner (as signatory, signer, spokesperson, sponsor or
    manager) is given under another partner elsewhere in the file, so a document would
    say that they act for the wrong organisation. Names are compared without titles
    (Dr., Prof., Mr., Ms., Mrs., Mx.), case and spacing, and the message says which
    two spellings were matched. The partners' own entries are taken as right; the
    other place is reported. Blocks signing.

    Bad:  Dr. Helen Okafor signs for the school, and `governance.sponsor` gives
          `Helen Okafor` with `partner:` the hospital.
    Good: the sponsor given with `partner:` the school, or the hospital's own sponsor.
    """
    yield from _hits(ctx, "PK611")


@rule("PK612", "amendment-signed-by-someone-else", W, "An amendment signed by someone else")
def amendment_signed_by_someone_else(ctx: Context) -> Iterator[Hit]:
    """An amendment is signed for a partner by someone other than the partner's named
    `signatory`, who may not have the authority to commit it (PK423 asks the same of
    the agreement's own signatures). Names are compared without titles, case and
    spacing.

    Bad:  `signatory: {name: Lee Park}` and the amendment `signed: {riverside: {by: Dana Ortiz}}`.
    Good: signed by Lee Park, or `signatory` naming the person who now signs.
    """
    yield from _hits(ctx, "PK612")


@rule("PK621", "date-outside-period", W, "A deliverable, payment or criterion outside the period")
def date_outside_period(ctx: Context) -> Iterator[Hit]:
    """A deliverable's `due`, a payment's `due` or a criterion's `by` falls before
    `period.start` (or before the first of the `previous_terms`, whose dates stay in the
    file after a renewal), or after `period.end` where the partnership is not renewing
    (`status: renewing`, or `terms.renewal.automatic: true`). An obligation outside
    the term binds nobody, or outlives the agreement. Blocks signing.

    Bad:  the period ends on 31 January 2028 and the final report is due in March 2028.
    Good: the report due by 31 January 2028, or the period extended.
    """
    yield from _hits(ctx, "PK621")


@rule("PK622", "notice-longer-than-term", W, "A notice period longer than the term")
def notice_longer_than_term(ctx: Context) -> Iterator[Hit]:
    """`changes.termination.notice_days` or `terms.renewal.notice_days` is longer than the
    whole period, start to end: notice could never be given in time. Blocks signing.

    Bad:  a six-month term with 365 days' notice of termination.
    Good: 60 days' notice, or a longer term.
    """
    yield from _hits(ctx, "PK622")


@rule("PK631", "payment-for-nothing", W, "A payment for something the file does not name")
def payment_for_nothing(ctx: Context) -> Iterator[Hit]:
    """A payment's `for` names no cost (`costs[].item`) and no deliverable
    (`expectations[].deliverable` or its `id`), so nobody can tell what it pays for or
    check it against a cost. Names are compared without case, spacing or punctuation,
    and one may contain the other: `Design and facilitation fees for the online
    modules` pays for the cost `Design and facilitation fees`.

    Bad:  `for: Year one coaching` with no cost or deliverable of that name.
    Good: `for: Provider fees for year one`, with the cost `Provider fees`.
    """
    yield from _hits(ctx, "PK631")
