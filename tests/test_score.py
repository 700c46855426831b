"""Readiness, health and the score command."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerkit.format.model import Partnership
from partnerkit.judge.scoring import assess, health_band

from conftest import EXAMPLES, TODAY

DAY = dt.date.fromisoformat(TODAY)


def example(name: str) -> Partnership:
    data = yaml.safe_load((EXAMPLES / name).read_text("utf-8"))
    return Partnership.model_validate(data)


@pytest.mark.parametrize(
    ("name", "band"),
    [
        ("northgate-crm-golive.yaml", "not ready"),
        ("harbor-county-early-learning.yaml", "developing"),
        ("riverside-clinical-onboarding.yaml", "ready"),
        ("lakeview-literacy-coaching.yaml", "ready"),
    ],
)
def test_examples_score_in_bands_that_fit_their_stage(name: str, band: str) -> None:
    assert assess(example(name), DAY).band == band


def test_health_uses_mean_of_partner_ratings_and_spread() -> None:
    a = assess(example("harbor-county-early-learning.yaml"), DAY)
    health = {h.c: h for h in a.health}
    assert a.rated_on == dt.date(2026, 9, 10)
    assert health["communication"].latest == 4 and health["communication"].previous == 4
    assert health["clarity"].trend == 1
    riverside = {h.c: h for h in assess(example("riverside-clinical-onboarding.yaml"), DAY).health}
    assert riverside["cadence"].latest == 3 and riverside["cadence"].trend == -1


def test_health_bands() -> None:
    assert [health_band(x) for x in (4.0, 3.9, 3.0, 2.9, None)] == [
        "strength", "worth discussing", "worth discussing", "concern", "not rated",
    ]  # fmt: skip


def test_next_actions_are_the_biggest_gains() -> None:
    a = assess(example("northgate-crm-golive.yaml"), DAY)
    assert len(a.actions) == 3
    gains = [g for _, g in a.actions]
    assert gains == sorted(gains, reverse=True)
    missing_gains = [
        100 / len(c.evidence) / 6 for c in a.readiness for e in c.evidence if not e.held
    ]
    assert gains[0] == max(missing_gains)


BASE = yaml.safe_load((EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8"))
EVIDENCE = {
    "signed": lambda d: [
        p.__setitem__("signed", {"by": "A", "date": dt.date(2026, 10, 1)}) for p in d["partners"]
    ],
    "strengths": lambda d: [p.__setitem__("strengths", ["x"]) for p in d["partners"]],
    "spokes": lambda d: [p.setdefault("spokesperson", {"name": "A"}) for p in d["partners"]],
    "sponsor": lambda d: d.__setitem__(
        "governance", {"sponsor": {"name": "A"}, "manager": {"name": "B"}}
    ),
    "meetings": lambda d: d["communication"].__setitem__("meetings", "weekly"),
    "disagree": lambda d: d.__setitem__("disagreements", {"steps": ["a", "b"]}),
    "decisions": lambda d: d.__setitem__(
        "decisions", {"joint": ["a"], "independent": {"learning": ["b"]}}
    ),
    "changes": lambda d: d.__setitem__(
        "changes", {"amendment": "a", "termination": {"notice_days": 5}}
    ),
    "next": lambda d: d["reviews"].__setitem__("next", dt.date(2026, 12, 1)),
    "benchmarks": lambda d: d["success"].__setitem__("benchmarks", ["x"]),
    "stakeholders": lambda d: d["stakeholders"].append({"name": "B", "interest": "funder"}),
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(EVIDENCE)), unique=True))
def test_adding_evidence_never_lowers_readiness(steps: list[str]) -> None:
    data = copy.deepcopy(BASE)
    last = assess(Partnership.model_validate(data), DAY).overall
    assert 0 <= last <= 100
    for step in steps:
        EVIDENCE[step](data)
        now = assess(Partnership.model_validate(data), DAY).overall
        assert last <= now <= 100
        last = now


def test_score_text_view(cli) -> None:
    result = cli("score", EXAMPLES / "harbor-county-early-learning.yaml", "--today", TODAY)
    assert result.code == 0
    assert "Readiness 74/100 developing" in result.out  # its agreement terms count too
    assert "Q10" in result.out and "Next actions" in result.out


def test_score_json_and_markdown(cli) -> None:
    path = EXAMPLES / "northgate-crm-golive.yaml"
    data = json.loads(cli("score", path, "-f", "json", "--today", TODAY).out)
    assert data["band"] == "not ready" and len(data["questions"]) == 10
    assert data["questions"][2]["status"] == "missing"
    md = cli("score", path, "-f", "markdown", "--today", TODAY).out
    assert md.startswith("# Readiness: ") and "| Q10 |" in md


def test_score_of_broken_file_is_exit_1(cli) -> None:
    from conftest import BAD

    result = cli("score", BAD / "unknown-key.yaml")
    assert result.code == 1
    assert "PK110" in result.out


def test_score_min_score(cli) -> None:
    path = EXAMPLES / "northgate-crm-golive.yaml"
    assert cli("score", path, "--min-score", "50", "--today", TODAY).code == 1


def test_rules_command(cli) -> None:
    listing = cli("rules")
    assert listing.code == 0 and "PK412" in listing.out
    one = cli("rules", "PK402")
    assert one.out.startswith("PK402 reaction-only-evaluation (warning, quality)")
    assert cli("rules", "PK999").code == 2
