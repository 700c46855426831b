"""Next actions: the first one is what an experienced partnership manager would do first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from partnerkit.format.model import Partnership
from partnerkit.judge.scoring import assess

from conftest import EXAMPLES, TODAY

DAY = dt.date.fromisoformat(TODAY)
DATA = Path(__file__).resolve().parent / "data" / "cycle"


def actions(path: Path, today: dt.date = DAY) -> list:
    model = Partnership.model_validate(yaml.safe_load(path.read_text("utf-8")))
    return assess(model, today).next_actions


# The nine partnerships an evaluator judged, and two more: for each, the first action an
# evaluator names, and why it comes first. (file, kind, field, words it says, its reason)
FIRST = [
    # Renewing, the period ends in 7 days and the funder has not signed: the renewal must
    # be signed before then, or there is no agreement at all.
    (EXAMPLES / "harbor-county-early-learning.yaml", "dates", "period.end",
     "ends on 2026-11-30", "the agreement lapses on 2026-11-30 unless the renewal is signed"),
    # Its plan is to end in 25 days, and the hand-over (the sustainability plan) is late:
    # finish the hand-over, not "renew or close".
    (EXAMPLES / "lakeview-literacy-coaching.yaml", "dates", "expectations[3]",
     "Finish “Sustainability plan for year three without the provider”",
     "the partners plan to end on 2026-12-18; the work carries on only if the hand-over"),
    # It does not renew by itself, and the last day to ask to renew passed 8 days ago: the
    # renewal decision is overdue, and the agreement ends on its date unless all agree.
    (EXAMPLES / "riverside-clinical-onboarding.yaml", "dates",
     "terms.renewal.notice_days", "was 2026-11-15", "it ends on 2027-01-14"),
    # Internal project going live on 2027-04-05, the list the training is built from has no
    # date: the seed's whole point is training ready before launch.
    (EXAMPLES / "northgate-crm-golive.yaml", "dates", "expectations[1]",
     "before the go-live on 2027-04-05", "training that comes later comes too late"),
    # Exploring, no goals: say what the partnership is for before anything else.
    (DATA / "apprenticeship-exploring.yaml", "stage", "value.goals", "goals",
     "before they can propose an agreement"),
    # A school placement about to be signed with no terms at all: the legal terms of its
    # kind block the signature (not party addresses), and the period starts in January.
    (DATA / "district-math-proposed.yaml", "terms", "terms",
     "liability and insurance for people working in the schools",
     "a school agreement cannot be signed without it, and the period starts on 2027-01-11"),
    # Active, the funder has not signed: nothing else matters as much.
    (DATA / "simulation-funder-unsigned.yaml", "signatures", "partners[].signed",
     "Tri-County Health Foundation", "an unsigned partner is not bound by anything"),
    # Partners saw communication two points apart at the last review.
    (DATA / "retail-perception-gap.yaml", "ratings", "reviews.history[].partner_ratings",
     "communication", "will not fix the same thing"),
    # Renewing, period ended three months ago, nothing signed.
    (DATA / "library-renewing-lapsed.yaml", "dates", "period.end", "ended on 2026-08-31",
     "no agreement has been in force since 2026-08-31"),
    # Reviews are held, but nobody has rated the partnership for fourteen months.
    (DATA / "county-workforce-stale.yaml", "stage", "reviews.history[].ratings", "2025-09-11",
     "ratings that old no longer show how the partners see it"),
    # The CFO asked for the ROI before the renewal; it was never recorded, but the record's
    # costs and benefits (isolated) give it: record that figure, not "measure" it afresh.
    (DATA / "hospital-roi.yaml", "stage", "success.criteria[].current",
     "Record the return on investment the costs and benefits give, 35.9 %, as the result of "
     "“Return on investment”", "without a result nobody can say whether the partnership works"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "kind", "field", "words", "why"), FIRST, ids=lambda v: str(v)[-30:]
)
def test_the_first_action_is_the_one_an_evaluator_names_first(
    path: Path, kind: str, field: str, words: str, why: str
) -> None:
    first = actions(path)[0]
    assert (first.kind, first.field) == (kind, field)
    assert words in first.text
    assert why in first.why


def test_every_action_has_a_short_reason() -> None:
    for path in [*EXAMPLES.glob("*.yaml"), *DATA.glob("*.yaml")]:
        for a in actions(path):
            assert a.why and len(a.why) < 120 and "`" not in a.why, (path.name, a)


def test_a_school_about_to_sign_hears_about_its_legal_terms_before_party_details() -> None:
    fields = [a.field for a in actions(DATA / "district-math-proposed.yaml")]
    assert fields[:2] == ["terms", "changes.termination"]
    assert fields.index("terms") < fields.index("partners[].address")


def test_a_proposed_file_with_terms_hears_what_its_kind_still_needs() -> None:
    data = yaml.safe_load((DATA / "district-math-proposed.yaml").read_text("utf-8"))
    data["terms"] = {"binding": True, "effective": dt.date(2027, 1, 11)}
    found = assess(Partnership.model_validate(data), DAY).next_actions
    assert found[0].kind == "terms" and found[0].field == "changes.termination"
    assert [a.field for a in found if a.kind == "terms"][1:] == [
        "terms.data_protection",  # a school placement brings student records near
        "terms.governing_law",
        "terms.liability",
    ]


def test_a_renewing_partnership_past_its_notice_deadline_hears_that_its_term_ends() -> None:
    # The term ends in 38 days and the 90 days to ask for renewal ran out 52 days ago: the
    # first action is the term ending, not the overdue review.
    data = yaml.safe_load((EXAMPLES / "harbor-county-early-learning.yaml").read_text("utf-8"))
    data["period"]["end"] = DAY + dt.timedelta(days=38)
    data["terms"]["renewal"]["notice_days"] = 90
    data["reviews"]["next"] = DAY - dt.timedelta(days=3)
    first = assess(Partnership.model_validate(data), DAY).next_actions[0]
    assert first.field == "terms.renewal.notice_days"
    assert "The period ends on 2026-12-31, in 38 days" in first.text
    assert "settle the renewal" in first.text and "lapses on 2026-12-31" in first.why


@pytest.mark.parametrize(
    ("automatic", "ahead", "says", "why"),
    [
        # It does not renew by itself: the deadline is the last day to ask for renewal,
        # and missing it means the agreement ends on its date.
        (False, False, "The last day to ask in writing to renew, 60 days before the period "
         "ends on 2027-01-14, was 2026-11-15 (8 days ago)",
         "does not renew by itself, so it ends on 2027-01-14"),
        (False, True, "The last day to ask in writing to renew, 60 days before the period "
         "ends on 2027-01-14, is 2026-11-15 (in 2 days)",
         "without a request in time it ends on 2027-01-14"),
        # It renews by itself: the deadline is the last day to give notice to end it.
        (True, False, "The last day to give 60 days' renewal notice before the period ends "
         "on 2027-01-14 was 2026-11-15", "too late to end the agreement on time"),
        (True, True, "The last day to give 60 days' renewal notice before the period ends "
         "on 2027-01-14 is 2026-11-15 (in 2 days)", "too late to end the agreement on time"),
    ],
)
def test_the_notice_action_follows_the_renewal_terms(
    automatic: bool, ahead: bool, says: str, why: str
) -> None:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    data["terms"]["renewal"]["automatic"] = automatic
    today = DAY - dt.timedelta(days=10) if ahead else DAY
    data["reviews"]["next"] = today + dt.timedelta(days=20)  # nothing overdue comes first
    first = assess(Partnership.model_validate(data), today).next_actions[0]
    assert first.field == "terms.renewal.notice_days"
    assert first.text.startswith(says) and why in first.why, (first.text, first.why)
    if not automatic:  # nothing to stop: it ends on its date unless a renewal is asked for
        assert "end the agreement on time" not in first.why


def test_training_due_after_the_launch_comes_first_with_its_reason() -> None:
    data = yaml.safe_load((EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8"))
    data["expectations"][1].update(owner="learning", due=dt.date(2027, 5, 1))
    first = assess(Partnership.model_validate(data), DAY).next_actions[0]
    assert first.field == "expectations[1]"
    assert "is due on 2027-05-01, after the go-live on 2027-04-05" in first.text
    del data["launch"]
    fields = [a.field for a in assess(Partnership.model_validate(data), DAY).next_actions]
    assert "expectations[1]" not in fields[:1]


def test_a_partnership_that_ends_is_not_told_to_renew() -> None:
    for a in actions(EXAMPLES / "lakeview-literacy-coaching.yaml"):
        assert "renew" not in a.text.lower(), a.text
    data = yaml.safe_load((EXAMPLES / "lakeview-literacy-coaching.yaml").read_text("utf-8"))
    data["plan"] = "renew"
    texts = [a.text for a in assess(Partnership.model_validate(data), DAY).next_actions]
    assert "renew or close" in texts[0]


def test_json_shows_each_actions_reason(cli) -> None:
    import json

    out = cli("check", DATA / "district-math-proposed.yaml", "--today", TODAY, "-f", "json").out
    step = json.loads(out)["files"][0]["score"]["next_actions"][0]
    assert step["why"].startswith("a school agreement cannot be signed without it")


def test_date_driven_actions_come_before_signatures_and_stage_gaps() -> None:
    kinds = [a.kind for a in actions(EXAMPLES / "harbor-county-early-learning.yaml")]
    assert kinds[:3] == ["dates", "dates", "dates"]
    assert kinds.index("signatures") < kinds.index("stage") < kinds.index("readiness")


def test_exploring_is_not_asked_for_benchmarks_or_signatures_first() -> None:
    fields = [a.field for a in actions(EXAMPLES / "northgate-crm-golive.yaml")]
    assert fields.index("value.strategies") < fields.index("success.benchmarks")
    assert "partners[].signed" not in fields


def test_actions_speak_plain_words_and_name_a_section() -> None:
    for path in [*EXAMPLES.glob("*.yaml"), *DATA.glob("*.yaml")]:
        for a in actions(path):
            assert "`" not in a.text and "PK" not in a.text
            assert a.section and (a.text[0].isupper() or a.text[0] == "“")


def test_a_clean_running_partnership_has_nothing_urgent() -> None:
    found = actions(EXAMPLES / "riverside-clinical-onboarding.yaml", dt.date(2026, 8, 1))
    assert all(a.kind not in ("dates", "signatures") for a in found)


def test_a_review_due_beats_a_late_deliverable() -> None:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    data["reviews"]["next"] = dt.date(2026, 11, 1)
    data["changes"]["termination"]["notice_days"] = 10
    data["terms"]["renewal"]["notice_days"] = 10
    model = Partnership.model_validate(data)
    first, second = assess(model, DAY).next_actions[:2]
    assert (first.field, second.field) == ("reviews.next", "expectations[3]")


def test_score_and_review_show_the_next_actions(cli) -> None:
    path = EXAMPLES / "riverside-clinical-onboarding.yaml"
    for command in ("score", "review"):
        result = cli(command, path, "--today", TODAY)
        assert result.code == 0
        assert "Next actions" in result.out and "notice" in result.out


def test_actions_are_worked_out_only_when_asked_and_the_rest_is_the_same() -> None:
    """A plain `check` shows no next actions, so its pass leaves them out; nothing else
    of the assessment changes."""
    from dataclasses import replace

    path = EXAMPLES / "lakeview-literacy-coaching.yaml"
    model = Partnership.model_validate(yaml.safe_load(path.read_text("utf-8")))
    full, bare = assess(model, DAY), assess(model, DAY, actions=False)
    assert full.next_actions and not bare.next_actions
    assert replace(full, next_actions=()) == bare


def test_the_pass_keeps_next_actions_only_for_who_shows_them(tmp_path: Path) -> None:
    """`check --format json` shows each file's next actions; the review dashboard shows
    none, so its pass neither works them out nor carries them back from the workers."""
    from partnerkit.check.config import Config
    from partnerkit.check.pipeline import Keep, examine

    path = EXAMPLES / "lakeview-literacy-coaching.yaml"
    shown = examine(path, Config(), DAY, Keep.SCORE | Keep.ACTIONS).result.score
    dashboard = examine(path, Config(), DAY, Keep.SCORE | Keep.FACTS).result.score
    assert shown is not None and dashboard is not None
    assert shown.next_actions and not dashboard.next_actions
    assert shown.cs == dashboard.cs and shown.overall == dashboard.overall


def test_collecting_signatures_is_asked_for_because_an_unsigned_partner_is_not_bound() -> None:
    found = actions(DATA / "district-math-proposed.yaml")
    sign = next(a for a in found if a.field == "partners[].signed")
    assert sign.why == "an unsigned partner is not bound by anything"  # not "settle it first"


def test_an_action_does_not_say_its_reason_twice() -> None:
    """'…has not committed to anything, because an unsigned partner is not bound by
    anything' said the same thing twice, once in the action and once as its reason."""
    for path in [*EXAMPLES.glob("*.yaml"), *DATA.glob("*.yaml")]:
        for a in actions(path):
            assert "committed to anything" not in a.text, (path.name, a.text)
    found = actions(DATA / "simulation-funder-unsigned.yaml")[0]
    assert found.text.startswith("Get the agreement signed by Tri-County Health Foundation: the "
                                 "partnership is active without that signature")  # fmt: skip


def test_a_ratio_target_is_asked_to_record_a_benefit_cost_ratio() -> None:
    data = yaml.safe_load((DATA / "hospital-roi.yaml").read_text("utf-8"))
    roi = data["success"]["criteria"][0]
    roi["target"], roi["unit"] = 1.5, "ratio"
    first = assess(Partnership.model_validate(data), DAY).next_actions[0]
    assert first.text.startswith("Record the benefit-cost ratio the costs and benefits give, "
                                 "1.36:1, as the result of")  # fmt: skip


def test_a_decision_gap_is_asked_once_not_twice_in_two_wordings() -> None:
    # Northgate has no decisions at all: agreeing which are joint and which each partner
    # makes alone already asks which are joint; "which decisions you make together" repeated it.
    found = actions(EXAMPLES / "northgate-crm-golive.yaml")
    about = [a.text for a in found if a.field.startswith("decisions")]
    assert about == ["Agree which decisions the partners make together and which each makes alone"]
