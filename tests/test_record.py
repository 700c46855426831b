"""The facts of the record, as data: who signed which terms, status words, draft, open points."""

from __future__ import annotations

import pytest

from partnerkit.check.record import Signed, record_of
from partnerkit.judge.scoring import assess

from states import TODAY, state

C, E, P, U, N = Signed.CURRENT, Signed.EARLIER, Signed.PREVIOUS_TERM, Signed.UNRECORDED, Signed.NOT

# state: (signature per partner, in force, status words, score's line)
TABLE = {
    "unsigned": ((N, N, N), False, "Ready for signature", "not signed yet"),
    "partly signed": (
        (C, C, N), False, "Awaiting the signature of Springfield Nursing Fund",
        "not yet signed by fund",
    ),
    "every partner signed": ((C, C, C), True, "In force", "signed by every partner"),
    "signed without fingerprints": (
        (U, U, U), False, "Signed; the signatures do not record which terms they cover",
        "signed by city, learnco, fund with no terms fingerprint",
    ),
    "signed then changed": (
        (E, E, E), False,
        "Changed since signature; awaiting the signature of City Hospital, LearnCo and "
        "Springfield Nursing Fund",
        "changed since signed by city, fund, learnco",
    ),
    "amendment pending": (
        (C, E, E), False,
        "Amendment of 1 May 2026 awaiting the signature of LearnCo and Springfield Nursing Fund",
        "changed since signed by fund, learnco; amendment of 2026-05-01 pending",
    ),
    "renewing after the end": (
        (P, P, P), False, "Term ended on 30 April 2026; renewal not yet agreed",
        "city, learnco, fund signed the term that ended",
    ),
    "ended": ((C, C, C), False, "Ended on 30 April 2026", "signed by every partner"),
}  # fmt: skip


@pytest.mark.parametrize("name", TABLE)
def test_signatures_status_and_in_force(name: str) -> None:
    states, in_force, words, line = TABLE[name]
    r = record_of(state(name), TODAY)
    assert tuple(s.state for s in r.signing) == states
    assert r.in_force is in_force
    assert r.status == words
    assert r.signed_line == line
    assert [s.conformed for s in r.signing] == [x is C for x in states]


def test_a_conformed_signature_has_no_note_and_others_say_what_was_signed() -> None:
    r = record_of(state("signed then changed"), TODAY)
    assert {s.note for s in r.signing} == {
        "Signed an earlier version of the terms on 15 December 2025."
    }
    r = record_of(state("signed without fingerprints"), TODAY)
    assert r.signing[0].note == (
        "Signed the agreement on 15 December 2025; the signature does not record which "
        "version of the terms it covers."
    )
    assert [s.note for s in record_of(state("every partner signed"), TODAY).signing] == [""] * 3
    r = record_of(state("renewing after the end"), TODAY)
    assert r.signing[2].note == "Signed the term that ended on 30 April 2026, on 15 December 2025."


# state: (draft when not ready, open points that must appear)
POINTS = {
    "unsigned": [],
    "partly signed": [
        "Springfield Nursing Fund, which bears USD 36,000 of the costs, has not signed.",
    ],
    "signed then changed": [
        "City Hospital signed an earlier version of the terms on 15 December 2025 and has not "
        "signed them as they now stand.",
    ],
    "amendment pending": [
        "LearnCo has not signed the amendment of 1 May 2026 (The grant rises to USD 42,000).",
        "Springfield Nursing Fund has not signed the amendment of 1 May 2026 (The grant rises "
        "to USD 42,000).",
    ],
    "renewing after the end": [
        "The term ended on 30 April 2026: the renewed term's dates must be agreed before this "
        "document is circulated.",
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", POINTS)
def test_open_points_name_who_and_what(name: str) -> None:
    r = record_of(state(name), TODAY, ready=False)
    assert r.draft
    for point in POINTS[name]:
        assert point in r.open_points
    if name == "unsigned":  # nobody signed: no partner is singled out
        assert not [x for x in r.open_points if "has not signed" in x]
        assert r.points_intro() == (
            "Before the agreement is signed, the partners still need to settle these points:"
        )
    else:
        assert r.points_intro() == "These points are still open:"


@pytest.mark.parametrize("name", ["every partner signed", "ended"])
def test_a_signed_record_is_never_a_draft(name: str) -> None:
    r = record_of(state(name), TODAY, ready=False, missing=["a governing law"])
    assert not r.draft
    assert "In force" in r.status or not r.in_force


def test_a_lapsed_renewal_is_a_draft_even_when_ready() -> None:
    r = record_of(state("renewing after the end"), TODAY, ready=True)
    assert r.draft and r.renewal_lapsed
    assert not any(s.conformed for s in r.signing)


def test_what_changed_since_signature_is_named_when_the_signed_version_is_known() -> None:
    signed = state("every partner signed")
    r = record_of(state("signed then changed"), TODAY, ready=False, signed_version=signed)
    assert r.changed == ("the costs",)
    assert "Changed since the partners signed: the costs." in r.open_points


def test_missing_party_details_are_open_points_naming_each_party() -> None:
    """They read "Every party has its legal name." before: settled, not open."""
    from states import BASE, model_of

    data = {**BASE, "partners": [dict(x) for x in BASE["partners"]]}
    for x in data["partners"][1:]:
        del x["legal_name"], x["address"], x["signatory"]
    p = model_of(data)
    r = record_of(p, TODAY, ready=False, missing=[e.name for c in assess(p, TODAY).readiness
                                                  for e in c.evidence if not e.held])  # fmt: skip
    for who in ("LearnCo", "Springfield Nursing Fund"):
        assert f"{who} has not yet given its full legal name." in r.open_points
        assert f"{who} has not yet given an address for formal notices." in r.open_points
        assert f"{who} has not yet named who may sign for it." in r.open_points
    assert not [x for x in r.open_points if x.startswith("Every party")]


def test_blockers_from_findings_join_the_open_points() -> None:
    blockers = ["The payments exceed the costs."]
    r = record_of(state("unsigned"), TODAY, ready=False, blockers=blockers)
    assert "The payments exceed the costs." in r.open_points


def test_findings_that_block_signing_become_open_points(monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerkit.check import record
    from partnerkit.check.finding import Finding, Severity

    p = state("unsigned")
    found = [Finding("p.yaml", 3, 1, "PK999", Severity.WARNING, "`x` is off"),
             Finding("p.yaml", 4, 1, "PK998", Severity.WARNING, "not a blocker")]  # fmt: skip
    monkeypatch.setitem(record.BLOCKS_SIGNING, "PK999", lambda p, f: "The payments exceed costs.")
    r = record.record_for(p, TODAY, assess(p, TODAY), found)
    assert r.draft and r.open_points.count("The payments exceed costs.") == 1
    assert "not a blocker" not in " ".join(r.open_points)


def test_a_signed_amendment_is_conformed_and_its_block_says_so() -> None:
    """The date shown is the amendment's: the note names it and the first signature."""
    import copy

    from states import BASE, amendment, model_of

    data = copy.deepcopy(BASE)
    amendment(data)
    now = data["amendments"][0]["signed"]["city"]["terms"]
    for pid, who in (("learnco", "Ben Ode"), ("fund", "Cy Lane")):
        data["amendments"][0]["signed"][pid] = {"by": who, "date": "2026-05-03", "terms": now}
    r = record_of(model_of(data), TODAY)
    assert r.every_current and r.in_force and r.pending is None
    assert r.signing[1].note == (
        "Signature of the amendment of 1 May 2026, which brings the terms to this version; "
        "the agreement was first signed on 15 December 2025."
    )


@pytest.mark.parametrize("name", ["unsigned", "partly signed"])
def test_a_ready_file_missing_a_party_detail_is_still_a_draft(name: str) -> None:
    """A file scoring in the ready band while a party has no legal name, signatory or
    address printed "(full legal name to be confirmed)" and blank signature names in a
    document with no DRAFT marking, its status "Ready for signature"."""
    r = record_of(state(name), TODAY, ready=True, missing=["every party has its legal name"])
    assert r.draft
    assert "Ready for signature" not in r.status
