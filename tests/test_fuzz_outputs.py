"""Seeded fuzz through every command's output path (issue 12), the terminal views at
changing widths and the editing commands with `--dry-run` (issue 29), and every page and
calendar of `partnerkit site` (issue 27); the full run is
`python benchmarks/fuzz_outputs.py --cases 10000`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import fuzz_outputs
import pytest
from fuzz_outputs import run


def test_hostile_values_through_every_output(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    failures = run(cases=200, seed=20261123, batch=100, log=lambda _: None, every=8)
    assert failures == []


def test_a_signal_stops_the_run(monkeypatch) -> None:
    """Ctrl-C or SIGTERM reaches the command in this process, which exits 130 or 143: the
    run stops (it went on with the next command, so only SIGKILL ended a long run)."""
    from partnerkit import entry

    for code in (130, 143):
        monkeypatch.setattr(entry, "main", lambda args, code=code: sys.exit(code))
        with pytest.raises(KeyboardInterrupt):
            fuzz_outputs._call(["check", "x.yaml"])
    monkeypatch.setattr(entry, "main", lambda args: sys.exit(1))
    assert fuzz_outputs._call(["check", "x.yaml"])[0] == 1
