"""Trends over the whole history, and health that has gone stale."""

from __future__ import annotations

import datetime as dt

import yaml

from partnerkit.format.model import Partnership
from partnerkit.judge.scoring import assess
from partnerkit.support.trends import sparkline, svg_sparkline

from conftest import EXAMPLES, TODAY

DAY = dt.date.fromisoformat(TODAY)
DATA = EXAMPLES.parent / "tests" / "data" / "cycle"


def model(path) -> Partnership:
    return Partnership.model_validate(yaml.safe_load(path.read_text("utf-8")))


def test_sparkline_covers_the_whole_history_on_a_fixed_scale() -> None:
    assert sparkline([1, 3, 5]) == "▁▅█"
    assert sparkline([4, None, 4]) == "▆·▆"
    assert sparkline([4]) == ""


def test_svg_sparkline_is_small_safe_markup() -> None:
    svg = str(svg_sparkline([3, 4, 5], label='<script>"x"'))
    assert svg.startswith("<svg") and "<polyline" in svg and "<script>" not in svg
    assert str(svg_sparkline([None, 4])) == ""


def test_health_series_spans_every_rated_review() -> None:
    a = assess(model(EXAMPLES / "lakeview-literacy-coaching.yaml"), DAY)
    clarity = next(h for h in a.health if h.c == "clarity")
    assert list(clarity.series) == [3, 4, 4, 5]


def test_ratings_older_than_two_cycles_are_stale() -> None:
    stale = assess(model(DATA / "county-workforce-stale.yaml"), DAY)
    assert stale.stale and stale.rated_on == dt.date(2025, 9, 11)
    assert stale.digest().as_dict()["health_stale"] is True
    assert not assess(model(EXAMPLES / "riverside-clinical-onboarding.yaml"), DAY).stale


def test_stale_health_is_marked_where_it_is_shown(cli) -> None:
    path = DATA / "county-workforce-stale.yaml"
    assert "STALE" in cli("score", path, "--today", TODAY).out
    assert "STALE" in cli("review", path, "--today", TODAY).out
    assert "(stale)" in cli("score", path, "--today", TODAY, "-f", "markdown").out
    report = cli("render", path, "-t", "review-report", "-o", "-", "--today", TODAY).out
    assert "stale" in report


def test_dashboard_draws_the_health_history_and_marks_stale_rows(cli, tmp_path) -> None:
    out = tmp_path / "dash.html"
    result = cli("review", DATA, "--today", TODAY, "-f", "html", "-o", out)
    assert result.code in (0, 1)
    html = out.read_text("utf-8")
    assert html.count('<svg class="spark"') >= 3
    assert ">stale</span>" in html
    data = __import__("json").loads(cli("review", DATA, "--today", TODAY, "-f", "json").out)
    rows = {r["id"]: r for r in data["partnerships"]}
    assert rows["county-workforce-stale"]["health_stale"] is True
    assert len(rows["hospital-roi"]["health_series"]) == 2
