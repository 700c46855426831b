"""Candidate partners in the format: the criteria, their weights and each option's scores."""

from __future__ import annotations

from pydantic import Field

from partnerkit.format.types import (
    Currency,
    Date,
    FormatModel,
    Number,
    Rating,
    Role,
    Slug,
    Text,
    TextList,
)


class CandidateCriterion(FormatModel):
    """A criterion for choosing between possible partners."""

    name: Text = Field(description="Name of the criterion, such as Shared goals.")
    weight: Number = Field(ge=0, le=100, description="Weight out of 100; weights sum to 100.")
    description: Text | None = Field(None, description="What a high score means.")


class Money(FormatModel):
    """An amount of money."""

    amount: Number = Field(ge=0, description="Amount.")
    currency: Currency | None = Field(None, description="ISO 4217 currency code.")


class Candidate(FormatModel):
    """A possible partner, assessed against the criteria."""

    id: Slug = Field(description="Short id; becomes the partner id if chosen.")
    name: Text = Field(description="The organisation's name.")
    role: Role | None = Field(None, description="The role it would take if chosen.")
    strengths: TextList = Field([], description="What it is good at: evidence for the scores.")
    contributes: TextList = Field([], description="What it would put in.")
    references: TextList = Field([], description="Track record: past work and referees.")
    cost: Money | None = Field(None, description="What it would cost.")
    scores: dict[Text, Rating] = Field(
        {}, description="Score per criterion, 1 (weak) to 5 (strong), keyed by criterion name."
    )
    notes: Text | None = Field(None, description="What the panel noted.")


class PanelMember(FormatModel):
    """A member of the panel that scored the candidates."""

    name: Text = Field(description="Full name.")
    title: Text | None = Field(None, description="Job title or role on the panel.")
    interests: Text | None = Field(
        None, description="Interests declared in any candidate (`none` when there are none)."
    )


class Candidates(FormatModel):
    """Possible partners compared before choosing one."""

    criteria: list[CandidateCriterion] = Field(
        [], description="Criteria and weights; weights sum to 100."
    )
    options: list[Candidate] = Field([], description="The organisations assessed.")
    panel: list[PanelMember] = Field([], description="Who scored the candidates.")
    assessed: Date | None = Field(None, description="When the panel scored them (YYYY-MM-DD).")
