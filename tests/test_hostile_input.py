"""Hostile inputs: devices, FIFOs, deep nesting, huge numbers, broken configuration (issue 12)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES

BASE = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_symlink_to_a_device_is_not_read(cli, workdir: Path) -> None:
    (workdir / "zero.yaml").symlink_to("/dev/zero")
    result = cli("check", "--no-config", ".")
    assert result.code == 1
    assert "zero.yaml:1:1: error PK100 cannot read the file: it is not a regular file" in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_does_not_block(cli, workdir: Path) -> None:
    os.mkfifo(workdir / "pipe.yaml")
    (workdir / "p.yaml").write_text(BASE)
    result = cli("check", "--no-config", ".")
    assert "pipe.yaml:1:1: error PK100" in result.out
    assert "Checked 2 files" in result.out


def test_size_limit_is_enforced_while_reading(tmp_path: Path) -> None:
    from partnerkit.support.fsutil import TooLarge, read_limited

    path = tmp_path / "p.yaml"
    path.write_text("x" * 100)
    assert read_limited(path, 100) == b"x" * 100
    with pytest.raises(TooLarge):
        read_limited(path, 99)


@pytest.mark.parametrize(
    ("real", "said", "limit", "expected"),
    [
        (3_000_000, 10, 2_500_000, 2_500_000),  # grew past the limit after fstat
        (3_000_000, 10, 4_000_000, 3_000_000),  # grew, within the limit
        (100, 100, 101, 100),  # as fstat said: read to the end, one byte to spare
        (100, 500, 1_000, 100),  # shrank after fstat
        (0, 0, 10, 0),
    ],
)
def test_reading_follows_the_file_not_its_stated_size(
    tmp_path: Path, real: int, said: int, limit: int, expected: int
) -> None:
    """The size `fstat` gave is where reading starts; a file that grows is read on,
    never past the limit."""
    from partnerkit.support.fsutil import _read_upto

    path = tmp_path / "f"
    path.write_bytes(b"x" * real)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_upto(fd, limit, said) == b"x" * expected
    finally:
        os.close(fd)


def test_deep_nesting_with_an_alias_indicator_is_refused(cli, workdir: Path) -> None:
    nested = "[\n" * 480 + "]\n" * 480  # short lines: under the event scan's bound
    (workdir / "p.yaml").write_text("partnerkit: 1\n# *\nx: " + nested)
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1, result.err
    assert "p.yaml:52:1: error PK105 nesting is deeper than 50 levels" in result.out


@pytest.mark.parametrize("number", ["1e309", "-1e309", "1.5e400"])
def test_non_finite_numbers_are_refused(cli, workdir: Path, number: str) -> None:
    text = BASE.replace("amount: 24000", f"amount: {number}", 1)
    assert text != BASE
    (workdir / "p.yaml").write_text(text)
    line = text[: text.index(number)].count("\n") + 1
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1
    assert f"p.yaml:{line}:" in result.out and "PK112" in result.out
    assert cli("render", "p.yaml", "-o", "-").code == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "partnerkit.toml",
            b'paths = ["\xff"]\n',
            "partnerkit.toml:1: byte 0xff is not valid UTF-8",
        ),
        ("partnerkit.toml", b'templates = "a\\u0000b"\n', "partnerkit.toml:1: `templates`"),
        ("partnerkit.toml", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
        ("pyproject.toml", b"[tool]\npartnerkit = 5\n", "pyproject.toml:2: `tool.partnerkit`"),
        ("pyproject.toml", b"tool = 5\n", "pyproject.toml"),
    ],
)
def test_config_crashes_are_plain_errors(
    cli, workdir: Path, name: str, content: bytes, expected: str
) -> None:
    (workdir / name).write_bytes(content)
    (workdir / "p.yaml").write_text(BASE)
    result = cli("check", "--config", name, "p.yaml")
    assert "internal error" not in result.err
    if name == "pyproject.toml" and content.startswith(b"tool"):
        assert result.code in (0, 1)  # no partnerkit table: defaults
        return
    assert result.code == 2
    assert expected in result.err


def test_jobs_are_capped_at_the_work_available(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    seen: list[int] = []

    class Pool(concurrent.futures.ThreadPoolExecutor):
        def __init__(self, workers: int, **kwargs: object) -> None:
            seen.append(workers)
            super().__init__(workers)

    # Workers' modules are imported when workers start (a one-file run never needs them).
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    for i in range(64):
        (workdir / f"p{i}.yaml").write_text(BASE.replace("id: riverside-clinical", f"id: r{i}", 1))
    result = cli("check", "--no-config", "--jobs", "150", ".")
    assert result.code in (0, 1), result.err
    assert seen and seen[0] <= 4


def test_many_unknown_and_duplicate_keys_are_counted_not_listed(cli, workdir: Path) -> None:
    keys = "".join(f"k{i}: 1\n" for i in range(3000))
    twice = keys + "id: again\n" * 3000
    (workdir / "p.yaml").write_text(BASE.replace("kind: vendor\n", "kind: vendor\n" + twice, 1))
    result = cli("check", "--no-config", "-f", "json", "p.yaml")
    import json

    findings = json.loads(result.out)["files"][0]["findings"]
    assert sum(f["code"] == "PK103" for f in findings) == 51
    assert findings[-1]["message"].startswith("… and 2,950 more duplicate keys")
    (workdir / "p.yaml").write_text(BASE + keys)
    findings = json.loads(cli("check", "--no-config", "-f", "json", "p.yaml").out)["files"][0][
        "findings"
    ]
    unknown = [f for f in findings if f["code"] == "PK110"]
    assert len(unknown) == 51 and unknown[-1]["message"].startswith("… and 2,950 more")
    assert unknown[0]["line"] == BASE.count("\n") + 1


def test_locating_a_key_in_a_large_mapping_uses_an_index() -> None:
    from partnerkit.yamlio import locate, parse

    doc, _ = parse("".join(f"k{i}: {i}\n" for i in range(5000)))
    assert locate(doc.root, ("k4999",)) == (5000, 1, True)
    assert locate(doc.root, ("nope",)) == (1, 1, False)


def _edge_dates(text: str, *, start: str, end: str, next_review: str, notice: int) -> str:
    period = f"period: {{start: {start}, end: {end}}}"
    text = text.replace("period: {start: 2026-01-15, end: 2027-01-14}", period)
    text = text.replace("    notice_days: 60", f"    notice_days: {notice}")
    return text.replace("  next: 2026-12-10", f"  next: {next_review}")


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--no-config", "-f", "json"),
        ("score",),
        ("review",),
        ("calendar",),
        ("render", "-o", "-"),
        ("render", "-t", "agenda", "-o", "-"),
        ("render", "-t", "review-report", "-f", "html", "-o", "-"),
    ],
)
@pytest.mark.parametrize(
    "edges",
    [
        {"start": "0001-01-01", "end": "0001-03-01", "next_review": "9999-12-31", "notice": 36500},
        {"start": "9999-01-01", "end": "9999-12-31", "next_review": "9999-12-31", "notice": 0},
    ],
)
def test_dates_at_the_edges_of_the_calendar(cli, workdir: Path, args, edges) -> None:
    """Arithmetic past year 1 or 9999 is held at the edge; no command stops on it."""
    (workdir / "p.yaml").write_text(_edge_dates(BASE, **edges), "utf-8")
    result = cli(*args, "--today", "2026-11-23", "p.yaml")
    assert result.code in (0, 1), result.err
    assert "internal error" not in result.err


def test_a_notice_period_past_a_hundred_years_is_a_located_finding(cli, workdir: Path) -> None:
    huge = BASE.replace("    notice_days: 60", "    notice_days: 999999999")
    (workdir / "p.yaml").write_text(huge)
    result = cli("check", "--no-config", "p.yaml")
    assert result.code == 1
    assert "p.yaml:85:18: error PK113" in result.out, result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("sheet", ["/dev/zero", "fifo"])
@pytest.mark.parametrize("command", [("record", "--ratings"), ("measure", "--from")])
def test_a_sheet_that_is_a_device_or_fifo_is_refused(
    cli, workdir: Path, sheet: str, command: tuple[str, str]
) -> None:
    """`record --ratings` and `measure --from` read only regular files, and at most 5 MB."""
    (workdir / "p.yaml").write_text(BASE)
    if sheet == "fifo":
        os.mkfifo(workdir / "fifo")
    result = cli(command[0], "p.yaml", command[1], sheet, "--date", "2026-11-20")
    assert result.code == 2, result.err
    assert "cannot read the sheet: it is not a regular file" in result.err
    assert (workdir / "p.yaml").read_text() == BASE


def test_a_sheet_over_the_limit_is_refused(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(BASE)
    (workdir / "big.csv").write_bytes(b"criterion,date,value\n" + b"x" * (6 * 1048576))
    result = cli("measure", "p.yaml", "--from", "big.csv")
    assert result.code == 2 and "over the limit of 5 MB" in result.err, result.err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_gitignore_linked_to_a_device_is_not_read(cli, workdir: Path) -> None:
    """Git stores a symlink as it is: a pull request can make `.gitignore` point at
    /dev/zero, which was read until memory ran out."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(workdir)], check=True)
    (workdir / ".gitignore").symlink_to("/dev/zero")
    (workdir / "p").mkdir()
    (workdir / "p" / "p.yaml").write_text(BASE)
    result = cli("check", "--no-config", "--today", "2026-11-23", "p")
    assert result.code in (0, 1), result.err
    assert "Checked 1 file" in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_diff_of_a_fifo_does_not_block(cli, workdir: Path) -> None:
    os.mkfifo(workdir / "p.yaml")
    result = cli("diff", "p.yaml", "--since", "HEAD")
    assert result.code == 2, result.err


@pytest.mark.parametrize(
    "args",
    [
        ("score",),
        ("review",),
        ("review", "-f", "html"),
        ("render", "-t", "review-report", "-f", "html", "-o", "-"),
        ("render", "-t", "review-report", "-o", "-"),
    ],
)
def test_numbers_at_the_edge_of_floats_are_drawn(cli, workdir: Path, args) -> None:
    """A baseline of -1e308 and a measurement of 1e308: the trend's scale overflowed to NaN."""
    text = BASE.replace("      baseline: 62\n", "      baseline: -1e308\n", 1)
    text = text.replace("      current: 81\n", "      current: 1e308\n", 1)
    text = text.replace(
        "      unit: \"%\"\n      by: 2026-12-31\n",
        "      unit: \"%\"\n      by: 2026-12-31\n      measurements:\n"
        "        - {date: 2026-06-30, value: 1e308}\n        - {date: 2026-09-30, value: -1e308}\n",
        1,
    )
    (workdir / "p.yaml").write_text(text)
    result = cli(*args, "--today", "2026-11-23", "p.yaml")
    assert result.code in (0, 1), result.err
    assert "PK115" not in result.out and "internal error" not in result.err


def _device_node(path: Path) -> None:
    """A character device like /dev/null (1, 3) at `path`; skips when it cannot be made."""
    import stat

    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (AttributeError, PermissionError, OSError):
        pytest.skip("cannot make a device node here (needs root)")


@pytest.mark.parametrize("command", ["check", "review", "calendar", "score", "assess", "diff",
                                     "schema", "form", "render", "agenda"])  # fmt: skip
def test_output_into_a_device_writes_into_it(cli, workdir: Path, command: str) -> None:
    """`-o /dev/null` (here a device node of our own): written into, never replaced by a
    file, with or without --force."""
    import stat

    from test_cli import _WITH_O

    _device_node(workdir / "null")
    result = cli(*_WITH_O[command], "-o", "null")
    assert result.code in (0, 1), result.err
    assert stat.S_ISCHR((workdir / "null").lstat().st_mode)
    assert cli(*_WITH_O[command], "-o", "null", "--force").code in (0, 1)
    assert stat.S_ISCHR((workdir / "null").lstat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_into_a_fifo_goes_to_its_reader(cli, workdir: Path) -> None:
    import json
    import stat
    import threading

    os.mkfifo(workdir / "pipe")
    (workdir / "p.yaml").write_text(BASE)
    got: list[bytes] = []
    reader = threading.Thread(
        target=lambda: got.append((workdir / "pipe").read_bytes()), daemon=True
    )
    reader.start()
    result = cli("check", "--no-config", "-f", "sarif", "-o", "pipe", "p.yaml")
    if not got:  # nothing written: end the reader's wait
        os.close(os.open(workdir / "pipe", os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=60)
    assert result.code in (0, 1), result.err
    assert stat.S_ISFIFO((workdir / "pipe").lstat().st_mode)
    assert json.loads(got[0])["version"] == "2.1.0"


def test_output_through_a_link_keeps_the_link(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(BASE)
    (workdir / "reports").mkdir()
    (workdir / "reports" / "last.json").write_text("{}")
    (workdir / "latest.json").symlink_to("reports/last.json")
    result = cli("check", "--no-config", "-f", "json", "-o", "latest.json", "p.yaml")
    assert result.code in (0, 1), result.err
    assert (workdir / "latest.json").is_symlink()
    assert '"files"' in (workdir / "reports" / "last.json").read_text()
    (workdir / "gone.json").symlink_to("reports/nowhere.json")
    result = cli("check", "--no-config", "-f", "json", "-o", "gone.json", "p.yaml")
    assert result.code == 2
    assert "which does not exist" in result.err
    assert (workdir / "gone.json").is_symlink()


@pytest.mark.skipif(not hasattr(__import__("socket"), "AF_UNIX"), reason="needs sockets")
def test_output_over_a_socket_is_refused(cli, workdir: Path) -> None:
    import socket

    (workdir / "p.yaml").write_text(BASE)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(workdir / "sock"))
        result = cli("check", "--no-config", "-o", "sock", "p.yaml")
        assert result.code == 2
        assert "is a socket, not a file" in result.err
        assert (workdir / "sock").is_socket()


@pytest.mark.parametrize(
    "args",
    [
        ("review", ".", "--today", "9999-12-01"),
        ("review", ".", "--today", "9999-12-31"),
        ("review", "p.yaml", "--today", "9999-12-28"),
        ("score", "p.yaml", "--today", "9999-12-28"),
        ("check", "--no-config", "p.yaml", "--today", "9999-12-31"),
    ],
)
def test_today_at_the_end_of_the_calendar(cli, workdir: Path, args) -> None:
    """`review DIR --today 9999-12-01` was an internal error (the end of the month);
    a payment due within a week of 9999-12-28 too."""
    due = "9999-12-30"
    text = _edge_dates(BASE, start="9999-01-01", end="9999-12-31", next_review=due, notice=0)
    (workdir / "p.yaml").write_text(re.sub(r"due: 2026-\d\d-\d\d", f"due: {due}", text), "utf-8")
    result = cli(*args)
    assert result.code in (0, 1), result.err
    assert "internal error" not in result.err
    assert "PK115" not in result.out  # "a bug in partnerkit"


def test_init_on_the_last_days_of_the_calendar(cli, workdir: Path) -> None:
    result = cli("init", "--today", "9999-12-01", "--no-input", "--partner", "Riverside",
                 "--partner", "Meridian", "p.yaml")  # fmt: skip
    assert result.code == 0, result.err
    assert cli("check", "--no-config", "p.yaml", "--today", "9999-12-01").code == 0


def test_record_past_the_end_of_the_calendar_says_why(cli, workdir: Path) -> None:
    (workdir / "p.yaml").write_text(BASE)  # quarterly cadence
    before = (workdir / "p.yaml").read_bytes()
    result = cli("record", "p.yaml", "--date", "9999-11-30", "--win", "A win")
    assert result.code == 1, result.err
    assert "3 month(s) after 9999-11-30, would fall after 9999-12-31" in result.err
    assert "internal error" not in result.err
    assert (workdir / "p.yaml").read_bytes() == before
    result = cli("record", "p.yaml", "--date", "9999-09-30", "--win", "A win")
    assert result.code == 0, result.err
    assert "next: 9999-12-30" in (workdir / "p.yaml").read_text()


def test_renew_of_a_term_ending_on_the_last_day_refuses(cli, workdir: Path) -> None:
    text = _edge_dates(BASE, start="9999-01-01", end="9999-12-31", next_review="9999-06-01",
                       notice=0)  # fmt: skip
    (workdir / "p.yaml").write_text(text)
    before = (workdir / "p.yaml").read_bytes()
    result = cli("renew", "p.yaml", "--until", "9999-12-31")
    assert result.code == 1, result.err
    assert "the term ends on 9999-12-31, the last day a date can be" in result.err
    assert (workdir / "p.yaml").read_bytes() == before


@pytest.mark.parametrize("where", ["config", "option"])
def test_jobs_are_capped_at_the_cores(
    cli, workdir: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """`jobs = 100000` started 30 workers on 2 cores for 480 files."""
    import concurrent.futures

    seen: list[int] = []

    class Pool(concurrent.futures.ThreadPoolExecutor):
        def __init__(self, workers: int, **kwargs: object) -> None:
            seen.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for i in range(200):
        (workdir / f"p{i}.yaml").write_text(BASE.replace("id: riverside-clinical", f"id: r{i}", 1))
    if where == "config":
        (workdir / "partnerkit.toml").write_text("jobs = 100000\n")
        result = cli("check", ".")
    else:
        result = cli("check", "--no-config", "--jobs", "100000", ".")
    assert result.code in (0, 1), result.err
    assert seen == [2]
