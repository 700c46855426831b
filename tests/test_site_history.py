"""The review history of a partnership's page: what each review recorded (its wins,
concerns and adjustments) in words a sponsor reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_site_reader import _section

from conftest import examples_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return examples_site(tmp_path_factory)


def test_each_review_shows_its_wins_and_concerns(built: Path) -> None:
    riverside = _section(built / "p/riverside-clinical-onboarding/index.html", "history")
    assert "Concerns: Facilitator guide is running late" in riverside
    assert "Wins: Medication-safety post-test target met ahead of date" in riverside
    assert "Concerns: Ward managers are not releasing nurses for the pilot sessions" in riverside
    lakeview = _section(built / "p/lakeview-literacy-coaching/index.html", "history")
    assert "Concerns: Year-three budget not yet approved by the board" in lakeview
    assert "Wins: 131 coaching cycles completed" in lakeview
