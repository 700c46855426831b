"""Next actions: what the people running a partnership should do first, where, and why.

Ranked by consequence, the way an experienced evaluator works through a file: first
what the calendar forces (the term ending or ended, a notice deadline, an internal
project's go-live, an overdue review or deliverable, a missed target), then what
blocks signing a binding agreement (the legal terms its kind needs, for a partnership
about to sign), then partners who have not signed, then partners who see the
partnership differently, then the gaps that matter at this stage of its life, and
last the remaining readiness evidence (party details and the like). Each action
carries a short reason. Pure: everything is judged against `today`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from partnerkit.format.model import CADENCE_DAYS, Partnership
from partnerkit.format.thresholds import HEALTH_CONCERN, PERCEPTION_GAP, shift
from partnerkit.judge.digest import Step
from partnerkit.judge.facts import criterion_progress, overdue_deliverables, review_ratings, spreads
from partnerkit.judge.legal import needs
from partnerkit.judge.notice import governing, wording
from partnerkit.judge.stages import EVIDENCE_PLAIN, later_gaps, stage_gaps

SOON = 30  # days: a deadline this close is as urgent as one passed
RUNNING = ("active", "under-review")
SIGNED = ("active", "under-review", "renewing")
TIERS = ("dates", "terms", "signatures", "ratings", "stage", "readiness")
SIGNING = ("proposed", "renewing")  # a signature is coming: what blocks it comes first
# Deliverables whose names say the work is being handed over at the end.
HAND_OVER = re.compile(
    r"\b(sustainab\w*|hand-?overs?|handover|exit|transition|without the)\b", re.I
)
# Deliverables whose names say people are being trained.
TRAINING = re.compile(
    r"\b(train\w*|courses?|modules?|workshops?|sessions?|e-?learning|guides?|lessons?|"
    r"coaching|onboarding|curricul\w*|materials?|scenarios?)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do: in plain words, where (a section in words, and the file's field)."""

    tier: int  # index in TIERS
    text: str
    section: str
    field: str
    date: dt.date | None = None  # the date that makes it urgent, if any
    weight: int = 0  # order inside a tier
    why: str = ""  # the consequence, in a short clause

    @property
    def kind(self) -> str:
        return TIERS[self.tier]

    def step(self) -> Step:
        """The action as the frozen record results carry (and JSON shows)."""
        return Step(self.text, self.section, self.field, self.kind, self.date, self.why)

    def as_dict(self) -> dict[str, str | None]:
        return self.step().as_dict()


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _when(day: dt.date, today: dt.date) -> str:
    left = (day - today).days
    if left < 0:
        return f"{_days(-left)} ago"
    return "today" if left == 0 else f"in {_days(left)}"


def _names(names: list[str], most: int = 10) -> str:
    """`A, B and C`; past `most` names, the rest counted (`A, …, J and 90 more`)."""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most:,} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _period(p: Partnership, today: dt.date) -> Iterator[Action]:
    """The period ending or ended, or the last day to give notice before it ends."""
    if not (p.period and p.period.end) or p.status not in SIGNED:
        return
    end = p.period.end
    when, left = _when(end, today), (end - today).days
    if p.plan == "end" and left <= SOON:
        yield from _ending(p, end, today)
        return
    if p.status == "renewing" and left < 0:
        text = (f"The period ended on {end} ({when}) and the renewal is not settled: agree and "
                "sign the renewal with every partner, or close the partnership")  # fmt: skip
        why = f"no agreement has been in force since {end}"
    elif p.status == "renewing" and left <= SOON:
        text = (f"The period ends on {end}, {when}: get the renewal agreed and signed by every "
                "partner before then, or agree a short extension in writing")  # fmt: skip
        why = f"the agreement lapses on {end} unless the renewal is signed"
    elif left < 0:
        text = (f"The period ended on {end} ({when}) but the partnership is still {p.status}: "
                "renew it with a new period, or close it with a closing review")  # fmt: skip
        why = "the partners are working together without an agreement in force"
    elif left <= SOON:
        text = (f"The period ends on {end}, {when}: decide with the partners whether to renew "
                "or close, and plan the renewal or the closing review now")  # fmt: skip
        why = f"the agreement ends on {end} whatever is decided"
    else:
        yield from _notice(p, today)
        return
    yield Action(0, text, "Period and renewal", "period.end", end, 0, why)


def _ending(p: Partnership, end: dt.date, today: dt.date) -> Iterator[Action]:
    """A partnership whose plan is to end: the hand-over, then the closing review."""
    for i, e in enumerate(p.expectations):
        if not HAND_OVER.search(e.deliverable) or e.status in ("done", "dropped"):
            continue
        late = f", due {_when(e.due, today)}" if e.due else ""
        yield Action(0, f"Finish “{e.deliverable}”{late}, and agree it with every partner "
                     f"before the partnership ends on {end}", "Expectations",
                     f"expectations[{i}]", e.due or end, -1,
                     f"the partners plan to end on {end}; the work carries on only if "
                     "the hand-over is done")  # fmt: skip
    yield Action(0, f"The period ends on {end}, {_when(end, today)}, and the partners plan to "
                 "end it: hand the work and materials over, and hold the closing review",
                 "Period and renewal", "period.end", end, 0,
                 "what is not handed over by then is lost with the partnership")  # fmt: skip


def _notice(p: Partnership, today: dt.date) -> Iterator[Action]:
    """The notice deadline the renewal terms set before the period ends, once it is near."""
    assert p.period and p.period.end
    n = governing(p)
    if n is None:
        return
    deadline, end = shift(p.period.end, -n.days), p.period.end
    if (deadline - today).days > SOON:
        return
    said = wording(n, p, deadline, today, _when(deadline, today), _when(end, today))
    if said:
        yield Action(0, said[0], "Period and renewal", n.field, deadline, 0, said[1])


def go_live(p: Partnership, today: dt.date) -> list[Action]:
    """What an internal partnership's go-live asks now (the agenda reads these too)."""
    return list(_launch(p, today))


def _launch(p: Partnership, today: dt.date) -> Iterator[Action]:
    """An internal partnership's go-live: training must be ready before it."""
    if p.launch is None or p.status == "ended":
        return
    late = [(i, e) for i, e in enumerate(p.expectations)
            if TRAINING.search(e.deliverable) and e.status not in ("done", "dropped")
            and (e.due is None or e.due > p.launch)]  # fmt: skip
    for i, e in late:
        text = (f"“{e.deliverable}” is due on {e.due}, after the go-live on {p.launch}: bring it "
                "forward or agree what people will need on the first day") if e.due else (
                f"Give “{e.deliverable}” {'a' if e.owner else 'an owner and a'} due date that "
                "leaves time to train everyone before "
                f"the go-live on {p.launch}")  # fmt: skip
        yield Action(0, text,
                     "Expectations", f"expectations[{i}]", p.launch, 0,
                     f"people start working in the new way on {p.launch}; training that "
                     "comes later comes too late")  # fmt: skip
    if not late and today <= p.launch and (p.launch - today).days <= SOON:
        yield Action(0, f"The go-live is on {p.launch}, {_when(p.launch, today)}: check that "
                     "everyone who needs training has had it", "Launch", "launch",
                     p.launch, 0, "who is not trained by then learns on the job")  # fmt: skip


def _reviews(p: Partnership, today: dt.date) -> Iterator[Action]:
    r = p.reviews
    if not r or p.status in ("exploring", "ended"):
        return
    if r.next and r.next < today:
        yield Action(0, f"The review due on {r.next} is {_days((today - r.next).days)} overdue: "
                     "hold it with every partner and record it", "Reviews", "reviews.next",
                     r.next, 1, "problems the partners have not talked through grow")  # fmt: skip
        return
    if p.status not in (*RUNNING, "renewing") or not r.cadence:
        return
    last = max((x.date for x in r.history), default=None)
    since = last or (p.period.start if p.period else None)
    if since is not None and (today - since).days > 2 * CADENCE_DAYS[r.cadence]:
        what = f"the last review was on {last}" if last else f"no review since the start on {since}"
        yield Action(0, f"Hold a review: {what}, more than two {r.cadence} cycles ago",
                     "Reviews", "reviews.history", since, 1,
                     "problems the partners have not talked through grow")  # fmt: skip


def _deliverables(p: Partnership, today: dt.date) -> Iterator[Action]:
    names = {x.id: x.name for x in p.partners}
    for i in overdue_deliverables(p, today):
        e = p.expectations[i]
        assert e.due is not None
        owner = f" ({names.get(e.owner, e.owner)})" if e.owner else ""
        yield Action(0, f"“{e.deliverable}”{owner} was due on {e.due}, {_when(e.due, today)}: "
                     "agree with its owner a new date or what is dropped, and record it",
                     "Expectations", f"expectations[{i}]", e.due, 2,
                     "a late deliverable nobody has agreed to becomes a dispute")  # fmt: skip
    payments = p.terms.payments if p.terms else []
    for i, pay in enumerate(payments):
        if pay.due and shift(today, -SOON) <= pay.due <= shift(today, 7):
            yield Action(0, f"Check that the payment for {pay.for_} due on {pay.due} "
                         f"({_when(pay.due, today)}) has been invoiced and paid",
                         "Terms: payments", f"terms.payments[{i}]", pay.due, 4,
                         "a payment missed strains the partnership")  # fmt: skip


def _criteria(p: Partnership, today: dt.date) -> Iterator[Action]:
    if not p.success or p.status in ("exploring", "proposed"):
        return
    start = p.period.start if p.period else None
    for i, c in enumerate(p.success.criteria):
        g = criterion_progress(c, start, today)
        if g.status == "missed":
            assert c.by is not None
            unit = f" {c.unit}" if c.unit else ""
            yield Action(0, f"“{c.name}” missed its target of {c.target:g}{unit} by {c.by}: "
                         "record why and agree whether to extend, adjust or close it",
                         "Success criteria", f"success.criteria[{i}]", c.by, 3,
                         "a missed target left unexplained weakens the case for the "
                         "partnership")  # fmt: skip
        elif g.status == "behind" and c.by and (c.by - today).days <= SOON:
            left = _days((c.by - today).days)
            yield Action(0, f"“{c.name}” is behind its target with {left} to go, on {c.by}: "
                         "agree what will close the gap", "Success criteria",
                         f"success.criteria[{i}]", c.by, 3,
                         "after that date the target is missed")  # fmt: skip


def _signatures(p: Partnership) -> Iterator[Action]:
    if p.status not in SIGNED:
        return
    unsigned = [x.name for x in p.partners if x.signed is None]
    if unsigned:
        them = "that signature" if len(unsigned) == 1 else "those signatures"
        yield Action(2, f"Get the agreement signed by {_names(unsigned)}: the partnership is "
                     f"{p.status} without {them}",
                     "Partners", "partners[].signed",
                     why="an unsigned partner is not bound by anything")  # fmt: skip


def _divergence(p: Partnership) -> Iterator[Action]:
    history = sorted(p.reviews.history, key=lambda x: x.date) if p.reviews else []
    rated = [x for x in history if review_ratings(x)]
    if not rated:
        return
    latest = rated[-1]
    apart = {c: gap for c, gap in spreads(latest).items() if gap >= PERCEPTION_GAP}
    if apart:
        cs = _names([f"{c} ({gap} points apart)" for c, gap in apart.items()])
        yield Action(3, f"Partners rated {cs} differently at the {latest.date} review: put the "
                     "gap first on the next agenda and hear each side", "Reviews",
                     "reviews.history[].partner_ratings",
                     why="partners who see it differently will not fix the same thing")  # fmt: skip
    low = [c for c, v in review_ratings(latest).items() if v < HEALTH_CONCERN]
    if low and not latest.adjustments:
        yield Action(3, f"{_names(low).capitalize()} rated below {HEALTH_CONCERN:g} at the "
                     f"{latest.date} review with no adjustment recorded: agree one with the "
                     "partners", "Reviews", "reviews.history[].adjustments",
                     why="a weak C left alone gets weaker")  # fmt: skip


_INDEX = re.compile(r"\[\d*\]")


def _general(field: str) -> str:
    """`expectations[3]` and `expectations[]` name the same kind of gap."""
    return _INDEX.sub("", field)


MOST_ACTIONS = 50
"""Nobody acts on more: a file with thousands of late deliverables gets the 50 most urgent."""
COVERS = {"decisions": ("decisions.joint",)}  # which are joint, and which each makes alone

KIND_TERMS = {
    "vendor": "whether it binds, when it takes effect, payments, liability and insurance, "
    "who owns the materials and confidentiality",
    "school": "whether it binds, when it takes effect, liability and insurance for people "
    "working in the schools, and how pupils' and staff data is protected",
    "community": "whether it binds (a memorandum of understanding usually does not), when "
    "it takes effect, and how each partner's data and materials may be used",
    "internal": "when the charter takes effect",
    "other": "whether it binds, when it takes effect, payments, confidentiality and data "
    "protection",
}
TERM_NEEDS = {  # legal needs that block signing: (what to do, field)
    "PK424": ("Agree the date the agreement takes effect", "terms.effective"),
    "PK425": ("Agree how personal data is protected", "terms.data_protection"),
    "PK426": ("Agree who owns the materials made together", "terms.intellectual_property"),
    "PK427": ("Agree the law that governs the agreement", "terms.governing_law"),
    "PK428": ("Say whether the agreement is legally binding", "terms.binding"),
    "PK429": ("Agree liability and the insurance each side holds", "terms.liability"),
}
STAGE_WHY = {
    "heard": "the team needs it to decide whether to explore a partnership",
    "exploring": "the partners need it before they can propose an agreement",
    "proposed": "the agreement should settle it before anyone signs",
    "active": "it keeps a running partnership on course",
    "under-review": "it keeps a running partnership on course",
    "renewing": "the renewal decision rests on it",
    "ended": "it closes the partnership properly",
}

FIELD_WHY = {  # a reason that holds whatever the stage
    "partners[].signed": "an unsigned partner is not bound by anything",
    "success.criteria[].current": "without a result nobody can say whether the partnership works",
    "reviews.history[].ratings": "ratings that old no longer show how the partners see it",
}


def _terms(p: Partnership, today: dt.date) -> Iterator[Action]:
    """What blocks signing, for a partnership about to sign: the terms its kind needs."""
    if p.status not in SIGNING:
        return
    why = f"a {p.kind} agreement cannot be signed without it"
    if p.period and p.period.start > today:
        why += f", and the period starts on {p.period.start}"
    if p.terms is None:
        yield Action(1, f"Draft the terms of the agreement: {KIND_TERMS[p.kind]}", "Terms",
                     "terms", why=why)  # fmt: skip
    if not (p.changes and p.changes.termination) and p.kind != "internal":
        yield Action(1, "Agree how the partnership ends: the notice each partner gives and "
                     "what happens to work in progress", "Changes and ending",
                     "changes.termination", why=why)  # fmt: skip
    if p.terms is None:
        return
    for need in needs(p):
        if not need.held and need.code in TERM_NEEDS:
            text, field = TERM_NEEDS[need.code]
            yield Action(1, text, "Terms", field, why=why)


def next_actions(p: Partnership, today: dt.date, missing: Sequence[str]) -> list[Action]:
    """Every action (up to `MOST_ACTIONS`), most urgent first; `missing` names the readiness
    evidence that does not hold, biggest gain first (from `scoring`)."""
    dated = [
        *_period(p, today), *go_live(p, today), *_reviews(p, today), *_deliverables(p, today),
        *_criteria(p, today),
    ]  # fmt: skip
    dated.sort(key=lambda a: (a.weight, a.date or dt.date.max))
    out: list[Action] = []
    seen: set[str] = set()

    def add(actions: Iterable[Action]) -> None:
        for a in actions:
            # Dated actions are told one by one (two late deliverables are two actions).
            if (a.field if a.tier == 0 else _general(a.field)) not in seen:
                out.append(a)
                seen.update((a.field, _general(a.field), *COVERS.get(a.field, ())))

    add(dated)
    add([*_terms(p, today), *_signatures(p), *_divergence(p)])
    why = STAGE_WHY[p.status]
    # A gap with a reason of its own says it; while renewing, the renewal is the reason.
    own = FIELD_WHY if p.status in ("proposed", "active", "under-review") else {}
    add(Action(4, text, section, field, why=own.get(field, why))
        for text, section, field in stage_gaps(p, today))  # fmt: skip
    later = "it will be needed at the next stage"
    add(Action(5, text, section, field, why=later) for text, section, field in later_gaps(p, today))
    evidence = "the record still lacks it"
    add(
        Action(5, *EVIDENCE_PLAIN[name], why=evidence)
        for name in missing
        if p.status != "heard"  # a lead, not yet a partnership: nothing more to ask
        and not (p.status == "exploring" and "signed" in EVIDENCE_PLAIN[name][2])
    )
    return out[:MOST_ACTIONS]
