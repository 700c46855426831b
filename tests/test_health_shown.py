"""Health shown to people: each partner's ratings beside the joint one, gaps kept until
closed, the same number for the same review everywhere, the agenda true to the record."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import yaml

from partnerkit.check.ratings import open_gaps, rating_text, review_view
from partnerkit.documents.agenda import agenda_of

from conftest import EXAMPLES, TODAY
from states import model_of

DAY = dt.date.fromisoformat(TODAY)
HARBOR = EXAMPLES / "harbor-county-early-learning.yaml"


def harbor() -> dict[str, Any]:
    return yaml.safe_load(HARBOR.read_text("utf-8"))


def test_a_gap_stays_on_the_agenda_through_a_review_without_partner_ratings() -> None:
    """Harbor's June gap vanished because the September review had only joint ratings."""
    a = agenda_of(model_of(harbor()), DAY)
    gaps = [x for x in a.ratings if "points apart" in x]
    assert any(x.startswith("Communication: partners rated it 2 points apart on 2026-06-11")
               and "Bright Start Family Child Care Network 2" in x for x in gaps)  # fmt: skip


def test_a_gap_closes_when_those_partners_later_rate_closer() -> None:
    data = harbor()
    later = data["reviews"]["history"][-1]
    later["partner_ratings"] = {
        "head-start": {"communication": 4, "clarity": 4},
        "bright-start": {"communication": 4, "clarity": 3},
    }
    a = agenda_of(model_of(data), DAY)
    assert not [x for x in a.ratings if "points apart" in x]
    model = model_of(data)
    assert model.reviews is not None
    assert open_gaps(model.reviews.history, {}) == []


def test_the_agenda_names_the_partner_that_has_not_signed() -> None:
    a = agenda_of(model_of(harbor()), DAY)
    fund = "Harbor County Early Learning Fund has not signed"
    assert any(x.startswith(fund) for x in a.forced)  # the calendar forces it


def test_the_renewal_decision_quotes_the_renewal_clause_not_the_termination_notice() -> None:
    """Harbor renews on 30 days' notice (clause 2.2); 90 days is the termination notice."""
    a = agenda_of(model_of(harbor()), DAY)
    (renew,) = [x for x in a.forced if x.startswith("Renew or close")]
    assert "at least 30 days before the end (clause 2.2): that was due by 2026-10-31" in renew
    assert "to end it earlier, 90 days' written notice (clause 9.2)" in renew
    assert "2026-09-01" not in renew


def test_the_review_report_shows_each_partners_ratings_and_the_spread(cli) -> None:
    r = cli("render", HARBOR, "-t", "review-report", "-f", "md", "-o", "-", "--today", TODAY)
    assert r.code == 0, r.err
    table = r.out.split("### Each partner's ratings", 1)[1].split("##", 1)[0]
    assert "| C | Agreed | Harbor County Head Start | Bright Start Family Child Care Network |" in (
        table
    )
    assert "| Communication | 4 | 4 | 2 | 2 (a gap) |" in table


def test_the_review_report_lists_no_win_the_record_contradicts(cli) -> None:
    """The kickoff recorded "Every partner signed within two weeks"; the Fund never signed."""
    for fmt in ("md", "html"):
        r = cli("render", HARBOR, "-t", "review-report", "-f", fmt, "-o", "-", "--today", TODAY)
        assert "Every partner signed" not in r.out
        assert "Evening track is full" in r.out


def _mean_of_two(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    last = data["reviews"]["history"][-1]
    del last["ratings"]
    last["partner_ratings"] = {
        "head-start": {"communication": 5},
        "bright-start": {"communication": 4},
    }
    return data


def test_review_file_and_the_review_report_show_the_same_rating(cli, tmp_path) -> None:
    """`review FILE` printed 4 where the report printed 4.5 for the same review."""
    source = tmp_path / "h.yaml"
    source.write_text(yaml.safe_dump(_mean_of_two(harbor()), sort_keys=False))
    report = cli("render", source, "-t", "review-report", "-f", "md", "-o", "-", "--today", TODAY)
    assert "| Communication | 3 | 4 | 4.5 |" in report.out
    shown = cli("review", source, "--today", TODAY)
    assert shown.code in (0, 1), shown.err
    assert "· 4.5 · · · · mean" in shown.out


def test_rating_text_and_the_view_of_a_review() -> None:
    assert [rating_text(v) for v in (4, 4.5, 3.67, None)] == ["4", "4.5", "3.67", "—"]
    model = model_of(harbor())
    assert model.reviews is not None
    june = model.reviews.history[2]
    view = {x.c: x for x in review_view(june, {"bright-start": "Bright Start"})}
    assert view["communication"].spread == 2 and view["communication"].gap
    assert view["communication"].partners_text() == "head-start 4, Bright Start 2"


def test_the_agenda_says_a_term_that_has_ended_ended_in_long_dates(cli) -> None:
    a = agenda_of(model_of(harbor()), dt.date(2026, 12, 5))
    ended = "Renew or close: the agreement ended on 2026-11-30"
    assert any(x.startswith(ended) for x in a.forced)
    r = cli("render", HARBOR, "-t", "agenda", "-f", "md", "-o", "-", "--today", "2026-12-05")
    assert "the agreement ended on 30 November 2026" in r.out and "2026-10-31" not in r.out


def test_the_one_pager_says_a_period_that_is_over_ended(cli) -> None:
    for fmt, words in (("md", "period ended 30 November 2026"), ("html", "Period ended:")):
        r = cli("render", HARBOR, "-t", "one-pager", "-f", fmt, "-o", "-", "--today", "2026-12-05")
        assert words in r.out and "eriod ends" not in r.out


def test_review_file_states_the_record_as_the_documents_do(cli) -> None:
    """`review FILE` said "renewing" and "signed 2025-11-20" of a term that had ended."""
    r = cli("review", HARBOR, "--today", "2026-12-05")
    assert "Term ended on 30 November 2026; renewal not yet agreed" in r.out
    assert "signed the term that ended on 2025-11-20" in r.out and "not signed" in r.out
    lakeview = cli("review", EXAMPLES / "lakeview-literacy-coaching.yaml", "--today", TODAY)
    assert "In force" in lakeview.out and "signed these terms on" in lakeview.out


def test_score_and_review_file_keep_a_gap_open_as_the_agenda_does(cli) -> None:
    """Harbor's June gap (communication and clarity, 4 against 2) is on the agenda; score
    and review FILE showed no spread for them because September had no partner ratings."""
    path = EXAMPLES / "harbor-county-early-learning.yaml"
    for command in ("score", "review"):
        raw = cli(command, path, "--today", TODAY).out
        out = " ".join(raw.replace("│", " ").split())
        assert "Spread for communication and clarity from the review of 2026-06-11" in out
        for c in ("Communication", "Clarity"):  # the spread column shows the open gap
            row = next(x for x in raw.splitlines() if x.strip(" │").startswith(c))
            assert re.search(r"[→↑↓][-+]?[\d.]*\s+2\s", row), (command, row)
    report = cli("render", path, "-t", "review-report", "-f", "md", "-o", "-", "--today", TODAY)
    assert report.out.count("partners differ by 2: rated apart on 11 June 2026") == 2
