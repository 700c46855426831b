"""Return on investment as Jack Phillips defines it, from the file's own numbers.

    ROI (%) = (monetary benefits − fully loaded costs) ÷ fully loaded costs × 100
    benefit-cost ratio = monetary benefits ÷ fully loaded costs

It is someone's investment: the partners who bear the counted costs, against the
benefits that accrue to them (a benefit's `accrues_to`; without it, to them). Costs
are every cost in `costs` that was incurred (real ones, and intangible ones such as
staff time once valued in money); an incurred cost without an amount is named, and
the costs are then not called fully loaded. Possible costs are risks, not spending,
and stay out. Benefits are stated per year; `years` (default 1, Phillips's first
year) says how many years of them are counted, against one-off costs plus yearly
costs (`per: year`) over the same years. A number is called an ROI only when the
criterion says how the benefits were isolated from other causes (`isolation`), the
step Phillips insists on. The target is read in its unit: `ratio` is a benefit-cost
ratio, anything else a percentage. Amounts in different currencies are never summed;
an amount without a currency is taken to be in the one currency the others use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from partnerkit.format.model import Benefit, Criterion, Partnership

INCURRED = ("real", "intangible")
RATIO_UNITS = ("ratio", "bcr", "benefit-cost ratio", ":1", "x")


def is_ratio(unit: str | None) -> bool:
    """Whether an `roi` criterion's unit makes its values benefit-cost ratios."""
    return (unit or "").strip().lower() in RATIO_UNITS


@dataclass(frozen=True, slots=True)
class Roi:
    """The calculation and what went into it; `problem` says why there is no result."""

    costs: float = 0.0
    benefits: float = 0.0
    currency: str | None = None
    target: float | None = None  # the roi criterion's target, in its unit
    ratio_target: bool = False  # the target is a benefit-cost ratio, not a percentage
    criterion: str | None = None
    cost_items: list[tuple[str, float]] = field(default_factory=list)
    benefit_items: list[tuple[str, float]] = field(default_factory=list)
    problem: str | None = None
    mixed: tuple[str, ...] = ()  # the currencies, when more than one is used
    unpriced: tuple[str, ...] = ()  # incurred costs without an amount, left out
    investors: tuple[str, ...] = ()  # the partners bearing the counted costs
    unassigned: bool = False  # some counted cost is borne by no named partner
    others: tuple[str, ...] = ()  # benefits accruing to partners who bear no cost
    isolation: str | None = None
    years: float = 1.0

    @property
    def percent(self) -> float | None:
        if self.problem or not self.costs:
            return None
        return (self.benefits - self.costs) / self.costs * 100

    @property
    def ratio(self) -> float | None:
        if self.problem or not self.costs:
            return None
        return self.benefits / self.costs

    @property
    def isolated(self) -> bool:
        return bool(self.isolation and self.isolation.strip())

    @property
    def meets_target(self) -> bool | None:
        value = self.ratio if self.ratio_target else self.percent
        if value is None or self.target is None:
            return None
        return round(value, 2 if self.ratio_target else 1) >= self.target

    def value(self) -> float | None:
        """The result in the criterion's unit, rounded as it is recorded."""
        if self.ratio_target:
            return None if self.ratio is None else round(self.ratio, 2)
        return None if self.percent is None else round(self.percent, 1)

    def as_dict(self) -> dict[str, object]:
        pct, ratio = self.percent, self.ratio
        return {
            "criterion": self.criterion,
            "costs": self.costs,
            "benefits": self.benefits,
            "currency": self.currency,
            "years": self.years,
            "roi_percent": None if pct is None else round(pct, 1),
            "benefit_cost_ratio": None if ratio is None else round(ratio, 2),
            "target": self.target,
            "target_unit": "ratio" if self.ratio_target else "%",
            "target_percent": None if self.ratio_target else self.target,
            "meets_target": self.meets_target,
            "investors": list(self.investors),
            "costs_without_amount": list(self.unpriced),
            "isolation": self.isolation,
            "problem": self.problem,
        }

    def whose(self) -> str:
        """Whose investment this is, in words."""
        names = list(self.investors)
        if not names:
            return "The partnership's"
        if self.unassigned:
            names.append("partners the costs do not name")
        if len(names) == 1:
            return f"{names[0]}'s"
        return "The joint investment of " + ", ".join(names[:-1]) + " and " + names[-1]

    def summary(self) -> str:
        """One paragraph in plain words, for every view and document."""
        whose = self.whose()
        if self.problem:
            return f"{_subject(whose, 'return on investment')} is not calculated: {self.problem}."
        pct, ratio = self.percent, self.ratio
        assert pct is not None and ratio is not None
        unit = f" {self.currency}" if self.currency else ""
        span = "one year" if self.years == 1 else f"{self.years:g} years"
        same = "year" if self.years == 1 else span
        loaded = "fully loaded costs" if not self.unpriced else "costs"
        money = (f"benefits of {self.benefits:,.0f}{unit} over {span} against {loaded} of "
                 f"{self.costs:,.0f}{unit} over the same {same}")  # fmt: skip
        if self.isolated and self.ratio_target:  # the figure the target is in comes first
            text = (f"{_subject(whose, 'benefit-cost ratio')} is {ratio:.2f}:1 ({money}; "
                    f"return on investment {pct:.1f}%)")  # fmt: skip
        elif self.isolated:
            text = (f"{_subject(whose, 'return on investment')} is {pct:.1f}% ({money}; "
                    f"benefit-cost ratio {ratio:.2f}:1)")  # fmt: skip
        else:
            text = (f"{_subject(whose, 'benefit-cost ratio')} is {ratio:.2f}:1 ({money}). It is "
                    "not yet a return on investment: the record does not say how the benefits "
                    "were isolated from other causes")  # fmt: skip
        if self.target is not None:
            goal = f"{self.target:g}:1" if self.ratio_target else f"{self.target:g}%"
            text += f"; target {goal}, {'met' if self.meets_target else 'not met'}"
        text += "."
        if self.isolated:
            text += f" How the benefits were isolated from other causes: {self.isolation}."
        if self.unpriced:
            text += f" Left out because no amount is given: {', '.join(self.unpriced)}."
        if self.others:
            others = ", ".join(self.others)
            text += f" Not counted, as they accrue to partners bearing no cost: {others}."
        return text


def _subject(whose: str, noun: str) -> str:
    return f"{whose} {noun}" if whose.endswith("'s") else f"{whose}: the {noun}"


def roi_of(p: Partnership) -> Roi | None:
    """The ROI of a partnership that claims one (an `roi` criterion), else None."""
    criteria = [c for c in (p.success.criteria if p.success else []) if c.level == "roi"]
    if not criteria:
        return None
    first = criteria[0]
    years = float(first.years or 1)
    names = {x.id: x.name for x in p.partners}
    incurred = [c for c in p.costs if c.type in INCURRED]
    counted = [c for c in incurred if c.amount is not None]
    bearers = {c.borne_by for c in counted if c.borne_by}
    costs = [(c.item, c.amount * (years if c.per == "year" else 1), c.currency)
             for c in counted if c.amount is not None]  # fmt: skip
    mine, others = _benefits(criteria, bearers)
    benefits = [(b.item, b.amount * years, b.currency) for b in mine]
    base = Roi(
        target=next((c.target for c in criteria if c.target is not None), None),
        ratio_target=is_ratio(first.unit),
        criterion=first.name,
        cost_items=[(i, a) for i, a, _ in costs],
        benefit_items=[(i, a) for i, a, _ in benefits],
        unpriced=tuple(c.item for c in incurred if c.amount is None),
        investors=tuple(name for key, name in names.items() if key in bearers),
        unassigned=any(c.borne_by is None for c in counted),
        others=tuple(b.item for b in others),
        isolation=first.isolation,
        years=years,
    )
    currencies = sorted({cur for _, _, cur in [*costs, *benefits] if cur})
    if len(currencies) > 1:
        problem = (
            f"costs and benefits are in {' and '.join(currencies)}; state them in one currency "
            "(convert at a stated rate), as amounts in different currencies are never added up"
        )
        return replace(base, mixed=tuple(currencies), problem=problem)
    if not costs:
        problem = (
            "no cost has an amount; a return on investment needs the fully loaded costs "
            "(real costs, and staff time valued in money)"
        )
        return replace(base, problem=problem)
    if not benefits:
        return replace(base, problem=f"“{first.name}” lists no benefits converted to money")
    return replace(
        base,
        costs=sum(a for _, a, _ in costs),
        benefits=sum(a for _, a, _ in benefits),
        currency=currencies[0] if currencies else None,
    )


def _benefits(criteria: list[Criterion], bearers: set[str]) -> tuple[list[Benefit], list[Benefit]]:
    """The benefits accruing to the partners bearing the costs, and those that do not."""
    every = [b for c in criteria for b in c.benefits]
    if not bearers:
        return every, []
    ours = [b.accrues_to is None or b.accrues_to in bearers for b in every]
    return [b for b, o in zip(every, ours, strict=True) if o], [
        b for b, o in zip(every, ours, strict=True) if not o
    ]
