"""`partnerkit review` and `partnerkit calendar`."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import BAD, EXAMPLES, TODAY


@pytest.fixture
def portfolio(workdir: Path) -> Path:
    for p in EXAMPLES.glob("*.yaml"):
        (workdir / p.name).write_text(p.read_text("utf-8"))
    return workdir


@pytest.mark.parametrize("columns", ["80", "160"])
def test_dashboard_reads_at_80_and_160_columns(
    cli, portfolio: Path, monkeypatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("review", "--today", TODAY)
    assert result.code == 0
    lines = result.out.splitlines()
    table = [x for x in lines if not x.startswith(("4 partnerships", "Health:"))]
    assert max(len(x) for x in table) <= int(columns)
    for title in ("Clinical onboarding", "Lakeview USD K-3", "Harbor County", "customer-service"):
        assert title in result.out
    assert "5 4 5 4 3 5 →" in result.out if columns == "160" else "545435 →" in result.out
    assert (" Partners " in lines[2]) == (columns == "160")
    assert "4 partnerships (2 active, 1 exploring, 1 renewing)" in result.out


def test_sort_and_filters(cli, portfolio: Path) -> None:
    def ids(*args: str) -> list[str]:
        data = json.loads(cli("review", "-f", "json", "--today", TODAY, *args).out)
        return [r["id"] for r in data["partnerships"]]

    assert ids("--sort", "readiness")[-1] == "northgate-crm-golive"
    assert ids("--sort", "title")[0] == "riverside-clinical-onboarding"  # "Clinical onboarding…"
    assert ids("--sort", "next-review")[:2] == [
        "riverside-clinical-onboarding",
        "lakeview-literacy-coaching",
    ]
    assert ids("--status", "renewing") == ["harbor-county-early-learning"]
    assert sorted(ids("--kind", "school", "--kind", "vendor")) == [
        "lakeview-literacy-coaching",
        "riverside-clinical-onboarding",
    ]
    assert ids("--partner", "meridian") == ["riverside-clinical-onboarding"]
    assert ids("--partner", "cornerstone literacy") == ["lakeview-literacy-coaching"]
    assert ids("--due-within", "20") == ["riverside-clinical-onboarding"]
    assert sorted(ids("--due-within", "30", "--today", "2026-12-12")) == [
        "lakeview-literacy-coaching", "riverside-clinical-onboarding",
    ]  # fmt: skip


def test_json_row_contents(cli, portfolio: Path) -> None:
    data = json.loads(cli("review", "-f", "json", "--today", "2026-12-12").out)
    assert data["format"] == "partnerkit-portfolio" and data["today"] == "2026-12-12"
    row = next(r for r in data["partnerships"] if r["id"] == "riverside-clinical-onboarding")
    assert row["review_state"] == "overdue" and row["band"] == "ready"
    assert row["late_deliverables"] == ["Simulation-day facilitator guide"]
    assert row["health"]["cadence"] == 3 and row["criteria"] == 3
    lakeview = next(r for r in data["partnerships"] if r["id"] == "lakeview-literacy-coaching")
    assert lakeview["review_state"] == "soon"
    scores = [r["readiness"] for r in data["partnerships"]]
    assert data["summary"]["reviews_overdue"] == 1
    assert data["summary"]["average_readiness"] == round(sum(scores) / len(scores), 1)


def test_csv_and_markdown(cli, portfolio: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("review", "-f", "csv", "--today", TODAY).out)))
    assert len(rows) == 4
    assert {r["band"] for r in rows} == {"ready", "developing", "not ready"}
    assert rows[0]["health_commitment"] in {"5", "4"}
    md = cli("review", "-f", "markdown", "--today", TODAY).out
    assert md.startswith("# Partnership portfolio — 2026-11-23") and md.count("\n| **") == 4


class _Balanced(HTMLParser):
    VOID = frozenset({"meta", "br", "img", "input", "link", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_dashboard_parses_and_escapes(cli, portfolio: Path) -> None:
    text = (portfolio / "northgate-crm-golive.yaml").read_text()
    (portfolio / "northgate-crm-golive.yaml").write_text(
        text.replace(
            "title: Training for the customer-service CRM replacement",
            "title: CRM <b>go-live</b> & training",
        )
    )
    result = cli("review", "-f", "html", "--today", TODAY)
    assert result.code == 0
    parser = _Balanced()
    parser.feed(result.out)
    assert parser.stack == []
    assert "CRM &lt;b&gt;go-live&lt;/b&gt; &amp; training" in result.out
    assert "Partnership portfolio" in "".join(parser.text)


def test_broken_file_still_lists_the_others(cli, portfolio: Path) -> None:
    (portfolio / "broken.yaml").write_bytes((BAD / "syntax-error.yaml").read_bytes())
    result = cli("review", "-f", "json", "--today", TODAY)
    assert result.code == 1
    data = json.loads(result.out)
    assert len(data["partnerships"]) == 5
    broken = next(r for r in data["partnerships"] if r["path"] == "broken.yaml")
    assert broken["valid"] is False and broken["errors"] == 1
    table = cli("review", "--today", TODAY)
    assert table.code == 1 and "broken" in table.out and "Lakeview" in table.out


def test_review_strict(cli, portfolio: Path) -> None:
    assert cli("review", "--today", TODAY).code == 0
    assert cli("review", "--today", TODAY, "--strict").code == 1


def test_one_partnership_in_detail(cli, portfolio: Path) -> None:
    result = cli("review", "harbor-county-early-learning.yaml", "--today", TODAY)
    assert result.code == 0
    out = result.out
    for part in ("Six C's", "The ten questions", "Success criteria", "Deliverables on a timeline",
                 "Review history", "2026-11-23 ▸", "late · overdue", "Fund pays for a second",
                 "Ruth Adebayo", "not signed", "79%"):  # fmt: skip
        assert part in out, part
    due = out.index("2026-10-31")
    assert due < out.index("2026-11-23 ▸") < out.index("2026-12-15")


def test_calendar_round_trip(cli, portfolio: Path) -> None:
    from icalendar import Calendar

    assert cli("calendar", "-o", "p.ics", "--today", TODAY).code == 0
    cal = Calendar.from_ical((portfolio / "p.ics").read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    review = events["riverside-clinical-onboarding.review-next@partnerkit.invalid"]
    assert review.decoded("DTSTART").isoformat() == "2026-12-10"
    assert "Partnership review" in str(review["SUMMARY"])
    end = events["lakeview-literacy-coaching.period-end@partnerkit.invalid"]
    assert end.decoded("DTSTART").isoformat() == "2026-12-18"
    notice = events["riverside-clinical-onboarding.notice-deadline@partnerkit.invalid"]
    assert notice.decoded("DTSTART").isoformat() == "2026-11-15"
    assert "Last day to ask to renew" in str(notice["SUMMARY"])  # it does not renew by itself
    # The deadline is the renewal terms' (Harbor: ask 30 days before the end), not the
    # termination notice's 90 days; Lakeview plans to end, so nobody asks to renew.
    harbor = events["harbor-county-early-learning.notice-deadline@partnerkit.invalid"]
    assert harbor.decoded("DTSTART").isoformat() == "2026-10-31"
    assert "lakeview-literacy-coaching.notice-deadline@partnerkit.invalid" not in events
    dues = [e for uid, e in events.items() if ".deliverable-" in uid]
    import yaml

    expected = sum(
        1
        for p in portfolio.glob("*.yaml")
        for e in yaml.safe_load(p.read_text())["expectations"]
        if e.get("due") and e.get("status") != "dropped"
    )
    assert len(dues) == expected == 15
    assert len(events) == len(list(cal.walk("VEVENT")))  # UIDs are unique


def test_calendar_uids_are_stable(cli, portfolio: Path) -> None:
    def uids() -> set[str]:
        from icalendar import Calendar

        return {
            str(e["UID"])
            for e in Calendar.from_ical(cli("calendar", "--today", TODAY).out).walk("VEVENT")
        }

    before = uids()
    target = portfolio / "lakeview-literacy-coaching.yaml"
    lines = target.read_text().splitlines(keepends=True)
    start = next(i for i, x in enumerate(lines) if x.startswith("expectations:"))
    block = lines[start + 1 : start + 6]
    target.write_text("".join(lines[: start + 1] + block[::-1] + lines[start + 6 :]))
    assert uids() == before
    assert cli("calendar", "-o", "p.ics").code == 0
    assert cli("calendar", "-o", "p.ics").code == 0  # a report: replaced


def test_calendar_uids_are_unique_and_survive_a_rename(cli, workdir: Path) -> None:
    from icalendar import Calendar

    base = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    extra = (
        "  - {id: pilot-cohort, deliverable: Pilot session, owner: learning, due: 2026-12-01}\n"
        "  - {deliverable: Pilot session, owner: learning, due: 2026-12-08}\n"
        "  - {deliverable: Pilot session, owner: learning, due: 2026-12-15}\n"
    )
    start = base.index("expectations:\n") + len("expectations:\n")
    (workdir / "p.yaml").write_text(base[:start] + extra + base[start:])

    def uids() -> list[str]:
        out = cli("calendar", "--today", "2026-11-23", "p.yaml").out
        return [str(e["UID"]) for e in Calendar.from_ical(out).walk("VEVENT")]

    before = uids()
    assert len(before) == len(set(before))
    renamed = (workdir / "p.yaml").read_text().replace(
        "{id: pilot-cohort, deliverable: Pilot session", "{id: pilot-cohort, deliverable: Pilot"
    )
    (workdir / "p.yaml").write_text(renamed)
    assert "northgate-crm-golive.deliverable-pilot-cohort@partnerkit.invalid" in uids()
    assert sorted(uids()) == sorted(before)
