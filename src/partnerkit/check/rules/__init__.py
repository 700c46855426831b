"""Rules: small declared units that look at one valid partnership and yield findings.

Each rule has a code, a name, a default severity, a one-line summary and a docstring
that is its documentation (why it matters, how to fix it, a bad and a good example).
The registry is a plain dict filled when the rule modules are imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from partnerkit.check.finding import Finding, field_path, more_like_this
from partnerkit.check.rules.base import REGISTRY, Context, Hit, Rule, rule
from partnerkit.format.model import Partnership
from partnerkit.judge.questions import Question, question_statuses
from partnerkit.yamlio import MAX_SAME_PROBLEM, Document, locate, value_position

__all__ = ["REGISTRY", "Context", "Rule", "all_rules", "rule", "run"]


_SORTED: dict[str, Rule] = {}


def all_rules() -> dict[str, Rule]:
    """Every documented code, rules and built-in checks alike, by code."""
    if not _SORTED:
        from partnerkit.check.rules import (  # noqa: F401
            candidates,
            catalogue,
            consistency,
            dates,
            evaluation,
            lifecycle,
            quality,
            questions,
            terms,
        )

        _SORTED.update(sorted(REGISTRY.items()))
    return _SORTED


def run(
    model: Partnership,
    doc: Document,
    path: str,
    today: dt.date,
    enabled: Callable[[str], bool] = lambda code: True,
    questions: tuple[Question, ...] | None = None,
) -> Iterator[Finding]:
    """Run every enabled rule on one file, with its default severity (the run's finishing
    step applies the configuration).

    Past `MAX_SAME_PROBLEM` hits of one rule the rest are counted, not located, and one
    more finding (where the first of them is) says how many: a file built to repeat a
    problem costs time linear in its size and gives a report a person can read.
    """
    if model.status == "heard":  # a lead on the pipeline, not yet a partnership to judge
        return
    ctx = Context(
        model,
        today,
        questions if questions is not None else question_statuses(model),
        lambda loc: f"line {locate(doc.root, loc)[0]}",
    )
    for code, r in all_rules().items():
        if r.check is None or not enabled(code):
            continue
        listed, first_unlisted, more = 0, None, 0
        for hit in r.check(ctx):
            if listed < MAX_SAME_PROBLEM:
                listed += 1
                yield _finding(doc, path, r, hit, hit.message)
            else:
                first_unlisted = first_unlisted or hit
                more += 1
        if first_unlisted is not None:
            message = more_like_this(more)
            yield _finding(doc, path, r, first_unlisted, message)


def _finding(doc: Document, path: str, r: Rule, hit: Hit, message: str) -> Finding:
    if hit.on_value:
        line, col = value_position(doc.root, hit.loc)
    else:
        line, col, _ = locate(doc.root, hit.loc)
    return Finding(path, line, col, r.code, r.severity, message, field_path(hit.loc))
