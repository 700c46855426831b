"""`partnerkit score` views: a Rich breakdown, JSON, and Markdown."""

from __future__ import annotations

import json
from typing import IO, Any

from partnerkit.model import Partnership
from partnerkit.scoring import Assessment

STATUS_MARK = {"answered": "✓", "partial": "◐", "missing": "✗"}
STATUS_STYLE = {"answered": "green", "partial": "yellow", "missing": "red"}
BAND_STYLE = {"ready": "bold green", "developing": "bold yellow", "not ready": "bold red"}
READING_STYLE = {"strength": "green", "worth discussing": "yellow", "concern": "red"}


def bar(score: float, width: int = 10) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def trend_arrow(trend: float | None) -> str:
    if trend is None:
        return ""
    if trend > 0:
        return f"↑{trend:+.1f}"
    if trend < 0:
        return f"↓{trend:+.1f}"
    return "→0"


def c_cells(c: Any, h: Any) -> tuple[Any, ...]:
    """One C's cells in both terminal views: bar, score, health, trend, partners' spread."""
    from rich.text import Text

    style = "green" if c.score >= 80 else "yellow" if c.score >= 60 else "red"
    latest = (
        Text(f"{h.latest:.1f}", READING_STYLE.get(h.reading, ""))
        if h.latest is not None
        else Text("—", "dim")
    )
    spread = Text(str(h.spread), "red" if h.spread >= 2 else "") if h.spread else ""
    return Text(bar(c.score), style), f"{c.score:.0f}", latest, trend_arrow(h.trend), spread


def as_dict(model: Partnership, a: Assessment, path: str) -> dict[str, Any]:
    """The documented JSON shape of a score."""
    data = a.summary()
    return {
        "path": path,
        "id": model.id,
        "title": model.title,
        "status": model.status,
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
    }


def write_json(model: Partnership, a: Assessment, path: str, out: IO[str]) -> None:
    out.write(json.dumps(as_dict(model, a, path), indent=2, ensure_ascii=False) + "\n")


def write_markdown(model: Partnership, a: Assessment, path: str, out: IO[str]) -> None:
    w = out.write
    w(f"# Readiness: {model.title}\n\n")
    w(f"`{path}` · {model.status} · **{a.overall:.0f}/100 — {a.band}**\n\n")
    w("| C | readiness | evidence missing | health | trend |\n|---|---:|---|---:|---|\n")
    for c, h in zip(a.readiness, a.health, strict=True):
        missing = "; ".join(e.name for e in c.evidence if not e.held) or "—"
        latest = f"{h.latest:.1f}" if h.latest is not None else "—"
        w(f"| {c.c.title()} | {c.score:.0f} | {missing} | {latest} | {trend_arrow(h.trend)} |\n")
    w("\n## The ten questions\n\n| # | question | status |\n|---|---|---|\n")
    for q in a.questions:
        extra = f" — needs {q.detail}" if q.detail else ""
        w(f"| Q{q.number} | {q.text} | {STATUS_MARK[q.status]} {q.status}{extra} |\n")
    if a.actions:
        w("\n## Next actions\n\n")
        for i, (e, gain) in enumerate(a.actions, 1):
            w(f"{i}. {e.advice} ({e.c}, +{gain:.1f} points)\n")


def write_rich(model: Partnership, a: Assessment, path: str, out: IO[str], color: bool) -> None:
    from rich import box
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        width=None if color else 100,
    )
    header = Text.assemble(
        (model.title, "bold"),
        f"  ({model.id}, {model.status})\n",
        ("Readiness ", "dim"),
        (f"{a.overall:.0f}/100 ", BAND_STYLE[a.band]),
        (a.band, BAND_STYLE[a.band]),
    )
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    for name, kw in [("C", {}), ("readiness", {}), ("", {"justify": "right"}),
                     ("evidence missing", {"overflow": "fold"}), ("health", {"justify": "right"}),
                     ("trend", {}), ("spread", {"justify": "right"})]:  # fmt: skip
        table.add_column(name, **kw)  # type: ignore[arg-type]
    for c, h in zip(a.readiness, a.health, strict=True):
        missing = "\n".join(e.name for e in c.evidence if not e.held) or Text("all held", "dim")
        meter, score, latest, trend, spread = c_cells(c, h)
        table.add_row(c.c.title(), meter, score, missing, latest, trend, spread)
    questions = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    questions.add_column("#")
    questions.add_column("question", overflow="fold")
    questions.add_column("status")
    for q in a.questions:
        mark = Text(f"{STATUS_MARK[q.status]} {q.status}", STATUS_STYLE[q.status])
        text = Text(q.text)
        if q.detail:
            text.append(f"\nneeds {q.detail}", "dim")
        questions.add_row(f"Q{q.number}", text, mark)
    parts: list[Any] = [header, table]
    if a.rated_on:
        parts.append(Text(f"Health from the review of {a.rated_on} (1–5).", "dim"))
    else:
        parts.append(
            Text("No rated reviews yet: health appears once reviews record ratings.", "dim")
        )
    parts.append(questions)
    if a.actions:
        actions = Text("Next actions\n", "bold")
        for i, (e, gain) in enumerate(a.actions, 1):
            actions.append(f" {i}. {e.advice} ")
            actions.append(f"({e.c}, +{gain:.1f})\n", "dim")
        parts.append(actions)
    console.print(Panel(Group(*parts), title=path, title_align="left", box=box.ROUNDED))
