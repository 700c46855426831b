"""PK520 at what changed: the sections changed since the signed version, found in git.

A rule sees only the file, and says that the agreed content no longer matches the
signatures; the signed version lives in git. When it can be read, each changed section
gets one finding at its key, from `history.git.changed_since`, the same answer `diff`
and `amend` give.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from partnerkit.format.thresholds import DEFAULT_MAX_BYTES
from partnerkit.history.fingerprint import signed_fingerprints
from partnerkit.history.git import InvalidVersion, changed_since
from partnerkit.support.errors import UsageError
from partnerkit.yamlio import locate

if TYPE_CHECKING:
    from partnerkit.check.finding import Finding
    from partnerkit.check.loader import Loaded


def locate_unsigned_changes(
    findings: list[Finding], loaded: Loaded, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Finding]:
    """PK520 once per section changed since the signed version, at its key, when git has
    that version; otherwise the rule's findings (at the signatures) stay as they are."""
    stale = [f for f in findings if f.code == "PK520"]
    if not stale or loaded.model is None or loaded.doc is None:
        return findings
    try:
        since = changed_since(Path(loaded.path), loaded.model, max_bytes=max_bytes)
    except (UsageError, InvalidVersion, OSError):
        return findings
    if since.version.label == "working tree" or not since.sections:
        return findings
    partners = ", ".join(
        pid for pid, terms in signed_fingerprints(loaded.model).items() if terms is not None
    )
    located = []
    template = stale[0]
    for name in since.sections:
        line, column, _ = locate(loaded.doc.root, tuple(name.split(".")))
        located.append(
            replace(
                template,
                line=line,
                column=column,
                field=name,
                message=f"`{name}` changed since {partners} signed (version "
                f"{since.version.label}) with no amendment signed since: record it with "
                "`partnerkit amend` and sign it, or undo it "
                "(`partnerkit diff FILE --since signed`)",
            )
        )
    return [f for f in findings if f.code != "PK520"] + located
