"""The partnership file format, version 1, as Pydantic models.

Each field's description is user documentation: it becomes the JSON Schema's
description (editor hover text) and the scaffold's comments. Types are strict where
YAML would otherwise let a mistake through: text must be text, dates must be dates.
"""


import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from partnerkit.slugs import ID_LIMIT, SLUG_PATTERN

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

Text = Annotated[str, Strict(), StringConstraints(min_length=1)]
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN, max_length=ID_LIMIT)]
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    """One rule for dates, in `check` and in the JSON Schema (`format: date`, RFC 3339):
    YYYY-MM-DD with two-digit month and day, quoted or not. Other text stays text and
    fails as a date."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "date_impossible",
                "{value} is not a real date ({reason})",
                {"value": value, "reason": str(exc)},
            ) from None
    return value


Date = Annotated[dt.date, Strict(), BeforeValidator(_iso_date)]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]
Currency = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{3}$")]
Fingerprint = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{12}$")]
Rating = Annotated[int, Strict(), Field(ge=1, le=5)]
TextList = list[Text]

Kind = Literal["vendor", "internal", "community", "school", "other"]
Status = Literal["exploring", "proposed", "active", "under-review", "renewing", "ended"]
Role = Literal["lead", "provider", "funder", "member", "advisor"]
Interest = Literal["training-need", "training-source", "funder", "learner", "sponsor", "other"]
CostType = Literal["real", "intangible", "possible"]
DeliverableStatus = Literal["planned", "in-progress", "done", "late", "dropped"]
MeetingRhythm = Literal["weekly", "fortnightly", "monthly", "quarterly"]
Level = Literal["reaction", "learning", "behaviour", "results", "roi"]
Cadence = Literal["monthly", "quarterly", "half-yearly", "yearly"]
ReviewKind = Literal["kickoff", "periodic", "annual", "closing"]

# Days in one review cycle: overdue reviews, stale health and the next review date use it.
CADENCE_DAYS: dict[str, int] = {"monthly": 31, "quarterly": 92, "half-yearly": 183, "yearly": 366}

SIX_CS = ("commitment", "communication", "credibility", "clarity", "cadence", "collaboration")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Period(_Model):
    """When the partnership runs."""

    start: Date = Field(description="First day of the partnership (YYYY-MM-DD).")
    end: Date | None = Field(None, description="Last day, if the partnership has an end date.")


class Person(_Model):
    """A named person who speaks for a partner."""

    name: Text = Field(description="Full name.")
    title: Text | None = Field(None, description="Job title.")
    email: Annotated[str, Strict(), StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        None, description="Email address."
    )
    phone: Text | None = Field(None, description="Phone number.")


class Signature(_Model):
    """Who signed the agreement for a partner, and when."""

    by: Text = Field(description="Name of the person who signed.")
    title: Text | None = Field(None, description="Job title or capacity of the person who signed.")
    date: Date = Field(description="Date of signature (YYYY-MM-DD).")
    terms: Fingerprint | None = Field(
        None,
        description="Fingerprint of the agreed content this signature covers "
        "(written by `partnerkit sign`).",
    )


class Signatory(_Model):
    """The person authorised to commit a partner to the agreement."""

    name: Text = Field(description="Full name.")
    title: Text | None = Field(None, description="Job title or capacity in which they sign.")


class Partner(_Model):
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


class Stakeholder(_Model):
    """Someone with a stake: who needs training, provides it, funds it, takes it."""

    name: Text = Field(description="Person, group or organisation.")
    interest: Interest = Field(
        description="training-need, training-source, funder, learner, sponsor or other."
    )
    note: Text | None = Field(None, description="Anything worth knowing about this stakeholder.")


class Value(_Model):
    """Q1: how the partnership adds value to existing goals and strategies."""

    goals: TextList = Field([], description="The existing goals this partnership serves.")
    strategies: TextList = Field([], description="The planned strategies it supports.")
    needs: TextList = Field([], description="The training needs it meets.")


class Cost(_Model):
    """Q3: a cost of the partnership: real (money), intangible (time, focus) or possible (risk)."""

    item: Text = Field(description="What the cost is.")
    type: CostType = Field(description="real, intangible or possible.")
    amount: Number | None = Field(None, ge=0, description="Amount, for real costs.")
    currency: Currency | None = Field(
        None, description="ISO 4217 currency code, such as USD or EUR."
    )
    borne_by: Slug | None = Field(None, description="Id of the partner who bears this cost.")
    note: Text | None = Field(None, description="Assumptions or context.")


class Expectation(_Model):
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


class Termination(_Model):
    """How the partnership can be ended."""

    notice_days: Annotated[int, Strict(), Field(ge=0)] | None = Field(
        None, description="Days of written notice required to end the partnership."
    )
    procedure: Text | None = Field(None, description="What happens on termination.")


class Changes(_Model):
    """Q5: how the plan is changed, or the partnership ended."""

    amendment: Text | None = Field(
        None, description="How either partner proposes and agrees a change."
    )
    termination: Termination | None = Field(None, description="How the partnership is ended.")


class Decisions(_Model):
    """Q6: which decisions are joint and which each partner makes alone."""

    joint: TextList = Field([], description="Decisions the partners make together.")
    independent: dict[Slug, TextList] = Field(
        {}, description="Decisions each partner makes alone, keyed by partner id."
    )


class Communication(_Model):
    """Q7: how the partners communicate."""

    channels: TextList = Field([], description="Meetings, boards, lists the partners use.")
    meetings: MeetingRhythm | None = Field(
        None, description="How often the partners meet: weekly, fortnightly, monthly, quarterly."
    )


class Disagreements(_Model):
    """Q8: how disagreements are handled, step by step."""

    steps: TextList = Field([], description="Escalation steps, in order.")


class Steward(_Model):
    """A person with a role in running the partnership."""

    name: Text = Field(description="Full name.")
    partner: Slug | None = Field(None, description="Id of the partner this person belongs to.")
    email: Annotated[str, Strict(), StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        None, description="Email address."
    )


class Governance(_Model):
    """Q9: who manages the partnership, and who sponsors it."""

    manager: Steward | None = Field(None, description="Who runs the partnership day to day.")
    sponsor: Steward | None = Field(None, description="The senior person who backs it.")


class Benefit(_Model):
    """A benefit converted to money, for the ROI calculation."""

    item: Text = Field(description="What the benefit is.")
    amount: Number = Field(ge=0, description="Its monetary value.")
    currency: Currency | None = Field(None, description="ISO 4217 currency code.")
    note: Text | None = Field(None, description="How it was converted and isolated.")


class Measurement(_Model):
    """One measured value of a success criterion."""

    date: Date = Field(description="When it was measured (YYYY-MM-DD).")
    value: Number = Field(description="The measured value.")
    note: Text | None = Field(None, description="Source or context.")


class Criterion(_Model):
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
        description="For an roi criterion: benefits converted to money and isolated from "
        "other causes.",
    )
    measurements: list[Measurement] = Field(
        [], description="Measured values, oldest first (written by `partnerkit measure`)."
    )


class Success(_Model):
    """Q10: the criteria and benchmarks that measure success."""

    criteria: list[Criterion] = Field([], description="Measurable success criteria.")
    benchmarks: TextList = Field([], description="External points of comparison.")


class Ratings(_Model):
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


class Review(_Model):
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


class Reviews(_Model):
    """How the partnership is reviewed, and the reviews held."""

    cadence: Cadence | None = Field(
        None, description="How often reviews happen: monthly, quarterly, half-yearly, yearly."
    )
    next: Date | None = Field(None, description="Date of the next review (YYYY-MM-DD).")
    history: list[Review] = Field([], description="Reviews held, oldest first.")


class Renewal(_Model):
    """How the agreement renews at the end of its term."""

    automatic: Flag | None = Field(
        None, description="true: renews for the same term unless a partner gives notice."
    )
    notice_days: Annotated[int, Strict(), Field(ge=0)] | None = Field(
        None, description="Days of notice before the end to renew, or to stop a renewal."
    )


class Payment(_Model):
    """A payment one partner makes to another."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    for_: Text = Field(alias="for", description="What the payment is for.")
    amount: Number = Field(ge=0, description="Amount.")
    currency: Currency | None = Field(None, description="ISO 4217 currency code.")
    payer: Slug | None = Field(None, description="Id of the partner who pays.")
    payee: Slug | None = Field(None, description="Id of the partner who is paid.")
    due: Date | None = Field(None, description="Due date (YYYY-MM-DD).")
    note: Text | None = Field(None, description="Invoicing or acceptance conditions.")


class DataProtection(_Model):
    """Whether personal data changes hands, and on what terms."""

    personal_data: Flag | None = Field(
        None, description="true: learner, staff or patient data passes between the partners."
    )
    laws: TextList = Field([], description="Laws that apply, such as FERPA, HIPAA or GDPR.")
    summary: Text | None = Field(
        None, description="What data, for what purpose, how it is kept and when it is deleted."
    )


class IntellectualProperty(_Model):
    """Who owns what the partners make together."""

    owner: Slug | None = Field(
        None, description="joint, each (each keeps its own), or the id of the owning partner."
    )
    summary: Text | None = Field(None, description="Ownership and licence terms in a sentence.")


class Terms(_Model):
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


class Amendment(_Model):
    """Q5 in practice: a signed change to the agreement."""

    date: Date = Field(description="Date the amendment was proposed (YYYY-MM-DD).")
    summary: Text = Field(description="What changes, in a sentence or two.")
    sections: TextList = Field([], description="Sections of the file the amendment changes.")
    signed: dict[Slug, Signature] = Field(
        {}, description="Signatures of the amendment, keyed by partner id."
    )


class PreviousTerm(_Model):
    """An earlier term of the partnership and who signed it (written by `partnerkit renew`)."""

    period: Period = Field(description="The earlier period.")
    signed: dict[Slug, Signature] = Field(
        {}, description="Signatures of that term, keyed by partner id."
    )


class CandidateCriterion(_Model):
    """A criterion for choosing between possible partners."""

    name: Text = Field(description="Name of the criterion, such as Shared goals.")
    weight: Number = Field(ge=0, le=100, description="Weight out of 100; weights sum to 100.")
    description: Text | None = Field(None, description="What a high score means.")


class Money(_Model):
    """An amount of money."""

    amount: Number = Field(ge=0, description="Amount.")
    currency: Currency | None = Field(None, description="ISO 4217 currency code.")


class Candidate(_Model):
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


class Candidates(_Model):
    """Possible partners compared before choosing one."""

    criteria: list[CandidateCriterion] = Field(
        [], description="Criteria and weights; weights sum to 100."
    )
    options: list[Candidate] = Field([], description="The organisations assessed.")


class Partnership(_Model):
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
        description="exploring, proposed, active, under-review, renewing or ended."
    )
    summary: Text | None = Field(None, description="What the partnership is for, in a paragraph.")
    period: Period | None = Field(None, description="When the partnership runs.")
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
