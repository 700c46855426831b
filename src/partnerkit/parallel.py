"""Check files in worker processes; the result is identical to a serial run, in order."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from partnerkit.checker import FileReport, check_file
from partnerkit.config import Config


def _check_chunk(
    paths: list[Path], config: Config, today: dt.date, detail: bool
) -> list[FileReport]:
    from partnerkit.checker import quiet_gc

    with quiet_gc():
        return [check_file(p, config, today, detail) for p in paths]


def check_parallel(
    paths: list[Path],
    config: Config,
    today: dt.date,
    jobs: int,
    progress: Callable[[], None] | None = None,
    detail: bool = True,
) -> list[FileReport]:
    """Split the files into chunks (several per worker, for balance) and keep their order."""
    size = max(16, len(paths) // (jobs * 4) + 1)
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    results: list[list[FileReport]] = [[] for _ in chunks]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        futures = {
            pool.submit(_check_chunk, chunk, config, today, detail): i
            for i, chunk in enumerate(chunks)
        }
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            if progress is not None:
                for _ in results[index]:
                    progress()
    return [report for chunk in results for report in chunk]
