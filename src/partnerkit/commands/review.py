"""`partnerkit review`: the portfolio dashboard, or one partnership in detail."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from partnerkit import options
from partnerkit.commands.common import (
    check_choice,
    configure,
    default_jobs,
    load_sound,
    parse_today,
    partnership_files,
)
from partnerkit.errors import UsageError
from partnerkit.fsutil import emit, use_color
from partnerkit.options import argument, flag, many, option
from partnerkit.portfolio import SORTS, Sort


class ReviewFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


FORMATS = tuple(ReviewFormat)


@dataclass(frozen=True)
class ReviewOptions:
    """Everything `review` can be asked: the one declaration of its options."""

    paths: list[str] = argument(
        "One file for a detailed view; files or folders for the portfolio.", default=[]
    )
    format: ReviewFormat = option(
        "--format", "-f", help="Output format.", default=ReviewFormat.table
    )
    output: Path | None = options.output()
    sort: Sort = option(help="Order of the rows.", default=Sort.next_review)
    status: list[str] = many(help="Only this status (repeatable).")
    kind: list[str] = many(help="Only this kind (repeatable).")
    partner: str | None = option(help="Only partnerships with a partner matching this.")
    due_within: int | None = option(min=0, help="Only reviews due within DAYS (or overdue).")
    strict: bool = flag("--strict", help="Exit 1 on warnings too.")
    jobs: int | None = options.jobs()
    today: str | None = options.today()
    config: Path | None = options.config()
    force: bool = options.force()
    color: bool | None = options.color()


def run_review(opts: ReviewOptions) -> int:
    if opts.format not in FORMATS:
        raise UsageError(f"--format {opts.format}: use one of {', '.join(FORMATS)}")
    if opts.sort not in SORTS:
        raise UsageError(f"--sort {opts.sort}: use one of {', '.join(SORTS)}")
    from typing import get_args

    from partnerkit.model import Kind, Status

    for status in opts.status:
        check_choice("--status", status, get_args(Status))
    for kind in opts.kind:
        check_choice("--kind", kind, get_args(Kind))
    if len(opts.paths) == 1 and Path(opts.paths[0]).is_file() and opts.format == "table":
        return _detail(opts)
    return _portfolio(opts)


def _detail(opts: ReviewOptions) -> int:
    from partnerkit.reporters.detail import write_detail

    config = configure(opts.config)
    today = parse_today(opts.today)
    sound = load_sound(opts.paths[0], config, today, errors_ok=True)
    if sound is None:
        return 1
    buffer = io.StringIO()
    to_file = opts.output is not None and str(opts.output) != "-"
    color = False if to_file else use_color(opts.color)
    write_detail(
        sound.model,
        sound.assessment,
        sound.result.path,
        today,
        buffer,
        color=color,
    )
    emit(buffer.getvalue(), opts.output, force=True)  # a report: -o replaces it
    return 0


def _portfolio(opts: ReviewOptions) -> int:
    from partnerkit import portfolio
    from partnerkit.pipeline import Keep, examine_paths
    from partnerkit.reporters import portfolio as views

    config = configure(opts.config)
    if opts.strict:
        config.strict = True
    today = parse_today(opts.today)
    files = partnership_files(opts.paths, config)
    report = examine_paths(
        files,
        config,
        today,
        keep=Keep.SCORE | Keep.FACTS,
        jobs=opts.jobs or config.jobs or default_jobs(),
    )
    rows = [portfolio.row_of(r) for r in report.files]
    rows = portfolio.select(
        rows, today, status=opts.status, kind=opts.kind, partner=opts.partner,
        due_within=opts.due_within,
    )  # fmt: skip
    rows = portfolio.order(rows, opts.sort)
    summary = portfolio.summary(rows, today)
    buffer = io.StringIO()
    if opts.format == "table":
        to_file = opts.output is not None and str(opts.output) != "-"
        views.write_table(
            rows, summary, today, buffer, color=False if to_file else use_color(opts.color)
        )
    elif opts.format == "html":
        from partnerkit.render import environment

        views.write_html(rows, summary, today, buffer, env=environment(config.templates))
    else:
        {"json": views.write_json, "csv": views.write_csv, "markdown": views.write_markdown}[
            opts.format
        ](rows, summary, today, buffer)
    emit(buffer.getvalue(), opts.output, force=True)  # a report: -o replaces it
    if report.failed():
        sys.stderr.write(
            f"partnerkit: {report.errors} error(s) and {report.warnings} warning(s) in the "
            "portfolio; `partnerkit check` lists them\n"
        )
        return 1
    return 0
