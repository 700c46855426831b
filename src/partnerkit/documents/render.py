"""Render documents from a partnership: what a template receives, and the rendered text.

Where templates come from and their sandbox are in `templates`, the filters in `filters`.
Output depends only on the file, the template and the options: no timestamps unless asked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit import __version__
from partnerkit.check.finding import Finding
from partnerkit.check.ratings import review_view
from partnerkit.check.record import Record, record_for
from partnerkit.documents.agenda import agenda_of
from partnerkit.documents.clauses import wording
from partnerkit.documents.cover import cover
from partnerkit.documents.templates import TEMPLATE_NAME, template_message
from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.format.standard import of_partnership
from partnerkit.judge.facts import progress_of, review_ratings, spreads
from partnerkit.judge.roi import roi_of
from partnerkit.judge.scoring import Assessment
from partnerkit.judge.selection import compare
from partnerkit.support.errors import UsageError
from partnerkit.support.sanitize import document
from partnerkit.support.trends import criterion_series

FORMATS = {"md": "md", "html": "html", "pdf": "html", "docx": "html"}


@dataclass(frozen=True)
class Compared:
    """A redline's two versions, named in its footer: what it is compared with, and the
    terms fingerprint of each."""

    label: str  # "the version every partner signed (commit 3c1e9a0)"
    old_terms: str
    new_terms: str


@dataclass
class DocumentMeta:
    """What every document says about itself: source, content hash, status."""

    source: str
    sha256: str
    template: str
    format: str
    draft: bool
    final: bool
    date: dt.date | None
    paper: str = "a4"
    version: str = __version__
    compared: Compared | None = None  # a redline: both versions, labelled

    def terms_words(self, current: str) -> str:
        """`terms X`; in a redline both versions, labelled, never run together."""
        c = self.compared
        if c is None:
            return f"terms {current}"
        return f"this version: terms {c.new_terms} · compared with {c.label}: terms {c.old_terms}"

    @property
    def sha_short(self) -> str:
        return self.sha256[:12]


@dataclass
class RenderInput:
    """What a document is made from: the valid model, its assessment and findings."""

    model: Partnership
    assessment: Assessment
    findings: list[Finding]
    today: dt.date
    record: Record | None = None  # the facts of the record, when already worked out

    def facts(self) -> Record:
        """What the document may state about signatures, status and open points."""
        return self.record or record_for(self.model, self.today, self.assessment, self.findings)


def context(inp: RenderInput, meta: DocumentMeta) -> dict[str, Any]:
    """The variables a template receives (documented by `partnerkit templates`)."""
    p = inp.model
    partners = {x.id: x for x in p.partners}

    history = sorted(p.reviews.history, key=lambda r: r.date) if p.reviews else []
    criteria = p.success.criteria if p.success else []
    facts = inp.facts()
    st = of_partnership(p)

    return {
        "p": p,
        "facts": facts,
        "terms_fingerprint": facts.fingerprint,
        "partners": partners,
        "readiness": inp.assessment,
        "health": inp.assessment.health,
        "questions": inp.assessment.questions,
        "findings": inp.findings,
        "gaps": [f for f in inp.findings if f.code[:3] in ("PK3", "PK4", "PK5")],
        "reviews": [
            {
                "review": r,
                "ratings": review_ratings(r),
                "spreads": spreads(r),
                "view": review_view(r, {x.id: x.name for x in p.partners}),
            }
            for r in history
        ],
        "six_cs": SIX_CS,
        "progress": progress_of(p, inp.today),
        "actions": inp.assessment.next_actions,
        "roi": roi_of(p),
        "agenda": agenda_of(p, inp.today),
        "measured": {c.name: [v for _, v in criterion_series(c)] for c in criteria},
        "open_points": facts.open_points,
        "w": wording(p),
        "st": st,
        "cover": cover(p, st),
        "doc": meta,
        "today": inp.today,
        "selection": compare(p.candidates) if p.candidates and p.candidates.options else None,
    }


def document_source(shown: str) -> str:
    """The source a document names: the path as the user gave it, relative to here.

    A path that climbs (`../../x.yaml`) says nothing to a reader of the document, and an
    absolute one is a machine's: both are named by the file name (a longer footer also
    pushes a Letter one-pager onto a second page).
    """
    path = Path(shown)
    return path.name if ".." in path.parts or path.is_absolute() else shown


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# What a template's own code can raise inside Python: its author's error, not partnerkit's.
TEMPLATE_FAILURES = (
    TypeError, ValueError, LookupError, AttributeError, ArithmeticError, MemoryError,
    RecursionError,
)  # fmt: skip


def render_text(env: Any, template: str, fmt: str, variables: dict[str, Any]) -> str:
    """Render one template; template problems become a `UsageError` naming file and line."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    name = f"{template}.{FORMATS[fmt]}.j2"
    try:
        return document(str(env.get_template(name).render(**variables)), html=fmt != "md")
    except TemplateNotFound as exc:
        if exc.name == name:
            raise UsageError(
                f"no template `{template}` in {fmt} format; `partnerkit templates` lists them"
            ) from None
        raise UsageError(f"template {name}: includes `{exc.name}`, which does not exist") from None
    except TemplateSyntaxError as exc:
        raise UsageError(
            f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from None
    except SecurityError as exc:
        where = _template_line(exc, name)
        raise UsageError(f"{where}: template refused by the sandbox: {exc}") from None
    except TemplateError as exc:
        where = _template_line(exc, name)
        raise UsageError(f"{where}: template error: {template_message(exc)}") from None
    except TEMPLATE_FAILURES as exc:
        where = _template_line(exc, name)
        raise UsageError(
            f"{where}: template error: {type(exc).__name__}: {template_message(exc)}"
        ) from None


def _template_line(exc: BaseException, fallback: str) -> str:
    """The deepest template frame of an exception's traceback, as `file:line`."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}"
    return fallback


def output_name(model: Partnership, template: str, fmt: str, redline: str | None = None) -> str:
    """A safe file name from the partnership id (a validated slug) and the template name.

    A redline against REV gets a name of its own, `<id>-<template>-redline-<REV>.<fmt>`,
    so it never takes the clean copy's place (the revision reduced to letters, digits,
    dots and hyphens: `HEAD~1` becomes `HEAD-1`).
    """
    if not TEMPLATE_NAME.match(template):
        raise UsageError(f"template name {template!r}: use lowercase letters, digits and hyphens")
    safe_id = re.sub(r"[^a-z0-9-]", "-", model.id)
    if redline is None:
        return f"{safe_id}-{template}.{fmt}"
    revision = re.sub(r"[^A-Za-z0-9.-]+", "-", redline)[:40].strip(".-") or "revision"
    return f"{safe_id}-{template}-redline-{revision}.{fmt}"


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refusing anything that would land outside `folder`."""
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise UsageError(f"refusing to write {name}: it is outside {folder}")
    return folder.resolve() / name  # a symlink of that name is replaced, never followed
