"""Whole-section examples for the JSON Schema, so that editors complete a section at once.

Each top-level section of the format gets `examples` (JSON Schema) and
`defaultSnippets` (read by VS Code's YAML and JSON support): picking the snippet
inserts the whole section, filled with the reference partnership's answer to its
question, ready to edit. The values follow the reference file in the format's design.
"""

from __future__ import annotations

from typing import Any

PARTNERS: list[dict[str, Any]] = [
    {
        "id": "riverside",
        "name": "Riverside Health Learning & Development",
        "role": "lead",
        "spokesperson": {"name": "Dana Ortiz", "title": "Director of Clinical Education"},
        "strengths": ["Clinical subject-matter experts"],
        "contributes": ["SME time, 4 h a week"],
        "benefits": ["Faster time-to-competence for new nurses"],
    },
    {
        "id": "cmr",
        "name": "CMR Learning Partners",
        "role": "provider",
        "spokesperson": {"name": "Sam Reyes", "title": "Account Director"},
        "strengths": ["Instructional design for clinical audiences"],
        "contributes": ["Curriculum design", "Facilitation"],
        "benefits": ["A reference client in acute care"],
    },
]

SECTIONS: dict[str, Any] = {
    "period": {"start": "2026-01-15", "end": "2027-01-14"},
    "partners": PARTNERS,
    "stakeholders": [{"name": "Nurse managers", "interest": "training-need"}],
    "value": {
        "goals": ["Reduce time-to-competence for new clinical hires"],
        "strategies": ["Blended onboarding"],
        "needs": ["Medication-safety refresher for agency nurses"],
    },
    "costs": [
        {"item": "Facilitation fees", "type": "real", "amount": 24000, "currency": "USD",
         "borne_by": "riverside"},
        {"item": "Nurse educator time away from wards", "type": "intangible",
         "borne_by": "riverside"},
    ],
    "expectations": [
        {"deliverable": "Needs analysis report", "owner": "cmr", "due": "2026-02-28",
         "status": "planned"},
    ],
    "changes": {
        "amendment": "Either partner proposes in writing; both spokespeople approve.",
        "termination": {
            "notice_days": 60,
            "procedure": "Written notice; work in progress is completed or handed over.",
        },
    },
    "decisions": {
        "joint": ["Curriculum scope", "Evaluation design"],
        "independent": {"cmr": ["Facilitator assignment"], "riverside": ["Cohort scheduling"]},
    },
    "communication": {
        "channels": ["Monthly steering call", "Shared project board"],
        "meetings": "monthly",
    },
    "disagreements": {
        "steps": [
            "Raise with the other spokesperson within 5 working days",
            "Escalate to the steering group",
            "Independent mediator",
        ]
    },
    "governance": {
        "manager": {"name": "Dana Ortiz", "partner": "riverside"},
        "sponsor": {"name": "Lee Park", "partner": "riverside"},
    },
    "success": {
        "criteria": [
            {
                "name": "Onboarding completion",
                "measure": "Share of new hires completing onboarding within 30 days",
                "level": "behaviour",
                "baseline": 62,
                "target": 90,
                "unit": "%",
                "by": "2026-12-31",
            }
        ],
        "benchmarks": ["Regional hospital network median, 80%"],
    },
    "reviews": {"cadence": "quarterly", "next": "2026-04-15"},
    "terms": {
        "binding": True,
        "effective": "2026-01-15",
        "renewal": {"automatic": False, "notice_days": 60},
        "confidentiality": "Each partner keeps the other's non-public information confidential.",
        "governing_law": "State of Illinois",
    },
    "candidates": {
        "criteria": [
            {"name": "Complementary strengths", "weight": 40},
            {"name": "Shared goals", "weight": 30},
            {"name": "Cost", "weight": 30},
        ],
        "options": [
            {"id": "cmr", "name": "CMR Learning Partners",
             "scores": {"Complementary strengths": 4, "Shared goals": 4, "Cost": 3}},
        ],
    },
}
"""An example value for each section a user writes by hand."""

MINIMAL: dict[str, Any] = {
    "partnerkit": 1,
    "id": "riverside-onboarding",
    "title": "Clinical onboarding curriculum",
    "kind": "vendor",
    "status": "exploring",
    "partners": [
        {"id": "riverside", "name": "Riverside Health L&D", "role": "lead"},
        {"id": "cmr", "name": "CMR Learning Partners", "role": "provider"},
    ],
}
"""The smallest valid partnership: the snippet for an empty file."""


def annotate(schema: dict[str, Any]) -> dict[str, Any]:
    """Add `examples` and `defaultSnippets` to the schema's sections (in place) and return it."""
    properties = schema["properties"]
    for name, example in SECTIONS.items():
        prop = properties[name]
        description = str(prop.get("description", ""))
        prop["examples"] = [example]
        prop["defaultSnippets"] = [
            {"label": name, "description": description, "body": example}
        ]
    schema["examples"] = [MINIMAL]
    schema["defaultSnippets"] = [
        {
            "label": "partnership",
            "description": "A minimal partnership file: format version, id, title, partners.",
            "body": MINIMAL,
        }
    ]
    return schema
