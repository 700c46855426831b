"""What users rely on, pinned exactly: positions, default severities, band edges,
suppression scope, escaping, and a documentation page for every code the tool emits.

Each test here fails when one of these changes, on purpose or not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnerkit.check.rules import all_rules
from partnerkit.format.thresholds import Bands, health_band, health_level, review_state

from conftest import ROOT, TODAY

PINNED = Path(__file__).resolve().parent / "data" / "pinned"


def _located(out: str) -> list[str]:
    """`path:line:col: severity CODE` of every finding line."""
    return [" ".join(x.split(" ")[:3]) for x in out.splitlines() if re.match(r"^\S+:\d+:\d+: ", x)]


@pytest.mark.parametrize(
    ("name", "today", "expected"),
    [
        ("northgate.yaml", TODAY, [
            "northgate.yaml:1:1: warning PK303", "northgate.yaml:1:1: warning PK305",
            "northgate.yaml:1:1: warning PK306", "northgate.yaml:1:1: warning PK308",
            "northgate.yaml:1:1: warning PK309", "northgate.yaml:29:5: warning PK405",
            "northgate.yaml:42:1: warning PK301", "northgate.yaml:48:5: warning PK403",
            "northgate.yaml:50:1: warning PK307", "northgate.yaml:57:1: warning PK310",
            "northgate.yaml:59:7: warning PK401",
        ]),
        ("lakeview.yaml", TODAY, [
            "lakeview.yaml:78:5: warning PK502", "lakeview.yaml:84:18: warning PK507",
            "lakeview.yaml:157:7: warning PK508",
        ]),
        ("lakeview.yaml", "2027-03-01", [
            "lakeview.yaml:8:9: warning PK503", "lakeview.yaml:78:5: warning PK502",
            "lakeview.yaml:79:5: warning PK502", "lakeview.yaml:142:7: warning PK508",
            "lakeview.yaml:157:7: warning PK508", "lakeview.yaml:169:9: warning PK501",
        ]),
    ],
)  # fmt: skip
def test_rule_positions_and_severities(
    cli, monkeypatch: pytest.MonkeyPatch, name: str, today: str, expected: list[str]
) -> None:
    """Line and column of each finding (a rule pointing at a value points at the value,
    `on_value`; otherwise at its key or list item), for the rules of areas 3, 4 and 5."""
    monkeypatch.chdir(PINNED)
    out = cli("check", "--no-config", "--today", today, name).out
    pinned = re.compile(r" PK(3\d\d|40\d|41[0-3]|5\d\d)$")
    assert [x for x in _located(out) if pinned.search(x)] == expected


def test_reference_error_points_at_the_value(cli, workdir: Path) -> None:
    text = (PINNED / "lakeview.yaml").read_text("utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "owner: " in x)
    column = text.splitlines()[line - 1].index("owner: ") + len("owner: ") + 1
    (workdir / "p.yaml").write_text(text.replace("owner: ", "owner: nobody-", 1), "utf-8")
    out = cli("check", "--no-config", "--today", TODAY, "p.yaml").out
    assert f"p.yaml:{line}:{column}: error PK201 " in out


DEFAULT_SEVERITY = {
    **dict.fromkeys([f"PK1{n:02d}" for n in range(16)], "error"),
    "PK116": "warning",
    "PK120": "warning",
    **dict.fromkeys(["PK201", "PK202", "PK203", "PK204", "PK205"], "error"),
    **dict.fromkeys([f"PK3{n:02d}" for n in range(1, 11)], "warning"),
    **dict.fromkeys([f"PK4{n:02d}" for n in range(1, 14)], "warning"),
    **dict.fromkeys([f"PK42{n}" for n in range(10)], "warning"),
    **dict.fromkeys(["PK430", "PK432", "PK433", "PK434", "PK435", "PK436"], "warning"),
    "PK431": "error",
    **dict.fromkeys(["PK440", "PK441", "PK442", "PK443"], "warning"),
    **dict.fromkeys(["PK450", "PK452", "PK453", "PK454", "PK455"], "warning"),
    **dict.fromkeys(["PK451", "PK456", "PK457"], "error"),
    **dict.fromkeys([f"PK5{n:02d}" for n in range(1, 10)], "warning"),
    **dict.fromkeys(["PK520", "PK521", "PK522", "PK523", "PK524"], "warning"),
    **dict.fromkeys(["PK601", "PK602", "PK603", "PK604", "PK611", "PK612"], "warning"),
    **dict.fromkeys(["PK621", "PK622", "PK631"], "warning"),
}


def test_default_severities() -> None:
    """Every code's default severity, written out: a new code is added here too."""
    rules = all_rules()
    assert {c: r.severity.value for c, r in rules.items()} == DEFAULT_SEVERITY


@pytest.mark.parametrize(
    ("score", "band"),
    [(100, "ready"), (80, "ready"), (79.9, "developing"), (60, "developing"),
     (59.9, "not ready"), (0, "not ready")],
)  # fmt: skip
def test_readiness_band_edges(score: float, band: str) -> None:
    assert Bands().name(score) == band


def test_configured_bands_move_the_edges() -> None:
    bands = Bands(ready=90, developing=70)
    assert [bands.name(x) for x in (90, 89.9, 70, 69.9)] == [
        "ready", "developing", "developing", "not ready",
    ]  # fmt: skip
    assert [bands.level(x) for x in (90, 70, 69.9)] == ["good", "warn", "bad"]


def test_health_edges() -> None:
    assert [health_band(x) for x in (5, 4.0, 3.99, 3.0, 2.99, 1)] == [
        "strength", "strength", "worth discussing", "worth discussing", "concern", "concern",
    ]  # fmt: skip
    assert [health_level(x) for x in (4.0, 3.0, 2.9, None)] == ["good", "warn", "bad", "none"]


def test_review_state_edges() -> None:
    import datetime as dt

    day = dt.date(2026, 11, 23)
    states = [review_state(day + dt.timedelta(days=n), day) for n in (-1, 0, 14, 15)]
    assert states == ["overdue", "soon", "soon", "later"]
    assert review_state(None, day) == "none"


def test_documents_read_the_configured_bands(cli, workdir: Path) -> None:
    source = PINNED / "lakeview.yaml"

    def bars(config: str) -> list[str]:
        (workdir / "partnerkit.toml").write_text(config)
        out = cli("render", source, "-t", "one-pager", "-f", "html", "-o", "-", "--today", TODAY)
        assert out.code == 0, out.err
        return re.findall(r'class="bar (\w+)"', out.out)

    default = bars("")
    strict = bars("[bands]\nready = 100\ndeveloping = 99\n")
    assert "good" in default and len(default) == len(strict) == 6
    assert strict != default  # a bar judged by the configured bands, not by 80/60


SUPPRESSED = "lakeview.yaml"


def _with_comment(workdir: Path, line_no: int, comment: str) -> None:
    lines = (PINNED / SUPPRESSED).read_text("utf-8").splitlines()
    lines[line_no - 1] += f"  # partnerkit: {comment}"
    (workdir / SUPPRESSED).write_text("\n".join(lines) + "\n", "utf-8")


def test_a_line_suppression_covers_its_line_only(cli, workdir: Path) -> None:
    _with_comment(workdir, 78, "ignore[PK502]")
    out = cli("check", "--no-config", "--today", "2027-03-01", SUPPRESSED).out
    located = _located(out)
    assert "lakeview.yaml:78:5: warning PK502" not in located
    assert "lakeview.yaml:79:5: warning PK502" in located  # the next line is not covered
    assert "PK120" not in out


def test_a_suppression_covers_only_its_codes(cli, workdir: Path) -> None:
    _with_comment(workdir, 78, "ignore[PK401]")
    out = cli("check", "--no-config", "--today", "2027-03-01", SUPPRESSED).out
    assert "lakeview.yaml:78:5: warning PK502" in _located(out)
    assert "lakeview.yaml:78:" in out and "warning PK120" in out


def test_a_file_suppression_covers_every_line(cli, workdir: Path) -> None:
    _with_comment(workdir, 1, "ignore-file[PK502]")
    out = cli("check", "--no-config", "--today", "2027-03-01", SUPPRESSED).out
    assert "PK502" not in out and "PK120" not in out


def test_markdown_and_html_escape_table_pipes_and_angle_brackets(cli, workdir: Path) -> None:
    text = (PINNED / "lakeview.yaml").read_text("utf-8")
    title = next(x for x in text.splitlines() if x.startswith("title: "))
    hostile = 'title: "A | B <script>"'
    (workdir / "p.yaml").write_text(text.replace(title, hostile, 1), "utf-8")
    md = cli("review", "p.yaml", "-f", "markdown", "--today", TODAY).out
    row = next(x for x in md.splitlines() if "A \\| B" in x)
    assert "<script>" not in row and "A | B" not in row
    html = cli("review", "p.yaml", "-f", "html", "--today", TODAY).out
    assert "<script>" not in html and "A | B &lt;script&gt;" in html.split("</style>", 1)[-1]
    assert "<title>A | B &lt;script&gt; — partnerkit review</title>" in html  # the page's too
    score = cli("score", "p.yaml", "-f", "markdown", "--today", TODAY).out
    assert "<script>" not in score


def _emitted_codes() -> set[str]:
    """Every code written as a literal in the source: what the tool can emit."""
    found: set[str] = set()
    for path in (ROOT / "src" / "partnerkit").rglob("*.py"):
        found |= set(re.findall(r"[\"'](PK\d{3})[\"']", path.read_text("utf-8")))
    return found


def test_every_emitted_code_is_documented(cli) -> None:
    rules = all_rules()
    codes = _emitted_codes()
    assert {"PK101", "PK201", "PK205", "PK301", "PK310", "PK413", "PK508"} <= codes
    for code in sorted(codes):
        assert code in rules, f"{code} can be emitted but `partnerkit rules` does not know it"
        page = cli("rules", code)
        assert page.code == 0 and page.out.startswith(f"{code} {rules[code].name} ")
        assert len(rules[code].doc) > 40, f"{code} has no real documentation"


@pytest.mark.parametrize(("today", "ago"), [("2026-11-21", "1 day"), ("2026-11-22", "2 days")])
def test_days_are_counted_in_words(
    cli, monkeypatch: pytest.MonkeyPatch, today: str, ago: str
) -> None:
    monkeypatch.chdir(PINNED)
    out = cli("check", "--no-config", "--today", today, "lakeview.yaml").out
    assert f"was due 2026-11-20 ({ago} ago) and is in-progress" in out


def test_messages_of_question_rules_name_their_question(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PINNED)
    out = cli("check", "--no-config", "--today", TODAY, "northgate.yaml").out.splitlines()
    assert out[:2] == [
        "northgate.yaml:1:1: warning PK303 Q3 is not answered: What are the costs: real, "
        "intangible and possible? Add `costs`.",
        "northgate.yaml:1:1: warning PK305 Q5 is not answered: How is the plan changed, or "
        "the partnership ended? Add `changes`.",
    ]
    assert (
        "northgate.yaml:42:1: warning PK301 Q1 is only partly answered: add the goals it "
        "serves and the strategies or needs it supports." in out
    )


def test_messages_of_agreement_rules(cli, workdir: Path) -> None:
    text = (PINNED / "lakeview.yaml").read_text("utf-8")
    text = text.replace("    legal_name: Cornerstone Literacy Partners, Inc.\n", "", 1)
    (workdir / "p.yaml").write_text(text.replace("  governing_law: State of Oregon\n", ""), "utf-8")
    out = cli("check", "--no-config", "--today", TODAY, "p.yaml").out.splitlines()
    assert (
        "p.yaml:34:5: warning PK420 Cornerstone Literacy Partners has no `legal_name`: the "
        "agreement must name the legal entity that is the party" in out
    )
    assert any(
        x.endswith("warning PK427 the agreement binds the partners but names no governing "
                   "law: set `terms.governing_law`")
        for x in out
    )  # fmt: skip


def _every_view_of(cli, path: Path) -> dict[str, str]:
    views = {
        "agenda": cli("agenda", path, "-f", "md", "-o", "-", "--today", TODAY),
        "report md": cli("render", path, "-t", "review-report", "-f", "md", "-o", "-",
                         "--today", TODAY),
        "report html": cli("render", path, "-t", "review-report", "-f", "html", "-o", "-",
                           "--today", TODAY),
        "score": cli("score", path, "-f", "md", "--today", TODAY),
    }  # fmt: skip
    assert all(r.code == 0 for r in views.values()), {k: r.err for k, r in views.items()}
    return {k: " ".join(r.out.split()) for k, r in views.items()}


def test_perception_gap_and_concern_edges_are_the_same_in_every_view(
    cli, workdir: Path
) -> None:
    """Partners 2 points apart are a gap, 1 apart are not; a mean of exactly 3 is no concern
    and 2.5 is: in the agenda, the review report (Markdown and HTML) and the next actions."""
    source = (ROOT / "tests" / "data" / "cycle" / "retail-perception-gap.yaml").read_text()
    edge = workdir / "edge.yaml"  # communication 4 and 2 (mean 3), the rest 1 apart at most
    edge.write_text(source)
    views = _every_view_of(cli, edge)
    assert "Communication: partners rated it 2 points apart" in views["agenda"]
    assert "partners differ by 2" in views["report md"]
    assert "communication (2 points apart)" in views["report html"]
    assert "communication (2 points apart)" in views["score"]
    for name, text in views.items():
        assert "1 points apart" not in text and "differ by 1" not in text, name
        assert "rated below" not in text and "out of 5" not in text, name
    below = workdir / "below.yaml"  # communication 4 and 1: mean 2.5, 3 apart
    below.write_text(
        source.replace("communication: 2, credibility: 3", "communication: 1, credibility: 3")
        .replace("adjustments: [Share the pathway backlog with operations]", "attendees: [A, B]")
    )
    views = _every_view_of(cli, below)
    assert "Communication was rated 2.5 out of 5" in views["agenda"]
    assert "Communication rated below 3 at the" in views["score"]


BASE = ROOT / "tests" / "rules" / "base.yaml"  # no findings; notice_days: 60 on line 85


def _check(cli, workdir: Path, today: str, text: str | None = None) -> str:
    (workdir / "p.yaml").write_text(BASE.read_text("utf-8") if text is None else text, "utf-8")
    return str(cli("check", "--no-config", "--today", today, "p.yaml").out)


def test_notice_deadline_warns_thirty_days_ahead(cli, workdir: Path) -> None:
    # the period ends 2027-06-30; 60 days' notice: the last day to give it is 2027-05-01
    assert "PK507" not in _check(cli, workdir, "2027-03-31")
    assert (
        "p.yaml:85:18: warning PK507 the last day to give 60 days' notice before the end on "
        "2027-06-30 is 2027-05-01, in 30 days: decide" in _check(cli, workdir, "2027-04-01")
    )


def test_the_longest_notice_and_the_largest_weight(cli, workdir: Path) -> None:
    text = BASE.read_text("utf-8")
    assert "PK113" not in _check(
        cli, workdir, TODAY, text.replace("notice_days: 60", "notice_days: 36500")
    )
    out = _check(cli, workdir, TODAY, text.replace("notice_days: 60", "notice_days: 36501"))
    assert "p.yaml:85:18: error PK113 `notice_days` must be at most 36500, got `36501`" in out
    out = _check(cli, workdir, TODAY, text.replace("weight: 30}", "weight: 101}"))
    assert "error PK113 `weight` must be at most 100, got `101`" in out
    out = _check(cli, workdir, TODAY, text.replace("notice_days: 60", "notice_days: -1"))
    assert "p.yaml:85:18: error PK113 `notice_days` must not be negative, got `-1`" in out


def test_no_recent_wins_after_a_year_of_reviews_or_of_no_win(cli, workdir: Path) -> None:
    text = BASE.read_text("utf-8")
    # reviews from 2026-01-20, the latest win recorded on 2026-10-15
    assert "PK440" not in _check(cli, workdir, "2027-10-15")
    assert "PK440 no win recorded since 2026-10-15" in _check(cli, workdir, "2027-10-16")
    no_wins = "".join(x for x in text.splitlines(True) if not x.startswith("      wins: "))
    assert "PK440" not in _check(cli, workdir, "2027-01-20", no_wins)
    assert "PK440 no win recorded at any review" in _check(cli, workdir, "2027-01-21", no_wins)


def test_a_criterion_is_on_track_within_ten_points_of_the_expected_share(
    cli, workdir: Path
) -> None:
    # 12 → 9.5 → 8 weeks is 62.5% of the way; from 2026-01-15 to 2026-12-31 (350 days),
    # 253 days in 72.3% is expected (on track), 254 days in 72.6% (behind)
    (workdir / "p.yaml").write_text(BASE.read_text("utf-8"), "utf-8")

    def status(today: str) -> str:
        out = cli("score", "p.yaml", "-f", "markdown", "--today", today).out
        return next(x for x in out.splitlines() if x.startswith("| Time to independent"))

    assert status("2026-09-25").endswith("| 62% |  | on track |")
    assert status("2026-09-26").endswith("| 62% |  | behind |")


def test_one_rule_lists_fifty_hits_then_counts_the_rest_from_the_first_unlisted(
    cli, workdir: Path
) -> None:
    """53 overdue deliverables: 50 PK502 findings, then one that counts the other 3 and
    points at the 51st deliverable (the cap that keeps a hostile file's report readable)."""
    import json

    source = (ROOT / "examples" / "lakeview-literacy-coaching.yaml").read_text()
    head, _, tail = source.partition("expectations:\n")
    tail = tail[tail.index("\n\n") :]
    items = "".join(
        f"  - {{deliverable: Module {i}, owner: cornerstone, due: 2026-01-{i % 28 + 1:02d}, "
        "status: planned}\n"
        for i in range(53)
    )
    path = workdir / "many.yaml"
    path.write_text(head + "expectations:\n" + items + tail)
    first_line = head.count("\n") + 2  # the line of the first deliverable
    result = cli("check", "--no-config", "--today", TODAY, "--select", "PK502", "-f", "json", path)
    found = json.loads(result.out)["files"][0]["findings"]
    assert [f["code"] for f in found] == ["PK502"] * 51
    assert [f["line"] for f in found[:50]] == list(range(first_line, first_line + 50))
    assert "Module 49" in found[49]["message"]
    assert found[50]["line"] == first_line + 50
    assert "3 more like this from here on" in found[50]["message"]
