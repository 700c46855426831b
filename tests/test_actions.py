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


# (file, the kind of the first action, its field, words it must say)
FIRST = [
    # Renewing, and the period ends in 7 days: the renewal must be signed before then.
    (EXAMPLES / "harbor-county-early-learning.yaml", "dates", "period.end", "ends on 2026-11-30"),
    # The period ends in 25 days: decide whether to renew or close, now.
    (EXAMPLES / "lakeview-literacy-coaching.yaml", "dates", "period.end", "renew or close"),
    # The notice deadline passed 8 days ago: the renewal decision is overdue.
    (EXAMPLES / "riverside-clinical-onboarding.yaml", "dates",
     "changes.termination.notice_days", "was 2026-11-15"),
    # Exploring, with goals but no strategy or need: say what the partnership is for.
    (EXAMPLES / "northgate-crm-golive.yaml", "stage", "value.strategies", "training needs"),
    (DATA / "apprenticeship-exploring.yaml", "stage", "value.goals", "goals"),
    # Proposed, everything else agreed: agree how it ends before anyone signs.
    (DATA / "district-math-proposed.yaml", "stage", "changes.termination", "ends"),
    # Active, the funder has not signed: nothing else matters as much.
    (DATA / "simulation-funder-unsigned.yaml", "signatures", "partners[].signed",
     "Tri-County Health Foundation"),
    # Partners saw communication two points apart at the last review.
    (DATA / "retail-perception-gap.yaml", "ratings", "reviews.history[].partner_ratings",
     "communication"),
    # Renewing, period ended three months ago, nothing signed.
    (DATA / "library-renewing-lapsed.yaml", "dates", "period.end", "ended on 2026-08-31"),
    # Reviews are held, but nobody has rated the partnership for fourteen months.
    (DATA / "county-workforce-stale.yaml", "stage", "reviews.history[].ratings", "2025-09-11"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "kind", "field", "words"), FIRST, ids=lambda v: str(v)[-30:])
def test_the_first_action_is_the_one_to_do_first(
    path: Path, kind: str, field: str, words: str
) -> None:
    first = actions(path)[0]
    assert (first.kind, first.field) == (kind, field)
    assert words in first.text


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
