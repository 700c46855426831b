"""The pipeline: initiatives heard about (`status: heard`), before anyone explores them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml

from partnerkit.format.model import Partnership
from partnerkit.judge.scoring import assess

from conftest import EXAMPLES, ROOT, TODAY

HEARD = ROOT / "tests" / "data" / "heard.yaml"
DAY = dt.date.fromisoformat(TODAY)


def test_a_heard_initiative_checks_clean_and_is_not_judged_as_a_partnership(cli) -> None:
    result = cli("check", HEARD, "--no-config", "--today", TODAY)
    assert result.code == 0 and "0 errors, 0 warnings" in result.out


def test_what_is_missing_of_what_was_heard_comes_first() -> None:
    data = yaml.safe_load(HEARD.read_text("utf-8"))
    del data["heard"]["known_by"]
    first = assess(Partnership.model_validate(data), DAY).next_actions[0]
    assert (first.field, first.kind) == ("heard.known_by", "stage")
    assert first.text == "Name who on your team knows its people"
    assert "decide whether to explore" in first.why


def test_the_dashboard_shows_the_pipeline(cli, tmp_path: Path) -> None:
    shutil.copy(HEARD, tmp_path / "heard.yaml")
    shutil.copy(EXAMPLES / "riverside-clinical-onboarding.yaml", tmp_path)
    table = " ".join(cli("review", tmp_path, "--today", TODAY).out.split())
    assert (
        "Pipeline · Claims analytics pilot: The claims team is piloting a fraud-scoring model "
        "for adjusters next spring (heard from Priya Natarajan, at the October all-hands); "
        "known by Marcus Bell; we could offer Scenario-based training for adjusters" in table
    )
    md = cli("review", tmp_path, "--today", TODAY, "-f", "markdown").out
    assert "## Pipeline: initiatives heard about" in md
    assert "| **Claims analytics pilot** | The claims team is piloting" in md
    rows = json.loads(cli("review", tmp_path, "--today", TODAY, "-f", "json").out)["partnerships"]
    heard = next(r for r in rows if r["status"] == "heard")["heard"]
    assert heard["known_by"] == "Marcus Bell" and heard["source"].startswith("Priya")
    assert next(r for r in rows if r["status"] == "active")["heard"] is None
    html = cli("review", tmp_path, "--today", TODAY, "-f", "html").out
    assert "Pipeline: initiatives heard about" in html and "Marcus Bell" in html
    assert "Pipeline" not in cli("review", EXAMPLES, "--today", TODAY, "-f", "markdown").out


def test_heard_is_a_status_of_the_published_format(cli) -> None:
    schema = json.loads(cli("schema").out)
    assert "heard" in json.dumps(schema["properties"]["status"])
    assert {"what", "source", "known_by", "offer"} <= set(schema["$defs"]["Heard"]["properties"])
