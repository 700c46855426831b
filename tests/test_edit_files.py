"""Writing an edited file: two edits at once, read-only files, owners, hard links,
line endings (issue 29, items 1, 6, 7 and 8)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from partnerkit.commands import editfile
from partnerkit.commands.editfile import edit_file
from partnerkit.editing.edit import Append, Set, apply

from conftest import EXAMPLES

SOURCE = EXAMPLES / "riverside-clinical-onboarding.yaml"
CYCLE = Path(__file__).resolve().parent / "data" / "cycle" / "hospital-roi.yaml"


def _retitle(target: object) -> list[Set]:
    return [Set(("title",), "A new title")]


@pytest.fixture
def file(tmp_path: Path) -> Path:
    target = tmp_path / "p.yaml"
    shutil.copy(SOURCE, target)
    return target


def test_a_write_landing_after_the_read_is_not_lost(
    file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another edit lands right after the file was read and checked: the edit made
    from the older text is refused, and the other edit stays."""
    real = editfile.load_sound
    theirs = file.read_text("utf-8").replace("status: active", "status: renewing", 1)

    def read_then_someone_writes(*args: object, **kwargs: object) -> object:
        sound = real(*args, **kwargs)  # type: ignore[arg-type]
        file.write_text(theirs, "utf-8")
        return sound

    monkeypatch.setattr(editfile, "load_sound", read_then_someone_writes)
    assert edit_file(file, _retitle) == 1
    assert file.read_text("utf-8") == theirs
    assert "changed while partnerkit was reading it" in capsys.readouterr().err


def test_a_write_landing_after_the_plan_is_not_lost(file: Path) -> None:
    """Another edit lands while the edit is planned: refused, the other edit stays."""
    theirs = file.read_text("utf-8").replace("status: active", "status: renewing", 1)

    def plan(target: object) -> list[Set]:
        file.write_text(theirs, "utf-8")
        return [Set(("title",), "A new title")]

    assert edit_file(file, plan) == 1
    assert file.read_text("utf-8") == theirs


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX")
def test_an_edit_waits_for_the_lock_another_edit_holds(
    file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    from partnerkit.editing import writing

    monkeypatch.setattr(writing, "LOCK_WAIT", 0.3)
    before = file.read_bytes()
    with open(file, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert edit_file(file, _retitle) == 1
        assert file.read_bytes() == before
        assert "another command has been editing" in capsys.readouterr().err
    assert edit_file(file, _retitle) == 0  # released: the edit goes through


RESULTS = "criterion,date,value\nTime to independent practice,2027-{month:02d}-{day:02d},{value}\n"


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX")
def test_racing_edits_of_real_processes_all_land(tmp_path: Path) -> None:
    """Six `measure` commands at once, three times: every one exits 0 and its
    measurement is in the file."""
    env = {**os.environ, "NO_COLOR": "1"}
    for round_ in range(3):
        target = tmp_path / f"r{round_}.yaml"
        shutil.copy(CYCLE, target)
        sheets = []
        for i in range(6):
            sheet = tmp_path / f"r{round_}-{i}.csv"
            sheet.write_text(RESULTS.format(month=i + 1, day=round_ + 1, value=9 + i / 10))
            sheets.append(sheet)
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "partnerkit",
                    "measure",
                    "--no-config",
                    str(target),
                    "--from",
                    str(s),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                text=True,
            )
            for s in sheets
        ]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert all(code == 0 for code, _ in outcomes), outcomes
        data = yaml.safe_load(target.read_text("utf-8"))
        criterion = next(
            c for c in data["success"]["criteria"] if c["name"] == "Time to independent practice"
        )
        got = {str(m["date"]) for m in criterion["measurements"]}
        assert {f"2027-{i + 1:02d}-{round_ + 1:02d}" for i in range(6)} <= got


def test_a_read_only_file_is_refused(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chmod(file, 0o444)
    before = file.read_bytes()
    assert edit_file(file, _retitle) == 1
    assert file.read_bytes() == before
    assert stat.S_IMODE(file.stat().st_mode) == 0o444
    assert "read-only (mode 0444)" in capsys.readouterr().err
    assert edit_file(file, _retitle, dry_run=True) == 0  # showing the change is fine


def test_a_read_only_file_is_refused_by_the_commands(cli, tmp_path: Path) -> None:
    target = tmp_path / "hospital-roi.yaml"
    shutil.copy(CYCLE, target)
    os.chmod(target, 0o444)
    before = target.read_bytes()
    result = cli("record", target, "--date", "2026-12-10", "--win", "A win")
    assert result.code == 1
    assert "read-only" in result.err and "Traceback" not in result.err
    assert target.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_an_edit_as_root_keeps_the_owner_and_group(file: Path) -> None:
    os.chown(file, 65534, 65534)
    os.chmod(file, 0o600)
    assert edit_file(file, _retitle) == 0
    info = file.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert "title: A new title" in file.read_text("utf-8")


def test_a_broken_hard_link_is_told(
    file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other-name.yaml"
    os.link(file, other)
    assert edit_file(file, _retitle) == 0
    assert "other name (hard link)" in capsys.readouterr().err
    assert "title: A new title" in file.read_text("utf-8")


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_an_edit_keeps_the_line_ending_style(ending: str) -> None:
    old = ending.join(["a: 1", "b: [x]", "c:", "  - y", ""])
    new = apply(old, [Set(("a",), 5), Append(("c",), {"k": "v", "n": 2}), Set(("b",), [1, 2])])
    others = {"\r", "\n", "\r\n"} - {ending}
    assert new.split(ending)[:-1] == ["a: 5", "b: [1, 2]", "c:", "  - y", "  - k: v", "    n: 2"]
    if ending != "\r\n":
        assert not any(o in new for o in others)


def test_a_file_with_cr_line_endings_keeps_them_through_record(cli, tmp_path: Path) -> None:
    target = tmp_path / "hospital-roi.yaml"
    target.write_bytes(CYCLE.read_bytes().replace(b"\n", b"\r"))
    result = cli("record", target, "--date", "2026-12-10", "--win", "Agency hours halved")
    assert result.code == 0, result.out + result.err
    raw = target.read_bytes()
    assert b"\n" not in raw
    assert b"Agency hours halved" in raw


@pytest.mark.parametrize(
    "args",
    [
        ["record", "--date", "2026-12-10", "--win", ""],
        ["record", "--date", "2026-12-10", "--win", "A win", "--concern", "  "],
        ["record", "--date", "2026-12-10", "--adjustment", ""],
        ["record", "--date", "2026-12-10", "--win", "A win", "--minutes", ""],
        ["amend", "--summary", "Fees", "--section", ""],
        ["sign", "--partner", "riverside", "--by", "Lee Park", "--force", "--title", " "],
    ],
)
def test_empty_free_text_is_refused_before_the_file_is_touched(
    cli, tmp_path: Path, args: list[str]
) -> None:
    """`record --win ""` wrote a file that `check` then failed, and every editing
    command refused it after."""
    target = tmp_path / "hospital-roi.yaml"
    shutil.copy(CYCLE, target)
    before = target.read_bytes()
    result = cli(args[0], target, *args[1:])
    assert result.code == 2, result.out + result.err
    assert f"{args[-2]} is empty" in result.err
    assert target.read_bytes() == before
    assert cli("check", "--no-config", target, "--today", "2026-11-01").code == 0


def test_an_edit_that_would_fail_the_check_is_refused(
    file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the command, the edited text must pass the check before it is shown or
    written: here a status the format does not know."""
    before = file.read_bytes()
    for dry_run in (False, True):
        assert edit_file(file, lambda t: [Set(("status",), "bogus")], dry_run=dry_run) == 1
        err = capsys.readouterr().err
        assert "the edit would leave the file with errors, so it was left as it is" in err
        assert "status" in err
        assert file.read_bytes() == before


BLOCK_SIGNED = (
    "    signed:\n"
    "      by: Lee Park          # signed in person\n"
    "      title: Chief Nursing Officer\n"
    "      date: 2026-01-10   # at the kickoff\n"
)


def test_sign_over_a_block_signature_keeps_its_comments(cli, file: Path) -> None:
    """`sign` replaced a block-style `signed:` whole: the comment on `by:` was dropped and
    the `date:` line's comment moved to the new `terms:` line."""
    text = file.read_text("utf-8").replace(
        "    signed: {by: Lee Park, title: Chief Nursing Officer, date: 2026-01-10}\n",
        BLOCK_SIGNED,
    )
    file.write_text(text, "utf-8")
    result = cli("sign", file, "--partner", "riverside", "--by", "Lee Park", "--date",
                 "2026-02-01", "--force")  # fmt: skip
    assert result.code == 0, result.out + result.err
    after = file.read_text("utf-8")
    assert "      by: Lee Park          # signed in person\n" in after
    assert "      title: Chief Nursing Officer\n" in after
    assert "      date: 2026-02-01   # at the kickoff\n" in after
    terms = next(x for x in after.splitlines() if x.startswith("      terms: "))
    assert "#" not in terms
    removed = set(text.splitlines()) - set(after.splitlines())
    assert removed == {"      date: 2026-01-10   # at the kickoff"}


def test_setting_a_block_mapping_changes_only_the_keys_that_change() -> None:
    old = "s:\n  a: 1   # one\n  b: 2  # two\n  c: 3\nz: 0\n"
    new = apply(old, [Set(("s",), {"a": 1, "b": 5, "d": 4})])
    assert new == "s:\n  a: 1   # one\n  b: 5  # two\n  d: 4\nz: 0\n"
    assert apply("s:\n  a: 1\n", [Set(("s",), {"a": True})]) == "s:\n  a: true\n"
    assert apply("s: {a: 1}\n", [Set(("s",), {"a": 2, "b": 3})]) == "s: {a: 2, b: 3}\n"
