"""`partnerkit review FILE`: one partnership in detail, in the terminal."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import IO, Any

from partnerkit.check.ratings import review_view
from partnerkit.check.record import Signed, record_for
from partnerkit.format.model import SIX_CS, Partnership, Review
from partnerkit.format.thresholds import is_overdue, review_state
from partnerkit.judge.facts import deliverable_overdue
from partnerkit.judge.scoring import Assessment
from partnerkit.reporters.evaluation import criteria_table, keep_words, roi_line
from partnerkit.reporters.score import (
    BAND_STYLE,
    STATUS_MARK,
    STATUS_STYLE,
    actions_text,
    as_dict,
    c_cells,
    health_note,
)
from partnerkit.support.fsutil import plain_width
from partnerkit.support.sanitize import WrappedLines, document, printable, printable_path

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
    """The terminal view of one partnership: head, Six C's and questions, criteria,
    deliverables on a timeline, review history, next review."""
    from rich.console import Console

    console = Console(
        file=WrappedLines(out), force_terminal=color, no_color=not color, highlight=False,
        markup=False, emoji=False, width=None if color else plain_width(110),
    )  # fmt: skip
    _print_detail(console, p, a, path, today)


def _print_detail(console: Any, p: Partnership, a: Assessment, path: str, today: dt.date) -> None:
    from rich.text import Text

    console.print(_head(p, a, path, today))
    console.print(_cs_and_questions(a))
    console.print(Text(health_note(a), "bold yellow" if a.stale else "dim"))
    if a.next_actions:
        console.print(actions_text(a))
    for section in (_criteria(p, today), _timeline(p, today), _history(p)):
        if section is not None:
            console.print(section)
    nxt = p.reviews.next if p.reviews else None
    if nxt:
        style = REVIEW_STYLE[review_state(nxt, today)]
        overdue = " (overdue)" if is_overdue(nxt, today) else ""
        console.print(Text.assemble("Next review: ", (str(nxt), style), (overdue, "red")))


def detail_dict(
    p: Partnership, a: Assessment, path: str, today: dt.date, counts: tuple[int, int]
) -> dict[str, Any]:
    """`review FILE -f json`: what the detailed view shows, as data (score's JSON, and more)."""

    data = p.model_dump(mode="json", exclude_none=True)
    reviews = data.get("reviews", {})
    return {
        **as_dict(p, a, path),
        "format": "partnerkit-review",
        "today": today.isoformat(),
        "kind": p.kind,
        "period": data.get("period"),
        "errors": counts[0],
        "warnings": counts[1],
        "partners": data["partners"],
        "criteria": data.get("success", {}).get("criteria", []),
        "deliverables": [
            {**item, "overdue": deliverable_overdue(e, today)}
            for item, e in zip(data.get("expectations", []), p.expectations, strict=True)
        ],
        "reviews": reviews.get("history", []),
        "next_review": reviews.get("next"),
    }


def write_detail_html(
    p: Partnership, a: Assessment, path: str, today: dt.date, out: IO[str]
) -> None:
    """`review FILE -f html`: the terminal's detailed view as a standalone page."""
    import io

    from rich.console import Console
    from rich.terminal_theme import DEFAULT_TERMINAL_THEME

    console = Console(
        file=io.StringIO(), record=True, force_terminal=True, color_system="truecolor",
        highlight=False, markup=False, emoji=False, width=110,
    )  # fmt: skip
    _print_detail(console, p, a, path, today)
    title = f"{p.title} — partnerkit review"
    page = console.export_html(theme=DEFAULT_TERMINAL_THEME, inline_styles=True)
    page = page.replace("<head>", f"<head>\n<title>{escape(title)}</title>", 1)
    out.write(document(page, html=True))


def _table(title: str, **options: Any) -> Any:
    from rich import box
    from rich.table import Table

    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, **options)


_SIGNED = {
    Signed.CURRENT: ("signed these terms", "green"),
    Signed.EARLIER: ("signed an earlier version", "yellow"),
    Signed.PREVIOUS_TERM: ("signed the term that ended", "yellow"),
    Signed.UNRECORDED: ("signed, terms not recorded", "yellow"),
    Signed.NOT: ("not signed", "yellow"),
}


def _head(p: Partnership, a: Assessment, path: str, today: dt.date) -> Any:
    """Title, kind, status, period and readiness, with the partners and their signatures."""
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    head = Text()
    head.append(printable(p.title), "bold")
    head.append(f"  {printable(p.id)}\n", "dim")
    facts = record_for(p, today, a)
    head.append(f"{p.kind} · ")
    head.append(printable(facts.status), "bold")
    if p.period:
        end = p.period.end.isoformat() if p.period.end else "open-ended"
        head.append(f" · {p.period.start.isoformat()} → {end}")
    head.append(" · readiness ")
    head.append(f"{a.overall:.0f} {a.band}", BAND_STYLE[a.band])
    if p.summary:
        head.append(f"\n{printable(' '.join(p.summary.split()))}", "dim")
    partners = Table(box=None, pad_edge=False, show_header=False)
    for x, s in zip(p.partners, facts.signing, strict=True):
        who = (
            Text(printable(x.spokesperson.name))
            if x.spokesperson
            else Text("no spokesperson", "yellow")
        )
        signed = Text(*_SIGNED[s.state])
        if s.signature is not None:
            signed.append(f" on {s.signature.date}")
        partners.add_row(Text(printable(x.name), "bold"), x.role, who, signed)
    return Panel(
        Group(head, Text(), partners),
        title=Text(printable_path(path)),
        title_align="left",
        box=box.ROUNDED,
    )


def _cs_and_questions(a: Assessment) -> Any:
    """The Six C's (readiness and health) beside the ten questions."""
    from rich.columns import Columns
    from rich.text import Text

    cs = _table("Six C's: readiness of the file · health from reviews")
    for col in ("C", "readiness", "", "health", "trend", "spread"):
        cs.add_column(col, justify="right" if col in ("", "health", "spread") else "left")
    for c, h in zip(a.readiness, a.health, strict=True):
        cs.add_row(c.c.title(), *c_cells(c, h, a.bands, a.stale))
    questions = _table("The ten questions", show_header=False)
    questions.add_column("q")
    questions.add_column("status")
    for q in a.questions:
        questions.add_row(
            f"Q{q.number} {q.where}",
            Text(f"{STATUS_MARK[q.status]} {q.status}", STATUS_STYLE[q.status]),
        )
    return Columns([cs, questions], padding=(0, 4))


def _criteria(p: Partnership, today: dt.date) -> Any:
    from rich.console import Group
    from rich.text import Text


    table = criteria_table(p, today)
    roi = roi_line(p)
    parts = [x for x in (table, Text(roi, "bold") if roi else None) if x is not None]
    return Group(*parts) if parts else None


def _timeline(p: Partnership, today: dt.date) -> Any:
    """Deliverables by due date, with a marker where today falls."""
    from rich.text import Text

    if not p.expectations:
        return None
    timeline = _table("Deliverables on a timeline")
    for col in ("due", "deliverable", "owner", "status"):
        timeline.add_column(
            col, overflow="fold" if col == "deliverable" else "ellipsis", no_wrap=col == "due"
        )
    names = {x.id: x.name for x in p.partners}
    marked = False
    for e in sorted(p.expectations, key=lambda e: (e.due or dt.date.max, e.deliverable)):
        if not marked and (e.due is None or e.due >= today):
            timeline.add_row(Text(f"{today} ▸", "bold cyan"), Text("today", "bold cyan"), "", "")
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
    return keep_words(timeline)


def _history(p: Partnership) -> Any:
    """Every review, oldest first: its ratings per C and the adjustments agreed."""
    from rich.text import Text

    history = sorted(p.reviews.history, key=lambda r: r.date) if p.reviews else []
    if not history:
        return None
    reviews = _table("Review history")
    for col in ("date", "kind", "ratings", "adjustments agreed"):
        reviews.add_column(col, overflow="fold")
    names = {x.id: x.name for x in p.partners}
    for r in history:
        ratings = _ratings_text(r, names)
        adjustments = Text("\n".join(f"• {printable(x)}" for x in r.adjustments) or "—")
        reviews.add_row(str(r.date), r.kind, ratings or Text("—", "dim"), adjustments)
    return keep_words(reviews)


def _ratings_text(r: Review, names: dict[str, str]) -> Any:
    """The rating per C that counts (joint, else the partners' mean) as the review report
    shows it, then each partner's own ratings and the gaps between them."""
    from rich.text import Text

    view = review_view(r, names)
    if all(x.value is None for x in view):
        return None
    out = Text(" ".join(x.shown if x.value is not None else "·" for x in view))
    out.append(" agreed" if r.ratings else " mean", "dim")
    for pid, given in r.partner_ratings.items():
        own = given.values()
        out.append("\n" + " ".join(str(own[c]) if c in own else "·" for c in SIX_CS) + " ")
        out.append(printable(names.get(pid, pid)), "dim")
    gaps = [f"{x.c} {x.spread}" for x in view if x.gap]
    if gaps:
        out.append("\npartners apart on " + ", ".join(gaps), "yellow")
    return out
