"""Readiness (is the file sound enough to sign and run?) and health (how partners rate it).

Readiness: for each of the Six C's, the share of its evidence checks that hold, 0–100;
overall, their mean. Health: the Six-C ratings from reviews, latest and trend, with
the spread between partners who rated separately.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from partnerkit.config import Bands
from partnerkit.model import CADENCE_DAYS, SIX_CS, Partnership, Review

Loc = tuple[str | int, ...]
BEYOND_REACTION = frozenset({"learning", "behaviour", "results", "roi"})
STALE_CYCLES = 2  # health older than this many review cycles is stale


@dataclass(frozen=True, slots=True)
class Evidence:
    """One evidence check of a C: whether it holds, and what to do when it does not."""

    c: str
    name: str
    held: bool
    action: str
    where: Loc = ()

    @property
    def advice(self) -> str:
        return self.action[:1].upper() + self.action[1:]


@dataclass(slots=True)
class CReadiness:
    c: str
    evidence: list[Evidence]

    @property
    def score(self) -> float:
        return 100.0 * sum(e.held for e in self.evidence) / len(self.evidence)


@dataclass(frozen=True, slots=True)
class Question:
    number: int
    text: str
    where: str
    status: str  # answered | partial | missing
    detail: str = ""


@dataclass(slots=True)
class CHealth:
    c: str
    latest: float | None = None
    previous: float | None = None
    spread: int | None = None
    series: list[float | None] = field(default_factory=list)  # every rated review, oldest first

    @property
    def trend(self) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        return round(self.latest - self.previous, 2)

    @property
    def reading(self) -> str:
        return health_band(self.latest)


def health_band(value: float | None) -> str:
    """Read a 1–5 mean as the Wilder inventory reads factor means."""
    if value is None:
        return "not rated"
    if value >= 4.0:
        return "strength"
    if value >= 3.0:
        return "worth discussing"
    return "concern"


@dataclass(slots=True)
class Assessment:
    readiness: list[CReadiness]
    questions: list[Question]
    health: list[CHealth]
    bands: Bands
    rated_on: dt.date | None = None
    reviews_rated: int = 0
    actions: list[tuple[Evidence, float]] = field(default_factory=list)
    stale: bool = False  # the latest ratings are older than two review cycles
    next_actions: list[Any] = field(default_factory=list)  # actions.Action, most urgent first

    @property
    def overall(self) -> float:
        return sum(c.score for c in self.readiness) / len(self.readiness)

    @property
    def band(self) -> str:
        return self.bands.name(round(self.overall, 1))

    def summary(self) -> dict[str, Any]:
        """A JSON-safe digest, kept per file in check reports."""
        return {
            "overall": round(self.overall, 1),
            "band": self.band,
            "readiness": {c.c: round(c.score, 1) for c in self.readiness},
            "evidence": {
                c.c: {
                    "held": [e.name for e in c.evidence if e.held],
                    "missing": [e.name for e in c.evidence if not e.held],
                }
                for c in self.readiness
            },
            "questions": {f"Q{q.number}": q.status for q in self.questions},
            "health": {
                h.c: {"latest": h.latest, "trend": h.trend, "spread": h.spread} for h in self.health
            },
            "health_rated_on": self.rated_on.isoformat() if self.rated_on else None,
            "health_stale": self.stale,
            "next_actions": [a.as_dict() for a in self.next_actions],
        }


QUESTIONS = (
    (1, "How does the partnership add value to our existing goals and strategies?", "value"),
    (2, "What benefits will each partner realise?", "partners[].benefits"),
    (3, "What are the costs: real, intangible and possible?", "costs"),
    (4, "What is expected of each partner, and by when?", "expectations"),
    (5, "How is the plan changed, or the partnership ended?", "changes"),
    (6, "Which decisions are joint, and which independent?", "decisions"),
    (7, "How do the partners communicate, and who speaks for each?", "communication"),
    (8, "How are disagreements handled?", "disagreements"),
    (9, "Who manages the partnership?", "governance"),
    (10, "What criteria and benchmarks measure success?", "success"),
)


def _status(answered: bool, partial: bool) -> str:
    return "answered" if answered else ("partial" if partial else "missing")


_LAST: list[tuple[Partnership, list[Question]]] = []


def question_statuses(p: Partnership) -> list[Question]:
    """The ten questions as answered, partial or missing (computed once per model)."""
    if _LAST and _LAST[0][0] is p:
        return _LAST[0][1]
    result = _question_statuses(p)
    _LAST[:] = [(p, result)]
    return result


def _question_statuses(p: Partnership) -> list[Question]:
    v, ch, d, cm, g, s = p.value, p.changes, p.decisions, p.communication, p.governance, p.success
    with_benefits = [x for x in p.partners if x.benefits]
    spokes = [x for x in p.partners if x.spokesperson]
    borne = [c for c in p.costs if c.borne_by]
    complete = [e for e in p.expectations if e.owner and e.due]
    facts: list[tuple[bool, bool, str]] = [
        (
            bool(v and v.goals and (v.strategies or v.needs)),
            bool(v and (v.goals or v.strategies or v.needs)),
            "the goals it serves and the strategies or needs it supports",
        ),
        (len(with_benefits) == len(p.partners), bool(with_benefits), "benefits for every partner"),
        (bool(p.costs) and len(borne) == len(p.costs), bool(p.costs), "who bears every cost"),
        (
            bool(p.expectations) and len(complete) == len(p.expectations),
            bool(p.expectations),
            "an owner and a due date for every expectation",
        ),
        (
            bool(ch and ch.amendment and ch.termination),
            bool(ch and (ch.amendment or ch.termination)),
            "how the plan is amended (`changes.amendment`)"
            if ch and ch.termination
            else "how the partnership is ended (`changes.termination`)"
            if ch and ch.amendment
            else "how to amend the plan and how to end the partnership",
        ),
        (
            bool(d and d.joint and d.independent),
            bool(d and (d.joint or d.independent)),
            "both joint and independent decisions",
        ),
        (
            bool(cm and cm.channels and cm.meetings) and len(spokes) == len(p.partners),
            bool(cm and (cm.channels or cm.meetings)) or bool(spokes),
            "channels, a meeting rhythm and a spokesperson for every partner",
        ),
        (
            bool(p.disagreements and len(p.disagreements.steps) >= 2),
            bool(p.disagreements and p.disagreements.steps),
            "at least two steps, so there is somewhere to escalate",
        ),
        (
            bool(g and g.manager and g.sponsor),
            bool(g and (g.manager or g.sponsor)),
            "both a manager and a sponsor",
        ),
        (
            bool(s and s.criteria and s.benchmarks and all(map(measurable, s.criteria))),
            bool(s and (s.criteria or s.benchmarks)),
            "measurable criteria (measure, target, date) and benchmarks",
        ),
    ]
    out = []
    for (number, text, where), (answered, partial, needs) in zip(QUESTIONS, facts, strict=True):
        status = _status(answered, partial)
        detail = {"answered": "", "partial": needs}.get(status, f"an answer in `{where}`")
        out.append(Question(number, text, where, status, detail))
    return out


def measurable(criterion: Any) -> bool:
    return bool(criterion.measure and criterion.target is not None and criterion.by)


def overdue_deliverables(p: Partnership, today: dt.date) -> list[int]:
    """Indexes of expectations past due and neither done nor dropped."""
    return [
        i
        for i, e in enumerate(p.expectations)
        if e.due and e.due < today and e.status not in ("done", "dropped")
    ]


def _evidence(p: Partnership, today: dt.date) -> dict[str, list[Evidence]]:
    v, ch, d, cm, g, s, r = (
        p.value, p.changes, p.decisions, p.communication, p.governance, p.success, p.reviews,
    )  # fmt: skip
    every: Callable[[str], bool] = lambda attr: all(getattr(x, attr) for x in p.partners)  # noqa: E731
    criteria = s.criteria if s else []
    checks: dict[str, list[tuple[str, bool, str, Loc]]] = {
        "commitment": [
            ("every partner has signed", every("signed"), "record each partner's signature under `signed`", ("partners",)),
            ("every partner contributes", every("contributes"), "list what each partner puts in under `contributes`", ("partners",)),
            ("the period is set", p.period is not None, "set the partnership `period` (start, and end if known)", ()),
            ("a sponsor is named", bool(g and g.sponsor), "name a senior `governance.sponsor`", ("governance",)),
        ],
        "communication": [
            ("a spokesperson for every partner", every("spokesperson"), "name a `spokesperson` for every partner", ("partners",)),
            ("channels agreed", bool(cm and cm.channels), "list the `communication.channels` you use", ("communication",)),
            ("a meeting rhythm", bool(cm and cm.meetings), "set how often partners meet (`communication.meetings`)", ("communication",)),
            ("a disagreement process", bool(p.disagreements and p.disagreements.steps), "write the `disagreements.steps`", ()),
        ],
        "credibility": [
            ("strengths stated for every partner", every("strengths"), "state each partner's `strengths`", ("partners",)),
            ("stakeholders identified", bool(p.stakeholders), "list the `stakeholders`: who needs, provides and funds training", ()),
            ("benchmarks named", bool(s and s.benchmarks), "name outside `success.benchmarks` to compare against", ("success",)),
        ],
        "clarity": [
            ("every expectation has an owner and a due date",
             bool(p.expectations) and all(e.owner and e.due for e in p.expectations),
             "give every expectation an `owner` and a `due` date", ("expectations",)),
            ("decisions split into joint and independent", bool(d and d.joint and d.independent),
             "split `decisions` into `joint` and `independent`", ("decisions",)),
            ("a change procedure", bool(ch and ch.amendment), "write how the plan is amended (`changes.amendment`)", ("changes",)),
            ("a termination procedure", bool(ch and ch.termination), "write how the partnership ends (`changes.termination`)", ("changes",)),
            ("success criteria are measurable", bool(criteria) and all(map(measurable, criteria)),
             "give every success criterion a `measure`, a `target` and a `by` date", ("success",)),
        ],
        "cadence": [
            ("a review cadence", bool(r and r.cadence), "set a review `cadence`", ("reviews",)),
            ("the next review is scheduled and not overdue", bool(r and r.next and r.next >= today),
             "schedule the next review (`reviews.next`)", ("reviews",)),
            ("deliverables are on time", bool(p.expectations) and not overdue_deliverables(p, today),
             "bring overdue deliverables up to date, or re-plan their `due` dates", ("expectations",)),
        ],
        "collaboration": [
            ("joint decisions", bool(d and d.joint), "agree which `decisions.joint` you make together", ("decisions",)),
            ("shared goals", bool(v and v.goals), "write the shared `value.goals`", ("value",)),
            ("benefits for every partner", every("benefits"), "state what every partner gains (`benefits`)", ("partners",)),
            ("reviews record adjustments", bool(r and any(x.adjustments for x in r.history)),
             "record the `adjustments` agreed at reviews", ("reviews",)),
        ],
    }  # fmt: skip
    return {
        c: [Evidence(c, n, held, act, loc) for n, held, act, loc in rows]
        for c, rows in checks.items()
    }


def review_ratings(review: Review) -> dict[str, float]:
    """A review's rating per C: the jointly agreed one, else the mean of the partners'."""
    agreed = review.ratings.values() if review.ratings else {}
    out: dict[str, float] = dict(agreed)
    for c in SIX_CS:
        if c in out:
            continue
        given = [r.values()[c] for r in review.partner_ratings.values() if c in r.values()]
        if given:
            out[c] = round(sum(given) / len(given), 2)
    return out


def spreads(review: Review) -> dict[str, int]:
    """Per C, the gap between the highest and lowest separate partner rating."""
    out = {}
    for c in SIX_CS:
        given = [r.values()[c] for r in review.partner_ratings.values() if c in r.values()]
        if len(given) >= 2:
            out[c] = max(given) - min(given)
    return out


def _health(p: Partnership) -> tuple[list[CHealth], dt.date | None, int]:
    history = sorted(p.reviews.history, key=lambda x: x.date) if p.reviews else []
    rated = [(x, review_ratings(x)) for x in history if review_ratings(x)]
    health = [CHealth(c) for c in SIX_CS]
    if not rated:
        return health, None, 0
    latest_review, latest = rated[-1]
    previous = rated[-2][1] if len(rated) >= 2 else {}
    gaps = spreads(latest_review)
    for h in health:
        h.latest, h.previous, h.spread = latest.get(h.c), previous.get(h.c), gaps.get(h.c)
        h.series = [ratings.get(h.c) for _, ratings in rated]
    return health, latest_review.date, len(rated)


def health_is_stale(p: Partnership, rated_on: dt.date | None, today: dt.date) -> bool:
    """Ratings older than two review cycles (quarterly when no cadence is set) are stale."""
    if rated_on is None:
        return False
    cadence = p.reviews.cadence if p.reviews and p.reviews.cadence else "quarterly"
    return (today - rated_on).days > STALE_CYCLES * CADENCE_DAYS[cadence]


def assess(p: Partnership, today: dt.date, bands: Bands | None = None) -> Assessment:
    """Score a valid partnership as of `today`."""
    evidence = _evidence(p, today)
    readiness = [CReadiness(c, evidence[c]) for c in SIX_CS]
    health, rated_on, count = _health(p)
    gains = [
        (e, 100.0 / len(c.evidence) / len(readiness))
        for c in readiness
        for e in c.evidence
        if not e.held
    ]
    gains.sort(key=lambda pair: -pair[1])
    a = Assessment(
        readiness, question_statuses(p), health, bands or Bands(), rated_on, count, gains[:3],
        health_is_stale(p, rated_on, today),
    )  # fmt: skip
    from partnerkit.actions import next_actions

    a.next_actions = next_actions(p, today, a)
    return a


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a success criterion has come from its baseline towards its target."""

    name: str
    share: float | None  # 0-100, None when baseline, current or target is missing
    status: str  # met | on track | in progress | behind | missed | not measured

    @property
    def on_track(self) -> bool:
        return self.status in ("met", "on track")


def criterion_progress(c: Any, start: dt.date | None, today: dt.date) -> Progress:
    """Baseline → current → target, judged against the time elapsed towards `by`."""
    if c.target is None or c.current is None:
        return Progress(c.name, None, "not measured")
    lower_better = c.baseline is not None and c.target < c.baseline
    met = c.current <= c.target if lower_better else c.current >= c.target
    share = None
    if c.baseline is not None and c.target != c.baseline:
        share = max(0.0, min(100.0, 100 * (c.current - c.baseline) / (c.target - c.baseline)))
    if met:
        return Progress(c.name, 100.0 if share is not None else None, "met")
    if c.by is not None and c.by < today:
        return Progress(c.name, share, "missed")
    if share is None or c.by is None or start is None or c.by <= start:
        return Progress(c.name, share, "in progress")  # nothing to judge the pace against
    expected = 100 * (today - start).days / (c.by - start).days
    return Progress(c.name, share, "on track" if share >= expected - 10 else "behind")


def progress_of(p: Partnership, today: dt.date) -> list[Progress]:
    start = p.period.start if p.period else None
    return [criterion_progress(c, start, today) for c in (p.success.criteria if p.success else [])]
