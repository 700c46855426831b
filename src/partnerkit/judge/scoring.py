"""Readiness (is the file sound enough to sign and run?) and health (how partners rate it).

Readiness: for each of the Six C's, the share of its evidence checks that hold, 0–100;
overall, their mean. Health: the Six-C ratings from reviews, latest and trend, with
the spread between partners who rated separately.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from partnerkit.format.model import SIX_CS, Partnership, Review
from partnerkit.format.thresholds import PERCEPTION_GAP, Bands, health_band, is_overdue
from partnerkit.judge.actions import Action, next_actions
from partnerkit.judge.consistency import blocking
from partnerkit.judge.coverpage import all_needs
from partnerkit.judge.digest import CScore, ScoreDigest
from partnerkit.judge.facts import (
    health_is_stale,
    measurable,
    overdue_deliverables,
    review_ratings,
    spreads,
)
from partnerkit.judge.legal import Need
from partnerkit.judge.questions import Question, question_statuses


@dataclass(frozen=True, slots=True)
class Evidence:
    """One evidence check of a C: whether it holds, and what to do when it does not."""

    c: str
    name: str
    held: bool
    action: str

    @property
    def advice(self) -> str:
        return self.action[:1].upper() + self.action[1:]


@dataclass(frozen=True, slots=True)
class CReadiness:
    c: str
    evidence: tuple[Evidence, ...]
    # Worked out once: the overall score, the band and the digest each read every C's
    # score, thirty sums a file where six are needed.
    score: float = field(init=False)

    def __post_init__(self) -> None:
        held = sum(e.held for e in self.evidence)
        object.__setattr__(self, "score", 100.0 * held / len(self.evidence))


@dataclass(frozen=True, slots=True)
class CHealth:
    c: str
    latest: float | None = None
    previous: float | None = None
    spread: int | None = None
    series: tuple[float | None, ...] = ()  # every rated review, oldest first
    spread_on: dt.date | None = None  # set when the spread is an earlier review's open gap

    @property
    def trend(self) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        return round(self.latest - self.previous, 2)

    @property
    def reading(self) -> str:
        return health_band(self.latest)


@dataclass(frozen=True, slots=True)
class Assessment:
    readiness: tuple[CReadiness, ...]
    questions: tuple[Question, ...]
    health: tuple[CHealth, ...]
    bands: Bands
    rated_on: dt.date | None = None
    reviews_rated: int = 0
    actions: tuple[tuple[Evidence, float], ...] = ()
    stale: bool = False  # the latest ratings are older than two review cycles
    next_actions: tuple[Action, ...] = ()  # most urgent first
    contradicted: bool = False  # sections contradict each other in a way that blocks signing

    @property
    def overall(self) -> float:
        return sum(c.score for c in self.readiness) / len(self.readiness)

    @property
    def band(self) -> str:
        """The readiness band; a file that contradicts itself is not ready to sign."""
        name = self.bands.name(round(self.overall, 1))
        return "developing" if self.contradicted and name == "ready" else name

    @property
    def short_of_ready(self) -> str:
        """Why the band is not `ready`, as a clause: the score, or the contradictions."""
        if self.contradicted and self.bands.name(round(self.overall, 1)) == "ready":
            return (
                f"readiness {self.overall:.0f} is held at {self.band} because sections of the "
                "file contradict each other (the PK6xx findings of `partnerkit check`)"
            )
        return (
            f"readiness {self.overall:.0f} ({self.band}) is below the ready band "
            f"({self.bands.ready:g})"
        )

    def digest(self) -> ScoreDigest:
        """The score as a small frozen record (kept per file by `check` and `review`)."""
        cs = tuple(
            CScore(
                c.c,
                round(c.score, 1),
                tuple(e.name for e in c.evidence if e.held),
                tuple(e.name for e in c.evidence if not e.held),
                h.latest,
                h.trend,
                h.spread,
                tuple(h.series),
            )
            for c, h in zip(self.readiness, self.health, strict=True)
        )
        return ScoreDigest(
            round(self.overall, 1),
            self.band,
            cs,
            tuple((q.number, q.status) for q in self.questions),
            self.rated_on,
            self.stale,
            tuple(a.step() for a in self.next_actions),
        )


def _evidence(p: Partnership, today: dt.date) -> dict[str, tuple[Evidence, ...]]:
    v, ch, d, cm, g, s, r = (
        p.value, p.changes, p.decisions, p.communication, p.governance, p.success, p.reviews,
    )  # fmt: skip
    every: Callable[[str], bool] = lambda attr: all(getattr(x, attr) for x in p.partners)  # noqa: E731
    criteria = s.criteria if s else []
    checks: dict[str, list[tuple[str, bool, str]]] = {
        "commitment": [
            ("every partner has signed", every("signed"), "record each partner's signature under `signed`"),
            ("every partner contributes", every("contributes"), "list what each partner puts in under `contributes`"),
            ("the period is set", p.period is not None, "set the partnership `period` (start, and end if known)"),
            ("a sponsor is named", bool(g and g.sponsor), "name a senior `governance.sponsor`"),
        ],
        "communication": [
            ("a spokesperson for every partner", every("spokesperson"), "name a `spokesperson` for every partner"),
            ("channels agreed", bool(cm and cm.channels), "list the `communication.channels` you use"),
            ("a meeting rhythm", bool(cm and cm.meetings), "set how often partners meet (`communication.meetings`)"),
            ("a disagreement process", bool(p.disagreements and p.disagreements.steps), "write the `disagreements.steps`"),
        ],
        "credibility": [
            ("strengths stated for every partner", every("strengths"), "state each partner's `strengths`"),
            ("stakeholders identified", bool(p.stakeholders), "list the `stakeholders`: who needs, provides and funds training"),
            ("benchmarks named", bool(s and s.benchmarks), "name outside `success.benchmarks` to compare against"),
        ],
        "clarity": [
            ("every expectation has an owner and a due date",
             bool(p.expectations) and all(e.owner and e.due for e in p.expectations),
             "give every expectation an `owner` and a `due` date"),
            ("decisions split into joint and independent", bool(d and d.joint and d.independent),
             "split `decisions` into `joint` and `independent`"),
            ("a change procedure", bool(ch and ch.amendment), "write how the plan is amended (`changes.amendment`)"),
            ("a termination procedure", bool(ch and ch.termination), "write how the partnership ends (`changes.termination`)"),
            ("success criteria are measurable", bool(criteria) and all(map(measurable, criteria)),
             "give every success criterion a `measure`, a `target` and a `by` date"),
        ],
        "cadence": [
            ("a review cadence", bool(r and r.cadence), "set a review `cadence`"),
            ("the next review is scheduled and not overdue", bool(r and r.next and not is_overdue(r.next, today)),
             "schedule the next review (`reviews.next`)"),
            ("deliverables are on time", bool(p.expectations) and not overdue_deliverables(p, today),
             "bring overdue deliverables up to date, or re-plan their `due` dates"),
        ],
        "collaboration": [
            ("joint decisions", bool(d and d.joint), "agree which `decisions.joint` you make together"),
            ("shared goals", bool(v and v.goals), "write the shared `value.goals`"),
            ("benefits for every partner", every("benefits"), "state what every partner gains (`benefits`)"),
            ("reviews record adjustments", bool(r and any(x.adjustments for x in r.history)),
             "record the `adjustments` agreed at reviews"),
        ],
    }  # fmt: skip
    out = {
        c: tuple(Evidence(c, n, held, act) for n, held, act in rows) for c, rows in checks.items()
    }
    agreement = _agreement_evidence(p)
    if blocking(p):  # counted only against a file that contradicts itself
        agreement.setdefault("clarity", []).append(Evidence("clarity", AGREES, False, AGREES_ACTION))
    return {c: (*rows, *agreement.get(c, ())) for c, rows in out.items()}


AGREES = "the sections agree with each other"
AGREES_ACTION = (
    "settle where two sections contradict each other: payments and costs, people, dates "
    "and the period (the PK6xx findings of `partnerkit check`)"
)


def _agreement_evidence(p: Partnership) -> dict[str, list[Evidence]]:
    """What the agreement of this kind needs (PK420–PK436), one evidence check per need."""

    by_code: dict[str, list[Need]] = {}
    for need in all_needs(p):
        by_code.setdefault(need.code, []).append(need)
    out: dict[str, list[Evidence]] = {}
    for group in by_code.values():
        first = group[0]
        missing = [n for n in group if not n.held]
        name = _AGREEMENT_EVIDENCE[first.code]
        action = missing[0].action if missing else ""
        out.setdefault(first.c, []).append(Evidence(first.c, name, not missing, action))
    return out


_AGREEMENT_EVIDENCE = {
    "PK420": "every party has its legal name",
    "PK421": "every party has an address for notices",
    "PK422": "every party names an authorised signatory",
    "PK423": "signed by the named signatories",
    "PK424": "an effective date",
    "PK425": "personal data is protected",
    "PK426": "ownership of materials is agreed",
    "PK427": "a governing law",
    "PK428": "whether the agreement binds is stated",
    "PK429": "liability and insurance are agreed",
    "PK430": "the standard terms are named",
    "PK431": "the standard terms named are known",
    "PK432": "a liability cap",
    "PK433": "a cure period",
    "PK434": "a venue for disputes",
    "PK435": "a breach notice period",
    "PK436": "the funder's grant instrument is named",
}


def _health(p: Partnership) -> tuple[tuple[CHealth, ...], dt.date | None, int]:
    history = sorted(p.reviews.history, key=lambda x: x.date) if p.reviews else []
    rated = [(x, r) for x in history if (r := review_ratings(x))]
    if not rated:
        return tuple(CHealth(c) for c in SIX_CS), None, 0
    latest_review, latest = rated[-1]
    previous = rated[-2][1] if len(rated) >= 2 else {}
    gaps = spreads(latest_review)
    earlier = _open_gaps(history)
    health = tuple(
        CHealth(
            c,
            latest.get(c),
            previous.get(c),
            gaps.get(c, earlier.get(c, (None, None))[0]),
            tuple(ratings.get(c) for _, ratings in rated),
            None if c in gaps else earlier.get(c, (None, None))[1],
        )
        for c in SIX_CS
    )
    return health, latest_review.date, len(rated)


def _open_gaps(history: list[Review]) -> dict[str, tuple[int, dt.date]]:
    """Per C, the spread of the latest review in which partners rated it separately, when
    it is a gap (two points or more): it stays open until they rate it separately closer."""
    found: dict[str, tuple[int, dt.date]] = {}
    for review in history:
        for c, spread in spreads(review).items():
            found[c] = (spread, review.date)
    return {c: x for c, x in found.items() if x[0] >= PERCEPTION_GAP}


def assess(
    p: Partnership,
    today: dt.date,
    bands: Bands | None = None,
    questions: tuple[Question, ...] | None = None,
    *,
    actions: bool = True,
) -> Assessment:
    """Score a valid partnership as of `today` (`questions` when already computed);
    `actions=False` leaves out the next actions (a plain `check` shows none)."""
    evidence = _evidence(p, today)
    readiness = tuple(CReadiness(c, evidence[c]) for c in SIX_CS)
    health, rated_on, count = _health(p)
    gains = [
        (e, 100.0 / len(c.evidence) / len(readiness))
        for c in readiness
        for e in c.evidence
        if not e.held
    ]
    gains.sort(key=lambda pair: -pair[1])
    a = Assessment(
        readiness,
        questions if questions is not None else question_statuses(p),
        health,
        bands or Bands(),
        rated_on,
        count,
        tuple(gains[:3]),
        health_is_stale(p, rated_on, today),
        contradicted=bool(blocking(p)),
    )
    if not actions:
        return a
    missing = [e.name for e, _ in gains]  # every piece of evidence missing, biggest gain first
    return replace(a, next_actions=tuple(next_actions(p, today, missing)))
