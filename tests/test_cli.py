"""The command line: exit codes, options, output shape."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BAD, EXAMPLES, NO_SHELL_FOUND, ROOT, TODAY

README = ROOT / "README.md"
DATA = Path(__file__).resolve().parent / "data"


def test_examples_are_clean_of_errors(cli) -> None:
    result = cli("check", "--no-config", EXAMPLES)
    assert result.code == 0, result.out
    assert ": error " not in result.out
    assert "Checked 4 files: 0 errors" in result.out


def test_version(cli) -> None:
    from partnerkit import __version__

    assert cli("--version").out == f"partnerkit {__version__}\n"


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("check", "schema"):
        assert f"  {command} " in result.out


def test_missing_path_is_exit_2(cli, workdir: Path) -> None:
    result = cli("check", "does-not-exist.yaml")
    assert result.code == 2
    assert "does-not-exist.yaml: no such file or folder" in result.err


def test_unknown_option_is_exit_2(cli) -> None:
    result = cli("check", "--no-such-option")
    assert result.code == 2


def test_bad_today_is_exit_2(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text("partnerkit: 1\n")
    result = cli("check", "--today", "tomorrow", "p.yaml")
    assert result.code == 2
    assert "YYYY-MM-DD" in result.err


def test_folder_without_yaml_is_exit_2(cli, workdir: Path) -> None:
    (workdir / "notes.txt").write_text("hello")
    result = cli("check", ".")
    assert result.code == 2
    assert "no YAML files found" in result.err


def test_broken_file_is_exit_1_not_2(cli, monkeypatch) -> None:
    monkeypatch.chdir(BAD)
    assert cli("check", "--no-config", "syntax-error.yaml").code == 1


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnerkit", "check", "--no-config", str(EXAMPLES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_hidden_folders_and_other_suffixes_are_skipped(cli, workdir: Path) -> None:
    (workdir / ".github").mkdir()
    (workdir / ".github" / "ci.yaml").write_text("on: push\n")
    (workdir / "notes.json").write_text("{}")
    (workdir / "p.yml").write_text((EXAMPLES / "northgate-crm-golive.yaml").read_text())
    result = cli("check", "--no-config", ".")
    assert result.code == 0, result.out
    assert "Checked 1 file" in result.out


def test_exclude_glob(cli, workdir: Path) -> None:
    (workdir / "broken.yaml").write_text("partnerkit: 1\nid: [\n")
    (workdir / "p.yaml").write_text((EXAMPLES / "northgate-crm-golive.yaml").read_text())
    assert cli("check", "--no-config", ".").code == 1
    assert cli("check", "--no-config", "--exclude", "broken.yaml", ".").code == 0


def test_max_file_size(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text((EXAMPLES / "northgate-crm-golive.yaml").read_text())
    result = cli("check", "--no-config", "--max-file-size", "1kb", "p.yaml")
    assert result.code == 1
    assert "p.yaml:1:1: error PK105 the file is" in result.out


def test_duplicate_id_across_files(cli, workdir: Path) -> None:
    text = (EXAMPLES / "northgate-crm-golive.yaml").read_text()
    (workdir / "a.yaml").write_text(text)
    (workdir / "b.yaml").write_text(text)
    result = cli("check", "--no-config", ".")
    assert result.code == 1
    assert (
        "b.yaml:5:5: error PK205 the id `northgate-crm-golive` is already used by a.yaml:5"
        in result.out
    )


def test_fast_help_lists_exactly_the_typer_commands(cli) -> None:
    import typer.main

    from partnerkit.cli import app
    from partnerkit.commands_index import COMMANDS

    group = typer.main.get_command(app)
    assert set(group.commands) == set(COMMANDS)  # type: ignore[attr-defined]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help == COMMANDS[name]
    assert cli().err == cli("--help").out == cli("-h").out
    for name, summary in COMMANDS.items():
        assert f"  {name}" in cli("--help").out and summary in cli("--help").out


@pytest.mark.parametrize("command", ["render", "agenda"])
def test_a_document_command_summary_names_every_format_it_writes(command: str) -> None:
    """`partnerkit --help` and `COMMAND --help` say what `-f` offers: Word too."""
    from partnerkit.commands.render import RenderFormat
    from partnerkit.commands_index import COMMANDS

    words = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "docx": "Word"}
    for fmt in RenderFormat:
        assert re.search(rf"\b({fmt.value}|{words[fmt.value]})\b", COMMANDS[command]), fmt


def test_unwritable_outputs_are_plain_errors(cli, workdir: Path) -> None:
    (workdir / "a-file").write_text("x")
    result = cli("init", "--repo", "a-file")
    assert result.code == 2 and "is a file" in result.err
    blocked = cli("schema", "-o", "a-file/schema.json")
    assert blocked.code == 2 and "cannot write a-file/schema.json" in blocked.err
    assert cli("templates", "--templates", "nowhere").code == 2
    assert cli("check", "--max-file-size", "0", str(EXAMPLES)).code == 2


@pytest.mark.parametrize(
    "args",
    [["rules"], ["rules", "PK4"], ["check", "--no-config", str(EXAMPLES)], ["schema"],
     ["review", "--today", "2026-11-23", str(EXAMPLES)]],
)  # fmt: skip
def test_a_closed_pipe_is_a_quiet_exit_0(args: list[str]) -> None:
    """`partnerkit rules | head -1`: the reader stopped reading, which is not an error."""
    import os

    read, write = os.pipe()
    os.close(read)  # the reader is gone before partnerkit writes anything
    try:
        done = subprocess.run(
            [sys.executable, "-m", "partnerkit", *args],
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def _output_row() -> tuple[list[str], list[str]]:
    """The README's `-o` row: the commands whose output is replaced, and those kept."""
    row = next(line for line in README.read_text("utf-8").splitlines() if "`--output` |" in line)
    replaced, kept = row.split("|")[2].split("(reports: replaced)")
    return re.findall(r"`([a-z]+)`", replaced), re.findall(r"`([a-z]+)`", kept.split("(")[0])


_REPLACED, _KEPT = _output_row()
NORTHGATE = EXAMPLES / "northgate-crm-golive.yaml"
_WITH_O = {
    "check": ["check", "--today", TODAY, EXAMPLES],
    "review": ["review", "--today", TODAY, EXAMPLES],
    "calendar": ["calendar", "--today", TODAY, EXAMPLES],
    "score": ["score", "--today", TODAY, NORTHGATE],
    "assess": ["assess", "--today", TODAY, DATA / "candidates.yaml"],
    "diff": ["diff", NORTHGATE, EXAMPLES / "harbor-county-early-learning.yaml"],
    "schema": ["schema"],
    "form": ["form", NORTHGATE],
    "render": ["render", NORTHGATE],
    "agenda": ["agenda", "--today", TODAY, NORTHGATE],
    "terms": ["terms", "vendor"],
}  # fmt: skip


def test_the_readme_names_every_command_with_an_output() -> None:
    assert sorted(_REPLACED + _KEPT) == sorted(_WITH_O)


@pytest.mark.parametrize("command", _REPLACED)
def test_report_output_is_replaced_as_the_readme_says(cli, workdir: Path, command: str) -> None:
    """The README's `check -f sarif -o partnerkit.sarif`, run twice: every report's `-o`
    replaces the file, as every linter's does."""
    (workdir / "report.out").write_text("an old report\n")
    result = cli(*_WITH_O[command], "-o", "report.out")
    assert result.code in (0, 1), result.err
    first = (workdir / "report.out").read_bytes()
    assert first != b"an old report\n"
    again = cli(*_WITH_O[command], "-o", "report.out")
    assert again.code == result.code, again.err
    assert (workdir / "report.out").read_bytes() == first


@pytest.mark.parametrize("command", _KEPT)
def test_documents_and_sheets_are_kept_as_the_readme_says(
    cli, workdir: Path, command: str
) -> None:
    """A document, or a rating sheet someone may have filled in, is replaced only with --force."""
    target = workdir / ("sheet.csv" if command == "form" else "doc.md")
    target.write_text("filled in by hand\n")
    again = cli(*_WITH_O[command], "-o", target.name)
    assert again.code == 2 and "--force" in again.err
    assert target.read_text() == "filled in by hand\n"
    assert cli(*_WITH_O[command], "-o", target.name, "--force").code in (0, 1)
    assert target.read_text() != "filled in by hand\n"


def test_an_output_under_a_file_says_so(cli, workdir: Path) -> None:
    (workdir / "afile").write_text("x")
    result = cli("check", "-o", "afile/report.txt", EXAMPLES)
    assert result.code == 2
    assert "afile is a file, not a folder" in result.err


def test_paths_are_shown_as_given(cli, workdir: Path) -> None:
    absolute = BAD / "syntax-error.yaml"
    out = cli("check", "--no-config", absolute).out
    assert out.startswith(f"{absolute}:7:9: error PK101")


def test_no_arguments_is_usage_and_exit_2(cli) -> None:
    result = cli()
    assert result.code == 2
    assert result.out == "" and result.err.startswith("Usage: partnerkit")


def no_shell_among_parents(folder: Path) -> dict[str, str]:
    """An environment where looking for a shell among the parent processes finds none,
    as under CI, an editor or a test runner started without one."""
    import os

    (folder / "shellingham.py").write_text(NO_SHELL_FOUND)
    return {**os.environ, "PYTHONPATH": str(folder), "SHELL": "/bin/zsh"}


def completing(words: str) -> list[str]:
    """What the shell is offered for the last of `words` (bash's protocol)."""
    import os

    env = {**os.environ, "_PARTNERKIT_COMPLETE": "complete_bash",
           "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "partnerkit"], env=env, capture_output=True, text=True, check=False
    )
    return done.stdout.split()


def test_shell_completion_is_offered_and_answers(tmp_path: Path) -> None:
    assert "check" in completing("partnerkit ch")
    env = no_shell_among_parents(tmp_path)
    shown = subprocess.run(
        [sys.executable, "-m", "partnerkit", "--show-completion", "bash"],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "_PARTNERKIT_COMPLETE" in shown.stdout and "COMP_WORDS" in shown.stdout
    login = subprocess.run(
        [sys.executable, "-m", "partnerkit", "--show-completion"],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert login.returncode == 0 and login.stdout.startswith("#compdef partnerkit"), login.stderr


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("partnerkit rules PK40", {"PK401", "PK402", "PK405"}),
        ("partnerkit rules pk50", {"pk501", "pk502"}),  # as typed: codes are read in any case
        ("partnerkit check --select PK3", {"PK301", "PK310"}),
        ("partnerkit check --ignore unmeasurable", {"unmeasurable-criterion"}),
        ("partnerkit init --kind ", {"vendor", "internal", "community", "school", "other"}),
        ("partnerkit review --kind sch", {"school"}),
        ("partnerkit render x.yaml -t ", {"agreement", "mou", "one-pager", "checklist"}),
        ("partnerkit check -f sa", {"sarif"}),
    ],
)
def test_completion_offers_codes_kinds_templates_and_formats(
    words: str, offered: set[str]
) -> None:
    got = set(completing(words))
    assert offered <= got, got
    typed = words.rsplit(" ", 1)[1].lower()
    assert all(value.lower().startswith(typed) for value in got), got


def test_verbose_lists_what_scanning_left_out(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text((EXAMPLES / "northgate-crm-golive.yaml").read_text())
    (workdir / "docker-compose.yml").write_text("services: {}\n")
    quiet = cli("check", "--no-config", ".")
    assert "docker-compose" not in quiet.err
    loud = cli("check", "--no-config", "-v", ".")
    assert "skipped docker-compose.yml: no `partnerkit:` key" in loud.err
