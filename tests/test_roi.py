"""ROI per Phillips, checked against a calculation done by hand."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from partnerkit.format.model import Partnership
from partnerkit.judge.roi import roi_of

from conftest import TODAY

FILE = Path(__file__).resolve().parent / "data" / "cycle" / "hospital-roi.yaml"
DATA = yaml.safe_load(FILE.read_text("utf-8"))


def roi(data: dict) -> object:
    return roi_of(Partnership.model_validate(data))


def test_roi_matches_the_hand_calculation() -> None:
    # Fully loaded costs: fees 48,000 + licences 12,000 + educator time valued at
    # 18,000 = 78,000 USD. The unvalued ward cover has no amount; the possible rework
    # (5,000) is a risk, not a cost incurred. Benefits: 61,000 + 45,000 = 106,000.
    # ROI = (106,000 − 78,000) ÷ 78,000 × 100 = 35.897…%; BCR = 106,000 ÷ 78,000 = 1.359.
    result = roi(DATA)
    assert result.costs == 78_000 and result.benefits == 106_000
    assert result.percent == pytest.approx(35.897, abs=0.001)
    assert result.ratio == pytest.approx(1.359, abs=0.001)
    assert result.currency == "USD" and result.target == 25 and result.meets_target
    assert result.as_dict()["roi_percent"] == 35.9
    assert result.as_dict()["benefit_cost_ratio"] == 1.36


def test_a_currency_mix_is_refused_not_summed() -> None:
    data = copy.deepcopy(DATA)
    data["costs"][1]["currency"] = "EUR"
    result = roi(data)
    assert result.percent is None and result.mixed == ("EUR", "USD")
    assert "EUR and USD" in result.summary() and "never added up" in result.summary()


def test_no_costs_with_amounts_means_no_roi() -> None:
    data = copy.deepcopy(DATA)
    for cost in data["costs"]:
        cost.pop("amount", None)
    assert "no cost has an amount" in roi(data).summary()


def test_no_roi_criterion_means_no_roi_claimed() -> None:
    data = copy.deepcopy(DATA)
    data["success"]["criteria"][0]["level"] = "results"
    assert roi(data) is None


def test_roi_is_shown_beside_its_target(cli) -> None:
    score = cli("score", FILE, "--today", TODAY)
    assert "ROI 35.9%" in score.out and "1.36:1" in score.out and "target 25%, met" in score.out
    assert "ROI 35.9%" in cli("review", FILE, "--today", TODAY).out
    data = __import__("json").loads(cli("score", FILE, "--today", TODAY, "-f", "json").out)
    assert data["roi"]["roi_percent"] == 35.9
