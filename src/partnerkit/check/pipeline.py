"""One pass per file, shared by every command.

    load → validate → references → rules → score → finishing → a frozen `FileResult`

Finishing applies the configuration (`select`, `ignore`, `[severity]`) and the file's
own suppression comments to every finding, whatever produced it: the loader, the
schema, references, rules, or the portfolio's duplicate ids (PK205). `check`, `review`
and `calendar` run `examine_paths` over many files (in worker processes with `--jobs`);
`score`, `render` and `review FILE` run `examine_one` and keep the model.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from enum import Flag, auto
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from partnerkit.check.config import Config
from partnerkit.check.events import events
from partnerkit.check.finding import Finding, Severity
from partnerkit.check.loader import Loaded, load_file
from partnerkit.check.result import CheckReport, Event, Facts, FileResult
from partnerkit.check.rules import run as run_rules
from partnerkit.check.suppress import Suppression, apply_suppressions, parse_suppressions
from partnerkit.judge.facts import overdue_deliverables, progress_of
from partnerkit.judge.questions import question_statuses
from partnerkit.judge.scoring import assess
from partnerkit.support.parallel import map_ordered, quiet_gc
from partnerkit.support.records import Record

if TYPE_CHECKING:
    from partnerkit.format.model import Partnership
    from partnerkit.judge.scoring import Assessment
    from partnerkit.yamlio import Document

PARALLEL_FROM = 64
"""Fewer files than this are checked in one process: workers would cost more than they save."""


class Keep(Flag):
    """What a command needs from each file besides its findings."""

    NOTHING = 0
    READINESS = auto()  # its readiness and band (check)
    SCORE = auto()  # and the score digest (check --format json, review)
    ACTIONS = auto()  # and its next actions (check --format json; the dashboard shows none)
    FACTS = auto()  # the portfolio row's facts (review)
    EVENTS = auto()  # the calendar's dated items (calendar)


@dataclass(frozen=True, slots=True)
class Draft(Record):
    """A file's result before finishing, with the suppressions read from its text."""

    result: FileResult
    suppressions: tuple[Suppression, ...]


@dataclass(frozen=True, slots=True)
class Examined:
    """One file examined in full: its finished result, and the model when it is valid."""

    result: FileResult
    model: Partnership | None
    assessment: Assessment | None
    doc: Document | None
    text: str


def _identity(loaded: Loaded) -> tuple[str | None, tuple[int, int], str | None]:
    """The file's id (and where its value is) and title, when the data has them."""
    if loaded.doc is None:
        return None, (1, 1), None
    data = loaded.doc.data
    pid, position, title = None, (1, 1), None
    if isinstance(data.get("id"), str):
        from partnerkit.yamlio import value_position

        pid, position = data["id"], value_position(loaded.doc.root, ("id",))
    if isinstance(data.get("title"), str):
        title = data["title"]
    return pid, position, title


def _examine(
    path: str | Path, config: Config, today: dt.date, keep: Keep, stream: BinaryIO | None = None
) -> tuple[Draft, Loaded, Assessment | None]:
    loaded = load_file(path, max_bytes=config.max_file_size, stream=stream)
    pid, position, title = _identity(loaded)
    result = FileResult(
        loaded.path, tuple(loaded.findings), pid, position, title, valid=loaded.model is not None
    )
    assessment = None
    if loaded.model is not None and loaded.doc is not None:
        try:
            result, assessment = _judge(result, loaded, config, today, keep)
        except Exception as exc:  # a bug met on this file: its finding; the others go on
            result = failed(result, exc, "checking", keep_findings=True)
    return Draft(result, parse_suppressions(loaded.text)), loaded, assessment


def _judge(
    result: FileResult, loaded: Loaded, config: Config, today: dt.date, keep: Keep
) -> tuple[FileResult, Assessment | None]:
    """Rules of a valid file, its scoring when the command shows it, and what the
    command keeps of them."""

    model, doc = loaded.model, loaded.doc
    assert model is not None and doc is not None
    questions = question_statuses(model)
    rules = list(run_rules(model, doc, loaded.path, today, config.enabled, questions))
    if any(f.code == "PK520" for f in rules):  # name what changed, from git
        from partnerkit.check.unsigned import locate_unsigned_changes

        rules = locate_unsigned_changes(rules, loaded, config.max_file_size)
    assessment = None  # the calendar shows no score: none is worked out for it
    if keep & (Keep.READINESS | Keep.SCORE | Keep.ACTIONS):
        assessment = assess(model, today, config.bands, questions, actions=Keep.ACTIONS in keep)
    judged = replace(
        result,
        findings=(*result.findings, *rules),
        readiness=None if assessment is None else round(assessment.overall, 1),
        band=None if assessment is None else assessment.band,
        score=assessment.digest() if assessment is not None and Keep.SCORE in keep else None,
        facts=facts(model, today) if Keep.FACTS in keep else None,
        events=_events(model) if Keep.EVENTS in keep else (),
    )
    return judged, assessment


FAILED = "PK115"


def failed(
    result: FileResult, exc: BaseException, doing: str, *, keep_findings: bool = False
) -> FileResult:
    """The file partnerkit failed on while `doing` something: one error finding says so.

    Nothing else of the file is kept (a value in it may be what the failure met), except,
    when asked, the findings found before the failure. Only the exception's type is
    named: its text may hold the file's content.
    """
    message = (
        f"partnerkit failed while {doing} this file ({type(exc).__name__}); the other "
        "files are not affected. This is a bug in partnerkit: please report it with the file"
    )
    finding = Finding(result.path, 1, 1, FAILED, Severity.ERROR, message)
    kept = result.findings if keep_findings else ()
    return FileResult(result.path, (*kept, finding))


T = TypeVar("T")


def isolated(
    results: tuple[FileResult, ...], produce: Callable[[tuple[FileResult, ...]], T], doing: str
) -> tuple[T, tuple[FileResult, ...]]:
    """`produce(results)` (a report, a table, a calendar), where a file whose own part fails
    is replaced by its failure (PK115) and the others are still produced.

    Costs nothing when nothing fails; otherwise each file is tried alone to find the ones
    that fail. A failure of the whole with no single file to blame is left to the caller.
    """
    try:
        return produce(results), results
    except Exception:  # one file's part, or the whole: find out below
        pass
    fixed = []
    for result in results:
        try:
            produce((result,))
            fixed.append(result)
        except Exception as exc:
            fixed.append(failed(result, exc, doing))
    return produce(tuple(fixed)), tuple(fixed)


def examine(path: str | Path, config: Config, today: dt.date, keep: Keep = Keep.NOTHING) -> Draft:
    """One file through the pass, up to finishing (which waits for the portfolio's PK205)."""
    return _examine(path, config, today, keep)[0]


def finish(draft: Draft, config: Config, extra: tuple[Finding, ...] = ()) -> FileResult:
    """Apply selection, severity overrides and in-file suppressions to every finding; sort."""
    result = draft.result
    selected = [f for f in (*result.findings, *extra) if config.enabled(f.code)]
    kept = apply_suppressions(selected, draft.suppressions, result.path, config.enabled)
    finished = []
    for f in kept:
        severity = config.severity_for(f.code, f.severity)
        finished.append(f if severity is f.severity else f.with_severity(severity))
    finished.sort(key=Finding.sort_key)
    return replace(result, findings=tuple(finished))


def examine_one(path: str | Path, config: Config, today: dt.date) -> Examined:
    """One file examined and finished, keeping the model and its assessment."""
    draft, loaded, assessment = _examine(path, config, today, Keep.SCORE | Keep.ACTIONS)
    return Examined(finish(draft, config), loaded.model, assessment, loaded.doc, loaded.text)


def examine_stream(
    stream: BinaryIO, shown: str, config: Config, today: dt.date, *, keep: Keep = Keep.NOTHING
) -> CheckReport:
    """`check -`: content read from `stream` through the same pass, named `shown`."""
    draft = _examine(shown, config, today, keep, stream)[0]
    return CheckReport((finish(draft, config),), min_score=config.min_score, strict=config.strict)


def examine_paths(
    paths: Sequence[str | Path],
    config: Config,
    today: dt.date,
    *,
    keep: Keep = Keep.NOTHING,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
    known_ids: Sequence[tuple[str, str, int]] = (),
) -> CheckReport:
    """Every file through the pass and finished in order, each with the portfolio's
    duplicate ids found so far (an id's first file keeps it: the files after it are
    the ones told). `known_ids` are `(id, path, line)` of files not checked here (the
    rest of the portfolio): they keep their ids, and a checked file using one is told."""
    work = functools.partial(examine, config=config, today=today, keep=keep)
    ids = IdRegister()
    for pid, path, line in known_ids:
        ids.first(pid, path, line)
    files = []
    # Closed however the loop ends: Ctrl-C while a file is finished here stops the
    # workers at once, instead of when the generator is collected at exit.
    with quiet_gc(), contextlib.closing(_drafts(work, paths, jobs, progress)) as drafts:
        for draft in drafts:
            files.append(finish(draft, config, ids.taken(draft.result)))
    return CheckReport(tuple(files), min_score=config.min_score, strict=config.strict)


def _drafts(
    work: Callable[[str | Path], Draft],
    paths: Sequence[str | Path],
    jobs: int,
    progress: Callable[[], None] | None,
) -> Generator[Draft, None, None]:
    """Each file's draft in the paths' order: from worker processes with `jobs` > 1."""
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        from partnerkit.format.model import Partnership

        Partnership.model_rebuild()  # the validator, built once here, is every worker's
        yield from map_ordered(work, paths, jobs, progress)  # closed with this generator
        return
    for path in paths:
        yield work(path)
        if progress is not None:
            progress()


class IdRegister:
    """The partnership ids met so far, to find one used by two files (PK205)."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, int]] = {}  # id -> the path and line of its file

    def first(self, pid: str, path: str, line: int) -> None:
        """Register an id for a file met before the others (kept if already registered)."""
        self._first.setdefault(pid, (path, line))

    def taken(self, result: FileResult) -> tuple[Finding, ...]:
        """PK205 for `result` when an earlier file has its id; else it registers the id."""
        if result.id is None:
            return ()
        here = (result.path, result.id_position[0])
        other = self._first.setdefault(result.id, here)
        if other is here:
            return ()
        line, col = result.id_position
        message = (
            f"the id `{result.id}` is already used by {other[0]}:{other[1]}; "
            "ids must be unique in the portfolio"
        )
        return (Finding(result.path, line, col, "PK205", Severity.ERROR, message, "id"),)


def facts(p: Partnership, today: dt.date) -> Facts:
    """What a portfolio row shows besides the score."""

    progress = progress_of(p, today)
    late = overdue_deliverables(p, today)
    return Facts(
        kind=p.kind,
        status=p.status,
        partners=tuple((x.id, x.name) for x in p.partners),
        period_start=p.period.start if p.period else None,
        period_end=p.period.end if p.period else None,
        next_review=p.reviews.next if p.reviews else None,
        cadence=p.reviews.cadence if p.reviews else None,
        reviews=len(p.reviews.history) if p.reviews else 0,
        deliverables=len(p.expectations),
        late_deliverables=tuple(p.expectations[i].deliverable for i in late),
        criteria=len(progress),
        criteria_on_track=sum(g.on_track for g in progress),
        heard=_heard(p),
    )


def _heard(p: Partnership) -> tuple[str, str, str, str] | None:
    """What the pipeline shows of an initiative heard about: what, from whom, who knows
    its people, what we could offer (empty when the file does not say)."""
    if p.status != "heard":
        return None
    h = p.heard
    if h is None:
        return ("", "", "", "")
    return (h.what or "", h.source or "", ", ".join(h.known_by), ", ".join(h.offer))


def _events(p: Partnership) -> tuple[Event, ...]:
    return tuple(events(p))
