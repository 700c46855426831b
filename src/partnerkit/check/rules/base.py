"""The rule declaration, its context, and the registry."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from partnerkit.check.finding import Loc, Severity, field_path
from partnerkit.format.model import Partnership
from partnerkit.judge.questions import Question


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a rule fired (a path into the file) and what it says there."""

    loc: Loc
    message: str
    on_value: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule sees: the validated partnership, the date to judge it by, and the ten
    questions as answered, partial or missing (computed once per file, shared with scoring)."""

    model: Partnership
    today: dt.date
    questions: tuple[Question, ...]
    where: Callable[[Loc], str] = field_path  # names another place of the file in a message


Check = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None

    @property
    def area(self) -> str:
        return AREAS.get(self.code[:3], "other")


AREAS = {
    "PK1": "file",
    "PK2": "references",
    "PK3": "questions",
    "PK4": "quality",
    "PK5": "dates",
    "PK6": "consistency",
}

REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Register a check function as a rule; its docstring is the rule's documentation."""

    def register(func: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} declared twice")
        REGISTRY[code] = Rule(code, name, severity, summary, inspect.getdoc(func) or "", func)
        return func

    return register


def document(code: str, name: str, severity: Severity, summary: str, doc: str) -> None:
    """Register a code whose check lives in the loader or validator, for docs and SARIF."""
    REGISTRY[code] = Rule(code, name, severity, summary, inspect.cleandoc(doc))
