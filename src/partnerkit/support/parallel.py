"""Run a function over many items in worker processes, keeping the items' order.

Knows nothing of partnerships: the pipeline hands it the per-file function.
`multiprocessing` and `concurrent.futures` (with `logging`, `subprocess` and `socket`
behind them) are imported only when workers start: a one-file run, the pre-commit
case, never needs them, and they are a tenth of its start-up.
"""

from __future__ import annotations

import contextlib
import gc
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """Collect cycles less often while working through files.

    Loading allocates many short-lived, acyclic objects (YAML nodes, dicts); the default
    thresholds run the cyclic collector thousands of times for nothing. Long-lived
    objects (modules, models' schemas) are frozen out of its view.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def cores() -> int:
    """The cores this process may use: the most worker processes worth starting."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def workers(asked: int | None) -> int:
    """Worker processes for `--jobs` or the configuration's `jobs`: as asked, never more
    than the cores (`jobs = 100000` started 30 workers on 2 cores); the cores by default."""
    return min(asked, cores()) if asked else cores()


def _chunk(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    with quiet_gc():
        return [func(item) for item in items]


def map_ordered(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    progress: Callable[[], None] | None = None,
    size: int | None = None,
) -> Generator[R, None, None]:
    """`(func(x) for x in items)` over `jobs` processes (`func` must be picklable).

    The items are split into chunks, several per worker for balance (or of `size`
    items: 1 for work as long as a PDF, where balance counts more than hand-offs). Results are
    yielded in the items' order as soon as every chunk before theirs is back, so the
    caller works on the first ones while the workers go on; `progress` is called
    for each item as its chunk comes back, in whatever order that is.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    jobs = min(jobs, cores())
    size = size or max(16, len(items) // (jobs * 4) + 1)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    jobs = min(jobs, len(chunks))  # never more workers than pieces of work
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    done: dict[int, list[R]] = {}
    pool = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context(method), initializer=_leave_ctrl_c_to_parent
    )
    try:
        with signals_held():  # the workers are forked at the first submit
            futures = {pool.submit(_chunk, func, chunk): i for i, chunk in enumerate(chunks)}
        following = 0  # the next chunk to hand on
        for future in as_completed(futures):
            index = futures[future]
            done[index] = future.result()
            if progress is not None:
                for _ in done[index]:
                    progress()
            while following in done:
                yield from done.pop(following)
                following += 1
    except BaseException:  # Ctrl-C, a failure, or the caller stopped: end the workers now
        _stop(pool)
        raise
    pool.shutdown()


_HELD = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for a moment: they arrive right after. While workers are
    forked, and while a file to be written atomically is created (`fsutil`), whose name
    must be known before a stop, to remove it.

    A worker forked but not yet running `_leave_ctrl_c_to_parent` would unwind from Ctrl-C
    with a traceback of its own, and one forked but not yet known to the pool would be
    left waiting for work, with the parent waiting for it at exit.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: workers are spawned, not forked
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _leave_ctrl_c_to_parent() -> None:
    """Workers ignore SIGINT; the parent, which the terminal also signals, ends them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's SIGTERM handler unwinds like Ctrl-C; a worker that inherited it would
    # unwind too when the parent ends it. A worker holds nothing to clean up: it dies at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers at once."""
    # The executor offers no "terminate". Its workers are this process's children, the
    # pool's only ones: so is one forked but not yet recorded by the pool.
    import multiprocessing

    workers = multiprocessing.active_children()
    # The pool's manager thread closes a pipe that the interpreter's exit handler writes
    # to; in Python 3.11 the two race (an EBADF traceback at exit, seen on SIGTERM during a
    # parallel PDF render) unless the thread has finished first. Shutdown forgets it.
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:  # the pool's thread may reap one first: it has ended all the same
        process.join(timeout=5)
    if manager is not None:
        manager.join(timeout=5)
