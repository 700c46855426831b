"""`partnerkit score` views: a Rich breakdown, JSON, and Markdown."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from partnerkit.check.record import record_for
from partnerkit.format.model import Partnership
from partnerkit.format.thresholds import PERCEPTION_GAP, Bands
from partnerkit.history.fingerprint import fingerprint
from partnerkit.judge.roi import roi_of
from partnerkit.judge.scoring import Assessment
from partnerkit.support.sanitize import (
    WrappedLines,
    json_text,
    markdown,
    markdown_code,
    markdown_message,
    printable,
    printable_path,
)
from partnerkit.support.trends import bar, sparkline

STATUS_MARK = {"answered": "✓", "partial": "◐", "missing": "✗"}
STATUS_STYLE = {"answered": "green", "partial": "yellow", "missing": "red"}
BAND_STYLE = {"ready": "bold green", "developing": "bold yellow", "not ready": "bold red"}
LEVEL_STYLE = {"good": "green", "warn": "yellow", "bad": "red"}
READING_STYLE = {"strength": "green", "worth discussing": "yellow", "concern": "red"}


def trend_arrow(trend: float | None) -> str:
    if trend is None:
        return ""
    if trend > 0:
        return f"↑{trend:+.1f}"
    if trend < 0:
        return f"↓{trend:+.1f}"
    return "→0"


def trend_cell(h: Any) -> str:
    """The whole history as a sparkline, then the change since the previous review."""

    return " ".join(x for x in (sparkline(h.series), trend_arrow(h.trend)) if x)


def c_cells(c: Any, h: Any, bands: Bands, stale: bool = False) -> tuple[Any, ...]:
    """One C's cells in both terminal views: bar, score, health, trend, partners' spread.

    The bar's colour follows the configured readiness bands."""
    from rich.text import Text

    style = LEVEL_STYLE[bands.level(c.score)]
    latest = (
        Text(f"{h.latest:.1f}" + (" stale" if stale else ""),
             "dim" if stale else READING_STYLE.get(h.reading, ""))
        if h.latest is not None
        else Text("—", "dim")
    )  # fmt: skip
    spread = Text(str(h.spread), "red" if h.spread >= PERCEPTION_GAP else "") if h.spread else ""
    return Text(bar(c.score), style), f"{c.score:.0f}", latest, trend_cell(h), spread


def health_note(a: Assessment) -> str:
    """Where health comes from, and whether it is stale."""
    if not a.rated_on:
        return "No rated reviews yet: health appears once reviews record ratings."
    note = f"Health from the review of {a.rated_on} (1–5), trend over {a.reviews_rated} rated "
    note += "review" + ("s" if a.reviews_rated != 1 else "") + "."
    if a.stale:
        note += " STALE: more than two review cycles old; rate the Six C's again."
    for on in sorted({h.spread_on for h in a.health if h.spread_on}):
        cs = [h.c for h in a.health if h.spread_on == on]
        note += (f" Spread for {' and '.join(cs)} from the review of {on}: the partners have "
                 f"not rated {'it' if len(cs) == 1 else 'them'} separately since.")  # fmt: skip
    return note


def actions_lines(a: Assessment, limit: int = 5) -> list[tuple[str, str, str]]:
    """The most urgent next actions as (text, where, why); `where` names section and field."""
    return [(x.text, f"{x.section} · {x.field}", x.why) for x in a.next_actions[:limit]]


def as_dict(
    model: Partnership, a: Assessment, path: str, today: dt.date | None = None
) -> dict[str, Any]:
    """The documented JSON shape of a score."""

    data = a.digest().as_dict()
    roi = roi_of(model)
    return {
        "format": "partnerkit-score",
        "version": 1,
        "path": path,
        "id": model.id,
        "title": model.title,
        "status": model.status,
        "terms_fingerprint": fingerprint(model),
        "signatures": signed_line(model, a, today),
        **data,
        "questions": [
            {
                "number": q.number,
                "question": q.text,
                "answered_by": q.where,
                "status": q.status,
                "missing": q.detail,
            }
            for q in a.questions
        ],
        "health_reading": {h.c: h.reading for h in a.health},
        "roi": roi.as_dict() if roi else None,
    }


HELD = " (held there: sections of the file contradict each other)"


def write_json(
    model: Partnership, a: Assessment, path: str, out: IO[str], today: dt.date | None = None
) -> None:
    out.write(json_text(as_dict(model, a, path, today)))


def write_markdown(
    model: Partnership, a: Assessment, path: str, out: IO[str], today: dt.date | None = None
) -> None:
    w = out.write

    w(f"# Readiness: {markdown(model.title)}\n\n")
    held = HELD if a.contradicted else ""
    w(f"{markdown_code(path)} · {model.status} · **{a.overall:.0f}/100 — {a.band}**{held}\n\n")
    w(f"Terms fingerprint `{fingerprint(model)}` ({signed_line(model, a, today)})\n\n")
    stale = " (stale)" if a.stale else ""
    w(f"| C | readiness | evidence missing | health{stale} | trend |\n|---|---:|---|---:|---|\n")
    for c, h in zip(a.readiness, a.health, strict=True):
        missing = "; ".join(markdown(e.name) for e in c.evidence if not e.held) or "—"
        latest = f"{h.latest:.1f}" if h.latest is not None else "—"
        w(f"| {c.c.title()} | {c.score:.0f} | {missing} | {latest} | {trend_cell(h)} |\n")
    w(f"\n{health_note(a)}\n")
    if today is not None:
        from partnerkit.reporters.evaluation import criteria_markdown, roi_line

        criteria, roi = criteria_markdown(model, today), roi_line(model)
        if criteria:
            w(f"\n## Success criteria\n\n{criteria}")
        if roi:
            w(f"\n{markdown(roi)}\n")
    w("\n## The ten questions\n\n| # | question | status |\n|---|---|---|\n")
    for q in a.questions:
        extra = f" — needs {markdown_message(q.detail)}" if q.detail else ""
        w(f"| Q{q.number} | {markdown(q.text)} | {STATUS_MARK[q.status]} {q.status}{extra} |\n")
    if a.next_actions:
        w("\n## Next actions\n\n")
        for i, x in enumerate(a.next_actions[:5], 1):
            why = f" — because {markdown_message(x.why)}" if x.why else ""
            w(f"{i}. {markdown_message(x.text)} ({x.section} · {markdown_code(x.field)}){why}\n")


def write_rich(
    model: Partnership,
    a: Assessment,
    path: str,
    out: IO[str],
    color: bool,
    today: dt.date | None = None,
) -> None:
    """The breakdown in a panel: header, the Six C's, criteria, the questions, actions."""
    from rich import box
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    console = Console(
        file=WrappedLines(out),
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        width=None if color else 100,
    )
    parts: list[Any] = [header_text(model, a, today), readiness_table(a)]
    parts.append(Text(health_note(a), "bold yellow" if a.stale else "dim"))
    if today is not None:
        from partnerkit.reporters.evaluation import criteria_table, roi_line

        criteria, roi = criteria_table(model, today), roi_line(model)
        parts.extend(x for x in (criteria, roi and Text(roi, "bold")) if x)
    parts.append(questions_table(a))
    if a.next_actions:
        parts.append(actions_text(a))
    console.print(
        Panel(Group(*parts), title=Text(printable_path(path)), title_align="left", box=box.ROUNDED)
    )


def signed_line(model: Partnership, a: Assessment, today: dt.date | None) -> str:
    """Whose signatures cover the current terms, from the facts of the record."""
    return record_for(model, today or dt.date.today(), a).signed_line


def header_text(model: Partnership, a: Assessment, today: dt.date | None = None) -> Any:
    """Title, id and status; readiness and band; the terms fingerprint and signing state."""
    from rich.text import Text


    return Text.assemble(
        (printable(model.title), "bold"),
        f"  ({printable(model.id)}, {model.status})\n",
        ("Readiness ", "dim"),
        (f"{a.overall:.0f}/100 ", BAND_STYLE[a.band]),
        (a.band, BAND_STYLE[a.band]),
        (HELD if a.contradicted else "", "dim"),
        ("\nTerms fingerprint ", "dim"),
        fingerprint(model),
        (f" ({signed_line(model, a, today)})", "dim"),
    )


def readiness_table(a: Assessment) -> Any:
    """One row per C: readiness bar and score, evidence missing, health, trend, spread."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    for name, kw in [("C", {}), ("readiness", {}), ("", {"justify": "right"}),
                     ("evidence missing", {"overflow": "fold"}), ("health", {"justify": "right"}),
                     ("trend", {}), ("spread", {"justify": "right"})]:  # fmt: skip
        table.add_column(name, **kw)  # type: ignore[arg-type]
    for c, h in zip(a.readiness, a.health, strict=True):
        missing = Text("\n".join(printable(e.name) for e in c.evidence if not e.held)) or Text(
            "all held", "dim"
        )
        meter, score, latest, trend, spread = c_cells(c, h, a.bands, a.stale)
        table.add_row(c.c.title(), meter, score, missing, latest, trend, spread)
    return table


def questions_table(a: Assessment) -> Any:
    """The ten questions with their status and, when partial or missing, what is needed."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    questions = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    questions.add_column("#")
    questions.add_column("question", overflow="fold")
    questions.add_column("status")
    for q in a.questions:
        mark = Text(f"{STATUS_MARK[q.status]} {q.status}", STATUS_STYLE[q.status])
        text = Text(printable(q.text))
        if q.detail:
            text.append(f"\nneeds {printable(q.detail)}", "dim")
        questions.add_row(f"Q{q.number}", text, mark)
    return questions


def actions_text(a: Assessment) -> Any:
    """The next actions block of the terminal views."""
    from rich.text import Text

    out = Text("Next actions, most urgent first\n", "bold")
    for i, (text, where, why) in enumerate(actions_lines(a), 1):
        out.append(f" {i}. {printable(text)} ")
        out.append(f"({printable(where)})\n", "dim")
        if why:
            out.append(f"    Why: {printable(why)}\n", "dim")
    return out
