"""The gaps that matter at each stage of a partnership's life, in plain words.

An exploring partnership needs value, contributions, benefits and spokespeople before
anything else; a proposed one needs the terms, decisions and a way out; an active one
needs a review rhythm, measured criteria and recorded reviews; a renewing one needs the
evidence that makes the case for renewal. Each gap is (what to do, section, field).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from partnerkit.format.model import Criterion, Partnership
from partnerkit.format.thresholds import WINS_WINDOW_DAYS
from partnerkit.judge.facts import BEYOND_REACTION, health_is_stale, measurable, review_ratings
from partnerkit.judge.roi import roi_of

Gap = tuple[str, str, str]


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _quoted(names: list[str]) -> str:
    return _names([f"“{n}”" for n in names])


def _lacking(p: Partnership, attr: str) -> list[str]:
    return [x.name for x in p.partners if not getattr(x, attr)]


def exploring(p: Partnership, today: dt.date) -> Iterator[Gap]:
    v = p.value
    if not (v and v.goals):
        yield ("Write down which of your existing goals the partnership serves", "Value",
               "value.goals")  # fmt: skip
    elif not (v.strategies or v.needs):
        yield ("Name the strategies or training needs the partnership supports, beside its goals",
               "Value", "value.strategies")  # fmt: skip
    if names := _lacking(p, "contributes"):
        yield (f"Agree what {_names(names)} will put in: time, money, skills or access",
               "Partners", "partners[].contributes")  # fmt: skip
    if names := _lacking(p, "benefits"):
        yield (f"Say what {_names(names)} will gain: a partnership where one side gains "
               "nothing does not last", "Partners", "partners[].benefits")  # fmt: skip
    if names := _lacking(p, "spokesperson"):
        yield (f"Name who speaks for {_names(names)}", "Partners", "partners[].spokesperson")
    if names := _lacking(p, "strengths"):
        yield (f"State what {_names(names)} brings that the others lack", "Partners",
               "partners[].strengths")  # fmt: skip


def proposed(p: Partnership, today: dt.date) -> Iterator[Gap]:
    yield from exploring(p, today)
    incomplete = [e.deliverable for e in p.expectations if not (e.owner and e.due)]
    if not p.expectations:
        yield ("List what each partner will deliver, with an owner and a due date",
               "Expectations", "expectations")  # fmt: skip
    elif incomplete:
        yield (f"Give {_quoted(incomplete)} an owner and a due date", "Expectations",
               "expectations")  # fmt: skip
    d, ch, t = p.decisions, p.changes, p.terms
    if not (d and d.joint and d.independent):
        yield ("Agree which decisions the partners make together and which each makes alone",
               "Decisions", "decisions")  # fmt: skip
    if not (ch and ch.termination):
        yield ("Agree how the partnership ends: the notice each partner gives and what happens "
               "to work in progress", "Changes and ending", "changes.termination")  # fmt: skip
    if not (ch and ch.amendment):
        yield ("Agree how the plan is changed: who proposes, who approves", "Changes and ending",
               "changes.amendment")  # fmt: skip
    if t is None:
        yield ("Draft the terms: whether the agreement is binding, when it takes effect, "
               "payments, confidentiality and data protection", "Terms", "terms")  # fmt: skip
    else:
        missing = [w for w, ok in (("whether it is binding", t.binding is not None),
                                   ("when it takes effect", t.effective is not None),
                                   ("how it renews", t.renewal is not None)) if not ok]  # fmt: skip
        if missing:
            yield (f"Complete the terms: say {_names(missing)}", "Terms", "terms")
    if names := _lacking(p, "signed"):
        yield (f"Once the terms are agreed, collect the signatures of {_names(names)}",
               "Partners", "partners[].signed")  # fmt: skip


def _criteria(p: Partnership) -> Iterator[Gap]:
    criteria = p.success.criteria if p.success else []
    if not criteria:
        yield ("Agree success criteria with a measure, a target and a date", "Success criteria",
               "success.criteria")  # fmt: skip
        return
    if names := [c.name for c in criteria if not measurable(c)]:
        yield (f"Give {_quoted(names)} a measure, a target and a date", "Success criteria",
               "success.criteria[].target")  # fmt: skip
    if not any(c.level in BEYOND_REACTION for c in criteria):
        yield ("Add a criterion beyond learner reaction: what people learned, how their work "
               "changed, or results", "Success criteria", "success.criteria[].level")  # fmt: skip
    roi = roi_of(p)
    worked = roi.value() if roi and roi.isolated else None  # the record already gives it
    if worked is not None and roi and (c := _criterion(criteria, roi.criterion)).current is None:
        what = "benefit-cost ratio" if roi.ratio_target else "return on investment"
        unit = ":1" if roi.ratio_target else " %"
        yield (f"Record the {what} the costs and benefits give, {worked:g}{unit}, "
               f"as the result of “{c.name}”", "Success criteria",
               "success.criteria[].current")  # fmt: skip
    if names := [c.name for c in criteria if c.current is None]:
        yield (f"Measure {_quoted(names)} and record the result", "Success criteria",
               "success.criteria[].current")  # fmt: skip


def _criterion(criteria: list[Criterion], name: str | None) -> Criterion:
    return next(c for c in criteria if c.name == name)


def _history(p: Partnership, today: dt.date, renewing: bool = False) -> Iterator[Gap]:
    history = p.reviews.history if p.reviews else []
    rated = [x for x in history if review_ratings(x)]
    if not history:
        yield ("Hold the first review with every partner and rate the Six C's together",
               "Reviews", "reviews.history")  # fmt: skip
    elif not rated:
        yield ("Rate the Six C's at the next review, so that health can be followed",
               "Reviews", "reviews.history[].ratings")  # fmt: skip
    elif health_is_stale(p, max(x.date for x in rated), today):
        when = max(x.date for x in rated)
        yield (f"Rate the Six C's again: the latest ratings, from {when}, are more than two "
               "review cycles old", "Reviews", "reviews.history[].ratings")  # fmt: skip
    wins = [x.date for x in history if x.wins]
    long_enough = history and (
        renewing or (today - min(x.date for x in history)).days > WINS_WINDOW_DAYS
    )
    if long_enough and (not wins or (today - max(wins)).days > WINS_WINDOW_DAYS):
        yield ("Collect and record the wins: what the partnership achieved that the partners "
               "can celebrate and show", "Reviews", "reviews.history[].wins")  # fmt: skip
    if history and not any(x.adjustments for x in history):
        yield ("Record the adjustments agreed at reviews", "Reviews",
               "reviews.history[].adjustments")  # fmt: skip


def active(p: Partnership, today: dt.date) -> Iterator[Gap]:
    r = p.reviews
    if not (r and r.cadence):
        yield ("Agree how often you review the partnership together", "Reviews", "reviews.cadence")
    if not (r and r.next):
        yield ("Put the date of the next review in the calendar", "Reviews", "reviews.next")
    yield from _criteria(p)
    yield from _history(p, today)


def renewing(p: Partnership, today: dt.date) -> Iterator[Gap]:
    r = p.reviews
    if not (r and r.next):
        yield ("Schedule the renewal review with every partner and put it in the calendar",
               "Reviews", "reviews.next")  # fmt: skip
    criteria = p.success.criteria if p.success else []
    if names := [c.name for c in criteria if c.current is None]:
        yield (f"Measure {_quoted(names)}: the renewal decision should rest on results",
               "Success criteria", "success.criteria[].current")  # fmt: skip
    if not criteria:
        yield ("Agree the criteria the renewal will be judged by", "Success criteria",
               "success.criteria")  # fmt: skip
    yield from _history(p, today, renewing=True)
    if any(c.amount for c in p.costs) and not any(c.benefits for c in criteria):
        yield ("Put a money value on the benefits, to set against the costs when deciding to "
               "renew", "Success criteria", "success.criteria[].benefits")  # fmt: skip


def ended(p: Partnership, today: dt.date) -> Iterator[Gap]:
    history = p.reviews.history if p.reviews else []
    if not any(x.kind == "closing" for x in history):
        yield ("Hold a closing review: what was achieved, what was learned, what happens to "
               "the materials", "Reviews", "reviews.history")  # fmt: skip


def heard(p: Partnership, today: dt.date) -> Iterator[Gap]:
    """An initiative heard about: enough to decide whether to explore it."""
    h = p.heard
    if not (h and h.what):
        yield ("Write down what you heard about the initiative", "Heard", "heard.what")
    if not (h and h.source):
        yield ("Say from whom you heard it", "Heard", "heard.source")
    if not (h and h.known_by):
        yield ("Name who on your team knows its people", "Heard", "heard.known_by")
    if not (h and h.offer):
        yield ("Say what your team could offer it", "Heard", "heard.offer")


STAGES: dict[str, Callable[[Partnership, dt.date], Iterator[Gap]]] = {
    "heard": heard,
    "exploring": exploring,
    "proposed": proposed,
    "active": active,
    "under-review": active,
    "renewing": renewing,
    "ended": ended,
}


NEXT_STAGE = {"heard": "exploring", "exploring": "proposed", "proposed": "active"}


def stage_gaps(p: Partnership, today: dt.date) -> list[Gap]:
    """The gaps that matter now, at this stage."""
    return list(STAGES[p.status](p, today))


def later_gaps(p: Partnership, today: dt.date) -> list[Gap]:
    """The gaps of the stage that comes next (what to prepare once this stage's are closed)."""
    after = NEXT_STAGE.get(p.status)
    if after is None:
        return []
    # Nothing to measure, review or sign before the stage itself begins.
    return [
        g for g in STAGES[after](p, today)
        if not (g[2].endswith((".signed", ".current")) or g[2].startswith("reviews.history"))
    ]  # fmt: skip


# The readiness evidence, when not held, in plain words: (what to do, section, field).
EVIDENCE_PLAIN: dict[str, Gap] = {
    "every partner has signed": ("Collect every partner's signature", "Partners", "partners[].signed"),
    "every partner contributes": ("Agree what each partner puts in", "Partners", "partners[].contributes"),
    "the period is set": ("Set when the partnership starts, and ends if known", "Period", "period"),
    "a sponsor is named": ("Name a senior sponsor who backs the partnership", "Governance", "governance.sponsor"),
    "a spokesperson for every partner": ("Name a spokesperson for every partner", "Partners", "partners[].spokesperson"),
    "channels agreed": ("Agree the channels the partners use to keep in touch", "Communication", "communication.channels"),
    "a meeting rhythm": ("Agree how often the partners meet", "Communication", "communication.meetings"),
    "a disagreement process": ("Write down how disagreements are raised and escalated", "Disagreements", "disagreements"),
    "strengths stated for every partner": ("State each partner's strengths", "Partners", "partners[].strengths"),
    "stakeholders identified": ("Name the stakeholders: who needs, provides, funds and takes the training", "Stakeholders", "stakeholders"),
    "benchmarks named": ("Name outside benchmarks to compare results against", "Success criteria", "success.benchmarks"),
    "every expectation has an owner and a due date": ("Give every deliverable an owner and a due date", "Expectations", "expectations"),
    "decisions split into joint and independent": ("Agree which decisions are joint and which each partner makes alone", "Decisions", "decisions"),
    "a change procedure": ("Agree how the plan is changed", "Changes and ending", "changes.amendment"),
    "a termination procedure": ("Agree how the partnership ends", "Changes and ending", "changes.termination"),
    "success criteria are measurable": ("Give every success criterion a measure, a target and a date", "Success criteria", "success.criteria[].target"),
    "a review cadence": ("Agree how often you review the partnership", "Reviews", "reviews.cadence"),
    "the next review is scheduled and not overdue": ("Schedule the next review", "Reviews", "reviews.next"),
    "deliverables are on time": ("Bring overdue deliverables up to date, or agree new dates", "Expectations", "expectations[]"),
    "joint decisions": ("Agree which decisions you make together", "Decisions", "decisions.joint"),
    "shared goals": ("Write down the goals the partners share", "Value", "value.goals"),
    "benefits for every partner": ("Say what every partner gains", "Partners", "partners[].benefits"),
    "reviews record adjustments": ("Record the adjustments agreed at reviews", "Reviews", "reviews.history[].adjustments"),
    "every party has its legal name": ("Give every partner's full legal name", "Partners", "partners[].legal_name"),
    "every party has an address for notices": ("Give every partner's address for formal notices", "Partners", "partners[].address"),
    "every party names an authorised signatory": ("Name who may sign for each partner", "Partners", "partners[].signatory"),
    "signed by the named signatories": ("Have each partner's authorised signatory sign", "Partners", "partners[].signed"),
    "an effective date": ("Agree the date the agreement takes effect", "Terms", "terms.effective"),
    "personal data is protected": ("Agree how personal data is protected", "Terms", "terms.data_protection"),
    "ownership of materials is agreed": ("Agree who owns the materials made together", "Terms", "terms.intellectual_property"),
    "a governing law": ("Agree the law that governs the agreement", "Terms", "terms.governing_law"),
    "whether the agreement binds is stated": ("Say whether the agreement is legally binding", "Terms", "terms.binding"),
    "liability and insurance are agreed": ("Agree liability and the insurance each side holds", "Terms", "terms.liability"),
    "the standard terms are named": ("Name the standard terms the agreement is made under", "Terms", "terms.standard_terms"),
    "the standard terms named are known": ("Name standard terms this partnerkit ships", "Terms", "terms.standard_terms"),
    "a liability cap": ("Agree the cap on each partner's liability", "Terms", "terms.liability_cap"),
    "a cure period": ("Agree how long a partner has to put a breach right", "Terms", "terms.cure_days"),
    "a venue for disputes": ("Name the courts that hear a dispute", "Terms", "terms.venue"),
    "a breach notice period": ("Agree how quickly a breach of personal data is reported", "Terms", "terms.data_protection.breach_notice_hours"),
    "the funder's grant instrument is named": ("Name the funder's grant agreement", "Terms", "terms.grant_instrument"),
    "the sections agree with each other": ("Settle where two sections of the file contradict each other", "Terms", "terms"),
}  # fmt: skip
