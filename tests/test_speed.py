"""Parallel checking gives the same answer as a serial run; the generator is reproducible.

Speed itself is measured by `benchmarks/run.py`, not asserted here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, TODAY

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write


def test_generator_is_reproducible(tmp_path: Path) -> None:
    a = write(12, tmp_path / "a", seed=3)
    b = write(12, tmp_path / "b", seed=3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    c = write(12, tmp_path / "c", seed=4)
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]


def test_generated_portfolio_has_variety(cli, workdir: Path) -> None:
    write(60, workdir / "p", seed=7)
    import json

    data = json.loads(cli("check", "--no-config", "--today", TODAY, "-f", "json", "p").out)
    bands = {f["score"]["band"] for f in data["files"] if f["score"]}
    assert bands == {"ready", "developing", "not ready"}
    assert any(f["errors"] for f in data["files"])
    assert len({f["findings"][0]["code"] for f in data["files"] if f["findings"]}) > 3


def test_parallel_output_is_identical_to_serial(cli, workdir: Path) -> None:
    write(150, workdir / "p", seed=11)
    for fmt in ("text", "json", "sarif"):
        serial = cli("check", "--no-config", "--today", TODAY, "-f", fmt, "-j", "1", "p")
        parallel = cli("check", "--no-config", "--today", TODAY, "-f", fmt, "-j", "2", "p")
        assert serial.code == parallel.code == 1
        assert serial.out == parallel.out


def test_duplicate_ids_are_found_across_workers(cli, workdir: Path) -> None:
    paths = write(100, workdir / "p", seed=5)
    paths[-1].write_text(paths[0].read_text())
    result = cli("check", "--no-config", "--today", TODAY, "-j", "2", "--select", "PK205", "p")
    assert result.code == 1
    assert f"{paths[-1].relative_to(workdir)}:" in result.out and "PK205" in result.out
