"""Portfolio formats: a Rich table, JSON, CSV, Markdown and a standalone HTML dashboard."""

from __future__ import annotations

import csv
import datetime as dt
from typing import IO, Any

from partnerkit.check.portfolio import Row, Summary
from partnerkit.format.model import SIX_CS
from partnerkit.format.thresholds import DUE_SOON_DAYS, health_level
from partnerkit.support.fsutil import plain_width
from partnerkit.support.sanitize import (
    WrappedLines,
    csv_cell,
    json_text,
    markdown,
    markdown_code,
    printable,
)
from partnerkit.support.words import plural

BAND_STYLE = {"ready": "green", "developing": "yellow", "not ready": "red"}
LEVEL_STYLE = {"good": "green", "warn": "yellow", "bad": "red", "none": "dim"}
REVIEW_STYLE = {"overdue": "bold red", "soon": "bold yellow", "later": "", "none": "dim"}


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _health_text(row: Row) -> str:
    return " ".join("·" if row.health.get(c) is None else f"{row.health[c]:.0f}" for c in SIX_CS)


def _arrow(trend: float | None) -> str:
    if trend is None:
        return ""
    return "↑" if trend > 0 else "↓" if trend < 0 else "→"


def write_json(rows: list[Row], summary: Summary, today: dt.date, out: IO[str]) -> None:
    data = {
        "format": "partnerkit-portfolio",
        "version": 1,
        "today": today.isoformat(),
        "summary": summary.as_dict(),
        "partnerships": [r.as_dict(today) for r in rows],
    }
    out.write(json_text(data))


CSV_COLUMNS = [
    "path", "id", "title", "kind", "status", "partners", "readiness", "band",
    *(f"health_{c}" for c in SIX_CS), "health_trend", "next_review", "review_state",
    "late_deliverables", "criteria_on_track", "criteria", "errors", "warnings",
]  # fmt: skip


def write_csv(rows: list[Row], summary: Summary, today: dt.date, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        d = r.as_dict(today)
        writer.writerow(
            [
                *map(csv_cell, (d["path"], d["id"], d["title"], d["kind"], d["status"])),
                csv_cell("; ".join(d["partners"])), _num(d["readiness"]), d["band"],
                *(_num(r.health.get(c)) for c in SIX_CS), _num(d["health_trend"]),
                d["next_review"] or "", d["review_state"], len(r.late), r.on_track,
                r.criteria, r.errors, r.warnings,
            ]
        )  # fmt: skip


def write_markdown(rows: list[Row], summary: Summary, today: dt.date, out: IO[str]) -> None:
    w = out.write
    w(f"# Partnership portfolio — {today.isoformat()}\n\n")
    w(
        "| Partnership | Kind | Status | Partners | Readiness | Health | Next review | Late "
        "| On track | Issues |\n"
    )
    w("|---|---|---|---|---:|---|---|---:|---:|---|\n")
    for r in rows:
        review = r.next_review.isoformat() if r.next_review else "—"
        if r.review_state(today) == "overdue":
            review = f"**{review} overdue**"
        ready = f"{r.readiness:.0f} {r.band}" if r.readiness is not None else "—"
        health = f"{_health_text(r)} {_arrow(r.health_trend)}".strip() if r.health else "—"
        if r.health_stale:
            health += " (stale)"
        on_track = f"{r.on_track}/{r.criteria}" if r.criteria else "—"
        w(
            f"| **{markdown(r.title)}**<br>{markdown_code(r.id or r.path)} | "
            f"{markdown(r.kind) or '—'} | {markdown(r.status) or '—'} | "
            f"{markdown(', '.join(r.partners)) or '—'} | {ready} | {health} | {review} | "
            f"{len(r.late)} | {on_track} | {r.errors} E, {r.warnings} W |\n"
        )
    w("\n" + _summary_line(summary) + "\n")
    pipeline = [r for r in rows if r.heard is not None]
    if pipeline:
        w("\n## Pipeline: initiatives heard about\n\n")
        w("| Initiative | What we heard | From whom | Who on the team knows them "
          "| What we could offer |\n|---|---|---|---|---|\n")  # fmt: skip
        for r in pipeline:
            assert r.heard is not None
            cells = " | ".join(markdown(x) or "—" for x in r.heard)
            w(f"| **{markdown(r.title)}** | {cells} |\n")
    w("\nHealth: " + ", ".join(SIX_CS) + " (latest review, 1–5).\n")


def _summary_line(s: Summary) -> str:
    none = "none valid" if s.partnerships else "none match the filters"
    statuses = ", ".join(f"{n} {k}" for k, n in s.by_status.items()) or none
    avg = f"{s.average_readiness:.0f}" if s.average_readiness is not None else "—"
    broken = f" · {s.broken} with errors" if s.broken else ""
    return (
        f"{plural(s.partnerships, 'partnership')} ({statuses}){broken} · reviews due this "
        f"month: {s.reviews_due_this_month} ({s.reviews_overdue} overdue) · late "
        f"deliverables: {s.late_deliverables} · average readiness: {avg}"
    )


def write_table(
    rows: list[Row], summary: Summary, today: dt.date, out: IO[str], *, color: bool
) -> None:
    """The dashboard in the terminal; columns drop out as the terminal narrows."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=WrappedLines(out), force_terminal=color, no_color=not color, highlight=False,
        markup=False, emoji=False, width=None if color else plain_width(120),
    )  # fmt: skip
    wide, narrow = console.width >= 130, console.width < 100
    table = Table(
        box=box.SIMPLE_HEAVY, title=f"Partnership portfolio · {today.isoformat()}",
        title_justify="left", pad_edge=False, expand=False,
    )  # fmt: skip
    table.add_column("Partnership", ratio=3, overflow="fold", min_width=18)
    if wide:
        table.add_column("Kind", no_wrap=True)
    if not narrow:
        table.add_column("Status", no_wrap=True)
    if wide:
        table.add_column("Partners", ratio=2, overflow="fold")
    table.add_column("Ready", justify="right", no_wrap=True)
    table.add_column("Health", no_wrap=True)
    table.add_column("Next review", no_wrap=True)
    table.add_column("Late", justify="right", no_wrap=True)
    if not narrow:
        table.add_column("Track", justify="right", no_wrap=True)
    table.add_column("E/W", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(*_cells(r, today, wide=wide, narrow=narrow))
    console.print(table)
    console.print(Text(_summary_line(summary)), soft_wrap=not color)
    for r in rows:
        if r.heard is not None:
            what, source, known, offer = (printable(x) or "not recorded" for x in r.heard)
            line = (f"Pipeline · {printable(r.title)}: {what} (heard from {source}); known "
                    f"by {known}; we could offer {offer}")  # fmt: skip
            console.print(Text(line), soft_wrap=not color)
    legend = (
        "Health: " + " · ".join(c[:5] for c in SIX_CS) + " (latest review, 1–5; stale: older "
        "than two review cycles). Next review: red "
        f"overdue, yellow within {DUE_SOON_DAYS} days. "
        + ("" if narrow else "Track: success criteria on track. ")
        + "E/W: errors/warnings."
    )
    console.print(Text(legend, style="dim"), soft_wrap=not color)


def _health_cell(r: Row, gap: str) -> Any:
    from rich.text import Text

    health = Text()
    for i, c in enumerate(SIX_CS):
        v = r.health.get(c)
        shown = "·" if v is None else f"{v:.0f}"
        health.append((gap if i else "") + shown, LEVEL_STYLE[health_level(v)])
    if r.health_trend is not None:
        trend_style = "green" if r.health_trend > 0 else "red" if r.health_trend < 0 else "dim"
        health.append(f" {_arrow(r.health_trend)}", trend_style)
    if r.health_stale:
        health.append("\nstale", "bold yellow")
    return health


def _cells(r: Row, today: dt.date, *, wide: bool, narrow: bool) -> list[Any]:
    """One row's cells, for the columns the terminal's width allows."""
    from rich.text import Text

    name = Text(printable(r.title), style="bold" if r.valid else "bold red")
    if narrow:
        name.append(f"\n{r.status or 'broken'}", "" if r.valid else "red")
        if r.kind:
            name.append(f" · {r.kind}", "dim")
    name.append(f"\n{printable(r.id or r.path)}", style="dim")
    ready = (
        Text(f"{r.readiness:.0f}", style=BAND_STYLE.get(r.band, ""))
        if r.readiness is not None
        else Text("—", "dim")
    )
    review = Text(
        r.next_review.isoformat() if r.next_review else "—", REVIEW_STYLE[r.review_state(today)]
    )
    late = Text(str(len(r.late)), "red" if r.late else "dim")
    track = Text(f"{r.on_track}/{r.criteria}" if r.criteria else "—", "" if r.criteria else "dim")
    issues = Text(
        f"{r.errors}/{r.warnings}", "red" if r.errors else "yellow" if r.warnings else "dim"
    )
    status = Text(r.status or "broken", "" if r.valid else "red")
    if not wide and r.kind:
        status.append(f"\n{r.kind}", "dim")
    cells: list[Any] = [name]
    if wide:
        cells.append(r.kind or "—")
    if not narrow:
        cells.append(status)
    if wide:
        cells.append(Text("\n".join(printable(x) for x in r.partners) or "—"))
    cells += [ready, _health_cell(r, "" if narrow else " "), review, late]
    if not narrow:
        cells.append(track)
    cells.append(issues)
    return cells


def write_html(
    rows: list[Row], summary: Summary, today: dt.date, out: IO[str], *, env: Any
) -> None:
    from partnerkit import __version__
    from partnerkit.documents.render import render_text

    variables = {
        "rows": [r.as_dict(today) | {"late_count": len(r.late)} for r in rows],
        "summary": summary,
        "summary_line": _summary_line(summary),
        "today": today,
        "six_cs": SIX_CS,
        "version": __version__,
    }
    out.write(render_text(env, "_dashboard", "html", variables))
