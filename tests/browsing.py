"""Helpers of the browser tests of `partnerkit site`: the distribution's Chromium through
Selenium, the sites they browse, and the list of every page a site holds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, TODAY, git

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE = Path(os.environ.get("AXE_CORE_JS") or Path.home() / "node_modules/axe-core/axe.min.js")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
missing = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None, reason="Chromium or chromedriver is not installed"
)


def chrome(profile: Path, downloads: Path, fontconfig: Path | None = None):
    """A headless Chromium that saves downloads in `downloads` without asking; with
    `fontconfig`, one that sees only the fonts that file names."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1280,900"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    # A reader's browser sees the system's fonts: rendering a PDF earlier in the run points
    # this process's fontconfig at partnerkit's own fonts only, which Chromium would inherit
    # (wider text; the printed dashboard came out 1064 px against 1032 after test_site.py).
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER), env=env))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    return driver


def _run(*args: str) -> None:
    from partnerkit.entry import main

    with pytest.raises(SystemExit) as stop:
        main(list(args))
    assert stop.value.code in (0, None), args


def redline_site(factory: pytest.TempPathFactory) -> Path:
    """A site whose one partnership has an amendment signed by one partner of two, so it
    publishes the agreement's redline (`render --redline signed`) beside its documents."""
    repo = factory.mktemp("amended")
    file = repo / "riverside.yaml"
    shutil.copy(EXAMPLES / "riverside-clinical-onboarding.yaml", file)
    git(repo, "init", "-q")
    for partner, by, day in (("riverside", "Lee Park", "2026-02-01"),
                             ("meridian", "Olivia Grant", "2026-02-02")):  # fmt: skip
        _run("sign", str(file), "--partner", partner, "--by", by, "--force", "--date", day)
    git(repo, "add", "riverside.yaml")
    git(repo, "commit", "-q", "-m", "signed")
    file.write_text(file.read_text("utf-8").replace("amount: 48000", "amount: 54000", 1))
    _run("amend", str(file), "--summary", "The fee rises", "--date", "2026-03-01")
    _run("sign", str(file), "--partner", "riverside", "--by", "Lee Park", "--date", "2026-03-02")
    out = repo / "site"
    _run("site", str(file), "-o", str(out), "--today", TODAY, "--no-pdf", "--no-config")
    assert (out / "p" / "riverside-clinical-onboarding" / "agreement-redline.html").is_file()
    return out


def every_page(*sites: Path) -> list[tuple[Path, Path]]:
    """Each HTML page of each site, with its site: the index and filter pages, each
    partnership's page and rating form, and its documents (redline included)."""
    return [(site, page) for site in sites for page in sorted(site.rglob("*.html"))]


def name(site: Path, page: Path) -> str:
    return f"{site.parent.name}/{page.relative_to(site)}"
