"""Check many files: load, validate, run rules and scoring, apply the configuration.

The result is data (`CheckReport`); reporters turn it into text, JSON, SARIF and the
rest, and the CLI turns it into an exit code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerkit.config import Config
from partnerkit.finding import Finding, Severity
from partnerkit.loader import Loaded, load_file


@dataclass(slots=True)
class FileReport:
    """What checking one file found, small enough to keep for 10,000 files."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    title: str | None = None
    valid: bool = False
    score: dict[str, Any] | None = None
    facts: dict[str, Any] | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    def readiness(self) -> float | None:
        return None if self.score is None else float(self.score["overall"])


@dataclass(slots=True)
class CheckReport:
    """Every file's report, in path order."""

    files: list[FileReport]
    min_score: float | None = None
    strict: bool = False

    @property
    def findings(self) -> Iterator[Finding]:
        for report in self.files:
            yield from report.findings

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.files)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.files)

    def below_min_score(self) -> list[FileReport]:
        if self.min_score is None:
            return []
        return [r for r in self.files if (s := r.readiness()) is not None and s < self.min_score]

    def failed(self) -> bool:
        if self.errors or self.below_min_score():
            return True
        return self.strict and self.warnings > 0


def check_file(path: Path, config: Config, today: dt.date, detail: bool = True) -> FileReport:
    """Load one file and run everything that looks at one file alone.

    Without `detail`, the report keeps only what `check` needs to decide and print
    (findings, readiness and band), so that 10,000 reports stay small in memory.
    """
    loaded = load_file(path, max_bytes=config.max_file_size)
    report = FileReport(loaded.path, findings=list(loaded.findings))
    if loaded.doc is not None:
        data = loaded.doc.data
        if isinstance(data.get("id"), str):
            from partnerkit.yamlio import value_position

            report.id = data["id"]
            report.id_position = value_position(loaded.doc.root, ("id",))
        if isinstance(data.get("title"), str):
            report.title = data["title"]
    if loaded.model is not None:
        report.valid = True
        for analyse in _analysers(detail):
            findings, fields = analyse(loaded, config, today)
            report.findings.extend(findings)
            for name, value in fields.items():
                setattr(report, name, value)
    report.findings = finish(report.findings, config, loaded.text, report.path)
    if not detail and report.score is not None:
        report.score = {"overall": report.score["overall"], "band": report.score["band"]}
    return report


def _analysers(
    detail: bool,
) -> list[Callable[[Loaded, Config, dt.date], tuple[list[Finding], dict[str, Any]]]]:
    """Per-file analyses that run on a valid model (rules, scoring, portfolio facts)."""
    from partnerkit import analysis

    return analysis.ANALYSERS if detail else analysis.ANALYSERS[:2]


def finish(findings: Iterable[Finding], config: Config, text: str, path: str) -> list[Finding]:
    """Apply selection, severity overrides and in-file suppressions; sort."""
    from partnerkit.suppress import apply_suppressions

    kept = [
        f.with_severity(config.severity_for(f.code, f.severity))
        for f in findings
        if config.enabled(f.code)
    ]
    kept = apply_suppressions(kept, text, path, config.enabled)
    return sorted(kept, key=Finding.sort_key)


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """Collect cycles less often while checking.

    Loading allocates many short-lived, acyclic objects (YAML nodes, dicts); the default
    thresholds run the cyclic collector thousands of times for nothing. Long-lived
    objects (modules, models' schemas) are frozen out of its view.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def check_paths(
    paths: list[Path],
    config: Config,
    today: dt.date,
    *,
    jobs: int = 1,
    progress: Any = None,
    detail: bool = True,
) -> CheckReport:
    """Check every file, then the checks that need the whole portfolio."""
    if jobs > 1 and len(paths) >= 64:
        from partnerkit.parallel import check_parallel

        files = check_parallel(paths, config, today, jobs, progress, detail)
    else:
        files = []
        with quiet_gc():
            for path in paths:
                files.append(check_file(path, config, today, detail))
                if progress is not None:
                    progress()
    for finding in duplicate_ids(files):
        if config.enabled(finding.code):
            target = next(r for r in files if r.path == finding.path)
            target.findings.append(finding)
            target.findings.sort(key=Finding.sort_key)
    return CheckReport(files, min_score=config.min_score, strict=config.strict)


def duplicate_ids(files: list[FileReport]) -> Iterator[Finding]:
    """PK205: a partnership id used by more than one file of the portfolio."""
    first: dict[str, FileReport] = {}
    for report in files:
        if report.id is None:
            continue
        if report.id in first:
            other = first[report.id]
            line, col = report.id_position
            yield Finding(
                report.path,
                line,
                col,
                "PK205",
                Severity.ERROR,
                f"the id `{report.id}` is already used by {other.path}:{other.id_position[0]}; "
                "ids must be unique in the portfolio",
                "id",
            )
        else:
            first[report.id] = report
