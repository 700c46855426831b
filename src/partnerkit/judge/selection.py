"""Choosing a partner: the weighted comparison of the candidates in a file.

Pure data in, pure data out (no Rich, no Jinja): `partnerkit assess` prints it, the
`assessment` template renders it for a selection panel, `choose` records from it.

Each criterion's weight is taken as a share of all the weights (so weights that do
not sum to 100 still compare fairly; PK450 says they should). A candidate's score on
a criterion (1–5) earns `share × (score − 1) ÷ 4` of 100 points: the lowest score earns
nothing, 3 earns half, 5 all of it; a criterion it was not scored on earns nothing
and is listed as unscored. The sensitivity check moves one weight at a time by ±10
points and keeps it there, rescaling the others to keep 100, as the README states;
the break-even of a criterion is the weight (the others rescaled the same way) at
which someone else would come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from partnerkit.format.model import Candidate, CandidateCriterion, Candidates

SENSITIVITY_STEP = 10.0
MAX_SCORE = 5


@dataclass(frozen=True)
class Standing:
    """One candidate's place in the comparison."""

    candidate: Candidate
    total: float  # weighted total out of 100
    rank: int  # 1 is best; equal totals share a rank
    points: dict[str, float]  # weighted points per criterion name
    unscored: list[str]  # criteria it has no score for
    leads: str | None  # the criterion where it is furthest ahead of the others
    lags: str | None  # the criterion where it is furthest behind

    @property
    def id(self) -> str:
        return self.candidate.id

    @property
    def name(self) -> str:
        return self.candidate.name


@dataclass(frozen=True)
class Shift:
    """A ±10-point change of one weight that changes who comes first."""

    criterion: str
    change: float  # +10 or -10
    winners: list[str]  # candidate names first after the change (two or more: a tie)


@dataclass(frozen=True)
class BreakEven:
    """The weight of one criterion at which the winner changes (the others rescaled)."""

    criterion: str
    weight: float  # now
    at: float  # the weight at which a rival draws level
    winners: list[str]  # who comes first beyond it


@dataclass(frozen=True)
class Comparison:
    """The candidates compared: criteria with their weights, standings best first."""

    criteria: list[CandidateCriterion]
    weights: dict[str, float]  # criterion name -> weight out of 100 (renormalised)
    standings: list[Standing]
    winners: list[str]  # names of the candidate(s) ranked first
    margin: float | None  # points between first and second, when there is a second
    shifts: list[Shift] = field(default_factory=list)
    weights_sum: float = 100.0  # the weights as written, summed

    @property
    def robust(self) -> bool:
        """No single ±10-point weight change changes who comes first."""
        return not self.shifts

    @property
    def complete(self) -> bool:
        return not any(s.unscored for s in self.standings)

    breaks: list[BreakEven] = field(default_factory=list)

    def standing(self, candidate_id: str) -> Standing | None:
        return next((s for s in self.standings if s.id == candidate_id), None)


def criteria_names(candidates: Candidates) -> list[str]:
    """Criterion names once each, in file order."""
    return list(dict.fromkeys(c.name for c in candidates.criteria))


def normalised(weights: dict[str, float]) -> dict[str, float]:
    """Weights scaled to sum to 100 (equal shares when they sum to nothing)."""
    total = sum(weights.values())
    if total <= 0:
        return {k: 100 / len(weights) for k in weights} if weights else {}
    return {k: w * 100 / total for k, w in weights.items()}


def _share(score: int | None) -> float:
    """The part of a criterion's weight a score earns: 1 earns nothing, 5 all of it."""
    return 0.0 if score is None else (score - 1) / (MAX_SCORE - 1)


def _points(option: Candidate, weights: dict[str, float]) -> dict[str, float]:
    return {name: w * _share(option.scores.get(name)) for name, w in weights.items()}


def moved(weights: dict[str, float], name: str, change: float) -> dict[str, float] | None:
    """`name` moved by `change` points and kept there, the others rescaled to keep 100;
    None when it cannot move (at 0 or 100 already, or the only weight)."""
    new = min(100.0, max(0.0, weights[name] + change))
    rest = 100.0 - weights[name]
    if new == weights[name] or rest <= 0:
        return None
    return {k: new if k == name else w * (100.0 - new) / rest for k, w in weights.items()}


def _totals(options: Sequence[Candidate], weights: dict[str, float]) -> list[float]:
    return [round(sum(_points(o, weights).values()), 6) for o in options]


def _first(options: Sequence[Candidate], totals: list[float]) -> list[str]:
    if not totals:
        return []
    best = max(totals)
    return [o.name for o, t in zip(options, totals, strict=True) if t == best]


def _ranks(totals: list[float]) -> list[int]:
    return [1 + sum(other > t for other in totals) for t in totals]


def _lead_and_lag(
    index: int, points: list[dict[str, float]], names: list[str]
) -> tuple[str | None, str | None]:
    """Where a candidate's points are furthest above and below the others' mean."""
    if not names:
        return None, None
    others = [p for i, p in enumerate(points) if i != index]
    own = points[index]
    if not others:  # alone: its best and worst criteria
        best, worst = max(names, key=own.__getitem__), min(names, key=own.__getitem__)
        return (best, worst) if own[best] > own[worst] else (None, None)
    gaps = {n: own[n] - sum(o[n] for o in others) / len(others) for n in names}
    lead, lag = max(names, key=gaps.__getitem__), min(names, key=gaps.__getitem__)
    return (lead if gaps[lead] > 0 else None), (lag if gaps[lag] < 0 else None)


def shifts(options: Sequence[Candidate], weights: dict[str, float]) -> list[Shift]:
    """Every ±10-point change of a single weight (the others rescaled) that changes the winner."""
    before = _first(options, _totals(options, weights))
    found = []
    for name in weights:
        for change in (SENSITIVITY_STEP, -SENSITIVITY_STEP):
            after_weights = moved(weights, name, change)
            if after_weights is None:
                continue
            after = _first(options, _totals(options, after_weights))
            if after != before:
                found.append(Shift(name, change, after))
    return found


def break_evens(options: Sequence[Candidate], weights: dict[str, float]) -> list[BreakEven]:
    """For each criterion, the nearest weight at which a rival draws level with the sole
    winner. Totals are linear in that weight: T(x) = x·u + (100 − x)·O ÷ (100 − w)."""
    totals = _totals(options, weights)
    winners = _first(options, totals)
    if len(winners) != 1:
        return []
    top = next(o for o in options if o.name == winners[0])
    found = []
    for name, w in weights.items():
        if w >= 100:
            continue
        crossings = []
        for rival in options:
            if rival is top:
                continue
            a = _share(top.scores.get(name)) - _share(rival.scores.get(name))
            others = sum(_points(top, weights).values()) - sum(_points(rival, weights).values())
            b = (others - a * w) / (100 - w)
            if a != b and -1e-9 <= (x := 100 * b / (b - a)) <= 100 + 1e-9:
                x = min(100.0, max(0.0, round(x, 6)))
                crossings.append((abs(x - w), x, rival.name))
        if crossings:
            at = min(crossings)[1]
            who = sorted({r for _, x, r in crossings if x == at})
            if at in (0.0, 100.0):  # at the end of the scale they can only draw level
                who = sorted([top.name, *who])
            found.append(BreakEven(name, w, at, who))
    return found


def compare(candidates: Candidates) -> Comparison:
    """The weighted comparison of every option against every criterion."""
    names = criteria_names(candidates)
    raw: dict[str, float] = {}
    for c in candidates.criteria:
        raw.setdefault(c.name, c.weight)
    weights = normalised(raw)
    options = candidates.options
    totals = _totals(options, weights)
    ranks = _ranks(totals)
    points = [_points(o, weights) for o in options]
    standings = [
        Standing(
            candidate=o,
            total=totals[i],
            rank=ranks[i],
            points=points[i],
            unscored=[n for n in names if n not in o.scores],
            leads=(ll := _lead_and_lag(i, points, names))[0],
            lags=ll[1],
        )
        for i, o in enumerate(options)
    ]
    standings.sort(key=lambda s: (s.rank, options.index(s.candidate)))
    ordered = sorted(totals, reverse=True)
    return Comparison(
        criteria=list(candidates.criteria),
        weights=weights,
        standings=standings,
        winners=_first(options, totals),
        margin=round(ordered[0] - ordered[1], 6) if len(ordered) > 1 else None,
        shifts=shifts(options, weights) if len(options) > 1 else [],
        weights_sum=sum(raw.values()),
        breaks=break_evens(options, weights) if len(options) > 1 else [],
    )


def sensitivity_text(comparison: Comparison, lead: bool = True) -> str:
    """Does a ±10-point change of one weight alter who comes first? In words, for a panel."""
    if not any(s.candidate.scores for s in comparison.standings):
        return "No candidate is scored yet: score each on every criterion, 1 to 5."
    if len(comparison.standings) < 2:
        return "Only one candidate is assessed, so there is nothing to compare it with."
    step = f"{SENSITIVITY_STEP:.0f} points"
    if comparison.robust:
        body = (
            f"No single weight moved by {step} either way (the others rescaled to keep 100) "
            f"changes who comes first: {_names(comparison.winners)} "
            f"{'stays' if len(comparison.winners) == 1 else 'stay'} first."
        )
    else:
        groups: dict[tuple[str, ...], list[str]] = {}
        for shift in comparison.shifts:
            way = "higher" if shift.change > 0 else "lower"
            groups.setdefault(tuple(shift.winners), []).append(f"{shift.criterion} {way}")
        body = (
            f"The result depends on the weights. Moving one weight by {step} (the others "
            "rescaled to keep 100) "
            + "; it ".join(
                f"puts {_names(list(w))} first: {_either(changes)}" for w, changes in groups.items()
            )
            + "."
        )
    if not lead:
        return body
    if len(comparison.winners) > 1:
        first = f"{_join(comparison.winners, 'and')} are level in first place"
    else:
        first = f"{comparison.winners[0]} comes first"
        if comparison.margin is not None:
            first += f", {comparison.margin:.2f} points ahead"
    return f"{first}. {body}"


def break_even_text(comparison: Comparison) -> str:
    """Where each weight would have to go for someone else to come first, in words."""
    if not comparison.breaks:
        return ""
    parts = [
        f"{b.criterion} at {b.at:.0f} (now {b.weight:.0f}; then {_join(b.winners, 'and')} "
        "are level first)"
        if b.at in (0.0, 100.0)
        else f"{b.criterion} {'above' if b.at > b.weight else 'below'} {b.at:.1f} (now "
        f"{b.weight:.0f}; then {_join(b.winners, 'and')} "
        f"{'comes' if len(b.winners) == 1 else 'come'} first)"
        for b in comparison.breaks
    ]
    steady = [n for n in comparison.weights if n not in {b.criterion for b in comparison.breaks}]
    text = (
        "The winner changes only if one weight alone, the others rescaled, goes past its "
        f"break-even: {_join(parts, 'or')}."
    )
    if steady:
        text += f" No weight of {_either(steady)} alone changes the winner."
    return text


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _either(items: list[str]) -> str:
    return _join(items, "or")


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else _join(names, "and") + " level"


def as_dict(comparison: Comparison) -> dict[str, object]:
    """The documented JSON shape of an assessment."""
    return {
        "criteria": [
            {
                "name": c.name,
                "weight": c.weight,
                "share": round(comparison.weights.get(c.name, 0.0), 2),
                "description": c.description,
            }
            for c in comparison.criteria
        ],
        "weights_sum": comparison.weights_sum,
        "candidates": [
            {
                "rank": s.rank,
                "id": s.id,
                "name": s.name,
                "total": round(s.total, 1),
                "scores": {n: s.candidate.scores.get(n) for n in comparison.weights},
                "points": {n: round(v, 1) for n, v in s.points.items()},
                "unscored": s.unscored,
                "leads": s.leads,
                "lags": s.lags,
                "cost": s.candidate.cost.model_dump() if s.candidate.cost else None,
                "strengths": s.candidate.strengths,
                "references": s.candidate.references,
                "notes": s.candidate.notes,
            }
            for s in comparison.standings
        ],
        "winners": comparison.winners,
        "margin": None if comparison.margin is None else round(comparison.margin, 1),
        "robust": comparison.robust,
        "shifts": [
            {"criterion": s.criterion, "change": s.change, "winners": s.winners}
            for s in comparison.shifts
        ],
        "sensitivity": sensitivity_text(comparison),
        "break_even": [
            {"criterion": b.criterion, "weight": round(b.weight, 2), "at": round(b.at, 1),
             "winners": b.winners}
            for b in comparison.breaks
        ],
    }
