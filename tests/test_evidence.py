"""Readiness evidence, one check at a time: each piece of a partnership that a user
removes turns exactly its own evidence check from held to missing, with its advice.

The base is the pinned Lakeview file a week before its next deliverable is due, where
every check holds; each case takes one thing away.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.format.thresholds import Bands
from partnerkit.judge.scoring import Assessment, assess

PINNED = Path(__file__).resolve().parent / "data" / "pinned"
BASE: dict[str, Any] = yaml.safe_load((PINNED / "lakeview.yaml").read_text("utf-8"))
DAY = dt.date(2026, 11, 15)

Change = Callable[[dict[str, Any]], None]


def _parent(data: Any, dotted: str) -> tuple[Any, Any]:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data, int(last) if isinstance(data, list) else last


def drop(dotted: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        parent, key = _parent(data, dotted)
        del parent[key]

    return change


def put(dotted: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        parent, key = _parent(data, dotted)
        parent[key] = value

    return change


def no_adjustments(data: dict[str, Any]) -> None:
    for review in data["reviews"]["history"]:
        review.pop("adjustments", None)


def materials_without_owner(data: dict[str, Any]) -> None:
    del data["terms"]["intellectual_property"]
    data["expectations"][0]["deliverable"] = "Coaching materials for K-3"


def assessed(data: dict[str, Any], day: dt.date = DAY) -> Assessment:
    return assess(Partnership.model_validate(data), day)


def missing(a: Assessment) -> dict[str, str]:
    """Each missing check's name and advice."""
    return {e.name: e.advice for c in a.readiness for e in c.evidence if not e.held}


def changed(change: Change) -> Assessment:
    data = copy.deepcopy(BASE)
    change(data)
    return assessed(data)


def test_the_base_holds_every_check() -> None:
    a = assessed(BASE)
    assert missing(a) == {}
    assert a.overall == 100.0 and a.band == "ready"
    assert [len(c.evidence) for c in a.readiness] == [8, 5, 3, 9, 3, 4]


CASES: list[tuple[str, Change, dict[str, str]]] = [
    ("partners.1.signed", drop("partners.1.signed"), {
        "every partner has signed": "Record each partner's signature under `signed`"}),
    ("partners.1.contributes", drop("partners.1.contributes"), {
        "every partner contributes": "List what each partner puts in under `contributes`"}),
    ("period", drop("period"), {
        "the period is set": "Set the partnership `period` (start, and end if known)"}),
    ("governance.sponsor", drop("governance.sponsor"), {
        "a sponsor is named": "Name a senior `governance.sponsor`"}),
    ("partners.1.spokesperson", drop("partners.1.spokesperson"), {
        "a spokesperson for every partner": "Name a `spokesperson` for every partner"}),
    ("communication.channels", drop("communication.channels"), {
        "channels agreed": "List the `communication.channels` you use"}),
    ("communication.meetings", drop("communication.meetings"), {
        "a meeting rhythm": "Set how often partners meet (`communication.meetings`)"}),
    ("disagreements.steps", put("disagreements.steps", []), {
        "a disagreement process": "Write the `disagreements.steps`"}),
    ("disagreements", drop("disagreements"), {
        "a disagreement process": "Write the `disagreements.steps`"}),
    ("partners.1.strengths", drop("partners.1.strengths"), {
        "strengths stated for every partner": "State each partner's `strengths`"}),
    ("stakeholders", put("stakeholders", []), {
        "stakeholders identified":
            "List the `stakeholders`: who needs, provides and funds training"}),
    ("success.benchmarks", drop("success.benchmarks"), {
        "benchmarks named": "Name outside `success.benchmarks` to compare against"}),
    ("expectations.4.due", drop("expectations.4.due"), {
        "every expectation has an owner and a due date":
            "Give every expectation an `owner` and a `due` date"}),
    ("expectations.4.owner", drop("expectations.4.owner"), {
        "every expectation has an owner and a due date":
            "Give every expectation an `owner` and a `due` date"}),
    ("expectations", put("expectations", []), {
        "every expectation has an owner and a due date":
            "Give every expectation an `owner` and a `due` date",
        "deliverables are on time":
            "Bring overdue deliverables up to date, or re-plan their `due` dates"}),
    ("decisions.independent", drop("decisions.independent"), {
        "decisions split into joint and independent":
            "Split `decisions` into `joint` and `independent`"}),
    ("decisions.joint", drop("decisions.joint"), {
        "decisions split into joint and independent":
            "Split `decisions` into `joint` and `independent`",
        "joint decisions": "Agree which `decisions.joint` you make together"}),
    ("changes.amendment", drop("changes.amendment"), {
        "a change procedure": "Write how the plan is amended (`changes.amendment`)"}),
    ("changes.termination", drop("changes.termination"), {
        "a termination procedure": "Write how the partnership ends (`changes.termination`)"}),
    ("success.criteria.2.by", drop("success.criteria.2.by"), {
        "success criteria are measurable":
            "Give every success criterion a `measure`, a `target` and a `by` date"}),
    ("success.criteria", put("success.criteria", []), {
        "success criteria are measurable":
            "Give every success criterion a `measure`, a `target` and a `by` date"}),
    ("reviews.cadence", drop("reviews.cadence"), {
        "a review cadence": "Set a review `cadence`"}),
    ("reviews.next", drop("reviews.next"), {
        "the next review is scheduled and not overdue":
            "Schedule the next review (`reviews.next`)"}),
    ("reviews.next, a day ago", put("reviews.next", dt.date(2026, 11, 14)), {
        "the next review is scheduled and not overdue":
            "Schedule the next review (`reviews.next`)"}),
    ("reviews.next, today", put("reviews.next", DAY), {}),
    ("a deliverable due a day ago", put("expectations.3.due", dt.date(2026, 11, 14)), {
        "deliverables are on time":
            "Bring overdue deliverables up to date, or re-plan their `due` dates"}),
    ("a deliverable due today", put("expectations.3.due", DAY), {}),
    ("value.goals", put("value.goals", []), {
        "shared goals": "Write the shared `value.goals`"}),
    ("partners.1.benefits", drop("partners.1.benefits"), {
        "benefits for every partner": "State what every partner gains (`benefits`)"}),
    ("reviews without adjustments", no_adjustments, {
        "reviews record adjustments": "Record the `adjustments` agreed at reviews"}),
    ("partners.1.legal_name", drop("partners.1.legal_name"), {
        "every party has its legal name": "Give Cornerstone Literacy Partners its `legal_name`"}),
    ("partners.1.address", drop("partners.1.address"), {
        "every party has an address for notices":
            "Give Cornerstone Literacy Partners the `address` where formal notices go"}),
    ("partners.1.signatory", drop("partners.1.signatory"), {
        "every party names an authorised signatory":
            "Name the person who may sign for Cornerstone Literacy Partners (`signatory`)"}),
    ("signed by someone else", put("partners.1.signed.by", "Dana Ortiz"), {
        "signed by the named signatories":
            "Have Cornerstone Literacy Partners's signatory sign, or correct `signatory`"}),
    ("terms.effective", drop("terms.effective"), {
        "an effective date": "Set the date the agreement takes effect (`terms.effective`)"}),
    ("terms.data_protection.summary", drop("terms.data_protection.summary"), {
        "personal data is protected":
            "Complete the data protection clause (`terms.data_protection`)"}),
    ("materials without an owner", materials_without_owner, {
        "ownership of materials is agreed":
            "Say who owns the materials made together (`terms.intellectual_property`)"}),
    ("terms.governing_law", drop("terms.governing_law"), {
        "a governing law": "Name the law that governs the agreement (`terms.governing_law`)"}),
    ("terms.binding", drop("terms.binding"), {
        "whether the agreement binds is stated":
            "Say whether the agreement binds (`terms.binding`)"}),
    ("terms.insurance", drop("terms.insurance"), {
        "liability and insurance are agreed":
            "Say who answers for what goes wrong and what insurance is held "
            "(`terms.liability`, `terms.insurance`)"}),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_taking_one_thing_away_misses_its_own_check(
    what: str, change: Change, expected: dict[str, str]
) -> None:
    assert missing(changed(change)) == expected


def test_a_missing_check_costs_its_share_of_its_c() -> None:
    """Overall is the mean of the six Cs; a C's score is the share of its checks held."""
    a = changed(drop("governance.sponsor"))  # commitment: 7 of 8 held
    scores = {c.c: c.score for c in a.readiness}
    assert scores == {"commitment": 87.5, "communication": 100.0, "credibility": 100.0,
                      "clarity": 100.0, "cadence": 100.0, "collaboration": 100.0}  # fmt: skip
    assert a.overall == pytest.approx(587.5 / 6)
    assert a.actions == ((next(e for e in a.readiness[0].evidence if not e.held), 100 / 8 / 6),)


def test_the_biggest_gains_come_first_three_at_most() -> None:
    a = changed(
        lambda d: [
            drop("governance.sponsor")(d),  # commitment: 1 of 8
            drop("success.benchmarks")(d),  # credibility: 1 of 3
            drop("reviews.cadence")(d),  # cadence: 1 of 3
            drop("value.goals")(d),  # collaboration: 1 of 4
        ]
    )
    assert [(e.name, round(gain, 3)) for e, gain in a.actions] == [
        ("benchmarks named", round(100 / 3 / 6, 3)),
        ("a review cadence", round(100 / 3 / 6, 3)),
        ("shared goals", round(100 / 4 / 6, 3)),
    ]


def test_the_band_is_read_from_the_rounded_overall() -> None:
    """92.36 shows as 92.4, so with `ready = 92.4` it is ready as shown."""
    a = changed(lambda d: [drop("governance.sponsor")(d), drop("success.benchmarks")(d)])
    assert a.overall == pytest.approx((87.5 + 200 / 3 + 400) / 6)
    bands = Bands(ready=92.4, developing=50)
    assert a.overall < bands.ready
    from dataclasses import replace

    assert replace(a, bands=bands).band == "ready"
    assert replace(a, bands=Bands(ready=a.overall + 0.1, developing=50)).band == "developing"


def test_the_digest_is_what_score_reports() -> None:
    data = copy.deepcopy(BASE)
    drop("governance.sponsor")(data)
    put("reviews.next", dt.date(2026, 11, 1))(data)
    a = assessed(data)
    d = a.digest()
    assert (d.overall, d.band, d.rated_on, d.stale) == (
        round(a.overall, 1), "ready", dt.date(2026, 9, 17), False,
    )  # fmt: skip
    commitment = d.cs[0]
    assert commitment.c == "commitment" and commitment.readiness == 87.5
    assert commitment.missing == ("a sponsor is named",)
    assert commitment.held[:2] == ("every partner has signed", "every partner contributes")
    assert (commitment.latest, commitment.trend, commitment.spread) == (5, 0, None)
    assert commitment.series == (4, 5, 5, 5)
    cadence = d.cs[4]
    assert cadence.missing == ("the next review is scheduled and not overdue",)
    clarity = d.cs[3]
    assert (clarity.latest, clarity.trend, clarity.series) == (5, 1, (3, 4, 4, 5))
    assert [q for q, _ in d.questions] == list(range(1, 11))
    assert len(d.next_actions) == len(a.next_actions) > 0


def test_health_reads_only_rated_reviews_in_date_order() -> None:
    data = copy.deepcopy(BASE)
    history = data["reviews"]["history"]
    history.reverse()  # written newest first: still read oldest first
    a = assessed(data)
    assert a.rated_on == dt.date(2026, 9, 17) and a.reviews_rated == 4
    cadence = {h.c: h for h in a.health}["clarity"]
    assert (cadence.latest, cadence.previous, cadence.trend) == (5, 4, 1)
    for review in history:
        review.pop("ratings", None)
    unrated = assessed(data)
    assert unrated.rated_on is None and unrated.reviews_rated == 0
    assert all(h.latest is None and h.trend is None and h.series == () for h in unrated.health)


def test_one_rated_review_has_no_trend() -> None:
    data = copy.deepcopy(BASE)
    for review in data["reviews"]["history"][:-1]:
        review.pop("ratings", None)
    h = {x.c: x for x in assessed(data).health}["clarity"]
    assert (h.latest, h.previous, h.trend, h.series) == (5, None, None, (5,))


def test_without_a_success_section_both_of_its_checks_are_missing() -> None:
    assert set(missing(changed(drop("success")))) == {
        "benchmarks named", "success criteria are measurable",
    }  # fmt: skip


def test_the_digest_rounds_to_one_decimal_and_keeps_the_partners_spread() -> None:
    data = copy.deepcopy(BASE)
    drop("success.benchmarks")(data)  # credibility: 2 of 3, 66.67
    latest = data["reviews"]["history"][-1]
    del latest["ratings"]
    latest["partner_ratings"] = {
        "lakeview": {"commitment": 5, "communication": 2, "credibility": 4, "clarity": 4,
                     "cadence": 4, "collaboration": 5},
        "cornerstone": {"commitment": 4, "communication": 5, "credibility": 4, "clarity": 5,
                        "cadence": 4, "collaboration": 5},
    }  # fmt: skip
    d = assessed(data).digest()
    cs = {c.c: c for c in d.cs}
    assert cs["credibility"].readiness == 66.7
    assert (cs["communication"].latest, cs["communication"].spread) == (3.5, 3)
    assert (cs["commitment"].latest, cs["commitment"].spread) == (4.5, 1)
    assert cs["cadence"].spread == 0


def test_health_is_stale_two_review_cycles_after_the_last_ratings() -> None:
    assert not assessed(BASE).digest().stale  # rated 2026-09-17, quarterly
    assert assessed(BASE, dt.date(2027, 6, 1)).digest().stale


def test_without_reviews_nothing_is_rated() -> None:
    a = changed(drop("reviews"))
    assert set(missing(a)) == {
        "a review cadence", "the next review is scheduled and not overdue",
        "reviews record adjustments",
    }  # fmt: skip
    assert [h.c for h in a.health] == list(SIX_CS)
    assert all(h.latest is None for h in a.health) and a.rated_on is None


def test_two_rated_reviews_make_a_trend() -> None:
    data = copy.deepcopy(BASE)
    for review in data["reviews"]["history"][:-2]:
        review.pop("ratings", None)
    clarity = {h.c: h for h in assessed(data).health}["clarity"]
    assert (clarity.latest, clarity.previous, clarity.trend) == (5, 4, 1)
