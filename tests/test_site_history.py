"""The review history of a partnership's page: what each review recorded (its wins,
concerns and adjustments) and what its ratings are, in words a sponsor reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site_reader import LONG, _section

from conftest import examples_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_site(tmp_path_factory)


def _review(built: Path, pid: str, date: str) -> str:
    """The history's entry for one review, by its date in words, up to the next entry."""
    text = _section(built / f"p/{pid}/index.html", "history")
    entries = re.split(r" (?=" + LONG.pattern + r" · )|Next review: ", text)
    found = [e for e in entries if e and e.startswith(f"{date} · ")]
    assert len(found) == 1, (date, text)
    return found[0]


def test_each_review_shows_its_wins_and_concerns(built: Path) -> None:
    riverside = _section(built / "p/riverside-clinical-onboarding/index.html", "history")
    assert "Concerns: Facilitator guide is running late" in riverside
    assert "Wins: Medication-safety post-test target met ahead of date" in riverside
    assert "Concerns: Ward managers are not releasing nurses for the pilot sessions" in riverside
    lakeview = _section(built / "p/lakeview-literacy-coaching/index.html", "history")
    assert "Concerns: Year-three budget not yet approved by the board" in lakeview
    assert "Wins: 131 coaching cycles completed" in lakeview


def test_ratings_without_a_joint_one_say_they_are_averaged_and_show_each_partners(
    built: Path,
) -> None:
    # Riverside's 14 April review has no joint rating: 3 for communication is the mean of
    # Riverside's own 2 and Meridian's 4, and the page says so and shows the 2.
    text = _review(built, "riverside-clinical-onboarding", "14 April 2026")
    assert ("No joint rating was recorded; the partners' ratings averaged: Commitment 4, "
            "Communication 3,") in text  # fmt: skip
    assert "Riverside Health — Learning & Development rated Commitment 4, Communication 2," in text
    assert "Meridian Clinical Learning rated Commitment 4, Communication 4," in text
    later = _review(built, "riverside-clinical-onboarding", "15 October 2026")
    assert later.startswith("15 October 2026 · periodic review Ratings agreed jointly: ")


def test_a_joint_rating_and_differing_partner_ratings_are_both_shown(built: Path) -> None:
    # Harbor, 11 June: communication agreed jointly at 4, Bright Start's own rating was 2.
    text = _review(built, "harbor-county-early-learning", "11 June 2026")
    assert "Ratings agreed jointly: Commitment 4, Communication 4," in text
    assert ("Bright Start Family Child Care Network rated Commitment 4, Communication 2, "
            "Credibility 4, Clarity 2, Cadence 3, Collaboration 3 (differs from the joint "
            "rating on Communication, Clarity and Collaboration).") in text  # fmt: skip


def test_a_review_rated_jointly_on_some_cs_marks_the_averaged_ones() -> None:
    from partnerkit.check.ratings import review_view
    from partnerkit.format.model import Review
    from partnerkit.reporters.site import review_history

    review = Review.model_validate({
        "date": "2026-05-01", "ratings": {"commitment": 4},
        "partner_ratings": {"a": {"commitment": 2, "clarity": 2}, "b": {"clarity": 5}},
    })  # fmt: skip
    (h,) = review_history([{"review": review, "view": review_view(review, {"a": "Ann"})}])
    assert h["basis"] == "mixed"
    assert [(x.c, x.shown, x.joint) for x in h["view"]] == [
        ("commitment", "4", True), ("clarity", "3.5", False)]  # fmt: skip
    assert h["partners"] == [
        {"name": "Ann", "ratings": [("commitment", 2), ("clarity", 2)], "differs": "Commitment"},
        {"name": "b", "ratings": [("clarity", 5)], "differs": ""},
    ]
