"""Write N realistic, varied partnership files, reproducibly from a seed.

    python benchmarks/generate.py 1000 benchmarks/data/n1000 --seed 7

Kinds, stages and sizes vary; about a fifth of the files have findings (missing
sections, overdue dates, unmeasurable criteria) and a few have schema errors, so the
benchmark exercises every path a real portfolio does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import yaml

KINDS = ["vendor", "internal", "community", "school", "other"]
STATUSES = [
    "exploring",
    "proposed",
    "active",
    "active",
    "active",
    "under-review",
    "renewing",
    "ended",
]
ORGS = [
    "Riverside Health", "Meridian Clinical Learning", "Northgate Insurance", "Harbor Head Start",
    "Lakeview USD", "Cornerstone Literacy", "County Early Learning Fund", "Summit College",
    "Pinecrest Hospital", "Atlas Training Group", "Bright Start Network", "Westfield Schools",
]  # fmt: skip
WORDS = [
    "onboarding",
    "coaching",
    "simulation",
    "literacy",
    "leadership",
    "safety",
    "compliance",
    "mentoring",
    "curriculum",
    "facilitation",
    "evaluation",
    "workshop",
    "cohort",
    "induction",
    "credential",
    "pathway",
    "blended",
    "module",
    "practice",
    "feedback",
    "observation",
    "assessment",
    "release",
    "schedule",
]
LEVELS = ["reaction", "learning", "behaviour", "results", "roi"]


def phrase(rng: random.Random, n: int = 5) -> str:
    words = rng.sample(WORDS, n)
    return " ".join(words).capitalize()


def partnership(rng: random.Random, i: int) -> dict[str, Any]:
    kind = rng.choice(KINDS)
    status = rng.choice(STATUSES)
    start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
    orgs = rng.sample(ORGS, rng.choice([2, 2, 2, 3, 4]))
    ids = [f"p{j}-{o.split()[0].lower()}" for j, o in enumerate(orgs)]
    roles = ["lead"] + [rng.choice(["provider", "member", "funder", "advisor"]) for _ in orgs[1:]]
    level = rng.random()
    full = level > 0.2  # a fifth are incomplete
    thin = level < 0.45  # and a quarter more leave a few sections out
    partners = []
    for pid, name, role in zip(ids, orgs, roles, strict=True):
        p: dict[str, Any] = {"id": pid, "name": name, "role": role}
        if full or rng.random() > 0.5:
            p["spokesperson"] = {"name": f"Person {rng.randrange(1000)}", "title": "Director",
                                 "email": f"contact{rng.randrange(1000)}@example.org"}  # fmt: skip
            p["strengths"] = [phrase(rng) for _ in range(rng.randrange(1, 4))]
            p["contributes"] = [phrase(rng, 3) for _ in range(rng.randrange(1, 4))]
            p["benefits"] = [phrase(rng, 4) for _ in range(rng.randrange(1, 3))]
        if status in ("active", "renewing", "under-review", "ended") and rng.random() > 0.1:
            p["signed"] = {"by": p.get("spokesperson", {}).get("name", "A Person"),
                           "date": start - dt.timedelta(days=rng.randrange(1, 30))}  # fmt: skip
        partners.append(p)
    doc: dict[str, Any] = {
        "partnerkit": 1,
        "id": f"partnership-{i:05d}",
        "title": f"{phrase(rng, 3)} partnership {i}",
        "kind": kind,
        "status": status,
        "summary": " ".join(phrase(rng, 6) + "." for _ in range(rng.randrange(1, 4))),
        "period": {"start": start, "end": start + dt.timedelta(days=rng.choice([180, 365, 730]))},
        "partners": partners,
        "stakeholders": [
            {
                "name": phrase(rng, 2),
                "interest": rng.choice(["training-need", "learner", "funder", "sponsor"]),
            }
            for _ in range(rng.randrange(0 if not full else 1, 5))
        ],
    }
    if full or rng.random() > 0.5:
        doc["value"] = {"goals": [phrase(rng) for _ in range(2)], "strategies": [phrase(rng)],
                        "needs": [phrase(rng)]}  # fmt: skip
    doc["costs"] = [
        {"item": phrase(rng, 3), "type": rng.choice(["real", "intangible", "possible"]),
         "amount": rng.randrange(1000, 90000), "currency": "USD", "borne_by": rng.choice(ids)}
        for _ in range(rng.randrange(0, 4))
    ]  # fmt: skip
    doc["expectations"] = [
        {"deliverable": phrase(rng, 4), "owner": rng.choice(ids),
         "due": start + dt.timedelta(days=rng.randrange(20, 500)),
         "status": rng.choice(["planned", "in-progress", "done", "done", "late"])}
        for _ in range(rng.randrange(1, 8))
    ]  # fmt: skip
    if full:
        doc["changes"] = {"amendment": phrase(rng, 8) + ".",
                          "termination": {"notice_days": rng.choice([30, 60, 90]), "procedure": phrase(rng, 8)}}  # fmt: skip
        doc["decisions"] = {"joint": [phrase(rng, 3), phrase(rng, 3)],
                            "independent": {ids[0]: [phrase(rng, 3)], ids[1]: [phrase(rng, 3)]}}  # fmt: skip
        doc["communication"] = {
            "channels": [phrase(rng, 3)],
            "meetings": rng.choice(["weekly", "monthly", "quarterly"]),
        }
    if full and not thin:
        doc["disagreements"] = {"steps": [phrase(rng, 5) for _ in range(rng.randrange(1, 4))]}
        doc["governance"] = {"manager": {"name": "Person A", "partner": ids[0]},
                             "sponsor": {"name": "Person B", "partner": rng.choice(ids)}}  # fmt: skip
    doc["success"] = {
        "criteria": [
            {"name": phrase(rng, 3), "measure": phrase(rng, 6), "level": rng.choice(LEVELS),
             "baseline": rng.randrange(0, 60), "target": rng.randrange(60, 100),
             "current": rng.randrange(0, 100), "unit": "%",
             "by": start + dt.timedelta(days=rng.randrange(100, 700))}
            for _ in range(rng.randrange(1, 5))
        ],
        "benchmarks": [phrase(rng, 4)] if full and not thin else [],
    }  # fmt: skip
    history = []
    day = start
    for _ in range(rng.randrange(0, 6)):
        day += dt.timedelta(days=rng.randrange(60, 120))
        review: dict[str, Any] = {"date": day, "kind": "periodic", "attendees": [p.get("spokesperson", {}).get("name", "A") for p in partners],
                                  "ratings": {c: rng.randrange(2, 6) for c in ("commitment", "communication", "credibility", "clarity", "cadence", "collaboration")},
                                  "wins": [phrase(rng)], "concerns": [phrase(rng)], "adjustments": [phrase(rng)]}  # fmt: skip
        if rng.random() > 0.6:
            review["partner_ratings"] = {
                pid: {"communication": rng.randrange(1, 6), "clarity": rng.randrange(1, 6)}
                for pid in ids[:2]
            }
        history.append(review)
    doc["reviews"] = {
        "cadence": "quarterly",
        "next": day + dt.timedelta(days=rng.randrange(-30, 120)),
        "history": history,
    }
    if rng.random() < 0.03:  # a few files with schema errors
        doc["kind"] = "vendr"
    return doc


def write(n: int, folder: Path, seed: int) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"partnership-{i:05d}.yaml"
        text = yaml.safe_dump(partnership(rng, i), sort_keys=False, allow_unicode=True, width=100)
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = write(args.count, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} files, {size / len(paths) / 1024:.1f} KB each on average, to {args.folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
