"""Many pages to PDF through one headless Chromium, driven over its DevTools pipe.

`printer()` gives a `Printer` for a whole run: the browser starts once, on a thread
of its own, and prints each page while partnerkit prepares the next (`submit`). Every
page keeps what `pdf` guarantees for one: the content policy, scripts off, no network,
the sandbox unless it cannot run, and the scratch folder and browser gone however the
run ends.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from partnerkit.documents.devtools import Browser, BrowserGone, CallFailed
from partnerkit.documents.pdf import (
    OFFLINE_FLAGS,
    confined_page,
    find_browser,
    print_once,
    sandbox_note,
    scratch_folder,
)
from partnerkit.support.errors import UsageError

# Pipes at fixed descriptors (3 and 4) need POSIX; elsewhere a browser per page.
PIPES = os.name == "posix"
# Pages printed at once, each in a tab of its own (its own renderer process): two keep
# two cores busy, and the next page renders in partnerkit meanwhile.
PAGES_AT_ONCE = 2
# What `chromium --headless --print-to-pdf --no-pdf-header-footer` asks of the printer.
PRINT_OPTIONS = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}


class Printer:
    """One headless Chromium that prints every page it is given (started at the first).

    Pages are written to the scratch folder one at a time and opened from there, so
    each prints exactly as a page opened on Chromium's command line would.
    """

    def __init__(self, browser: str, scratch: Path, timeout: float) -> None:
        self.program, self.scratch, self.timeout = browser, scratch, timeout
        self._browser: Browser | None = None
        self._tab = threading.local()  # each printing thread's own tab (its session id)
        self._count = 0
        self._stopping = False
        self._lock = threading.Lock()
        self._starting = threading.Lock()
        self._worker = ThreadPoolExecutor(PAGES_AT_ONCE, thread_name_prefix="partnerkit-pdf")

    @property
    def ahead(self) -> int:
        """How many pages to keep submitted beyond the one awaited, so none waits idle."""
        return PAGES_AT_ONCE

    def submit(
        self, html: str, *, title: str = "", subject: str = "", date: dt.date | None = None
    ) -> Callable[[], bytes]:
        """Start printing `html`; the returned function waits for the PDF bytes.

        Pages print in the order given, `PAGES_AT_ONCE` at a time; metadata is fixed
        (see `pdfmeta`) when the bytes are asked for, while the browser prints on.
        """
        self._count += 1
        page = self.scratch / f"document-{self._count}.html"
        printing: Future[bytes] = self._worker.submit(self._print_page, html, page)

        def result() -> bytes:
            from partnerkit.documents.pdfmeta import fix_metadata

            return fix_metadata(printing.result(), title=title, subject=subject, date=date)

        return result

    def print(
        self, html: str, *, title: str = "", subject: str = "", date: dt.date | None = None
    ) -> bytes:
        """The page as PDF bytes with fixed metadata."""
        return self.submit(html, title=title, subject=subject, date=date)()

    def _print_page(self, html: str, page: Path) -> bytes:
        page.write_bytes(confined_page(html))
        try:
            if not PIPES:
                return print_once(self.program, page, self.scratch, self.timeout)
            return self._print(page)
        finally:
            page.unlink(missing_ok=True)

    def _print(self, page: Path) -> bytes:
        with self._starting:  # the first page starts the browser; the others wait for it
            browser = self._browser or self._start()
        timeout = self.timeout
        try:
            session = getattr(self._tab, "session", "") or self._open_tab(browser)
            self._tab.session = session
            browser.forget(session)
            opened = browser.call("Page.navigate", {"url": page.as_uri()}, session=session,
                                  timeout=timeout)  # fmt: skip
            if opened.get("errorText"):
                raise CallFailed(f"cannot open the page: {opened['errorText']}")
            browser.wait_for("Page.loadEventFired", session=session, timeout=timeout)
            printed = browser.call("Page.printToPDF", PRINT_OPTIONS, session=session,
                                   timeout=timeout)  # fmt: skip
        except TimeoutError:
            raise UsageError(
                f"{self.program} did not finish printing the PDF in {timeout:g} s"
            ) from None
        except (BrowserGone, CallFailed) as exc:
            raise UsageError(f"{self.program} could not print the PDF: {self._why(exc)}") from None
        return base64.b64decode(printed.get("data", ""))

    def _start(self) -> Browser:
        """Start the browser with its sandbox, or without when the sandbox cannot run."""
        sandbox = hasattr(os, "geteuid") and os.geteuid() != 0
        if not sandbox:
            sandbox_note("Chromium refuses its sandbox when run as root")
        try:
            try:
                return self._launch(sandbox)
            except BrowserGone:
                if not (sandbox and "sandbox" in self._log().lower()):
                    raise
            sandbox_note("Chromium's sandbox cannot run here")
            return self._launch(False)
        except TimeoutError:
            raise UsageError(f"{self.program} did not start in {self.timeout:g} s") from None
        except (BrowserGone, CallFailed) as exc:
            raise UsageError(f"{self.program} could not start: {self._why(exc)}") from None

    def _launch(self, sandboxed: bool) -> Browser:
        command = [
            self.program,
            "--headless",
            *(() if sandboxed else ("--no-sandbox",)),
            "--disable-gpu",
            *OFFLINE_FLAGS,
            f"--user-data-dir={self.scratch / 'profile'}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        with self._lock:  # `close` either sees this browser or stops it being started
            if self._stopping:
                raise BrowserGone
            browser = self._browser = Browser(command, self.scratch / "browser.log")
        try:
            browser.call("Browser.getVersion", timeout=self.timeout)  # it has started
        except BaseException:
            self._browser = None
            browser.close(graceful=False)
            raise
        return browser

    def _open_tab(self, browser: Browser) -> str:
        """A tab for this thread's pages, scripts off: its session id.

        Each page is a new navigation, so nothing of the page before remains; what
        the renderer numbers across pages (the PDF's structure tags) `pdfmeta`
        numbers again, so a page prints the same bytes first or twentieth (tested).
        """
        timeout = self.timeout
        target = browser.call("Target.createTarget", {"url": "about:blank"}, timeout=timeout)
        attached = browser.call("Target.attachToTarget",
                                {"targetId": target["targetId"], "flatten": True},
                                timeout=timeout)  # fmt: skip
        session = str(attached["sessionId"])
        browser.call("Page.enable", session=session, timeout=timeout)
        # Under the content policy's `script-src 'none'`, scripts are off twice.
        browser.call("Emulation.setScriptExecutionDisabled", {"value": True},
                     session=session, timeout=timeout)  # fmt: skip
        return session

    def _log(self) -> str:
        try:
            return (self.scratch / "browser.log").read_text("utf-8", "replace")
        except OSError:
            return ""

    def _why(self, exc: Exception) -> str:
        lines = [line for line in self._log().splitlines() if line.strip()]
        return str(exc) or (lines[-1].strip() if lines else "it stopped without a message")

    def close(self, *, graceful: bool = True) -> None:
        """End the browser, if one was started, and the thread that drives it.

        Not `graceful` (Ctrl-C, an error): the browser is killed first, so a page
        being printed ends at once and the thread stops.
        """
        with self._lock:
            self._stopping = True
            browser = self._browser
        if not graceful and browser is not None:
            browser.kill()
        self._worker.shutdown(wait=True, cancel_futures=True)
        if self._browser is not None:
            self._browser.close(graceful=graceful)
            self._browser = None


@contextlib.contextmanager
def printer(timeout: float = 120) -> Iterator[Printer]:
    """A `Printer` whose browser and scratch folder are gone when the block ends, however."""
    program = find_browser()
    with scratch_folder() as tmp:
        job = Printer(program, Path(tmp), timeout)
        try:
            yield job
        except BaseException:  # Ctrl-C, SIGTERM, an error: no browser outlives partnerkit
            job.close(graceful=False)
            raise
        job.close()


def html_to_pdf(
    html: str,
    *,
    timeout: float = 120,
    title: str = "",
    subject: str = "",
    date: dt.date | None = None,
) -> bytes:
    """Print one HTML page to PDF bytes: offline, scripts off, nothing from outside the page.

    Chromium's sandbox is on unless it cannot run (as root, or without user
    namespaces); then partnerkit says so once and prints without it. To print many
    pages, use `printer()`: one browser prints them all.
    """
    with printer(timeout) as job:
        return job.print(html, title=title, subject=subject, date=date)
