"""Return on investment as Jack Phillips defines it, from the file's own numbers.

    ROI (%) = (monetary benefits − fully loaded costs) ÷ fully loaded costs × 100
    benefit-cost ratio = monetary benefits ÷ fully loaded costs

Fully loaded costs are every cost in `costs` that carries an amount and was incurred:
real costs, and intangible ones (staff time) once someone has put a money value on
them. Possible costs are risks, not spending, and stay out. Monetary benefits are the
`benefits` of the criteria at the `roi` level: already converted to money and isolated
from other causes, as Phillips requires. Amounts in different currencies are never
summed: the calculation is refused with the currencies named. An amount without a
currency is taken to be in the one currency the others use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partnerkit.format.model import Partnership

INCURRED = ("real", "intangible")


@dataclass(frozen=True, slots=True)
class Roi:
    """The calculation and what went into it; `problem` says why there is no result."""

    costs: float = 0.0
    benefits: float = 0.0
    currency: str | None = None
    target: float | None = None  # the roi criterion's target, in percent
    criterion: str | None = None
    cost_items: list[tuple[str, float]] = field(default_factory=list)
    benefit_items: list[tuple[str, float]] = field(default_factory=list)
    problem: str | None = None
    mixed: tuple[str, ...] = ()  # the currencies, when more than one is used

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
    def meets_target(self) -> bool | None:
        pct = self.percent
        return None if pct is None or self.target is None else pct >= self.target

    def as_dict(self) -> dict[str, object]:
        pct, ratio = self.percent, self.ratio
        return {
            "criterion": self.criterion,
            "costs": self.costs,
            "benefits": self.benefits,
            "currency": self.currency,
            "roi_percent": None if pct is None else round(pct, 1),
            "benefit_cost_ratio": None if ratio is None else round(ratio, 2),
            "target_percent": self.target,
            "meets_target": self.meets_target,
            "problem": self.problem,
        }

    def summary(self) -> str:
        """One line in plain words, for every view."""
        if self.problem:
            return f"ROI not calculated: {self.problem}"
        pct, ratio = self.percent, self.ratio
        assert pct is not None and ratio is not None
        unit = f" {self.currency}" if self.currency else ""
        text = (f"ROI {pct:.1f}%: benefits of {self.benefits:,.0f}{unit} against fully loaded "
                f"costs of {self.costs:,.0f}{unit}; benefit-cost ratio {ratio:.2f}:1")  # fmt: skip
        if self.target is not None:
            verdict = "met" if self.meets_target else "not met"
            text += f"; target {self.target:g}%, {verdict}"
        return text


def roi_of(p: Partnership) -> Roi | None:
    """The ROI of a partnership that claims one (an `roi` criterion), else None."""
    criteria = [c for c in (p.success.criteria if p.success else []) if c.level == "roi"]
    if not criteria:
        return None
    target = next((c.target for c in criteria if c.target is not None), None)
    name = criteria[0].name
    costs = [(c.item, c.amount, c.currency) for c in p.costs
             if c.type in INCURRED and c.amount is not None]  # fmt: skip
    benefits = [(b.item, b.amount, b.currency) for c in criteria for b in c.benefits]
    base = Roi(target=target, criterion=name,
               cost_items=[(i, a) for i, a, _ in costs],
               benefit_items=[(i, a) for i, a, _ in benefits])  # fmt: skip
    currencies = sorted({cur for _, _, cur in [*costs, *benefits] if cur})
    if len(currencies) > 1:
        return _with(base, f"costs and benefits are in {' and '.join(currencies)}; state them "
                     "in one currency (convert at a stated rate) — amounts in different "
                     "currencies are never added up", currencies)  # fmt: skip
    if not costs:
        return _with(base, "no cost has an amount; ROI needs the fully loaded costs (real "
                     "costs, and staff time valued in money)")  # fmt: skip
    if not benefits:
        return _with(base, f"“{name}” lists no benefits converted to money")
    return Roi(
        costs=sum(a for _, a, _ in costs),
        benefits=sum(a for _, a, _ in benefits),
        currency=currencies[0] if currencies else None,
        target=target,
        criterion=name,
        cost_items=base.cost_items,
        benefit_items=base.benefit_items,
    )


def _with(base: Roi, problem: str, mixed: list[str] | None = None) -> Roi:
    return Roi(target=base.target, criterion=base.criterion, cost_items=base.cost_items,
               benefit_items=base.benefit_items, problem=problem,
               mixed=tuple(mixed or ()))  # fmt: skip
