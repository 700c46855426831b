"""HTML to PDF through a real headless Chromium, when one is installed."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from partnerkit.support.errors import UsageError

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
def scratch_folder() -> Iterator[str]:
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
    return _head(fonts).decode("utf-8") + "\n" + _drop_refresh(html)


def confined_page(html: str) -> bytes:
    """`confine(html, fonts=True)` as UTF-8, its large fixed part (the fonts) encoded once."""
    return _head(True) + ("\n" + _drop_refresh(html)).encode("utf-8")


@functools.cache
def _head(fonts: bool) -> bytes:
    policy = (
        f'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">'
    )
    if fonts:
        from partnerkit.documents.pdfmeta import font_faces

        policy += font_faces()
    return policy.encode("utf-8")


def _drop_refresh(html: str) -> str:
    if "http-equiv" not in html.lower():  # attribute names are ASCII, matched without case
        return html
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


def sandbox_note(reason: str) -> None:
    """Say once per run that Chromium prints without its sandbox, and why."""
    if not _warned:
        _warned.append(True)
        sys.stderr.write(
            f"partnerkit: note: {reason}; printing without Chromium's sandbox "
            "(scripts, network and other files stay off)\n"
        )


def print_once(browser: str, page: Path, scratch: Path, timeout: float) -> bytes:
    """Print `page` with a browser started for it alone (where pipes cannot be passed)."""
    out = scratch / "document.pdf"
    out.unlink(missing_ok=True)
    sandbox = hasattr(os, "geteuid") and os.geteuid() != 0

    def command(sandboxed: bool) -> list[str]:
        return [
            browser,
            "--headless",
            *(() if sandboxed else ("--no-sandbox",)),
            "--disable-gpu",
            *OFFLINE_FLAGS,
            f"--user-data-dir={scratch / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]

    try:
        done = _run_browser(command(sandbox), timeout)
        if sandbox and not _printed(out) and "sandbox" in (done.stderr or "").lower():
            sandbox_note("Chromium's sandbox cannot run here")
            done = _run_browser(command(False), timeout)
    except subprocess.TimeoutExpired:
        raise UsageError(f"{browser} did not finish printing the PDF in {timeout:g} s") from None
    if not _printed(out):
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise UsageError(f"{browser} could not print the PDF: {detail[0]}")
    return out.read_bytes()


def _printed(out: Path) -> bool:
    return out.is_file() and out.stat().st_size > 0
