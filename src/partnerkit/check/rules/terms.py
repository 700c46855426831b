"""PK420–PK436: what an agreement of each kind needs before partners sign it.

The checks themselves live in `partnerkit.judge.legal` (the parties and the clauses)
and `partnerkit.judge.coverpage` (the cover page of the standard terms), shared with
readiness; each rule here reports one of them where it fails. They apply once a
partnership is proposed or in force, and an internal partnership is only asked for its
start date and the standard terms it is made under.
"""

from __future__ import annotations

from collections.abc import Iterator

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import Context, Hit, rule
from partnerkit.format.model import Partnership
from partnerkit.judge.coverpage import all_needs
from partnerkit.judge.legal import Need

W = Severity.WARNING
E = Severity.ERROR


def _gaps(ctx: Context, code: str) -> Iterator[Hit]:
    for need in _unheld(ctx.model).get(code, ()):
        yield Hit(need.loc, need.message)


_LAST: list[tuple[Partnership, dict[str, list[Need]]]] = []


def _unheld(model: Partnership) -> dict[str, list[Need]]:
    """The needs not held, by code: worked out once per file for the rules that ask
    (one pass over many partners, not one per rule)."""
    if _LAST and _LAST[0][0] is model:
        return _LAST[0][1]
    by_code: dict[str, list[Need]] = {}
    for need in all_needs(model):
        if not need.held:
            by_code.setdefault(need.code, []).append(need)
    _LAST[:] = [(model, by_code)]
    return by_code


@rule("PK420", "legal-name-missing", W, "A party to the agreement has no legal name")
def legal_name_missing(ctx: Context) -> Iterator[Hit]:
    """The agreement binds legal entities, not departments or brands: a partner's counsel
    first checks that the party is named as it is registered. Applies to proposed and
    active partnerships between organisations (not `internal`).

    Bad:  `name: Riverside Health — Learning & Development` and nothing more.
    Good: `legal_name: Riverside Health System, Inc.`
    """
    yield from _gaps(ctx, "PK420")


@rule("PK421", "notice-address-missing", W, "A party has no address for formal notices")
def notice_address_missing(ctx: Context) -> Iterator[Hit]:
    """Notice of termination, non-renewal or breach must go somewhere a court would accept;
    an email address of a spokesperson who may leave is not enough.

    Bad:  no `address` on a partner of a proposed agreement.
    Good: `address: 100 River Road, Springfield, IL 62701, USA`
    """
    yield from _gaps(ctx, "PK421")


@rule("PK422", "signatory-missing", W, "A party has no authorised signatory")
def signatory_missing(ctx: Context) -> Iterator[Hit]:
    """The person who runs a partnership is rarely the one allowed to commit the
    organisation to it; the signature block names the signatory, not the spokesperson.

    Bad:  only `spokesperson: {name: Dana Ortiz, title: Director of Clinical Education}`.
    Good: `signatory: {name: Lee Park, title: Chief Nursing Officer}`
    """
    yield from _gaps(ctx, "PK422")


@rule("PK423", "signed-by-someone-else", W, "Signed by someone other than the named signatory")
def signed_by_someone_else(ctx: Context) -> Iterator[Hit]:
    """A signature by anyone but the named signatory may not bind the partner: either
    that person had delegated authority (then name them as signatory) or it must be
    signed again. Titles such as Dr. are ignored when comparing names.

    Bad:  `signatory: {name: Lee Park}` and `signed: {by: Dana Ortiz, ...}`.
    Good: `signed: {by: Lee Park, title: Chief Nursing Officer, date: 2026-01-10}`
    """
    yield from _gaps(ctx, "PK423")


@rule("PK424", "effective-date-missing", W, "The agreement has no effective date")
def effective_date_missing(ctx: Context) -> Iterator[Hit]:
    """Obligations, notice periods and renewal all count from the effective date, which is
    not always the start of the work or the date of the last signature.

    Bad:  a proposed partnership with no `terms.effective`.
    Good: `terms: {effective: 2026-01-15}`
    """
    yield from _gaps(ctx, "PK424")


@rule("PK425", "data-protection-missing", W, "Personal data moves without a data clause")
def data_protection_missing(ctx: Context) -> Iterator[Hit]:
    """Where learner, student, staff or patient data changes hands, the agreement says
    which laws apply (FERPA, HIPAA, GDPR, state law) and how the data is used, kept and
    deleted. Fires when `terms.data_protection.personal_data` is true without `laws`
    and a `summary`, or when a partner contributes what reads as personal data
    ("learner data", "student records") and the file has no data clause at all.

    Bad:  `contributes: [Learner data from the LMS]` and no `terms.data_protection`.
    Good: `data_protection: {personal_data: true, laws: [FERPA], summary: ...}`
    """
    yield from _gaps(ctx, "PK425")


@rule("PK426", "ip-ownership-missing", W, "Materials are made together but nobody owns them")
def ip_ownership_missing(ctx: Context) -> Iterator[Hit]:
    """When a deliverable is a curriculum, module, guide or other material, the agreement
    says who owns it and who may use it afterwards; otherwise the provider usually
    keeps the copyright by default.

    Bad:  `- {deliverable: Twelve online modules, owner: vendor}` and no IP clause.
    Good: `intellectual_property: {owner: riverside, summary: Riverside owns ...}`
    """
    yield from _gaps(ctx, "PK426")


@rule("PK427", "governing-law-missing", W, "A binding agreement names no governing law")
def governing_law_missing(ctx: Context) -> Iterator[Hit]:
    """A binding agreement between parties in different places must say whose law
    interprets it; counsel will not sign without it.

    Bad:  `terms: {binding: true}` alone.
    Good: `terms: {binding: true, governing_law: State of Illinois}`
    """
    yield from _gaps(ctx, "PK427")


@rule("PK428", "binding-unstated", W, "The file does not say whether the agreement binds")
def binding_unstated(ctx: Context) -> Iterator[Hit]:
    """An MOU that records intent and a contract that creates obligations read alike to a
    partner; the document must say which it is.

    Bad:  a proposed partnership with no `terms.binding`.
    Good: `terms: {binding: false}` for an MOU, `true` for a contract.
    """
    yield from _gaps(ctx, "PK428")


@rule("PK429", "liability-missing", W, "A vendor or school agreement omits liability")
def liability_missing(ctx: Context) -> Iterator[Hit]:
    """When a provider's staff work on a hospital ward or in a school, the agreement says
    who answers for what goes wrong and what insurance each side holds. Applies to
    agreements of kind `vendor` or `school` unless `terms.binding` is false: such an
    agreement is a contract unless the file says it is not.

    Bad:  `terms: {binding: true, governing_law: ...}` with no liability or insurance.
    Good: `liability: Each party answers for its own staff.` and an `insurance` list.
    """
    yield from _gaps(ctx, "PK429")


@rule("PK430", "standard-terms-unnamed", W, "The file does not name its standard terms")
def standard_terms_unnamed(ctx: Context) -> Iterator[Hit]:
    """The agreement is the cover page (the file's `terms`) plus a set of standard terms
    partnerkit ships for the kind (`partnerkit terms KIND` prints them). Until the file
    names the set and its version, a draft shows the latest, which a later release may
    revise; naming them fixes the words the partners sign, inside the terms fingerprint.
    Not asked of a file already signed without them (adopting them is an amendment), nor
    of kind `other`.

    Bad:  a proposed vendor agreement with no `terms.standard_terms`.
    Good: `standard_terms: {name: partnerkit-vendor-services, version: 1}`
    """
    yield from _gaps(ctx, "PK430")


@rule("PK431", "standard-terms-unknown", E, "The standard terms named are not shipped")
def standard_terms_unknown(ctx: Context) -> Iterator[Hit]:
    """The file names a set or a version this partnerkit does not ship (a typo, or a
    file written with a newer release), or the set of another kind of agreement; the
    agreement cannot be rendered with the words it names.

    Bad:  `standard_terms: {name: partnerkit-vendor-services, version: 9}`
    Good: a name and version `partnerkit terms vendor` prints.
    """
    yield from _gaps(ctx, "PK431")


@rule("PK432", "liability-cap-missing", W, "The cover page states no Liability Cap")
def liability_cap_missing(ctx: Context) -> Iterator[Hit]:
    """The standard terms limit each partner's liability to the Liability Cap the cover
    page states; without it the limit is empty. Applies to binding agreements (vendor
    and school ones unless `binding: false`).

    Bad:  no `terms.liability_cap`.
    Good: `liability_cap: The fees paid and payable under this agreement`
    """
    yield from _gaps(ctx, "PK432")


@rule("PK433", "cure-period-missing", W, "The cover page states no Cure Period")
def cure_period_missing(ctx: Context) -> Iterator[Hit]:
    """A partner may end the agreement for a breach the other has not put right within
    the Cure Period; without a number of days nobody knows when that is.

    Bad:  no `terms.cure_days`.
    Good: `cure_days: 30`
    """
    yield from _gaps(ctx, "PK433")


@rule("PK434", "venue-missing", W, "The cover page names no Venue for disputes")
def venue_missing(ctx: Context) -> Iterator[Hit]:
    """The standard terms take a dispute that mediation does not settle to the courts of
    the Venue; a governing law alone does not say which courts.

    Bad:  `governing_law: State of Illinois` and no `venue`.
    Good: `venue: State and federal courts in Cook County, Illinois`
    """
    yield from _gaps(ctx, "PK434")


@rule("PK435", "breach-notice-missing", W, "Personal data moves with no Breach Notice Period")
def breach_notice_missing(ctx: Context) -> Iterator[Hit]:
    """Where personal data changes hands (always assumed for a school placement unless
    the file says none does), the standard terms require a breach to be reported within
    the Breach Notice Period; the partners agree the hours.

    Bad:  `data_protection: {personal_data: true, laws: [FERPA], summary: ...}` alone.
    Good: `breach_notice_hours: 72`
    """
    yield from _gaps(ctx, "PK435")


@rule("PK436", "grant-instrument-missing", W, "A funder's money has no grant instrument named")
def grant_instrument_missing(ctx: Context) -> Iterator[Hit]:
    """A community memorandum creates no right to funding: a funder's money moves under its
    own grant agreement or award, with its own conditions, and the cover page names it.
    Applies to community partnerships with a partner whose role is `funder`.

    Bad:  a `funder` partner and no `terms.grant_instrument`.
    Good: `grant_instrument: County Fund grant agreement CF-2025-114`
    """
    yield from _gaps(ctx, "PK436")
