"""`partnerkit check`: validate, lint and score partnership files."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, cast

from partnerkit.check.codes import parse_codes
from partnerkit.check.config import Config, parse_size, refuse_always_counting
from partnerkit.check.files import excluded_name as scan_excluded
from partnerkit.check.pipeline import Keep, examine_paths, examine_stream, isolated
from partnerkit.check.result import CheckReport, FileResult
from partnerkit.commands import options
from partnerkit.commands.common import configure, parse_today, partnership_files
from partnerkit.commands.options import argument, flag, many, option
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import emit, use_color
from partnerkit.support.parallel import workers
from partnerkit.support.sanitize import printable
from partnerkit.support.spool import Spool


class CheckFormat(options.Choice):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


@dataclass(frozen=True)
class CheckOptions:
    """Everything `check` can be asked: the one declaration of its options."""

    paths: list[str] = argument(
        "Files or folders (default: configured paths, or this folder); - reads standard input.",
        default=[],
    )
    format: CheckFormat | None = option(
        "--format", "-f", help="Output format (default: text; github under GitHub Actions)."
    )
    output: Path | None = options.output()
    strict: bool | None = flag("--strict/--no-strict", help="Fail on warnings too.", default=None)
    min_score: float | None = option(
        metavar="SCORE", min=0, max=100, help="Fail files whose readiness is below this score."
    )
    today: str | None = options.today()
    select: list[str] = many(
        metavar="CODE", help="Only these codes or prefixes (PK3, PK402).", complete="codes"
    )
    ignore: list[str] = many(metavar="CODE", help="Skip these codes or prefixes.", complete="codes")
    exclude: list[str] = many(metavar="GLOB", help="Skip paths matching this glob.")
    jobs: int | None = options.jobs()
    max_file_size: str | None = option(metavar="SIZE", help='Refuse larger files, e.g. "5 MB".')
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force()
    color: bool | None = options.color()
    stdin_filename: str | None = option(
        metavar="NAME",
        help="With - (read standard input): the file name for positions and `exclude`.",
    )
    quiet: bool = options.quiet("Text: print only what fails the check, and the summary.")
    verbose: bool = options.verbose()
    portfolio: bool = flag(
        "--portfolio",
        help="Also read the ids of the other partnership files in the configured paths, so "
        "an id a file shares with one not given is caught (pre-commit gives changed files).",
    )


def default_format() -> CheckFormat:
    """github under GitHub Actions, else text."""
    return CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text


def run_check(opts: CheckOptions) -> int:
    """Check the files and write the report; 1 when the check fails, else 0."""
    config = _configured(opts)
    today = parse_today(opts.today)
    # Every file is scored (its readiness and band); only the JSON report prints each
    # file's full score digest.
    fmt = opts.format or default_format()
    keep = Keep.SCORE | Keep.ACTIONS if fmt == "json" else Keep.READINESS
    if "-" in opts.paths:
        report = _check_stdin(opts, config, today, keep)
    else:
        files = partnership_files(opts.paths, config, verbose=opts.verbose, quiet=opts.quiet)
        jobs = workers(opts.jobs or config.jobs)
        known = _portfolio_ids(files, config) if opts.portfolio else ()
        report = _check_with_progress(files, config, today, jobs, keep, known)
    report = write_report(
        report, fmt, opts.output, force=opts.force, color=opts.color, quiet=opts.quiet
    )
    return 1 if report.failed() else 0


def _check_stdin(opts: CheckOptions, config: Config, today: dt.date, keep: Keep) -> CheckReport:
    """`check -`: standard input, named by --stdin-filename for positions and `exclude`."""
    if opts.paths != ["-"]:
        raise UsageError("- (standard input) is checked alone: name no other paths with it")
    name = opts.stdin_filename or "<stdin>"
    if opts.stdin_filename and scan_excluded(opts.stdin_filename, config):
        if opts.verbose:
            sys.stderr.write(f"partnerkit: skipped {printable(name)}: excluded\n")
        return CheckReport((), min_score=config.min_score, strict=config.strict)
    return examine_stream(sys.stdin.buffer, name, config, today, keep=keep)


def _configured(opts: CheckOptions) -> Config:
    """The configuration, with the command line's overrides."""
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
    return config


def _portfolio_ids(files: list[str], config: Config) -> list[tuple[str, str, int]]:
    """`(id, path, line)` of the configured paths' partnership files not among `files`."""
    from partnerkit.check.files import file_identity, partnership_id

    given = {file_identity(f) for f in files}
    rest = [f for f in partnership_files(None, config, quiet=True) if file_identity(f) not in given]
    found = ((partnership_id(f, config.max_file_size), f) for f in rest)
    return [(pid[0], f, pid[1]) for pid, f in found if pid is not None]


def _check_with_progress(
    files: list[str],
    config: Config,
    today: dt.date,
    jobs: int,
    keep: Keep,
    known: Sequence[tuple[str, str, int]] = (),
) -> CheckReport:
    """Show a progress bar on a terminal's stderr for large portfolios."""
    if len(files) < 50 or not sys.stderr.isatty() or os.environ.get("CI"):
        return examine_paths(files, config, today, keep=keep, jobs=jobs, known_ids=known)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Checking", total=len(files))
        return examine_paths(
            files, config, today, keep=keep, jobs=jobs, known_ids=known,
            progress=lambda: progress.advance(task),
        )  # fmt: skip


def write_report(
    report: CheckReport,
    fmt: str,
    output: Path | None,
    *,
    force: bool,
    color: bool | None,
    quiet: bool = False,
) -> CheckReport:
    """Write the report; a file whose own part of it fails is reported as that file's
    failure (PK115). Returns the report as written, to judge the run by."""
    from partnerkit import reporters

    to_file = output is not None and str(output) != "-"
    colored = False if to_file or fmt != "text" else use_color(color)

    def produce(files: tuple[FileResult, ...]) -> Spool:
        spool = Spool()  # 10,000 files' findings: kept at their UTF-8 size
        sink = cast("IO[str]", spool)  # a text file in all but name
        reporters.write(fmt, replace(report, files=files), sink, color=colored, quiet=quiet)
        return spool

    written, files = isolated(report.files, produce, "reporting")
    emit(written, output if to_file else None, force=True)  # a report: -o replaces it
    return replace(report, files=files)
