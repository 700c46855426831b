"""The terms fingerprint: stable under form, changed by any agreed content."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerkit.check.loader import load_bytes
from partnerkit.format.model import Partnership
from partnerkit.history.changes import changed_sections, compare
from partnerkit.history.fingerprint import fingerprint

from conftest import EXAMPLES

ROUND2 = Path(__file__).parent / "data" / "round2.yaml"
FILES = [*sorted(EXAMPLES.glob("*.yaml")), ROUND2]


def model_of(text: str) -> Partnership:
    loaded = load_bytes(text.encode(), "p.yaml")
    assert loaded.model is not None, loaded.findings
    return loaded.model


def data_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


def dumped(data: dict[str, Any], **kw: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, **kw)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_stable_under_reformatting_comments_and_key_order(path: Path) -> None:
    text = path.read_text()
    data = data_of(path)
    first = fingerprint(model_of(text))
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert fingerprint(model_of(dumped(data, sort_keys=True))) == first
    assert fingerprint(model_of(dumped(data, sort_keys=False, default_flow_style=True))) == first
    reordered = dict(reversed(list(data.items())))
    commented = "# a comment\n" + dumped(reordered, sort_keys=False).replace("\n", "  # note\n", 3)
    assert fingerprint(model_of(commented)) == first


CHANGES = [
    ("partners.0.name", "Someone else", "partners"),
    ("partners.0.legal_name", "Someone Else, Inc.", "partners"),
    ("partners.0.contributes", ["Only money"], "partners"),
    ("period.end", dt.date(2030, 1, 1), "period"),
    ("value.goals", ["A different goal"], "value"),
    ("costs.0.amount", 99999, "costs"),
    ("expectations.0.due", dt.date(2030, 1, 1), "expectations"),
    ("expectations.0.owner", None, "expectations"),
    ("changes.amendment", "By telephone.", "changes"),
    ("decisions.joint", ["Everything"], "decisions"),
    ("communication.meetings", "weekly", "communication"),
    ("disagreements.steps", ["Shout"], "disagreements"),
    ("governance.manager.name", "Somebody", "governance"),
    ("success.criteria.0.target", 1, "success"),
    ("success.benchmarks", ["Another"], "success"),
    ("terms.liability", "Nobody is responsible.", "terms.liability"),
]

UNCHANGED = [
    ("status", "under-review"),
    ("expectations.0.status", "late"),
    ("success.criteria.0.current", 1),
    ("reviews", None),
    ("partners.0.signed", {"by": "X", "date": dt.date(2026, 1, 1)}),
    ("partners.0.strengths", ["Anything"]),
    ("stakeholders", None),
    ("amendments", [{"date": dt.date(2026, 6, 1), "summary": "X"}]),
    ("previous_terms", [{"period": {"start": dt.date(2020, 1, 1)}}]),
]


def patched(data: dict[str, Any], dotted: str, value: Any) -> str:
    data = copy.deepcopy(data)
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return dumped(data)


@pytest.mark.parametrize(("dotted", "value", "section"), CHANGES, ids=[c[0] for c in CHANGES])
def test_changed_by_agreed_content(dotted: str, value: Any, section: str) -> None:
    data = data_of(
        ROUND2 if dotted.startswith("terms") else EXAMPLES / "harbor-county-early-learning.yaml"
    )
    before, after = model_of(dumped(data)), model_of(patched(data, dotted, value))
    assert fingerprint(before) != fingerprint(after)
    assert changed_sections(compare(before, after)) == [section]


@pytest.mark.parametrize(("dotted", "value"), UNCHANGED, ids=[c[0] for c in UNCHANGED])
def test_not_changed_by_what_moves(dotted: str, value: Any) -> None:
    data = data_of(EXAMPLES / "riverside-clinical-onboarding.yaml")
    before, after = model_of(dumped(data)), model_of(patched(data, dotted, value))
    assert fingerprint(before) == fingerprint(after)
    assert changed_sections(compare(before, after)) == []


def test_whole_floats_and_empty_lists_are_the_same_content() -> None:
    data = data_of(EXAMPLES / "riverside-clinical-onboarding.yaml")
    base = fingerprint(model_of(dumped(data)))
    assert fingerprint(model_of(patched(data, "costs.0.amount", 48000.0))) == base
    assert fingerprint(model_of(patched(data, "value.needs", []))) != base  # removed needs
    data["partners"][0]["strengths"] = []
    assert fingerprint(model_of(dumped(data))) == base


def test_the_changes_cover_every_agreed_section() -> None:
    """Each section the fingerprint covers has a change above, so a `diff` that skips one
    (`decisions`, `period`) fails the next test."""
    from partnerkit.history import fingerprint as terms

    covered = {section for _, _, section in CHANGES}
    assert {*terms._WHOLE, "partners", "expectations", "success"} <= covered
    assert any(section.startswith("terms.") for section in covered)


@pytest.mark.parametrize(("dotted", "value", "section"), CHANGES, ids=[c[0] for c in CHANGES])
def test_diff_reports_every_agreed_section(
    cli, workdir: Path, dotted: str, value: Any, section: str
) -> None:
    """`partnerkit diff` names each changed section, as the fingerprint and `amend` see it
    (one `compare` answers for all of them)."""
    data = data_of(
        ROUND2 if dotted.startswith("terms") else EXAMPLES / "harbor-county-early-learning.yaml"
    )
    (workdir / "old.yaml").write_text(dumped(data))
    (workdir / "new.yaml").write_text(patched(data, dotted, value))
    done = cli("diff", "old.yaml", "new.yaml", "-f", "json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["sections"] == [section]
