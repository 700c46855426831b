"""The agreement's terms in the format: the cover page of the standard terms it names.

The partners negotiate what is here (binding, payments, data, ownership, caps, periods,
law and venue, other changes); the clauses every agreement of a kind needs are in the
standard terms partnerkit ships (`partnerkit terms KIND`), named by `standard_terms`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, Strict

from partnerkit.format.thresholds import MAX_NOTICE_DAYS
from partnerkit.format.types import (
    Currency,
    Date,
    Flag,
    FormatModel,
    Number,
    Slug,
    Text,
    TextList,
)


class Renewal(FormatModel):
    """How the agreement renews at the end of its term."""

    automatic: Flag | None = Field(
        None, description="true: renews for the same term unless a partner gives notice."
    )
    notice_days: Annotated[int, Strict(), Field(ge=0, le=MAX_NOTICE_DAYS)] | None = Field(
        None, description="Days of notice before the end to renew, or to stop a renewal."
    )


class Payment(FormatModel):
    """A payment one partner makes to another."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    for_: Text = Field(alias="for", description="What the payment is for.")
    amount: Number = Field(ge=0, description="Amount.")
    currency: Currency | None = Field(None, description="ISO 4217 currency code.")
    payer: Slug | None = Field(None, description="Id of the partner who pays.")
    payee: Slug | None = Field(None, description="Id of the partner who is paid.")
    due: Date | None = Field(None, description="Due date (YYYY-MM-DD).")
    note: Text | None = Field(None, description="Invoicing or acceptance conditions.")


class DataProtection(FormatModel):
    """Whether personal data changes hands, and on what terms."""

    personal_data: Flag | None = Field(
        None, description="true: learner, staff or patient data passes between the partners."
    )
    laws: TextList = Field([], description="Laws that apply, such as FERPA, HIPAA or GDPR.")
    summary: Text | None = Field(
        None, description="What data, for what purpose, how it is kept and when it is deleted."
    )
    breach_notice_hours: Annotated[int, Strict(), Field(ge=1, le=MAX_NOTICE_DAYS * 24)] | None = (
        Field(None, description="Hours within which a partner reports a breach of the data.")
    )


class IntellectualProperty(FormatModel):
    """Who owns what the partners make together."""

    owner: Slug | None = Field(
        None, description="joint, each (each keeps its own), or the id of the owning partner."
    )
    summary: Text | None = Field(None, description="Ownership and licence terms in a sentence.")


class StandardTermsRef(FormatModel):
    """The standard terms the agreement is made under: a set partnerkit ships."""

    name: Slug = Field(description="Name of the set, such as partnerkit-vendor-services.")
    version: Annotated[int, Strict(), Field(ge=1)] = Field(description="Version of the set.")


Days = Annotated[int, Strict(), Field(ge=0, le=MAX_NOTICE_DAYS)]


class Terms(FormatModel):
    """What turns a charter into an agreement: the legal terms."""

    binding: Flag | None = Field(
        None,
        description="false: the document records intent and creates no legal obligation (an MOU).",
    )
    effective: Date | None = Field(None, description="Date the agreement takes effect.")
    renewal: Renewal | None = Field(None, description="How the agreement renews.")
    payments: list[Payment] = Field([], description="Payment schedule between the partners.")
    confidentiality: Text | None = Field(
        None, description="How each partner treats the other's non-public information."
    )
    data_protection: DataProtection | None = Field(
        None, description="Personal data that changes hands, and the laws that apply."
    )
    intellectual_property: IntellectualProperty | None = Field(
        None, description="Ownership of materials the partners develop."
    )
    publicity: Text | None = Field(None, description="Use of each other's name and logo.")
    liability: Text | None = Field(None, description="Who answers for what goes wrong.")
    insurance: TextList = Field([], description="Insurance each partner holds.")
    governing_law: Text | None = Field(None, description="The law that governs the agreement.")
    standard_terms: StandardTermsRef | None = Field(
        None, description="The standard terms the agreement is made under (name and version)."
    )
    liability_cap: Text | None = Field(
        None, description="The most a partner owes the others, such as the fees of 12 months."
    )
    cure_days: Days | None = Field(
        None, description="Days a partner has to put a breach right before termination."
    )
    venue: Text | None = Field(
        None, description="Courts that hear disputes, such as the courts of Cook County, Illinois."
    )
    documents: TextList = Field(
        [], description="Documents that form part of the agreement, such as a statement of work."
    )
    grant_instrument: Text | None = Field(
        None, description="The funder's own grant agreement or award that carries its money."
    )
    other_changes: TextList = Field(
        [], description="Changes to the standard terms, one clause each, printed as a schedule."
    )
