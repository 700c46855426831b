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

from partnerkit.slugs import slugify

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


_STAKEHOLDERS = {
    "vendor": [
        ("Managers of the teams to be trained", "training-need"),
        ("The learners", "learner"),
    ],
    "internal": [
        ("The project team and its sponsor", "training-need"),
        ("End users who will use what the project delivers", "learner"),
    ],
    "community": [
        ("Organisations in the community with training needs", "training-need"),
        ("Institutions that provide training (colleges, agencies)", "training-source"),
        ("Funders of training", "funder"),
    ],
    "school": [
        ("Teachers taking part", "learner"),
        ("Principals", "sponsor"),
    ],
    "other": [("The learners", "learner")],
}


def _costs(kind: str, lead: str, other: str) -> list[str]:
    if kind == "vendor":
        return [
            f"  - {{item: Vendor fees, type: real, borne_by: {lead}}}   # add amount and currency",
            f"  - {{item: Staff time spent with the vendor, type: intangible, borne_by: {lead}}}",
        ]
    if kind == "school":
        return [
            f"  - {{item: Provider fees, type: real, borne_by: {lead}}}   # add amount, currency",
            f"  - {{item: Substitute cover for release days, type: real, borne_by: {lead}}}",
        ]
    if kind == "internal":
        return [
            f"  - {{item: Trainer time on the project, type: intangible, borne_by: {lead}}}",
            f"  - {{item: Project staff time in training, type: intangible, borne_by: {other}}}",
        ]
    return []


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
    lines: list[str] = []
    add = lines.append
    if schema_ref:
        add(f"# yaml-language-server: $schema={schema_ref}")
    add("# A partnership file (partnerkit format 1). Each section answers one of the ten")
    add("# partnership questions; `partnerkit score` shows which are still open and what")
    add("# to do next. `partnerkit rules CODE` explains any warning.")
    add("partnerkit: 1")
    add(f"id: {_q(pid)}")
    add(f"title: {_q(title)}")
    add(f"kind: {kind}                 # vendor | internal | community | school | other")
    add("status: exploring  # exploring | proposed | active | under-review | renewing | ended")
    add("# summary: What the partnership is for, in a paragraph.")
    add(f"period: {{start: {today.isoformat()}}}   # add `end:` once agreed")
    add("")
    add("# The organisations in the partnership. Refer to them elsewhere by `id`.")
    add("partners:")
    for i, p in enumerate(partners):
        role = "lead" if i == 0 else SECOND_ROLE[kind]
        if p.id == TO_BE_CHOSEN:
            add("  # The partner you choose from the candidates below (`partnerkit choose`).")
        add(f"  - id: {_q(p.id)}")
        add(f"    name: {_q(p.name)}")
        add(f"    role: {role}                # lead | provider | funder | member | advisor")
        add("    # Q7: who speaks for this partner")
        add("    # spokesperson: {name: Full Name, title: Job title, email: name@example.org}")
        add("    strengths: []             # what this partner is good at: why it is in the room")
        add("    contributes: []           # the time, money, skills and access it puts in")
        add("    benefits: []              # Q2: what this partner gains")
        if kind != "internal":
            add("    # legal_name: Full Legal Name, Inc.   # the party named in the agreement")
            add("    # address: Street, City, Postcode, Country   # where formal notices go")
            add("    # signatory: {name: Full Name, title: Job title}   # who may commit it")
        add("    # signed: {by: Full Name, title: Job title, date: YYYY-MM-DD}   # once signed")
    add("")
    add("# Who has a stake: who needs training, who provides it, who funds it, who learns.")
    add("stakeholders:")
    for name, interest in _STAKEHOLDERS[kind]:
        add(f"  - {{name: {_q(name)}, interest: {interest}}}")
    add("")
    add("# Q1: How does the partnership add value to goals and strategies you already have?")
    add("value:")
    add("  goals: []        # e.g. Cut time-to-competence for new hires from twelve weeks to eight")
    add("  strategies: []   # the plans it supports, e.g. Blended onboarding")
    add("  needs: []        # the training needs it meets")
    add("")
    add("# Q3: What does it cost — real (money), intangible (time, focus), possible (risks)?")
    costs = _costs(kind, lead, other)
    add(
        "costs:"
        if costs
        else "costs: []   # e.g. - {item: Fees, type: real, amount: 1000, borne_by: …}"
    )
    lines.extend(costs)
    add("")
    add("# Q4: What is expected of each partner, and by when? Give each an owner and a due date.")
    # Examples stay inside a flow collection, so uncommenting them keeps the file valid.
    due = (today + dt.timedelta(days=30)).isoformat()
    add("expectations: [   # one line per deliverable: uncomment and edit")
    add(f"  # {{deliverable: Needs analysis, owner: {other}, due: {due}, status: planned}},")
    add("]")
    add("")
    add("# Q5: How is the plan changed, or the partnership ended?")
    add("changes:")
    add("  # amendment: Either spokesperson proposes a change in writing; both approve it.")
    if kind in ("vendor", "school"):
        add("  termination:")
        add("    notice_days: 60")
        add("    # procedure: What happens to work in progress and materials when it ends.")
    else:
        add("  # termination: {notice_days: 30, procedure: What happens to work in progress.}")
    add("")
    add("# Q6: Which decisions do partners make together, and which alone?")
    add("decisions:")
    add("  joint: []         # e.g. Scope, Evaluation design")
    add("  independent: {}   # by partner id, e.g. " + f"{other}: [Who facilitates each session]")
    add("")
    add("# Q7: How do the partners communicate?")
    add("communication:")
    add("  channels: []      # e.g. Monthly steering call, Shared project board")
    add("  # meetings: monthly   # weekly | fortnightly | monthly | quarterly")
    add("")
    add("# Q8: How are disagreements handled? Steps in order, from talking to escalating.")
    add("disagreements:")
    add("  steps: []")
    add("")
    add("# Q9: Who manages the partnership day to day, and who sponsors it?")
    add("governance: {   # uncomment and name them")
    add(f"  # manager: {{name: Full Name, partner: {lead}}},")
    add(f"  # sponsor: {{name: Full Name, partner: {lead}}},")
    add("}")
    add("")
    add("# Q10: What criteria and benchmarks measure success? Go beyond learner reaction:")
    add("# level is reaction | learning | behaviour | results | roi.")
    add("success:")
    by = (today + dt.timedelta(days=180)).isoformat()
    add("  criteria: [   # uncomment and edit")
    add("    # {name: Completion, measure: Share completing within 30 days, level: behaviour,")
    add(f"    #   baseline: 60, target: 90, unit: '%', by: {by}}},")
    add("  ]")
    add("  benchmarks: []    # outside points of comparison")
    add("")
    lines.extend(_terms(kind, lead, other))
    add("")
    add("# Reviews keep the partnership healthy: rate the Six C's 1-5 together, record wins,")
    add("# concerns and the adjustments you agree.")
    add("reviews:")
    add("  cadence: quarterly   # monthly | quarterly | half-yearly | yearly")
    add("  history: []")
    if candidates is not None:
        add("")
        lines.extend(candidates_section(kind, candidates))
    return "\n".join(_align(line) for line in lines) + "\n"


def _terms(kind: str, lead: str, other: str) -> list[str]:
    """Commented starter terms that fit the kind: the wording is a start for counsel."""
    head = [
        "# What turns the charter into an agreement. Uncomment, then have each partner's",
        "# legal or procurement contact read the wording: these are starting points only.",
    ]
    if kind == "internal":
        return [
            "# Teams of one organisation sign no contract: the terms say when the work",
            "# starts and that the charter records intent rather than obligations.",
            "# terms:",
            "#   binding: false",
            "#   effective: YYYY-MM-DD",
        ]
    binding = "false" if kind == "community" else "true"
    out = [
        *head,
        "# terms:",
        f"#   binding: {binding}"
        + ("   # a community MOU usually records intent only" if binding == "false" else ""),
        "#   effective: YYYY-MM-DD",
        "#   renewal: {automatic: false, notice_days: 60}",
    ]
    if kind != "community":
        out += [
            "#   payments:",
            f"#     - {{for: First milestone, amount: 0, currency: USD, payer: {lead},"
            f" payee: {other}, due: YYYY-MM-DD}}",
        ]
    out.append(
        "#   confidentiality: Each partner keeps the other's non-public information"
        " confidential during the agreement and for three years after."
    )
    if kind == "school":
        out += [
            "#   data_protection:",
            "#     personal_data: true",
            "#     laws: [FERPA]",
            "#     summary: The district shares only the student records the work needs;"
            " the provider acts as a school official under the district's control,"
            " never re-discloses them, and destroys them within 60 days of the end.",
        ]
    elif kind == "vendor":
        out += [
            "#   data_protection:",
            "#     personal_data: true   # learner, staff or patient data changes hands",
            "#     laws: [HIPAA]         # or GDPR, state law; HIPAA where patient data is near",
            "#     summary: Only learner records move; no patient information; a business"
            " associate agreement is signed before any clinical visit; deleted 90 days"
            " after the end.",
        ]
    else:
        out += [
            "#   data_protection:",
            "#     personal_data: false   # true, with the laws, if people's details move",
        ]
    owner = lead if kind in ("vendor", "school") else "each"
    out += [
        "#   intellectual_property:",
        f"#     owner: {owner}   # joint | each | a partner id",
        "#     summary: Who owns what is made together, and who may use it.",
        "#   publicity: Either partner may name the other; anything more needs written approval.",
    ]
    if kind == "vendor":
        out += [
            "#   liability: Each partner answers for its own staff; the provider's trainers"
            " give no patient or client care and work on clinical units only under"
            " supervision.",
            "#   insurance:",
            f"#     - Professional liability of at least USD 1,000,000 per claim, held by {other}",
        ]
    elif kind == "school":
        out += [
            "#   liability: Each partner answers for its own staff; the provider's staff"
            " complete the district's background checks before working in schools.",
            "#   insurance:",
            f"#     - General liability of at least USD 1,000,000 per occurrence, held by {other}",
        ]
    if binding == "true":
        out.append("#   governing_law: State of …")
    return out


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
                "      strengths: []    # what it showed it does well: the evidence for the scores",
                "      contributes: []  # what it would put in: time, skills, materials",
                "      references: []   # past work like yours, and the referees you spoke to",
                "      # cost: {amount: 24000, currency: USD}   # its quote; one currency for all",
                "      scores: {}       # 1 (weak) to 5 (strong) per criterion: {Cost: 4, ...}",
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
