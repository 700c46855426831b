"""The pages of `partnerkit site`: the dashboard with its filters, a page per partnership
and its rating form. Every page is rendered by the sandboxed, autoescaping templates
(`_dashboard`, `_site_partnership`, `_site_rate`), so a file's values stay text.

Links are relative, so the site works from `file://` as on any static host: the index and
its filtered pages at the top, each partnership in `p/<id>/`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any

from partnerkit.check.portfolio import Row, order, select, summary
from partnerkit.check.record import long_date
from partnerkit.documents.render import render_text
from partnerkit.documents.sheets import FORM_COLUMNS
from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.format.thresholds import HEALTH_CONCERN, HEALTH_STRENGTH
from partnerkit.judge.facts import deliverable_overdue

DUE_DAYS = 30
"""The "due" filter: reviews overdue or due within this many days."""

DOCUMENTS = (
    ("agreement", "Agreement"),
    ("mou", "Memorandum of understanding"),
    ("one-pager", "One-pager"),
    ("review-report", "Review report"),
    ("agenda", "Agenda of the next review"),
)
"""The documents of each partnership's page, as `render` and `agenda` make them."""


def folder_of(pid: str) -> str:
    """A partnership's folder, relative to the site: `p/<id>` (an id is a validated slug;
    anything else is reduced to one)."""
    return "p/" + (re.sub(r"[^a-z0-9-]", "-", pid) or "partnership")


def _slug(text: str) -> str:
    """A file name for a filter value: readable, and never the same for two values."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
    return f"{words or 'x'}-{hashlib.sha256(text.encode()).hexdigest()[:6]}"


@dataclass(frozen=True, slots=True)
class Filter:
    label: str
    href: str
    rows: list[Row]
    shown: str  # "the active partnerships", as the page names what it shows


def _filters(rows: list[Row], today: dt.date) -> list[tuple[str, list[Filter]]]:
    """Each filter of the dashboard, with the rows its page shows."""
    statuses = sorted({r.status for r in rows if r.status})
    kinds = sorted({r.kind for r in rows if r.kind})
    partners = sorted({x for r in rows for x in r.partners}, key=str.lower)
    return [
        ("Status", [Filter(s, f"status-{s}.html", select(rows, today, status=[s]),
                           f"the partnerships with status {s}") for s in statuses]),
        ("Kind", [Filter(k, f"kind-{k}.html", select(rows, today, kind=[k]),
                         f"the {k} partnerships") for k in kinds]),
        ("Partner", [Filter(x, f"partner-{_slug(x)}.html",
                            [r for r in rows if x in r.partners],
                            f"the partnerships with {x}") for x in partners]),
        ("Due", [Filter(f"review within {DUE_DAYS} days or overdue", "due.html",
                        select(rows, today, due_within=DUE_DAYS),
                        f"the reviews due within {DUE_DAYS} days or overdue")]),
    ]  # fmt: skip


def dashboard_pages(
    rows: list[Row], today: dt.date, env: Any, hrefs: dict[str, str], sort: str
) -> dict[str, str]:
    """The index and one page per filter value, by file name; `hrefs` links a row (by
    path) to its partnership's page."""
    from partnerkit import __version__
    from partnerkit.reporters.portfolio import _summary_line

    groups = _filters(rows, today)
    nav = [
        {"label": label, "links": [{"label": "all", "href": "index.html"}]
         + [{"label": f.label, "href": f.href} for f in found]}
        for label, found in groups
    ]  # fmt: skip
    pages = {"index.html": (rows, "")}
    for _, found in groups:
        for f in found:
            pages[f.href] = (f.rows, f.shown)
    out = {}
    for name, (shown, what) in pages.items():
        shown = order(shown, sort)
        totals = summary(shown, today)
        variables = {
            "rows": [
                r.as_dict(today)
                | {"late_count": len(r.late), "href": hrefs.get(r.path, ""), "steps": r.steps}
                for r in shown
            ],
            "summary": totals,
            "summary_line": _summary_line(totals),
            "today": today,
            "six_cs": SIX_CS,
            "version": __version__,
            "site": {"filters": nav, "current": name, "filter": what},
        }
        out[name] = render_text(env, "_dashboard", "html", variables)
    return out


TIMELINE_PX_PER_WEEK = 2
TIMELINE_MAX_GAP = 48
"""The timeline's spacing: two pixels a week between two dates, at most 48 (a long gap is
drawn shorter, its dates still say how long it is)."""


def _mark(e: Any, today: dt.date) -> str:
    """How a deliverable is drawn on the timeline: done, late, dropped or open."""
    if e.status in ("done", "dropped"):
        return str(e.status)
    return "late" if e.status == "late" or deliverable_overdue(e, today) else "open"


def _deliverables(p: Partnership, today: dt.date) -> list[dict[str, Any]]:
    """The deliverables by due date with today marked where it falls: the timeline of a
    partnership's page. Each item's `gap` spaces it from the one before by the time between."""
    names = {x.id: x.name for x in p.partners}
    items: list[dict[str, Any]] = []
    for e in sorted(p.expectations, key=lambda e: (e.due or dt.date.max, e.deliverable)):
        if (e.due is None or e.due >= today) and not any(x["today"] for x in items):
            items.append({"today": True, "due": today})
        owner = names.get(e.owner or "", e.owner or "")
        items.append({"today": False, "e": e, "due": e.due, "owner": owner,
                      "mark": _mark(e, today), "late": deliverable_overdue(e, today)})  # fmt: skip
    if items and not any(x["today"] for x in items):
        items.append({"today": True, "due": today})
    before = None
    for x in items:
        days = (x["due"] - before).days if x["due"] and before else 0
        x["gap"] = min(TIMELINE_MAX_GAP, round(days / 7 * TIMELINE_PX_PER_WEEK))
        before = x["due"] or before
    return items


SIGNED_WORDS = {
    "current": "signed",
    "earlier": "signed an earlier version",
    "previous term": "signed the last term",
    "unrecorded": "signed; version not recorded",
}
"""A signature's badge, in words (check.record.Signed); the sentence under it says the rest."""


def whole_scale() -> str:
    """The health scale for whole ratings, as the rating form asks for them."""
    strength, concern = math.ceil(HEALTH_STRENGTH), math.ceil(HEALTH_CONCERN)

    def span(lo: int, hi: int) -> str:
        return str(lo) if lo == hi else " or ".join(map(str, range(hi, lo - 1, -1)))

    return (f"Pick one whole number for each: {span(strength, 5)} means it is a strength, "
            f"{span(concern, strength - 1)} that it is worth discussing, "
            f"{span(1, concern - 1)} that it is a concern.")  # fmt: skip


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _in_words(text: str) -> str:
    """The judge's dates (2026-11-15) in words, as the documents write them (15 November 2026)."""

    def word(m: re.Match[str]) -> str:
        try:
            return long_date(dt.date.fromisoformat(m.group(0)))
        except ValueError:
            return m.group(0)

    return _ISO.sub(word, text)


def next_steps(actions: Any, today: dt.date) -> list[dict[str, Any]]:
    """The next actions as the page shows them: dates in words, a date that has passed said
    as overdue, and actions in a row with the same reason grouped under it once."""
    groups: list[dict[str, Any]] = []
    for a in actions:
        item = {"text": _in_words(a.text), "date": a.date,
                "overdue": a.date is not None and a.date < today}  # fmt: skip
        why = _in_words(a.why)
        if groups and groups[-1]["why"] == why and why:
            groups[-1]["items"].append(item)
        else:
            groups.append({"why": why, "items": [item]})
    return groups


def partnership_page(env: Any, variables: dict[str, Any], documents: list[dict[str, str]]) -> str:
    """One partnership's page from `render.context`'s variables and its documents' links."""
    p: Partnership = variables["p"]
    a = variables["readiness"]
    extra = {
        "cs_rows": list(zip(a.readiness, a.health, strict=True)),
        "criteria_rows": list(
            zip(p.success.criteria if p.success else [], variables["progress"], strict=True)
        ),
        "deliverables": _deliverables(p, variables["today"]),
        "documents": documents,
        "steps": next_steps(variables["actions"], variables["today"]),
        "signed_words": SIGNED_WORDS,
        "history": review_history(variables["reviews"]),
    }
    return render_text(env, "_site_partnership", "html", variables | extra)


def rate_page(env: Any, p: Partnership) -> str:
    """The rating form: the columns `partnerkit form` writes and `record --ratings` reads."""
    from partnerkit import __version__

    variables = {"p": p, "six_cs": SIX_CS, "columns": FORM_COLUMNS, "version": __version__,
                 "whole_scale": whole_scale()}  # fmt: skip
    return render_text(env, "_site_rate", "html", variables)


def _said(items: list[str]) -> str:
    """`Communication`, `Communication and Clarity`, `A, B and C`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def review_history(reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each review, latest first, with what its ratings are said to be: `basis` is
    "joint" (agreed jointly), "averaged" (no joint rating: the partners' averaged) or
    "mixed" (some of each, said per C). `partners` is each partner's own ratings, and
    where they differ from a joint rating, on which Cs (`differs`)."""
    out = []
    for r in reversed(reviews):
        view = [x for x in r["view"] if x.value is not None]
        joint = {x.c for x in view if x.joint}
        basis = "joint" if len(joint) == len(view) else "averaged" if not joint else "mixed"
        own: dict[str, list[tuple[str, int]]] = {}
        for x in r["view"]:
            for who, v in x.partners:
                own.setdefault(who, [])
                if v is not None:
                    own[who].append((x.c, v))
        value = {x.c: x.value for x in view}
        partners = [
            {"name": who, "ratings": given,
             "differs": _said([c.title() for c, v in given if c in joint and v != value[c]])
             if any(c in joint and v != value[c] for c, v in given) else ""}
            for who, given in own.items() if given
        ]  # fmt: skip
        out.append({"review": r["review"], "view": view, "basis": basis, "partners": partners})
    return out
