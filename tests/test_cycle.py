"""form, record and measure: the review cycle written into the file, comments kept."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest
import yaml

from partnerkit.commands.cycle import add_months
from partnerkit.format.model import SIX_CS

SOURCE = Path(__file__).resolve().parent / "data" / "cycle" / "hospital-roi.yaml"
HEADER = ",".join(["respondent", "partner", *SIX_CS, "comments"])


@pytest.fixture
def file(tmp_path: Path) -> Path:
    target = tmp_path / "hospital-roi.yaml"
    shutil.copy(SOURCE, target)
    return target


def sheet(tmp_path: Path, *rows: str, header: str = HEADER, encoding: str = "utf-8") -> Path:
    path = tmp_path / "ratings.csv"
    path.write_bytes("\n".join([header, *rows]).encode(encoding) + b"\n")
    return path


def test_form_has_a_row_per_partner(cli, file: Path) -> None:
    result = cli("form", file)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == HEADER
    assert [line.split(",")[-8] for line in lines[1:]] == ["riverside", "simworks"]


def test_a_review_from_a_survey_sheet_lands_with_comments_intact(cli, file: Path, tmp_path):
    before = file.read_text("utf-8")
    ratings = sheet(
        tmp_path,
        "Dana Ortiz,riverside,4,3,5,4,4,4,Night cover still hard",
        "Lee Park,riverside,5,3,4,4,4,5,",
        "Pat O'Brien,simworks,4,5,5,4,3,4,Fast decisions",
    )
    result = cli(
        "record",
        file,
        "--date",
        "2026-12-10",
        "--ratings",
        ratings,
        "--win",
        "Agency hours halved",
        "--adjustment",
        "Second night scenario",
    )
    assert result.code == 0, result.err
    after = file.read_text("utf-8")
    removed = [x for x in difflib.ndiff(before.splitlines(), after.splitlines()) if x[0] == "-"]
    assert removed == ["-   next: 2026-12-10"]
    for comment in [x for x in before.splitlines() if "#" in x]:
        assert comment in after
    review = yaml.safe_load(after)["reviews"]
    assert review["next"].isoformat() == "2027-03-10"
    latest = review["history"][-1]
    assert latest["partner_ratings"]["riverside"]["commitment"] == 5  # mean 4.5, rounded half up
    assert latest["ratings"]["communication"] == 4  # mean of the partners' means: (3 + 5) / 2
    assert latest["attendees"] == ["Dana Ortiz", "Lee Park", "Pat O'Brien"]
    assert latest["wins"] == ["Agency hours halved"]
    said = ["Dana Ortiz: Night cover still hard", "Pat O'Brien: Fast decisions"]
    assert latest["comments"] == said
    assert cli("check", file, "--today", "2026-12-11").code == 0
    report = tmp_path / "report.md"
    rendered = cli("render", file, "-t", "review-report", "-f", "md", "-o", report)
    assert rendered.code == 0, rendered.err
    assert "Dana Ortiz: Night cover still hard" in report.read_text("utf-8")


BAD = [
    (["Sam,nobody,4,4,4,4,4,4,"], HEADER, "utf-8", "2:2:", "unknown partner `nobody`"),
    (["Dana,riverside,4,6,4,4,4,4,"], HEADER, "utf-8", "2:4:", "communication is `6`"),
    (
        ["Dana,riverside,4,4,4,4,4"],
        HEADER.replace(",collaboration", ""),
        "utf-8",
        "1:",
        "missing column `collaboration`",
    ),
    (["Zoë,riverside,4,4,4,4,4,4,Très bien"], HEADER, "latin-1", "2:1:", "not UTF-8"),
]


@pytest.mark.parametrize(("rows", "header", "encoding", "where", "words"), BAD)
def test_a_bad_sheet_is_a_located_error_and_the_file_is_untouched(
    cli, file: Path, tmp_path: Path, rows, header, encoding, where, words
) -> None:
    before = file.read_bytes()
    ratings = sheet(tmp_path, *rows, header=header, encoding=encoding)
    result = cli("record", file, "--date", "2026-12-10", "--ratings", ratings)
    assert result.code == 1
    assert f"ratings.csv:{where}" in result.err and words in result.err
    assert "Traceback" not in result.err
    assert file.read_bytes() == before


def test_record_refuses_a_review_out_of_order(cli, file: Path) -> None:
    before = file.read_bytes()
    result = cli("record", file, "--date", "2026-05-01", "--win", "x")
    assert result.code == 1 and "out of order" in result.err
    assert file.read_bytes() == before


def test_dry_run_shows_a_diff_and_writes_nothing(cli, file: Path) -> None:
    before = file.read_bytes()
    result = cli("record", file, "--date", "2026-12-10", "--win", "x", "--dry-run")
    assert result.code == 0 and "+    - date: 2026-12-10" in result.out
    assert file.read_bytes() == before


def test_measure_appends_results_and_sets_current(cli, file: Path, tmp_path: Path) -> None:
    results = tmp_path / "results.csv"
    results.write_text(
        "criterion,date,value\nTime to independent practice,2026-12-31,9\n"
        "Return on investment,2026-12-31,31.5\n"
    )
    result = cli("measure", file, "--from", results)
    assert result.code == 0, result.err
    criteria = yaml.safe_load(file.read_text("utf-8"))["success"]["criteria"]
    assert criteria[1]["current"] == 9 and criteria[1]["measurements"][-1]["value"] == 9
    assert criteria[0]["current"] == 31.5
    assert "# per year, converted to money" in file.read_text("utf-8")
    score = cli("score", file, "--today", "2027-01-05")
    assert "▅" in score.out or "▃" in score.out  # the criterion's trend


def test_measure_refuses_an_unknown_criterion_by_row_and_column(cli, file: Path, tmp_path):
    before = file.read_bytes()
    results = tmp_path / "results.csv"
    results.write_text(
        "criterion,date,value\nTime to independent practice,2026-12-31,9\n"
        "Happiness,2026-12-31,abc\n"
    )
    result = cli("measure", file, "--from", results)
    assert result.code == 1
    assert "results.csv:3:1: unknown criterion `Happiness`" in result.err
    assert "results.csv:3:3: value `abc` is not a number" in result.err
    assert file.read_bytes() == before


def test_next_review_from_the_cadence_keeps_the_month_end() -> None:
    import datetime as dt

    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 10), 12) == dt.date(2027, 12, 10)


def test_measure_roi_records_the_phillips_roi_of_the_files_own_numbers(cli, file: Path) -> None:
    before = file.read_text("utf-8")
    result = cli("measure", file, "--roi", "--date", "2026-12-01")
    assert result.code == 0, result.err
    after = file.read_text("utf-8")
    # (61,000 + 45,000 - 78,000) / 78,000 x 100: fees, licences and valued staff time are
    # the fully loaded costs; the unvalued and the possible costs stay out.
    roi = yaml.safe_load(after)["success"]["criteria"][0]
    assert roi["current"] == 35.9
    assert roi["measurements"] == [
        {
            "date": dt.date(2026, 12, 1),
            "value": 35.9,
            "note": "Phillips ROI from the costs and benefits",
        }
    ]
    removed = [x for x in difflib.ndiff(before.splitlines(), after.splitlines()) if x[0] == "-"]
    assert removed == []
    assert "benefits:   # per year, converted to money" in after
    assert cli("check", file, "--today", "2026-12-02").code == 0


def test_measure_roi_is_refused_when_the_roi_cannot_be_calculated(cli, file: Path) -> None:
    text = file.read_text("utf-8").replace("amount: 45000}", "amount: 45000, currency: EUR}")
    file.write_text(text, "utf-8")
    result = cli("measure", file, "--roi", "--date", "2026-12-01")
    assert result.code == 1
    assert "EUR and USD" in result.err and "never added up" in result.err
    assert file.read_text("utf-8") == text


def test_measure_roi_writes_a_ratio_into_a_ratio_criterion(cli, file: Path) -> None:
    # The criterion's unit says its values are benefit-cost ratios: 106,000 ÷ 78,000 = 1.36,
    # not the 35.9 (%) an ROI would be.
    text = file.read_text("utf-8").replace(
        'target: 25\n      unit: "%"', "target: 1.5\n      unit: ratio"
    )
    file.write_text(text, "utf-8")
    dry = cli("measure", file, "--roi", "--date", "2026-12-01", "--dry-run")
    assert dry.code == 0 and "value: 1.36" in dry.out
    assert "Would record Return on investment: 1 measurement(s), current 1.36" in dry.err
    assert "Recorded" not in dry.err and file.read_text("utf-8") == text
    assert cli("measure", file, "--roi", "--date", "2026-12-01").code == 0
    roi = yaml.safe_load(file.read_text("utf-8"))["success"]["criteria"][0]
    assert roi["current"] == 1.36
    assert (
        roi["measurements"][0]["note"] == "Phillips benefit-cost ratio from the costs and benefits"
    )


def test_measure_roi_is_refused_until_the_benefits_are_isolated(cli, file: Path) -> None:
    text = "".join(
        line for line in file.read_text("utf-8").splitlines(True) if "isolation:" not in line
    )
    file.write_text(text, "utf-8")
    result = cli("measure", file, "--roi", "--date", "2026-12-01")
    assert result.code == 1 and "isolated from other causes" in result.err
    assert file.read_text("utf-8") == text


NUMBERS = [
    ("9,5", "has a comma, which may be a decimal comma or a thousands separator: write 9.5"),
    ("1e308", "has an exponent: write the number in full"),
    ("999999999999999999999999", "has more than 15 digits"),
    ("1_000", "has underscores between its digits: write it as 1000"),
    ("٣", "uses digits other than 0-9: write it as 3"),
    ("1,000,000", "has commas between its digits: write it as 1000000"),
    ("45%", "has a percent sign, but this criterion is measured"),
]


@pytest.mark.parametrize(("value", "words"), NUMBERS)
def test_measure_refuses_a_number_it_would_store_wrong(
    cli, file: Path, tmp_path: Path, value: str, words: str
) -> None:
    """`9,5` became 95 and `1e308` a 309-digit integer: each is refused where it is."""
    before = file.read_bytes()
    results = tmp_path / "results.csv"
    results.write_text(f'criterion,date,value\nTime to independent practice,2026-12-31,"{value}"\n')
    result = cli("measure", file, "--from", results)
    assert result.code == 1
    assert f"results.csv:2:3: value `{value}` {words}" in result.err
    assert file.read_bytes() == before


@pytest.mark.parametrize("day", ["20261231", "2026-W53-4", "2026-12-31T00:00", "2026-12-3１"])
def test_measure_and_record_take_dates_written_yyyy_mm_dd_only(
    cli, file: Path, tmp_path: Path, day: str
) -> None:
    before = file.read_bytes()
    results = tmp_path / "results.csv"
    results.write_text(f"criterion,date,value\nTime to independent practice,{day},9\n")
    result = cli("measure", file, "--from", results)
    assert result.code == 1
    assert f"results.csv:2:2: date `{day}` is not a date written YYYY-MM-DD" in result.err
    for command in (["record", file, "--win", "x"], ["measure", file, "--roi"]):
        result = cli(*command, "--date", day)
        assert result.code == 2 and "YYYY-MM-DD" in result.err, result.err
    assert file.read_bytes() == before


MORE_BAD = [
    (["Dana,riverside,4,²,4,4,4,4,"], HEADER, "2:4:", "communication is `²`"),
    (["Dana,riverside,4,①,4,4,4,4,"], HEADER, "2:4:", "communication is `①`"),
    (["Dana,riverside,4,٣,4,4,4,4,"], HEADER, "2:4:", "communication is `٣`"),
    (
        ["Dana,simworks,4,4,4,4,4,4,", "Lee,riverside,5,5,5,5,5,5,"],
        HEADER + ",partner",
        "1:10:",
        "columns B and J are both `partner`",
    ),
    (
        ['Dana,riverside,4,4,4,4,4,4,"Night cover', "Lee,simworks,5,5,5,5,5,5,", "Pat,simworks,3"],
        HEADER,
        "2:9:",
        "a quote (\") opens this cell and is not closed",
    ),
    (
        [
            'Dana,riverside,4,4,4,4,4,4,"Night cover',
            "Lee,simworks,5,5,5,5,5,5,",
            'Pat,riverside,3,3,3,3,3,3,"fine"',
        ],
        HEADER,
        "2:9:",
        "the 2 line(s) after it are read as part of it",
    ),
]


@pytest.mark.parametrize(("rows", "header", "where", "words"), MORE_BAD)
def test_a_sheet_that_would_lose_or_misread_ratings_is_refused(
    cli, file: Path, tmp_path: Path, rows, header, where, words
) -> None:
    """`²` passed isdigit() and crashed int(); a quote left open took the rows after it
    into a comment; a second `partner` column was read instead of the first."""
    before = file.read_bytes()
    ratings = sheet(tmp_path, *rows, header=header)
    result = cli("record", file, "--date", "2026-12-10", "--ratings", ratings)
    assert result.code == 1, result.out
    assert f"ratings.csv:{where}" in result.err and words in result.err, result.err
    assert "internal error" not in result.err
    assert file.read_bytes() == before


def test_a_comment_over_several_lines_is_still_read(cli, file: Path, tmp_path: Path) -> None:
    ratings = sheet(tmp_path, 'Dana,riverside,4,4,4,4,4,4,"Night cover,\nstill hard"')
    result = cli("record", file, "--date", "2026-12-10", "--ratings", ratings)
    assert result.code == 0, result.err
    latest = yaml.safe_load(file.read_text("utf-8"))["reviews"]["history"][-1]
    assert latest["comments"] == ["Dana: Night cover,\nstill hard"]


def test_measure_applies_all_rows_in_one_edit(
    cli, file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit per row parsed and verified the whole file each time (1,000 rows: 21.6 s):
    the rows of a criterion are now one edit, however many there are."""
    from partnerkit.editing import edit

    made: list[object] = []
    real = edit._apply_one

    def counted(text: str, op: object) -> str:
        made.append(op)
        return real(text, op)  # type: ignore[arg-type]

    monkeypatch.setattr(edit, "_apply_one", counted)
    start = dt.date(2027, 1, 1)
    rows = [
        f"{name},{start + dt.timedelta(days=i)},{i % 20}"
        for i in range(300)
        for name in ("Time to independent practice", "Return on investment")
    ]
    results = tmp_path / "results.csv"
    results.write_text("criterion,date,value\n" + "\n".join(rows) + "\n")
    result = cli("measure", file, "--from", results)
    assert result.code == 0, result.err
    assert len(made) == 4  # per criterion: its measurements, then `current`
    criteria = yaml.safe_load(file.read_text("utf-8"))["success"]["criteria"]
    assert len(criteria[1]["measurements"]) == 3 + 300
    assert criteria[1]["measurements"][-1] == {"date": dt.date(2027, 10, 27), "value": 19}


def test_text_after_a_closing_quote_is_not_taken_for_an_open_quote(
    cli, file: Path, tmp_path: Path
) -> None:
    ratings = sheet(
        tmp_path,
        '"Dana" Ortiz,riverside,4,4,4,4,4,4,',
        'Lee,simworks,5,5,5,5,5,5,"Night cover,\nstill hard"',
    )
    result = cli("record", file, "--date", "2026-12-10", "--ratings", ratings)
    assert result.code == 0, result.err
