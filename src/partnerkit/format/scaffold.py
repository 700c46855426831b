"""A new partnership file that teaches the format as it is filled in.

Every section is present with a comment naming the partnership question it answers
and what a good answer looks like. Starter content fits the kind. The result is
schema-valid as written: `partnerkit check` passes it and lists the open questions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from partnerkit.format import model as m
from partnerkit.format import types as t
from partnerkit.format.scaffold_parts import STAKEHOLDERS, item, starting_costs
from partnerkit.format.scaffold_terms import commented_terms
from partnerkit.format.slugs import slugify
from partnerkit.format.thresholds import shift

KINDS = ("vendor", "internal", "community", "school", "other")
SECOND_ROLE = {
    "vendor": "provider",
    "internal": "member",
    "community": "member",
    "school": "provider",
    "other": "member",
}


@dataclass(frozen=True)
class PartnerSpec:
    id: str
    name: str


def parse_partner(text: str) -> PartnerSpec:
    """`--partner "Riverside Health"` or `--partner riverside=Riverside Health`."""
    if "=" in text:
        pid, name = (part.strip() for part in text.split("=", 1))
        return PartnerSpec(slugify(pid), name or pid)
    name = text.strip()
    return PartnerSpec(slugify(name.split(" ")[0] if len(name) > 24 else name), name)


def unique_ids(partners: list[PartnerSpec]) -> list[PartnerSpec]:
    seen: dict[str, int] = {}
    out = []
    for p in partners:
        n = seen.get(p.id, 0)
        seen[p.id] = n + 1
        out.append(p if n == 0 else PartnerSpec(f"{p.id}-{n + 1}", p.name))
    return out


def _q(text: str) -> str:
    """A YAML scalar that stays the text it is (JSON strings are valid YAML)."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .'()&/-]*", text) and text.lower() not in {
        "yes", "no", "on", "off", "true", "false", "null", "y", "n",
    }:  # fmt: skip
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else _escape(c) for c in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_EXAMPLE_COST = [("item", "Fees"), ("type", "real"), ("amount", "1000"), ("currency", "USD")]


def render_scaffold(
    *,
    pid: str,
    title: str,
    kind: str,
    partners: list[PartnerSpec],
    today: dt.date,
    schema_ref: str | None = None,
    candidates: list[PartnerSpec] | None = None,
) -> str:
    """The text of a new partnership file; with `candidates`, one that compares them first."""
    if candidates is not None and len(partners) < 2:
        partners = [*partners, PartnerSpec(TO_BE_CHOSEN, "To be chosen from the candidates below")]
    lead, other = _q(partners[0].id), _q(partners[1].id)
    lines = [
        *_head(pid, title, kind, today, schema_ref),
        *_partners(kind, partners),
        *_purpose(kind, lead, other),
        *_plan(kind, lead, other, today),
        *commented_terms(kind, lead, other),
        "",
        *_reviews(),
    ]
    if candidates is not None:
        lines += ["", *candidates_section(kind, candidates)]
    return "\n".join(_align(line) for line in lines) + "\n"


def _about(model: type[BaseModel], field: str) -> str:
    """A field's description from the format's model, as a trailing comment reads it."""
    text = model.model_fields[field].description or ""
    return text[:1].lower() + text[1:].rstrip(".")


def _choices(values: Any) -> str:
    """The values a field takes, from its `Literal` type: `a | b | c`."""
    return " | ".join(get_args(values))


def _head(pid: str, title: str, kind: str, today: dt.date, schema_ref: str | None) -> list[str]:
    return [
        *([f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []),
        "# A partnership file (partnerkit format 1). Each section answers one of the ten",
        "# partnership questions; `partnerkit score` shows which are still open and what",
        "# to do next. `partnerkit rules CODE` explains any warning. A list holds one item",
        "# per line, each starting with `- ` under its key; `partnerkit add` adds a",
        "# deliverable, a cost, a criterion or a stakeholder without writing YAML.",
        "partnerkit: 1",
        f"id: {_q(pid)}",
        f"title: {_q(title)}",
        f"kind: {kind} # {_choices(t.Kind)}",
        f"status: exploring # {_choices(t.Status)}",
        f"# summary: {m.Partnership.model_fields['summary'].description}",
        "period:",
        f"  start: {today.isoformat()} # add `end:` once agreed",
        "",
    ]


def _partners(kind: str, partners: list[PartnerSpec]) -> list[str]:
    lines = [
        "# The organisations in the partnership. Refer to them elsewhere by `id`.",
        "partners:",
    ]
    for i, p in enumerate(partners):
        role = "lead" if i == 0 else SECOND_ROLE[kind]
        if p.id == TO_BE_CHOSEN:
            lines.append(
                "  # The partner you choose from the candidates below (`partnerkit choose`)."
            )
        lines += [
            f"  - id: {_q(p.id)}",
            f"    name: {_q(p.name)}",
            f"    role: {role} # {_choices(t.Role)}",
            "    # Q7: who speaks for this partner",
            "    # spokesperson:",
            "    #   name: Full Name",
            "    #   title: Job title",
            "    #   email: name@example.org",
            "    strengths: # what this partner is good at: why it is in the room",
            f"    contributes: # {_about(m.Partner, 'contributes')}",
            "    benefits: # Q2: what this partner gains",
        ]
        if kind != "internal":
            lines += [
                "    # legal_name: Full Legal Name, Inc.   # the party named in the agreement",
                "    # address: Street, City, Postcode, Country   # "
                + _about(m.Partner, "address"),
                "    # signatory:   # who may commit it",
                "    #   name: Full Name",
                "    #   title: Job title",
            ]
        lines += [
            "    # signed:   # once signed",
            "    #   by: Full Name",
            "    #   title: Job title",
            "    #   date: YYYY-MM-DD",
        ]
    return [*lines, ""]


def _purpose(kind: str, lead: str, other: str) -> list[str]:
    """Stakeholders, value (Q1) and costs (Q3)."""
    costs = starting_costs(kind, lead, other)
    return [
        "# Who has a stake: who needs training, who provides it, who funds it, who learns.",
        "stakeholders:",
        *(
            line
            for name, interest in STAKEHOLDERS[kind]
            for line in item(2, [("name", _q(name)), ("interest", interest)])
        ),
        "",
        "# Q1: How does the partnership add value to goals and strategies you already have?",
        "value:",
        "  goals: # one per line, for example:",
        "    # - Cut time-to-competence for new hires from twelve weeks to eight",
        "  strategies: # the plans it supports, for example:",
        "    # - Blended onboarding",
        f"  needs: # {_about(m.Value, 'needs')}",
        "",
        "# Q3: What does it cost — real (money), intangible (time, focus), possible (risks)?",
        "costs: # one per item",
        *(costs or [f"  # {line}" for line in item(0, [*_EXAMPLE_COST, ("borne_by", lead)])]),
        "",
    ]


def _plan(kind: str, lead: str, other: str, today: dt.date) -> list[str]:
    """Expectations (Q4) to success (Q10): what each partner does and how it is run."""
    # Examples are commented-out items under their key: uncommented, the file stays valid.
    due = shift(today, 30).isoformat()  # held at 9999-12-31, never past it
    by = shift(today, 180).isoformat()
    if kind in ("vendor", "school"):
        termination = [
            "  termination:",
            "    notice_days: 60",
            "    # procedure: What happens to work in progress and materials when it ends.",
        ]
    else:
        termination = [
            "  # termination:",
            "  #   notice_days: 30",
            "  #   procedure: What happens to work in progress.",
        ]
    return [
        "# Q4: What is expected of each partner, and by when? Give each an owner and a due date.",
        "expectations: # one per deliverable, or `partnerkit add deliverable FILE`",
        "  # - deliverable: Needs analysis",
        f"  #   owner: {other}",
        f"  #   due: {due}",
        "  #   status: planned",
        "",
        "# Q5: How is the plan changed, or the partnership ended?",
        "changes:",
        "  # amendment: Either spokesperson proposes a change in writing; both approve it.",
        *termination,
        "",
        *_running(lead, other, by),
    ]


def _running(lead: str, other: str, by: str) -> list[str]:
    """Decisions (Q6) to success (Q10): how the partnership is run and judged."""
    return [
        "# Q6: Which decisions do partners make together, and which alone?",
        "decisions:",
        "  joint: # one per line, for example:",
        "    # - Scope",
        "    # - Evaluation design",
        "  independent: # by partner id, for example:",
        f"    # {other}:",
        "    #   - Who facilitates each session",
        "",
        "# Q7: How do the partners communicate?",
        "communication:",
        "  channels: # one per line, for example:",
        "    # - Monthly steering call",
        "    # - Shared project board",
        f"  # meetings: monthly   # {_choices(t.MeetingRhythm)}",
        "",
        "# Q8: How are disagreements handled? Steps in order, from talking to escalating.",
        "disagreements:",
        "  steps: # in order, one per line",
        "",
        "# Q9: Who manages the partnership day to day, and who sponsors it?",
        "governance: # uncomment and name them",
        "  # manager:",
        "  #   name: Full Name",
        f"  #   partner: {lead}",
        "  # sponsor:",
        "  #   name: Full Name",
        f"  #   partner: {lead}",
        "",
        "# Q10: What criteria and benchmarks measure success? Go beyond learner reaction:",
        f"# level is {_choices(t.Level)}.",
        "success:",
        "  criteria: # uncomment and edit",
        "    # - name: Completion",
        "    #   measure: Share completing within 30 days",
        "    #   level: behaviour",
        "    #   baseline: 60",
        "    #   target: 90",
        "    #   unit: '%'",
        f"    #   by: {by}",
        f"  benchmarks: # {_about(m.Success, 'benchmarks')}",
        "",
    ]


def _reviews() -> list[str]:
    return [
        "# Reviews keep the partnership healthy: rate the Six C's 1-5 together, record wins,",
        "# concerns and the adjustments you agree.",
        "reviews:",
        f"  cadence: quarterly # {_choices(t.Cadence)}",
        "  history: # `partnerkit record` adds each review here",
    ]


TO_BE_CHOSEN = "to-be-chosen"

# What to weigh when choosing a partner, with the weights a team starts from.
CRITERIA = [
    ("Complementary strengths", 25, "Brings what we lack rather than more of what we have."),
    ("Shared goals", 20, "Wants the same outcomes for our learners that we want."),
    ("Capability and track record", 20, "Has done work like ours and its references confirm it."),
    ("Cultural alignment", 15, "Works the way we do in pace and openness and in how it decides."),
    ("Capacity", 10, "Has the people and the time to take this on when we need it."),
    ("Cost", 10, "Fair for what it brings. Score 5 for the best value."),
]  # fmt: skip

EXAMPLE_CANDIDATES = [
    PartnerSpec("candidate-1", "First candidate organisation"),
    PartnerSpec("candidate-2", "Second candidate organisation"),
    PartnerSpec("candidate-3", "Third candidate organisation"),
]


def candidates_section(kind: str, candidates: list[PartnerSpec]) -> list[str]:
    """The commented `candidates` section: criteria and weights, and options to assess."""
    lines = [
        "# Before committing, compare the organisations you could partner with. Look for",
        "# strengths that complement yours rather than repeat them, goals you share, a",
        "# track record you have checked, a way of working that fits yours, the capacity",
        "# to take the work on, and a fair cost. `partnerkit assess` ranks the candidates;",
        "# `partnerkit choose` makes the one you pick a partner and keeps this as the record.",
        "candidates:",
        "  # Each weight is the criterion's share of the decision; together they make 100.",
        "  # Agree them before scoring anyone, not after.",
        "  criteria:",
    ]
    for name, weight, description in CRITERIA:
        lines.append(f"    - name: {_q(name)}")
        lines.append(f"      weight: {weight}")
        lines.append(f"      description: {_q(description)}")
    lines.append("  # The organisations you are considering. Replace the names; each id becomes")
    lines.append("  # the partner id when that candidate is chosen.")
    lines.append("  options:")
    for spec in candidates or EXAMPLE_CANDIDATES:
        lines.extend(
            [
                f"    - id: {_q(spec.id)}",
                f"      name: {_q(spec.name)}",
                f"      role: {SECOND_ROLE[kind]}   # the role it would take if chosen",
                "      strengths:    # what it showed it does well: the evidence for the scores",
                "      contributes:  # what it would put in: time, skills, materials",
                "      references:   # past work like yours, and the referees you spoke to",
                "      # cost:       # its quote; one currency for all",
                "      #   amount: 24000",
                "      #   currency: USD",
                "      scores:       # 1 (weak) to 5 (strong), one criterion per line: `Cost: 4`",
                "      # notes: What the panel noted, in a sentence or two.",
            ]
        )
    return lines


def _align(line: str, column: int = 30) -> str:
    """Line up a trailing `# comment` on a data line."""
    if line.lstrip().startswith("#") or " # " not in line:
        return line
    code, comment = line.split(" # ", 1)
    code = code.rstrip()
    return f"{code.ljust(column - 1)} # {comment}"
