"""HTML to PDF through a real headless Chromium, when one is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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


def html_to_pdf(html: str, *, timeout: float = 120) -> bytes:
    """Print an HTML page to PDF bytes; the page is loaded from a local file, offline."""
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="partnerkit-pdf-") as tmp:
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
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise UsageError(
                f"{browser} did not finish printing the PDF in {timeout:.0f} s"
            ) from None
        if not out.is_file() or out.stat().st_size == 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise UsageError(f"{browser} could not print the PDF: {detail[0]}")
        return out.read_bytes()
