"""PK4xx: quality of the agreement — mutual, measurable, owned, sustained."""

from __future__ import annotations

from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.model import SIX_CS
from partnerkit.format.thresholds import HEALTH_CONCERN, PERCEPTION_GAP
from partnerkit.judge.facts import BEYOND_REACTION, measurable, review_ratings, spreads

W = Severity.WARNING
SIGNED_STATUSES = {"active", "under-review", "renewing"}


@rule("PK401", "unmeasurable-criterion", W, "A success criterion is not measurable")
def unmeasurable_criterion(ctx: Context) -> Iterator[Hit]:
    """A criterion needs a `measure` (what is counted, how), a `target` and a `by` date;
    without them nobody can say at the end whether it was met, and the evaluation
    turns into a matter of opinion.

    Bad:  `- {name: Better onboarding}`
    Good: `- {name: Completion, measure: Share completing in 30 days, target: 90, by: 2026-12-31}`
    """
    if not ctx.model.success:
        return
    for i, c in enumerate(ctx.model.success.criteria):
        if not measurable(c):
            lacking = [k for k in ("measure", "target", "by") if getattr(c, k) in (None, "")]
            yield Hit(
                ("success", "criteria", i),
                f"success criterion `{c.name}` is not measurable: add "
                + " and ".join(f"`{k}`" for k in lacking),
            )


@rule("PK402", "reaction-only-evaluation", W, "Evaluation stops at learner reaction")
def reaction_only(ctx: Context) -> Iterator[Hit]:
    """Satisfaction scores say whether learners liked the training, not whether it worked.
    Evaluate at least one criterion at Kirkpatrick's learning, behaviour or results
    level, or as return on investment, and set `level` on each criterion. Criteria
    without a level count as reaction until they say otherwise: the message says
    which is the case.

    Bad:  every criterion has `level: reaction` (or none has a level).
    Good: `- {name: Post-test score, level: learning, ...}` beside the reaction one.
    """
    s = ctx.model.success
    if not s or not s.criteria:
        return
    if not any(c.level in BEYOND_REACTION for c in s.criteria):
        unset = [c.name for c in s.criteria if c.level is None]
        why = (
            f"{len(unset)} of {len(s.criteria)} criteria have no `level`, the rest are reaction"
            if unset and len(unset) < len(s.criteria)
            else "no criterion has a `level`"
            if unset
            else "every criterion is at the reaction level (Kirkpatrick level 1)"
        )
        yield Hit(
            ("success", "criteria"),
            f"evaluation stops at learner reaction ({why}): add a criterion at the learning, "
            "behaviour, results or roi level, or set `level` where it is missing",
        )


@rule("PK403", "expectation-incomplete", W, "An expectation has no owner or no due date")
def expectation_incomplete(ctx: Context) -> Iterator[Hit]:
    """A deliverable nobody owns, or that has no date, will slip without anyone noticing.

    Bad:  `- {deliverable: Facilitator guide}`
    Good: `- {deliverable: Facilitator guide, owner: vendor, due: 2026-09-15}`
    """
    for i, e in enumerate(ctx.model.expectations):
        lacking = [k for k in ("owner", "due") if getattr(e, k) is None]
        if lacking:
            what = " and ".join({"owner": "an `owner`", "due": "a `due` date"}[k] for k in lacking)
            yield Hit(
                ("expectations", i), f"`{e.deliverable}` has no {what.split(' ', 1)[1]}: add {what}"
            )


def _each_partner_lacking(ctx: Context, attr: str) -> Iterator[tuple[int, str]]:
    for i, partner in enumerate(ctx.model.partners):
        if not getattr(partner, attr):
            yield i, partner.name


@rule("PK404", "partner-without-benefits", W, "A partner gains nothing stated")
def partner_without_benefits(ctx: Context) -> Iterator[Hit]:
    """A partnership where one side gains nothing stated is a purchase or a favour, and
    does not last. Reported when some partners list benefits and this one does not
    (when none do, PK302 reports the unanswered question).

    Bad:  a partner with no `benefits`.
    Good: `benefits: [Early access to the release plan]`
    """
    if not any(p.benefits for p in ctx.model.partners):
        return
    for i, name in _each_partner_lacking(ctx, "benefits"):
        yield Hit(("partners", i), f"{name} has no `benefits`: say what this partner gains (Q2)")


@rule("PK405", "partner-without-strengths", W, "A partner's strengths are not stated")
def partner_without_strengths(ctx: Context) -> Iterator[Hit]:
    """Partners are chosen for complementary strengths; stating them is what makes each
    partner credible to the other and shows why this partner is in the room.

    Bad:  a partner with no `strengths`.
    Good: `strengths: [Instructional design for clinical audiences]`
    """
    for i, name in _each_partner_lacking(ctx, "strengths"):
        yield Hit(("partners", i), f"{name} has no `strengths`: state what this partner brings")


@rule("PK406", "partner-without-spokesperson", W, "A partner has no spokesperson")
def partner_without_spokesperson(ctx: Context) -> Iterator[Hit]:
    """Each partner needs one person who speaks for it (Q7), so that messages do not get
    lost and decisions are not made by whoever happened to be in the meeting.

    Bad:  a partner with no `spokesperson`.
    Good: `spokesperson: {name: Sam Reyes, title: Account Director, email: sam@example.com}`
    """
    for i, name in _each_partner_lacking(ctx, "spokesperson"):
        yield Hit(("partners", i), f"{name} has no `spokesperson`: name who speaks for it (Q7)")


@rule("PK407", "no-termination-procedure", W, "There is no way to end the partnership")
def no_termination(ctx: Context) -> Iterator[Hit]:
    """Agreeing how to part while relations are good protects both partners: the notice
    to give, and what happens to work in progress and materials. Reported when
    `changes` exists without `termination` (PK305 reports a missing `changes`).

    Bad:  `changes: {amendment: ...}` only.
    Good: `termination: {notice_days: 60, procedure: Written notice; work is handed over.}`
    """
    ch = ctx.model.changes
    if ch is not None and (
        ch.termination is None
        or not (ch.termination.procedure or ch.termination.notice_days is not None)
    ):
        yield Hit(
            ("changes",),
            "no termination procedure: add `changes.termination` with the notice and what "
            "happens to work in progress",
        )


@rule("PK408", "cost-without-bearer", W, "Nobody bears a cost")
def cost_without_bearer(ctx: Context) -> Iterator[Hit]:
    """A cost nobody bears ends up borne by whoever notices it first. Name the partner.

    Bad:  `- {item: Substitute cover, type: real}`
    Good: `- {item: Substitute cover, type: real, borne_by: district}`
    """
    for i, cost in enumerate(ctx.model.costs):
        if cost.borne_by is None:
            yield Hit(
                ("costs", i),
                f"nobody bears the cost `{cost.item}`: add `borne_by` with a partner id",
            )


@rule("PK409", "one-off-activity", W, "This looks like a one-off activity, not a partnership")
def one_off(ctx: Context) -> Iterator[Hit]:
    """A single joint event is not yet a sustained partnership. Reported when there is no
    end date and no review cadence, or a single deliverable and no reviews at all.
    Give the partnership a period and a review rhythm, or plan beyond one deliverable.

    Bad:  one expectation, no `reviews`.
    Good: a `period`, `reviews.cadence`, and deliverables over time.
    """
    p = ctx.model
    no_end = not (p.period and p.period.end)
    no_cadence = not (p.reviews and p.reviews.cadence)
    single = len(p.expectations) == 1 and not (p.reviews and p.reviews.history)
    if (no_end and no_cadence) or single:
        yield Hit(
            (),
            "this reads as a one-off joint activity rather than a sustained partnership: "
            "set a `period` end or a `reviews.cadence`, and plan beyond a single deliverable",
        )


@rule("PK410", "no-stakeholders", W, "No stakeholders are identified")
def no_stakeholders(ctx: Context) -> Iterator[Hit]:
    """Who has the training need, who provides training, who funds it, who learns: the
    partnership serves people beyond the signatories, and they should be named.

    Bad:  no `stakeholders`.
    Good: `stakeholders: [{name: Ward managers, interest: training-need}]`
    """
    if not ctx.model.stakeholders:
        yield Hit(  # at `stakeholders: []` when written, else the top of the file
            ("stakeholders",),
            "no stakeholders identified: list who needs, provides, funds and takes the training",
        )


@rule("PK411", "unsigned-active", W, "An active partnership is not signed by every partner")
def unsigned_active(ctx: Context) -> Iterator[Hit]:
    """Once a partnership is active, every partner should have signed the agreement; an
    unsigned partner has not committed to its expectations.

    Bad:  `status: active` and a partner with no `signed`.
    Good: `signed: {by: Sam Reyes, date: 2026-01-12}` on every partner.
    """
    if ctx.model.status not in SIGNED_STATUSES:
        return
    for i, partner in enumerate(ctx.model.partners):
        if partner.signed is None:
            yield Hit(
                ("partners", i),
                f"the partnership is {ctx.model.status} but {partner.name} has not signed: "
                "record `signed: {by: …, date: …}`",
            )


@rule("PK412", "perception-gap", W, "Partners rate a C two or more points apart")
def perception_gap(ctx: Context) -> Iterator[Hit]:
    """When partners rate the Six C's separately, a gap of two points or more means they
    experience the same partnership differently: that is what the next review should
    talk about. Looks at the most recent review with separate ratings.

    Bad:  lead rates communication 2, provider rates it 4.
    Good: talk it through and record the adjustment agreed.
    """
    r = ctx.model.reviews
    if not r:
        return
    indexed = [(i, x) for i, x in enumerate(r.history) if x.partner_ratings]
    if not indexed:
        return
    i, review = max(indexed, key=lambda pair: pair[1].date)
    for c, gap in spreads(review).items():
        if gap >= PERCEPTION_GAP:
            given = {pid: rr.values().get(c) for pid, rr in review.partner_ratings.items()}
            detail = ", ".join(f"{pid} {v}" for pid, v in given.items() if v is not None)
            yield Hit(
                ("reviews", "history", i, "partner_ratings"),
                f"partners see {c} differently at the {review.date} review ({detail}): "
                "discuss the gap at the next review",
            )


@rule("PK413", "health-concern", W, "A C is rated below 3 at the latest review")
def health_concern(ctx: Context) -> Iterator[Hit]:
    """A rating below 3.0 on a C at the latest rated review is a concern (read as the
    Wilder Collaboration Factors Inventory reads factor means: 4 and above a strength,
    3 to 3.9 worth discussing, below 3 a concern). Agree an adjustment for it.

    Bad:  `ratings: {communication: 2, ...}` at the latest review, no adjustment.
    Good: a recorded adjustment, and a better rating at the next review.
    """
    r = ctx.model.reviews
    if not r:
        return
    rated = [(i, x, found) for i, x in enumerate(r.history) if (found := review_ratings(x))]
    if not rated:
        return
    i, review, ratings = max(rated, key=lambda each: each[1].date)
    for c in SIX_CS:
        if c in ratings and ratings[c] < HEALTH_CONCERN:
            yield Hit(
                ("reviews", "history", i),
                f"{c} is rated {ratings[c]:g} at the {review.date} review, a concern: "
                "agree an adjustment and record it",
            )
