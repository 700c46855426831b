"""A set of standard terms alone, for counsel's review: every clause with what it is for.

The same clause text an agreement prints after its cover page (one template,
`_standard_terms.*.j2`), headed by the set's name, version and caution.
"""

from __future__ import annotations

from typing import Any

from partnerkit.documents.render import DocumentMeta, render_text, sha256_of
from partnerkit.documents.templates import environment
from partnerkit.format.standard import StandardTerms, shipped


def meta_of(st: StandardTerms, fmt: str, paper: str) -> DocumentMeta:
    """What the document says about itself: the set's file and the hash of its text."""
    path = shipped()[(st.name, st.version)]
    return DocumentMeta(
        source=path.name,
        sha256=sha256_of(path.read_bytes()),
        template="standard-terms",
        format=fmt,
        draft=False,
        final=False,
        date=None,
        paper=paper,
    )


def render_set(st: StandardTerms, fmt: str, paper: str = "a4") -> tuple[str, DocumentMeta]:
    """The set as Markdown or HTML (the HTML is what Word and PDF are made from)."""
    meta = meta_of(st, fmt, paper)
    variables: dict[str, Any] = {"st": st, "doc": meta, "notes": True}
    return render_text(environment(None), "_terms", fmt, variables), meta
