"""PK301–PK310: the ten partnership questions, each answered in the file or not.

A question that is not answered at all is reported here. Where a partial answer has
a more specific quality rule (benefits per partner, who bears a cost, owners and due
dates, termination, spokespeople, measurable criteria), that rule reports it instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from partnerkit.finding import Severity
from partnerkit.model import Partnership
from partnerkit.rules.base import Context, Hit, Loc, rule
from partnerkit.scoring import QUESTIONS, question_statuses

# For each question: its rule name, where it points, when a partial answer is reported
# here (None: never, a more specific rule does), and its documentation.
_PARTIAL_HERE: dict[int, Callable[[Partnership], bool] | None] = {
    1: lambda p: True,
    2: None,
    3: None,
    4: None,
    5: lambda p: not (p.changes and p.changes.amendment),
    6: lambda p: True,
    7: lambda p: not (p.communication and p.communication.channels and p.communication.meetings),
    8: lambda p: True,
    9: lambda p: True,
    10: lambda p: not (p.success and p.success.criteria and p.success.benchmarks),
}

_NAMES = {
    1: ("value-to-goals", ("value",)),
    2: ("partner-benefits", ("partners",)),
    3: ("costs", ("costs",)),
    4: ("expectations", ("expectations",)),
    5: ("changes-and-ending", ("changes",)),
    6: ("decision-rights", ("decisions",)),
    7: ("communication", ("communication",)),
    8: ("disagreements", ("disagreements",)),
    9: ("management", ("governance",)),
    10: ("success-criteria", ("success",)),
}

_DOCS = {
    1: """A partnership that does not serve goals the organisation already has competes with them
for time and money. Name the goals it serves, and the strategies or training needs it
supports.

Bad: no `value` section. Good:

    value:
      goals: [Cut time-to-competence for new nurses from twelve weeks to eight]
      strategies: [Blended onboarding]""",
    2: """Partnerships last when every partner gains something. State, for each partner, what it
will realise: better results, a reference, access, income, capacity.

Bad: no partner lists `benefits`. Good: `benefits: [A reference client in acute care]`
on every partner.""",
    3: """Costs that are not stated are discovered later, usually by the partner who bears them.
List real costs (fees, stipends), intangible ones (staff time away from work) and
possible ones (risks), and who bears each.

Bad: no `costs`. Good:

    costs:
      - {item: Facilitation fees, type: real, amount: 24000, currency: USD, borne_by: lead}""",
    4: """What each partner must deliver, and by when, is the heart of the agreement. List the
deliverables with an owner and a due date.

Bad: no `expectations`. Good:

    expectations:
      - {deliverable: Needs analysis report, owner: vendor, due: 2026-02-27}""",
    5: """Plans change and partnerships end. Agree now how either partner proposes a change and how
it is approved, and how the partnership is ended.

Bad: no `changes`, or no `amendment`. Good:

    changes:
      amendment: Proposed in writing; both spokespeople approve.
      termination: {notice_days: 60, procedure: Written notice; work is handed over.}""",
    6: """Friction comes from decisions one partner thought were shared. Say which decisions are
made jointly and which each partner makes alone.

Bad: only `joint` or only `independent`. Good:

    decisions:
      joint: [Curriculum scope]
      independent: {vendor: [Facilitator assignment], lead: [Cohort scheduling]}""",
    7: """Partners need agreed channels, a meeting rhythm, and one person who speaks for each.

Bad: no `communication`. Good:

    communication:
      channels: [Monthly steering call, Shared project board]
      meetings: monthly""",
    8: """Disagreements are normal; not knowing what to do with them is what harms a partnership.
Write the steps, from the first conversation to where it escalates.

Bad: no `disagreements`, or a single step. Good:

    disagreements:
      steps: [Spokespeople talk within five days, Steering group decides]""",
    9: """Someone must own the partnership day to day, and someone senior must back it.

Bad: no `governance`, or only one of the two. Good:

    governance:
      manager: {name: Dana Ortiz, partner: lead}
      sponsor: {name: Lee Park, partner: lead}""",
    10: """Without agreed criteria and benchmarks, success is a matter of opinion at the end. Agree
measurable criteria, ideally beyond learner reaction, and outside points of comparison.

Bad: no `success`, or no `benchmarks`. Good:

    success:
      criteria:
        - {name: Completion, measure: Share completing in 30 days, target: 90, by: 2026-12-31}
      benchmarks: [Regional network median]""",
}


def _make(number: int) -> None:
    name, loc = _NAMES[number]
    text = QUESTIONS[number - 1][1]
    partial_here = _PARTIAL_HERE[number]
    where = QUESTIONS[number - 1][2]

    def check(ctx: Context) -> Iterator[Hit]:
        q = question_statuses(ctx.model)[number - 1]
        at: Loc = loc if _present(ctx.model, loc) else ()
        if q.status == "missing":
            yield Hit(at, f"Q{number} is not answered: {text} Add `{where}`.")
        elif q.status == "partial" and partial_here is not None and partial_here(ctx.model):
            yield Hit(at, f"Q{number} is only partly answered: add {q.detail}.")

    check.__doc__ = _DOCS[number]
    rule(f"PK3{number:02d}", name, Severity.WARNING, f"Q{number}: {text}")(check)


def _present(model: Partnership, loc: Loc) -> bool:
    value = getattr(model, str(loc[0]))
    return bool(value)


for _number in range(1, 11):
    _make(_number)
