"""Parallel checking gives the same answer as a serial run; the generator is reproducible.

Speed itself is measured by `benchmarks/run.py`, not asserted here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def test_an_id_used_three_times_across_chunks_is_told_to_the_later_files(
    cli, workdir: Path
) -> None:
    """Files are finished as their chunk comes back, in order: the id's first file keeps
    it, each later one is told, whichever worker checked it."""
    paths = write(120, workdir / "p", seed=5)
    first, second, third = paths[0], paths[50], paths[110]
    second.write_text(first.read_text())
    third.write_text(first.read_text())
    runs = [
        cli("check", "--no-config", "--today", TODAY, "-j", jobs, "--select", "PK205", "p")
        for jobs in ("1", "2")
    ]
    assert runs[0].out == runs[1].out
    told = [line for line in runs[1].out.splitlines() if "PK205" in line]
    assert [line.split(":")[0] for line in told] == [
        str(second.relative_to(workdir)),
        str(third.relative_to(workdir)),
    ]
    assert all(f"already used by {first.relative_to(workdir)}:2;" in line for line in told)


def _slow_first(n: int) -> int:
    import time

    time.sleep(0.2 if n < 16 else 0)  # the first chunk comes back last
    return n * n


def test_results_come_in_order_whatever_order_chunks_finish() -> None:
    from partnerkit.support.parallel import map_ordered

    ticks: list[None] = []
    results = list(map_ordered(_slow_first, list(range(100)), 2, lambda: ticks.append(None)))
    assert results == [n * n for n in range(100)]
    assert len(ticks) == 100


_EXAMINE: list[Callable[..., Any]] = []  # the real pass, for workers forked from the test


def _slow_past_the_first_chunk(path: Path, **kwargs: Any) -> Any:
    import time

    if int(path.stem.rsplit("-", 1)[-1]) >= 19:  # write() numbers its files from 0
        time.sleep(60)  # a worker still busy when Ctrl-C comes, unless it is ended
    return _EXAMINE[0](path, **kwargs)


def test_ctrl_c_while_a_file_is_finished_ends_the_workers_at_once(
    workdir: Path, monkeypatch
) -> None:
    """The parent finishes files while the workers go on; Ctrl-C there (not inside the
    wait for a chunk) must end them at once, not leave them running until they finish."""
    import datetime as dt
    import multiprocessing
    from multiprocessing.connection import wait

    import pytest

    from partnerkit.check import pipeline
    from partnerkit.check.config import Config

    def ctrl_c(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    paths = write(150, workdir / "p", seed=3)
    _EXAMINE[:] = [pipeline.examine]
    monkeypatch.setattr(pipeline, "examine", _slow_past_the_first_chunk)
    monkeypatch.setattr(pipeline, "finish", ctrl_c)  # as the first file is finished
    before = set(multiprocessing.active_children())
    with pytest.raises(KeyboardInterrupt) as caught:
        pipeline.examine_paths(paths, Config(), dt.date.fromisoformat(TODAY), jobs=2)
    # While the interrupt is still held (as the command line holds it until it exits
    # with 130), no worker is left running. A worker's sentinel is ready once it has
    # ended; its exit code may not be known yet, as the pool's thread may be reaping it.
    workers = set(multiprocessing.active_children()) - before
    assert caught.traceback and all(wait([worker.sentinel], 0) for worker in workers)
