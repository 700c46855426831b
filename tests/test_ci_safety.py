"""CI must not pass what it should fail: selection never hides a broken file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import BAD, EXAMPLES, TODAY


@pytest.fixture
def broken(workdir: Path) -> Path:
    target = workdir / "syntax-error.yaml"
    shutil.copy(BAD / "syntax-error.yaml", target)
    return target


@pytest.mark.parametrize(
    "options",
    [["--select", "PK3"], ["--select", "PK4,PK5"], ["--ignore", "PK1"], ["--ignore", "PK"]],
)
def test_selection_never_hides_a_broken_file(cli, broken: Path, options: list[str]) -> None:
    result = cli("check", "--no-config", *options, broken.name)
    assert result.code == 1, result.out
    assert "error PK101" in result.out


def test_selection_never_hides_a_reference_error(cli, workdir: Path) -> None:
    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
    (workdir / "a.yaml").write_text(text)
    (workdir / "b.yaml").write_text(text)
    result = cli("check", "--no-config", "--today", TODAY, "--select", "PK4", ".")
    assert result.code == 1
    assert "error PK205" in result.out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--select", "foo"], "--select foo: no rule has this code or prefix"),
        (["--select", "PK4,PK9"], "--select PK9: no rule has this code or prefix"),
        (["--ignore", "PK4O2"], "(did you mean PK402?)"),
        (["--ignore", "PK101"], "PK101 always counts as an error"),
    ],
)
def test_unknown_or_protected_code_is_exit_2(
    cli, broken: Path, options: list[str], message: str
) -> None:
    result = cli("check", "--no-config", *options, broken.name)
    assert result.code == 2
    assert message in result.err


def test_comma_lists_and_rule_names_select(cli, workdir: Path) -> None:
    shutil.copy(EXAMPLES / "northgate-crm-golive.yaml", workdir / "p.yaml")
    out = cli(
        "check", "--no-config", "--today", TODAY, "--select", "pk405,one-off-activity", "p.yaml"
    ).out
    codes = {word for word in out.split() if word.startswith("PK")}
    assert codes <= {"PK405", "PK409"}, out
    assert "PK405" in codes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["PK3", "PK47"]\n', "partnerkit.toml:1: `select`: PK47: no rule has this code"),
        ('\nignore = ["PK101"]\n', "partnerkit.toml:2: `ignore`: PK101 always counts"),
        ('[severity]\nPK4O2 = "error"\n', "partnerkit.toml:2: `[severity]` PK4O2: no rule"),
        ('[severity]\nPK110 = "warning"\n', "`severity.PK110`: PK110 always counts as an error"),
    ],
)
def test_unknown_codes_in_the_configuration_are_exit_2(
    cli, broken: Path, text: str, message: str
) -> None:
    (broken.parent / "partnerkit.toml").write_text(text)
    result = cli("check", broken.name)
    assert result.code == 2
    assert message in result.err


def test_a_suppression_comment_cannot_hide_a_broken_file(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(
        "# partnerkit: ignore-file\n" + (BAD / "syntax-error.yaml").read_text("utf-8")
    )
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1
    assert "error PK101" in result.out


NORTHGATE = (EXAMPLES / "northgate-crm-golive.yaml").read_text("utf-8")
COMPOSE = "services:\n  web:\n    image: nginx\n"


def test_only_excluded_files_named_is_nothing_to_check(cli, workdir: Path) -> None:
    (workdir / "partnerkit.toml").write_text('exclude = ["partnerships/drafts"]\n')
    drafts = workdir / "partnerships" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "idea.yaml").write_text("partnerkit: 1\nid: [\n")
    result = cli("check", "partnerships/drafts/idea.yaml")
    assert result.code == 0, result.out + result.err
    assert "nothing to check" in result.err
    result = cli("check", "--exclude", "*.yaml", "--no-config", "partnerships/drafts/idea.yaml")
    assert result.code == 0


def test_a_folder_with_no_yaml_at_all_is_still_exit_2(cli, workdir: Path) -> None:
    (workdir / "notes.txt").write_text("hello")
    assert cli("check", "--no-config", ".").code == 2


@pytest.fixture
def mixed(workdir: Path) -> Path:
    """A partnership beside other YAML, as in a real repository."""
    (workdir / "p.yaml").write_text(NORTHGATE)
    (workdir / "docker-compose.yml").write_text(COMPOSE)
    (workdir / "mkdocs.yaml").write_text("site_name: x\nnav: [\n")  # broken, not ours
    return workdir


def test_scanning_skips_other_yaml(cli, mixed: Path) -> None:
    check = cli("check", "--no-config", "--today", TODAY, ".")
    assert check.code == 0, check.out
    assert "Checked 1 file" in check.out
    review = cli("review", "--today", TODAY, "-f", "json", ".")
    assert review.code == 0, review.out
    summary = json.loads(review.out)["summary"]
    assert (summary["partnerships"], summary["broken"]) == (1, 0)
    assert cli("calendar", "--today", TODAY, ".").code == 0


def test_a_non_partnership_named_explicitly_is_still_pk102(cli, mixed: Path) -> None:
    result = cli("check", "--no-config", "docker-compose.yml")
    assert result.code == 1
    assert "docker-compose.yml:1:1: error PK102" in result.out


def test_scanning_respects_gitignore(cli, workdir: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(workdir)], check=True)
    (workdir / ".gitignore").write_text("build/\n*.generated.yaml\n!keep.generated.yaml\n")
    (workdir / "partnerships").mkdir()
    (workdir / "partnerships" / "p.yaml").write_text(NORTHGATE)
    (workdir / "build").mkdir()
    (workdir / "build" / "copy.yaml").write_text(NORTHGATE)  # would be a duplicate id
    (workdir / "partnerships" / "x.generated.yaml").write_text("partnerkit: 1\nid: [\n")
    (workdir / "partnerships" / ".gitignore").write_text("local-*.yaml\n")
    (workdir / "partnerships" / "local-mine.yaml").write_text("partnerkit: 1\nid: [\n")
    for where in (".", "partnerships"):
        result = cli("check", "--no-config", "--today", TODAY, where)
        assert result.code == 0, result.out
        assert "Checked 1 file" in result.out
    (workdir / "partnerships" / "keep.generated.yaml").write_text("partnerkit: 1\nid: [\n")
    assert cli("check", "--no-config", "--today", TODAY, ".").code == 1


def test_a_folder_named_explicitly_is_checked_even_if_gitignored(cli, workdir: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(workdir)], check=True)
    (workdir / ".gitignore").write_text("generated/\n")
    (workdir / "generated" / "batch").mkdir(parents=True)
    (workdir / "generated" / "batch" / "p.yaml").write_text(NORTHGATE)
    (workdir / "generated" / "batch" / ".gitignore").write_text("scratch-*.yaml\n")
    (workdir / "generated" / "batch" / "scratch-1.yaml").write_text("partnerkit: 1\nid: [\n")
    assert cli("check", "--no-config", "--today", TODAY, ".").code == 2  # nothing left to check
    result = cli("check", "--no-config", "--today", TODAY, "generated/batch")
    assert result.code == 0, result.out
    assert "Checked 1 file" in result.out


DATE_FILE = """\
partnerkit: 1
id: a-b
title: T
kind: vendor
status: exploring
partners:
  - {{id: a, name: A, role: lead}}
  - {{id: b, name: B, role: provider}}
expectations:
  - {{deliverable: X, owner: a, due: {due}}}
"""


@pytest.mark.parametrize(
    "due",
    ["2026-10-01", '"2026-10-01"', "'2026-10-01'", "2026-10-1", '"2026-10-1"', "2026-02-30",
     '"2026-02-30"', "2026-10-01T10:00:00", '"20261001"', '"2026-W40-4"', "next week"],
)  # fmt: skip
def test_check_and_the_published_schema_agree_on_dates(cli, workdir: Path, due: str) -> None:
    import subprocess
    import sys

    (workdir / "p.yaml").write_text(DATE_FILE.format(due=due))
    assert cli("schema", "-o", "schema.json").code == 0
    by_schema = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", "schema.json", "p.yaml"],
        capture_output=True, text=True, check=False,
    ).returncode  # fmt: skip
    checked = cli("check", "--no-config", "--select", "PK1", "p.yaml")
    assert by_schema in (0, 1) and checked.code in (0, 1), checked.err
    assert checked.code == by_schema, checked.out
