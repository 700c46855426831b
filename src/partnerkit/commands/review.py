"""`partnerkit review`: the portfolio dashboard, or one partnership in detail."""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from partnerkit.check.config import Config
from partnerkit.check.pipeline import Keep, examine_paths, isolated
from partnerkit.check.portfolio import SORTS, Sort
from partnerkit.check.result import FileResult
from partnerkit.commands import options
from partnerkit.commands.common import (
    check_choice,
    configure,
    file_failed,
    keeps_old_output,
    load_sound,
    parse_today,
    partnership_files,
)
from partnerkit.commands.options import argument, flag, many, option
from partnerkit.format.model import Kind, Status
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import emit, use_color
from partnerkit.support.parallel import workers
from partnerkit.support.sanitize import json_text


class ReviewFormat(options.Choice):
    text = "text"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"


FORMATS = tuple(ReviewFormat)
DETAIL_FORMATS = ("text", "json", "html")


@dataclass(frozen=True)
class ReviewOptions:
    """Everything `review` can be asked: the one declaration of its options."""

    paths: list[str] = argument(
        "One file for a detailed view; files or folders for the portfolio.", default=[]
    )
    format: ReviewFormat = option(
        "--format", "-f", help="Output format.", default=ReviewFormat.text
    )
    output: Path | None = options.output()
    sort: Sort = option(help="Order of the rows.", default=Sort.next_review)
    status: list[str] = many(metavar="STATUS", help="Only this status (repeatable).")
    kind: list[str] = many(metavar="KIND", help="Only this kind (repeatable).", complete="kinds")
    partner: str | None = option(
        metavar="NAME", help="Only partnerships with a partner matching this."
    )
    due_within: int | None = option(
        metavar="DAYS", min=0, help="Only reviews due within DAYS (or overdue)."
    )
    strict: bool | None = flag("--strict/--no-strict", help="Exit 1 on warnings too.", default=None)
    jobs: int | None = options.jobs()
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force_partial()
    color: bool | None = options.color()
    quiet: bool = options.quiet("No notes on standard error; the exit code still tells.")
    verbose: bool = options.verbose()


def run_review(opts: ReviewOptions) -> int:
    if opts.format not in FORMATS:
        raise UsageError(f"--format {opts.format}: use one of {', '.join(FORMATS)}")
    if opts.sort not in SORTS:
        raise UsageError(f"--sort {opts.sort}: use one of {', '.join(SORTS)}")
    from typing import get_args

    for status in opts.status:
        check_choice("--status", status, get_args(Status))
    for kind in opts.kind:
        check_choice("--kind", kind, get_args(Kind))
    one = len(opts.paths) == 1 and Path(opts.paths[0]).is_file()
    if one and opts.format in DETAIL_FORMATS:  # one partnership: its detail, not a row
        return _detail(opts)
    return _portfolio(opts)


def _detail(opts: ReviewOptions) -> int:
    from partnerkit.reporters import detail

    config = configure(opts.config, no_config=opts.no_config)
    today = parse_today(opts.today)
    sound = load_sound(opts.paths[0], config, today, errors_ok=True)
    if sound is None:
        return 1
    model, assessment, result = sound.model, sound.assessment, sound.result
    buffer = io.StringIO()
    try:
        if opts.format == "json":
            counts = (result.errors, result.warnings)
            data = detail.detail_dict(model, assessment, result.path, today, counts)
            buffer.write(json_text(data))
        elif opts.format == "html":
            detail.write_detail_html(model, assessment, result.path, today, buffer)
        else:
            to_file = opts.output is not None and str(opts.output) != "-"
            color = False if to_file else use_color(opts.color)
            detail.write_detail(model, assessment, result.path, today, buffer, color=color)
    except Exception as exc:  # a bug met on this file: its finding, exit 1
        return file_failed(result, exc, "reviewing")
    emit(buffer.getvalue(), opts.output, force=True)  # a report: -o replaces it
    return 0


def _portfolio(opts: ReviewOptions) -> int:
    config = configure(opts.config, no_config=opts.no_config)
    if opts.strict is not None:
        config.strict = opts.strict
    today = parse_today(opts.today)
    files = partnership_files(opts.paths, config, verbose=opts.verbose, quiet=opts.quiet)
    report = examine_paths(
        files,
        config,
        today,
        keep=Keep.SCORE | Keep.FACTS,
        jobs=workers(opts.jobs or config.jobs),
    )
    text, shown = isolated(
        report.files, lambda results: _dashboard(results, opts, config, today), "reviewing"
    )
    if opts.partner:
        _no_such_partner(report.files, opts.partner)
    if keeps_old_output(report.files, opts.output, force=opts.force, what="dashboard"):
        return 1
    emit(text, opts.output, force=True)  # a report: -o replaces it
    report = replace(report, files=shown)
    if not report.failed():
        return 0
    if not opts.quiet:
        sys.stderr.write(
            f"partnerkit: {report.errors} error(s) and {report.warnings} warning(s) in the "
            "portfolio; `partnerkit check` lists them\n"
        )
    return 1


def _dashboard(
    results: tuple[FileResult, ...], opts: ReviewOptions, config: Config, today: dt.date
) -> str:
    """The portfolio view of these files, as text in the format asked for."""
    from partnerkit.check import portfolio
    from partnerkit.reporters import portfolio as views

    rows = [portfolio.row_of(r) for r in results]
    rows = portfolio.select(
        rows, today, status=opts.status, kind=opts.kind, partner=opts.partner,
        due_within=opts.due_within,
    )  # fmt: skip
    rows = portfolio.order(rows, opts.sort)
    summary = portfolio.summary(rows, today)
    buffer = io.StringIO()
    if opts.format == "text":
        to_file = opts.output is not None and str(opts.output) != "-"
        views.write_table(
            rows, summary, today, buffer, color=False if to_file else use_color(opts.color)
        )
    elif opts.format == "html":
        from partnerkit.documents.templates import environment

        views.write_html(rows, summary, today, buffer, env=environment(config.templates))
    else:
        {"json": views.write_json, "csv": views.write_csv, "md": views.write_markdown}[opts.format](
            rows, summary, today, buffer
        )
    return buffer.getvalue()


def _no_such_partner(results: tuple[FileResult, ...], wanted: str) -> None:
    """`--partner meridan` matching no partner: say so, with the nearest id or name."""
    import difflib

    from partnerkit.check import portfolio
    from partnerkit.support.sanitize import printable

    rows = [portfolio.row_of(r) for r in results]
    names = sorted({n for r in rows for n in r.partners + r.partner_ids})
    needle = wanted.lower()
    if any(needle in n.lower() for n in names):
        return
    by_lower = {n.lower(): n for n in names}
    close = difflib.get_close_matches(needle, list(by_lower), n=1, cutoff=0.6)
    hint = f" (did you mean {printable(by_lower[close[0]])}?)" if close else ""
    sys.stderr.write(
        f"partnerkit: --partner {printable(wanted)}: no partner of these files matches{hint}\n"
    )
