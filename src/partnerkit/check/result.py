"""What one pass over a file produces, and what a run over many files adds up to.

These frozen records are the only thing reporters, the portfolio and the commands
read; they hold no model and no parser state, so they cross process boundaries and
10,000 of them stay small.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from partnerkit.check.finding import Finding, Severity
from partnerkit.judge.digest import ScoreDigest
from partnerkit.support.records import Record


@dataclass(frozen=True, slots=True)
class Facts(Record):
    """What a portfolio row shows besides the score: kind, status, dates, progress."""

    kind: str
    status: str
    partners: tuple[tuple[str, str], ...]  # (id, name)
    period_start: dt.date | None
    period_end: dt.date | None
    next_review: dt.date | None
    cadence: str | None
    reviews: int
    deliverables: int
    late_deliverables: tuple[str, ...]
    criteria: int
    criteria_on_track: int
    heard: tuple[str, str, str, str] | None = None  # what, from whom, who knows them, offer


@dataclass(frozen=True, slots=True)
class Event(Record):
    """A dated item of a partnership for the calendar; `uid` is stable across exports."""

    uid: str
    day: dt.date
    summary: str
    description: str
    category: str


@dataclass(frozen=True, slots=True)
class FileResult(Record):
    """Everything one pass over one file found, finished (configured and suppressed)."""

    path: str
    findings: tuple[Finding, ...] = ()
    id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    title: str | None = None
    valid: bool = False
    readiness: float | None = None
    band: str | None = None
    score: ScoreDigest | None = None
    facts: Facts | None = None
    events: tuple[Event, ...] = ()

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def sound(self) -> bool:
        """Valid and free of errors: fit to score, render or edit."""
        return self.valid and not self.errors


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every file's result, in path order, and the gate it is judged by."""

    files: tuple[FileResult, ...]
    min_score: float | None = None
    strict: bool = False

    @property
    def findings(self) -> Iterator[Finding]:
        for result in self.files:
            yield from result.findings

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.files)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.files)

    def below_min_score(self) -> list[FileResult]:
        if self.min_score is None:
            return []
        return [r for r in self.files if r.readiness is not None and r.readiness < self.min_score]

    def file_fails(self, result: FileResult) -> bool:
        if result.errors or (
            self.min_score is not None
            and result.readiness is not None
            and result.readiness < self.min_score
        ):
            return True
        return self.strict and result.warnings > 0

    def failed(self) -> bool:
        if self.errors or self.below_min_score():
            return True
        return self.strict and self.warnings > 0
