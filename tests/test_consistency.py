"""PK6xx on a realistic file: a school of nursing and a medical centre, binding and signed.

Counsel found each contradiction of tests/data/consistency/placement.yaml between two of
its sections. Each gets its finding at the value that contradicts; each edit below
settles one of them and removes exactly its findings; all edits together leave none.
Blocking contradictions count against readiness and are open points of its documents.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from partnerkit.check.loader import load_bytes
from partnerkit.check.record import record_for
from partnerkit.check.rules import run
from partnerkit.format.model import Partnership
from partnerkit.format.scaffold import PartnerSpec, render_scaffold
from partnerkit.judge.consistency import clashes
from partnerkit.judge.names import person_key, same_person
from partnerkit.judge.scoring import AGREES, assess

from conftest import EXAMPLES

HERE = Path(__file__).parent / "data" / "consistency"
TEXT = (HERE / "placement.yaml").read_text("utf-8")
DAY = dt.date(2026, 11, 23)

# What counsel found: the finding, where (line:column of the value), and the other place
# its message names.
FOUND = [
    ("PK602", "48:57", "costs[0].amount", "line 97"),
    ("PK621", "55:76", "expectations[2].due", "line 13"),
    ("PK611", "78:42", "governance.sponsor.partner", "line 21"),
    ("PK621", "97:123", "terms.payments[0].due", "line 13"),
    ("PK631", "99:13", "terms.payments[2].for", "`costs`"),
    ("PK601", "101:101", "terms.payments[4].payee", "line 49"),
    ("PK604", "101:116", "terms.payments[4].due", "line 13"),
]

def pay(what: str, amount: int, payer: str, payee: str, due: str) -> str:
    """A payment of the schedule as the file writes it (flow style)."""
    return (
        f"{{for: {what}, amount: {amount}, currency: USD, payer: {payer}, payee: {payee}, "
        f"due: {due}}}"
    )


WORKSHOP = "{item: Preceptor workshop facilitation, type: real, amount: 9000,"
WORKSHOP_PAID = pay("Preceptor workshop facilitation", 9000, "st-brigids", "lakeside", "2026-09-30")
LATER = "".join(
    "\n    - " + pay("Preceptor workshop facilitation", 4500, "st-brigids", "lakeside", d)
    for d in ("2027-01-31", "2027-05-31", "2027-09-30")
)
IN_ADVANCE = pay(
    "Clinical placement fees for the 2027 terms paid in advance", 6000, "lakeside", "st-brigids",
    "2026-09-01",
)  # fmt: skip
SIMULATION = (
    "{item: Simulation lab sessions, type: real, amount: 3000, currency: USD, borne_by: lakeside}"
)
SPONSOR = "sponsor: {name: Helen Okafor, partner: "
# Each edit settles one contradiction: (what it settles, the edits, the findings it removes).
SETTLED = [
    ("St. Brigid's bears the workshops it pays for",
     [("borne_by: lakeside, note: Two workshops", "borne_by: st-brigids, note: Two workshops")],
     {("PK601", "terms.payments[4].payee")}),
    ("the placement fees of 2027 are scheduled",
     [(WORKSHOP_PAID, WORKSHOP_PAID + "\n    - " + IN_ADVANCE)],
     {("PK602", "costs[0].amount")}),
    ("the workshops are paid for through the term",
     [(WORKSHOP, WORKSHOP.replace("amount: 9000", "amount: 18000")),
      (WORKSHOP_PAID, WORKSHOP_PAID.replace("9000", "4500") + LATER)],
     {("PK604", "terms.payments[4].due")}),
    ("Dr. Okafor sponsors it for Lakeside",
     [(SPONSOR + "st-brigids}", SPONSOR + "lakeside}")],
     {("PK611", "governance.sponsor.partner")}),
    ("the final report falls due within the term",
     [("owner: lakeside, due: 2028-03-31", "owner: lakeside, due: 2028-01-31")],
     {("PK621", "expectations[2].due")}),
    ("the deposit falls due on the first day",
     [("payee: st-brigids, due: 2026-01-15}", "payee: st-brigids, due: 2026-02-01}")],
     {("PK621", "terms.payments[0].due")}),
    ("the simulation sessions are a cost",
     [("  - {item: Preceptors' time", f"  - {SIMULATION}\n  - {{item: Preceptors' time")],
     {("PK631", "terms.payments[2].for")}),
]  # fmt: skip


def _edited(*edits: tuple[str, str]) -> str:
    text = TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _findings(text: str) -> list[tuple[str, str, str, str]]:
    loaded = load_bytes(text.encode(), "placement.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    found = run(loaded.model, loaded.doc, "placement.yaml", DAY)
    ordered = sorted(found, key=lambda f: (f.line, f.column, f.code))  # as `check` lists them
    return [(f.code, f"{f.line}:{f.column}", f.field, f.message) for f in ordered]


def _consistency(text: str) -> set[tuple[str, str]]:
    return {(code, field) for code, _, field, _ in _findings(text) if code.startswith("PK6")}


def _model(text: str) -> Partnership:
    return Partnership.model_validate(yaml.safe_load(text))


def test_each_contradiction_is_found_where_it_is() -> None:
    found = [f for f in _findings(TEXT) if f[0].startswith("PK6")]
    assert [(code, at, field) for code, at, field, _ in found] == [x[:3] for x in FOUND]
    for (_, _, _, message), (*_, other) in zip(found, FOUND, strict=True):
        assert other in message, message
    others = [f for f in _findings(TEXT) if not f[0].startswith("PK6")]
    assert others == []  # the file is otherwise sound: what is found is the contradictions


def test_the_names_matched_are_said() -> None:
    (message,) = [m for code, _, _, m in _findings(TEXT) if code == "PK611"]
    assert '(matched "Dr. Helen Okafor" and "Helen Okafor"' in message
    assert "sponsor for St. Brigid's Medical Center" in message
    assert "signatory of Lakeside School of Nursing (line 21)" in message


@pytest.mark.parametrize(("what", "edits", "removed"), SETTLED, ids=[s[0] for s in SETTLED])
def test_settling_one_contradiction_removes_its_findings_only(
    what: str, edits: list[tuple[str, str]], removed: set[tuple[str, str]]
) -> None:
    before = _consistency(TEXT)
    after = _consistency(_edited(*edits))
    assert removed <= before and not removed & after
    assert before - removed <= after  # the other contradictions stay
    kept = {code for code, _ in before - removed}
    assert {code for code, _ in after - before} <= kept  # new instances of those only


def test_the_same_file_without_the_contradictions_has_none() -> None:
    text = _edited(*(e for _, edits, _ in SETTLED for e in edits))
    assert _consistency(text) == set()
    a = assess(_model(text), DAY)
    assert a.band == "ready" and all(e.name != AGREES for c in a.readiness for e in c.evidence)


def test_blocking_contradictions_hold_readiness_and_are_open_points() -> None:
    p = _model(TEXT)
    a = assess(p, DAY)
    clarity = next(c for c in a.readiness if c.c == "clarity")
    assert [e.name for e in clarity.evidence if not e.held] == [AGREES]
    assert a.overall >= 80 and a.band == "developing" and a.contradicted
    assert "contradict each other" in a.short_of_ready
    facts = record_for(p, DAY, a)
    assert facts.draft
    points = [x for x in facts.open_points if "signature" not in x]  # and the signatures'
    assert points == [
        "The payment schedule has St. Brigid's Medical Center pay Lakeside School of Nursing "
        "for “Preceptor workshop facilitation”, while the costs say that Lakeside School of "
        "Nursing bears “Preceptor workshop facilitation”: who bears it is not yet settled.",
        "The 3 payments for “Clinical placement fees” add up to USD 30,000, less than its "
        "cost of USD 36,000.",
        "Helen Okafor is named as the sponsor for St. Brigid's Medical Center, and Dr. Helen "
        "Okafor as the signatory of Lakeside School of Nursing: which organisation this person "
        "acts for is not yet settled.",
        "The deliverable “Final placement evaluation report” is due 31 March 2028, after the "
        "partnership ends on 31 January 2028.",
        "The payment for “Deposit on the clinical placement fees” is due 15 January 2026, "
        "before the partnership starts on 1 February 2026.",
    ]
    for point in points:  # the reader's words: no codes, no keys, no ISO dates
        assert not re.search(r"PK\d|`|_|\d{4}-\d\d-\d\d", point), point


def test_warnings_alone_neither_hold_readiness_nor_become_open_points() -> None:
    blocking = [e for _, e, _ in SETTLED[:2] + SETTLED[3:6]]
    text = _edited(*(e for edits in blocking for e in edits))
    assert {code for code, _ in _consistency(text)} == {"PK604", "PK631"}
    p = _model(text)
    a = assess(p, DAY)
    assert not a.contradicted and a.band == "ready"
    assert not [x for x in record_for(p, DAY, a).open_points if "payment" in x or "cost" in x]


def test_a_draft_document_lists_the_contradictions(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(TEXT, "utf-8")
    out = cli("render", "p.yaml", "-t", "agreement", "-f", "md", "--today", "2026-11-23", "-o", "-")
    assert out.code == 0, out.err
    assert "DRAFT" in out.out
    assert "which organisation this person acts for is not yet settled" in out.out
    assert "PK6" not in out.out
    final = cli("render", "p.yaml", "--final", "--today", "2026-11-23", "-o", "x")
    assert final.code == 1 and "contradict each other" in final.err
    score = cli("score", "p.yaml", "-f", "markdown", "--today", "2026-11-23").out
    assert "— developing** (held there: sections of the file contradict each other)" in score


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dr. Helen Okafor", "Helen Okafor", True),
        ("helen   OKAFOR", "Prof Helen Okafor", True),
        ("Mx. Sam Reyes", "Mrs Sam Reyes", True),
        ("Ms. Tomás Lindqvist", "Tomás Lindqvist", True),
        ("Helen Okafor", "Helena Okafor", False),
        ("Dr.", "Dr", True),  # a title alone is still a name to compare
        ("Dr. Dr. Ann Lee", "Ann Lee", True),
    ],
)
def test_names_compare_without_titles_case_and_spacing(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert bool(person_key(a)) and bool(person_key(b))


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
def test_scaffolds_stay_consistent_once_uncommented(kind: str) -> None:
    """The starter file, with its commented cover page and the examples of its lists
    (`# - item` and the lines under it) uncommented."""
    text = render_scaffold(
        pid="x", title="X", kind=kind, today=dt.date(2026, 1, 1),
        partners=[PartnerSpec("a", "A"), PartnerSpec("b", "B")],
    )  # fmt: skip
    lines, terms, item = [], False, False
    for line in text.splitlines():
        body = line.lstrip()
        indent = line[: len(line) - len(body)]
        terms = body == "# terms:" or (terms and not indent and body.startswith("#"))
        item = body.startswith("# - ") or (item and body.startswith("#   "))
        if terms or item:
            line = indent + body[2:]
        lines.append(line.replace("YYYY-MM-DD", "2026-02-01"))
    loaded = load_bytes("\n".join(lines).encode(), "x.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    assert loaded.model.terms is not None or kind == "internal"
    assert clashes(loaded.model) == {}


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_examples_agree_with_themselves(name: str) -> None:
    model = _model((EXAMPLES / name).read_text("utf-8"))
    assert clashes(model) == {}
