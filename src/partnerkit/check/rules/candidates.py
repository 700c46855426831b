"""PK45x: choosing a partner — a fair, evidenced comparison of the candidates.

Partners are chosen for strengths that complement ours rather than repeat them, for
goals we share, for capability shown in a track record, for a way of working that
fits ours, for the capacity to take the work on, and for what they cost. These rules
keep the `candidates` section honest enough to rely on when the choice is made.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.model import Candidates

W, E = Severity.WARNING, Severity.ERROR
NOT_CHOSEN = {"lead", "funder"}  # roles not picked by assessing candidates


def _candidates(ctx: Context) -> Candidates | None:
    return ctx.model.candidates


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


@rule("PK450", "candidate-weights-sum", W, "Criteria weights do not sum to 100")
def weights_sum(ctx: Context) -> Iterator[Hit]:
    """Weights say how much each criterion matters; written as shares of 100 they can be
    read at a glance and argued about. `assess` rescales other sums, but a panel
    reading 30 + 30 + 30 + 30 will think every criterion counts for 30%.

    Bad:  weights 30, 30, 30, 30 (sum 120).
    Good: weights 30, 25, 25, 20 (sum 100).
    """
    c = _candidates(ctx)
    if not c or not c.criteria:
        return
    total = sum(x.weight for x in c.criteria)
    if abs(total - 100) > 1e-6:
        yield Hit(
            ("candidates", "criteria"),
            f"the criteria weights sum to {total:g}, not 100: adjust them so that each weight "
            "is its share of the decision",
        )


@rule("PK451", "unknown-candidate-criterion", E, "A score for a criterion that does not exist")
def unknown_criterion(ctx: Context) -> Iterator[Hit]:
    """Scores are keyed by criterion name. A score under a name that is not a criterion
    (a typo, a renamed criterion) counts for nothing, so the candidate is silently
    marked down on the criterion it was meant for.

    Bad:  criterion `Shared goals`, score `Shared goal: 4`.
    Good: `scores: {Shared goals: 4}`
    """
    c = _candidates(ctx)
    if not c:
        return
    names = [x.name for x in c.criteria]
    for i, option in enumerate(c.options):
        for key in option.scores:
            if key in names:
                continue
            close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            yield Hit(
                ("candidates", "options", i, "scores", key),
                f"{option.name} is scored on `{key}`, which is not a criterion{hint}",
            )


@rule("PK452", "criterion-unscored", W, "A candidate is not scored on every criterion")
def unscored(ctx: Context) -> Iterator[Hit]:
    """A criterion left unscored earns the candidate nothing, so it loses to candidates
    that were scored on it. Score every candidate on every criterion, 1 (weak) to 5
    (strong), even where the answer is unwelcome.

    Bad:  `scores: {Complementary strengths: 4}` with five criteria.
    Good: a score for each of the five criteria.
    """
    c = _candidates(ctx)
    if not c or not c.criteria:
        return
    names = list(dict.fromkeys(x.name for x in c.criteria))
    for i, option in enumerate(c.options):
        missing = [n for n in names if n not in option.scores]
        if missing:
            yield Hit(
                ("candidates", "options", i, "scores"),
                f"{option.name} is not scored on " + ", ".join(f"`{n}`" for n in missing),
            )


@rule("PK453", "score-without-evidence", W, "A candidate is scored without evidence")
def without_evidence(ctx: Context) -> Iterator[Hit]:
    """A score is an opinion until it rests on something a colleague can check: the
    strengths the candidate showed, and references to past work and referees. Name
    them, so that the panel can see why one candidate scored higher than another.

    Bad:  `scores: {...}` and no `strengths` or `references`.
    Good: `strengths: [Clinical instructional design]`,
          `references: [St. Luke's onboarding redesign (2024)]`
    """
    c = _candidates(ctx)
    if not c:
        return
    for i, option in enumerate(c.options):
        if option.scores and not option.strengths and not option.references:
            yield Hit(
                ("candidates", "options", i, "scores"),
                f"{option.name} is scored without evidence: name its `strengths` or "
                "`references` (past work, referees)",
            )


@rule("PK454", "candidate-cost-currency", W, "Candidates' costs are in different currencies")
def cost_currency(ctx: Context) -> Iterator[Hit]:
    """Costs can only be compared in one currency. Convert a quote in another currency
    (say at which rate in `notes`), and give every cost its currency.

    Bad:  `cost: {amount: 24000, currency: USD}` beside `cost: {amount: 21000, currency: EUR}`.
    Good: both in USD, with the rate used in `notes`.
    """
    c = _candidates(ctx)
    if not c:
        return
    costed = [(i, o) for i, o in enumerate(c.options) if o.cost is not None]
    counts = Counter(o.cost.currency for _, o in costed if o.cost and o.cost.currency)
    if not counts:
        return
    usual = counts.most_common(1)[0][0]  # ties: the first written
    for i, o in costed:
        assert o.cost is not None
        if o.cost.currency is None:
            yield Hit(
                ("candidates", "options", i, "cost"),
                f"{o.name}'s cost has no currency while the others are in {usual}: add `currency`",
            )
        elif o.cost.currency != usual:
            yield Hit(
                ("candidates", "options", i, "cost", "currency"),
                f"{o.name}'s cost is in {o.cost.currency} while the others are in {usual}: "
                f"convert it to {usual} to compare",
                on_value=True,
            )


@rule("PK455", "partner-not-assessed", W, "A partner was chosen without being assessed")
def not_assessed(ctx: Context) -> Iterator[Hit]:
    """When a file compares candidates, the partner chosen should be one of them: the
    assessment is the record of why it was chosen. Reported once the partnership is
    past `exploring`, for partners other than the lead and funders.
    `partnerkit choose FILE CANDIDATE` adds the partner from its assessment.

    Bad:  candidates `cmr` and `apex`, and a provider partner `northwind`.
    Good: the provider partner is `cmr`, with its assessment kept under `candidates`.
    """
    c = _candidates(ctx)
    if not c or not c.options or ctx.model.status == "exploring":
        return
    assessed = {o.id for o in c.options}
    for i, partner in enumerate(ctx.model.partners):
        if partner.role not in NOT_CHOSEN and partner.id not in assessed:
            yield Hit(
                ("partners", i, "id"),
                f"{partner.name} is a partner but was not among the candidates assessed: "
                "add its assessment to `candidates.options`",
                on_value=True,
            )


@rule("PK456", "duplicate-criterion", E, "A criterion is named twice")
def duplicate_criterion(ctx: Context) -> Iterator[Hit]:
    """Scores are keyed by criterion name, so two criteria with the same name (or names
    that differ only in capitals and spaces) cannot be told apart, and their weights
    count twice. Merge them, or name the difference.

    Bad:  `- {name: Cost, weight: 15}` and `- {name: cost, weight: 10}`.
    Good: `- {name: Cost, weight: 15}` and `- {name: Capacity to deliver, weight: 10}`.
    """
    c = _candidates(ctx)
    if not c:
        return
    seen: dict[str, str] = {}
    for i, x in enumerate(c.criteria):
        key = _key(x.name)
        if key in seen:
            yield Hit(
                ("candidates", "criteria", i, "name"),
                f"the criterion `{x.name}` is named twice (first as `{seen[key]}`): merge them "
                "or rename one",
                on_value=True,
            )
        else:
            seen[key] = x.name


@rule("PK457", "duplicate-candidate-id", E, "Two candidates share an id")
def duplicate_candidate(ctx: Context) -> Iterator[Hit]:
    """A candidate's id becomes its partner id when it is chosen, and is how `assess`
    and `choose` name it; each must be unique.

    Bad:  two options with `id: cmr`.
    Good: `id: cmr` and `id: cmr-institute`.
    """
    c = _candidates(ctx)
    if not c:
        return
    seen: set[str] = set()
    for i, o in enumerate(c.options):
        if o.id in seen:
            yield Hit(
                ("candidates", "options", i, "id"),
                f"the candidate id `{o.id}` is used twice: give each candidate its own id",
                on_value=True,
            )
        seen.add(o.id)
