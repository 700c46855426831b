"""PK440–PK449: the evaluation cycle — wins recorded, ROI that can stand up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.thresholds import WINS_WINDOW_DAYS
from partnerkit.judge.roi import roi_of

W = Severity.WARNING
YEAR = dt.timedelta(days=WINS_WINDOW_DAYS)


@rule("PK440", "no-recent-wins", W, "Reviews, but no win recorded for a year")
def no_recent_wins(ctx: Context) -> Iterator[Hit]:
    """Small wins, recorded and celebrated, are what keep partners invested. Reported
    when reviews have been held for more than a year and none in the last year
    recorded a win. Ended partnerships are not reported.

    Bad:  a year of reviews with `concerns` and `adjustments` only.
    Good: `wins: [First cohort completed on time]` at the latest review.
    """
    r = ctx.model.reviews
    if not r or not r.history or ctx.model.status == "ended":
        return
    first = min(x.date for x in r.history)
    wins = [x.date for x in r.history if x.wins]
    if ctx.today - first <= YEAR or (wins and ctx.today - max(wins) <= YEAR):
        return
    since = f"since {max(wins)}" if wins else "at any review"
    yield Hit(
        ("reviews", "history"),
        f"no win recorded {since}: ask the partners what went well and record it in `wins`",
    )


def _roi_criterion(ctx: Context) -> int | None:
    s = ctx.model.success
    return next((i for i, c in enumerate(s.criteria) if c.level == "roi"), None) if s else None


@rule("PK441", "roi-without-costs", W, "ROI is claimed but no cost has an amount")
def roi_without_costs(ctx: Context) -> Iterator[Hit]:
    """Return on investment compares money gained with money spent: (benefits − fully
    loaded costs) ÷ costs × 100. A criterion at the `roi` level needs `costs` with
    amounts (real costs, and intangible ones such as staff time once valued).

    Bad:  `level: roi` and `costs: [{item: Staff time, type: intangible}]`.
    Good: `costs: [{item: Staff time, type: intangible, amount: 18000, currency: USD}]`
    """
    i = _roi_criterion(ctx)
    if i is None:
        return
    if not any(c.amount for c in ctx.model.costs if c.type in ("real", "intangible")):
        yield Hit(
            ("success", "criteria", i),
            "this criterion claims a return on investment but no cost has an `amount`: "
            "add the fully loaded costs (real, and staff time valued in money)",
        )


@rule("PK442", "roi-currency-mix", W, "Costs and ROI benefits are in different currencies")
def roi_currency_mix(ctx: Context) -> Iterator[Hit]:
    """ROI adds up costs and benefits; amounts in different currencies cannot be added
    without a stated exchange rate, so partnerkit refuses to compute it. State every
    amount in one currency (and note the rate used in `note`).

    Bad:  costs in USD, a benefit in EUR.
    Good: every amount in USD, with `note: converted at 1.08 USD/EUR on 2026-06-30`.
    """
    i = _roi_criterion(ctx)
    if i is None:
        return

    result = roi_of(ctx.model)
    if result and result.mixed:
        yield Hit(("success", "criteria", i), f"ROI is not calculated: {result.problem}")


@rule("PK443", "roi-not-isolated", W, "ROI benefits without how they were isolated")
def roi_not_isolated(ctx: Context) -> Iterator[Hit]:
    """Phillips insists on isolating the programme's effect: of the money a benefit is
    worth, only the part the partnership caused counts. Until the `roi` criterion says
    how its benefits were isolated (a control group, a trend line, estimates adjusted
    for confidence), partnerkit shows a benefit-cost ratio and does not call it an ROI.

    Bad:  `level: roi` with `benefits`, and no `isolation`.
    Good: `isolation: Compared with last year's cohort on the same wards`
    """
    i = _roi_criterion(ctx)
    if i is None:
        return
    criterion = ctx.model.success.criteria[i] if ctx.model.success else None
    if criterion and criterion.benefits and not (criterion.isolation or "").strip():
        yield Hit(
            ("success", "criteria", i),
            "the benefits are not isolated from other causes, so this is not yet an ROI: "
            "say how in `isolation` (a control group, a trend line, estimates adjusted "
            "for confidence)",
        )
