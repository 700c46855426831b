"""Hostile file names, arguments, sheet cells and file lines: nothing forged on stdout or
stderr by any command (issue 29, items 9, 10, 12, 13 and 25)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, TODAY

FORGE = "a\n::error file=README.md,line=1::FORGED\x1b]0;t\x07\x1b[2J\u202e"
NAME = FORGE + ".yaml"
RIVERSIDE = EXAMPLES / "riverside-clinical-onboarding.yaml"
CANDIDATES = ROOT / "tests" / "data" / "candidates.yaml"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _no_forgery(out: str) -> None:
    """No line a CI log reads as a workflow command, and no control character at all."""
    for line in out.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert not _CONTROL.search(out), repr(out[:300])


# Each command that loads one file, in a case where it prints a line about that file.
COMMANDS = {
    "score": ["score", NAME, "--today", TODAY, "--min-score", "100"],
    "review": ["review", NAME, "--today", TODAY],
    "render": ["render", NAME, "--today", TODAY, "--final", "--template", "agreement"],
    "render-written": ["render", NAME, "--today", TODAY],
    "agenda": ["agenda", NAME, "--today", TODAY],
    "form": ["form", NAME],
    "assess": ["assess", NAME, "--today", TODAY],
    "sign": ["sign", NAME, "--partner", "riverside", "--by", "X"],
    "record": ["record", NAME, "--date", "2026-11-20", "--win", "w", "--dry-run"],
    "measure": ["measure", NAME, "--roi"],
    "renew": ["renew", NAME, "--until", "2029-01-01", "--dry-run"],
    "amend": ["amend", NAME, "--summary", "s"],
    "choose": ["choose", NAME, "cmr"],
}


@pytest.mark.parametrize("broken", [False, True], ids=["sound", "broken"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_file_name_never_forges_a_line(cli, workdir: Path, command: str, broken: bool) -> None:
    text = RIVERSIDE.read_text("utf-8")
    if broken:
        text = text.replace("partners:", "partners: [", 1)
    if command in ("choose", "render"):  # below the ready band: --final refuses it
        text = CANDIDATES.read_text("utf-8")
    (workdir / NAME).write_text(text, "utf-8")
    result = cli(*COMMANDS[command])
    assert "internal error" not in result.err
    _no_forgery(result.out + result.err)
    if command != "render-written":  # the case chosen prints the (escaped) name
        assert "FORGED" in result.out + result.err or result.code == 0


def test_a_missing_file_is_named_escaped(cli, workdir: Path) -> None:
    for command in COMMANDS.values():
        result = cli(*command)
        assert result.code == 2, command
        _no_forgery(result.out + result.err)


def test_candidate_names_in_an_editing_error_are_escaped(cli, workdir: Path) -> None:
    text = CANDIDATES.read_text("utf-8").replace(
        "name: CMR Learning Partners", 'name: "x\\n::error::FORGED\\e[2J\\u202e"'
    )
    (workdir / "p.yaml").write_text(text, "utf-8")
    result = cli("choose", "p.yaml", "acme")
    assert result.code == 1 and "no candidate" in result.err
    assert "x\\n::error::FORGED\\x1b[2J\\u202e" in result.err
    _no_forgery(result.out + result.err)


SHEET_HEAD = "respondent,partner,commitment,communication,credibility,clarity,cadence,collaboration"


@pytest.mark.parametrize("column", [1, 2, 3])
def test_sheet_errors_show_cell_text_escaped(cli, workdir: Path, column: int) -> None:
    shutil.copy(RIVERSIDE, workdir / "p.yaml")
    cells = ["Dana", "riverside", "3", "3", "3", "3", "3", "3"]
    cells[column] = '"' + FORGE + '"'
    (workdir / "s.csv").write_text(SHEET_HEAD + ",comments\n" + ",".join(cells) + ",\n")
    result = cli("record", "p.yaml", "--date", "2026-11-20", "--ratings", "s.csv")
    assert result.code in (1, 2) and "FORGED" in result.err
    _no_forgery(result.out + result.err)
    (workdir / "m.csv").write_text(f'criterion,date,value\n"{FORGE}",2026-01-01,"{FORGE}"\n')
    result = cli("measure", "p.yaml", "--from", "m.csv")
    assert result.code in (1, 2) and "FORGED" in result.err
    _no_forgery(result.out + result.err)


ARGUMENTS = [
    ["amend", "p.yaml", "--summary", "s", "--section", FORGE, "--dry-run"],
    ["amend", "p.yaml", "--summary", FORGE, "--section", "terms", "--dry-run"],
    ["check", "-f", FORGE, "."],
    ["check", "--format=" + FORGE, "."],
    ["check", "--bogus" + FORGE, "."],
    ["calendar", "--today", TODAY, ".", "-o", FORGE],
    ["score", "p.yaml", "-f", FORGE],
    ["score", "p.yaml", FORGE],
    ["render", "p.yaml", "-f", FORGE],
    ["review", "--today", FORGE],
    [FORGE],
    ["sign", "p.yaml", "--partner", FORGE, "--by", "b"],
    ["sign", "p.yaml", "--partner", "meridian", "--by", FORGE, "--dry-run", "--force"],
]


@pytest.mark.parametrize("args", ARGUMENTS, ids=[str(i) for i in range(len(ARGUMENTS))])
def test_arguments_are_echoed_escaped(cli, workdir: Path, args: list[str]) -> None:
    shutil.copy(RIVERSIDE, workdir / "p.yaml")
    result = cli(*args)
    assert "internal error" not in result.err
    _no_forgery(result.out + result.err)


@pytest.mark.parametrize("line", ["::error file=README.md::FORGED", "##[error]y", "z\u202ew"])
def test_dry_run_diffs_show_file_lines_escaped(cli, workdir: Path, line: str) -> None:
    """A context line ` ::error …` reads as a command once a CI runner trims the blank;
    `##[` does anywhere in a line. Here one is in the file (context), one is added."""
    text = RIVERSIDE.read_text("utf-8")
    last = "      minutes: minutes/2026-10-15.md"
    text = text.replace(last, f"      minutes: |\n        {line}\n        {line}", 1)
    (workdir / "p.yaml").write_text(text, "utf-8")
    assert cli("check", "--today", TODAY, "p.yaml").code == 0
    result = cli("record", "p.yaml", "--date", "2026-11-20", "--win", f"w {line}", "--dry-run")
    assert result.code == 0, result.err
    assert result.out.startswith("--- a/p.yaml\n+++ b/p.yaml\n@@ ")
    assert result.out.count("\n ") >= 2 and "\n+" in result.out  # context and added lines
    _no_forgery(result.out + result.err)
    if line.startswith("::"):
        assert "\n         \\x3a:error file=README.md::FORGED\n" in result.out


def test_diff_json_escapes_log_commands_and_bidi(cli, workdir: Path) -> None:
    shutil.copy(RIVERSIDE, workdir / "old.yaml")
    text = RIVERSIDE.read_text("utf-8").replace(
        "name: Meridian Clinical Learning", 'name: "##[error]x \\u202eevil"', 1
    )
    (workdir / "p.yaml").write_text(text, "utf-8")
    result = cli("diff", "old.yaml", "p.yaml", "-f", "json")
    assert result.code in (0, 1), result.err
    assert "##[" not in result.out and "\u202e" not in result.out
    assert "##[error]x \u202eevil" in json.dumps(json.loads(result.out), ensure_ascii=False)


@pytest.mark.parametrize("args", [("render", "-o", "-"), ("score", "-f", "md"), ("calendar",)])
def test_bidi_controls_are_not_kept_raw_in_documents(cli, workdir: Path, args: tuple) -> None:
    text = RIVERSIDE.read_text("utf-8").replace(
        "name: Meridian Clinical Learning", 'name: "Meridian \\u202egnp.exe\\u2066x\\u2069"', 1
    )
    (workdir / "p.yaml").write_text(text, "utf-8")
    where = "." if args[0] == "calendar" else "p.yaml"
    result = cli(args[0], where, "--today", TODAY, *args[1:])
    assert result.code in (0, 1), result.err
    assert "Meridian" in result.out
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", result.out)


WRAPPED = " ".join(["word"] * 3 + ["::error::FORGED ##[x] \t::warning::F2"] * 12)


@pytest.mark.parametrize("width", [40, 57, 80, 101, 133, 200])
@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_rich_wrapping_never_starts_a_line_with_a_command(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, width: int, color: bool
) -> None:
    """Rich wraps a long value at its spaces, so any word of it may start a line."""
    text = RIVERSIDE.read_text("utf-8")
    for old in ("name: Meridian Clinical Learning", "deliverable: Simulation-day facilitator guide",
                "title: Clinical onboarding curriculum for new nurses"):  # fmt: skip
        text = text.replace(old, old.split(":")[0] + f': "{WRAPPED}"', 1)
    (workdir / "p.yaml").write_text(text, "utf-8")
    (workdir / "c.yaml").write_text(
        CANDIDATES.read_text("utf-8").replace("CMR Learning Partners", WRAPPED), "utf-8"
    )
    monkeypatch.setenv("COLUMNS", str(width))
    colour = ["--color"] if color else []
    for args in (["review", "p.yaml"], ["review", "."], ["score", "p.yaml"], ["assess", "c.yaml"]):
        result = cli(*args, "--today", TODAY, *colour)
        assert result.code in (0, 1), (args, result.err)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.out)
        assert "::error::FORGED" in plain or args[1] == ".", args  # narrow: no name column
        for line in (result.out + result.err).split("\n"):
            bare = re.sub(r"^(\x1b\[[0-9;]*m|\s)*", "", line)
            assert not bare.startswith("::") and "##[" not in line, (args, line)


def test_templates_lists_user_templates_escaped(cli, workdir: Path) -> None:
    folder = workdir / FORGE
    folder.mkdir()
    (folder / "mine.md.j2").write_text("{# description: x\n::error::FORGED\x1b[2J #}\n", "utf-8")
    (folder / "::error file=a::b.md.j2").write_text("x", "utf-8")
    (folder / "a\n::error::c.md.j2").write_text("x", "utf-8")
    result = cli("templates", "--templates", folder)
    assert result.code == 0, result.err
    assert "mine" in result.out and "FORGED" in result.out
    _no_forgery(result.out + result.err)


START = "::error file=README.md,line=1::FORGED"


def test_lines_that_start_with_a_value_never_start_a_command(cli, workdir: Path) -> None:
    """What measure and choose say starts with a criterion's or a candidate's name."""
    text = RIVERSIDE.read_text("utf-8")
    text = text.replace("    - name: Onboarding completion", f'    - name: "{START}"', 1)
    (workdir / "p.yaml").write_text(text, "utf-8")
    (workdir / "m.csv").write_text(f'criterion,date,value\n"{START}",2026-11-01,50\n', "utf-8")
    measured = cli("measure", "p.yaml", "--from", "m.csv")
    assert measured.code == 0, measured.err
    assert "FORGED" in measured.out + measured.err
    _no_forgery(measured.out + measured.err)
    text = CANDIDATES.read_text("utf-8").replace("name: CMR Learning Partners", f'name: "{START}"')
    (workdir / "c.yaml").write_text(text, "utf-8")
    chosen = cli("choose", "c.yaml", "cmr")
    assert chosen.code == 0, chosen.err
    assert "FORGED" in chosen.out + chosen.err
    _no_forgery(chosen.out + chosen.err)


def test_a_sheet_name_never_starts_a_command(cli, workdir: Path) -> None:
    shutil.copy(RIVERSIDE, workdir / "p.yaml")
    (workdir / f"{START}.csv").write_text("criterion,date,value\nnope,2026-11-01,5\n", "utf-8")
    result = cli("measure", "p.yaml", "--from", f"{START}.csv")
    assert result.code == 1 and "nothing recorded" in result.err
    _no_forgery(result.out + result.err)


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_diff_names_its_files_escaped(cli, workdir: Path, fmt: str) -> None:
    shutil.copy(RIVERSIDE, workdir / "old.yaml")
    shutil.copy(RIVERSIDE, workdir / NAME)
    for new in (NAME, "old.yaml"):
        result = cli("diff", new, "old.yaml" if new == NAME else NAME, "-f", fmt)
        assert result.code in (0, 1), result.err
        assert "FORGED" in result.out
        _no_forgery(result.out + result.err)
