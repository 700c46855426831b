"""Shared test helpers: run the CLI in-process and read its exit code and output."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BAD = Path(__file__).resolve().parent / "bad"
SHARED = ROOT.parent / "shared"
TODAY = "2026-11-23"
NO_SHELL_FOUND = """\
class ShellDetectionFailure(EnvironmentError):
    pass


def detect_shell(pid=None, max_depth=10):
    raise ShellDetectionFailure()  # as when no shell is among the parent processes
"""
"""A stand-in for `shellingham` (on PYTHONPATH) that finds no shell, as under CI or an editor."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files from current output."
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Call `partnerkit ARGS...` in-process; returns exit code, stdout and stderr."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    from partnerkit.entry import main

    def run(*args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, with no configuration above it that could leak in."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`init` behaves as at a terminal (it asks for what is missing) unless --no-input."""
    monkeypatch.setattr("partnerkit.commands.init._can_prompt", lambda opts: not opts.no_input)


def git(repo: Path, *args: str) -> None:
    """Run git in `repo` as a fixed author, unaffected by the user's configuration."""
    subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )


def examples_site(factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped examples, without PDFs, built once for a test module."""
    from partnerkit.entry import main

    out = factory.mktemp("site") / "site"
    with pytest.raises(SystemExit) as stop:
        main(["site", str(EXAMPLES), "-o", str(out), "--today", TODAY, "--no-pdf", "--no-config"])
    assert stop.value.code in (0, None)
    return out
