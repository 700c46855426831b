"""What a one-file `check` (the pre-commit case) loads: only what checking needs.

Start-up time itself is measured by `benchmarks/run.py`; this pins the modules behind it,
so that an import added at a module's top cannot quietly slow every commit.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import EXAMPLES, TODAY

ONE_FILE = str(EXAMPLES / "riverside-clinical-onboarding.yaml")

# Each is imported only by the commands and formats that need it.
NOT_FOR_A_CHECK = (
    "typer",  # a plainly written `check` is parsed from the options' one declaration
    "click",
    "rich",  # text output to a pipe or a file is plain
    "jinja2",  # documents only
    "importlib.metadata",  # Pydantic's plugin lookup, switched off by the command line
    "multiprocessing",  # workers start only for many files
    "concurrent.futures",
    "tempfile",  # only when a file is written
    "subprocess",
    "docx",
    "pikepdf",
    "pathspec",  # only when a folder is walked
)


def imported_by(*args: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "partnerkit", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def test_one_file_check_loads_only_what_checking_needs() -> None:
    loaded = imported_by("check", "--no-config", "--today", TODAY, ONE_FILE)
    checked = {"partnerkit.check.pipeline", "partnerkit.check.rules", "pydantic"}
    assert checked <= loaded  # it did check the file
    assert sorted(name for name in NOT_FOR_A_CHECK if name in loaded) == []


def test_the_machine_formats_load_no_more() -> None:
    for fmt in ("json", "github"):
        loaded = imported_by("check", "--no-config", "--today", TODAY, "-f", fmt, ONE_FILE)
        assert sorted(name for name in NOT_FOR_A_CHECK if name in loaded) == [], fmt
