"""Success criteria (progress and trend) and ROI, as the terminal and Markdown views show them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerkit.format.model import Partnership
from partnerkit.judge.facts import Progress, progress_of
from partnerkit.judge.roi import roi_of
from partnerkit.support.sanitize import markdown, printable
from partnerkit.support.trends import bar, criterion_trend

PROGRESS_STYLE = {"met": "green", "on track": "green", "behind": "yellow", "missed": "red"}


def _values(c: Any) -> str:
    unit = f" {printable(c.unit)}" if c.unit else ""
    shown = ("—" if v is None else f"{v:g}" for v in (c.baseline, c.current, c.target))
    return " → ".join(shown) + unit


def criterion_cells(c: Any, g: Progress) -> list[Any]:
    """criterion, level, progress bar, share, values, trend, by, status."""
    from rich.text import Text

    share = bar(g.share, 12) if g.share is not None else "—"
    style = PROGRESS_STYLE.get(g.status, "")
    return [
        Text(printable(c.name)), c.level or "—", Text(share, style),
        "" if g.share is None else f"{g.share:.0f}%",
        Text(_values(c)), criterion_trend(c), str(c.by or "—"), Text(g.status, style),
    ]  # fmt: skip


def criteria_table(p: Partnership, today: dt.date) -> Any | None:
    """The Rich table of success criteria: baseline → current → target, and the trend."""
    from rich import box
    from rich.table import Table

    progress = progress_of(p, today)
    if not progress or p.success is None:
        return None
    table = Table(
        title="Success criteria: baseline → current → target",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for col in ("criterion", "level", "progress", "", "values", "trend", "by", "status"):
        table.add_column(col, overflow="fold" if col == "criterion" else "ellipsis")
    for criterion, g in zip(p.success.criteria, progress, strict=True):
        table.add_row(*criterion_cells(criterion, g))
    return keep_words(table)


def criteria_markdown(p: Partnership, today: dt.date) -> str:
    progress = progress_of(p, today)
    if not progress or p.success is None:
        return ""
    lines = ["| criterion | level | baseline → current → target | progress | trend | status |",
             "|---|---|---|---:|---|---|"]  # fmt: skip
    for c, g in zip(p.success.criteria, progress, strict=True):
        share = "—" if g.share is None else f"{g.share:.0f}%"
        lines.append(f"| {markdown(c.name)} | {c.level or '—'} | {markdown(_values(c))} | "
                     f"{share} | {criterion_trend(c)} | {g.status} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def roi_line(p: Partnership) -> str | None:
    """The ROI in one line of plain text, or None when the partnership claims no ROI."""

    result = roi_of(p)
    return printable(result.summary()) if result else None


WORD_CAP = 24  # a longer word may still fold: the table must fit the terminal


def keep_words(table: Any) -> Any:
    """Each column at least as wide as its longest word (up to WORD_CAP), so Rich wraps
    between words and never folds one mid-word (`Medication-saf` / `ety`)."""
    for col in table.columns:
        words = (w for cell in col.cells for w in getattr(cell, "plain", str(cell)).split())
        longest = max((len(w) for w in words), default=0)
        col.min_width = max(col.min_width or 0, min(longest, WORD_CAP))
    return table
