"""What a document may state about the record, worked out once as typed data.

Who signed which version of the terms, whether the agreement is in force, the words
that say where it stands, whether it is still a draft, what is still open and what
changed since the signatures. Every document, format and command (`score`, `review`,
`agenda`) reads these facts; none decides from raw fields whether something is signed
or in force, so two of them can never disagree.

A signature counts for the terms shown only when it records their fingerprint: a
signature with another fingerprint was given to an earlier version, and one with none
does not say which terms it covers (`partnerkit sign` records it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from partnerkit.check.finding import Finding
from partnerkit.check.openpoints import evidence_points, stake
from partnerkit.format.model import Amendment, Partner, Partnership, Signature
from partnerkit.history.changes import changed_sections, compare
from partnerkit.history.fingerprint import current_amendments, fingerprint, latest_signatures


class Signed(StrEnum):
    """How a partner stands towards the terms a document shows."""

    CURRENT = "current"  # signed exactly these terms (fingerprint match)
    EARLIER = "earlier"  # signed an earlier version of the terms
    PREVIOUS_TERM = "previous term"  # signed the term that has ended (renewal not agreed)
    UNRECORDED = "unrecorded"  # signed, but the signature names no terms
    NOT = "not signed"


def long_date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


@dataclass(frozen=True, slots=True)
class PartnerSigning:
    """One partner's signature block: what it may show, and the sentence under it."""

    partner_id: str
    name: str  # the usual name
    party: str  # the legal name, else the usual name
    state: Signed
    signature: Signature | None  # the latest signature (of the agreement or an amendment)
    signatory: str | None
    signatory_title: str | None
    note: str  # plain sentence for the block ("" when conformed or never signed)

    @property
    def conformed(self) -> bool:
        """A "/s/" may be printed: this partner signed exactly the terms shown."""
        return self.state is Signed.CURRENT

    @property
    def signed_any(self) -> bool:
        return self.state is not Signed.NOT


@dataclass(frozen=True, slots=True)
class Record:
    """The facts a document states; see the module docstring."""

    fingerprint: str
    signing: tuple[PartnerSigning, ...]
    in_force: bool
    status: str  # the status words: "In force", "Awaiting the signature of X", ...
    signed_line: str  # one line for `score`: "signed by every partner", ...
    draft: bool  # a DRAFT marking belongs on the document
    renewal_lapsed: bool  # renewing, and the term it renews has ended
    open_points: tuple[str, ...]  # open and specific, naming who and what
    changed: tuple[str, ...]  # agreed sections changed since the last full signature
    pending: Amendment | None  # the amendment some partner has still to sign

    @property
    def every_current(self) -> bool:
        return all(s.state is Signed.CURRENT for s in self.signing)

    @property
    def conformed_copy(self) -> bool:
        """Some block shows "/s/": the document says what that mark means."""
        return any(s.conformed for s in self.signing)

    @property
    def nobody_signed(self) -> bool:
        return not any(s.signed_any for s in self.signing)

    def awaiting(self) -> list[str]:
        """The partners whose signature of the terms shown is still missing."""
        return [s.name for s in self.signing if s.state is not Signed.CURRENT]

    def contradicts(self, text: str) -> bool:
        """A claim the signatures disprove: "every partner signed" while one has not."""
        return bool(_ALL_SIGNED.search(text)) and any(s.state is Signed.NOT for s in self.signing)

    def credible(self, items: Iterable[str]) -> list[str]:
        """`items` (a review's wins) without those the record contradicts."""
        return [x for x in items if not self.contradicts(x)]

    def points_intro(self, noun: str = "agreement") -> str:
        """The sentence before the open points of a DRAFT box."""
        if self.nobody_signed:
            return f"Before the {noun} is signed, the partners still need to settle these points:"
        return "These points are still open:"


_ALL_SIGNED = re.compile(
    r"\b(every|all|each|both)\s+(of\s+the\s+)?(partners?|parties|party)\b.{0,40}\bsigned\b"
    r"|\bsigned\s+by\s+(every|all|each|both)\b|\bfully\s+signed\b",
    re.I,
)
# Agreed sections named as a reader says them (fingerprint section names otherwise).
_SECTION_WORDS = {
    "period": "the term", "partners": "the parties", "value": "the background",
    "costs": "the costs", "changes": "amendment and termination",
    "decisions": "decisions", "communication": "communication",
    "disagreements": "disagreements", "governance": "management",
    "expectations": "the deliverables", "success": "the success criteria",
}  # fmt: skip


def section_words(name: str) -> str:
    """`terms.payments` → `payments`, `costs` → `the costs`."""
    return _SECTION_WORDS.get(name, name.removeprefix("terms.").replace("_", " "))


def record_of(
    p: Partnership,
    today: dt.date,
    *,
    ready: bool = True,
    missing: Iterable[str] = (),
    blockers: Iterable[str] = (),
    signed_version: Partnership | None = None,
) -> Record:
    """The facts of `p` as of `today`.

    `ready`: the readiness band says the terms are complete enough to sign; `missing`:
    the names of the readiness evidence not held (they become open points); `blockers`:
    further open points, plain sentences, from findings that block signature (see
    `points_from_findings`); `signed_version`: the last version every partner signed
    (from git), to say what changed since.
    """
    current = fingerprint(p)
    period = p.period
    end = period.end if period else None
    lapsed = p.status == "renewing" and end is not None and end < today
    pending = _pending(p, current)
    signing = tuple(_signing(p, x, current, lapsed, end) for x in p.partners)
    every = all(s.state is Signed.CURRENT for s in signing)
    start = (
        p.terms.effective if p.terms and p.terms.effective else (period.start if period else None)
    )
    within = start is not None and start <= today and (end is None or today <= end)
    in_force = every and within and p.status not in ("ended", "exploring") and not lapsed
    changed = (
        tuple(section_words(n) for n in changed_sections(compare(signed_version, p)))
        if (signed_version is not None and not every)
        else ()
    )
    # Details without which no one can sign keep a draft a draft, whatever the band says.
    missing = list(missing)
    basics = any(m in SIGNING_NEEDS for m in missing)
    draft = ((not ready or basics) and not every and p.status != "ended") or lapsed
    status = _status(p, signing, today, start, end, lapsed, pending, in_force, draft)
    points: list[str] = []
    if draft:
        points += _signature_points(p, signing, lapsed, end, pending, changed)
        points += [x for x in blockers if x not in points]
        points += [x for x in evidence_points(p, missing) if x not in points]
    return Record(current, signing, in_force, status, _signed_line(signing, pending),
                  draft, lapsed, tuple(points), changed, pending)  # fmt: skip


SIGNING_NEEDS = frozenset({
    "every party has its legal name", "every party names an authorised signatory",
    "every party has an address for notices", "an effective date",
    # the cover page's variables that the standard terms rely on (judge.coverpage)
    "the standard terms named are known", "a liability cap", "a cure period",
    "a venue for disputes", "a breach notice period", "the funder's grant instrument is named",
})  # fmt: skip
"""Readiness evidence a document needs before anyone can sign it: while one is missing,
the document prints a placeholder where it belongs ("full legal name to be confirmed",
"to be agreed" on the cover page)."""


BLOCKS_SIGNING: dict[str, Callable[[Partnership, Finding], str | None]] = {}
"""Finding codes that block signature, each with the plain sentence its open point reads
(None leaves a finding out). A rule module adds its codes here; every document's DRAFT
box then lists them, from `record_for(..., findings=...)`."""


def points_from_findings(p: Partnership, findings: Iterable[Finding]) -> list[str]:
    """The open points of the findings that block signature, once each, in their order."""
    out: list[str] = []
    for f in findings:
        phrase = BLOCKS_SIGNING.get(f.code)
        text = phrase(p, f) if phrase else None
        if text and text not in out:
            out.append(text)
    return out


def _pending(p: Partnership, current: str) -> Amendment | None:
    """The latest amendment of this term that not every partner has signed."""
    amendments = [a for _, a in current_amendments(p)]
    if amendments and any(x.id not in amendments[-1].signed for x in p.partners):
        return amendments[-1]
    return None


def _signing(
    p: Partnership, x: Partner, current: str, lapsed: bool, end: dt.date | None
) -> PartnerSigning:
    sig, amendment = latest_signatures(p).get(x.id, (None, None))
    what = f"the amendment of {long_date(amendment.date)}" if amendment else "the agreement"
    if sig is None:
        state, note = Signed.NOT, ""
    elif lapsed and end is not None:
        state = Signed.PREVIOUS_TERM
        note = f"Signed the term that ended on {long_date(end)}, on {long_date(sig.date)}."
    elif sig.terms is None:
        state = Signed.UNRECORDED
        note = (f"Signed {what} on {long_date(sig.date)}; the signature does not record "
                "which version of the terms it covers.")  # fmt: skip
    elif sig.terms == current:
        state, note = Signed.CURRENT, ""
        if amendment is not None:  # the date shown is the amendment's: say so
            first = (
                f"; the agreement was first signed on {long_date(x.signed.date)}"
                if (x.signed is not None)
                else ""
            )
            note = f"Signature of {what}, which brings the terms to this version{first}."
    else:
        state = Signed.EARLIER
        note = f"Signed an earlier version of the terms on {long_date(sig.date)}."
    s = x.signatory
    return PartnerSigning(x.id, x.name, x.legal_name or x.name, state, sig,
                          s.name if s else None, s.title if s else None, note)  # fmt: skip


def _names(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    if any("," in x for x in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _status(
    p: Partnership, signing: tuple[PartnerSigning, ...], today: dt.date,
    start: dt.date | None, end: dt.date | None, lapsed: bool,
    pending: Amendment | None, in_force: bool, draft: bool,
) -> str:  # fmt: skip
    waiting = [s.name for s in signing if s.state not in (Signed.CURRENT, Signed.UNRECORDED)]
    if p.status == "ended":
        return f"Ended on {long_date(end)}" if end and end <= today else "Ended"
    if lapsed and end is not None:
        return f"Term ended on {long_date(end)}; renewal not yet agreed"
    if in_force:
        if p.status == "renewing" and end is not None:
            return f"In force until {long_date(end)}; renewal under discussion"
        return "In force"
    if all(s.state is Signed.CURRENT for s in signing):  # signed, but not running today
        if end is not None and today > end:
            return f"Term ended on {long_date(end)}"
        if start is not None and today < start:
            return f"Signed; takes effect on {long_date(start)}"
        return "Signed"
    if p.status == "exploring":
        return "Under discussion"
    if pending is not None and any(s.state is Signed.CURRENT for s in signing):
        return f"Amendment of {long_date(pending.date)} awaiting the signature of {_names(waiting)}"
    if all(s.state is Signed.NOT for s in signing):
        return "Draft for discussion" if draft else "Ready for signature"
    if not waiting:
        return "Signed; the signatures do not record which terms they cover"
    if any(s.state is Signed.EARLIER for s in signing):
        return f"Changed since signature; awaiting the signature of {_names(waiting)}"
    return f"Awaiting the signature of {_names(waiting)}"


def _signed_line(signing: tuple[PartnerSigning, ...], pending: Amendment | None) -> str:
    """`score`'s one line on signatures, by partner id."""
    by = {state: [s.partner_id for s in signing if s.state is state] for state in Signed}
    if not any(s.signed_any for s in signing):
        return "not signed yet"
    if len(by[Signed.CURRENT]) == len(signing):
        return "signed by every partner"
    parts = []
    if by[Signed.EARLIER]:
        parts.append(f"changed since signed by {', '.join(sorted(by[Signed.EARLIER]))}")
    if by[Signed.PREVIOUS_TERM]:
        parts.append(f"{', '.join(by[Signed.PREVIOUS_TERM])} signed the term that ended")
    if by[Signed.UNRECORDED]:
        parts.append(f"signed by {', '.join(by[Signed.UNRECORDED])} with no terms fingerprint")
    if by[Signed.NOT]:
        parts.append(f"not yet signed by {', '.join(by[Signed.NOT])}")
    if pending is not None and by[Signed.CURRENT]:
        parts.append(f"amendment of {pending.date} pending")
    return "; ".join(parts)


def _signature_points(
    p: Partnership, signing: tuple[PartnerSigning, ...], lapsed: bool,
    end: dt.date | None, pending: Amendment | None, changed: tuple[str, ...],
) -> list[str]:  # fmt: skip
    out: list[str] = []
    if lapsed and end is not None:
        out.append(f"The term ended on {long_date(end)}: the renewed term's dates must be "
                   "agreed before this document is circulated.")  # fmt: skip
    if pending is not None:
        for s in signing:
            if s.partner_id not in pending.signed:
                what = pending.summary.rstrip(".")
                out.append(f"{s.name} has not signed the amendment of "
                           f"{long_date(pending.date)} ({what}).")  # fmt: skip
    elif changed:
        out.append(f"Changed since the partners signed: {_names(list(changed))}.")
    some = any(s.signed_any for s in signing)
    for s in signing:
        if s.state is Signed.NOT and some:
            what = stake(p, s.partner_id)
            out.append(f"{s.name}{f', which {what},' if what else ''} has not signed.")
        elif s.state is Signed.EARLIER and pending is None:
            assert s.signature is not None
            out.append(f"{s.name} signed an earlier version of the terms on "
                       f"{long_date(s.signature.date)} and has not signed them as they "
                       "now stand.")  # fmt: skip
    unrecorded = [s.name for s in signing if s.state is Signed.UNRECORDED]
    if unrecorded:
        one = len(unrecorded) == 1
        whose, verb = ("signature", "does") if one else ("signatures", "do")
        out.append(f"The {whose} of {_names(unrecorded)} {verb} not record which version of "
                   f"the terms {'it covers' if one else 'they cover'}: confirm "
                   f"{'it' if one else 'each'} against these terms.")  # fmt: skip
    return out


class _Readiness(Protocol):
    evidence: Sequence[Any]


class Judged(Protocol):
    """What `record_for` reads of an assessment: its band and its evidence."""

    @property
    def band(self) -> str: ...

    @property
    def readiness(self) -> Sequence[_Readiness]: ...


def record_for(
    p: Partnership,
    today: dt.date,
    assessment: Judged,
    findings: Iterable[Finding] = (),
    **more: Any,
) -> Record:
    """`record_of` with readiness and open points taken from an assessment, and the open
    points of the findings that block signature (`BLOCKS_SIGNING`)."""
    missing = [e.name for c in assessment.readiness for e in c.evidence if not e.held]
    blockers = points_from_findings(p, findings)
    return record_of(
        p, today, ready=assessment.band == "ready", missing=missing, blockers=blockers, **more
    )
