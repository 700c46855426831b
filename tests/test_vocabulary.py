"""One vocabulary across commands: options, format names, metavars, messages (issue 11, 15-16).

Users learn one command and expect the rest: the same option means the same thing
everywhere it makes sense, a format has one name (its other spelling accepted), help
names values in plain words, and no message carries the validation layer's wording.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnerkit.commands_index import COMMANDS

from conftest import EXAMPLES, NO_SHELL_FOUND, TODAY

EXAMPLE = EXAMPLES / "riverside-clinical-onboarding.yaml"

# Which shared options each command has: the table of the audit (issue 11, item 15).
SHARED = {
    "check": {"--config", "--no-config", "--strict", "--no-strict", "--color", "--jobs",
              "--today", "--output", "--quiet", "--verbose"},
    "review": {"--config", "--no-config", "--strict", "--no-strict", "--color", "--jobs",
               "--today", "--output", "--quiet", "--verbose"},
    "calendar": {"--config", "--no-config", "--jobs", "--today", "--output", "--quiet",
                 "--verbose"},
    "render": {"--config", "--no-config", "--today", "--output", "--quiet", "--verbose"},
    "score": {"--config", "--no-config", "--color", "--today", "--output", "--quiet"},
    "assess": {"--config", "--no-config", "--color", "--today", "--output"},
    "agenda": {"--config", "--no-config", "--today", "--output"},
    "form": {"--config", "--no-config", "--output"},
    "diff": {"--output"},
    "schema": {"--output"},
    "rules": {"--color"},
}  # fmt: skip


def _help(cli, command: str) -> str:
    result = cli(command, "--help")
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_names_values_in_plain_words(cli, command: str) -> None:
    text = _help(cli, command)
    types = r"<(?:str|int|float|path|bool|list\[|[a-z-]+\|)[^>]*>|range>|list\["
    assert not re.search(types, text, re.IGNORECASE), text


@pytest.mark.parametrize("command", sorted(SHARED))
def test_shared_options_are_where_they_make_sense(cli, command: str) -> None:
    text = _help(cli, command)
    have = set(re.findall(r"(--[a-z][a-z-]+)", text))
    assert SHARED[command] <= have, SHARED[command] - have


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_with_a_config_can_ignore_it(cli, command: str) -> None:
    text = _help(cli, command)
    if "--config" in text:
        assert "--no-config" in text


@pytest.mark.parametrize(
    ("args", "same"),
    [
        (("review", EXAMPLES, "-f", "table"), ("review", EXAMPLES, "-f", "text")),
        (("review", EXAMPLES, "-f", "markdown"), ("review", EXAMPLES, "-f", "md")),
        (("score", EXAMPLE, "-f", "markdown"), ("score", EXAMPLE, "-f", "md")),
        (("check", EXAMPLE, "-f", "table"), ("check", EXAMPLE, "-f", "text")),
        (("render", EXAMPLE, "-o", "-", "-f", "markdown"), ("render", EXAMPLE, "-o", "-")),
        (("assess", EXAMPLES / "northgate-crm-golive.yaml", "-f", "markdown"),
         ("assess", EXAMPLES / "northgate-crm-golive.yaml", "-f", "md")),
    ],
)  # fmt: skip
def test_format_names_and_their_aliases_mean_the_same(cli, args, same) -> None:
    first, second = cli(*args, "--today", TODAY), cli(*same, "--today", TODAY)
    assert first.code == second.code and first.code in (0, 1), first.err
    assert first.out == second.out


def test_the_fast_path_reads_aliases_too() -> None:
    from partnerkit.commands.options import parse
    from partnerkit.commands.review import ReviewFormat, ReviewOptions

    opts = parse(ReviewOptions, ["-f", "table"])
    assert opts is not None and opts.format is ReviewFormat.text


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-j", "0", "."),
        ("check", "--min-score", "abc", "."),
        ("check", "--min-score", "200", "."),
        ("review", "-f", "bogus"),
        ("review", "--due-within", "-1"),
        ("render", EXAMPLE, "-f", "doc"),
    ],
)
def test_bad_values_are_told_plainly(cli, workdir: Path, args) -> None:
    result = cli(*args)
    assert result.code == 2
    assert "Value error" not in result.err and "Input should" not in result.err, result.err
    assert "Traceback" not in result.err


def test_a_bad_format_names_the_choices(cli) -> None:
    err = cli("review", "-f", "tabel").err
    assert "did you mean text?" in err and "text, json, csv, md, html" in err


def test_review_strict_can_be_switched_off(cli, workdir: Path) -> None:
    (workdir / "partnerkit.toml").write_text("strict = true\n")
    shutil.copy(EXAMPLE, workdir / "p.yaml")
    assert cli("review", "--today", TODAY).code == 1
    assert cli("review", "--today", TODAY, "--no-strict").code == 0
    assert cli("review", "--today", TODAY, "--no-config").code == 0


def test_calendar_walks_a_folder_skipping_other_yaml(cli, workdir: Path) -> None:
    shutil.copy(EXAMPLE, workdir / "p.yaml")
    (workdir / "docker-compose.yml").write_text("services: {}\n")
    result = cli("calendar", ".", "--today", TODAY)
    assert result.code == 0, result.err
    assert "BEGIN:VEVENT" in result.out


# review FILE in other formats: the one partnership's detail, not a one-row portfolio.


def test_review_file_json_is_the_detail(cli) -> None:
    result = cli("review", EXAMPLE, "-f", "json", "--today", TODAY)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["format"] == "partnerkit-review" and data["version"] == 1
    assert data["id"] == "riverside-clinical-onboarding"
    assert data["path"] == str(EXAMPLE)
    assert {"readiness", "health", "questions", "next_actions", "partners", "criteria",
            "deliverables", "reviews", "next_review"} <= set(data)  # fmt: skip
    assert "partnerships" not in data  # not the portfolio's shape
    assert any(d["overdue"] for d in data["deliverables"])


def test_review_file_html_is_the_detail(cli, workdir: Path) -> None:
    result = cli("review", EXAMPLE, "-f", "html", "-o", "detail.html", "--today", TODAY)
    assert result.code == 0, result.err
    page = (workdir / "detail.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Clinical onboarding curriculum for new nurses" in page
    assert "Review history" in page and "Six C" in page
    assert "Partnership portfolio" not in page


# -q / -v, standard input, completion.


def test_check_quiet_prints_only_failures_and_the_summary(cli) -> None:
    loud = cli("check", "--no-config", "--today", TODAY, EXAMPLE)
    quiet = cli("check", "--no-config", "--today", TODAY, "-q", EXAMPLE)
    assert "warning" in loud.out and loud.code == quiet.code == 0
    assert quiet.out == loud.out.splitlines()[-1] + "\n"
    strict = cli("check", "--no-config", "--today", TODAY, "-q", "--strict", EXAMPLE)
    assert strict.code == 1 and "warning PK" in strict.out


def test_quiet_and_verbose_elsewhere(cli, workdir: Path) -> None:
    shutil.copy(EXAMPLE, workdir / "p.yaml")
    (workdir / "docker-compose.yml").write_text("services: {}\n")
    assert cli("score", "p.yaml", "-q", "--today", TODAY).out == "p.yaml: readiness 94 (ready)\n"
    assert cli("calendar", "-q", "-o", "c.ics", "--today", TODAY).err == ""
    assert "docker-compose.yml" in cli("calendar", "-v", "-o", "c.ics", "--today", TODAY).err
    assert cli("render", ".", "-q", "--today", TODAY).err == ""
    assert "docker-compose.yml" in cli("review", "-v", "--today", TODAY).err


def test_check_reads_standard_input(workdir: Path) -> None:
    (workdir / "partnerkit.toml").write_text('exclude = ["archive/*"]\n')

    def check(*args: str, data: bytes) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "partnerkit", "check", "--today", TODAY, *args],
            input=data.decode(), capture_output=True, text=True, check=False,
        )  # fmt: skip

    broken = b"partnerkit: 1\nid: [\n"
    done = check("-", data=broken)
    assert done.returncode == 1 and done.stdout.startswith("<stdin>:3:1: error PK101")
    named = check("-", "--stdin-filename", "partnerships/x.yaml", data=broken)
    assert named.stdout.startswith("partnerships/x.yaml:3:1: error PK101")
    skipped = check("-", "--stdin-filename", "archive/old.yaml", data=broken)
    assert skipped.returncode == 0, skipped.stdout
    good = check("-", "-f", "json", data=EXAMPLE.read_bytes())
    assert json.loads(good.stdout)["files"][0]["errors"] == 0
    assert check("-", ".", data=broken).returncode == 2


def test_install_completion_writes_the_script(tmp_path: Path) -> None:
    """The shell named is the one installed for, whatever runs the command."""
    (tmp_path / "shellingham.py").write_text(NO_SHELL_FOUND)  # no shell among the parents
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/zsh", "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "partnerkit", "--install-completion", "bash"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "partnerkit.sh"
    assert "_PARTNERKIT_COMPLETE" in script.read_text()


def test_filters_that_match_nothing_say_so(cli) -> None:
    result = cli("review", EXAMPLES, "--status", "ended", "--today", TODAY)
    assert result.code == 0 and "0 partnerships (none match the filters)" in result.out
