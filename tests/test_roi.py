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
    score = " ".join(cli("score", FILE, "--today", TODAY, "-f", "markdown").out.split())
    assert "return on investment is 35.9%" in score and "1.36:1" in score
    assert "target 25%, met" in score
    review = " ".join(cli("review", FILE, "--today", TODAY).out.split())
    assert "return on investment is 35.9%" in review
    data = __import__("json").loads(cli("score", FILE, "--today", TODAY, "-f", "json").out)
    assert data["roi"]["roi_percent"] == 35.9


RIVERSIDE = "Riverside Health Learning & Development"


def test_a_ratio_target_is_read_as_a_benefit_cost_ratio() -> None:
    # target 1.5 in `unit: ratio` is a benefit-cost ratio of 1.5:1. With benefits of
    # 93,600 against costs of 78,000 the ratio is 1.20:1 (an ROI of 20%): not met. Read
    # as a percentage, 20 >= 1.5 would have been "met".
    data = copy.deepcopy(DATA)
    criterion = data["success"]["criteria"][0]
    criterion.update(target=1.5, unit="ratio")
    criterion["benefits"] = [{"item": "Agency nurse hours avoided", "amount": 93600}]
    result = roi(data)
    assert result.ratio == pytest.approx(1.2) and result.percent == pytest.approx(20.0)
    assert result.ratio_target and result.meets_target is False and result.value() == 1.2
    assert "target 1.5:1, not met" in result.summary()
    # the sentence leads with the figure the target is in, not a percentage beside 1.5:1
    assert result.summary().startswith(f"{RIVERSIDE}'s benefit-cost ratio is 1.20:1 (")
    assert "return on investment 20.0%); target 1.5:1, not met" in result.summary()
    assert result.as_dict()["target_unit"] == "ratio"
    criterion["benefits"][0]["amount"] = 117_000  # 117,000 ÷ 78,000 = 1.50
    assert roi(data).meets_target is True


def test_costs_without_an_amount_are_named_and_not_called_fully_loaded() -> None:
    text = roi(DATA).summary()
    assert "Left out because no amount is given: Ward cover while nurses train." in text
    assert "fully loaded" not in text
    data = copy.deepcopy(DATA)
    data["costs"][3]["amount"] = 4000  # the ward cover valued: 82,000 in all
    valued = roi(data)
    assert valued.costs == 82_000 and "fully loaded costs of 82,000 USD" in valued.summary()
    assert "Left out" not in valued.summary()


def test_every_roi_sentence_says_whose_investment_it_is() -> None:
    assert roi(DATA).summary().startswith(f"{RIVERSIDE}'s return on investment is 35.9%")
    data = copy.deepcopy(DATA)
    data["costs"][1]["borne_by"] = "simworks"
    joint = roi(data).summary()
    assert joint.startswith(f"The joint investment of {RIVERSIDE} and SimWorks Learning: the ")
    data["costs"][1]["currency"] = "EUR"
    assert roi(data).summary().startswith(f"The joint investment of {RIVERSIDE} and SimWorks")
    assert roi(data).investors == (RIVERSIDE, "SimWorks Learning")


def test_benefits_accruing_to_a_partner_who_bears_no_cost_are_not_counted() -> None:
    # SimWorks bears none of the counted costs, so the turnover saving that accrues to it
    # is not Riverside's return: 61,000 against 78,000 is an ROI of -21.8%.
    data = copy.deepcopy(DATA)
    data["success"]["criteria"][0]["benefits"][1]["accrues_to"] = "simworks"
    result = roi(data)
    assert result.benefits == 61_000 and result.percent == pytest.approx(-21.795, abs=0.001)
    assert "accrue to partners bearing no cost: Lower first-year turnover" in result.summary()


def test_without_isolation_the_number_is_not_called_an_roi() -> None:
    data = copy.deepcopy(DATA)
    del data["success"]["criteria"][0]["isolation"]
    text = roi(data).summary()
    assert not roi(data).isolated
    assert text.startswith(f"{RIVERSIDE}'s benefit-cost ratio is 1.36:1")
    assert "not yet a return on investment" in text and "return on investment is" not in text
    assert "How the benefits were isolated from other causes: Compared with the cohort" in (
        roi(DATA).summary()
    )


def test_benefits_per_year_against_costs_over_the_same_years() -> None:
    # Two years: benefits 106,000 a year = 212,000; costs: the licences paid every year
    # (12,000 x 2) and the rest once (48,000 + 18,000) = 90,000. ROI = 122,000 ÷ 90,000.
    data = copy.deepcopy(DATA)
    data["success"]["criteria"][0]["years"] = 2
    data["costs"][1]["per"] = "year"
    result = roi(data)
    assert result.benefits == 212_000 and result.costs == 90_000
    assert result.percent == pytest.approx(135.556, abs=0.001)
    assert "over 2 years against costs of 90,000 USD over the same 2 years" in result.summary()


def test_the_new_roi_fields_are_in_the_published_schema(cli) -> None:
    schema = __import__("json").loads(cli("schema").out)
    defs = schema["$defs"]
    assert {"isolation", "years"} <= set(defs["Criterion"]["properties"])
    assert "accrues_to" in defs["Benefit"]["properties"]
    assert "year" in __import__("json").dumps(defs["Cost"]["properties"]["per"])


def test_a_benefit_accruing_to_an_unknown_partner_is_a_located_error(cli, tmp_path: Path) -> None:
    text = FILE.read_text("utf-8").replace("amount: 45000}", "amount: 45000, accrues_to: simwork}")
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    out = cli("check", tmp_path / "p.yaml", "--no-config", "--today", TODAY).out
    assert "PK201" in out and "`simwork` is not a partner" in out and "simworks" in out
