"""Ctrl-C: exit 130 promptly, no traceback, nothing left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(
    args: list[str],
    *,
    ready: Callable[[subprocess.Popen[str]], bool],
    cwd: Path,
    env: dict[str, str],
    within: float = 20,
    sig: signal.Signals = signal.SIGINT,
) -> tuple[int, str, float]:
    """Start partnerkit in its own process group, wait for `ready(process)`, press Ctrl-C.

    SIGTERM goes to partnerkit alone, as `kill` or a cancelled CI job sends it.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "partnerkit", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As a terminal's foreground job: a suite started in the background (`cmd &`)
        # ignores SIGINT, and its children would inherit that.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + within
    while not ready(process) and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    pressed = time.monotonic()
    if sig == signal.SIGINT:
        os.killpg(process.pid, sig)  # a terminal sends it to the whole group
    else:
        process.send_signal(sig)
    _, err = process.communicate(timeout=within)
    return process.returncode, err, time.monotonic() - pressed


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_during_pdf_render_leaves_nothing(tmp_path: Path, sig: signal.Signals) -> None:
    """Many PDFs print on worker processes: a stop ends them all and leaves no part-file."""
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    folder = tmp_path / "partnerships"
    folder.mkdir()
    for n in range(12):
        (folder / f"p{n:02}.yaml").write_text(text.replace("id: riverside-", f"id: p{n}-", 1))
    out = tmp_path / "out"

    def ready(process: subprocess.Popen[str]) -> bool:  # its workers are printing
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True)
        return len(children.stdout.split()) >= 2

    code, err, _ = interrupt(
        ["render", str(folder), "-f", "pdf", "-o", str(out)],
        ready=ready,
        cwd=tmp_path,
        env=dict(os.environ),
        sig=sig,
    )
    assert code == 128 + sig, err  # 130 for Ctrl-C, 143 for SIGTERM
    assert "Traceback" not in err and "internal error" not in err
    time.sleep(0.3)
    written = list(out.iterdir()) if out.exists() else []
    assert len(written) < 12, "stopped before the end"
    for pdf in written:  # whole documents only: no temporary or half-written file
        assert pdf.suffix == ".pdf" and pdf.read_bytes().rstrip().endswith(b"%%EOF"), pdf
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True)
    assert not leftover.stdout.split(), leftover.stdout


def test_ctrl_c_during_a_parallel_check_stops_at_once(tmp_path: Path) -> None:
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    folder = tmp_path / "partnerships"
    folder.mkdir()
    for n in range(3000):
        (folder / f"p{n:04}.yaml").write_text(text.replace("id: riverside-", f"id: p{n}-", 1))
    started = time.monotonic()

    def ready(process: subprocess.Popen[str]) -> bool:
        """The workers have started: about two seconds of work are still ahead of them."""
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        if children.exists():
            return bool(children.read_text().split())
        return time.monotonic() - started > 1.5  # no /proc: imports done, workers busy

    code, err, after = interrupt(
        ["check", "--no-config", "--jobs", "2", "partnerships"],
        ready=ready,
        cwd=tmp_path,
        env={**os.environ, "CI": "true"},
        within=120,
    )
    assert code == 130, err
    assert "Traceback" not in err, err
    assert after < 3, f"took {after:.1f} s to stop"
    time.sleep(0.5)
    leftover = subprocess.run(
        ["pgrep", "-f", "--no-config --jobs 2 partnerships"], capture_output=True, text=True
    ).stdout.split()
    assert not leftover, leftover


def _catches(pid: int, sig: signal.Signals) -> bool:
    """The process has installed its own handler for `sig` (Linux's /proc tells)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        # Between fork and exec the child still has the test process's handlers (the tests
        # that run partnerkit in-process leave its SIGTERM handler there): not it yet.
        started = b"partnerkit" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    if not started:
        return False
    caught = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught, 16) >> (sig - 1) & 1)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_sigterm_exits_143_and_ctrl_c_130(tmp_path: Path, sig: signal.Signals) -> None:
    """A shell reports a process ended by SIGTERM as 143 and by Ctrl-C as 130: so does
    partnerkit, which catches both to clean up (here while it waits for standard input)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "partnerkit", "check", "--no-config", "-"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 20
    while not _catches(process.pid, signal.SIGTERM) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(sig)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 128 + sig, err
    assert "Traceback" not in err
    assert ("terminated" if sig == signal.SIGTERM else "interrupted") in err


def _worker_sleeping() -> None:
    from partnerkit.support.parallel import _leave_ctrl_c_to_parent

    _leave_ctrl_c_to_parent()  # as the pool's initializer does first
    time.sleep(60)


def test_stopping_ends_a_worker_the_pool_has_not_recorded_yet() -> None:
    """Ctrl-C between a worker's fork and the pool recording it: the worker is ended too,
    instead of waiting for work while the parent waits for it at exit."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from partnerkit.support.parallel import _stop, signals_held

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(1, mp_context=context)
    with signals_held():  # as the pool's workers are forked
        stray = context.Process(target=_worker_sleeping)
        stray.start()
    started = time.monotonic()
    _stop(pool)
    assert not stray.is_alive() and time.monotonic() - started < 5


def test_a_worker_forked_while_ctrl_c_is_held_still_ends_on_sigterm() -> None:
    """Workers are forked with Ctrl-C and SIGTERM held; each lets them through again."""
    import multiprocessing

    from partnerkit.support.parallel import signals_held

    with signals_held():
        process = multiprocessing.get_context("fork").Process(target=_worker_sleeping)
        process.start()
    time.sleep(0.5)  # the worker has set its handlers
    process.terminate()
    process.join(timeout=5)
    assert process.exitcode == -signal.SIGTERM


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stopping_a_parallel_site_build_leaves_nothing_half_written(
    tmp_path: Path, sig: signal.Signals
) -> None:
    """Partnerships are built on worker processes and written by the command: a stop
    mid-build ends the workers and leaves whole files only, and no manifest claiming
    what was not built."""
    import zipfile

    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text("utf-8")
    folder = tmp_path / "partnerships"
    folder.mkdir()
    for n in range(16):
        (folder / f"p{n:02}.yaml").write_text(text.replace("id: riverside-", f"id: p{n}-", 1))
    out = tmp_path / "site"

    def ready(process: subprocess.Popen[str]) -> bool:  # workers busy, some pages written
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True)
        pages = list(out.glob("p/*/index.html")) if out.exists() else []
        return len(children.stdout.split()) >= 2 and len(pages) >= 1

    code, err, _ = interrupt(
        ["site", str(folder), "-o", str(out), "--no-pdf", "--jobs", "2", "--no-config"],
        ready=ready,
        cwd=tmp_path,
        env=dict(os.environ),
        within=60,
        sig=sig,
    )
    assert code == 128 + sig, err
    assert "Traceback" not in err and "internal error" not in err
    time.sleep(0.3)
    assert len(list(out.glob("p/*/index.html"))) < 16, "stopped before the end"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not (out / ".partnerkit-site.json").exists()
    for docx in out.rglob("*.docx"):  # whole documents only
        with zipfile.ZipFile(docx) as package:
            assert package.testzip() is None
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True)
    assert not leftover.stdout.split(), leftover.stdout
