"""Messages that say what is wrong, where, with the way out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY

NORTHGATE = EXAMPLES / "northgate-crm-golive.yaml"
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"


def test_a_bad_render_date_names_its_own_option(cli, workdir: Path) -> None:
    result = cli("render", NORTHGATE, "--date", "2026-13-01", "-o", "-")
    assert result.code == 2
    assert "--date 2026-13-01: not a real date" in result.err
    assert "--today" not in result.err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--status", "bogus", "--status bogus: use one of exploring, proposed"),
        ("--kind", "vendr", "--kind vendr (did you mean vendor?): use one of vendor"),
        ("--kind", "Vendor", "(did you mean vendor?)"),
    ],
)
def test_review_filters_take_only_real_values(
    cli, workdir: Path, option: str, value: str, message: str
) -> None:
    result = cli("review", option, value, EXAMPLES)
    assert result.code == 2
    assert message in result.err


def test_rules_with_a_prefix_lists_those_rules(cli) -> None:
    result = cli("rules", "PK4")
    assert result.code == 0, result.err
    assert "PK401" in result.out and "PK413" in result.out and "PK501" not in result.out


def test_a_typo_in_a_rule_code_suggests_the_rule(cli) -> None:
    result = cli("rules", "PK4O2")
    assert result.code == 2
    assert "(did you mean PK402?)" in result.err


@pytest.mark.parametrize(
    ("written", "meant"), [("biweekly", "fortnightly"), ("Quarterly", "quarterly")]
)
def test_a_synonym_suggests_the_value_the_format_uses(
    cli, workdir: Path, written: str, meant: str
) -> None:
    text = RIVERSIDE.read_text("utf-8")
    assert "  meetings: monthly" in text
    (workdir / "p.yaml").write_text(text.replace("  meetings: monthly", f"  meetings: {written}"))
    out = cli("check", "--no-config", "p.yaml").out
    assert f"`{written}` is not a valid value for `meetings` (did you mean `{meant}`?)" in out


def test_counts_are_in_the_right_number(cli, workdir: Path) -> None:
    shutil.copy(NORTHGATE, workdir / "p.yaml")
    table = cli("review", "--today", TODAY, "-f", "markdown", "p.yaml").out
    assert "1 partnership (" in table and "1 partnerships" not in table
    made = cli("calendar", "--today", TODAY, "-o", "p.ics", "p.yaml")
    assert "from 1 partnership\n" in made.err
