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
    assert any(x.startswith("Renew or close") and "was due by 2026-11-15" in x for x in a.decisions)
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
