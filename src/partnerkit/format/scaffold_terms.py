"""The commented `terms` a new partnership file starts with, fitting its kind.

Uncommented, they are valid terms (tested); the wording is a start for counsel, not
advice: each partner's legal or procurement contact reads it before anyone signs.
"""

from __future__ import annotations


def commented_terms(kind: str, lead: str, other: str) -> list[str]:
    """Commented starter terms that fit the kind: the wording is a start for counsel."""
    if kind == "internal":
        return [
            "# Teams of one organisation sign no contract: the terms say when the work",
            "# starts and that the charter records intent rather than obligations.",
            "# terms:",
            "#   binding: false",
            "#   effective: YYYY-MM-DD",
        ]
    binding = kind != "community"
    out = [
        "# What turns the charter into an agreement. Uncomment, then have each partner's",
        "# legal or procurement contact read the wording: these are starting points only.",
        "# terms:",
        "#   binding: true" if binding else
        "#   binding: false   # a community MOU usually records intent only",
        "#   effective: YYYY-MM-DD",
        "#   renewal: {automatic: false, notice_days: 60}",
    ]  # fmt: skip
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
    out += _DATA_PROTECTION.get(kind, _NO_PERSONAL_DATA)
    owner = lead if kind in ("vendor", "school") else "each"
    out += [
        "#   intellectual_property:",
        f"#     owner: {owner}   # joint | each | a partner id",
        "#     summary: Who owns what is made together, and who may use it.",
        "#   publicity: Either partner may name the other; anything more needs written approval.",
    ]
    if kind in _LIABILITY:
        out += [
            _LIABILITY[kind],
            "#   insurance:",
            f"#     - {_INSURANCE[kind]}, held by {other}",
        ]
    if binding:
        out.append("#   governing_law: State of …")
    return out


_DATA_PROTECTION = {
    "school": [
        "#   data_protection:",
        "#     personal_data: true",
        "#     laws: [FERPA]",
        "#     summary: The district shares only the student records the work needs;"
        " the provider acts as a school official under the district's control,"
        " never re-discloses them, and destroys them within 60 days of the end.",
    ],
    "vendor": [
        "#   data_protection:",
        "#     personal_data: true   # learner, staff or patient data changes hands",
        "#     laws: [HIPAA]         # or GDPR, state law; HIPAA where patient data is near",
        "#     summary: Only learner records move; no patient information; a business"
        " associate agreement is signed before any clinical visit; deleted 90 days"
        " after the end.",
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
