"""`partnerkit verify`: match a PDF partnerkit printed to its partnership file.

The PDF carries the file it was made from (attached) and, in its subject, the file's
sha256 and the terms fingerprint. `verify` checks that the attachment is what the
document says it is, names the partners the file shows as signed, and, given a file
(or that file at a git revision), says whether its bytes and its agreed terms match.
Exit 0 when the terms match, 1 when they do not, 2 when the document cannot be read.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from partnerkit.commands.options import argument, option
from partnerkit.support.errors import UsageError
from partnerkit.support.sanitize import printable

if TYPE_CHECKING:
    from partnerkit.documents.pdfmeta import Carried
    from partnerkit.format.model import Partnership

MAX_PDF_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class VerifyOptions:
    """Everything `verify` can be asked: the one declaration of its options."""

    document: Path = argument("The PDF to check.", metavar="DOCUMENT.pdf")
    file: Path | None = argument(
        "The partnership file to compare it with.", default=None, metavar="FILE"
    )
    rev: str | None = option(
        metavar="REV", help="Compare with FILE as it was at this git revision."
    )


def run_verify(opts: VerifyOptions) -> int:
    """Read the document's source and fingerprint; compare them with FILE if given."""
    from partnerkit.documents.pdfmeta import read
    from partnerkit.support.fsutil import read_limited

    shown = printable(str(opts.document))
    try:
        data = read_limited(opts.document, MAX_PDF_BYTES)
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read it ({exc.strerror or exc})") from None
    if not data.startswith(b"%PDF-"):
        raise UsageError(f"{shown} is not a PDF")
    try:
        carried = read(data)
    except Exception:  # pikepdf's errors for a damaged file
        raise UsageError(f"{shown} is a damaged PDF: it cannot be read") from None
    if carried is None or not carried.files:
        raise UsageError(
            f"{shown} carries no partnership file: it was not printed by `partnerkit render "
            "-f pdf` (version 0.1 with WeasyPrint or later), or it was printed again since"
        )
    name, _, source = _source_of(carried)
    model = _model(source, f"{shown} (attached {printable(name)})")
    out = sys.stdout
    out.write(f"{shown}: made from {printable(carried.source)}\n")
    status = 0
    if hashlib.sha256(source).hexdigest() != carried.sha256:
        out.write("  the attached file is not the one whose sha256 the document prints\n")
        status = 1
    terms = _fingerprint(model)
    if terms != carried.terms:
        out.write(f"  its terms ({terms}) are not the terms the document prints\n")
        status = 1
    out.write(f"  sha256 {carried.sha256[:12]}, terms {carried.terms}\n")
    for line in _signatures(model, terms):
        out.write(f"  {line}\n")
    if opts.file is None:
        if opts.rev is not None:
            raise UsageError("--rev needs the FILE to read at that revision")
        return status
    return max(status, _compare(opts, source, terms))


def _source_of(carried: Carried) -> tuple[str, str, bytes]:
    """The attachment the document was made from (a redline's later version)."""
    files = carried.files
    later = [f for f in files if not f[1].startswith("Earlier version")]
    return (later or files)[-1]


def _model(raw: bytes, shown: str) -> Partnership | None:
    from partnerkit.check.loader import load_bytes

    loaded = load_bytes(raw, shown)
    return loaded.model


def _fingerprint(model: Partnership | None) -> str:
    from partnerkit.history.fingerprint import fingerprint

    return fingerprint(model) if model is not None else "(not a valid partnership file)"


def _signatures(model: Partnership | None, terms: str) -> list[str]:
    """Each partner and whether the file shows them as signed, to these terms."""
    if model is None:
        return []
    lines = []
    for partner in model.partners:
        who = printable(partner.legal_name or partner.name)
        signed = partner.signed
        if signed is None:
            lines.append(f"{who}: not signed")
            continue
        when = f"signed by {printable(signed.by)} on {signed.date:%d %B %Y}".replace(" 0", " ")
        earlier = signed.terms is not None and signed.terms != terms
        note = " (to an earlier version of the terms)" if earlier else ""
        lines.append(f"{who}: {when}{note}")
    return lines


def _compare(opts: VerifyOptions, source: bytes, terms: str) -> int:
    """Compare the document's source with FILE (at `--rev`); 1 when the terms differ."""
    from partnerkit.history import git as history
    from partnerkit.support.fsutil import read_limited

    assert opts.file is not None
    named = printable(str(opts.file))
    if opts.rev is not None:
        try:
            version = history.version_at(opts.file, opts.rev, "--rev")
        except history.InvalidVersion:
            sys.stdout.write(f"{named} at {printable(opts.rev)} is not a valid partnership file\n")
            return 1
        raw, named = version.text.encode("utf-8"), f"{named} at {printable(version.label)}"
    else:
        try:
            raw = read_limited(opts.file, MAX_PDF_BYTES)
        except OSError as exc:
            raise UsageError(f"{named}: cannot read it ({exc.strerror or exc})") from None
    theirs = _fingerprint(_model(raw, named))
    out = sys.stdout
    if raw == source:
        out.write(f"{named}: matches, the same bytes\n")
        return 0
    if theirs == terms:
        out.write(f"{named}: the same agreed terms ({terms}); the file has changed elsewhere "
                  f"since (sha256 {hashlib.sha256(raw).hexdigest()[:12]})\n")  # fmt: skip
        return 0
    out.write(f"{named}: does NOT match: its terms are {theirs}, the document's {terms}\n")
    return 1
