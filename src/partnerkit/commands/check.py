"""`partnerkit check`: validate, lint and score partnership files."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from partnerkit.codes import parse_codes
from partnerkit.commands.common import configure, default_jobs, parse_today, partnership_files
from partnerkit.config import Config, parse_size, refuse_always_counting
from partnerkit.fsutil import emit, use_color
from partnerkit.pipeline import Keep, examine_paths
from partnerkit.result import CheckReport


@dataclass
class CheckOptions:
    """Everything `check` can be asked, already parsed by the CLI."""

    paths: list[Path] = field(default_factory=list)
    format: str = "text"
    output: Path | None = None
    force: bool = False
    strict: bool | None = None
    min_score: float | None = None
    today: str | None = None
    config: Path | None = None
    no_config: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    jobs: int | None = None
    max_file_size: str | None = None
    color: bool | None = None


def run_check(opts: CheckOptions) -> int:
    """Check the files and write the report; 1 when the check fails, else 0."""
    config = configure(opts.config, no_config=opts.no_config)
    if opts.select:
        config.select = parse_codes(opts.select, "--select")
    ignore = parse_codes(opts.ignore, "--ignore")
    refuse_always_counting(ignore, "--ignore")
    config.ignore += ignore
    config.exclude += opts.exclude
    if opts.strict is not None:
        config.strict = opts.strict
    if opts.min_score is not None:
        config.min_score = opts.min_score
    if opts.max_file_size is not None:
        config.max_file_size = parse_size(opts.max_file_size)
    today = parse_today(opts.today)
    files = partnership_files(opts.paths, config)
    jobs = opts.jobs or config.jobs or default_jobs()
    # Only the JSON report prints each file's full score digest.
    keep = Keep.SCORE if opts.format == "json" else Keep.NOTHING
    report = _check_with_progress(files, config, today, jobs, keep)
    write_report(report, opts.format, opts.output, force=opts.force, color=opts.color)
    return 1 if report.failed() else 0


def _check_with_progress(
    files: list[Path], config: Config, today: dt.date, jobs: int, keep: Keep
) -> CheckReport:
    """Show a progress bar on a terminal's stderr for large portfolios."""
    if len(files) < 50 or not sys.stderr.isatty() or os.environ.get("CI"):
        return examine_paths(files, config, today, keep=keep, jobs=jobs)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Checking", total=len(files))
        return examine_paths(
            files, config, today, keep=keep, jobs=jobs, progress=lambda: progress.advance(task)
        )


def write_report(
    report: CheckReport, fmt: str, output: Path | None, *, force: bool, color: bool | None
) -> None:
    from partnerkit import reporters

    to_file = output is not None and str(output) != "-"
    colored = False if to_file or fmt != "text" else use_color(color)
    if to_file:
        buffer = io.StringIO()
        reporters.write(fmt, report, buffer, color=False)
        emit(buffer.getvalue(), output, force=force)
    else:
        reporters.write(fmt, report, sys.stdout, color=colored)
