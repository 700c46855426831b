"""Writing a partnership file without YAML traps: every error at once, plain messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def _write(workdir: Path, text: str, name: str = "p.yaml") -> Path:
    path = workdir / name
    path.write_text(text, "utf-8")
    return path


def _riverside(**swaps: str) -> str:
    text = RIVERSIDE.read_text("utf-8")
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_an_impossible_date_does_not_hide_the_other_errors(cli, workdir: Path) -> None:
    text = RIVERSIDE.read_text("utf-8")
    text = text.replace("due: 2026-09-15", "due: 2027-02-30", 1)
    text = text.replace("status: active", "status: activ", 1)
    text = text.replace("title: Clinical onboarding", "colour: blue\ntitle: Clinical onboarding")
    _write(workdir, text)
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1
    assert "`2027-02-30` is not a real date" in result.out
    assert "`activ` is not a valid value for `status`" in result.out
    assert "unknown key `colour`" in result.out
    assert result.out.count("2027-02-30") == 1  # reported once, not by the reader and the model


SMALL = """\
partnerkit: 1
id: demo
title: Demo
kind: vendor
status: exploring
partners:
  - {id: alpha, name: Alpha Learning, role: lead}
  - {id: beta, name: Beta Training, role: provider}
"""


def _check(cli, workdir: Path, extra: str) -> str:
    _write(workdir, SMALL + extra)
    return cli("check", "--no-config", "p.yaml").out


def test_a_comma_in_a_list_names_the_field_and_gives_the_line_quoted(cli, workdir: Path) -> None:
    out = _check(
        cli,
        workdir,
        "candidates:\n  options:\n    - id: harbor\n      name: Harbor\n"
        "      references: [St. Luke's onboarding redesign, 2025]\n",
    )
    assert "`candidates.options[0].references[1]` should be text" in out
    assert "the comma inside [ ] started a new item" in out
    assert '`references: ["St. Luke\'s onboarding redesign, 2025"]`' in out


def test_a_comma_in_a_flow_mapping_note_is_not_an_unknown_key_alone(cli, workdir: Path) -> None:
    out = _check(
        cli,
        workdir,
        "costs:\n"
        "  - {item: Recruiting fees avoided, type: real, amount: 40000, currency: USD, note: Two "
        "hires a year no longer through an agency, agreed with finance}\n"
        "  - {item: ICU days, type: intangible, note: 12 fewer ICU days at USD 7,500}\n",
    )
    assert "unknown key `agreed with finance` in `costs[0]`" in out
    assert "the comma inside { } ended `note` and started a new key" in out
    assert (
        '`- {item: Recruiting fees avoided, type: real, amount: 40000, currency: USD, note: "Two '
        'hires a year no longer through an agency, agreed with finance"}`'
    ) in out
    assert "unknown key `500` in `costs[1]`" in out
    assert 'note: "12 fewer ICU days at USD 7,500"}`' in out
    assert "expected one of" not in out


def test_a_colon_in_text_says_what_yaml_did_and_how_to_write_it(cli, workdir: Path) -> None:
    text = SMALL.replace(
        "status: exploring\n", "status: exploring\nsummary: Aim: faster onboarding\n"
    )
    _write(workdir, text)
    out = cli("check", "--no-config", "p.yaml").out
    assert "mapping values are not allowed" not in out
    assert "In `summary`, the colon after `Aim` reads as the start of another key" in out
    assert '`summary: "Aim: faster onboarding"`' in out


def test_a_colon_deep_in_a_block_file_names_the_full_path(cli, workdir: Path) -> None:
    text = (
        SMALL
        + "candidates:\n  options:\n    - id: a\n      name: A\n"
        + "    - id: b\n      notes: Risk: high\n"
    )
    _write(workdir, text)
    out = cli("check", "--no-config", "p.yaml").out
    assert "In `candidates.options[1].notes`, the colon after `Risk`" in out
    assert '`notes: "Risk: high"`' in out


def test_a_colon_and_a_comma_in_a_list_item(cli, workdir: Path) -> None:
    text = SMALL.replace("role: lead}", "role: lead, benefits: [Savings: USD 10,000 a year]}")
    _write(workdir, text)
    out = cli("check", "--no-config", "p.yaml").out
    assert "`partners[0].benefits[0]` should be text, not a mapping" in out
    assert "the colon after `Savings` made the item a key with a value" in out
    assert 'benefits: ["Savings: USD 10,000 a year"]}`' in out
    assert "PK116" not in out  # the error says it; no second finding for the same item


def test_an_item_that_reads_as_the_tail_of_the_one_before_is_a_warning(cli, workdir: Path) -> None:
    _write(
        workdir,
        SMALL + "success:\n  benchmarks: [National new-graduate retention, 78%]\n"
        "  criteria: []\nvalue:\n  goals: [Retention, Speed]\n",
    )
    result = cli("check", "--no-config", "--select", "PK116", "p.yaml")
    assert result.out.count("PK116") == 1, result.out
    assert (
        "warning PK116 `success.benchmarks[1]` (`78%`) reads as the end of the item before"
        in result.out
    )
    assert '`benchmarks: ["National new-graduate retention, 78%"]`' in result.out
    assert cli("check", "--no-config", "--ignore", "PK116", "p.yaml").out.count("PK116") == 0


NORTHGATE = EXAMPLES / "northgate-crm-golive.yaml"


def _data_lines(text: str) -> list[str]:
    """The lines a person fills in: not comments, not the text after a `#`."""
    return [line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#")]


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
def test_the_scaffold_is_block_style_one_item_per_line(cli, workdir: Path, kind: str) -> None:
    args = ["--kind", kind, "--partner", "A", "--partner", "B", "--no-input"]
    assert cli("init", *args).code == 0
    text = (workdir / "partnerships" / "a-b.yaml").read_text("utf-8")
    flow = [line for line in _data_lines(text) if re.search(r"[\[\]{}]", line)]
    assert not flow, flow
    commented = [line for line in text.splitlines() if re.search(r"#\s*-?\s*\w+: [\[{]", line)]
    assert not commented, commented  # the examples, too, are written one key per line
    result = cli("check", "--no-config", "--today", TODAY, "partnerships/a-b.yaml")
    assert " error " not in result.out, result.out


def test_init_with_candidates_is_block_style(cli, workdir: Path) -> None:
    assert cli("init", "--candidates", "--partner", "A", "--no-input").code == 0
    (made,) = (workdir / "partnerships").iterdir()
    text = made.read_text("utf-8")
    assert not [line for line in _data_lines(text) if re.search(r"[\[\]{}]", line)]


def test_record_writes_reviews_one_key_per_line_into_an_empty_history(cli, workdir: Path) -> None:
    text = NORTHGATE.read_text("utf-8").replace(
        "  cadence: monthly\n", "  cadence: monthly\n  history: []\n"
    )
    path = _write(workdir, text)
    for date in ("2026-11-01", "2026-12-01"):
        result = cli(
            "record",
            path,
            "--date",
            date,
            "--win",
            "Go-live on time, with no rollback",
            "--concern",
            "Two teams, 40% of users, still on the old screens",
        )
        assert result.code == 0, result.err
    after = path.read_text("utf-8")
    history = after.split("  history:")[1].split("\n\n")[0].splitlines()
    assert max(len(line) for line in history) < 80, history
    assert "  history:\n    - date: 2026-11-01\n      kind: periodic\n" in after
    assert after.count("    - date: 2026-") == 2
    assert after.startswith(text.split("  history: []")[0])  # the rest is as it was


@pytest.mark.parametrize(
    ("command", "what"), [(["calendar"], "calendar"), (["review", "-f", "html"], "dashboard")]
)
def test_a_broken_file_never_silently_shrinks_a_written_output(
    cli, workdir: Path, command: list[str], what: str
) -> None:
    for example in EXAMPLES.glob("*.yaml"):
        _write(workdir, example.read_text("utf-8"), example.name)
    out = workdir / "out.txt"
    assert cli(*command, "--no-config", "--today", TODAY, "-o", out, ".").code == 0
    before = out.read_bytes()
    broken = workdir / RIVERSIDE.name
    broken.write_text(broken.read_text("utf-8").replace("status: active", "status: activ"))
    result = cli(*command, "--no-config", "--today", TODAY, "-o", out, ".")
    assert result.code == 1
    assert out.read_bytes() == before  # the old output is kept
    assert f"{RIVERSIDE.name} could not be read as a partnership" in result.err
    assert f"the {what} would leave out its items (the old one is kept)" in result.err
    forced = cli(*command, "--no-config", "--today", TODAY, "-o", out, "--force", ".")
    assert forced.code == 1 and out.read_bytes() != before  # written without its items


def test_check_o_still_writes_its_report_with_the_broken_file(cli, workdir: Path) -> None:
    _write(workdir, RIVERSIDE.read_text("utf-8").replace("status: active", "status: activ"))
    result = cli("check", "--no-config", "-o", "report.txt", "p.yaml")
    assert result.code == 1
    assert "`activ` is not a valid value" in (workdir / "report.txt").read_text("utf-8")


def test_an_impossible_date_option_says_what_is_impossible(cli, workdir: Path) -> None:
    path = _write(workdir, RIVERSIDE.read_text("utf-8"))
    result = cli("record", path, "--date", "2026-13-01", "--win", "x", "--dry-run")
    assert result.code == 2
    assert "month must be in 1..12" in result.err and "write YYYY-MM-DD" not in result.err


def test_a_partner_filter_with_a_typo_suggests_the_partner(cli, workdir: Path) -> None:
    result = cli("review", "--no-config", "--partner", "meridan", RIVERSIDE, NORTHGATE)
    assert "--partner meridan: no partner of these files matches (did you mean meridian?)" in (
        result.err
    )


def test_a_semicolon_separated_sheet_is_named_once(cli, workdir: Path) -> None:
    path = _write(workdir, RIVERSIDE.read_text("utf-8"))
    sheet = workdir / "r.csv"
    sheet.write_text("criterion;date;value\nTime to independent practice;2026-12-31;9\n")
    result = cli("measure", path, "--from", sheet, "--dry-run")
    assert result.code == 1
    assert result.err.count("this file is separated by semicolons") == 1
    assert "missing column" not in result.err


def test_a_percentage_is_read_for_a_criterion_measured_in_percent(cli, workdir: Path) -> None:
    harbor = EXAMPLES / "harbor-county-early-learning.yaml"
    path = _write(workdir, harbor.read_text("utf-8"))
    sheet = workdir / "r.csv"
    sheet.write_text("criterion,date,value\nWorkshop satisfaction,2026-12-01,80%\n")
    result = cli("measure", path, "--from", sheet)
    assert result.code == 0, result.err
    assert "value: 80" in path.read_text("utf-8")
    sheet.write_text("criterion,date,value\nCDA credentials earned,2026-12-01,80%\n")
    refused = cli("measure", path, "--from", sheet)
    assert refused.code == 1
    assert "has a percent sign, but this criterion is measured in teachers" in refused.err


def test_diff_outside_a_git_repository_says_so_plainly(cli, workdir: Path) -> None:
    path = _write(workdir, RIVERSIDE.read_text("utf-8"))
    result = cli("diff", "--since", "HEAD~1", path)
    assert result.code == 2
    assert "is not in a git repository, so it has no earlier versions" in result.err
    assert "fatal" not in result.err


def test_init_example_writes_a_shipped_example(cli, workdir: Path) -> None:
    result = cli("init", "--example", "riverside-clinical-onboarding")
    assert result.code == 0, result.err
    written = workdir / "riverside-clinical-onboarding.yaml"
    assert written.read_text("utf-8") == RIVERSIDE.read_text("utf-8")
    assert cli("check", "--no-config", written).code == 0
    wrong = cli("init", "--example", "riverside")
    assert wrong.code == 2 and "(did you mean riverside-clinical-onboarding?)" in wrong.err
    assert "northgate-crm-golive" in cli("init", "--example", "list").out


def test_the_readme_set_up_leaves_partnerkit_on_the_path() -> None:
    from conftest import ROOT

    set_up = (ROOT / "README.md").read_text("utf-8").split("## Set up")[1].split("\n## ")[0]
    assert ". .venv/bin/activate" in set_up
    assert "pipx install ." in set_up and "uv tool install ." in set_up
    assert "partnerkit init --example riverside-clinical-onboarding" in set_up


def _new_file(cli) -> Path:
    args = ["--kind", "vendor", "--partner", "Riverside Health", "--partner", "meridian=Meridian"]
    assert cli("init", *args, "--no-input", "--today", TODAY).code == 0
    return Path("partnerships/riverside-health-meridian.yaml")


def test_a_coordinator_adds_what_people_add_without_yaml(cli, workdir: Path) -> None:
    """The issue's "Done when": a deliverable, a cost with "USD 7,500" in its note and a
    review, by commands only; every comment of the scaffold is kept."""
    path = _new_file(cli)
    before = path.read_text("utf-8")
    added = cli(
        "add", "deliverable", path, "--deliverable", "Needs analysis, with interviews",
        "--owner", "meridian", "--due", "2027-01-15",
    )  # fmt: skip
    assert added.code == 0, added.err
    cost = cli(
        "add", "cost", path, "--item", "ICU days avoided", "--type", "intangible",
        "--amount", "7,500", "--currency", "USD", "--note", "12 fewer ICU days at USD 7,500",
    )  # fmt: skip
    assert cost.code == 0, cost.err
    review = cli("record", path, "--date", "2026-12-20", "--win", "Go-live, on time")
    assert review.code == 0, review.err
    assert cli("add", "attendee", path, "--name", "Dana Ortiz").code == 0
    text = path.read_text("utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(line in text.splitlines() for line in comments)  # comments kept
    assert (
        '  - deliverable: "Needs analysis, with interviews"\n    owner: meridian\n'
        "    due: 2027-01-15\n    status: planned\n"
    ) in text
    assert (
        '    amount: 7500\n    currency: USD\n    note: "12 fewer ICU days at USD 7,500"\n' in text
    )
    assert "      attendees:\n        - Dana Ortiz\n" in text
    result = cli("check", "--no-config", "--today", TODAY, path)
    assert " error " not in result.out, result.out


@pytest.mark.parametrize(
    ("what", "args", "expected"),
    [
        ("payment", ["--for", "Needs analysis", "--amount", "12000", "--currency", "USD",
                     "--payer", "riverside-health", "--payee", "meridian"],
         "  payments:\n    - for: Needs analysis\n      amount: 12000\n"),
        ("criterion", ["--name", "Completion", "--measure", "Share completing", "--level",
                       "behaviour", "--target", "90", "--unit", "%"],
         "    - name: Completion\n      measure: Share completing\n"),
        ("stakeholder", ["--name", "Ward managers", "--interest", "training-need"],
         "  - name: Ward managers\n    interest: training-need\n"),
    ],
)  # fmt: skip
def test_add_dry_run_shows_the_item_and_writes_nothing(
    cli, workdir: Path, what: str, args: list[str], expected: str
) -> None:
    path = _new_file(cli)
    before = path.read_bytes()
    result = cli("add", what, path, *args, "--dry-run")
    assert result.code == 0, result.err
    assert path.read_bytes() == before
    assert "\n".join("+" + line for line in expected.splitlines()) in result.out
    assert cli("add", what, path, *args).code == 0
    assert expected in path.read_text("utf-8")


def test_add_refuses_what_would_make_an_error_and_asks_for_what_is_missing(
    cli, workdir: Path
) -> None:
    path = _new_file(cli)
    before = path.read_bytes()
    wrong = cli("add", "deliverable", path, "--deliverable", "X", "--owner", "nobody")
    assert wrong.code == 1 and "`nobody` is not a partner" in wrong.err
    assert path.read_bytes() == before
    missing = cli("add", "cost", path, "--no-input")
    assert missing.code == 2 and "add cost needs --item" in missing.err
    assert cli("add", "costs", path).code == 2  # an unknown kind of item


def test_add_asks_at_a_terminal(workdir: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    import io
    import sys

    from partnerkit.commands.add import AddOptions, run_add

    path = _new_file(cli)
    monkeypatch.setattr("partnerkit.commands.add._can_ask", lambda opts: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ward managers\ntraining-need\n"))
    assert run_add(AddOptions(what="stakeholder", path=path)) == 0
    assert "  - name: Ward managers\n    interest: training-need\n" in path.read_text("utf-8")
