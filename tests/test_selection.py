"""Choosing a partner: the comparison, its rules' positions, init --candidates, assess."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from partnerkit.check.loader import load_bytes
from partnerkit.check.rules import run
from partnerkit.format.model import Candidates
from partnerkit.judge.selection import break_even_text, compare, sensitivity_text

from conftest import ROOT, TODAY

DATA = ROOT / "tests" / "data" / "candidates.yaml"
GOLDEN = ROOT / "tests" / "golden"


def _candidates(criteria: list[tuple[str, float]], **scores: dict[str, int]) -> Candidates:
    return Candidates.model_validate(
        {
            "criteria": [{"name": n, "weight": w} for n, w in criteria],
            "options": [{"id": cid, "name": cid.title(), "scores": s} for cid, s in scores.items()],
        }
    )


def test_weighted_totals_ranks_leads_and_lags() -> None:
    c = _candidates(
        [("Fit", 60), ("Cost", 40)],
        a={"Fit": 5, "Cost": 2},  # 60 × 4/4 + 40 × 1/4 = 70
        b={"Fit": 3, "Cost": 5},  # 60 × 2/4 + 40 × 4/4 = 70
        c={"Fit": 4},  # 60 × 3/4 = 45, unscored on Cost
    )
    result = compare(c)
    assert [(s.id, round(s.total, 1), s.rank) for s in result.standings] == [
        ("a", 70.0, 1), ("b", 70.0, 1), ("c", 45.0, 3),
    ]  # fmt: skip
    assert result.winners == ["A", "B"] and result.margin == 0
    assert result.standing("a").leads == "Fit" and result.standing("a").lags == "Cost"  # type: ignore[union-attr]
    assert result.standing("b").leads == "Cost"  # type: ignore[union-attr]
    assert result.standing("c").unscored == ["Cost"]  # type: ignore[union-attr]
    assert not result.complete


def test_weights_not_summing_to_100_are_read_as_shares() -> None:
    halves = compare(_candidates([("Fit", 1), ("Cost", 1)], a={"Fit": 5, "Cost": 5}))
    assert halves.weights == {"Fit": 50, "Cost": 50}
    assert halves.standings[0].total == 100
    assert halves.weights_sum == 2


def test_sensitivity_names_the_weight_that_changes_the_winner() -> None:
    close = compare(
        _candidates([("Fit", 52), ("Cost", 48)], a={"Fit": 5, "Cost": 3}, b={"Fit": 3, "Cost": 5})
    )  # a: 52 + 48 × 2/4 = 76; b: 52 × 2/4 + 48 = 74
    assert [s.id for s in close.standings] == ["a", "b"] and round(close.margin or 0, 1) == 2.0
    assert not close.robust
    assert [(s.criterion, s.change, s.winners) for s in close.shifts] == [
        ("Fit", -10.0, ["B"]), ("Cost", 10.0, ["B"])
    ]  # fmt: skip
    text = sensitivity_text(close)
    assert text.startswith("A comes first, 2.00 points ahead. The result depends on the weights.")
    assert (
        "Moving one weight by 10 points (the others rescaled to keep 100) puts B first: "
        "Fit lower or Cost higher." in text
    )
    clear = compare(
        _candidates([("Fit", 50), ("Cost", 50)], a={"Fit": 5, "Cost": 5}, b={"Fit": 2, "Cost": 2})
    )
    assert clear.robust
    assert sensitivity_text(clear, lead=False) == (
        "No single weight moved by 10 points either way (the others rescaled to keep 100) "
        "changes who comes first: A stays first."
    )


def test_sensitivity_and_break_even_match_a_hand_calculation() -> None:
    """Under the documented method (the moved weight fixed at ±10, the others rescaled to
    keep 100), worked by hand. Weights Fit 50, Cost 30, Goals 20; a score earns
    (score − 1) ÷ 4 of its weight.
      A: Fit 3, Cost 1, Goals 1 → 50 × 0.5 = 25.0
      B: Fit 1, Cost 2, Goals 3 → 30 × 0.25 + 20 × 0.5 = 17.5
    Fit − 10: Fit 40, Cost 30 × 60/50 = 36, Goals 20 × 60/50 = 24:
      A = 20.0, B = 9 + 12 = 21.0 → B first. (Rescaling the moved weight too, as the code
      did, gives Fit 44.4, Cost 33.3, Goals 22.2: A 22.2, B 19.4, and A stays first.)
    Goals + 10: Goals 30, Fit 43.75, Cost 26.25: A 21.875, B 6.5625 + 15 = 21.5625 → A.
    Break-even of Fit at x: A = 0.5x, B = (100 − x)/50 × 17.5 → x = 1750/42.5 = 41.18.
    Of Cost at x: A = (100 − x)/70 × 25, B = 0.25x + (100 − x)/70 × 10 → x = 46.15.
    Of Goals at x: A = (100 − x)/80 × 25, B = 0.5x + (100 − x)/80 × 7.5 → x = 30.43.
    """
    result = compare(
        _candidates(
            [("Fit", 50), ("Cost", 30), ("Goals", 20)],
            a={"Fit": 3, "Cost": 1, "Goals": 1},
            b={"Fit": 1, "Cost": 2, "Goals": 3},
        )
    )
    assert [(s.id, s.total) for s in result.standings] == [("a", 25.0), ("b", 17.5)]
    assert [(s.criterion, s.change, s.winners) for s in result.shifts] == [("Fit", -10.0, ["B"])]
    assert [(b.criterion, round(b.at, 2), b.winners) for b in result.breaks] == [
        ("Fit", 41.18, ["B"]), ("Cost", 46.15, ["B"]), ("Goals", 30.43, ["B"]),
    ]  # fmt: skip
    text = break_even_text(result)
    assert "Fit below 41.2 (now 50; then B comes first)" in text
    assert "Goals above 30.4 (now 20; then B comes first)" in text


def test_the_lowest_score_earns_nothing() -> None:
    weakest = compare(_candidates([("Fit", 60), ("Cost", 40)], a={"Fit": 1, "Cost": 1}))
    assert weakest.standings[0].total == 0
    best = compare(_candidates([("Fit", 60), ("Cost", 40)], a={"Fit": 5, "Cost": 5}))
    assert best.standings[0].total == 100


def test_the_document_shows_the_panel_anchors_and_missing_references(cli, workdir: Path) -> None:
    data = yaml.safe_load(DATA.read_text("utf-8"))
    data["candidates"]["panel"] = [
        {"name": "Dana Ortiz", "title": "Director of Clinical Education", "interests": "none"},
        {"name": "Sam Lee", "interests": "Worked at Meridian until 2023"},
        {"name": "Ari Cohen"},
    ]
    data["candidates"]["assessed"] = "2026-10-02"
    target = workdir / "panel.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    out = cli("render", target, "-t", "assessment", "-o", "-", "--today", TODAY).out
    assert "scored on 2 October 2026 by Dana Ortiz, Sam Lee and Ari Cohen." in out
    assert "| Sam Lee | — | Worked at Meridian until 2023 |" in out
    assert "| Ari Cohen | — | no declaration recorded |" in out
    assert "Apex" in out and "**Track record and references:** none given" in out
    assert "| Criterion | Weight | A high score means |" in out
    for c in data["candidates"]["criteria"]:
        c.pop("description", None)
    target.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    bare = cli("render", target, "-t", "assessment", "-o", "-", "--today", TODAY).out
    assert "A high score means" not in bare and "| Criterion | Weight |" in bare
    html = cli("render", target, "-t", "assessment", "-f", "html", "-o", "-", "--today", TODAY).out
    assert "A high score means" not in html and "Interests declared" in html


def test_a_single_candidate_is_described_not_compared() -> None:
    alone = compare(_candidates([("Fit", 70), ("Cost", 30)], a={"Fit": 2, "Cost": 5}))
    assert alone.shifts == [] and alone.margin is None
    assert (alone.standings[0].leads, alone.standings[0].lags) == ("Cost", "Fit")
    assert "nothing to compare" in sensitivity_text(alone)
    unscored = compare(_candidates([("Fit", 100)], a={}, b={}))
    assert sensitivity_text(unscored).startswith("No candidate is scored yet")


BASE = (ROOT / "tests" / "rules" / "base.yaml").read_text("utf-8")


def _positions(text: str) -> list[tuple[str, int, int]]:
    loaded = load_bytes(text.encode(), "base.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    import datetime as dt

    found = run(loaded.model, loaded.doc, "base.yaml", dt.date.fromisoformat(TODAY))
    return [(f.code, f.line, f.column) for f in found if f.code.startswith("PK45")]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "code", "at"),
    [
        ("Shared goals: 3,", "Shared goal: 3,", "PK451", "Shared goal:"),
        ("amount: 30000, currency: USD", "amount: 30000, currency: EUR", "PK454", "EUR"),
        ("- {name: Cost, weight: 15}", "- {name: shared goals, weight: 15}", "PK456", "shared"),
        ("- id: northwind", "- id: meridian", "PK457", "meridian"),
        ("  criteria:\n", "  criteria:\n", "PK450", "criteria"),
    ],
)
def test_candidate_findings_point_at_the_key_or_value(
    old: str, new: str, code: str, at: str
) -> None:
    head, sep, tail = BASE.partition("\ncandidates:")
    where = tail.index(old)
    tail = tail.replace(old, new, 1)
    if code == "PK450":
        tail = tail.replace("{name: Cost, weight: 15}", "{name: Cost, weight: 25}")
    text = head + sep + tail
    offset = len(head + sep) + where
    line = text.count("\n", 0, offset) + 1
    column = text.splitlines()[line - 1].index(at) + 1
    assert (code, line, column) in _positions(text)


def test_unassessed_partner_is_found_at_its_id() -> None:
    option = "    - id: meridian\n      name: Meridian Clinical Learning\n      strengths: [Instr"
    text = BASE.replace(option, option.replace("id: meridian", "id: lakeside"))
    line = _line_of(text, "  - id: meridian")
    assert ("PK455", line, 9) in _positions(text)


# --- init --candidates ---------------------------------------------------------------


def test_init_candidates_scaffold_checks_without_errors(cli, workdir: Path) -> None:
    made = cli(
        "init", "--candidates", "--partner", "Riverside Health", "--kind", "vendor",
        "--candidate", "cmr=CMR Learning Partners", "--candidate", "Meridian Clinical",
        "--candidate", "Apex", "--today", TODAY, "--no-input",
    )  # fmt: skip
    assert made.code == 0, made.err
    target = workdir / "partnerships" / "riverside-health.yaml"
    assert "partnerkit assess" in made.out and "partnerkit choose" in made.out
    checked = cli("check", "--no-config", "--today", TODAY, target)
    assert checked.code == 0 and ": error " not in checked.out, checked.out
    assert checked.out.count("warning PK452") == 3
    data = yaml.safe_load(target.read_text("utf-8"))
    assert [p["id"] for p in data["partners"]] == ["riverside-health", "to-be-chosen"]
    criteria = data["candidates"]["criteria"]
    assert sum(c["weight"] for c in criteria) == 100
    names = [c["name"] for c in criteria]
    assert names[0] == "Complementary strengths" and "Cultural alignment" in names
    assert {"Shared goals", "Capability and track record", "Capacity", "Cost"} <= set(names)
    ids = [o["id"] for o in data["candidates"]["options"]]
    assert ids == ["cmr", "meridian-clinical", "apex"]
    assert all(o["role"] == "provider" for o in data["candidates"]["options"])


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_three_level_candidates_are_named_as_a_list(cli, workdir: Path, fmt: str) -> None:
    """The selection panel's document reads `A, B and C are level`, as `assess` does."""
    made = cli(
        "init", "--candidates", "--partner", "Riverside Health", "--kind", "vendor",
        "--candidate", "CMR", "--candidate", "Meridian", "--candidate", "Apex",
        "--today", TODAY, "--no-input",
    )  # fmt: skip
    assert made.code == 0, made.err
    target = workdir / "partnerships" / "riverside-health.yaml"
    out = cli("render", target, "-t", "assessment", "-f", fmt, "-o", "-", "--today", TODAY).out
    assert "CMR, Meridian and Apex are level in first place" in out, out[:2000]


def test_init_candidates_without_names_gives_three_to_fill_in(cli, workdir: Path) -> None:
    made = cli("init", "--candidates", "--partner", "A", "--partner", "B", "--no-input")
    assert made.code == 0, made.err
    data = yaml.safe_load(next((workdir / "partnerships").iterdir()).read_text("utf-8"))
    assert [p["id"] for p in data["partners"]] == ["a", "b"]  # no placeholder with two
    assert len(data["candidates"]["options"]) == 3


def test_init_candidates_needs_our_organisation(cli, workdir: Path) -> None:
    made = cli("init", "--candidates", "--no-input")
    assert made.code == 2 and "--partner" in made.err
    assert not (workdir / "partnerships").exists()


# --- assess -----------------------------------------------------------------------------


def _hostile(tmp: Path) -> Path:
    text = DATA.read_text("utf-8").replace(
        "name: Apex Training Group", 'name: "=HYPERLINK(1)[red]<script>|*\\e[2J"'
    )
    target = tmp / "hostile.yaml"
    target.write_text(text, "utf-8")
    return target


def test_assess_table_ranks_and_explains(cli, workdir: Path) -> None:
    result = cli("assess", DATA, "--today", TODAY)
    assert result.code == 0, result.err
    out = result.out
    assert "\x1b[" not in out  # plain when not a terminal
    for text in ("weighted total /100", "77.50", "75.00", "53.75", "leads on", "lags on",
                 "USD 24,000", "Sensitivity:", "CMR Learning Partners comes first"):  # fmt: skip
        assert text in out, text
    assert out.index("CMR Learning Partners") < out.index("Apex Training Group")


def test_assess_json_and_csv(cli, workdir: Path) -> None:
    data = json.loads(cli("assess", DATA, "-f", "json").out)
    assert [c["id"] for c in data["candidates"]] == ["cmr", "meridian", "apex"]
    assert data["candidates"][0]["total"] == 77.5 and data["winners"] == ["CMR Learning Partners"]
    assert data["robust"] is False and data["shifts"]
    rows = list(csv.reader(io.StringIO(cli("assess", DATA, "-f", "csv").out)))
    assert rows[0][:4] == ["rank", "id", "name", "total"]
    assert rows[1][:4] == ["1", "cmr", "CMR Learning Partners", "77.5"]


def test_assess_escapes_what_the_file_says(cli, workdir: Path) -> None:
    target = _hostile(workdir)
    rows = list(csv.reader(io.StringIO(cli("assess", target, "-f", "csv").out)))
    assert rows[3][2].startswith("'=HYPERLINK")
    table = cli("assess", target, "--color").out
    assert "[red]" in re.sub(r"\x1b\[[0-9;]*m", "", table)
    assert "\x1b[2J" not in table and "\\x1b[2J" in table  # shown as written, not read as markup
    html = cli("assess", target, "-f", "html").out
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = cli("assess", target, "-f", "md").out
    assert "<script>" not in md and "\\|" in md


def test_assess_without_candidates_or_with_errors(cli, workdir: Path) -> None:
    bare = cli("assess", ROOT / "examples" / "riverside-clinical-onboarding.yaml")
    assert bare.code == 1 and "no candidates to assess" in bare.err
    broken = workdir / "broken.yaml"
    broken.write_text(DATA.read_text("utf-8").replace("Shared goals: 5,", "Shared goal: 5,"))
    result = cli("assess", broken)
    assert result.code == 1 and "PK451" in result.err and "Shared goal" in result.err
    assert cli("assess", workdir / "missing.yaml").code == 2


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_assessment_document_golden(
    cli, monkeypatch: pytest.MonkeyPatch, fmt: str, update_golden: bool
) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("render", "tests/data/candidates.yaml", "-t", "assessment", "-f", fmt, "-o", "-")
    assert result.code == 0, result.err
    out = result.out
    assert not re.search(r"\bPK\d{3}\b|\bline \d+", out)  # no rule codes or line numbers
    assert "candidates:" not in out and "scores:" not in out  # no YAML
    assert "DRAFT" not in out
    golden = GOLDEN / f"candidates.assessment.{fmt}"
    if update_golden:
        golden.write_text(out, "utf-8")
    expected = golden.read_text("utf-8")
    if out != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), out.splitlines(True)))
        pytest.fail(f"{golden.name} differs (refresh with --update-golden):\n{diff[:4000]}")
    same = cli("assess", "tests/data/candidates.yaml", "-f", fmt).out
    assert same == out  # assess -f md|html is the panel's document


def test_assess_runs_the_same_without_typer(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["assess", str(DATA), "--today", TODAY, "-f", "csv"]
    fast = cli(*args)
    monkeypatch.setattr("partnerkit.commands.options.parse", lambda options, argv: None)
    slow = cli(*args)
    assert fast.code == 0 and (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


def test_init_candidates_asks_for_the_candidates_at_a_terminal(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, at_terminal: None
) -> None:
    import sys

    from partnerkit.commands.init import InitOptions, run_init

    answers = "Riverside Health\nCMR Learning, Meridian Clinical, Apex\nvendor\n\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    assert run_init(InitOptions(candidates=True, today=TODAY)) == 0
    (made,) = (workdir / "partnerships").iterdir()
    data = yaml.safe_load(made.read_text("utf-8"))
    assert [o["name"] for o in data["candidates"]["options"]] == [
        "CMR Learning", "Meridian Clinical", "Apex",
    ]  # fmt: skip
    assert data["partners"][1]["id"] == "to-be-chosen" and data["kind"] == "vendor"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_points_printed_for_a_candidate_add_up_to_its_printed_total(cli, workdir, fmt) -> None:
    """A panel member who adds a column must reach the total printed under it (Apex's
    6.2 + 10 + 10 + 7.5 + 10 + 10 made 53.7 under a total of 53.8)."""
    out = cli("assess", DATA, "-f", fmt, "--today", TODAY).out
    if fmt == "md":
        rows = [r.split("|")[2:-1] for r in out.splitlines() if " pts) |" in r]
        points = [[float(re.search(r"\(([\d.]+) pts\)", c)[1]) for c in r] for r in rows]
        totals = re.search(r"\*\*Total \(of 100\)\*\* \|(.*)", out)[1]
        printed = [float(x) for x in re.findall(r"\*\*([\d.]+)\*\*", totals)]
    else:
        points = [[float(x) for x in re.findall(r"[1-5] · +([\d.]+)", r)] for r in
                  out.splitlines() if "·" in r and re.search(r"[1-5] · ", r)]  # fmt: skip
        printed = [float(x) for x in re.search(r"weighted total /100 +([\d. ]+)", out)[1].split()]
    assert len(points) == 6 and printed
    assert [round(sum(c), 2) for c in zip(*points, strict=True)] == printed
