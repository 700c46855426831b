"""`partnerkit review FILE`: one partnership in detail, in the terminal."""

from __future__ import annotations

import datetime as dt
from typing import IO

from partnerkit.facts import deliverable_overdue, review_ratings
from partnerkit.fsutil import plain_width
from partnerkit.model import Partnership
from partnerkit.reporters.score import (
    BAND_STYLE,
    STATUS_MARK,
    STATUS_STYLE,
    actions_text,
    c_cells,
    health_note,
)
from partnerkit.sanitize import printable, printable_path
from partnerkit.scoring import Assessment
from partnerkit.thresholds import is_overdue, review_state

REVIEW_STYLE = {"overdue": "bold red", "soon": "bold yellow", "later": "", "none": ""}
DELIVERABLE_STYLE = {
    "done": "green",
    "late": "red",
    "dropped": "dim",
    "in-progress": "cyan",
    "planned": "",
}


def write_detail(
    p: Partnership, a: Assessment, path: str, today: dt.date, out: IO[str], *, color: bool
) -> None:
    from rich import box
    from rich.columns import Columns
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=out, force_terminal=color, no_color=not color, highlight=False, markup=False,
        emoji=False, width=None if color else plain_width(110),
    )  # fmt: skip

    head = Text()
    head.append(printable(p.title), "bold")
    head.append(f"  {printable(p.id)}\n", "dim")
    head.append(f"{p.kind} · ")
    head.append(p.status, "bold")
    if p.period:
        end = p.period.end.isoformat() if p.period.end else "open-ended"
        head.append(f" · {p.period.start.isoformat()} → {end}")
    head.append(" · readiness ")
    head.append(f"{a.overall:.0f} {a.band}", BAND_STYLE[a.band])
    if p.summary:
        head.append(f"\n{printable(' '.join(p.summary.split()))}", "dim")
    partners = Table(box=None, pad_edge=False, show_header=False)
    for x in p.partners:
        who = (
            Text(printable(x.spokesperson.name))
            if x.spokesperson
            else Text("no spokesperson", "yellow")
        )
        signed = (
            Text(f"signed {x.signed.date}", "green") if x.signed else Text("not signed", "yellow")
        )
        partners.add_row(Text(printable(x.name), "bold"), x.role, who, signed)
    console.print(
        Panel(
            Group(head, Text(), partners),
            title=Text(printable_path(path)),
            title_align="left",
            box=box.ROUNDED,
        )
    )

    cs = Table(
        title="Six C's: readiness of the file · health from reviews",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for col in ("C", "readiness", "", "health", "trend", "spread"):
        cs.add_column(col, justify="right" if col in ("", "health", "spread") else "left")
    for c, h in zip(a.readiness, a.health, strict=True):
        cs.add_row(c.c.title(), *c_cells(c, h, a.bands, a.stale))
    questions = Table(
        title="The ten questions",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_header=False,
    )
    questions.add_column("q")
    questions.add_column("status")
    for q in a.questions:
        questions.add_row(
            f"Q{q.number} {q.where}",
            Text(f"{STATUS_MARK[q.status]} {q.status}", STATUS_STYLE[q.status]),
        )
    console.print(Columns([cs, questions], padding=(0, 4)))
    console.print(Text(health_note(a), "bold yellow" if a.stale else "dim"))
    if a.next_actions:
        console.print(actions_text(a))

    from partnerkit.reporters.evaluation import criteria_table, roi_line

    table = criteria_table(p, today)
    if table is not None:
        console.print(table)
    roi = roi_line(p)
    if roi:
        console.print(Text(roi, "bold"))

    if p.expectations:
        timeline = Table(
            title="Deliverables on a timeline",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        for col in ("due", "deliverable", "owner", "status"):
            timeline.add_column(
                col, overflow="fold" if col == "deliverable" else "ellipsis", no_wrap=col == "due"
            )
        names = {x.id: x.name for x in p.partners}
        marked = False
        for e in sorted(p.expectations, key=lambda e: (e.due or dt.date.max, e.deliverable)):
            if not marked and (e.due is None or e.due >= today):
                timeline.add_row(
                    Text(f"{today} ▸", "bold cyan"), Text("today", "bold cyan"), "", ""
                )
                marked = True
            late = deliverable_overdue(e, today)
            status = Text(
                e.status + (" · overdue" if late else ""),
                "red" if late else DELIVERABLE_STYLE[e.status],
            )
            timeline.add_row(
                str(e.due or "no date"),
                Text(printable(e.deliverable)),
                Text(printable(names.get(e.owner or "", e.owner or "—"))),
                status,
            )
        if not marked:
            timeline.add_row(Text(f"{today} ▸", "bold cyan"), Text("today", "bold cyan"), "", "")
        console.print(timeline)

    history = sorted(p.reviews.history, key=lambda r: r.date) if p.reviews else []
    if history:
        reviews = Table(
            title="Review history", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
        )
        for col in ("date", "kind", "ratings", "adjustments agreed"):
            reviews.add_column(col, overflow="fold")
        for r in history:
            ratings = review_ratings(r)
            shown = " ".join(
                f"{ratings[c]:.0f}" if c in ratings else "·"
                for c in (
                    "commitment",
                    "communication",
                    "credibility",
                    "clarity",
                    "cadence",
                    "collaboration",
                )
            )
            adjustments = Text("\n".join(f"• {printable(x)}" for x in r.adjustments) or "—")
            reviews.add_row(
                str(r.date), r.kind, shown if ratings else Text("—", "dim"), adjustments
            )
        console.print(reviews)
    nxt = p.reviews.next if p.reviews else None
    if nxt:
        style = REVIEW_STYLE[review_state(nxt, today)]
        overdue = " (overdue)" if is_overdue(nxt, today) else ""
        console.print(Text.assemble("Next review: ", (str(nxt), style), (overdue, "red")))

