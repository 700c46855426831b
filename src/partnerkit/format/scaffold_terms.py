"""The commented cover page a new partnership file starts with, fitting its kind.

The clauses every agreement of a kind needs are in the standard terms partnerkit ships
(`partnerkit terms KIND`); the file's `terms` is the cover page: the set it is made
under, the variables that set refers to, and the partners' own wording. Block style,
one item per line. Uncommented, it is a valid cover page (tested); the wording is a
start for counsel, not advice.
"""

from __future__ import annotations

from partnerkit.format.standard import BY_KIND, latest

_PAID_FOR = {"vendor": "Vendor fees", "school": "Provider fees"}


def commented_terms(kind: str, lead: str, other: str) -> list[str]:
    """Commented starter cover page that fits the kind: the wording is a start for counsel."""
    if kind == "internal":
        return [
            "# Teams of one organisation sign no contract: the cover page names the working",
            "# charter's standard terms (`partnerkit terms internal`) and when the work starts.",
            "# terms:",
            *_standard(kind),
            "#   binding: false",
            "#   effective: YYYY-MM-DD",
        ]
    binding = kind != "community"
    out = [
        "# The cover page of the agreement. The clauses every agreement of this kind needs",
        f"# are in partnerkit's standard terms (`partnerkit terms {kind}` prints them for",
        "# counsel); here go the variables they refer to and the partners' own wording.",
        "# Uncomment, then have each partner's counsel read both: starting points only.",
        "# terms:",
        *_standard(kind),
        "#   binding: true" if binding else
        "#   binding: false   # a community MOU usually records intent only",
        "#   effective: YYYY-MM-DD",
        "#   renewal:",
        "#     automatic: false",
        "#     notice_days: 60",
    ]  # fmt: skip
    if binding:
        paid_for = _PAID_FOR.get(kind, "Needs analysis")  # a cost or deliverable of the scaffold
        out += [
            "#   payments:",
            f"#     - for: {paid_for}",
            "#       amount: 0",
            "#       currency: USD",
            f"#       payer: {lead}",
            f"#       payee: {other}",
            "#       due: YYYY-MM-DD",
        ]
    out.append(
        "#   confidentiality: Each partner keeps the other's non-public information"
        " confidential during the agreement and for three years after."
    )
    out += _DATA_PROTECTION.get(kind, _NO_PERSONAL_DATA)
    owner = lead if kind in ("vendor", "school") else "each"
    out += [
        "#   intellectual_property:",
        f"#     owner: {owner}   # joint | each | a partner id",
        "#     summary: Who owns what is made together, and who may use it.",
        "#   publicity: Either partner may name the other; anything more needs written approval.",
    ]
    return out + _variables(kind, other, binding)


def _variables(kind: str, other: str, binding: bool) -> list[str]:
    """Liability and insurance, then the variables the standard terms refer to."""
    out: list[str] = []
    if kind in _LIABILITY:
        out += [
            _LIABILITY[kind],
            "#   insurance:",
            f"#     - {_INSURANCE[kind]}, held by {other}",
        ]
    if binding:
        out += [
            "#   liability_cap: The fees paid and payable under this agreement",
            "#   cure_days: 30",
        ]
    out += [
        "#   governing_law: State of …",
        "#   venue: The state courts of … County",
    ]
    if kind == "community":
        out.append(
            "#   grant_instrument: The funder's own grant agreement or award letter, by name"
            " and date"
        )
    document, change = _EXAMPLES.get(kind, _EXAMPLES["vendor"])
    out += [
        "#   documents:   # what else forms part of the agreement, one per line",
        f"#     - {document}",
        "#   other_changes:   # each change to the standard terms, one clause per line",
        f"#     - {change}",
    ]
    return out


# A document that forms part of the agreement, and a change to the standard terms.
_EXAMPLES = {
    "vendor": (
        "The statement of work of YYYY-MM-DD",
        "The warranty on Deliverables runs for 180 days after acceptance instead of 90.",
    ),
    "school": (
        "The placement calendar for each school year, as the managers agree it",
        "Background checks are confirmed once each August rather than before each placement.",
    ),
    "community": (
        "The shared training calendar for each year",
        "Attendance is shared with the funder only for people who consented when they enrolled.",
    ),
}


def _standard(kind: str) -> list[str]:
    """The set the kind is made under, at the latest version shipped (none for `other`)."""
    name = BY_KIND.get(kind)
    version = latest(name) if name else None
    if not name or version is None:
        return ["#   # standard_terms: name one that fits (`partnerkit terms vendor`)"]
    return ["#   standard_terms:", f"#     name: {name}", f"#     version: {version}"]


_DATA_PROTECTION = {
    "school": [
        "#   data_protection:",
        "#     personal_data: true",
        "#     laws:",
        "#       - FERPA",
        "#     summary: The district shares only the student records the work needs;"
        " the provider acts as a school official under the district's control,"
        " never re-discloses them, and destroys them within 60 days of the end.",
        "#     breach_notice_hours: 72",
    ],
    "vendor": [
        "#   data_protection:",
        "#     personal_data: true   # learner, staff or patient data changes hands",
        "#     laws:                 # or GDPR, state law; HIPAA where patient data is near",
        "#       - HIPAA",
        "#     summary: Only learner records move; no patient information; a business"
        " associate agreement is signed before any clinical visit; deleted 90 days"
        " after the end.",
        "#     breach_notice_hours: 72",
    ],
}
_NO_PERSONAL_DATA = [
    "#   data_protection:",
    "#     personal_data: false   # true, with the laws, if people's details move",
]
_LIABILITY = {
    "vendor": "#   liability: Each partner answers for its own staff; the provider's trainers"
    " give no patient or client care and work on clinical units only under supervision.",
    "school": "#   liability: Each partner answers for its own staff; the provider's staff"
    " complete the district's background checks before working in schools.",
}
_INSURANCE = {
    "vendor": "Professional liability of at least USD 1,000,000 per claim",
    "school": "General liability of at least USD 1,000,000 per occurrence",
}
