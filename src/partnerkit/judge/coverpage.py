"""Whether the cover page is complete for the standard terms it is made under (PK430–PK436).

The standard terms refer to variables the cover page states (the Liability Cap, the
Cure Period, the Venue, the Breach Notice Period, the Grant Instrument): a draft that
leaves one open cannot be signed as it stands. The kind decides what applies: a
working charter has no legal-entity terms; a community memorandum that records intent
carries no cap or cure period; a vendor or placement agreement whose `binding` is
unstated is judged as the contract it normally is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from partnerkit.format.standard import BY_KIND, default_for, load, versions
from partnerkit.judge.legal import Loc, Need, applies, contract, needs, personal_data

if TYPE_CHECKING:
    from partnerkit.format.model import Partnership
    from partnerkit.format.standard import StandardTerms


_LAST: list[tuple[Partnership, tuple[Need, ...]]] = []


def all_needs(p: Partnership) -> tuple[Need, ...]:
    """Every agreement need (PK420–PK436), held or not; nothing while exploring.

    Worked out once per file: the rules (PK420–PK436) and readiness both ask, one after
    the other (a check of 1,000 files worked them out twice). The file's model is kept
    until the next one is asked about, so it cannot be mistaken for another.
    """
    if _LAST and _LAST[0][0] is p:
        return _LAST[0][1]
    found = (*needs(p), *(cover_needs(p) if applies(p) else ()))
    _LAST[:] = [(p, found)]
    return found


def cover_needs(p: Partnership) -> Iterator[Need]:
    """The cover page's needs, held or not, for the set the file names (or would)."""
    t = p.terms
    ref = t.standard_terms if t else None
    terms_loc: Loc = ("terms",) if t else ()
    default = BY_KIND.get(p.kind)
    if ref is None:
        if not default or any(x.signed for x in p.partners):
            return  # no set for `other`; a signed file stays as it was signed
        st = default_for(p.kind)
        latest = versions(default)[-1] if st else 1
        yield Need(
            "PK430", "clarity", "the standard terms are named", False, terms_loc,
            "the file does not name the standard terms the agreement is made under: add "
            f"`terms.standard_terms` with `name: {default}` and `version: {latest}`",
            f"name the standard terms (`terms.standard_terms`: {default}, version {latest})",
        )  # fmt: skip
    else:
        st = load(ref.name, ref.version)
        yield Need(
            "PK430", "clarity", "the standard terms are named", True, terms_loc, "", ""
        )  # fmt: skip
        problem = _unknown(p, ref.name, ref.version, st)
        yield Need(
            "PK431", "clarity", "the standard terms named are known", not problem,
            ("terms", "standard_terms"), problem,
            "name standard terms this version of partnerkit ships (`partnerkit terms KIND`)",
        )  # fmt: skip
    if st is None or st.kind == "internal" or p.kind == "internal":
        return
    yield from _variables(p, st, terms_loc)


def _unknown(p: Partnership, name: str, version: int, st: StandardTerms | None) -> str:
    if st is None:
        have = versions(name)
        if not have:
            known = ", ".join(sorted(set(BY_KIND.values())))
            return f"partnerkit ships no standard terms named {name}: use one of {known}"
        listed = ", ".join(str(v) for v in have)
        return (
            f"partnerkit ships {name} in version {listed}, not {version}: name a shipped "
            "version, or use the partnerkit release the agreement was made with"
        )
    if p.kind != "other" and st.kind != p.kind:
        return (
            f"{name} is the set for `{st.kind}` partnerships and this one is `{p.kind}`: "
            f"use {BY_KIND[p.kind]}"
        )
    return ""


def _variables(p: Partnership, st: StandardTerms, terms_loc: Loc) -> Iterator[Need]:
    """The variables the set refers to: cap, cure period, venue, breach notice, grant."""
    t = p.terms
    binds = contract(p) if st.kind != "community" else bool(t and t.binding)
    if binds:
        yield Need(
            "PK432", "clarity", "a liability cap", bool(t and t.liability_cap), terms_loc,
            "the standard terms cap each partner's liability at the Liability Cap and the "
            "cover page states none: set `terms.liability_cap`",
            "agree the cap on each partner's liability (`terms.liability_cap`)",
        )  # fmt: skip
        yield Need(
            "PK433", "clarity", "a cure period", bool(t and t.cure_days is not None), terms_loc,
            "the standard terms let a partner end the agreement for a breach not put right "
            "within the Cure Period and the cover page states none: set `terms.cure_days`",
            "agree the days a partner has to put a breach right (`terms.cure_days`)",
        )  # fmt: skip
        yield Need(
            "PK434", "clarity", "a venue for disputes", bool(t and t.venue), terms_loc,
            "the standard terms send a dispute that mediation does not settle to the courts "
            "of the Venue and the cover page names none: set `terms.venue`",
            "name the courts that hear a dispute (`terms.venue`)",
        )  # fmt: skip
    if personal_data(p):
        dp = t.data_protection if t else None
        loc: Loc = ("terms", "data_protection") if dp else terms_loc
        yield Need(
            "PK435", "clarity", "a breach notice period",
            bool(dp and dp.breach_notice_hours), loc,
            "personal data changes hands and the cover page does not say within how many "
            "hours a breach is reported: set `terms.data_protection.breach_notice_hours`",
            "agree how quickly a breach of personal data is reported "
            "(`terms.data_protection.breach_notice_hours`)",
        )  # fmt: skip
    if st.kind == "community":
        funders = [i for i, x in enumerate(p.partners) if x.role == "funder"]
        if funders:
            yield Need(
                "PK436", "commitment", "the funder's grant instrument is named",
                bool(t and t.grant_instrument), ("partners", funders[0], "role"),
                f"{p.partners[funders[0]].name} funds the partnership and the cover page does "
                "not name the grant agreement or award that carries its money: set "
                "`terms.grant_instrument`",
                "name the funder's grant agreement or award (`terms.grant_instrument`)",
            )  # fmt: skip
