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
        ("--status", "bogus", "--status bogus: use one of heard, exploring, proposed"),
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


EMPTY_SECTIONS = """\
partnerkit: 1
id: a-b
title: T
kind: vendor
status: exploring
partners:
  - {id: a, name: A, role: lead}
  - {id: b, name: B, role: provider}
stakeholders: []
costs: []
expectations: []
changes:
"""


@pytest.mark.parametrize(
    ("code", "where"), [("PK410", "9:1"), ("PK303", "10:1"), ("PK304", "11:1"), ("PK305", "12:1")]
)
def test_an_empty_section_is_reported_at_its_key(cli, workdir: Path, code: str, where: str) -> None:
    (workdir / "p.yaml").write_text(EMPTY_SECTIONS)
    result = cli("check", "--no-config", "-f", "github", "p.yaml")
    assert f"file=p.yaml,line={where.split(':')[0]},col=1" in next(
        line for line in result.out.splitlines() if f"title={code}" in line
    )
    text = cli("check", "--no-config", "p.yaml").out
    assert f"p.yaml:{where}: warning {code} " in text


def _uncomment_examples(text: str) -> str:
    """What a user does with the scaffold: remove `# ` from the indented example lines."""
    import re

    return re.sub(r"(?m)^(\s+)# ( *)(?=[-{a-z_])", r"\1\2", text)


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
def test_the_scaffold_examples_can_be_uncommented(cli, workdir: Path, kind: str) -> None:
    assert cli("init", "--kind", kind, "--partner", "A", "--partner", "B").code == 0
    target = workdir / "partnerships" / "a-b.yaml"
    edited = _uncomment_examples(target.read_text("utf-8"))
    assert "  - deliverable: Needs analysis" in edited and "  manager:\n    name:" in edited
    target.write_text(edited)
    out = cli("check", "--no-config", "--today", TODAY, target).out
    assert "PK101" not in out, out
    assert " PK304 " not in out and " PK309 " not in out  # Q4 and Q9 now answered


def test_readme_names_every_file_and_reference_code() -> None:
    from partnerkit.check.rules import all_rules

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [c for c in all_rules() if c[:3] in ("PK1", "PK2") and f"({c})" not in readme]
    assert not missing, missing
    assert "0 errors and some warnings" in readme  # what a good first run looks like


def test_unknown_keys_are_answered_with_the_keys_a_file_writes(cli, workdir: Path) -> None:
    text = (EXAMPLES / "lakeview-literacy-coaching.yaml").read_text("utf-8")
    assert "    - {for: Provider fees for year one coaching (spring" in text
    (workdir / "p.yaml").write_text(text.replace("    - {for: Provider", "    - {fro: Provider", 1))
    out = cli("check", "--no-config", "p.yaml").out
    assert "unknown key `fro` (did you mean `for`?)" in out
    assert "for_" not in out
