"""The wording of the agreement and the MOU, decided once for every output format.

Markdown, HTML (and the Word document built from it) print the same sentences, so each
clause whose wording depends on the partnership is written as plain text (the agreement's
in `clauses_text`, the MOU's in `clauses_mou`, what they share in `phrasing`): the
templates escape it for their format.
"""

from __future__ import annotations

from typing import Any

from partnerkit.documents.clauses_mou import mou_wording
from partnerkit.documents.clauses_text import agreement_wording
from partnerkit.format.model import Partnership


def wording(p: Partnership) -> dict[str, Any]:
    """Every partnership-dependent sentence of the agreement and the MOU (plain text)."""
    return {**agreement_wording(p), **mou_wording(p)}
