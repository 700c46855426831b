"""partnerkit agenda: the next review meeting, for a steering group."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from partnerkit.documents.agenda import agenda_of
from partnerkit.format.model import Partnership

from conftest import EXAMPLES, TODAY

DAY = dt.date.fromisoformat(TODAY)
DATA = Path(__file__).resolve().parent / "data" / "cycle"
SECTIONS = ("wins to celebrate", "What changed", "How the partners see", "Late deliverables",
            "behind target", "Decisions due")  # fmt: skip


def agenda(path: Path):
    return agenda_of(Partnership.model_validate(yaml.safe_load(path.read_text("utf-8"))), DAY)


def test_riverside_agenda_has_what_the_steering_group_must_discuss() -> None:
    a = agenda(EXAMPLES / "riverside-clinical-onboarding.yaml")
    assert a.meeting == dt.date(2026, 12, 10) and a.since == dt.date(2026, 10, 15)
    assert any("Simulation-day facilitator guide" in x for x in a.late)
    assert any("Onboarding completion is behind" in x for x in a.behind)
    assert a.forced[0].startswith("Renew or close") and "was due by 2026-11-15" in a.forced[0]
    assert any("second writer" in x for x in a.follow_up)


def test_divergent_ratings_and_stale_ratings_go_on_the_agenda() -> None:
    gap = agenda(DATA / "retail-perception-gap.yaml")
    assert any(x.startswith("Communication: partners rated it 2 points apart") for x in gap.ratings)
    stale = agenda(DATA / "county-workforce-stale.yaml")
    assert any("more than two review cycles old" in x for x in stale.ratings)


def test_wins_and_changes_since_the_last_review() -> None:
    a = agenda(DATA / "hospital-roi.yaml")
    assert a.since == dt.date(2026, 9, 15)
    assert any("Time to independent practice measured at 10 weeks" in x for x in a.changed)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_agenda_speaks_to_a_steering_group(cli, path: Path, fmt: str) -> None:
    result = cli("agenda", path, "-f", fmt, "-o", "-", "--today", TODAY)
    assert result.code == 0, result.err
    text = result.out.split("</style>")[-1]
    for section in SECTIONS:
        assert section in text
    assert not re.search(r"\bPK\d{3}\b", text), "no rule codes"
    assert not re.search(r"line \d", text) and "`" not in text, "no line numbers, no YAML names"
    assert not re.search(r"\b(reviews|success|expectations)\.\w+", text), "no field paths"


def test_agenda_writes_a_file_like_render(cli, tmp_path: Path) -> None:
    path = EXAMPLES / "lakeview-literacy-coaching.yaml"
    result = cli("agenda", path, "-o", tmp_path, "--today", TODAY)
    assert result.code == 0
    assert (tmp_path / "lakeview-literacy-coaching-agenda.md").is_file()


def test_review_report_has_no_rule_codes(cli) -> None:
    for path in EXAMPLES.glob("*.yaml"):
        for fmt in ("md", "html"):
            out = cli("render", path, "-t", "review-report", "-f", fmt, "-o", "-", "--today", TODAY)
            assert not re.search(r"\bPK\d{3}\b", out.out)


def test_the_calendar_forced_decisions_come_first_each_item_timed_and_owned(cli) -> None:
    path = EXAMPLES / "riverside-clinical-onboarding.yaml"
    a = agenda(path)
    assert [x.key for x in a.items][:2] == ["forced", "wins"]
    assert a.items[0].owner == "Lee Park" and a.items[0].minutes == 10  # the sponsor decides
    late = next(x for x in a.items if x.key == "late")
    assert late.owner == "Sam Reyes"  # Meridian's spokesperson answers for its late guide
    assert {x.owner for x in a.items[1:] if x.key != "late"} == {"Dana Ortiz"}  # the chair
    assert a.minutes == sum(x.minutes for x in a.items)
    assert a.attendees == [
        "Dana Ortiz, Director of Clinical Education (Riverside Health — Learning & Development)",
        "Sam Reyes, Account Director (Meridian Clinical Learning)",
        "Lee Park (sponsor)",
    ]
    assert a.pre_reading[0] == "The minutes of the review of 2026-10-15 (minutes/2026-10-15.md)"
    assert a.pre_reading[1].startswith("The rating sheet")
    out = cli("agenda", path, "-o", "-", "--today", TODAY).out
    assert "## 1. Decisions the calendar forces (10 min · Lee Park)" in out
    assert out.index("Renew or close") < out.index("How the partners see")
    assert "chaired by Dana Ortiz" in out and "**Attendees:** Dana Ortiz" in out


def test_only_open_questions_are_asked_of_criteria() -> None:
    a = agenda(EXAMPLES / "riverside-clinical-onboarding.yaml")
    judged = [x for x in a.decisions if " is judged on " in x]
    assert judged and all(x.endswith("agree who measures it and when the result comes in")
                          for x in judged)  # fmt: skip
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    for c in data["success"]["criteria"]:
        c.pop("measure", None)
    bare = agenda_of(Partnership.model_validate(data), DAY)
    assert any(x.endswith("agree how it will be measured") for x in bare.decisions)


def test_a_partnership_that_ends_is_asked_to_confirm_the_close() -> None:
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    data["plan"] = "end"
    a = agenda_of(Partnership.model_validate(data), DAY)
    assert a.forced[0].startswith("Confirm the close: the agreement ends on 2027-01-14")


def test_the_minutes_to_read_are_named_by_their_file_as_written(cli) -> None:
    out = cli("agenda", EXAMPLES / "riverside-clinical-onboarding.yaml", "-o", "-",
              "--today", TODAY).out  # fmt: skip
    assert "The minutes of the review of 15 October 2026 (minutes/2026-10-15.md)" in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_return_on_investment_that_meets_its_target_is_not_listed_as_behind(cli, fmt) -> None:
    out = cli("agenda", DATA / "hospital-roi.yaml", "-f", fmt, "-o", "-", "--today", TODAY).out
    behind = out.index("Success criteria behind target")
    decisions = out.index("Decisions due")
    roi = out.index("return on investment is 35.9%")
    assert roi > decisions, "a met ROI is not a criterion behind target"
    assert behind < decisions


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_one_pager_states_the_return_on_investment_the_record_gives(cli, fmt) -> None:
    """Its table shows the ROI criterion as 'not measured'; the costs and benefits give it."""
    out = cli("render", DATA / "hospital-roi.yaml", "-t", "one-pager", "-f", fmt, "-o", "-",
              "--today", TODAY).out  # fmt: skip
    assert "return on investment is 35.9%" in out and "benefit-cost ratio 1.36:1" in out
    assert "Compared with the cohort onboarded the year before" in out  # isolation shown


def test_a_term_that_has_ended_is_not_offered_an_earlier_end_and_states_read_as_words() -> None:
    a = agenda_of(
        Partnership.model_validate(
            yaml.safe_load((EXAMPLES / "harbor-county-early-learning.yaml").read_text("utf-8"))
        ),
        dt.date(2026, 12, 5),
    )
    assert a.forced[0].startswith("Renew or close: the agreement ended on 2026-11-30")
    assert "to end it earlier" not in a.forced[0]  # it said: 90 days' written notice
    assert any("(in progress): confirm it is on track" in x for x in a.decisions)
    assert not any("in-progress" in x for x in a.decisions)


def test_a_partnership_that_plans_to_end_is_not_told_of_renewal_notices() -> None:
    """Lakeview plans to end: its close item quoted the renewal notice and how to end it
    earlier, neither of which a closing partnership decides; the hand-over is what is open."""
    a = agenda(EXAMPLES / "lakeview-literacy-coaching.yaml")
    assert a.forced[0] == ("Confirm the close: the agreement ends on 2026-12-18; agree who takes "
                           "over the work and materials, and the closing review")  # fmt: skip
    assert not any("in-progress" in x for x in a.changed)


@pytest.mark.parametrize("name", ["district-math-proposed", "apprenticeship-exploring"])
def test_an_agenda_with_no_ratings_yet_does_not_report_on_a_last_review(name: str) -> None:
    """With no review rated, it said 'No gaps between the partners' ratings and no rating
    below 3 at the last review.' of a review that never happened."""
    a = agenda(DATA / f"{name}.yaml")
    item = next(x for x in a.items if x.key == "ratings")
    assert not item.entries and "last review" not in item.empty
    assert item.empty.startswith("No ratings yet")


def test_a_proposed_agreement_nobody_has_signed_is_the_decision_the_calendar_forces() -> None:
    """district-math-proposed starts on 11 January 2027 with no signature: its agenda had
    no forced decision at all."""
    a = agenda(DATA / "district-math-proposed.yaml")
    assert a.items[0].key == "forced"
    assert a.forced == [
        "No partner has signed the agreement yet: agree the terms, and how and when each "
        "partner signs before the period starts on 2027-01-11"
    ]


def test_an_agenda_before_the_period_starts_does_not_cover_time_since_a_future_start(cli) -> None:
    """It said 'Covers the time since the start on 11 January 2027' on 10 December 2026."""
    a = agenda(DATA / "district-math-proposed.yaml")
    assert a.since is None and a.meeting is None and a.horizon < dt.date(2027, 3, 11)
    out = cli("agenda", DATA / "district-math-proposed.yaml", "-o", "-", "--today", TODAY).out
    assert "Covers the time since" not in out


def test_the_one_pager_gives_the_current_value_its_unit(cli) -> None:
    """'Now 10' stood beside 'Target 8 weeks'; it reads '10 weeks' now."""
    out = cli("render", DATA / "hospital-roi.yaml", "-t", "one-pager", "-f", "html", "-o", "-",
              "--today", TODAY).out  # fmt: skip
    assert '<td class="num">10 weeks</td><td class="num">8 weeks</td>' in out


def test_an_internal_go_live_is_a_decision_the_calendar_forces() -> None:
    """Northgate's training list has no due date before the go-live: the agenda asks for
    it first, with the same words and reason as `score`'s first action; with the training
    dated in time, the go-live itself is on the agenda once it falls before the next review."""
    path = EXAMPLES / "northgate-crm-golive.yaml"
    first = agenda(path).forced[0]
    assert "Draft list of agent workflows to train" in first and "go-live on 2027-04-05" in first
    assert "training that comes later comes too late" in first
    data = yaml.safe_load(path.read_text("utf-8"))
    for e in data["expectations"]:
        e.update(status="done")
    p = Partnership.model_validate(data)
    assert not any("go-live" in x for x in agenda_of(p, DAY).forced)  # months away
    near = agenda_of(p, dt.date(2027, 3, 10)).forced  # 26 days before: score's own action
    assert near == ["The go-live is on 2027-04-05, in 26 days: check that everyone who needs "
                    "training has had it: who is not trained by then learns on the job"]
    data["reviews"]["cadence"] = "quarterly"  # the next review falls after the go-live
    ahead = agenda_of(Partnership.model_validate(data), dt.date(2027, 2, 1)).forced
    assert ahead == ["The go-live is on 2027-04-05, before the review after this one: confirm "
                     "that everyone who needs training will have had it"]


def test_a_gap_between_partners_is_spoken_of_only_when_they_rated_separately() -> None:
    """Lakeview's last review has only a joint rating: its agenda said 'No gaps between the
    partners' ratings', which nothing in the file supports."""
    path = EXAMPLES / "lakeview-literacy-coaching.yaml"
    calm = next(x for x in agenda(path).items if x.key == "ratings")
    assert not calm.entries and "gaps between" not in calm.empty
    assert calm.empty.startswith("Only a joint rating was recorded at the last review")
    data = yaml.safe_load(path.read_text("utf-8"))
    last = data["reviews"]["history"][-1]
    last["partner_ratings"] = {x["id"]: dict(last["ratings"]) for x in data["partners"]}
    each = next(x for x in agenda_of(Partnership.model_validate(data), DAY).items
                if x.key == "ratings")  # fmt: skip
    assert each.empty == ("No gaps between the partners' ratings and no rating below 3 at the "
                          "last review.")  # fmt: skip
    data["reviews"]["history"].append({"date": "2026-11-20", "kind": "periodic"})
    later = next(x for x in agenda_of(Partnership.model_validate(data), DAY).items
                 if x.key == "ratings")  # fmt: skip
    assert "at the review of 2026-09-17, the last with ratings" in later.empty


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_agenda_with_no_review_date_set_does_not_print_today_as_the_meeting_date(cli, fmt):
    """Harbor has no next review date: its agenda was headed 'Review meeting agenda ·
    5 December 2026', the day it was built, as if the meeting were set for then."""
    path = EXAMPLES / "harbor-county-early-learning.yaml"
    a = agenda(path)
    assert a.meeting is None and a.horizon == dt.date(2027, 2, 23)  # a cycle from today
    out = cli("agenda", path, "-f", fmt, "-o", "-", "--today", "2026-12-05").out
    assert "Review meeting agenda · date to be set" in out.replace("**", "")
    assert not re.search(r"(?<!\d)5 December 2026", out), "today is not the meeting date"
    passed = yaml.safe_load(path.read_text("utf-8"))
    passed["reviews"]["next"] = "2026-11-20"  # a date that has passed sets no meeting
    assert agenda_of(Partnership.model_validate(passed), DAY).meeting is None
    assert agenda(EXAMPLES / "lakeview-literacy-coaching.yaml").meeting == dt.date(2026, 12, 15)


def test_the_pre_reading_says_when_the_last_review_has_no_minutes(cli) -> None:
    """Lakeview's agenda covers the time since its review of 17 September 2026, which has
    no minutes, yet offered 'The minutes of the review of 11 December 2025' as if they were
    the last review's."""
    path = EXAMPLES / "lakeview-literacy-coaching.yaml"
    assert agenda(path).pre_reading[0] == (
        "The last review, of 2026-09-17, has no minutes recorded; the latest minutes are those "
        "of the review of 2025-12-11 (minutes/2025-12-11.md)")  # fmt: skip
    out = cli("agenda", path, "-o", "-", "--today", TODAY).out
    assert "The last review, of 17 September 2026, has no minutes recorded" in out
    data = yaml.safe_load(path.read_text("utf-8"))
    for x in data["reviews"]["history"]:
        x.pop("minutes", None)
    bare = agenda_of(Partnership.model_validate(data), DAY).pre_reading
    assert len(bare) == 1 and bare[0].startswith("The rating sheet")


def test_a_payment_waiting_on_a_deliverable_or_a_condition_is_not_simply_approved() -> None:
    """Lakeview's last payment is made on acceptance of the final impact report, which is
    still planned, and Riverside's pays Meridian while its facilitator guide is late: both
    agendas said 'approve the invoice'."""
    lake = EXAMPLES / "lakeview-literacy-coaching.yaml"
    pay = next(x for x in agenda(lake).decisions if x.startswith("Payment"))
    assert pay.endswith("its payment terms name Final impact report, which is planned: confirm "
                        "that deliverable is done and accepted first, and only then approve "
                        "the invoice")  # fmt: skip
    data = yaml.safe_load(lake.read_text("utf-8"))
    next(e for e in data["expectations"] if e["deliverable"] == "Final impact report").update(
        status="done")  # fmt: skip
    done = agenda_of(Partnership.model_validate(data), DAY).decisions
    assert any(x.endswith("its payment terms set a condition (The last 20% is paid on acceptance "
                          "of the final impact report): check it is met, then approve the "
                          "invoice") for x in done)  # fmt: skip
    river = agenda(EXAMPLES / "riverside-clinical-onboarding.yaml").decisions
    sim = next(x for x in river if x.startswith("Payment for Design and facilitation fees for the "
                                                "simulation days"))  # fmt: skip
    assert "Meridian Clinical Learning, which is paid, has late work (Simulation-day " in sim
    assert sim.endswith("confirm the work this payment is for has been delivered, then approve "
                        "the invoice")  # fmt: skip
    data = yaml.safe_load((EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8"))
    for e in data["expectations"]:
        e.update(status="done")
    plain = agenda_of(Partnership.model_validate(data), DAY).decisions
    assert any(x.startswith("Payment for Design") and x.endswith(": approve the invoice")
               for x in plain)  # nothing in the file holds it back  # fmt: skip
