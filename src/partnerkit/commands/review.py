"""`partnerkit review`: the portfolio dashboard, or one partnership in detail."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from partnerkit.commands.common import (
    configure,
    default_jobs,
    load_sound,
    parse_today,
    partnership_files,
)
from partnerkit.errors import UsageError
from partnerkit.fsutil import emit, use_color

FORMATS = ("table", "json", "csv", "markdown", "html")


@dataclass
class ReviewOptions:
    paths: list[Path] = field(default_factory=list)
    format: str = "table"
    output: Path | None = None
    force: bool = False
    sort: str = "next-review"
    status: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    partner: str | None = None
    due_within: int | None = None
    today: str | None = None
    strict: bool = False
    config: Path | None = None
    jobs: int | None = None
    color: bool | None = None


def run_review(opts: ReviewOptions) -> int:
    from partnerkit.portfolio import SORTS

    if opts.format not in FORMATS:
        raise UsageError(f"--format {opts.format}: use one of {', '.join(FORMATS)}")
    if opts.sort not in SORTS:
        raise UsageError(f"--sort {opts.sort}: use one of {', '.join(SORTS)}")
    if len(opts.paths) == 1 and opts.paths[0].is_file() and opts.format == "table":
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
    emit(buffer.getvalue(), opts.output, force=opts.force)
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
    emit(buffer.getvalue(), opts.output, force=opts.force)
    if report.failed():
        sys.stderr.write(
            f"partnerkit: {report.errors} error(s) and {report.warnings} warning(s) in the "
            "portfolio; `partnerkit check` lists them\n"
        )
        return 1
    return 0
