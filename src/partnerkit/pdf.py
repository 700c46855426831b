"""HTML to PDF through a real headless Chromium, when one is installed."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from partnerkit.errors import UsageError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser() -> str:
    """`PARTNERKIT_CHROMIUM`, or the first Chromium-family browser on PATH."""
    configured = os.environ.get("PARTNERKIT_CHROMIUM")
    if configured:
        if shutil.which(configured) or Path(configured).is_file():
            return configured
        raise UsageError(f"PARTNERKIT_CHROMIUM={configured}: no such program")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise UsageError(
        "PDF output needs a headless Chromium, and none was found. Install one "
        "(Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome) or set "
        "PARTNERKIT_CHROMIUM to its path; HTML output (--format html) works without it"
    )


def _run_browser(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run the browser in its own process group, and end the whole group on any exit.

    Chromium starts helper processes that keep writing to its profile; killing only
    the main process (what `subprocess.run` does on Ctrl-C or a timeout) leaves them
    behind, and the scratch folder cannot be removed.
    """
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except BaseException:  # a timeout, Ctrl-C: no browser outlives partnerkit
            with contextlib.suppress(OSError):
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)
                else:  # Windows: no process groups to signal
                    process.kill()
            process.wait()
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


@contextlib.contextmanager
def _scratch_folder() -> Iterator[str]:
    """A private temporary folder, removed however the block ends (even on Ctrl-C)."""
    tmp = tempfile.mkdtemp(prefix="partnerkit-pdf-")
    try:
        yield tmp
    finally:
        for _ in range(50):  # helpers killed a moment ago may still be closing files
            shutil.rmtree(tmp, ignore_errors=True)
            if not os.path.exists(tmp):
                break
            time.sleep(0.02)


def html_to_pdf(html: str, *, timeout: float = 120) -> bytes:
    """Print an HTML page to PDF bytes; the page is loaded from a local file, offline."""
    browser = find_browser()
    with _scratch_folder() as tmp:
        page = Path(tmp) / "document.html"
        out = Path(tmp) / "document.pdf"
        page.write_text(html, "utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = _run_browser(command, timeout)
        except subprocess.TimeoutExpired:
            raise UsageError(
                f"{browser} did not finish printing the PDF in {timeout:.0f} s"
            ) from None
        if not out.is_file() or out.stat().st_size == 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise UsageError(f"{browser} could not print the PDF: {detail[0]}")
        return out.read_bytes()
