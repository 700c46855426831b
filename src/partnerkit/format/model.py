"""The partnership file format, version 1, as Pydantic models.

Each field's description is user documentation: it becomes the JSON Schema's
description (editor hover text) and the scaffold's comments. Types are strict where
YAML would otherwise let a mistake through: text must be text, dates must be dates.

The value types are in `partnerkit.format.types`, the agreement's terms in
`partnerkit.format.terms`, candidate partners in `partnerkit.format.candidates`; the
names other modules read with the models (`SIX_CS`, `CADENCE_DAYS`, `Kind`, `Status`,
the candidate models) are re-exported here.
"""

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, Strict, StringConstraints

from partnerkit.format.candidates import Candidate as Candidate
from partnerkit.format.candidates import CandidateCriterion as CandidateCriterion
from partnerkit.format.candidates import Candidates as Candidates
from partnerkit.format.candidates import Money as Money
from partnerkit.format.heard import Heard
from partnerkit.format.terms import Terms
from partnerkit.format.thresholds import MAX_NOTICE_DAYS
from partnerkit.format.types import CADENCE_DAYS as CADENCE_DAYS
from partnerkit.format.types import (
    EMAIL_PATTERN,
    Cadence,
    CostType,
    Currency,
    Date,
    DeliverableStatus,
    Fingerprint,
    FormatModel,
    Interest,
    Level,
    MeetingRhythm,
    Number,
    Rating,
    ReviewKind,
    Role,
    Slug,
    Text,
    TextList,
)
from partnerkit.format.types import SIX_CS as SIX_CS
from partnerkit.format.types import Kind as Kind
from partnerkit.format.types import Status as Status


class Period(FormatModel):
    """When the partnership runs."""

    start: Date = Field(description="First day of the partnership (YYYY-MM-DD).")
    end: Date | None = Field(None, description="Last day, if the partnership has an end date.")


class Person(FormatModel):
    """A named person who speaks for a partner."""

    name: Text = Field(description="Full name.")
    title: Text | None = Field(None, description="Job title.")
    email: Annotated[str, Strict(), StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        None, description="Email address."
    )
    phone: Text | None = Field(None, description="Phone number.")


class Signature(FormatModel):
    """Who signed the agreement for a partner, and when."""

    by: Text = Field(description="Name of the person who signed.")
    title: Text | None = Field(None, description="Job title or capacity of the person who signed.")
    date: Date = Field(description="Date of signature (YYYY-MM-DD).")
    terms: Fingerprint | None = Field(
        None,
        description="Fingerprint of the agreed content this signature covers "
        "(written by `partnerkit sign`).",
    )


class Signatory(FormatModel):
    """The person authorised to commit a partner to the agreement."""

    name: Text = Field(description="Full name.")
    title: Text | None = Field(None, description="Job title or capacity in which they sign.")


class Partner(FormatModel):
    """An organisation in the partnership (Q2: its benefits; Q7: its spokesperson)."""

    id: Slug = Field(description="Short id used to refer to this partner elsewhere in the file.")
    name: Text = Field(description="The organisation's name.")
    legal_name: Text | None = Field(
        None, description="The organisation's full legal name: the party to the agreement."
    )
    address: Text | None = Field(None, description="Postal address where formal notices go.")
    role: Role = Field(description="lead, provider, funder, member or advisor.")
    spokesperson: Person | None = Field(None, description="Who speaks for this partner (Q7).")
    strengths: TextList = Field([], description="What this partner is good at (credibility).")
    contributes: TextList = Field([], description="What this partner puts in: time, money, skills.")
    benefits: TextList = Field([], description="What this partner gains (Q2).")
    signatory: Signatory | None = Field(
        None, description="Who may sign for this partner (not always the spokesperson)."
    )
    signed: Signature | None = Field(None, description="Signature of the agreement, once signed.")


class Stakeholder(FormatModel):
    """Someone with a stake: who needs training, provides it, funds it, takes it."""

    name: Text = Field(description="Person, group or organisation.")
    interest: Interest = Field(
        description="training-need, training-source, funder, learner, sponsor or other."
    )
    note: Text | None = Field(None, description="Anything worth knowing about this stakeholder.")


class Value(FormatModel):
    """Q1: how the partnership adds value to existing goals and strategies."""

    goals: TextList = Field([], description="The existing goals this partnership serves.")
    strategies: TextList = Field([], description="The planned strategies it supports.")
    needs: TextList = Field([], description="The training needs it meets.")


class Cost(FormatModel):
    """Q3: a cost of the partnership: real (money), intangible (time, focus) or possible (risk)."""

    item: Text = Field(description="What the cost is.")
    type: CostType = Field(description="real, intangible or possible.")
    amount: Number | None = Field(None, ge=0, description="Amount, for real costs.")
    currency: Currency | None = Field(
        None, description="ISO 4217 currency code, such as USD or EUR."
    )
    borne_by: Slug | None = Field(None, description="Id of the partner who bears this cost.")
    per: Literal["year"] | None = Field(None, description="`year`: paid every year; else once.")
    note: Text | None = Field(None, description="Assumptions or context.")


class Expectation(FormatModel):
    """Q4: a deliverable expected of a partner, and by when."""

    id: Slug | None = Field(
        None, description="Optional short id that stays the same when the deliverable is renamed."
    )
    deliverable: Text = Field(description="What is to be delivered.")
    owner: Slug | None = Field(None, description="Id of the partner responsible.")
    due: Date | None = Field(None, description="Due date (YYYY-MM-DD).")
    status: DeliverableStatus = Field(
        "planned", description="planned, in-progress, done, late or dropped."
    )
    note: Text | None = Field(None, description="Detail or acceptance criteria.")


class Termination(FormatModel):
    """How the partnership can be ended."""

    notice_days: Annotated[int, Strict(), Field(ge=0, le=MAX_NOTICE_DAYS)] | None = Field(
        None, description="Days of written notice required to end the partnership."
    )
    procedure: Text | None = Field(None, description="What happens on termination.")


class Changes(FormatModel):
    """Q5: how the plan is changed, or the partnership ended."""

    amendment: Text | None = Field(
        None, description="How either partner proposes and agrees a change."
    )
    termination: Termination | None = Field(None, description="How the partnership is ended.")


class Decisions(FormatModel):
    """Q6: which decisions are joint and which each partner makes alone."""

    joint: TextList = Field([], description="Decisions the partners make together.")
    independent: dict[Slug, TextList] = Field(
        {}, description="Decisions each partner makes alone, keyed by partner id."
    )


class Communication(FormatModel):
    """Q7: how the partners communicate."""

    channels: TextList = Field([], description="Meetings, boards, lists the partners use.")
    meetings: MeetingRhythm | None = Field(
        None, description="How often the partners meet: weekly, fortnightly, monthly, quarterly."
    )


class Disagreements(FormatModel):
    """Q8: how disagreements are handled, step by step."""

    steps: TextList = Field([], description="Escalation steps, in order.")


class Steward(FormatModel):
    """A person with a role in running the partnership."""

    name: Text = Field(description="Full name.")
    partner: Slug | None = Field(None, description="Id of the partner this person belongs to.")
    email: Annotated[str, Strict(), StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        None, description="Email address."
    )


class Governance(FormatModel):
    """Q9: who manages the partnership, and who sponsors it."""

    manager: Steward | None = Field(None, description="Who runs the partnership day to day.")
    sponsor: Steward | None = Field(None, description="The senior person who backs it.")


class Benefit(FormatModel):
    """A benefit converted to money, for the ROI calculation."""

    item: Text = Field(description="What the benefit is.")
    amount: Number = Field(ge=0, description="Its monetary value per year.")
    currency: Currency | None = Field(None, description="ISO 4217 currency code.")
    accrues_to: Slug | None = Field(None, description="Id of the partner who gains it.")
    note: Text | None = Field(None, description="How it was converted to money.")


class Measurement(FormatModel):
    """One measured value of a success criterion."""

    date: Date = Field(description="When it was measured (YYYY-MM-DD).")
    value: Number = Field(description="The measured value.")
    note: Text | None = Field(None, description="Source or context.")


class Criterion(FormatModel):
    """Q10: one measurable criterion of success."""

    name: Text = Field(description="Short name of the criterion.")
    measure: Text | None = Field(None, description="What exactly is measured, and how.")
    level: Level | None = Field(
        None,
        description="Kirkpatrick level: reaction, learning, behaviour, results, or roi.",
    )
    baseline: Number | None = Field(None, description="Value before the partnership.")
    target: Number | None = Field(None, description="Value that counts as success.")
    current: Number | None = Field(None, description="Latest measured value.")
    unit: Text | None = Field(None, description="Unit of the values, such as % or hours.")
    by: Date | None = Field(None, description="Date by which the target should be met.")
    benefits: list[Benefit] = Field(
        [],
        description="For an roi criterion: benefits per year, converted to money and isolated "
        "from other causes.",
    )
    isolation: Text | None = Field(
        None, description="For an roi criterion: how its benefits were isolated from other causes."
    )
    years: Number | None = Field(
        None, gt=0, description="For an roi criterion: years of benefits and costs counted (1)."
    )
    measurements: list[Measurement] = Field(
        [], description="Measured values, oldest first (written by `partnerkit measure`)."
    )


class Success(FormatModel):
    """Q10: the criteria and benchmarks that measure success."""

    criteria: list[Criterion] = Field([], description="Measurable success criteria.")
    benchmarks: TextList = Field([], description="External points of comparison.")


class Ratings(FormatModel):
    """The Six C's rated 1 (weak) to 5 (strong)."""

    commitment: Rating | None = Field(None, description="Both parties committed to mutual success.")
    communication: Rating | None = Field(None, description="Regular, open and honest conversation.")
    credibility: Rating | None = Field(None, description="Confidence in each other's expertise.")
    clarity: Rating | None = Field(None, description="Expectations stated and managed.")
    cadence: Rating | None = Field(None, description="Schedules, milestones and deliverables kept.")
    collaboration: Rating | None = Field(None, description="Behaviour that meets expectations.")

    def values(self) -> dict[str, int]:
        """The ratings given, by C."""
        return {c: v for c in SIX_CS if (v := getattr(self, c)) is not None}


class Review(FormatModel):
    """A review meeting: ratings, wins, concerns and the adjustments agreed."""

    date: Date = Field(description="Date of the review (YYYY-MM-DD).")
    kind: ReviewKind = Field("periodic", description="kickoff, periodic, annual or closing.")
    attendees: TextList = Field([], description="Who took part.")
    ratings: Ratings | None = Field(None, description="Six-C ratings agreed jointly (1-5).")
    partner_ratings: dict[Slug, Ratings] = Field(
        {}, description="Six-C ratings given by each partner separately, keyed by partner id."
    )
    comments: TextList = Field(
        [], description="Respondents' comments from the rating sheets, as they wrote them."
    )
    wins: TextList = Field([], description="What went well.")
    concerns: TextList = Field([], description="What worries the partners.")
    adjustments: TextList = Field(
        [], description="Changes agreed to the plan or the way of working."
    )
    minutes: Text | None = Field(None, description="Path or link to the minutes.")


class Reviews(FormatModel):
    """How the partnership is reviewed, and the reviews held."""

    cadence: Cadence | None = Field(
        None, description="How often reviews happen: monthly, quarterly, half-yearly, yearly."
    )
    next: Date | None = Field(None, description="Date of the next review (YYYY-MM-DD).")
    history: list[Review] = Field([], description="Reviews held, oldest first.")


class Amendment(FormatModel):
    """Q5 in practice: a signed change to the agreement."""

    date: Date = Field(description="Date the amendment was proposed (YYYY-MM-DD).")
    summary: Text = Field(description="What changes, in a sentence or two.")
    sections: TextList = Field([], description="Sections of the file the amendment changes.")
    signed: dict[Slug, Signature] = Field(
        {}, description="Signatures of the amendment, keyed by partner id."
    )


class PreviousTerm(FormatModel):
    """An earlier term of the partnership and who signed it (written by `partnerkit renew`)."""

    period: Period = Field(description="The earlier period.")
    signed: dict[Slug, Signature] = Field(
        {}, description="Signatures of that term, keyed by partner id."
    )


class Partnership(FormatModel):
    """A learning-and-development partnership (partnerkit format, version 1)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="partnerkit partnership",
        json_schema_extra={"$id": "https://partnerkit.dev/schema/partnership-1.json"},
    )

    partnerkit: Literal[1] = Field(description="Format version; marks a partnership file.")
    id: Slug = Field(description="Unique id in the portfolio: lowercase letters, digits, hyphens.")
    title: Text = Field(description="Short title of the partnership.")
    kind: Kind = Field(description="vendor, internal, community, school or other.")
    status: Status = Field(
        description="heard, exploring, proposed, active, under-review, renewing or ended."
    )
    summary: Text | None = Field(None, description="What the partnership is for, in a paragraph.")
    period: Period | None = Field(None, description="When the partnership runs.")
    plan: Literal["renew", "end"] | None = Field(
        None, description="What the partners plan at the end of the period: renew or end."
    )
    launch: Date | None = Field(None, description="The go-live the training prepares people for.")
    heard: Heard | None = Field(None, description="An initiative heard about (`status: heard`).")
    partners: Annotated[list[Partner], Field(min_length=2)] = Field(
        description="The organisations in the partnership: two or more."
    )
    stakeholders: list[Stakeholder] = Field(
        [], description="Who has training needs, who provides training, who funds it."
    )
    value: Value | None = Field(None, description="Q1: value to existing goals and strategies.")
    costs: list[Cost] = Field([], description="Q3: real, intangible and possible costs.")
    expectations: list[Expectation] = Field(
        [], description="Q4: what is expected of each partner, and by when."
    )
    changes: Changes | None = Field(None, description="Q5: changing the plan, or ending it.")
    decisions: Decisions | None = Field(None, description="Q6: joint and independent decisions.")
    communication: Communication | None = Field(None, description="Q7: how partners communicate.")
    disagreements: Disagreements | None = Field(
        None, description="Q8: how disagreements are handled."
    )
    governance: Governance | None = Field(None, description="Q9: who manages the partnership.")
    success: Success | None = Field(None, description="Q10: criteria and benchmarks of success.")
    reviews: Reviews | None = Field(None, description="Review cadence and history.")
    terms: Terms | None = Field(None, description="The legal terms of the agreement.")
    amendments: list[Amendment] = Field(
        [], description="Q5 in practice: every signed change, oldest first."
    )
    previous_terms: list[PreviousTerm] = Field(
        [], description="Earlier periods and who signed them (written by `partnerkit renew`)."
    )
    candidates: Candidates | None = Field(
        None, description="Possible partners compared before choosing (exploring partnerships)."
    )

    def partner_ids(self) -> list[str]:
        return [p.id for p in self.partners]
