"""PK301–PK310: the ten partnership questions, each answered in the file or not.

A question that is not answered at all is reported here. Where a partial answer has
a more specific quality rule (benefits per partner, who bears a cost, owners and due
dates, termination, spokespeople, measurable criteria), that rule reports it instead:
those questions pass `partial_here=None`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from partnerkit.check.finding import Loc, Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.model import Partnership
from partnerkit.judge.questions import QUESTIONS

W = Severity.WARNING
_ALWAYS: Callable[[Partnership], bool] = lambda p: True  # noqa: E731


def _summary(number: int) -> str:
    return f"Q{number}: {QUESTIONS[number - 1].text}"


def _question(
    ctx: Context, number: int, section: str, partial_here: Callable[[Partnership], bool] | None
) -> Iterator[Hit]:
    """Report question `number` when missing, or partly answered where no other rule does."""
    ask = QUESTIONS[number - 1]
    q = ctx.questions[number - 1]
    at: Loc = (section,)  # an empty `costs: []` is found at its key; an absent one at 1:1
    if q.status == "missing":
        yield Hit(at, f"Q{number} is not answered: {ask.text} Add `{ask.where}`.")
    elif q.status == "partial" and partial_here is not None and partial_here(ctx.model):
        yield Hit(at, f"Q{number} is only partly answered: add {q.detail}.")


@rule("PK301", "value-to-goals", W, _summary(1))
def value_to_goals(ctx: Context) -> Iterator[Hit]:
    """A partnership that does not serve goals the organisation already has competes with them
    for time and money. Name the goals it serves, and the strategies or training needs it
    supports.

    Bad: no `value` section. Good:

        value:
          goals: [Cut time-to-competence for new nurses from twelve weeks to eight]
          strategies: [Blended onboarding]
    """
    yield from _question(ctx, 1, "value", _ALWAYS)


@rule("PK302", "partner-benefits", W, _summary(2))
def partner_benefits(ctx: Context) -> Iterator[Hit]:
    """Partnerships last when every partner gains something. State, for each partner, what it
    will realise: better results, a reference, access, income, capacity.

    Bad: no partner lists `benefits`. Good: `benefits: [A reference client in acute care]`
    on every partner.
    """
    yield from _question(ctx, 2, "partners", None)


@rule("PK303", "costs", W, _summary(3))
def costs(ctx: Context) -> Iterator[Hit]:
    """Costs that are not stated are discovered later, usually by the partner who bears them.
    List real costs (fees, stipends), intangible ones (staff time away from work) and
    possible ones (risks), and who bears each.

    Bad: no `costs`. Good:

        costs:
          - {item: Facilitation fees, type: real, amount: 24000, currency: USD, borne_by: lead}
    """
    yield from _question(ctx, 3, "costs", None)


@rule("PK304", "expectations", W, _summary(4))
def expectations(ctx: Context) -> Iterator[Hit]:
    """What each partner must deliver, and by when, is the heart of the agreement. List the
    deliverables with an owner and a due date.

    Bad: no `expectations`. Good:

        expectations:
          - {deliverable: Needs analysis report, owner: vendor, due: 2026-02-27}
    """
    yield from _question(ctx, 4, "expectations", None)


@rule("PK305", "changes-and-ending", W, _summary(5))
def changes_and_ending(ctx: Context) -> Iterator[Hit]:
    """Plans change and partnerships end. Agree now how either partner proposes a change and how
    it is approved, and how the partnership is ended.

    Bad: no `changes`, or no `amendment`. Good:

        changes:
          amendment: Proposed in writing; both spokespeople approve.
          termination: {notice_days: 60, procedure: Written notice; work is handed over.}
    """
    yield from _question(ctx, 5, "changes", lambda p: not (p.changes and p.changes.amendment))


@rule("PK306", "decision-rights", W, _summary(6))
def decision_rights(ctx: Context) -> Iterator[Hit]:
    """Friction comes from decisions one partner thought were shared. Say which decisions are
    made jointly and which each partner makes alone.

    Bad: only `joint` or only `independent`. Good:

        decisions:
          joint: [Curriculum scope]
          independent: {vendor: [Facilitator assignment], lead: [Cohort scheduling]}
    """
    yield from _question(ctx, 6, "decisions", _ALWAYS)


@rule("PK307", "communication", W, _summary(7))
def communication(ctx: Context) -> Iterator[Hit]:
    """Partners need agreed channels, a meeting rhythm, and one person who speaks for each.

    Bad: no `communication`. Good:

        communication:
          channels: [Monthly steering call, Shared project board]
          meetings: monthly
    """
    yield from _question(
        ctx,
        7,
        "communication",
        lambda p: not (p.communication and p.communication.channels and p.communication.meetings),
    )


@rule("PK308", "disagreements", W, _summary(8))
def disagreements(ctx: Context) -> Iterator[Hit]:
    """Disagreements are normal; not knowing what to do with them is what harms a partnership.
    Write the steps, from the first conversation to where it escalates.

    Bad: no `disagreements`, or a single step. Good:

        disagreements:
          steps: [Spokespeople talk within five days, Steering group decides]
    """
    yield from _question(ctx, 8, "disagreements", _ALWAYS)


@rule("PK309", "management", W, _summary(9))
def management(ctx: Context) -> Iterator[Hit]:
    """Someone must own the partnership day to day, and someone senior must back it.

    Bad: no `governance`, or only one of the two. Good:

        governance:
          manager: {name: Dana Ortiz, partner: lead}
          sponsor: {name: Lee Park, partner: lead}
    """
    yield from _question(ctx, 9, "governance", _ALWAYS)


@rule("PK310", "success-criteria", W, _summary(10))
def success_criteria(ctx: Context) -> Iterator[Hit]:
    """Without agreed criteria and benchmarks, success is a matter of opinion at the end. Agree
    measurable criteria, ideally beyond learner reaction, and outside points of comparison.

    Bad: no `success`, or no `benchmarks`. Good:

        success:
          criteria:
            - {name: Completion, measure: Share completing in 30 days, target: 90, by: 2026-12-31}
          benchmarks: [Regional network median]
    """
    yield from _question(
        ctx,
        10,
        "success",
        lambda p: not (p.success and p.success.criteria and p.success.benchmarks),
    )
