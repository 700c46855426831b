"""HTML to PDF through a real headless Chromium, when one is installed."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
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


# The page may only use what it carries inline: no scripts, frames, objects or fetches
# (a template's `<iframe src=file:///etc/passwd>` or `<img src=http://…>` loads nothing).
# It is written before the template's own markup, so it governs all of it.
CONTENT_POLICY = (
    "default-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; "
    "child-src 'none'; connect-src 'none'; style-src 'unsafe-inline' data:; img-src data:; "
    "font-src data:; media-src 'none'; base-uri 'none'; form-action 'none'"
)
# Scripts are off through the policy (`script-src 'none'`: Chromium's own switch for
# scripts stops headless printing). Belt and braces under the policy: every host name
# unresolvable, every request through a proxy that does not exist.
OFFLINE_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
)
_warned: list[bool] = []


def confine(html: str, *, fonts: bool = False) -> str:
    """The page with the content policy first and no `<meta http-equiv=refresh>` redirects.

    A refresh is the one navigation that needs neither scripts nor fetches (it could
    send the printer to another local file), so it is dropped before printing.
    """
    policy = (
        f'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">'
    )
    if fonts:
        from partnerkit.pdfmeta import font_faces

        policy += font_faces()
    return policy + "\n" + _drop_refresh(html)


def _drop_refresh(html: str) -> str:
    from html.parser import HTMLParser

    spans: list[tuple[int, int]] = []
    starts = [0]
    for line in html.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    class Finder(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            equiv = next((v or "" for k, v in attrs if k == "http-equiv"), "")
            if tag == "meta" and equiv.strip().lower() != "content-security-policy" and equiv:
                line, col = self.getpos()
                start = starts[line - 1] + col
                spans.append((start, start + len(self.get_starttag_text() or "")))

        handle_startendtag = handle_starttag

    finder = Finder(convert_charrefs=True)
    finder.feed(html)
    finder.close()
    for start, end in reversed(spans):
        html = html[:start] + html[end:]
    return html


def _sandbox_note(reason: str) -> None:
    """Say once per run that Chromium prints without its sandbox, and why."""
    if not _warned:
        _warned.append(True)
        sys.stderr.write(
            f"partnerkit: note: {reason}; printing without Chromium's sandbox "
            "(scripts, network and other files stay off)\n"
        )


def html_to_pdf(
    html: str,
    *,
    timeout: float = 120,
    title: str = "",
    subject: str = "",
    date: dt.date | None = None,
) -> bytes:
    """Print an HTML page to PDF bytes: offline, scripts off, nothing from outside the page.

    Chromium's sandbox is on unless it cannot run (as root, or without user
    namespaces); then partnerkit says so once and prints without it.
    """
    browser = find_browser()
    sandbox = hasattr(os, "geteuid") and os.geteuid() != 0
    if not sandbox:
        _sandbox_note("Chromium refuses its sandbox when run as root")
    with _scratch_folder() as tmp:
        page = Path(tmp) / "document.html"
        out = Path(tmp) / "document.pdf"
        page.write_text(confine(html, fonts=True), "utf-8")

        def command(sandboxed: bool) -> list[str]:
            return [
                browser,
                "--headless",
                *(() if sandboxed else ("--no-sandbox",)),
                "--disable-gpu",
                *OFFLINE_FLAGS,
                f"--user-data-dir={Path(tmp) / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ]

        try:
            done = _run_browser(command(sandbox), timeout)
            if sandbox and not _printed(out) and "sandbox" in (done.stderr or "").lower():
                _sandbox_note("Chromium's sandbox cannot run here")
                done = _run_browser(command(False), timeout)
        except subprocess.TimeoutExpired:
            raise UsageError(
                f"{browser} did not finish printing the PDF in {timeout:.0f} s"
            ) from None
        if not _printed(out):
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise UsageError(f"{browser} could not print the PDF: {detail[0]}")
        from partnerkit.pdfmeta import fix_metadata

        return fix_metadata(out.read_bytes(), title=title, subject=subject, date=date)


def _printed(out: Path) -> bool:
    return out.is_file() and out.stat().st_size > 0
