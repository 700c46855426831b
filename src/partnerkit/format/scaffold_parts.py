"""What a new partnership file starts with, written one item per line: stakeholders and
costs by kind, and the helper that writes an item block style (used by `scaffold`)."""

from __future__ import annotations

STAKEHOLDERS = {
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


def item(indent: int, pairs: list[tuple[str, str]], comment: str = "") -> list[str]:
    """One list item written block style, a key per line: `- item: Fees` then `  type: real`."""
    pad = " " * indent
    lines = [
        f"{pad}{'- ' if i == 0 else '  '}{key}: {value}" for i, (key, value) in enumerate(pairs)
    ]
    if comment:
        lines[0] += f" # {comment}"
    return lines


# Costs a new file of each kind starts with: item, type, who bears it, a note to the reader.
_COSTS = {
    "vendor": [("Vendor fees", "real", "lead", "add amount and currency"),
               ("Staff time spent with the vendor", "intangible", "lead", "")],
    "school": [("Provider fees", "real", "lead", "add amount, currency"),
               ("Substitute cover for release days", "real", "lead", "")],
    "internal": [("Trainer time on the project", "intangible", "lead", ""),
                 ("Project staff time in training", "intangible", "other", "")],
}  # fmt: skip


def starting_costs(kind: str, lead: str, other: str) -> list[str]:
    who = {"lead": lead, "other": other}
    return [
        line
        for name, kind_of, bearer, note in _COSTS.get(kind, [])
        for line in item(2, [("item", name), ("type", kind_of), ("borne_by", who[bearer])], note)
    ]
