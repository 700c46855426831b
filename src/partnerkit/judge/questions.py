"""The ten partnership questions (Killion 2011): where a file answers each, and whether it does.

Scoring shows them beside readiness; the PK301–PK310 rules report the unanswered ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerkit.format.model import Partnership
from partnerkit.judge.facts import measurable


@dataclass(frozen=True, slots=True)
class Ask:
    """One of the ten questions and the part of the file that answers it."""

    number: int
    text: str
    where: str


QUESTIONS = (
    Ask(1, "How does the partnership add value to our existing goals and strategies?", "value"),
    Ask(2, "What benefits will each partner realise?", "partners[].benefits"),
    Ask(3, "What are the costs: real, intangible and possible?", "costs"),
    Ask(4, "What is expected of each partner, and by when?", "expectations"),
    Ask(5, "How is the plan changed, or the partnership ended?", "changes"),
    Ask(6, "Which decisions are joint, and which independent?", "decisions"),
    Ask(7, "How do the partners communicate, and who speaks for each?", "communication"),
    Ask(8, "How are disagreements handled?", "disagreements"),
    Ask(9, "Who manages the partnership?", "governance"),
    Ask(10, "What criteria and benchmarks measure success?", "success"),
)


@dataclass(frozen=True, slots=True)
class Question:
    number: int
    text: str
    where: str
    status: str  # answered | partial | missing
    detail: str = ""


def _status(answered: bool, partial: bool) -> str:
    return "answered" if answered else ("partial" if partial else "missing")


def _changes_needs(p: Partnership) -> str:
    ch = p.changes
    if ch and ch.termination:
        return "how the plan is amended (`changes.amendment`)"
    if ch and ch.amendment:
        return "how the partnership is ended (`changes.termination`)"
    return "how to amend the plan and how to end the partnership"


def _answers(p: Partnership) -> list[tuple[bool, bool, str]]:
    """Per question: fully answered, partly answered, and what a partial answer lacks."""
    v, ch, d, cm, g, s = p.value, p.changes, p.decisions, p.communication, p.governance, p.success
    with_benefits = [x for x in p.partners if x.benefits]
    spokes = [x for x in p.partners if x.spokesperson]
    borne = [c for c in p.costs if c.borne_by]
    complete = [e for e in p.expectations if e.owner and e.due]
    steps = p.disagreements.steps if p.disagreements else []
    return [
        (bool(v and v.goals and (v.strategies or v.needs)),
         bool(v and (v.goals or v.strategies or v.needs)),
         "the goals it serves and the strategies or needs it supports"),
        (len(with_benefits) == len(p.partners), bool(with_benefits), "benefits for every partner"),
        (bool(p.costs) and len(borne) == len(p.costs), bool(p.costs), "who bears every cost"),
        (bool(p.expectations) and len(complete) == len(p.expectations), bool(p.expectations),
         "an owner and a due date for every expectation"),
        (bool(ch and ch.amendment and ch.termination),
         bool(ch and (ch.amendment or ch.termination)),
         _changes_needs(p)),
        (bool(d and d.joint and d.independent), bool(d and (d.joint or d.independent)),
         "both joint and independent decisions"),
        (bool(cm and cm.channels and cm.meetings) and len(spokes) == len(p.partners),
         bool(cm and (cm.channels or cm.meetings)) or bool(spokes),
         "channels, a meeting rhythm and a spokesperson for every partner"),
        (len(steps) >= 2, bool(steps), "at least two steps, so there is somewhere to escalate"),
        (bool(g and g.manager and g.sponsor), bool(g and (g.manager or g.sponsor)),
         "both a manager and a sponsor"),
        (bool(s and s.criteria and s.benchmarks and all(map(measurable, s.criteria))),
         bool(s and (s.criteria or s.benchmarks)),
         "measurable criteria (measure, target, date) and benchmarks"),
    ]  # fmt: skip


def question_statuses(p: Partnership) -> tuple[Question, ...]:
    """The ten questions as answered, partial or missing."""
    out = []
    for ask, (answered, partial, needs) in zip(QUESTIONS, _answers(p), strict=True):
        status = _status(answered, partial)
        detail = {"answered": "", "partial": needs}.get(status, f"an answer in `{ask.where}`")
        out.append(Question(ask.number, ask.text, ask.where, status, detail))
    return tuple(out)
